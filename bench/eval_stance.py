"""Evaluate the stance model: FNC-1 hold-out bodies, Climate-FEVER, and throughput.

    .venv/bin/python bench/eval_stance.py                    # the packaged model
    .venv/bin/python bench/eval_stance.py --model /tmp/m     # a model written elsewhere
    .venv/bin/python bench/eval_stance.py --json out.json    # also write the figures

1. FNC-1 hold-out (the bodies bench/train_stance.py held out with its fixed seed; never used
   for training or model choice). Two views of each pair: the whole body (the official
   setting) and the body's best-matching sentence (closer to newstrace's run-time input;
   the labels are the pair's labels, so this view is noisy: the chosen sentence may not
   carry the body's stance). Figures: FNC-1 score relative to the maximum, per-class F1,
   macro-F1, accuracy, confusion matrix.
2. Climate-FEVER dev (evaluation only, never trained on): every (claim, evidence sentence)
   pair, 3-way mapping
       agrees -> SUPPORTS,  disagrees -> REFUTES,  discusses or unrelated -> NOT_ENOUGH_INFO
   (Climate-FEVER's NOT_ENOUGH_INFO sentences were retrieved for the claim, so they are
   mostly on-topic but take no position: FNC-1's "discuss" when on topic, "unrelated" when
   not). Figures: 3-way macro-F1, accuracy, per-class F1, confusion matrix, and the
   expected calibration error of the mapped probabilities.
3. Throughput on one core: claim-vs-sentence pairs per second through the public API
   (`StanceModel.predict_proba`, batches of 64, texts prepared inside each call), and
   body-level pairs per second; both wall-clock and process CPU time.
"""

from __future__ import annotations

import os

# One core: keep numpy's thread pools from spreading the throughput measurement.
for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_stance as T  # noqa: E402

from newstrace.evidence.stance import LABELS, StanceModel  # noqa: E402

CF_LABELS = ("SUPPORTS", "REFUTES", "NOT_ENOUGH_INFO")


def load_climate_fever(shared: Path) -> tuple[list[tuple[str, str, int]], str]:
    path = shared / "data" / "climate_fever" / "climate-fever-dev.jsonl"
    if not path.exists():
        raise SystemExit(f"{path}: not found; set NEWSTRACE_SHARED to the shared data folder")
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            for ev in rec["evidences"]:
                rows.append((rec["claim"], ev["evidence"], CF_LABELS.index(ev["evidence_label"])))
    return rows, T.sha256(path)


def to_three_way(proba: np.ndarray) -> np.ndarray:
    """(n, 4) stance probabilities -> (n, 3) SUPPORTS / REFUTES / NOT_ENOUGH_INFO."""
    return np.column_stack([proba[:, 0], proba[:, 1], proba[:, 2] + proba[:, 3]])


def confusion(y, p, k) -> list[list[int]]:
    m = np.zeros((k, k), dtype=int)
    np.add.at(m, (np.asarray(y), np.asarray(p)), 1)
    return m.tolist()


