"""Sentence-level stance on Climate-FEVER: the packaged model alone vs the model with the
relevance gate that `newstrace.corroborate` applies to evidence sentences.

    python bench/eval_sentence_stance.py

Every (claim, evidence sentence) pair of ../shared/data/climate_fever/climate-fever-dev.jsonl
(5,175 pairs); agrees -> SUPPORTS, disagrees -> REFUTES, discusses/unrelated ->
NOT_ENOUGH_INFO. Climate-FEVER has no named subjects per claim, so the gate runs on the
content-word share alone. Prints per-class F1, macro-F1 and accuracy for both.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSTRACE_SHARED", REPO.parent / "shared"))
DATA = SHARED / "data" / "climate_fever" / "climate-fever-dev.jsonl"
CLASSES = ("SUPPORTS", "REFUTES", "NOT_ENOUGH_INFO")
TO_CF = {"agrees": "SUPPORTS", "disagrees": "REFUTES", "discusses": "NOT_ENOUGH_INFO", "unrelated": "NOT_ENOUGH_INFO"}


def scores(gold: list[str], pred: list[str]) -> tuple[list[float], float, float]:
    f1 = []
    for c in CLASSES:
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        fp = sum(g != c and p == c for g, p in zip(gold, pred))
        fn = sum(g == c and p != c for g, p in zip(gold, pred))
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f1.append(2 * pr * rc / (pr + rc) if pr + rc else 0.0)
    acc = sum(g == p for g, p in zip(gold, pred)) / len(gold)
    return f1, sum(f1) / len(f1), acc


def main() -> int:
    if not DATA.exists():
        print(f"skipped: {DATA} is absent (../shared/data not available)")
        return 0
    from newstrace.corroborate import CorroborationSettings, _sentence_stance, content_words
    from newstrace.evidence import default_model

    claims, evidence, gold = [], [], []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        for e in r["evidences"]:
            claims.append(r["claim"])
            evidence.append(e["evidence"])
            gold.append(e["evidence_label"])
    preds = default_model().predict(claims, evidence)
    settings = CorroborationSettings()
    gated = []
    for c, e, p in zip(claims, evidence, preds):
        words = set(content_words(c))
        overlap = len(words & set(content_words(e))) / max(1, len(words))
        gated.append(_sentence_stance(p, e, overlap, [], settings))
    print(f"{len(gold)} pairs; F1 per class {CLASSES}, macro-F1, accuracy")
    for name, ps in (("model alone", preds), ("model + relevance gate", gated)):
        f1, macro, acc = scores(gold, [TO_CF[p.stance] for p in ps])
        print(f"  {name:24} {' '.join(f'{x:.3f}' for x in f1)}  macro-F1 {macro:.3f}  accuracy {acc:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
