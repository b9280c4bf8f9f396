"""Sentence-level stance on Climate-FEVER: the packaged model alone, with the relevance gate
only, and with the full sentence layer (newstrace.evidence.sentence) that
`newstrace.corroborate` applies to evidence sentences; plus each rule of the layer left out.

    python bench/eval_sentence_stance.py            # figures on the report half
    python bench/eval_sentence_stance.py --tune     # figures on the tuning half

Every (claim, evidence sentence) pair of ../shared/data/climate_fever/climate-fever-dev.jsonl;
agrees -> SUPPORTS, disagrees -> REFUTES, discusses/unrelated -> NOT_ENOUGH_INFO.
The claims are split in two halves by a hash of their claim_id (blake2b, even / odd): the
layer's thresholds were chosen looking at the tuning half only; the report half is the
figure to quote. Climate-FEVER has no named subjects per claim, so the subject test is off.
Prints per-class F1, macro-F1, accuracy, and the precision of agree / disagree predictions.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSTRACE_SHARED", REPO.parent / "shared"))
DATA = SHARED / "data" / "climate_fever" / "climate-fever-dev.jsonl"
CLASSES = ("SUPPORTS", "REFUTES", "NOT_ENOUGH_INFO")
TO_CF = {"agrees": "SUPPORTS", "disagrees": "REFUTES", "discusses": "NOT_ENOUGH_INFO", "unrelated": "NOT_ENOUGH_INFO"}


def half_of(claim_id: str) -> str:
    return "tune" if hashlib.blake2b(claim_id.encode(), digest_size=2).digest()[1] % 2 == 0 else "report"


def scores(gold: list[str], pred: list[str]) -> tuple[list[float], float, float, dict[str, str]]:
    f1 = []
    prec = {}
    for c in CLASSES:
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        fp = sum(g != c and p == c for g, p in zip(gold, pred))
        fn = sum(g == c and p != c for g, p in zip(gold, pred))
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f1.append(2 * pr * rc / (pr + rc) if pr + rc else 0.0)
        prec[c] = f"{pr:.3f} (n={tp + fp})"
    acc = sum(g == p for g, p in zip(gold, pred)) / len(gold)
    return f1, sum(f1) / len(f1), acc, prec


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tune", action="store_true", help="score the tuning half instead of the report half")
    args = ap.parse_args(argv)
    if not DATA.exists():
        print(f"skipped: {DATA} is absent (../shared/data not available)")
        return 0
    from newstrace.evidence import default_model
    from newstrace.evidence.sentence import SentenceRules, sentence_stance

    want = "tune" if args.tune else "report"
    claims, evidence, gold = [], [], []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if half_of(str(r["claim_id"])) != want:
            continue
        for e in r["evidences"]:
            claims.append(r["claim"])
            evidence.append(e["evidence"])
            gold.append(e["evidence_label"])
    preds = default_model().predict(claims, evidence)
    full = SentenceRules()
    gate_only = replace(full, use_numbers=False, use_negation=False, use_refutation=False,
                        use_causal=False, use_near_copy=False, model_disagree=True)
    variants = [("model alone", None), ("model + relevance gate", gate_only), ("model + sentence layer", full)]
    for flag in ("use_numbers", "use_negation", "use_refutation", "use_causal", "use_near_copy", "use_predicate"):
        variants.append((f"  layer without {flag[4:]}", replace(full, **{flag: False})))
    variants.append(("  layer keeping model disagrees", replace(full, model_disagree=True)))
    print(f"Climate-FEVER dev, {want} half: {len(set(claims))} claims, {len(gold)} pairs")
    print("F1 per class (SUPPORTS REFUTES NEI), macro-F1, accuracy; precision of SUPPORTS / REFUTES predictions")
    for name, rules in variants:
        if rules is None:
            ps = [p.stance for p in preds]
        else:
            ps = [sentence_stance(p, c, e, (), rules)[0].stance for c, e, p in zip(claims, evidence, preds)]
        f1, macro, acc, prec = scores(gold, [TO_CF[p] for p in ps])
        print(f"  {name:32} {' '.join(f'{x:.3f}' for x in f1)}  macro-F1 {macro:.3f}  accuracy {acc:.3f}"
              f"  P(S) {prec['SUPPORTS']}  P(R) {prec['REFUTES']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
