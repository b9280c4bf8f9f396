"""Check-worthiness F1 of the shipped model on the two report sets, plus speed.

    .venv/bin/python bench/eval_checkworthy.py            # F1 / precision / recall, speed
    .venv/bin/python bench/eval_checkworthy.py --rules    # also the rule layer's effect

Report sets (never trained or tuned on; see bench/train_checkworthy.py):
  * CheckThat! 2024 task 1 English dev (CT24_checkworthy_english_dev.tsv), positive = "Yes";
  * ClaimBuster kfold_25ncs, fold 0 of blake2b(sentence_id) mod 4 (the file has no fold column).
The decision threshold is the one stored with the model (chosen by CV on the training pool).

--rules shows what the news-oriented rule layer (newstrace.claims.modality: hedges ->
speculation, opinion markers -> opinion, causal bonus) does to these debate-transcript
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
    out = []
    for t, p in zip(texts, probs):
        label, _ = label_clause(find_cues(t), probability=float(p), threshold=threshold, has_entity=bool(entities(t)))
        out.append(label == "claim")
    return np.array(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rules", action="store_true", help="also report the rule layer on the report sets")
    ap.add_argument("--model-dir", type=Path, default=None, help="a model other than the shipped one")
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
