"""Word lists behind the language signals, written by hand for this project.

Each cue is a regular expression (matched case-insensitively on word boundaries unless said
otherwise), a category and a weight. Weight 2 marks cues that present a guess as certain or
that alarm strongly; renderers show those first. The lists were extended only by reading the
*dev* half of the hand-labelled FNC-1 sample (see bench/eval_signals.py); the test half was
not looked at while writing them.
"""

from __future__ import annotations

# --------------------------------------------------------------------------- speculation
# (pattern, category, weight). Categories:
#   modal        may / might / could: something is possible, not established
#   likelihood   probably, likely, perhaps ...
#   evidential   seems, appears, apparently, suggests: an impression or inference
#   unverified   reportedly, allegedly, rumours, "is believed to", "claims to"
#   prediction   expected to, predicted, poised to
#   belief       "he believed that", "many thought a quake ...": a belief, not a fact
#   insinuation  obviously, naturally, of course, "pointing to the fact that": a guess put as certain
SPECULATION: tuple[tuple[str, str, int], ...] = (
    (r"(?:may|might|could) well", "modal", 2),
    (r"may", "modal", 1),  # filtered: "May" the month or the name
    (r"might", "modal", 1),  # filtered: "military might"
    (r"could", "modal", 1),  # filtered: "could not", "couldn't"
    (r"must have", "modal", 1),
    (r"for all (?:I|we) know", "likelihood", 1),
    (r"(?:think|thinks|thought|believe|believes|believed|suspect|suspects|suspected) (?:that|a|an|it|he|she|they|this)", "belief", 1),
    (r"(?:un)?likely", "likelihood", 1),
    (r"probabl[ey]", "likelihood", 1),
    (r"possibly|perhaps|maybe|presumably|conceivably|potentially|potential", "likelihood", 1),
    (r"(?:it is|it's|it was) possible|possible that", "likelihood", 1),
    (r"(?:the )?(?:chances?|odds) (?:are|is|that|of)", "likelihood", 1),
    (r"apparent(?:ly)?", "evidential", 1),
    (r"(?:appears?|appeared|appearing) (?:to|that)|it appears", "evidential", 1),
    (r"seem(?:s|ed|ingly)?", "evidential", 1),
    (r"(?:looks?|looked) (?:like|as if|as though)", "evidential", 1),
    (r"suggest(?:s|ed|ing)?", "evidential", 1),
    (r"indicat(?:es|ed|ing) that|this indicates|which indicates", "evidential", 1),
    (r"hint(?:s|ed|ing)? (?:at|that)", "evidential", 1),
    (r"reportedly|allegedly|alleged|purportedly|purporting|supposedly|ostensibly", "unverified", 1),
    (r"rumou?r(?:s|ed)?|unconfirmed|unverified|unsubstantiated", "unverified", 1),
    (r"(?:is|are|was|were|being) (?:believed|thought|said|understood|feared|reported|rumou?red|alleged) to", "unverified", 1),
    (r"it is (?:believed|thought|understood|feared|claimed|said|alleged|rumou?red)|it's (?:believed|thought|claimed|said)", "unverified", 1),
    (r"(?:claims?|claimed|claiming) (?:that|to|they|he|she|we|it)", "unverified", 1),
    (r"(?:there (?:are|were) )?reports (?:that|of)|some reports", "unverified", 1),
    (r"speculat(?:e|es|ed|ing|ion|ive)", "unverified", 1),
    (r"(?:could|can|cannot|could not|has not been|have not been|not been) (?:independently )?(?:verify|verified|confirm|confirmed)", "unverified", 1),
    (r"not (?:sure|certain|clear) (?:that|whether|if)|not sure|aren't so sure|unclear whether", "unverified", 1),
    (r"(?:is|are|was|were) expected to|predict(?:s|ed|ion|ions)?|forecasts?|poised to", "prediction", 1),
    (r"ultimately lead", "prediction", 1),
    (r"obvious(?:ly)?|naturally|of course|undoubtedly|doubtless|no doubt|evidently", "insinuation", 2),
    (r"clearly", "insinuation", 2),  # filtered: only when it introduces an inference
    (r"certainly", "insinuation", 2),
    (r"it is no secret|it goes without saying|needless to say", "insinuation", 2),
    (r"(?:pointing|points|pointed|leads|leading|led) to the fact that|which means that|this means that", "insinuation", 2),
)

