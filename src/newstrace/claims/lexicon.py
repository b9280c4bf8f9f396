"""Word lists shared by the claim rules, the model features and the quote parser.

Kept in one place so that the model's hand features and the rule layer agree on what a
hedge or an attribution verb is. All entries are lower case.
"""

from __future__ import annotations

import re

# Verbs that introduce reported speech (direct or indirect), in the forms news prose uses.
SPEECH_VERBS = frozenset(
    """said says say saying told tells tell added adds stated states noted notes explained
    explains wrote writes asked asks replied replies insisted insists argued argues
    claimed claims declared declares announced announces warned warns remarked remarks
    commented comments continued continues recalled recalls confirmed confirms admitted
    admits tweeted tweets posted acknowledged acknowledges stressed stresses emphasized
    emphasised emphasizes emphasises urged urges observed observes concluded concludes
    responded responds reported reports testified testifies maintained maintains quipped
    joked complained complains predicted predicts promised promises vowed vows denied
    denies alleged alleges assured assures revealed reveals disclosed discloses
    mentioned mentions suggested suggests conceded concedes countered counters
    elaborated boasted shouted screamed whispered cautioned cautions underlined
    underscored underscores pointed highlighted highlights affirmed reiterated
    reiterates announced informed informs repeated answered wondered recounted exclaimed
    reads telling adding warning claiming insisting noting stating explaining reporting""".split()
)

# Speech verbs that take the hearer as object ("told Nasha Niva newspaper", "assured
# reporters"): the object is the venue or audience, not the speaker.
HEARER_VERBS = frozenset("told tells tell assured assures informed informs".split())

# Words that mark a statement as hedged / speculative. Multi-word entries are matched as
# phrases; single words as whole words.
HEDGES = (
    "may well",
    "might well",
    "could well",
    "may",
    "might",
    "could",
    "would likely",
    "likely",
    "unlikely",
    "possibly",
    "possible",
    "perhaps",
    "probably",
    "probable",
    "presumably",
    "apparently",
    "apparent",
    "allegedly",
    "reportedly",
    "supposedly",
    "seemingly",
    "it seems",
    "seems to",
    "seem to",
    "appears to",
    "appear to",
    "it appears",
    "obviously pointing to",
    "pointing to the fact",
    "is expected to",
    "are expected to",
    "potentially",
    "speculate",
    "speculation",
    "rumoured",
    "rumored",
    "suspected",
    "ultimately lead",
    "could lead",
    "may lead",
    "might lead",
    "would mean",
    "in the future",
)

# Markers of the writer's (or speaker's) evaluation rather than a checkable fact.
OPINION_MARKERS = (
    "obviously",
    "naturally",
    "clearly",
    "of course",
    "undoubtedly",
    "surely",
    "i think",
    "we think",
    "i believe",
    "we believe",
    "in my view",
    "in our view",
    "in my opinion",
    "it is clear",
    "it's clear",
    "no doubt",
    "should",
    "must",
    "ought to",
    "very serious threat",
    "shameful",
    "disgraceful",
    "outrageous",
    "ridiculous",
    "absurd",
    "terrible",
    "wonderful",
    "great",
    "best",
    "worst",
    "unfortunately",
    "fortunately",
    "sadly",
    "hopefully",
    "i hope",
    "we hope",
    "i feel",
    "let me",
    "let's",
    "let us",
)

# Causal connectives: a causal assertion between named things is a claim worth checking.
CAUSAL_MARKERS = (
    "led to",
    "leads to",
    "lead to",
    "resulted in",
    "results in",
    "caused",
    "causes",
    "because of",
    "due to",
    "as a result of",
    "thanks to",
    "the reason for this",
    "triggered",
    "prompted",
    "forced",
)

FIRST_PERSON = frozenset("i we me us my our mine ours myself ourselves".split())

MONTHS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)

# Head nouns of roles and titles ("the head of ...", "defence chief", "a spokesman").
ROLE_NOUNS = frozenset(
    """head chief minister secretary president vice-president premier chancellor spokesman
    spokeswoman spokesperson director official officials officer commander general
    ambassador envoy governor mayor senator representative congressman congresswoman
    chairman chairwoman chair ceo founder leader adviser advisor aide analyst expert
    professor researcher scientist author editor reporter correspondent prosecutor judge
    lawyer attorney manager executive deputy diplomat lawmaker mp king queen prince
    princess pope bishop sheriff coroner captain colonel lieutenant sergeant inspector
    superintendent detective police policeman spokespeople source sources witness
    witnesses resident residents father mother brother sister son daughter wife husband
    friend neighbour neighbor owner producer actor actress singer star player coach
    economist doctor dr nurse teacher student activist campaigner founder president-elect
    commissioner administrator agent officer boss vet chef pilot farmer driver worker
    engineer journalist photographer soldier priest imam rabbi pastor monk nun surgeon
    dentist pharmacist paramedic firefighter arachnologist astronomer biologist historian
    astronaut rapper musician artist cartoonist illustrator designer architect banker
    trader investor entrepreneur consultant commentator columnist blogger physician
    psychologist psychiatrist specialist dermatologist veterinarian anchor presenter host
    militant fighter gunman survivor victim hostage prisoner inmate candidate voter""".split()
)

# Capitalised words that are titles: they belong to the role, not the name
# ("US Secretary of State Mike Pompeo", "Defence Minister John Smith").
TITLE_WORDS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt sgt sen rep gov pres president prime minister
    secretary chief general colonel major captain sergeant senator governor mayor judge
    ambassador director chairman chairwoman spokesman spokeswoman spokesperson deputy
    foreign defence defense interior finance state head vice commander ceo king queen
    prince princess pope bishop sir lord lady dame rev father sister brother officer
    detective inspector superintendent sheriff attorney professor premier chancellor
    minister-president ex former acting us u.s. uk u.k. eu un u.n. rear admiral adm vice
    lieutenant lt""".split()
)

# Capitalised words that never start a person's name; sequences made of these are places,
# organisations or sentence openers.
NOT_NAME_WORDS = frozenset(
    """the a an this that these those it he she they we i you his her their our my its
    but and or so yet however meanwhile when while if as after before since then there here
    in on at for from by with without about of to into over under
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
    ministry department agency office party council committee government parliament
    house senate congress court university college school hospital police army navy
    force forces union news times post journal newspaper magazine press tv radio channel
    company corporation group bank foundation institute association organization
    organisation service services network reuters ap afp bbc cnn nato eu un
    according although also asked said says told though because despite during even still
    now first last next where what which who how why once until unless whether both either
    neither each every some any many much more most other such only just not no all one two
    three four five six seven eight nine ten photos photo video watch read related update
    breaking exclusive editor's note caption image""".split()
) | MONTHS


def phrase_pattern(phrases: tuple[str, ...] | frozenset[str]) -> re.Pattern[str]:
    """One case-insensitive regex matching any phrase on word boundaries (longest first)."""
    parts = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    return re.compile(r"(?<![\w’'])(?:" + "|".join(re.escape(p) for p in parts) + r")(?![\w’'])", re.IGNORECASE)


HEDGE_RE = phrase_pattern(HEDGES)
OPINION_RE = phrase_pattern(OPINION_MARKERS)
CAUSAL_RE = phrase_pattern(CAUSAL_MARKERS)
SPEECH_RE = phrase_pattern(tuple(SPEECH_VERBS) + ("according to", "pointed out", "quoted as saying"))
