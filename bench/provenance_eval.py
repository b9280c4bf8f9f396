"""Evaluate the provenance kernels on the generated text-reuse benchmark.

    python bench/provenance_eval.py --split test            # the figures to report
    python bench/provenance_eval.py --split dev             # for tuning

Builds the in-memory fingerprint index over every generated article, traces every
article against it (excluding itself), and compares with the planted ground truth:

- pair recall per edit level: a planted copy relation (copy, source) is found when
  trace(copy) reports the source with a shared passage (copied prose or shared quotation:
  some planted passages are themselves quotations); "as copied prose" is also given.
- pair precision per edit level: of the (checked article, source) pairs reported as
  copied prose, the share that truly share planted text (the planted pair, or two members
  of one family whose copied regions of the original overlap). A pair is counted at the
  edit level of the checked article's own planted copy; articles with none (originals,
  quotation, boilerplate and distractor articles) form the "none" row.
- character precision / recall of aligned spans, both sides, over the planted pairs;
  characters reported for pairs that share nothing planted count as false positives.
- earliest source: share of copies whose passage group names the original as the
  decided earliest source, over families where every member is dated and the original
  strictly earliest; ties / undated families are reported separately.
- credit accuracy, quotation-vs-prose accuracy, edit-level agreement, lede copies,
  boilerplate footers, chains (copy of a copy), and timing.
- corpus-wide reuse (reuse_pairs over every article, then clusters and the site network):
  its time, the share of copied-prose clusters holding one family only (purity), and
  the share of one-family clusters whose earliest source is the family's original.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from newstrace.article import Article  # noqa: E402
from newstrace.reuse.clusters import DocInfo, build_clusters, site_network  # noqa: E402
from newstrace.reuse.corpus import reuse_pairs  # noqa: E402
from newstrace.reuse.index import MemoryIndex  # noqa: E402
from newstrace.reuse.provenance import Provenance, site_key, tokens_for, trace  # noqa: E402

import provenance_gen  # noqa: E402

LEVEL_NAMES = {0: "verbatim", 2: "light", 5: "light", 10: "light", 20: "heavy"}


def _inter(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    a, b = _union(a), _union(b)
    i = j = tot = 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if lo < hi:
            tot += hi - lo
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return tot


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for b, e in sorted(spans):
        if out and b <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((b, e))
    return out


def _size(spans: list[tuple[int, int]]) -> int:
    return sum(e - b for b, e in _union(spans))


def build_articles(data: dict[str, Any]) -> dict[int, Article]:
    arts = {}
    for d in data["docs"]:
        arts[d["key"]] = Article(
            text=d["text"], url=d["url"], site=d["site"], published=d["published"],
            extra={"links": d["links"]} if d["links"] else {},
        )
        assert arts[d["key"]].text == d["text"]
    return arts


def true_pairs(data: dict[str, Any]) -> set[frozenset[int]]:
    """Unordered pairs of articles that share planted prose."""
    pairs: set[frozenset[int]] = set()
    passages = data["passages"]
    # Regions of each family's original carried by each member.
    carried: dict[int, dict[int, list[tuple[int, int]]]] = defaultdict(dict)
    orig_of: dict[int, int] = {}
    for r in data["relations"]:
        pairs.add(frozenset((r["copy"], r["source"])))
        orig_of[r["copy"]] = r["original"]
    docs = {d["key"]: d for d in data["docs"]}
    for r in data["relations"]:
        fam = r["family"]
        o = r["original"]
        carried[fam].setdefault(o, [(0, len(docs[o]["text"]))])
        if r["source"] == o:
            carried[fam][r["copy"]] = [tuple(passages[p]["source_span"]) for p in r["passages"]]
    for r in data["relations"]:
        if r["source"] != r["original"]:  # a copy of a copy carries (part of) its parent's regions
            carried[r["family"]][r["copy"]] = carried[r["family"]].get(r["source"], [])
    for fam, members in carried.items():
        keys = sorted(members)
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                if _inter(members[a], members[b]) >= 40:
                    pairs.add(frozenset((a, b)))
    return pairs


def evaluate(data: dict[str, Any], *, limit: int | None = None, verbose: bool = False) -> dict[str, Any]:
    arts = build_articles(data)
    docs = {d["key"]: d for d in data["docs"]}
    cache: dict[int, Any] = {}
    index = MemoryIndex()
    t0 = time.perf_counter()
    for k, a in arts.items():
        index.add(k, tokens_for(k, a, cache), site=site_key(a))
    t_index = time.perf_counter() - t0

    keys = list(arts)
    if limit:
        keys = keys[:limit]
    traces: dict[int, Provenance] = {}
    times = []
    for k in keys:
        t1 = time.perf_counter()
        traces[k] = trace(arts[k], index, lookup=arts.get, self_key=k, token_cache=cache)
        times.append(time.perf_counter() - t1)

    truth = true_pairs(data)
    rel_by_copy = {r["copy"]: r for r in data["relations"]}
    level_of = {k: rel_by_copy[k]["level"] if k in rel_by_copy else None for k in arts}
    passages = data["passages"]

    # ---- pairs ----
    pred: dict[int, dict[int, set[str]]] = {}
    for k, pv in traces.items():
        pred[k] = {s.source.key: set(s.kinds) for s in pv.sources}
    recall = defaultdict(lambda: [0, 0])
    any_kind_recall = defaultdict(lambda: [0, 0])
    misses = []
    for r in data["relations"]:
        if r["copy"] not in traces:
            continue
        kinds = pred[r["copy"]].get(r["source"], set())
        recall[r["level"]][1] += 1
        any_kind_recall[r["level"]][1] += 1
        if "copied_prose" in kinds:
            recall[r["level"]][0] += 1
        else:
            misses.append(r)
        if kinds - {"boilerplate"}:
            any_kind_recall[r["level"]][0] += 1
    precision = defaultdict(lambda: [0, 0])
    false_pairs = []
    for k, srcs in pred.items():
        lvl = level_of[k]
        for s, kinds in srcs.items():
            if "copied_prose" not in kinds:
                continue
            ok = frozenset((k, s)) in truth
            precision[lvl][1] += 1
            precision[lvl][0] += ok
            if not ok:
                false_pairs.append((k, s))

    # ---- characters ----
    tp = pred_chars = gt_chars = 0
    per_level_chars = defaultdict(lambda: [0, 0, 0])
    for r in data["relations"]:
        c, s = r["copy"], r["source"]
        if c not in traces:
            continue
        gt_c = [tuple(passages[p]["copy_span"]) for p in r["passages"]]
        gt_s = [tuple(passages[p]["source_span"]) for p in r["passages"]]
        ms = [m for m in traces[c].matches() if m.source.key == s and m.kind != "boilerplate"]
        pr_c = [m.query_span for m in ms]
        pr_s = [m.source_span for m in ms]
        t = _inter(gt_c, pr_c) + _inter(gt_s, pr_s)
        p = _size(pr_c) + _size(pr_s)
        g = _size(gt_c) + _size(gt_s)
        tp += t
        pred_chars += p
        gt_chars += g
        lv = per_level_chars[r["level"]]
        lv[0] += t
        lv[1] += p
        lv[2] += g
    fp_chars = 0
    for k, s in false_pairs:
        ms = [m for m in traces[k].matches() if m.source.key == s and m.kind == "copied_prose"]
        fp_chars += _size([m.query_span for m in ms]) + _size([m.source_span for m in ms])
    pred_chars_all = pred_chars + fp_chars

    # ---- earliest source, chains ----
    earliest_ok = earliest_n = 0
    honest = Counter()
    chain_ok = chain_n = 0
    for r in data["relations"]:
        c = r["copy"]
        if c not in traces:
            continue
        gt_c = [tuple(passages[p]["copy_span"]) for p in r["passages"]]
        best, best_ov = None, 0
        for g in traces[c].groups:
            if g.kind == "boilerplate":
                continue
            ov = _inter(gt_c, [g.query_span])
            if ov > best_ov:
                best, best_ov = g, ov
        if r.get("dates_decide"):
            earliest_n += 1
            if best is not None and best.earliest.status == "decided" and best.earliest.keys == [r["original"]]:
                earliest_ok += 1
        else:
            status = best.earliest.status if best is not None else "missed"
            wrong = status == "decided" and best is not None and best.earliest.keys != [r["original"]]
            honest[(r.get("date_case"), "decided-wrong" if wrong else status)] += 1
        if len(r["chain"]) == 3 and r.get("dates_decide") and rel_by_copy[r["source"]]["level"] > 0:
            # A copy of a copy can only be told from a copy of the original when the middle
            # article changed the text (its edits are what the last one inherits) and the
            # dates order all three.
            chain_n += 1
            if best is not None:
                got = [link.key for link in best.chain if link.key is not None]
                chain_ok += got == r["chain"][:2]

    # ---- credit ----
    credit = Counter()
    for r in data["relations"]:
        c = r["copy"]
        if c not in traces:
            continue
        summ = {s.source.key: s for s in traces[c].sources}
        s = summ.get(r["source"])
        if s is None:
            continue
        credit[(r["credited"], s.credit.credited)] += 1

    # ---- quotation vs prose ----
    quote_outcome = Counter()
    for g in data["quote_groups"]:
        ms = [m["doc"] for m in g["members"]]
        for a in ms:
            for b in ms:
                if a == b or a not in traces:
                    continue
                kinds = pred[a].get(b, set())
                if "copied_prose" in kinds:
                    quote_outcome["prose"] += 1
                elif "shared_quotation" in kinds:
                    quote_outcome["quotation"] += 1
                else:
                    quote_outcome["missed"] += 1
    prose_outcome = Counter()
    ambiguous = Counter()
    for r in data["relations"]:
        if r["copy"] not in traces:
            continue
        if all(passages[p]["quote_share"] > 0.5 for p in r["passages"]):
            # The copied text is itself mostly a quotation: "shared quotation" and "copied
            # prose" are both defensible readings, so it is left out of kind accuracy.
            kinds = pred[r["copy"]].get(r["source"], set())
            ambiguous["prose" if "copied_prose" in kinds else ("quotation" if "shared_quotation" in kinds else "missed")] += 1
            continue
        kinds = pred[r["copy"]].get(r["source"], set())
        prose_outcome["prose" if "copied_prose" in kinds else ("quotation" if "shared_quotation" in kinds else "missed")] += 1

    # ---- edit levels ----
    level_conf = Counter()
    ratios = defaultdict(list)
    for r in data["relations"]:
        c = r["copy"]
        if c not in traces:
            continue
        ms = [m for m in traces[c].matches() if m.source.key == r["source"] and m.kind == "copied_prose"]
        if not ms:
            continue
        edits = sum(m.edits for m in ms)
        length = sum(max(m.query_tokens[1] - m.query_tokens[0], m.source_tokens[1] - m.source_tokens[0]) for m in ms)
        ratio = edits / length if length else 0.0
        ratios[r["level"]].append(ratio)
        from newstrace.reuse.align import edit_level

        level_conf[(LEVEL_NAMES[r["level"]], edit_level(edits, ratio))] += 1

    # ---- lede copies ----
    lede = [0, 0, 0]
    for r in data["relations"]:
        if not r["lede_at_start"] or r["copy"] not in traces:
            continue
        lede[2] += 1
        ms = [m for m in traces[r["copy"]].matches() if m.source.key == r["source"] and m.kind == "copied_prose"]
        if ms:
            lede[0] += 1
            start = min(passages[p]["copy_span"][0] for p in r["passages"])
            lede[1] += min(m.query_span[0] for m in ms) == start
    # ---- boilerplate footers ----
    bp = [0, 0]
    for k, pv in traces.items():
        for b, e in docs[k]["boilerplate_spans"]:
            for p in pv.paragraphs:
                if p.span[0] >= b and p.span[1] <= e:
                    bp[1] += 1
                    bp[0] += p.label == "boilerplate"
    bp_pairs_as_prose = 0
    bp_docs = {d["key"] for d in data["docs"] if d["boilerplate_spans"]}
    for k, s in false_pairs:
        if k in bp_docs and s in bp_docs:
            bp_pairs_as_prose += 1

    # ---- corpus-wide reuse: pairs, clusters, site network ----
    t2 = time.perf_counter()
    pairs = reuse_pairs(list(arts), index, lookup=arts.get, token_cache=cache)
    t_pairs = time.perf_counter() - t2
    t3 = time.perf_counter()
    info = {k: DocInfo.of(k, a) for k, a in arts.items()}
    clusters = build_clusters(pairs, info)
    edges = site_network(clusters)
    t_clusters = time.perf_counter() - t3
    family = {d["key"]: d["family"] for d in data["docs"] if d["family"] is not None}
    prose_clusters = [c for c in clusters if c.kind == "copied_prose"]
    pure = sum(1 for c in prose_clusters if len({family.get(m.key, ("x", m.key)) for m in c.members}) == 1)
    cl_earliest = [0, 0]
    for c in prose_clusters:
        fams = {family.get(m.key) for m in c.members}
        if len(fams) != 1 or None in fams:
            continue
        rels = [r for r in data["relations"] if r["family"] in fams]
        if not rels or not rels[0].get("dates_decide") or rels[0]["original"] not in {m.key for m in c.members}:
            continue
        cl_earliest[1] += 1
        cl_earliest[0] += c.earliest.status == "decided" and c.earliest.keys == [rels[0]["original"]]

    res = {
        "split": data["meta"]["split"],
        "seed": data["meta"]["seed"],
        "docs": len(arts),
        "traced": len(traces),
        "relations": len(data["relations"]),
        "pair_recall": {str(k): _ratio(v) for k, v in sorted(any_kind_recall.items())},
        "pair_recall_as_copied_prose": {str(k): _ratio(v) for k, v in sorted(recall.items())},
        "pair_precision": {str(k): _ratio(v) for k, v in sorted(precision.items(), key=lambda x: (x[0] is None, x[0] or 0))},
        "char_precision_true_pairs": tp / pred_chars if pred_chars else None,
        "char_precision_all": tp / pred_chars_all if pred_chars_all else None,
        "char_recall": tp / gt_chars if gt_chars else None,
        "char_by_level": {str(k): {"precision": v[0] / v[1] if v[1] else None, "recall": v[0] / v[2] if v[2] else None}
                          for k, v in sorted(per_level_chars.items())},
        "earliest_correct": _ratio([earliest_ok, earliest_n]),
        "earliest_undecidable_outcomes": {f"{a}:{b}": n for (a, b), n in sorted(honest.items())},
        "chain_correct": _ratio([chain_ok, chain_n]),
        "credit_accuracy": _ratio([credit[(True, True)] + credit[(False, False)], sum(credit.values())]),
        "credit_confusion": {f"truth={a},said={b}": n for (a, b), n in sorted(credit.items())},
        "quotation_pairs": dict(quote_outcome),
        "prose_pairs": dict(prose_outcome),
        "quote_dominated_copies_excluded": dict(ambiguous),
        "quotation_vs_prose_accuracy": _ratio([
            quote_outcome["quotation"] + prose_outcome["prose"],
            quote_outcome["quotation"] + quote_outcome["prose"] + prose_outcome["prose"] + prose_outcome["quotation"],
        ]),
        "edit_level_agreement": _ratio([sum(n for (a, b), n in level_conf.items() if a == b), sum(level_conf.values())]),
        "edit_level_confusion": {f"{a}->{b}": n for (a, b), n in sorted(level_conf.items())},
        "edit_ratio_by_planted_level": {str(k): {"mean": round(statistics.mean(v), 4),
                                                 "p10": round(_pct(v, 0.1), 4), "p90": round(_pct(v, 0.9), 4)}
                                        for k, v in sorted(ratios.items())},
        "lede_found": _ratio([lede[0], lede[2]]),
        "lede_span_starts_at_planted_start": _ratio([lede[1], lede[2]]),
        "boilerplate_footer_paragraphs_labelled": _ratio(bp),
        "boilerplate_pairs_reported_as_prose": bp_pairs_as_prose,
        "false_pairs": len(false_pairs),
        "corpus_pairs": len(pairs),
        "corpus_clusters": {"copied_prose": len(prose_clusters), "shared_quotation": len(clusters) - len(prose_clusters)},
        "corpus_cluster_purity": _ratio([pure, len(prose_clusters)]),
        "corpus_cluster_earliest_correct": _ratio(cl_earliest),
        "corpus_site_edges": len(edges),
        "corpus_pairs_seconds": round(t_pairs, 2),
        "corpus_clusters_seconds": round(t_clusters, 3),
        "index_seconds": round(t_index, 3),
        "index_ms_per_doc": round(1000 * t_index / len(arts), 3),
        "trace_ms_median": round(1000 * statistics.median(times), 3),
        "trace_ms_p95": round(1000 * _pct(times, 0.95), 3),
        "trace_seconds_total": round(sum(times), 2),
    }
    if verbose:
        res["_misses"] = misses
        res["_false_pairs"] = false_pairs
        res["_traces"] = traces
    return res


def _ratio(v: list[int]) -> dict[str, Any]:
    return {"value": round(v[0] / v[1], 4) if v[1] else None, "n": v[1], "hits": v[0]}


def _pct(v: list[float], q: float) -> float:
    s = sorted(v)
    return s[min(len(s) - 1, int(q * len(s)))] if s else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["dev", "test"], default="dev")
    ap.add_argument("--data", type=Path, help="a JSON file written by provenance_gen.py (default: generate now)")
    ap.add_argument("--limit", type=int, help="trace only the first N articles (quick look)")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = ap.parse_args(argv)
    if args.data:
        data = json.loads(args.data.read_text(encoding="utf-8"))
    else:
        if not provenance_gen.bodies_path().exists():
            print(f"skipped: FNC-1 bodies not found at {provenance_gen.bodies_path()}", file=sys.stderr)
            return 0
        data = provenance_gen.generate(args.split)
    res = evaluate(data, limit=args.limit)
    print(json.dumps(res, indent=2))
    if args.json:
        args.json.write_text(json.dumps(res, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
