"""Predicate classes of news English, and conflict states that begin, end and resume.

Lexical stance rules match a claim's words with an evidence sentence's words. News prose
names one state with many words: a *dispute* between two governments is also their
*disagreement*, *quarrel*, *row*, *rift*, *standoff*; they are *at odds*. This module holds
a small hand-written lexicon of such classes (general English news vocabulary, no topic) and
reads, for a conflict mentioned in a text, what the text says became of it:

    classes         conflict    dispute, disagreement, quarrel, row, feud, rift, standoff,
                                tension(s), clash, "at odds", "at loggerheads" ...
                    agreement   agreement, deal, accord, pact, treaty, "agree" ...
                    resolution  end, settle, resolve ... (what happens to a conflict)
                    A word of a class covers a claim word of the same class
                    (`newstrace.evidence.sentence`); retrieval adds a few class-mates
                    of the claim's class words to its full-text query.

    state of a      ended       a resolution cue governs the conflict word: "ending a
    conflict                    dispute", "an end to their price dispute", "settled the
    mention                     row", "the quarrel was resolved", "a dispute that lasted
                                months" (past duration). Not when the cue is an aim or a
                                possibility: "talks to end the dispute", "could settle".
                    renewed     "again at odds", "renewed / new / fresh / another dispute",
                                "the row flared up again", "resumed", "reignited"
                    exists      the conflict is said to hold now: a present-tense clause
                                ("there are disagreements", "X and Y are at odds",
                                "X and Y disagree over ...") with no past-tense verb
                    None        anything else (a past conflict, a mention in passing)

`conflict_state` gives the state of a text as a whole: renewed beats ended (a sentence that
reports the end and then the renewal reports the latest state), ended beats exists. The
stance rule built on it (`state_change_stance`) is in the module docstring of
`newstrace.evidence.sentence`.

`tie` reads a tie between two named parties that a text says is cut ("X intends to replace A
with B", "X broke with A") or kept ("X's obligations to A are not in question", "A is X's
strategic ally"); see the comment above it. The stance rule built on it is the "ties" rule
of `newstrace.evidence.sentence`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

CONFLICT = "conflict"
AGREEMENT = "agreement"
RESOLUTION = "resolution"

# Surface forms (lower case, "'" for the typographic apostrophe). Words that need a
# neighbour to mean the class ("odds" after "at") are handled in `word_class`.
_WORDS: dict[str, frozenset[str]] = {
    CONFLICT: frozenset(
        """dispute disputes disputed disputing disagreement disagreements disagree disagrees
        disagreed disagreeing quarrel quarrels quarrelled quarreled quarrelling quarreling
        row rows feud feuds feuding rift rifts standoff standoffs stand-off tension tensions
        clash clashes clashed clashing spat spats wrangle wrangles wrangling squabble
        squabbles squabbling friction frictions impasse deadlock conflict conflicts
        loggerheads odds""".split()
    ),
    AGREEMENT: frozenset(
        """agreement agreements agree agrees agreed agreeing deal deals accord accords pact
        pacts treaty treaties""".split()
    ),
    RESOLUTION: frozenset(
        """end ends ended ending settle settles settled settling resolve resolves resolved
        resolving defuse defuses defused defusing""".split()
    ),
}
_CLASS_OF: dict[str, str] = {w: c for c, ws in _WORDS.items() for w in ws}
# A few common members of each class, added to a full-text query (FTS5 does not stem).
SEARCH_FORMS: dict[str, tuple[str, ...]] = {
    CONFLICT: ("dispute", "disagreement", "quarrel", "row", "tensions", "odds"),
    AGREEMENT: ("agreement", "deal", "accord", "pact"),
    RESOLUTION: ("end", "ended", "ending", "settled", "resolved"),
}
# "odds" and "loggerheads" are conflict words only after "at"; "row" not in "in a row".
_NEEDS_AT = frozenset({"odds", "loggerheads"})

_END_CUES = frozenset(
    """end ends ended ending settle settles settled settling resolve resolves resolved
    resolving defuse defuses defused defusing""".split()
)
_PASSIVE_END = frozenset("settled resolved ended over defused".split())
_AIM = frozenset(
    """to could would may might can should will shall must not n't never without failed fail
    fails hope hopes hoped aim aims try tries tried seek seeks sought""".split()
)
_RENEW_BEFORE = frozenset("renewed new fresh another latest revived".split())
_RENEW_VERBS = frozenset(
    """resumed resume resumes reignited reignite reignites rekindled rekindle flared erupted
    re-erupted revived resurfaced re-emerged reemerged""".split()
)
_AGAIN = frozenset({"again"})
_PRESENT = frozenset(
    """is are remain remains continue continues persist persists 're 's ongoing continuing
    current still now amid""".split()
)
# Present-tense conflict verbs that cannot be nouns ("dispute", "row" can).
_PRESENT_VERBS = frozenset("disagree disagrees".split())
# A conflict word after these is generic ("every dispute"), not a state of two parties.
_GENERIC = frozenset("every any each no".split())
_PAST = frozenset(
    """was were had did former previous earlier ended lasted disagreed quarrelled quarreled
    clashed feuded wrangled squabbled""".split()
)
_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+(?:[.,]\d+)*|[,;:()—–]", re.UNICODE)
_WINDOW = 5  # tokens between a resolution cue and the conflict word it governs

ENDED = "ended"
RENEWED = "renewed"
EXISTS = "exists"


def _words(text: str) -> list[str]:
    return [m.group(0).lower().replace("’", "'") for m in _TOKEN.finditer(text)]


def word_class(words: Sequence[str], i: int) -> str | None:
    """The class of words[i] in its context, or None."""
    w = words[i]
    c = _CLASS_OF.get(w)
    if c is None:
        return None
    if w in _NEEDS_AT and (i == 0 or words[i - 1] != "at"):
        return None
    if w in ("row", "rows") and i >= 2 and words[i - 1] == "a" and words[i - 2] == "in":
        return None
    return c


def classes_by_word(text: str) -> dict[str, str]:
    """word (lower case) -> class, for the class words of `text` in their context."""
    ws = _words(text)
    out: dict[str, str] = {}
    for i in range(len(ws)):
        c = word_class(ws, i)
        if c is not None:
            out[ws[i]] = c
    return out


def class_of_word(word: str) -> str | None:
    """The class of a word out of context (used for query expansion)."""
    w = word.lower().replace("’", "'")
    return None if w in _NEEDS_AT else _CLASS_OF.get(w)


@dataclass(frozen=True)
class ConflictState:
    state: str  # ENDED, RENEWED or EXISTS
    cue: str  # the words that say so, for the explanation ("ending a dispute")


def _span(ws: Sequence[str], a: int, b: int) -> str:
    return " ".join(w for w in ws[max(0, a) : b + 1] if w not in ",;:()—–")


def _clause_bounds(ws: Sequence[str], i: int) -> tuple[int, int]:
    a = i
    while a > 0 and ws[a - 1] not in ",;:()—–":
        a -= 1
    b = i
    while b + 1 < len(ws) and ws[b + 1] not in ",;:()—–":
        b += 1
    return a, b


def _mention_state(ws: Sequence[str], i: int) -> ConflictState | None:
    """What the text says of the conflict word at ws[i]: renewed or ended (None: neither)."""
    a, b = _clause_bounds(ws, i)
    # renewed: "renewed dispute", "new row", "again at odds", "the row flared again"
    for j in range(max(a, i - 2), i):
        if ws[j] in _RENEW_BEFORE:
            return ConflictState(RENEWED, _span(ws, j, i))
    lo, hi = max(a, i - 6), min(b, i + 6)
    for j in range(lo, hi + 1):
        if ws[j] in _AGAIN or ws[j] in _RENEW_VERBS or (ws[j] == "more" and j > 0 and ws[j - 1] == "once"):
            return ConflictState(RENEWED, _span(ws, min(i, j), max(i, j)))
    # ended, cue before the word: "ending a dispute", "an end to their price dispute"
    for j in range(i - 1, max(-1, i - 1 - _WINDOW), -1):
        if ws[j] in ",;:()—–" or _CLASS_OF.get(ws[j]) == CONFLICT:
            break
        if ws[j] in _END_CUES:
            prev = ws[j - 1] if j > 0 else ""
            if prev in _AIM:
                return None  # "to end the dispute", "could settle the row"
            return ConflictState(ENDED, _span(ws, j, i))
    # ended, cue after the word: "the row was settled", "the dispute is over", "a
    # dispute that lasted months", "the dispute ended"
    for j in range(i + 1, min(len(ws), i + 5)):
        w = ws[j]
        if w in ",;:()—–" or w in _AIM:
            break
        if w in _PASSIVE_END or w == "lasted":
            if w == "over" and ws[j - 1] not in ("is", "was", "are", "were", "now"):
                continue  # "a dispute over prices"
            if w == "lasted" and ws[j - 1] in ("has", "have"):
                break  # "a dispute that has lasted months": still going
            return ConflictState(ENDED, _span(ws, i, j))
    return None


def _present(ws: Sequence[str]) -> bool:
    if any(w in _PAST for w in ws):
        return False
    return any(w in _PRESENT or w in _PRESENT_VERBS for w in ws)


def conflict_state(text: str) -> ConflictState | None:
    """The state of the conflict a text mentions (see the module docstring), or None."""
    ws = _words(text)
    found: list[ConflictState] = []
    mentions = [i for i in range(len(ws)) if word_class(ws, i) == CONFLICT]
    if not mentions:
        return None
    for i in mentions:
        s = _mention_state(ws, i)
        if s is not None:
            found.append(s)
    for want in (RENEWED, ENDED):
        for s in found:
            if s.state == want:
                return s
    specific = [i for i in mentions if not (i > 0 and ws[i - 1] in _GENERIC)]
    if specific and _present(ws):
        i = specific[0]
        return ConflictState(EXISTS, _span(ws, max(0, i - 2), i))
    return None


# -- ties between parties: cut or kept ---------------------------------------------------------
#
# A claim that a party abandons another ("X intends to replace A with B", "X broke with A",
# "X turns away from A") is contradicted by a sentence that says the tie holds ("X's
# obligations to A are not in question", "A is X's strategic ally", "X remains committed to
# A"), and the other way round. `tie` reads one such statement from a text:
#
#     cut     a cut verb with the holder named before it and the partner right after it
#             (up to three words such as "its long-time ally" between): abandon, replace,
#             ditch, desert, drop, "break / split / part ways with", "cut / sever ties
#             with", "turn away from", "turn its back on", "walk away from", "distance
#             itself from", "pivot away from"; "no longer committed / loyal to", "no longer
#             an ally of". Negated ("will not abandon A"), it is a kept tie.
#     kept    "X's obligations / commitments / commitment / ties / alliance / loyalty to /
#             towards / with A" followed, in the same sentence, by an affirmation ("are not
#             in question", "not in doubt", "remain unchanged", "intact", "unwavering" ...);
#             a verb of keeping before them ("X reaffirmed / honours / stands by its
#             commitments to A"); "X remains / is committed / loyal / faithful to A"; "A is /
#             remains X's (strategic) ally / partner" and "X is A's ally" (an alliance is
#             mutual: the order of the parties is not read).
#     hedged  a condition, a question or a possibility in the words before the statement
#             ("if", "whether", "could", "would", "may", "might", "reportedly", "?"): the
#             statement is not asserted. An aim ("intends to", "plans to") is not a hedge for
#             a claim: the claim asserts the intention.
#
# Parties are capitalised words (a possessive "X's" names X); a sentence-initial capital
# counts unless it is a function word. "our", "their" and other pronouns name no party: a
# tie whose holder is a pronoun is not read (who "we" are is not in the sentence).

CUT = "cut"
KEPT = "kept"

_CUT_ONE = frozenset(
    """abandon abandons abandoned abandoning replace replaces replaced replacing ditch ditches
    ditched ditching desert deserts deserted deserting drop drops dropped dropping""".split()
)
# (verb forms, the words that must follow them) for the cut verbs of several words.
_CUT_FRAMES: tuple[tuple[frozenset[str], tuple[str, ...]], ...] = (
    (frozenset("break breaks broke breaking broken split splits splitting".split()), ("with",)),
    (frozenset("part parts parted parting".split()), ("ways", "with")),
    (frozenset("cut cuts cutting sever severs severed severing".split()), ("ties", "with")),
    (frozenset("turn turns turned turning walk walks walked walking pivot pivots pivoted pivoting "
               "move moves moved moving".split()), ("away", "from")),
    (frozenset("turn turns turned turning".split()), ("its", "back", "on")),
    (frozenset("turn turns turned turning".split()), ("their", "back", "on")),
    (frozenset("distance distances distanced distancing".split()), ("itself", "from")),
)
# Words allowed between a cut verb and the partner it names ("abandon its old ally A").
_PARTNER_FILLER = frozenset(
    """its their his her the old long-time longtime longstanding long-standing traditional
    historic close closest strategic main ally allies partner partners patron friend""".split()
)
_TIE_NOUNS = frozenset(
    """obligations obligation commitments commitment ties alliance allegiance loyalty
    partnership""".split()
)
_TIE_PREP = frozenset("to towards toward with".split())
_AFFIRM_WORDS = frozenset(
    """unchanged intact unshaken unwavering undiminished unconditional firm solid
    ironclad""".split()
)
_AFFIRM_PHRASES: tuple[tuple[str, ...], ...] = (
    ("not", "in", "question"), ("not", "in", "doubt"), ("beyond", "question"), ("beyond", "doubt"),
    ("not", "up", "for"), ("never", "in", "question"), ("remain", "in", "force"),
    ("remains", "in", "force"), ("stand", "firm"), ("stands", "firm"),
)
_KEEP_VERBS = frozenset(
    """reaffirm reaffirms reaffirmed reaffirming honour honours honoured honouring honor honors
    honored honoring respect respects respected keep keeps kept keeping""".split()
)
_BOUND = frozenset("committed loyal faithful true".split())
_BE = frozenset("is are was were remains remain remained stays stay stayed 's".split())
_ALLY_NOUNS = frozenset("ally allies partner partners".split())
_HEDGE = frozenset(
    """if unless whether could would may might perhaps possibly possible unclear reportedly
    allegedly supposedly rumoured rumored""".split()
)
_NEG = frozenset("not n't never no".split())
# Words that may follow a party named as the object of a cut verb.
_AFTER_PARTY = frozenset(
    """over about amid into towards toward through than altogether entirely completely
    last this next earlier later soon yesterday today tomorrow were was is are has have had
    said says""".split()
)
# Capitalised words that are no party (sentence openers, pronouns, titles of address).
_NOT_PARTY = frozenset(
    """the a an and but or so yet if when while as at in on of for to by with from after
    before under over since until during this that these those it its he she they we i you
    our their his her my your there here then now also however meanwhile still asked
    according despite although though because is are was were do does did will would can could
    has have had mr mrs ms dr monday tuesday wednesday thursday
    friday saturday sunday january february march april may june july august september october
    november december""".split()
)
_CLAUSE_END = frozenset(",;:()—–")


@dataclass(frozen=True)
class Tie:
    kind: str  # CUT or KEPT
    holder: str  # the party whose tie it is, as written ("Velmark")
    partner: str  # the other party
    cue: str  # the words that say it, for the explanation
    hedged: bool = False
    mutual: bool = False  # an alliance stated with "ally": the order of the parties says nothing


@dataclass(frozen=True)
class _Tok:
    low: str
    party: str | None  # the name it starts, as written (possessive stripped), or None


def _tie_tokens(text: str) -> list[_Tok]:
    """Tokens with runs of capitalised words joined into one party token ("Concord Alliance")."""
    out: list[_Tok] = []
    raw = [m.group(0).replace("’", "'") for m in _TOKEN.finditer(text)]
    i = 0
    while i < len(raw):
        r = raw[i]
        low = r.lower()
        if r[:1].isupper() and low not in _NOT_PARTY and low.removesuffix("'s") not in _NOT_PARTY:
            words = [r]
            while (not words[-1].lower().endswith("'s") and i + 1 < len(raw) and raw[i + 1][:1].isupper()
                   and raw[i + 1].lower() not in _NOT_PARTY):
                i += 1
                words.append(raw[i])
            name = " ".join(words)
            poss = name.lower().endswith("'s")
            if poss:
                name = name[:-2]
            out.append(_Tok(name.lower() + ("'s" if poss else ""), name))
        else:
            out.append(_Tok(low, None))
        i += 1
    # "n't" on its own, as a negator
    fixed: list[_Tok] = []
    for t in out:
        if t.party is None and t.low.endswith("n't") and len(t.low) > 3:
            fixed.append(_Tok(t.low[:-3], None))
            fixed.append(_Tok("n't", None))
        else:
            fixed.append(t)
    return fixed


def _possessive(t: _Tok) -> bool:
    return t.party is not None and t.low.endswith("'s")


def _holder_before(toks: Sequence[_Tok], i: int, reach: int = 6) -> str | None:
    """The last party named (not as a possessive of something else) in the same clause within
    `reach` tokens before toks[i]."""
    for j in range(i - 1, max(-1, i - 1 - reach), -1):
        t = toks[j]
        if t.low in _CLAUSE_END:
            return None
        if t.party is not None:
            # "Velmark's president intends to ...": the possessor is the party.
            return t.party
    return None


def _partner_after(toks: Sequence[_Tok], i: int, verb_object: bool = False) -> tuple[str, int] | None:
    """The party named right after toks[i] (over at most three filler words). As the object
    of a cut verb (`verb_object`), not a name that modifies a noun ("ditch the Intel
    processor", "replacing the Bat symbol")."""
    for j in range(i + 1, min(len(toks), i + 5)):
        t = toks[j]
        if t.party is not None:
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            if (verb_object and nxt is not None and nxt.party is None and nxt.low[:1].isalpha()
                    and nxt.low not in _NOT_PARTY and nxt.low not in _AFTER_PARTY and not _possessive(t)):
                return None
            return t.party, j
        if t.low not in _PARTNER_FILLER:
            return None
    return None


def _hedged(toks: Sequence[_Tok], upto: int) -> bool:
    return any(t.low in _HEDGE for t in toks[:upto])


def _negated_before(toks: Sequence[_Tok], i: int, reach: int = 4) -> bool:
    for j in range(i - 1, max(-1, i - 1 - reach), -1):
        if toks[j].low in _CLAUSE_END:
            return False
        if toks[j].low in _NEG:
            return True
    return False


def _cut_at(toks: Sequence[_Tok], i: int) -> tuple[int, int] | None:
    """(first, last) index of a cut verb phrase starting at toks[i], or None."""
    w = toks[i].low
    if w in _CUT_ONE:
        return i, i
    for forms, tail in _CUT_FRAMES:
        if w in forms and tuple(t.low for t in toks[i + 1 : i + 1 + len(tail)]) == tail:
            return i, i + len(tail)
    return None


def _cue(toks: Sequence[_Tok], a: int, b: int) -> str:
    return " ".join((t.party + ("'s" if _possessive(t) else "")) if t.party else t.low
                    for t in toks[max(0, a) : b + 1] if t.low not in _CLAUSE_END)


def tie(text: str) -> Tie | None:
    """The first tie between two named parties that `text` says is cut or kept (see above)."""
    found = _first_tie(text)
    if found is not None and "?" in text:
        return replace(found, hedged=True)  # a question asserts nothing
    return found


def _first_tie(text: str) -> Tie | None:
    toks = _tie_tokens(text)
    n = len(toks)
    for i in range(n):
        t = toks[i]
        # cut: HOLDER ... VERB [filler] PARTNER
        span = _cut_at(toks, i)
        if span is not None:
            got = _partner_after(toks, span[1], verb_object=True)
            holder = _holder_before(toks, i)
            if got and holder and holder != got[0]:
                neg = _negated_before(toks, i)
                return Tie(KEPT if neg else CUT, holder, got[0], _cue(toks, i - (2 if neg else 0), got[1]),
                           _hedged(toks, i))
        # "no longer committed / loyal to A", "no longer an ally of A"
        if t.low == "longer" and i > 0 and toks[i - 1].low == "no":
            for j in range(i + 1, min(n, i + 4)):
                if toks[j].low in _BOUND and j + 1 < n and toks[j + 1].low == "to":
                    got = _partner_after(toks, j + 1)
                    holder = _holder_before(toks, i - 1)
                    if got and holder and holder != got[0]:
                        return Tie(CUT, holder, got[0], _cue(toks, i - 1, got[1]), _hedged(toks, i))
        # kept: HOLDER's [adj] NOUN to/with PARTNER ... affirmation, or a keeping verb before it
        if t.low in _TIE_NOUNS and i + 1 < n and toks[i + 1].low in _TIE_PREP:
            got = _partner_after(toks, i + 1)
            if got:
                holder = None
                start = i
                for j in range(i - 1, max(-1, i - 4), -1):
                    if _possessive(toks[j]):
                        holder, start = toks[j].party, j
                        break
                    if toks[j].low in ("its", "their"):
                        # "X reaffirmed its commitment to A": X is the holder, if a keeping
                        # verb says so.
                        if j > 0 and toks[j - 1].low in _KEEP_VERBS or (
                                j > 1 and toks[j - 1].low == "by" and toks[j - 2].low in ("stands", "stand", "stood")):
                            k = j - 1 if toks[j - 1].low != "by" else j - 2
                            h = _holder_before(toks, k)
                            if h and not _negated_before(toks, k):
                                holder, start = h, k
                                break
                        break
                    if toks[j].low in _CLAUSE_END:
                        break
                if holder and holder != got[0]:
                    if start != i and toks[start].party is None:  # the keeping-verb form
                        return Tie(KEPT, holder, got[0], _cue(toks, start, got[1]), _hedged(toks, start))
                    after = [x.low for x in toks[got[1] + 1 : got[1] + 12]]
                    for k in range(len(after)):
                        if after[k] in _AFFIRM_WORDS and not (k > 0 and after[k - 1] in _NEG):
                            return Tie(KEPT, holder, got[0], _cue(toks, start, got[1] + 1 + k),
                                       _hedged(toks, start))
                        for ph in _AFFIRM_PHRASES:
                            if tuple(after[k : k + len(ph)]) == ph:
                                return Tie(KEPT, holder, got[0], _cue(toks, start, got[1] + len(ph) + k),
                                           _hedged(toks, start))
        # kept: HOLDER remains / is committed / loyal to PARTNER
        if t.low in _BOUND and i + 1 < n and toks[i + 1].low == "to" and i > 0:
            j = i - 1
            if toks[j].low in ("fully", "firmly", "still", "deeply", "strongly"):
                j -= 1
            if j >= 0 and toks[j].low in _BE and not _negated_before(toks, j + 1, 3):
                got = _partner_after(toks, i + 1)
                holder = _holder_before(toks, j, 3)
                if got and holder and holder != got[0]:
                    return Tie(KEPT, holder, got[0], _cue(toks, j - 1, got[1]), _hedged(toks, j))
        # kept, mutual: A is / remains X's [adj] ally; X is A's ally
        if t.party is not None and not _possessive(t) and i + 2 < n and toks[i + 1].low in _BE:
            k = i + 2
            if toks[k].low in ("still", "a", "an", "the"):
                k += 1
            if k < n and _possessive(toks[k]):
                for m in range(k + 1, min(n, k + 4)):
                    if toks[m].low in _ALLY_NOUNS:
                        if toks[k].party != t.party and not _negated_before(toks, i + 2, 2):
                            return Tie(KEPT, toks[k].party, t.party, _cue(toks, i, m), _hedged(toks, i),
                                       mutual=True)
                        break
                    if toks[m].party is not None or toks[m].low in _CLAUSE_END:
                        break
    return None


def same_party(a: str, b: str) -> bool:
    """Two names of one party: equal, or one's words all in the other ("the Concord" /
    "Concord Alliance")."""
    x, y = set(a.lower().split()), set(b.lower().split())
    return bool(x) and bool(y) and (x <= y or y <= x)


def opposed_ties(claim: Tie, evidence: Tie) -> bool:
    """The two statements are about the same tie and say opposite things of it."""
    if claim.kind == evidence.kind:
        return False
    if same_party(claim.holder, evidence.holder) and same_party(claim.partner, evidence.partner):
        return True
    mutual = claim.mutual or evidence.mutual
    return mutual and same_party(claim.holder, evidence.partner) and same_party(claim.partner, evidence.holder)

