"""Train the packaged stance model on FNC-1 and write newstrace/models/stance.{json,npz}.

    .venv/bin/python bench/train_stance.py                # CV, final fit, write the model
    .venv/bin/python bench/train_stance.py --views body --out /tmp/stance_body   # ablation

Protocol (fixed before looking at any hold-out figure):
- FNC-1 training part only (../shared/data/fnc1). Bodies are split, not pairs: a fixed
  seed holds out HOLDOUT_FRACTION of the body ids; no body is on both sides. The hold-out
  is only read by bench/eval_stance.py.
- IDF weights are fitted on training bodies and training headlines only.
- Training rows: each pair as (headline, whole body), and — with the "sentence" view — as
  (headline, the body's best-matching sentence). Run-time evidence is a sentence, so the
  model must see sentence-length evidence; eval_stance.py measures what this buys.
- Hyper-parameters: a small grid scored by GroupKFold cross-validation over training bodies
  (body-level rows of the validation bodies), criterion = mean of the relative FNC-1 score
  and the 4-class macro-F1. The number of boosting iterations is picked from staged
  predictions in the same folds.
- Climate-FEVER is never used here.

Needs scikit-learn (training only; the shipped model is evaluated with numpy).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import logging
import os
import platform
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from newstrace.evidence import trees as trees_mod  # noqa: E402
from newstrace.evidence.features import (  # noqa: E402
    FEATURE_NAMES,
    Idf,
    PairFeaturizer,
    Prepared,
    _is_content,
)
from newstrace.evidence.stance import LABELS, StanceModel  # noqa: E402

log = logging.getLogger("train_stance")

SEED = 20170601  # FNC-1 stage 1 ended in June 2017; any fixed number would do
HOLDOUT_FRACTION = 0.2
FNC_LABELS = ("agree", "disagree", "discuss", "unrelated")  # same order as LABELS
CV_FOLDS = 3
GRID = [
    # (max_leaf_nodes, class_weight); learning rate, min leaf size and l2 are fixed.
    {"max_leaf_nodes": 15, "class_weight": None},
    {"max_leaf_nodes": 31, "class_weight": None},
    {"max_leaf_nodes": 15, "class_weight": "balanced"},
    {"max_leaf_nodes": 31, "class_weight": "balanced"},
]
FIXED = {"learning_rate": 0.1, "min_samples_leaf": 40, "l2_regularization": 1.0}
MAX_ITER = 500
STAGE_STEP = 25


# ---------------------------------------------------------------------------------------------
# Data


def shared_dir() -> Path:
    return Path(os.environ.get("NEWSTRACE_SHARED", REPO.parent / "shared"))


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def load_fnc1(shared: Path) -> tuple[list[tuple[str, int, int]], dict[int, str], dict[str, str]]:
    """Pairs (headline, body id, label index into LABELS), bodies by id, file hashes."""
    folder = shared / "data" / "fnc1"
    bodies_path, stances_path = folder / "train_bodies.csv", folder / "train_stances.csv"
    for p in (bodies_path, stances_path):
        if not p.exists():
            raise SystemExit(f"{p}: not found; set NEWSTRACE_SHARED to the shared data folder")
    with open(bodies_path, encoding="utf-8", newline="") as fh:
        bodies = {int(r["Body ID"]): r["articleBody"] for r in csv.DictReader(fh)}
    pairs = []
    with open(stances_path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            pairs.append((r["Headline"], int(r["Body ID"]), FNC_LABELS.index(r["Stance"])))
    hashes = {
        "fnc1/train_bodies.csv": sha256(bodies_path),
        "fnc1/train_stances.csv": sha256(stances_path),
    }
    return pairs, bodies, hashes


def split_bodies(body_ids, seed: int = SEED, fraction: float = HOLDOUT_FRACTION):
    """(training ids, hold-out ids): a seeded permutation of the sorted ids, cut once."""
    ids = np.array(sorted(set(body_ids)))
    rng = np.random.default_rng(seed)
    perm = rng.permutation(ids)
    n_hold = int(round(fraction * len(ids)))
    return set(perm[n_hold:].tolist()), set(perm[:n_hold].tolist())


# ---------------------------------------------------------------------------------------------
# Scores


def fnc_score(y_true, y_pred) -> float:
    """FNC-1 score relative to the best possible (0..1)."""
    unrel = LABELS.index("unrelated")
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    related_ok = (y_true == unrel) == (y_pred == unrel)
    exact_related = (y_true == y_pred) & (y_true != unrel)
    got = 0.25 * related_ok.sum() + 0.75 * exact_related.sum()
    best = 0.25 * len(y_true) + 0.75 * (y_true != unrel).sum()
    return float(got / best)


def f1_per_class(y_true, y_pred, n_classes: int) -> list[float]:
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    out = []
    for c in range(n_classes):
        tp = np.sum((y_pred == c) & (y_true == c))
        fp = np.sum((y_pred == c) & (y_true != c))
        fn = np.sum((y_pred != c) & (y_true == c))
        out.append(float(2 * tp / (2 * tp + fp + fn)) if tp else 0.0)
    return out


# ---------------------------------------------------------------------------------------------
# Features


def build_featurizer(pairs, bodies, train_ids) -> PairFeaturizer:
    from newstrace.evidence.features import stem, tokenize

    def content_stems(text):
        return [stem(t) for t in tokenize(text) if _is_content(t)]

    train_heads = sorted({h for h, b, _ in pairs if b in train_ids})
    docs = [content_stems(bodies[b]) for b in sorted(train_ids)] + [content_stems(h) for h in train_heads]
    idf = Idf.fit(docs, min_df=2)
    avg_len = float(np.mean([len(tokenize(bodies[b])) for b in sorted(train_ids)]))
    return PairFeaturizer(idf, avg_len=avg_len)


def view_rows(feat: PairFeaturizer, pairs, bodies, views: tuple[str, ...]):
    """Feature rows for each pair and view: (X, y, body ids, view names)."""
    heads: dict[str, Prepared] = {}
    prepared: dict[int, Prepared] = {}
    sent_cache: dict[tuple[int, int], Prepared] = {}
    xs, ys, groups, vnames = [], [], [], []
    t0 = time.perf_counter()
    for n, (h, b, y) in enumerate(pairs):
        hp = heads.get(h) or heads.setdefault(h, feat.prepare(h))
        bp = prepared.get(b) or prepared.setdefault(b, feat.prepare(bodies[b]))
        for view in views:
            if view == "body":
                ev = bp
            elif view == "sentence":
                [k] = feat.best_sentences(hp, bp, 1) or [0]
                ev = sent_cache.get((b, k))
                if ev is None:
                    s, e = bp.sentence_spans[k] if bp.sentence_spans else (0, len(bp.text))
                    ev = sent_cache[(b, k)] = feat.prepare(bp.text[s:e])
            else:
                raise ValueError(f"unknown view {view!r}")
            xs.append(feat.features(hp, ev))
            ys.append(y)
            groups.append(b)
            vnames.append(view)
        if n and n % 10000 == 0:
            log.info("features: %d pairs, %.0f s", n, time.perf_counter() - t0)
    return np.vstack(xs), np.asarray(ys), np.asarray(groups), np.asarray(vnames)


# ---------------------------------------------------------------------------------------------
# Model selection


def make_model(params: dict, max_iter: int, seed: int = SEED):
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(
        max_iter=max_iter, early_stopping=False, random_state=seed, **FIXED, **params
    )


def cross_validate(x, y, groups, views, folds: int = CV_FOLDS) -> tuple[dict, int, list[dict]]:
    from sklearn.model_selection import GroupKFold

    table = []
    gkf = GroupKFold(n_splits=folds)
    splits = list(gkf.split(x, y, groups))
    for params in GRID:
        t0 = time.perf_counter()
        stage_scores: dict[int, list[tuple[float, float]]] = {}
        for tr, va in splits:
            va = va[views[va] == "body"]
            model = make_model(params, MAX_ITER).fit(x[tr], y[tr])
            for it, proba in enumerate(model.staged_predict_proba(x[va]), start=1):
                if it % STAGE_STEP == 0:
                    pred = proba.argmax(1)
                    macro = float(np.mean(f1_per_class(y[va], pred, len(LABELS))))
                    stage_scores.setdefault(it, []).append((fnc_score(y[va], pred), macro))
        for it, vals in sorted(stage_scores.items()):
            fnc = float(np.mean([v[0] for v in vals]))
            macro = float(np.mean([v[1] for v in vals]))
            table.append({**params, "max_iter": it, "fnc": fnc, "macro_f1": macro,
                          "criterion": (fnc + macro) / 2})
        best_here = max((r for r in table if r["max_leaf_nodes"] == params["max_leaf_nodes"]
                         and r["class_weight"] == params["class_weight"]),
                        key=lambda r: r["criterion"])
        log.info("cv %s: best at %d iterations fnc=%.4f macroF1=%.4f (%.0f s)", params,
                 best_here["max_iter"], best_here["fnc"], best_here["macro_f1"],
                 time.perf_counter() - t0)
    best = max(table, key=lambda r: r["criterion"])
    chosen = {k: best[k] for k in ("max_leaf_nodes", "class_weight")}
    return chosen, int(best["max_iter"]), table


# ---------------------------------------------------------------------------------------------


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=REPO / "src" / "newstrace" / "models")
    ap.add_argument("--views", default="body,sentence", help="comma list of: body, sentence")
    ap.add_argument("--no-cv", action="store_true",
                    help="skip cross-validation and use --params (JSON) and --iterations")
    ap.add_argument("--params", default='{"max_leaf_nodes": 15, "class_weight": null}')
    ap.add_argument("--iterations", type=int, default=300)
    ap.add_argument("--cache", type=Path, help="folder to cache feature matrices between runs")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    views = tuple(v.strip() for v in args.views.split(",") if v.strip())
    t_start = time.perf_counter()

    shared = shared_dir()
    pairs, bodies, hashes = load_fnc1(shared)
    train_ids, hold_ids = split_bodies(bodies)
    assert not train_ids & hold_ids
    train_pairs = [p for p in pairs if p[1] in train_ids]
    log.info("FNC-1: %d pairs, %d bodies; training %d pairs over %d bodies (hold-out %d bodies)",
             len(pairs), len(bodies), len(train_pairs), len(train_ids), len(hold_ids))

    feat = build_featurizer(pairs, bodies, train_ids)
    cache_file = None
    if args.cache:
        key = hashlib.sha256(
            (Path(__file__).read_text() + (REPO / "src/newstrace/evidence/features.py").read_text()
             + ",".join(views)).encode()
        ).hexdigest()[:16]
        cache_file = args.cache / f"stance_train_{key}.npz"
    if cache_file and cache_file.exists():
        z = np.load(cache_file, allow_pickle=False)
        x, y, groups, vnames = z["x"], z["y"], z["groups"], z["views"]
        log.info("features loaded from cache %s", cache_file)
    else:
        t0 = time.perf_counter()
        x, y, groups, vnames = view_rows(feat, train_pairs, bodies, views)
        log.info("features: %d rows x %d in %.0f s", x.shape[0], x.shape[1], time.perf_counter() - t0)
        if cache_file:
            args.cache.mkdir(parents=True, exist_ok=True)
            np.savez(cache_file, x=x, y=y, groups=groups, views=vnames)

    if args.no_cv:
        params, n_iter, table = json.loads(args.params), args.iterations, []
    else:
        params, n_iter, table = cross_validate(x, y, groups, vnames)
    log.info("chosen: %s, %d iterations", params, n_iter)

    t0 = time.perf_counter()
    model = make_model(params, n_iter).fit(x, y)
    fit_s = time.perf_counter() - t0
    exported = trees_mod.from_sklearn(model)
    # The numpy evaluator must give scikit-learn's probabilities, or the shipped model is not
    # the trained one.
    check = x[:: max(1, len(x) // 5000)]
    diff = np.abs(exported.predict_proba(check) - model.predict_proba(check)).max()
    if diff > 1e-9:
        raise SystemExit(f"exported trees differ from scikit-learn by {diff:g}; not writing the model")

    import sklearn

    meta = {
        "model": "HistGradientBoostingClassifier over newstrace.evidence.features",
        "trained_with": {
            "script": "bench/train_stance.py",
            "command": "python bench/train_stance.py " + " ".join(argv if argv is not None else sys.argv[1:]),
            "scikit_learn": sklearn.__version__,
            "numpy": np.__version__,
            "python": platform.python_version(),
            "seconds_total": round(time.perf_counter() - t_start, 1),
            "seconds_final_fit": round(fit_s, 1),
        },
        "data": {"files_sha256": hashes, "rows": int(len(x)),
                 "class_counts": {LABELS[k]: int(v) for k, v in sorted(Counter(y.tolist()).items())}},
        "split": {"seed": SEED, "holdout_fraction": HOLDOUT_FRACTION, "by": "body id",
                  "training_bodies": len(train_ids), "holdout_bodies": len(hold_ids)},
        "views": list(views),
        "hyperparameters": {**FIXED, **params, "max_iter": n_iter},
        "cross_validation": {"folds": CV_FOLDS, "grouped_by": "body id",
                             "criterion": "(relative FNC-1 score + macro-F1) / 2 on body-level rows",
                             "table": table},
        "export_max_abs_diff": float(diff),
    }
    sm = StanceModel(feat, exported, meta)
    js, npz = sm.save(args.out)
    log.info("wrote %s (%d bytes) and %s (%d bytes) in %.0f s total", js, js.stat().st_size, npz,
             npz.stat().st_size, time.perf_counter() - t_start)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
