"""Factual clauses inside larger sentences: each becomes a claim of its own.

A sentence may carry a checkable fact inside something that is not a claim: a guess, an
opinion, or a remark of no check-worth. `modality.split_clauses` already cuts a sentence at
the joints where its modality changes (", and the ...", ", which ..."); this module finds
two more kinds of factual part, with rules over the tokens of the clause (no parser):

    relative        a non-restrictive relative clause (", who ... ," / ", which ..."):
                    "For ordinary households, who already pay a fifth more for heating, the
                    stakes could hardly be higher" asserts that the households pay more,
                    whatever the rest of the sentence guesses. Its stand-alone statement puts
                    the antecedent (the noun phrase before the comma) in place of the
                    pronoun: "ordinary households already pay a fifth more for heating".
    presupposition  the subject of a hedged or evaluative clause that is a definite
                    description of an event or state ("the apparent disagreements between X
                    and Y over gas prices may ultimately lead to ..."): whoever writes it
                    takes for granted that the disagreements exist, and that is checkable.
                    Only definite descriptions ("the", "this", a possessive) count, headed by
                    an event or state noun (by suffix: -ment, -tion, -ance ... or a short list:
                    dispute, talks, row ...), naming at least one capitalised thing, and
                    followed by a modal or hedge ("may", "could", "is likely to") but not by
                    "would" (a hypothetical: "the deployment would cost billions" presupposes
                    no deployment). A distancing adjective ("alleged", "so-called",
                    "rumoured") marks that the writer does not take it for granted: no claim.
                    The evidential "apparent" is kept as a cue but does not block.

Each part comes back as a `Part`: its span, its kind and its stand-alone statement; the
caller (`extract.py`) labels it with the same model and modality rules as every clause, and
keeps it only when that label is "claim".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import SPEECH_VERBS

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)

# Words that end a noun phrase when walking back from a relative pronoun: prepositions
# (except "of", which stays inside "months of disagreement"), conjunctions, verbs of being
# and speech, pronouns, subordinators.
_NP_BREAK = frozenset(
    """for to in on at by with from into onto over under about against among between after
    before during since until through across amid despite without within toward towards upon
    and or but nor yet so while whereas although though because if unless when where as than
    is are was were be been being has have had do does did will would shall should may might
    can could must said says told say tell added that which who whom whose it he she they we
    i you them him her us me there here also not""".split()
)
_DETERMINERS = frozenset("the a an this that these those its his her their our my your".split())
_DEFINITE = frozenset("the this these those its his her their our my your".split())
# Verb groups after a subject that make a clause speculative or evaluative while leaving its
# subject presupposed. "would" is left out on purpose: it is hypothetical.
_MODALS = frozenset("may might could can will should must".split())
_HEDGED_VERBS = re.compile(
    r"(?:is|are|was|were)\s+(?:likely|unlikely|expected|set|bound|poised|certain)\s+to\b"
    r"|(?:seems?|seemed|appears?|appeared)\s+to\b",
    re.IGNORECASE,
)
_STOP_SUBJECT = frozenset("that which who whom whose would".split())
_DISTANCING = frozenset("alleged purported so-called supposed rumoured rumored suspected reported claimed".split())
_EVIDENTIAL = frozenset({"apparent"})
_EVENT_SUFFIXES = ("ment", "ments", "tion", "tions", "sion", "sions", "ance", "ances", "ence", "ences",
                   "ure", "ures", "al", "als", "ity", "ities")
_EVENT_NOUNS = frozenset(
    """dispute disputes row rows talks war wars deal deals clash clashes crisis crises conflict
    conflicts strike strikes attack attacks visit visits ban bans rise rises fall cut cuts
    decline growth shortage shortages protest protests tension tensions sanctions feud feuds
    quarrel quarrels rift rifts standoff stand-off fight fights fighting deployment
    deployments exercise exercises drills spat spats dealings ties relations plan plans
    increase increases hike hikes boycott blockade embargo invasion talks""".split()
)
_NOT_EVENT = frozenset("capital general official officials national international rival rivals".split())
_PREPOSITIONS = frozenset("of between over with in on against from for about among by to at".split())


@dataclass(frozen=True)
class Part:
    """A factual part of a clause.

    kind: "relative" or "presupposition" (see the module docstring).
    begin/end: its span in the text (the relative clause from its pronoun; the noun phrase).
    statement: the part as a sentence of its own, for search and stance.
    antecedent: for a relative clause, the span of the noun phrase it is about, else None.
    cues: evidential markers inside the part that did not block it ("apparent").
    """

    kind: str
    begin: int
    end: int
    statement: str
    antecedent: tuple[int, int] | None = None
    cues: tuple[str, ...] = ()


def _words(text: str, begin: int, end: int) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, begin, end)]


def _sentence_case(s: str) -> str:
    s = " ".join(s.split()).strip(" ,;:—–")
    if not s:
        return s
    s = s[0].upper() + s[1:]
    return s if s[-1] in ".!?" else s + "."


def antecedent(text: str, begin: int, comma: int, *, max_words: int = 8) -> tuple[int, int] | None:
    """The noun phrase that ends at text[comma] (a relative clause's antecedent): the words
    before the comma back to a preposition, conjunction, verb of being or speech, pronoun or
    punctuation mark, at most `max_words` of them, starting at the first determiner when one
    comes after the first word. None when there is none."""
    words = _words(text, begin, comma)
    take: list[tuple[str, int, int]] = []
    for w, b, e in reversed(words):
        gap = text[e : take[0][1] if take else comma]
        if take and any(ch in ",;:()—–“”\"«»" for ch in gap):
            break
        if not take and gap.strip():
            return None  # something other than space between the last word and the comma
        if w.lower() in _NP_BREAK:
            break
        take.insert(0, (w, b, e))
        if len(take) >= max_words:
            break
    # Words before the phrase's first determiner are not part of it (a sentence-opening
    # verb or adverb: "Secure the release of the girls, who ..."); nor is a leading "of".
    first_det = next((k for k, (w, _, _) in enumerate(take) if w.lower() in _DETERMINERS), None)
    if first_det:
        take = take[first_det:]
    while take and take[0][0].lower() == "of":
        take.pop(0)
    if not take:
        return None
    return take[0][1], take[-1][2]


_RELATIVE = re.compile(r",\s+(who|which)\s+(?=\w)", re.IGNORECASE)


def relative_clauses(text: str, begin: int, end: int) -> list[Part]:
    """Non-restrictive relative clauses (", who ..." / ", which ...") inside text[begin:end],
    each ending at the next comma, semicolon or dash, or at the end of the span."""
    out: list[Part] = []
    for m in _RELATIVE.finditer(text, begin, end):
        ante = antecedent(text, begin, m.start())
        if ante is None:
            continue
        rb = m.start(1)
        stop = re.compile(r"\s*(?:[,;]|\s[—–]\s)").search(text, m.end(), end)
        re_ = stop.start() if stop else end
        body = text[m.end() : re_].rstrip(" .!?")
        if len(_words(text, m.end(), re_)) < 3:
            continue
        re_ = m.end() + len(body)
        statement = _sentence_case(text[ante[0] : ante[1]] + " " + body)
        out.append(Part("relative", rb, re_, statement, ante))
    return out


def relative_statement(text: str, begin: int, end: int, clause_begin: int) -> str | None:
    """For a clause text[clause_begin:end] that opens with "which"/"who" (a relative clause
    cut off by `split_clauses`), its stand-alone statement, with the antecedent taken from
    text[begin:clause_begin]; None when the clause is no relative clause."""
    m = re.match(r"(who|which)\s+", text[clause_begin:end], re.IGNORECASE)
    if not m:
        return None
    comma = text.rfind(",", begin, clause_begin)
    if comma < 0:
        return None
    ante = antecedent(text, begin, comma)
    if ante is None:
        return None
    body = text[clause_begin + m.end() : end]
    return _sentence_case(text[ante[0] : ante[1]] + " " + body)


def _is_event_noun(word: str) -> bool:
    w = word.lower()
    if w in _NOT_EVENT or len(w) < 4:
        return False
    return w in _EVENT_NOUNS or (len(w) > 5 and w.endswith(_EVENT_SUFFIXES))


def presupposition(text: str, begin: int, end: int) -> Part | None:
    """The presupposed subject of the clause text[begin:end] (see the module docstring), or
    None. The subject is looked for at the clause's start (after a conjunction: "and the
    disagreements ...") and right after a speech verb or "that" among its first eight words
    ("officials warned that the tensions between X and Y could ...")."""
    words = _words(text, begin, end)
    i = 0
    while i < len(words) and words[i][0].lower() in ("and", "but", "while", "whereas", "yet", "so"):
        i += 1
    starts = [i] + [k + 1 for k in range(i, min(len(words) - 1, i + 8))
                    if words[k][0].lower() == "that" or words[k][0].lower() in SPEECH_VERBS]
    for start in starts:
        part = _subject_at(text, words, start)
        if part is not None:
            return part
    return None


def _subject_at(text: str, words: list[tuple[str, int, int]], start: int) -> Part | None:
    if start >= len(words) or words[start][0].lower() not in _DEFINITE:
        return None
    i = start
    # The subject runs up to the verb group: a modal, or a hedged verb ("is likely to").
    j = i + 1
    verb_at = None
    while j < len(words) and j - start <= 16:
        w = words[j][0].lower()
        if w in _STOP_SUBJECT:
            return None
        if w in _MODALS:
            verb_at = j
            break
        if _HEDGED_VERBS.match(text, words[j][1]):
            verb_at = j
            break
        gap = text[words[j - 1][2] : words[j][1]]
        if any(ch in ",;:()—–“”\"" for ch in gap):
            return None
        j += 1
    if verb_at is None or verb_at - start < 3:
        return None
    np = words[start:verb_at]
    lowered = [w.lower() for w, _, _ in np]
    if any(w in _DISTANCING for w in lowered):
        return None
    # Head: the last word before the first preposition after the determiner.
    head_i = len(np) - 1
    for k in range(1, len(np)):
        if lowered[k] in _PREPOSITIONS:
            head_i = k - 1
            break
    if head_i < 1 or not _is_event_noun(np[head_i][0]):
        return None
    # It must name something: a capitalised word that is not the clause's first word.
    if not any(w[:1].isupper() for w, _, _ in np[1:]):
        return None
    nb, ne = np[1][1], np[-1][2]  # the noun phrase without its determiner
    kept = [w for w, _, _ in np[1:] if w.lower() not in _EVIDENTIAL]
    cues = tuple(w.lower() for w, _, _ in np[1:] if w.lower() in _EVIDENTIAL)
    head = np[head_i][0].lower()
    plural = head.endswith("s") and not head.endswith("ss") and head not in ("crisis", "news")
    article = "" if plural else ("an " if kept and kept[0][:1].lower() in "aeiou" else "a ")
    statement = _sentence_case(("There are " if plural else "There is " + article) + " ".join(kept))
    return Part("presupposition", nb, ne, statement, None, cues)
