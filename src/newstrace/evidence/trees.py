"""Gradient-boosted trees evaluated with numpy alone.

The stance model is trained with scikit-learn's HistGradientBoostingClassifier (bench/
train_stance.py) and shipped as plain arrays in an .npz file: no pickle (which would run
code on load and tie the file to one scikit-learn version), and no scikit-learn needed to
use it. The training script checks that these arrays reproduce scikit-learn's
probabilities before it writes them.

Layout: all trees' nodes are concatenated; `roots[t]` is tree t's first node and
`left`/`right` are absolute node indices. Trees are ordered iteration by iteration, with
`n_outputs` trees per iteration (one per class for a multi-class model).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np

_ARRAYS = ("feature", "threshold", "missing_left", "left", "right", "is_leaf", "value", "roots")


@dataclass(frozen=True)
class BoostedTrees:
    feature: np.ndarray  # int32, feature index tested at each node
    threshold: np.ndarray  # float64, go left when x <= threshold
    missing_left: np.ndarray  # bool, where NaN goes
    left: np.ndarray  # int32
    right: np.ndarray  # int32
    is_leaf: np.ndarray  # bool
    value: np.ndarray  # float64, leaf value (raw score contribution)
    roots: np.ndarray  # int32, first node of each tree
    baseline: np.ndarray  # float64, (n_outputs,)
    max_depth: int

    @property
    def n_outputs(self) -> int:
        return int(self.baseline.shape[0])

    def raw(self, x: np.ndarray) -> np.ndarray:
        """Sum of the baseline and all leaf values: (n_samples, n_outputs)."""
        x = np.asarray(x, dtype=np.float64)
        if x.ndim != 2:
            raise ValueError(f"expected a 2-D feature matrix, got shape {x.shape}")
        n = x.shape[0]
        if n == 0:
            return np.zeros((0, self.n_outputs))
        rows = np.arange(n)[:, None]
        node = np.broadcast_to(self.roots, (n, self.roots.shape[0])).copy()
        for _ in range(self.max_depth + 1):
            leaf = self.is_leaf[node]
            if leaf.all():
                break
            xv = x[rows, self.feature[node]]
            go_left = np.where(np.isnan(xv), self.missing_left[node], xv <= self.threshold[node])
            node = np.where(leaf, node, np.where(go_left, self.left[node], self.right[node]))
        contrib = self.value[node].reshape(n, -1, self.n_outputs).sum(axis=1)
        return contrib + self.baseline

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        raw = self.raw(x)
        if self.n_outputs == 1:
            p = 1.0 / (1.0 + np.exp(-raw[:, 0]))
            return np.column_stack([1 - p, p])
        raw = raw - raw.max(axis=1, keepdims=True)
        e = np.exp(raw)
        return e / e.sum(axis=1, keepdims=True)

    # -- storage --------------------------------------------------------------------------
    def to_arrays(self, prefix: str = "trees_") -> dict[str, np.ndarray]:
        out = {prefix + k: getattr(self, k) for k in _ARRAYS}
        out[prefix + "baseline"] = self.baseline
        out[prefix + "max_depth"] = np.asarray([self.max_depth], dtype=np.int32)
        return out

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray], prefix: str = "trees_") -> "BoostedTrees":
        try:
            kw = {k: np.asarray(arrays[prefix + k]) for k in _ARRAYS}
            trees = cls(
                baseline=np.asarray(arrays[prefix + "baseline"], dtype=np.float64),
                max_depth=int(np.asarray(arrays[prefix + "max_depth"])[0]),
                **kw,
            )
        except KeyError as exc:
            raise ValueError(f"model file lacks the array {exc.args[0]!r}") from None
        trees._check()
        return trees

    def _check(self) -> None:
        n = self.feature.shape[0]
        for name in ("threshold", "missing_left", "left", "right", "is_leaf", "value"):
            if getattr(self, name).shape != (n,):
                raise ValueError(f"tree array {name!r} has shape {getattr(self, name).shape}, expected ({n},)")
        inner = ~self.is_leaf
        for name in ("left", "right"):
            idx = getattr(self, name)[inner]
            if idx.size and (idx.min() < 0 or idx.max() >= n):
                raise ValueError(f"tree array {name!r} points outside the node table")
        if self.roots.size % self.n_outputs:
            raise ValueError("number of trees is not a multiple of the number of outputs")


def from_sklearn(model) -> BoostedTrees:
    """Convert a fitted HistGradientBoostingClassifier (numeric features only).

    Uses scikit-learn's private `_predictors` / `_baseline_prediction`; the training script
    compares the result with `model.predict_proba`, so a change there fails loudly at
    training time rather than silently at run time.
    """
    feature, threshold, missing, left, right, leaf, value, roots = ([] for _ in range(8))
    offset = 0
    max_depth = 0
    for per_iteration in model._predictors:
        for predictor in per_iteration:
            nodes = predictor.nodes
            if nodes["is_categorical"].any():
                raise ValueError("categorical splits are not supported by the numpy evaluator")
            roots.append(offset)
            feature.append(nodes["feature_idx"].astype(np.int32))
            threshold.append(nodes["num_threshold"].astype(np.float64))
            missing.append(nodes["missing_go_to_left"].astype(bool))
            left.append(nodes["left"].astype(np.int32) + offset)
            right.append(nodes["right"].astype(np.int32) + offset)
            leaf.append(nodes["is_leaf"].astype(bool))
            value.append(nodes["value"].astype(np.float64))
            max_depth = max(max_depth, int(nodes["depth"].max()))
            offset += len(nodes)
    baseline = np.asarray(model._baseline_prediction, dtype=np.float64).reshape(-1)
    return BoostedTrees(
        feature=np.concatenate(feature),
        threshold=np.concatenate(threshold),
        missing_left=np.concatenate(missing),
        left=np.concatenate(left),
        right=np.concatenate(right),
        is_leaf=np.concatenate(leaf),
        value=np.concatenate(value),
        roots=np.asarray(roots, dtype=np.int32),
        baseline=baseline,
        max_depth=max_depth,
    )
