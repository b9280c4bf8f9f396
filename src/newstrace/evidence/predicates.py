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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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