def ece(proba: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error of the top-class probability (equal-width bins)."""
    conf = proba.max(1)
    correct = proba.argmax(1) == y
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (conf > lo) & (conf <= hi)
        if m.any():
            total += m.mean() * abs(conf[m].mean() - correct[m].mean())
    return float(total)


def report_fnc(name: str, y, proba) -> dict:
    pred = proba.argmax(1)
    f1 = T.f1_per_class(y, pred, 4)
    out = {
        "pairs": int(len(y)),
        "fnc_score_relative": T.fnc_score(y, pred),
        "f1": dict(zip(LABELS, f1)),
        "macro_f1": float(np.mean(f1)),
        "accuracy": float(np.mean(pred == y)),
        "ece": ece(proba, y),
        "confusion_rows_true_cols_pred": confusion(y, pred, 4),
    }
    print(f"\n== FNC-1 hold-out, {name} ({len(y)} pairs)")
    print(f"   FNC-1 score: {out['fnc_score_relative']:.4f} of the maximum")
    print("   F1: " + "  ".join(f"{k}={v:.3f}" for k, v in out["f1"].items())
          + f"   macro-F1={out['macro_f1']:.4f}  accuracy={out['accuracy']:.4f}  ECE={out['ece']:.3f}")
    _print_confusion(out["confusion_rows_true_cols_pred"], LABELS)
    return out


def _print_confusion(m, labels) -> None:
    w = max(len(x) for x in labels) + 1
    print("   confusion (rows: truth, columns: predicted)")
    print("   " + " " * w + "".join(f"{lab[:9]:>10}" for lab in labels))
    for lab, row in zip(labels, m):
        print(f"   {lab:<{w}}" + "".join(f"{v:>10}" for v in row))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, help="folder with stance.json/.npz (default: packaged)")
    ap.add_argument("--json", type=Path, help="write the figures here as JSON")
    ap.add_argument("--skip-speed", action="store_true")
    args = ap.parse_args(argv)

    model = StanceModel.load(args.model)
    shared = T.shared_dir()
    figures: dict = {"model": str(args.model or "packaged"),
                     "hyperparameters": model.meta.get("hyperparameters"),
                     "views_trained": model.meta.get("views")}

    # -- FNC-1 hold-out ----------------------------------------------------------------------
    pairs, bodies, hashes = T.load_fnc1(shared)
    split = model.meta.get("split", {})
    train_ids, hold_ids = T.split_bodies(bodies, split.get("seed", T.SEED),
                                         split.get("holdout_fraction", T.HOLDOUT_FRACTION))
    hold = [p for p in pairs if p[1] in hold_ids]
    y = np.asarray([p[2] for p in hold])
    claims = [p[0] for p in hold]
    figures["fnc1_sha256"] = hashes
    figures["fnc1_split"] = {"seed": split.get("seed", T.SEED), "holdout_bodies": len(hold_ids),
                             "holdout_pairs": len(hold)}
    t0 = time.perf_counter()
    proba_body = model.predict_proba(claims, [bodies[p[1]] for p in hold])
    t_body = time.perf_counter() - t0
    figures["fnc1_holdout_body"] = report_fnc("whole bodies", y, proba_body)

    feat = model.featurizer
    prepared_bodies = {b: feat.prepare(bodies[b]) for b in hold_ids}
    prepared_heads = {h: feat.prepare(h) for h in set(claims)}
    best_sent = []
    for h, b, _ in hold:
        bp = prepared_bodies[b]
        [k] = feat.best_sentences(prepared_heads[h], bp, 1) or [0]
        s, e = bp.sentence_spans[k] if bp.sentence_spans else (0, len(bp.text))
        best_sent.append(bp.text[s:e])
    proba_sent = model.predict_proba(claims, best_sent)
    figures["fnc1_holdout_best_sentence"] = report_fnc("best-matching sentence of each body", y, proba_sent)

    # -- Climate-FEVER ---------------------------------------------------------------------------
    cf, cf_hash = load_climate_fever(shared)
    cy = np.asarray([r[2] for r in cf])
    cproba4 = model.predict_proba([r[0] for r in cf], [r[1] for r in cf])
    cproba = to_three_way(cproba4)
    cpred = cproba.argmax(1)
    cf1 = T.f1_per_class(cy, cpred, 3)
    figures["climate_fever"] = {
        "sha256": cf_hash,
        "pairs": int(len(cy)),
        "mapping": {"agrees": "SUPPORTS", "disagrees": "REFUTES",
                    "discusses": "NOT_ENOUGH_INFO", "unrelated": "NOT_ENOUGH_INFO"},
        "macro_f1": float(np.mean(cf1)),
        "accuracy": float(np.mean(cpred == cy)),
        "f1": dict(zip(CF_LABELS, cf1)),
        "ece": ece(cproba, cy),
        "confusion_rows_true_cols_pred": confusion(cy, cpred, 3),
        "predicted_4way_counts": dict(zip(LABELS, np.bincount(cproba4.argmax(1), minlength=4).tolist())),
        "majority_baseline_accuracy": float(np.bincount(cy).max() / len(cy)),
    }
    c = figures["climate_fever"]
    print(f"\n== Climate-FEVER dev, claim vs evidence sentence ({len(cy)} pairs), 3-way")
    print(f"   macro-F1={c['macro_f1']:.4f}  accuracy={c['accuracy']:.4f}  ECE={c['ece']:.3f}"
          f"  (majority-class accuracy {c['majority_baseline_accuracy']:.4f})")
    print("   F1: " + "  ".join(f"{k}={v:.3f}" for k, v in c["f1"].items()))
    print("   4-way predictions: " + ", ".join(f"{k}={v}" for k, v in c["predicted_4way_counts"].items()))
    _print_confusion(c["confusion_rows_true_cols_pred"], CF_LABELS)

    # Precision of the labels the verdict counts, by model score (how far to trust one item).
    prec = {}
    for lab_i, lab in ((0, "agrees"), (1, "disagrees")):
        for thr in (0.0, 0.5, 0.7):
            m = (cproba4.argmax(1) == lab_i) & (cproba4.max(1) >= thr)
            prec[f"{lab}@{thr}"] = {"n": int(m.sum()),
                                    "precision": float(np.mean(cy[m] == lab_i)) if m.any() else None}
    figures["climate_fever"]["precision_by_min_score"] = prec
    print("   precision of agree/disagree predictions by minimum score: " + ", ".join(
        f"{k}: {v['precision']:.3f} (n={v['n']})" if v["precision"] is not None else f"{k}: - (n=0)"
        for k, v in prec.items()))

    # -- Throughput ----------------------------------------------------------------------------
    if not args.skip_speed:
        claims_cf = [r[0] for r in cf]
        ev_cf = [r[1] for r in cf]
        batch = 64
        w0, c0 = time.perf_counter(), time.process_time()
        for i in range(0, len(cf), batch):
            model.predict_proba(claims_cf[i : i + batch], ev_cf[i : i + batch])
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        figures["throughput_sentence_pairs"] = {"pairs": len(cf), "batch": batch,
                                                "pairs_per_s_wall": len(cf) / wall,
                                                "pairs_per_s_cpu": len(cf) / cpu}
        n_body = 2000
        sub = hold[:n_body]
        w0, c0 = time.perf_counter(), time.process_time()
        for i in range(0, len(sub), batch):
            chunk = sub[i : i + batch]
            model.predict_proba([p[0] for p in chunk], [bodies[p[1]] for p in chunk])
        wall_b, cpu_b = time.perf_counter() - w0, time.process_time() - c0
        figures["throughput_body_pairs"] = {"pairs": len(sub), "batch": batch,
                                            "pairs_per_s_wall": len(sub) / wall_b,
                                            "pairs_per_s_cpu": len(sub) / cpu_b}
        print(f"\n== Throughput (one thread, batches of {batch})")
        print(f"   claim vs sentence: {len(cf) / wall:.0f} pairs/s wall, {len(cf) / cpu:.0f} pairs/s CPU")
        print(f"   headline vs FNC-1 body: {len(sub) / wall_b:.0f} pairs/s wall, {len(sub) / cpu_b:.0f} pairs/s CPU"
              f" (whole hold-out in one call: {len(hold) / t_body:.0f} pairs/s wall)")

    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