# Words after "naturally" that make it a plain adverb of manner ("naturally occurring").
NATURALLY_LITERAL = frozenset(
    "occurring occur occurs occurred formed produced present found grown derived high low sweet curly "
    "gifted talented aspirated".split()
)
# What may follow "clearly" when it introduces the writer's inference.
CLEARLY_INFERENCE = ("show", "indicat", "point", "mean", "want", "intend", "demonstrat", "aim", "suggest", "prov", "is ", "was ", "are ", "were ", "has ", "had ", "not ")
# Words before "might" that make it the noun ("military might").
MIGHT_NOUN = frozenset("military economic naval air nuclear industrial financial full all its his her their our with".split())

# --------------------------------------------------------------------------- loaded wording
# (pattern, category, weight). Categories:
#   alarm        threat and catastrophe words meant to frighten
#   sensational  words meant to shock or excite
#   pejorative   labels that insult or delegitimise a person, group or government
#   contempt     words of scorn or ridicule
LOADED: tuple[tuple[str, str, int], ...] = (
    (r"(?:very|extremely|most|deadly|grave|existential|mortal|serious|huge|enormous|real) (?:serious )?(?:threat|danger|menace)", "alarm", 2),
    (r"menace|menacing|catastroph(?:e|ic|ically)|apocalyp(?:se|tic)|armageddon|nightmare|nightmarish", "alarm", 1),
    (r"terrif(?:ying|ied)|horrif(?:ic|ying|ied)|horrendous|chilling|alarming|sinister|doomed", "alarm", 1),
    (r"shock(?:ing|ingly)?|stunning|stunned|bombshell|explosive|jaw-?dropping|mind-?blowing|unbelievable", "sensational", 1),
    (r"outrage(?:ous|d)?|scandal(?:ous)?|sensational|sickening|disgusting|appalling", "sensational", 1),
    (r"slams|slammed|blasted|eviscerates?|rips into|you won't believe", "sensational", 1),
    (r"regimes?", "pejorative", 1),  # filtered: tax regime, sanctions regime ...
    (r"puppets?|junta|stooges?|lackeys?|henchm[ae]n|cronies|crony|mouthpiece|minions?", "pejorative", 2),
    (r"thugs?|tyrants?|despots?|zealots?|barbari(?:c|ans?)|savages?", "pejorative", 1),
    (r"propaganda|brainwash(?:ed|ing)?|traitors?|treacherous|globalists?|deep state|mainstream media|lamestream|fake news", "pejorative", 1),
    (r"xenophobic|racist|bigots?|bigoted|evil|wicked|villains?|criminal regime", "pejorative", 1),
    (r"so-called", "contempt", 1),
    (r"pathetic|ridiculous|absurd|idiots?|idiotic|morons?|moronic|stupid|ugly|disgrace(?:ful)?|shameful|shameless(?:ly)?|laughable|lunatics?|clowns?", "contempt", 1),
    (r"blatant(?:ly)?|brazen(?:ly)?|utterly|outright lies?|lies", "contempt", 1),
)
# Words before "regime" that make it neutral ("tax regime").
REGIME_NEUTRAL = frozenset(
    """tax sanctions sanction visa regulatory training trade exchange control legal fiscal monetary
    safety treatment dosing dietary inspection verification non-proliferation nonproliferation
    fitness exercise drug medication pension tariff licensing licence license customs climate
    insolvency accounting reporting compliance export import inflation-targeting currency""".split()
)

# --------------------------------------------------------------------------- attribution
# Reporting verbs and source phrases: a sentence with one of these names where its claim comes from.
ATTRIBUTION = (
    r"said|says|say|saying|told|tells|tell|according to|reported|reports|reporting|stated|"
    r"announced|announces|added|adds|noted|notes|wrote|writes|explained|confirmed|confirms|"
    r"denied|denies|insisted|insists|argued|argues|warned|warns|acknowledged|admitted|admits|testified|"
    r"tweeted|quoted|cited|cites|disclosed|revealed|revealing|described|estimated|estimates|as shown|"
    r"claimed|claims|alleged|alleges|pointed out|points out|in a statement|in an interview|spokes(?:wo)?man|"
    r"spokesperson|sources? (?:close|familiar)|data from|figures from|a (?:new )?(?:report|study|survey|poll) by|per the|"
    r"via|reports? from|told reporters|press release|press conference|documents? (?:show|seen)"
)
# Vague passive attributions: they sound sourced but name no one.
WEASEL = (
    r"it is (?:believed|thought|understood|claimed|said|alleged|reported|rumou?red|known)|"
    r"it's (?:believed|thought|claimed|said|alleged|reported)|"
    r"(?:is|are|was|were) (?:believed|thought|said|understood|alleged|rumou?red) to|"
    r"many (?:people )?(?:believe|say|think|feel)|"
    r"some (?:people )?(?:say|believe|think)|experts (?:say|believe)|it was revealed|it has been revealed"
)

