"""Claims of an article: every clause labelled claim / speculation / opinion / background,
with its check-worthiness score, subject entities and attribution.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from ..article import Article
from .checkworthy import CheckworthyModel, default_model
from .clauses import presupposition, relative_clauses, relative_statement
from .entities import entities
from .language import english_reason
from .lexicon import SPEECH_VERBS
from .modality import find_cues, label_clause, split_clauses
from .quotes import Quote, extract_quotes

log = logging.getLogger(__name__)

MAX_SENTENCES = 5000  # per article; longer texts are cut with a logged warning and a note
_SPEECH_WORD = re.compile(r"\b(?:" + "|".join(sorted(SPEECH_VERBS, key=len, reverse=True)) + r"|according to)\b")
_CAP_WORD = re.compile(r"(?<=[\w,;:’'”)] )[A-Z][\w’'-]+")
_QUOTE_MARK = re.compile(r"[\"“”«»]")
# Attributions that name nobody: what they report cannot be traced to a speaker.
_ANONYMOUS_SOURCE = re.compile(
    r"\b(?:sources?|officials|diplomats|analysts|experts|observers|people|residents|reports|media|"
    r"insiders|witnesses|critics|some|several|many|others|our|its|their|his|her|they|he|she|it|we|"
    r"someone|unnamed|anonymous)\b",
    re.IGNORECASE,
)


CLAUSE_KINDS = ("coordinated", "relative", "presupposition")


@dataclass(frozen=True)
class ClauseOf:
    """Where a claim that is only part of its sentence comes from.

    kind: "coordinated" (the sentence was cut at a joint such as ", and the ..."; the parts
          follow one another), "relative" (a non-restrictive relative clause, ", who ..." /
          ", which ...") or "presupposition" (a definite description the sentence takes for
          granted, "the disagreements between X and Y ..."); see claims/clauses.py.
    within: for "relative" and "presupposition" parts found inside another clause, the index
            (in the ClaimList) of that clause, which keeps its own label; else None.
    sentence_text: the whole sentence, so a reader sees the claim in its context.
    """

    kind: str
    sentence_text: str
    within: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "within": self.within, "sentence_text": self.sentence_text}


@dataclass(frozen=True)
class Claim:
    """One clause of an article and what kind of statement it is.

    text/begin/end: the clause, as a span of Article.text.
    sentence: index into Article.sentences; sentence_span: that sentence's (begin, end).
    label: "claim" (check-worthy factual statement, or a statement the article reports on the
           record from a named speaker: that the speaker said it is a checkable fact, whatever
           the statement's own modality), "speculation", "opinion" or "background".
    score: calibrated P(check-worthy) of the clause from the model (threshold in
           checkworthy.json; a hedge or opinion marker overrides it, see modality.py).
    subjects: capitalised names the clause is about.
    attributed: the article attributes it to a source (a quote, "according to", "said").
    source: who it is attributed to, when the text says (speaker name or role), else None.
    cues: the hedge / opinion / causal markers found in the clause.
    statement: the clause worded to stand alone, when that differs from `text` (a relative
               clause with its antecedent in place of "who"/"which"; "There are ..." for a
               presupposition); evidence search and stance use it. None: `text` stands alone.
    clause_of: when the claim is only part of its sentence, how (ClauseOf); None when the
               claim is the whole sentence.
    """

    text: str
    begin: int
    end: int
    sentence: int
    sentence_span: tuple[int, int]
    label: str
    score: float
    subjects: tuple[str, ...]
    attributed: bool
    source: str | None
    cues: tuple[str, ...]
    statement: str | None = None
    clause_of: ClauseOf | None = None

    @property
    def checkworthy(self) -> bool:
        return self.label == "claim"

    @property
    def checked_text(self) -> str:
        """What evidence is sought for: the stand-alone statement, else the clause text."""
        return self.statement or self.text

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "span": [self.begin, self.end],
            "sentence": self.sentence,
            "sentence_span": list(self.sentence_span),
            "label": self.label,
            "checkworthy": self.checkworthy,
            "score": round(self.score, 4),
            "subjects": list(self.subjects),
            "attributed": self.attributed,
            "source": self.source,
            "cues": list(self.cues),
            "statement": self.checked_text,
            "clause_of": self.clause_of.to_dict() if self.clause_of else None,
        }


class ClaimList(list):
    """The labelled clauses of an article (a plain list of Claim), plus analysis notes.

    not_analysed: why the article was not analysed (e.g. not English), else None.
    truncated: True when only the first MAX_SENTENCES sentences were analysed.
    """

    def __init__(self, claims: list[Claim] | None = None, not_analysed: str | None = None, truncated: bool = False) -> None:
        super().__init__(claims or [])
        self.not_analysed = not_analysed
        self.truncated = truncated

    def checkworthy(self) -> list[Claim]:
        """Only the clauses labelled "claim"."""
        return [c for c in self if c.label == "claim"]

    def to_dict(self) -> dict[str, Any]:
        return {"claims": [c.to_dict() for c in self], "not_analysed": self.not_analysed, "truncated": self.truncated}


def _subjects(text: str, spans: list[tuple[int, int]], sentence_begin: int, mid_caps: set[str]) -> tuple[str, ...]:
    """Names in the spans that are names: several words, an acronym, a word seen capitalised
    in mid-sentence elsewhere, or any capitalised word that does not open the sentence/span."""
    out: list[str] = []
    for b0, e0 in spans:
        for name, b, _ in entities(text, b0, e0):
            if (" " in name or name.isupper() or name in mid_caps or b not in (sentence_begin, b0)) and name not in out:
                out.append(name)
    return tuple(out)


def _attribution(b: int, e: int, quotes: list[Quote], clause_text: str) -> tuple[bool, str | None]:
    """Is the clause [b, e) attributed, and to whom?"""
    best: tuple[int, Quote] | None = None
    for q in quotes:
        spans = list(q.parts) + ([q.attribution] if q.attribution else [])
        overlap = sum(max(0, min(e, qe) - max(b, qb)) for qb, qe in spans)
        if overlap > 0 and (best is None or overlap > best[0]):
            best = (overlap, q)
    if best is not None:
        q = best[1]
        return True, (q.speaker.label if q.speaker else None)
    # a speech verb in lower case ("said", "told", "according to"; not "United States")
    if _SPEECH_WORD.search(clause_text):
        return True, None
    return False, None


def _reported_on_record(clause: str, attributed: bool, source: str | None) -> bool:
    """The clause reports a named speaker's words: a quote, or "X said/told ...", with the
    speaker resolved and not anonymous ("officials said", "our sources")."""
    if not attributed or not source or _ANONYMOUS_SOURCE.search(source):
        return False
    return bool(_QUOTE_MARK.search(clause) or _SPEECH_WORD.search(clause))


def extract_claims(
    article: Article,
    *,
    model: CheckworthyModel | None = None,
    quotes: list[Quote] | None = None,
) -> ClaimList:
    """Label every clause of the article; `ClaimList.checkworthy()` gives the claims to check.

    Articles that are not English, or have no sentences, come back empty with the reason in
    `not_analysed`. `quotes` may be passed when already extracted for this article.
    """
    reason = english_reason(article)
    if reason:
        return ClaimList([], reason)
    if not article.sentences:
        return ClaimList([], "no sentences: the article text is empty")
    model = model or default_model()
    text = article.text
    sentences = list(article.sentences)
    truncated = len(sentences) > MAX_SENTENCES
    if truncated:
        log.warning("article %s has %d sentences; only the first %d are analysed", article.id, len(sentences), MAX_SENTENCES)
        sentences = sentences[:MAX_SENTENCES]
    if quotes is None:
        quotes = list(extract_quotes(article))
    # Capitalised words seen in mid-sentence somewhere in the article are names; a single
    # capitalised word that only ever opens a sentence ("Based", "Leave") is not.
    mid_caps = {m.group() for m in _CAP_WORD.finditer(text)}
    out: list[Claim] = []
    for si, (sb, se) in enumerate(sentences):
        sentence_p = model.probability(text[sb:se])
        clauses = split_clauses(text, sb, se)
        for ci, (cb, ce) in enumerate(clauses):
            ctext = text[cb:ce]
            p = sentence_p if len(clauses) == 1 else model.probability(ctext)
            cues = find_cues(ctext)
            subj = _subjects(text, [(cb, ce)], sb, mid_caps)
            label = label_clause(cues, probability=p, threshold=model.threshold)
            attributed, source = _attribution(cb, ce, quotes, ctext)
            if label != "claim" and _reported_on_record(ctext, attributed, source):
                label = "claim"
            statement, clause_of = None, None
            if len(clauses) > 1:
                statement = relative_statement(text, sb, ce, cb) if ci > 0 else None
                clause_of = ClauseOf("relative" if statement else "coordinated", text[sb:se])
            container = len(out)
            out.append(Claim(ctext, cb, ce, si, (sb, se), label, p, subj, attributed, source, cues.all(),
                             statement, clause_of))
            if label == "claim":
                continue
            # A guess, an opinion or background may still carry a factual part: a relative
            # clause or a presupposed event (claims/clauses.py). It is labelled like any clause
            # (model score of its stand-alone statement, modality cues) and kept when a claim.
            parts = relative_clauses(text, cb, ce)
            pre = presupposition(text, cb, ce)
            if pre is not None:
                parts.append(pre)
            for part in sorted(parts, key=lambda x: x.begin):
                pp = model.probability(part.statement)
                pcues = find_cues(part.statement)
                if label_clause(pcues, probability=pp, threshold=model.threshold) != "claim":
                    continue
                spans = [(part.begin, part.end)] + ([part.antecedent] if part.antecedent else [])
                out.append(Claim(text[part.begin : part.end], part.begin, part.end, si, (sb, se), "claim", pp,
                                 _subjects(text, spans, sb, mid_caps), attributed, source,
                                 pcues.all() + part.cues, part.statement,
                                 ClauseOf(part.kind, text[sb:se], container)))
    return ClaimList(out, None, truncated)
