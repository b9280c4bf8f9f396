"""The rule layer: is a clause a claim, speculation, opinion or background?

Check-worthiness (the model) says whether a sentence states something worth checking; it
does not tell a fact from a guess. These rules read the modality markers that news prose uses:

* speculation: hedges and predictions ("may well", "could", "likely", "apparently",
  "obviously pointing to", "it seems", "is expected to");
* opinion: the writer's evaluation ("naturally", "obviously", "should", "a very serious
  threat", "I think");
* claim: everything else that the model scores as check-worthy;
* background: the rest.

Causal markers ("led to", "the reason for this") are recorded as cues but do not move the
score: on the training pool's out-of-fold scores, sentences with a causal marker and a name
(138 of 20,238) are check-worthy at 0.42 while the calibrated model already gives them 0.46
on average, and the maximum-likelihood log-odds bonus for them is -0.3, so the data gives no
ground for a bonus (bench/eval_checkworthy.py --rules prints these figures).

The label describes what is asserted, whoever asserts it: "NATO may take steps, the minister
said" is speculation, attributed to the minister (Claim.attributed / Claim.source). Whether
the minister said it is a separate, checkable fact, traced through the quotes.

Clauses are split at the joints where news prose changes modality inside one sentence
(", and the ...", ", which ...", ", obviously pointing ..."), so that the factual half of
"Belarus is 400 km from Moscow, and NATO may well take steps ..." is still a claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import CAUSAL_RE, HEDGE_RE, OPINION_RE

LABELS = ("claim", "speculation", "opinion", "background")

_CLAUSE_JOINT = re.compile(
    r"\s*;\s+"
    r"|,\s+(?=(?:and|but|while|whereas|although|though)\s+(?:the|a|an|this|that|these|those|it|he|she|they|we|there|[A-Z]))"
    r"|,\s+(?=which\s)"
    r"|,\s+(?=(?:obviously|clearly|apparently|evidently|seemingly|presumably|naturally|probably|possibly|perhaps)\b)"
    r"|\s+[—–]\s+(?=(?:and|but|which|obviously|clearly|apparently|probably|possibly|perhaps)\b)"
)
_MONTH_MAY = re.compile(r"(?:\b(?:in|on|of|since|until|last|next|early|late|mid|by|this)\s+May\b|\bMay\s+\d)", re.IGNORECASE)
_NOT_HEDGE = re.compile(
    r"\b(?:could|can)\s*(?:not|n['’]t)\s+be\s+(?:independently\s+)?(?:verified|confirmed|reached)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Cues:
    hedges: tuple[str, ...]
    opinions: tuple[str, ...]
    causal: tuple[str, ...]

    def all(self) -> tuple[str, ...]:
        return self.hedges + self.opinions + self.causal


def find_cues(text: str) -> Cues:
    """Hedge, opinion and causal markers in a piece of text (lower-cased, in order)."""
    masked = _NOT_HEDGE.sub(lambda m: " " * len(m.group()), text)
    masked = _MONTH_MAY.sub(lambda m: m.group().replace("May", "Mmm").replace("may", "mmm"), masked)
    hedges = tuple(m.group().lower() for m in HEDGE_RE.finditer(masked))
    # "obviously pointing to" is a hedge; do not count its "obviously" again as an opinion
    opinion_text = re.sub(r"obviously pointing", "pointing", masked, flags=re.IGNORECASE)
    opinions = tuple(m.group().lower() for m in OPINION_RE.finditer(opinion_text))
    causal = tuple(m.group().lower() for m in CAUSAL_RE.finditer(masked))
    return Cues(hedges, opinions, causal)


def split_clauses(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """Clause spans of the sentence text[begin:end], split where modality may change."""
    out: list[tuple[int, int]] = []
    start = begin
    for m in _CLAUSE_JOINT.finditer(text, begin, end):
        if m.start() - start >= 12 and end - m.end() >= 12:
            out.append((start, m.start()))
            start = m.end()
    out.append((start, end))
    return [(b, e) for b, e in out if e > b]


def label_clause(cues: Cues, *, probability: float, threshold: float) -> str:
    """The label of one clause: a hedge or opinion marker overrides the model; otherwise the
    model's calibrated probability against its threshold (both from checkworthy.json)."""
    if cues.hedges:
        return "speculation"
    if cues.opinions:
        return "opinion"
    if probability >= threshold:
        return "claim"
    return "background"