# --------------------------------------------------------------------------- strong claims
# (pattern, category): what makes an assertion strong enough to need a source.
STRONG_CLAIM: tuple[tuple[str, str], ...] = (
    (r"intends?|intended|intention|plans? to|planning|planned to|aims? to|aiming to|seeks? to|seeking to|"
     r"wants? to|wanted to|is going to|are going to|preparing to|prepares to|ready to|determined to|"
     r"trying to|tries to|in order to|decided to|to make fun of", "intention"),
    (r"led to|leads? to|lead to|caused|causes|cause of|causing|resulted in|results? in|result of|because of|"
     r"because|due to|the reason for|responsible for|blamed? for|to blame|triggered|sparked|fuell?ed|"
     r"forced|explains|which explains|thanks to|successful outcome", "cause"),
    (r"lied|fraud(?:ulent)?|corrupt(?:ion)?|illegal(?:ly)?|stole|stolen|cover[- ]up|secretly|covertly|"
     r"falsely|bogus|hoax|scam|intoxicated|drunk", "accusation"),
    (r"in fact|actually|the truth is|is a fact|undeniabl[ey]|definitely|proves?|proved|proven|"
     r"shows that|the fact that|necessary|very real|certainly", "certainty"),
)
# Figures: counts, money, percentages; a bare year or a clock time is not a figure.
FIGURE = (
    r"\$\s?\d[\d,.]*|\d[\d,.]*\s?(?:%|per ?cent|percent)|\d[\d,.]*\s?(?:million|billion|trillion|bn|m)\b|"
    r"\b(?:dozens|hundreds|thousands|millions|billions|scores) of\b|"
    r"\b(?:a|one|two|three|four|five|six|seven|eight|nine|ten|half a) (?:dozen|hundred|thousand|million|billion)\b|"
    r"\b(?:at least|more than|over|nearly|almost|about|some|around|up to|fewer than|less than) \d[\d,.]*|"
    r"\b\d{1,3}(?:,\d{3})+\b|\b\d[\d,.]* ?(?:kilometers|kilometres|km|miles|people|times|agents|soldiers|troops|"
    r"civilians|followers|planes|victims|dead|deaths|casualties|users|votes)\b"
)

# --------------------------------------------------------------------------- headlines
STOPWORDS = frozenset(
    """a an the and or but nor so yet for of in on at to from by with without within into onto over under
    about above after against along among around as before behind below beneath beside between beyond
    during except inside near off out outside past since through throughout toward towards until upon
    via is are was were be been being am do does did doing done have has had having will would shall
    should can could may might must ought i me my mine we us our ours you your yours he him his she her
    hers it its they them their theirs this that these those who whom whose which what when where why
    how all any both each few more most other some such no not only own same than too very just also
    now then there here again once up down if because while though although whether s t don didn
    doesn isn wasn weren won wouldn couldn shouldn new says say said report reports reported claims
    claim claimed after amid via like get gets got make makes made one two first last year years day
    days week weeks time per vs video photo photos watch see""".split()
)
# Words that make a headline stronger than its source when the copy adds them.
ESCALATION = frozenset(
    """confirms confirmed confirm proves proved proof admits admitted admit reveals revealed exposes exposed
    secret secretly shocking shock bombshell slams blasts destroys threat threatens danger dangerous war
    crisis collapse collapses panic chaos invasion invade invades attack attacks deadly massive huge
    breaking urgent alert officially finally truth lies lied caught busted plot plots scheme scandal
    regime puppet betrayal betrays traitor emergency nuclear apocalypse catastrophe disaster replace
    replaces abandon abandons""".split()
)
# Hedges whose loss from source to copy turns a possibility into a claim.
HEDGES = frozenset(
    """may might could possibly perhaps maybe reportedly allegedly alleged rumour rumor rumours rumors
    rumoured rumored likely unlikely considers considering explores exploring mulls weighs open
    seeks seeking talks report reports says said claims claim suggests suggest could""".split()
)
