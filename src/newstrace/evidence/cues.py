"""Learned stance cue words: a linear model over the evidence's words.

The hand lexicons in `features.py` know "denied" and "reportedly"; this model learns the
rest from FNC-1 (e.g. which words mark reporting a rumour rather than asserting a fact).
It looks only at the evidence side — the words of the whole evidence text ("b:" terms) and
of its three sentences closest to the claim ("t:" terms) — and predicts, for a related pair,
P(agree), P(disagree), P(discuss). Its three outputs are features of the boosted trees.

Training (bench/train_stance.py) keeps only words seen in related pairs of at least
`min_topics` different FNC-1 topics, so that the model learns stance vocabulary, not which
news story tends to be denied; the trees are trained on out-of-fold outputs of this model.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping

import numpy as np

from .features import cue_terms  # noqa: F401  (re-exported: what the model sees)


@dataclass(frozen=True)
class CueModel:
    vocabulary: Mapping[str, int]
    coef: np.ndarray  # (3, n_terms)
    intercept: np.ndarray  # (3,)

    def __post_init__(self) -> None:
        if self.coef.shape != (3, len(self.vocabulary)) or self.intercept.shape != (3,):
            raise ValueError(
                f"cue model arrays have shapes {self.coef.shape} and {self.intercept.shape}; "
                f"expected (3, {len(self.vocabulary)}) and (3,)"
            )

    def probabilities(self, terms: set[str]) -> list[float]:
        """Softmax of the linear scores over l2-normalised binary term indicators."""
        # Sorted so the float sum does not depend on set order (PYTHONHASHSEED).
        idx = sorted(j for t in terms if (j := self.vocabulary.get(t)) is not None)
        if idx:
            z = self.coef[:, idx].sum(axis=1) / math.sqrt(len(idx)) + self.intercept
        else:
            z = self.intercept.copy()
        z = z - z.max()
        e = np.exp(z)
        return (e / e.sum()).tolist()
