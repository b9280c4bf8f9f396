"""Check-worthiness scores for sentences, from the model shipped in newstrace/models/.

The model is a logistic regression over sublinear tf-idf of hashed word (1-2) and character
(2-5, within words) n-grams, plus a few hand features (numbers, capitalised words, attribution
verbs, hedges ...). It is trained by bench/train_checkworthy.py on CheckThat! 2024 English
train and ClaimBuster; the data hashes, the CV figures, the decision threshold and a Platt
calibration map (fitted on out-of-fold scores, because class weighting makes raw scores
over-confident) are stored in checkworthy.json beside the weights. Scoring needs numpy only.

The weights are stored as plain arrays (numpy .npz, loaded with allow_pickle=False) plus
JSON, so loading a model file cannot execute code.
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import numpy as np

from ..errors import NewstraceError
from .features import FEATURE_VERSION, FeatureSpec, hand_features, ngram_counts

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parents[1] / "models"
MODEL_NAME = "checkworthy"


class ModelFileError(NewstraceError):
    """The check-worthiness model files are missing, unreadable or from another version."""


def idf_from_df(df: np.ndarray, n_docs: int, min_df: int = 1) -> np.ndarray:
    """Smoothed idf (as scikit-learn's); buckets seen in fewer than min_df texts get 0 (ignored)."""
    idf = np.log((1.0 + n_docs) / (1.0 + df)) + 1.0
    idf[df < min_df] = 0.0
    return idf.astype(np.float32)


def transform_counts(counts: Any, idf: np.ndarray, hand: np.ndarray, hand_scale: float) -> Any:
    """Training-side design matrix (scipy sparse): l2-normalised sublinear tf-idf | hand features."""
    from scipy import sparse

    X = counts.astype(np.float32).tocsr(copy=True)
    X.data = (1.0 + np.log(X.data)) * idf[X.indices]
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    X = sparse.diags(1.0 / norms) @ X
    if hand_scale:
        return sparse.hstack([X, sparse.csr_matrix(hand * hand_scale)], format="csr")
    return sparse.hstack([X, sparse.csr_matrix(np.zeros_like(hand))], format="csr")


@dataclass
class CheckworthyModel:
    """Loaded weights; `probabilities` gives P(check-worthy) for each text."""

    spec: FeatureSpec
    idf: np.ndarray  # dense, size 2**bits; 0 for buckets the model ignores
    w_ngram: np.ndarray  # dense, size 2**bits
    w_hand: np.ndarray
    bias: float
    hand_scale: float
    threshold: float
    platt_a: float = 1.0  # calibration map applied to the log-odds (see checkworthy.json "platt")
    platt_b: float = 0.0
    meta: dict[str, Any] = field(default_factory=dict)

    def probability(self, text: str) -> float:
        counts = ngram_counts(text, self.spec)
        z = self.bias
        if counts:
            idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            tf = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
            v = (1.0 + np.log(tf)) * self.idf[idx]
            norm = float(np.sqrt(v @ v))
            if norm > 0:
                z += float(v @ self.w_ngram[idx]) / norm
        if self.hand_scale:
            z += float(hand_features(text) @ self.w_hand) * self.hand_scale
        z = self.platt_a * z + self.platt_b
        return 1.0 / (1.0 + math.exp(-z))

    def probabilities(self, texts: Iterable[str]) -> np.ndarray:
        return np.asarray([self.probability(t) for t in texts], dtype=np.float64)


def save_model(
    out_dir: Path,
    *,
    idf: np.ndarray,
    w_ngram: np.ndarray,
    w_hand: np.ndarray,
    bias: float,
    meta: dict[str, Any],
) -> None:
    """Write <out_dir>/checkworthy.npz (only the buckets the model uses) and checkworthy.json."""
    out_dir.mkdir(parents=True, exist_ok=True)
    kept = np.flatnonzero(idf > 0).astype(np.int64)
    # Deltas of sorted bucket numbers are small and compress far better than the numbers.
    deltas = np.diff(kept, prepend=0).astype(np.uint32)
    np.savez_compressed(
        out_dir / f"{MODEL_NAME}.npz",
        bucket_deltas=deltas,
        idf=idf[kept].astype(np.float16),
        w_ngram=w_ngram[kept].astype(np.float16),
        w_hand=np.asarray(w_hand, dtype=np.float32),
        bias=np.asarray([bias], dtype=np.float64),
    )
    (out_dir / f"{MODEL_NAME}.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def load_model(model_dir: Path | str | None = None) -> CheckworthyModel:
    """Load the model from `model_dir` (default: the one shipped in the package)."""
    d = Path(model_dir) if model_dir is not None else MODEL_DIR
    npz, js = d / f"{MODEL_NAME}.npz", d / f"{MODEL_NAME}.json"
    if not npz.exists() or not js.exists():
        raise ModelFileError(
            f"check-worthiness model not found in {d} (need {npz.name} and {js.name}); "
            "run bench/train_checkworthy.py to create it"
        )
    try:
        meta = json.loads(js.read_text(encoding="utf-8"))
        with np.load(npz, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
    except (OSError, ValueError, json.JSONDecodeError) as exc:
        raise ModelFileError(f"cannot read check-worthiness model in {d}: {exc}") from exc
    if meta.get("feature_version") != FEATURE_VERSION:
        raise ModelFileError(
            f"{js} was trained with feature version {meta.get('feature_version')}, this code uses "
            f"{FEATURE_VERSION}; retrain with bench/train_checkworthy.py"
        )
    spec = FeatureSpec(**meta["spec"])
    kept = np.cumsum(arrays["bucket_deltas"].astype(np.int64))
    idf = np.zeros(spec.size, dtype=np.float32)
    w = np.zeros(spec.size, dtype=np.float32)
    idf[kept] = arrays["idf"].astype(np.float32)
    w[kept] = arrays["w_ngram"].astype(np.float32)
    params = meta["params"]
    return CheckworthyModel(
        spec=spec,
        idf=idf,
        w_ngram=w,
        w_hand=arrays["w_hand"].astype(np.float32),
        bias=float(arrays["bias"][0]),
        hand_scale=float(params.get("hand_scale", 0.0)),
        threshold=float(meta["threshold"]),
        platt_a=float(meta.get("platt", {}).get("a", 1.0)),
        platt_b=float(meta.get("platt", {}).get("b", 0.0)),
        meta=meta,
    )


@lru_cache(maxsize=1)
def default_model() -> CheckworthyModel:
    """The shipped model, loaded once per process (call `default_model.cache_clear()` to reload)."""
    model = load_model()
    log.debug("loaded check-worthiness model (threshold %.2f)", model.threshold)
    return model
