"""Compare newstrace's answers on the bundled example world with its ground truth.

    python bench/eval_world.py [--show]

Ingests examples/world into a temporary archive, checks every article the ground truth
has claims or a paragraph map for, and prints agreement for:
  - the per-paragraph provenance map (label, and the earliest source for copied paragraphs),
  - claim verdicts (each ground-truth claim is matched to the check's claim that overlaps
    its sentence and shares most words with the ground truth's wording of the claim),
  - quote status for quotes traced in the ground truth (genuine / extended ...), where the
    check reports it.
The world is fiction written for newstrace (examples/FICTION.md); it is a demonstration and
regression set, not a benchmark to tune on: every mismatch is listed so it can be explained.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="print every mismatch")
    ap.add_argument("--dense", action="store_true", help="store sentence vectors first, so checks use dense retrieval")
    args = ap.parse_args(argv)

    from newstrace.archive import Archive
    from newstrace.corroborate import content_words
    from newstrace.pipeline import check
    from newstrace.read import read_path

    gt = json.loads((EXAMPLES / "ground_truth.json").read_text(encoding="utf-8"))
    by_key = {a["key"]: a for a in gt["articles"]}
    with tempfile.TemporaryDirectory() as tmp:
        archive = Archive(Path(tmp) / "world.sqlite")
        archive.ingest(read_path(EXAMPLES / "world"))
        if args.dense:
            from newstrace.evidence.dense import DenseRetriever

            DenseRetriever(archive).update()
        url_to_id = {a.url: a.id for a in archive.articles(limit=None) if a.url}

        def load(key: str):
            entry = by_key[key]
            if key in url_to_id:
                return archive.get(url_to_id[key])
            return next(i for i in read_path(EXAMPLES / "world" / entry["path"]))

        # The pasted twin of the main demo (examples/check/) is the same article as the
        # copier's page; it is checked against the world without that page, as a
        # fact-checker holding only the pasted text and the other outlets would.
        twin_of = {a["key"]: a.get("same_as") for a in gt["articles"] if a["key"] not in url_to_id}
        main_html = gt["main_demo"]["html"]
        without_main = Archive(Path(tmp) / "without-main.sqlite")
        without_main.ingest(a for a in archive.articles(limit=None) if a.url != main_html)

        checked: dict[str, dict] = {}

        def report(key: str) -> dict:
            if key not in checked:
                target = without_main if key not in url_to_id else archive
                checked[key] = check(load(key), target).to_dict()
            return checked[key]

        # -- paragraph map ------------------------------------------------------------
        p_ok = p_all = 0
        p_bad: list[str] = []
        for key, paras in gt["paragraph_map"].items():
            rep = report(key)
            got = rep["provenance"]["paragraphs"]
            art_text = rep["article"]["text"]
            for want in paras:
                p_all += 1
                match = next((g for g in got if art_text[g["span"][0] : g["span"][1]].startswith(want["text_start"][:40])), None)
                if match is None:
                    p_bad.append(f"{key} ¶{want['paragraph_index']}: paragraph not found")
                    continue
                label_ok = match["label"] == want["label"]
                src_ok = True
                if want["label"] == "copied" and want.get("source"):
                    src_id = url_to_id.get(want["source"])
                    src_ok = src_id in match.get("earliest", []) or src_id in match.get("sources", [])
                if label_ok and src_ok:
                    p_ok += 1
                else:
                    p_bad.append(f"{key} ¶{want['paragraph_index']}: want {want['label']} from {want.get('source')}, got {match['label']} earliest={match.get('earliest')}")
        print(f"paragraph map: {p_ok}/{p_all} paragraphs agree (label, and source for copied ones)")

        # -- verdicts -----------------------------------------------------------------
        v_ok = v_all = 0
        v_bad: list[str] = []
        confusion: dict[tuple[str, str], int] = {}
        for c in gt["claims"]:
            rep = report(c["article"])
            text = rep["article"]["text"]
            sb = text.find(c["sentence"][:60])
            v_all += 1
            # The check's claim overlapping the sentence; when one sentence holds several
            # claims (clauses), the one sharing most words with the ground truth's wording.
            want_words = set(content_words(c["claim"]))
            best, best_key = None, (0, 0)
            for v in rep.get("verdicts") or []:
                b, e = v["claim_span"]
                if sb < 0:
                    continue
                ov = min(e, sb + len(c["sentence"])) - max(b, sb)
                key = (len(want_words & set(content_words(v["claim"]))), ov)
                if ov > 0 and key > best_key:
                    best, best_key = v, key
            got = best["label"] if best else "(no verdict: not check-worthy or not found)"
            confusion[(c["verdict"], got)] = confusion.get((c["verdict"], got), 0) + 1
            if got == c["verdict"]:
                v_ok += 1
            else:
                v_bad.append(f"{c['article'][-45:]}: {c['sentence'][:70]!r}: want {c['verdict']}, got {got}")
        print(f"verdicts: {v_ok}/{v_all} claims agree")
        for (want, got), n in sorted(confusion.items()):
            print(f"    want {want:13} got {got:13} {n}")
        if args.show:
            for line in p_bad + v_bad:
                print("  -", line)
        archive.close()
        without_main.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
