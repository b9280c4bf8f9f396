"""Stance of an evidence text towards a claim: agrees, disagrees, discusses or unrelated.

The model is gradient-boosted trees over hand-built pair features (`features.py`) and a
learned cue-word model (`cues.py`), trained by `bench/train_stance.py` on FNC-1 seen three
ways: headline vs whole body, headline vs the body's best-matching sentence (run-time
evidence is a sentence), and synthetic one-sentence denials/confirmations built from agree
pairs ("Officials denied that <sentence>"), because explicit denials are the contradiction
newstrace meets most and FNC-1 has few of them at sentence level. It ships as
`newstrace/models/stance.npz` (arrays, loaded without pickle) + `stance.json` (vocabulary,
feature names, training data hashes, hyper-parameters, cross-validation table). It needs
numpy only.

    model = default_model()
    [p] = model.predict(["Gen. X was dismissed"], ["The ministry denied that X was dismissed."])
    p.stance, p.score, p.probabilities

At run time the "claim" is a claim sentence and the "evidence" a sentence or short passage of
another article. Quality figures come from bench/eval_stance.py. In short: strong on
news-style relatedness and explicit denials; weak on agree-vs-neutral and on refutation by
contrary facts (Climate-FEVER), so treat single labels as leads, not findings.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np

from ..errors import InputError
from ._files import read_model_files
from .cues import CueModel
from .features import FEATURE_NAMES, Idf, PairFeaturizer, Prepared
from .trees import BoostedTrees

log = logging.getLogger(__name__)

AGREES = "agrees"
DISAGREES = "disagrees"
DISCUSSES = "discusses"
UNRELATED = "unrelated"
#: Column order of every probability matrix; FNC-1's agree/disagree/discuss/unrelated.
LABELS: tuple[str, ...] = (AGREES, DISAGREES, DISCUSSES, UNRELATED)
FORMAT_VERSION = 1
MODEL_NAME = "stance"


@dataclass(frozen=True)
class StancePrediction:
    stance: str  # one of LABELS
    score: float  # the model's probability of `stance`
    probabilities: Mapping[str, float]

    @property
    def relatedness(self) -> float:
        """Probability that the evidence is about the claim at all (1 - P(unrelated))."""
        return 1.0 - self.probabilities[UNRELATED]

    def to_dict(self) -> dict[str, Any]:
        return {
            "stance": self.stance,
            "score": round(self.score, 6),
            "probabilities": {k: round(v, 6) for k, v in self.probabilities.items()},
        }


class StanceModel:
    """A trained stance model: a featurizer (vocabulary + constants) and boosted trees."""

    def __init__(self, featurizer: PairFeaturizer, trees: BoostedTrees, meta: Mapping[str, Any]):
        if trees.n_outputs != len(LABELS):
            raise ValueError(f"stance model has {trees.n_outputs} outputs, expected {len(LABELS)}")
        self.featurizer = featurizer
        self.trees = trees
        self.meta = dict(meta)

    # -- loading and saving ---------------------------------------------------------------
    @classmethod
    def load(cls, directory: str | Path | None = None, name: str = MODEL_NAME) -> "StanceModel":
        """Load `<name>.json` + `<name>.npz` from `directory` (default: the packaged model)."""
        meta, arrays, where = read_model_files(directory, name, kind="stance model", rebuild="bench/train_stance.py")
        return cls._from_parts(meta, arrays, where)

    @classmethod
    def _from_parts(cls, meta: dict, arrays: dict[str, np.ndarray], where: str) -> "StanceModel":
        if meta.get("format_version") != FORMAT_VERSION:
            raise InputError(
                where, "unsupported stance model format",
                f"version {meta.get('format_version')!r}, this newstrace reads {FORMAT_VERSION}",
            )
        if tuple(meta.get("feature_names", ())) != FEATURE_NAMES:
            raise InputError(
                where, "stance model was trained with a different feature set",
                "rebuild it with: python bench/train_stance.py",
            )
        if tuple(meta.get("labels", ())) != LABELS:
            raise InputError(where, "stance model labels differ", f"{meta.get('labels')!r}")
        terms = meta["idf"]["terms"]
        weights = arrays["idf_weights"]
        if len(terms) != len(weights):
            raise InputError(where, "vocabulary and idf weights differ in length")
        idf = Idf(weights=dict(zip(terms, weights.tolist())), n_docs=int(meta["idf"]["n_docs"]))
        try:
            cue_terms = meta["cues"]["terms"]
            cues = CueModel(
                vocabulary={t: i for i, t in enumerate(cue_terms)},
                coef=np.asarray(arrays["cue_coef"], dtype=np.float64),
                intercept=np.asarray(arrays["cue_intercept"], dtype=np.float64),
            )
            trees = BoostedTrees.from_arrays(arrays)
        except (KeyError, ValueError) as exc:
            raise InputError(where, "damaged stance model", str(exc)) from None
        featurizer = PairFeaturizer(idf, avg_len=float(meta["featurizer"]["avg_len"]), cues=cues)
        return cls(featurizer, trees, meta)

    def save(self, directory: str | Path, name: str = MODEL_NAME) -> tuple[Path, Path]:
        """Write `<name>.json` and `<name>.npz` (used by bench/train_stance.py)."""
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        idf = self.featurizer.idf
        terms = sorted(idf.weights)
        meta = dict(self.meta)
        meta.update(
            format_version=FORMAT_VERSION,
            labels=list(LABELS),
            feature_names=list(FEATURE_NAMES),
            featurizer={"avg_len": self.featurizer.avg_len},
            idf={"n_docs": idf.n_docs, "terms": terms},
        )
        cues = self.featurizer.cues
        if cues is None:
            raise ValueError("a stance model is saved with its cue model")
        cue_terms = sorted(cues.vocabulary, key=cues.vocabulary.__getitem__)
        meta["cues"] = {"terms": cue_terms}
        arrays = self.trees.to_arrays()
        arrays["idf_weights"] = np.asarray([idf.weights[t] for t in terms], dtype=np.float64)
        arrays["cue_coef"] = cues.coef
        arrays["cue_intercept"] = cues.intercept
        npz = d / f"{name}.npz"
        js = d / f"{name}.json"
        np.savez_compressed(npz, **arrays)
        js.write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return js, npz

    # -- prediction -------------------------------------------------------------------------
    def prepare(self, text: str) -> Prepared:
        return self.featurizer.prepare(text)

    def features(self, claims: Sequence[str], evidence: Sequence[str]) -> np.ndarray:
        """Feature matrix for aligned (claim, evidence) lists; each distinct text is prepared once."""
        _check_pairs(claims, evidence)
        cache: dict[str, Prepared] = {}

        def prep(t: str) -> Prepared:
            p = cache.get(t)
            if p is None:
                p = cache[t] = self.featurizer.prepare(t)
            return p

        return self.featurizer.matrix([prep(c) for c in claims], [prep(e) for e in evidence])

    def predict_proba(self, claims: Sequence[str], evidence: Sequence[str]) -> np.ndarray:
        """(n, 4) probabilities in `LABELS` order for aligned claim/evidence lists.

        A pair where either side has no words is "unrelated" with probability 1: there is
        nothing to compare, and a batch should go on rather than fail on one empty sentence.
        """
        _check_pairs(claims, evidence)
        n = len(claims)
        out = np.zeros((n, len(LABELS)))
        out[:, LABELS.index(UNRELATED)] = 1.0
        ok = [i for i in range(n) if _has_words(claims[i]) and _has_words(evidence[i])]
        if len(ok) < n:
            log.debug("%d of %d stance pairs have an empty side; marked unrelated", n - len(ok), n)
        if ok:
            x = self.features([claims[i] for i in ok], [evidence[i] for i in ok])
            out[ok] = self.trees.predict_proba(x)
        return out

    def predict(self, claims: Sequence[str], evidence: Sequence[str]) -> list[StancePrediction]:
        probs = self.predict_proba(claims, evidence)
        return [_prediction(row) for row in probs]

    def predict_one(self, claim: str, evidence: str) -> StancePrediction:
        return self.predict([claim], [evidence])[0]


def _prediction(row: np.ndarray) -> StancePrediction:
    k = int(np.argmax(row))
    return StancePrediction(
        stance=LABELS[k],
        score=float(row[k]),
        probabilities={lab: float(v) for lab, v in zip(LABELS, row)},
    )


def _has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _check_pairs(claims: Sequence[str], evidence: Sequence[str]) -> None:
    if isinstance(claims, str) or isinstance(evidence, str):
        raise InputError("stance input", "expected lists of texts, got a single string",
                         "wrap it in a list or use predict_one()")
    if len(claims) != len(evidence):
        raise InputError(
            "stance input", "claims and evidence lists differ in length",
            f"{len(claims)} claims, {len(evidence)} evidence texts",
        )
    for side, seq in (("claim", claims), ("evidence", evidence)):
        for i, t in enumerate(seq):
            if not isinstance(t, str):
                raise InputError(f"{side} #{i}", "is not a string", f"got {type(t).__name__}")


@lru_cache(maxsize=1)
def default_model() -> StanceModel:
    """The packaged model, loaded once per process (`default_model.cache_clear()` resets)."""
    return StanceModel.load()
