"""Evaluate evidence retrieval on Climate-FEVER: dense (newstrace.evidence.dense) vs lexical
(SQLite FTS5 bm25, as the archive's full-text search) vs their reciprocal-rank fusion.

    .venv/bin/python bench/eval_dense.py            # quality: tune on half A, report half B
    .venv/bin/python bench/eval_dense.py --speed    # bytes per article and seconds per 1,000 articles

Task: each claim is a query; the pool is every distinct evidence sentence of the file (about
5 per claim, ~5k sentences), so a claim's own evidence competes with every other claim's.
Relevant sentences, two readings:
  * "labelled": the claim's evidence sentences annotated SUPPORTS or REFUTES (claims with
    at least one such sentence);
  * "all5": all five sentences listed for the claim (they were retrieved for it as
    candidates; NOT_ENOUGH_INFO ones are still on its topic).
Metrics: recall@5, recall@10 (share of relevant sentences in the top k, averaged over claims)
and MRR (reciprocal rank of the first relevant sentence).

Split: claims are halved by blake2b(claim_id); every knob (the fusion constant and weight
here, and the SIF constant picked by train_embeddings.py) is chosen on half A only, and the
figures reported are half B's. The pool is the same for both halves (all sentences).
Lexical queries are built exactly as corroborate.py builds them (content words OR-ed).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSTRACE_SHARED", REPO.parent / "shared"))
CLIMATE_FEVER = SHARED / "data" / "climate_fever" / "climate-fever-dev.jsonl"
FNC_BODIES = SHARED / "data" / "fnc1" / "train_bodies.csv"

sys.path.insert(0, str(REPO / "src"))
from newstrace.corroborate import _fts_query, content_words  # noqa: E402
from newstrace.evidence import dense  # noqa: E402

TUNE, REPORT = "A", "B"


def half(claim_id: str) -> str:
    """"A" (tuning) or "B" (reporting), fixed by a hash of the claim id."""
    return "A" if hashlib.blake2b(claim_id.encode("utf-8"), digest_size=8).digest()[0] % 2 == 0 else "B"


@dataclass
class Query:
    claim_id: str
    text: str
    half: str
    labelled: set[int]
    all5: set[int]


def load_climate_fever(path: Path = CLIMATE_FEVER) -> tuple[list[Query], list[str]]:
    """Queries and the pooled sentences (index = position in the list)."""
    pool: list[str] = []
    where: dict[str, int] = {}
    queries: list[Query] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            labelled, all5 = set(), set()
            for ev in rec["evidences"]:
                key = ev["evidence_id"]
                if key not in where:
                    where[key] = len(pool)
                    pool.append(ev["evidence"])
                i = where[key]
                all5.add(i)
                if ev["evidence_label"] in ("SUPPORTS", "REFUTES"):
                    labelled.add(i)
            cid = str(rec["claim_id"])
            queries.append(Query(cid, rec["claim"], half(cid), labelled, all5))
    return queries, pool


# -- rankers ---------------------------------------------------------------------------


class Lexical:
    """bm25 over the pool in an in-memory FTS5 table (the archive's tokenizer)."""

    def __init__(self, pool: list[str]):
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE s USING fts5(text, tokenize='unicode61 remove_diacritics 2')")
        self.db.executemany("INSERT INTO s(rowid, text) VALUES (?, ?)", [(i + 1, t) for i, t in enumerate(pool)])

    def rank(self, text: str, depth: int) -> list[int]:
        words = content_words(text)
        if not words:
            return []
        rows = self.db.execute(
            "SELECT rowid FROM s WHERE s MATCH ? ORDER BY bm25(s) LIMIT ?", (_fts_query(words), depth)
        ).fetchall()
        return [r[0] - 1 for r in rows]


class Dense:
    def __init__(self, pool: list[str], model: dense.EmbeddingModel):
        self.model = model
        self.matrix = model.embed(pool)

    def rank(self, text: str, depth: int) -> list[int]:
        v = self.model.embed([text])[0]
        if not v.any():
            return []
        s = self.matrix @ v
        top = np.argsort(-s, kind="stable")[:depth]
        return [int(i) for i in top if s[i] > 0]


def fuse(rankings: list[list[int]], weights: list[float], k: float, depth: int) -> list[int]:
    """Weighted reciprocal-rank fusion: sum of w / (k + rank)."""
    score: dict[int, float] = {}
    for ranking, w in zip(rankings, weights):
        for r, i in enumerate(ranking):
            score[i] = score.get(i, 0.0) + w / (k + r + 1)
    return sorted(score, key=lambda i: (-score[i], i))[:depth]


def metrics(ranked: list[list[int]], relevant: list[set[int]]) -> dict[str, float]:
    r5, r10, rr = [], [], []
    for ranking, rel in zip(ranked, relevant):
        r5.append(len(rel & set(ranking[:5])) / len(rel))
        r10.append(len(rel & set(ranking[:10])) / len(rel))
        first = next((n for n, i in enumerate(ranking) if i in rel), None)
        rr.append(0.0 if first is None else 1.0 / (first + 1))
    return {"recall@5": float(np.mean(r5)), "recall@10": float(np.mean(r10)), "mrr": float(np.mean(rr)), "n": len(ranked)}


def evaluate_dense_only(model: dense.EmbeddingModel, which: str = TUNE, relevance: str = "all5") -> dict[str, float]:
    """Dense metrics on one half (used by train_embeddings.py to pick SIF settings on half A)."""
    queries, pool = load_climate_fever()
    qs = [q for q in queries if q.half == which and getattr(q, relevance)]
    d = Dense(pool, model)
    return metrics([d.rank(q.text, 100) for q in qs], [getattr(q, relevance) for q in qs])


# -- main ------------------------------------------------------------------------------

DEPTH = 100
RRF_K = (5, 10, 20, 40, 60, 100)
DENSE_W = (0.25, 0.5, 0.75, 1.0, 1.5, 2.0)


def quality(args: argparse.Namespace) -> None:
    t0 = time.perf_counter()
    model = dense.EmbeddingModel.load(args.model_dir) if args.model_dir else dense.default_model()
    queries, pool = load_climate_fever()
    lex, den = Lexical(pool), Dense(pool, model)
    lex_r = {q.claim_id: lex.rank(q.text, DEPTH) for q in queries}
    den_r = {q.claim_id: den.rank(q.text, DEPTH) for q in queries}
    print(f"Climate-FEVER dev: {len(queries)} claims, pool of {len(pool)} sentences; model {model.version}")
    print(f"halves: A (tune) {sum(q.half == 'A' for q in queries)} claims, B (report) {sum(q.half == 'B' for q in queries)}")
    out: dict[str, dict] = {}
    for relevance in ("labelled", "all5"):
        tune = [q for q in queries if q.half == TUNE and getattr(q, relevance)]
        rep = [q for q in queries if q.half == REPORT and getattr(q, relevance)]
        best = None
        for k in RRF_K:
            for w in DENSE_W:
                m = metrics([fuse([lex_r[q.claim_id], den_r[q.claim_id]], [1.0, w], k, DEPTH) for q in tune],
                            [getattr(q, relevance) for q in tune])
                key = (m["mrr"] + m["recall@10"], -abs(w - 1.0), -k)
                if best is None or key > best[0]:
                    best = (key, k, w)
        _, k, w = best  # type: ignore[misc]
        rows = {}
        for name, fn in (
            ("lexical (FTS5 bm25)", lambda q: lex_r[q.claim_id]),
            ("dense (SIF/PPMI-SVD)", lambda q: den_r[q.claim_id]),
            (f"fusion RRF k={k} w_dense={w}", lambda q: fuse([lex_r[q.claim_id], den_r[q.claim_id]], [1.0, w], k, DEPTH)),
        ):
            rows[name] = {h: metrics([fn(q) for q in qs], [getattr(q, relevance) for q in qs])
                          for h, qs in (("A", tune), ("B", rep))}
        out[relevance] = {"rrf_k": k, "dense_weight": w, "rows": rows}
        print(f"\nrelevant = {relevance}; fusion knobs chosen on half A: k={k}, w_dense={w}")
        print(f"{'method':34s} {'half':4s} {'n':>4s} {'R@5':>6s} {'R@10':>6s} {'MRR':>6s}")
        for name, by_half in rows.items():
            for h in ("B", "A"):
                m = by_half[h]
                tag = "" if h == "B" else "  (tuning half)"
                print(f"{name:34s} {h:4s} {m['n']:4d} {m['recall@5']:6.3f} {m['recall@10']:6.3f} {m['mrr']:6.3f}{tag}")
    print(f"\n{time.perf_counter() - t0:.1f}s")
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")


def speed(args: argparse.Namespace) -> None:
    """Embed FNC-1 bodies stored as articles in a temporary archive; report bytes and time."""
    from newstrace.archive import Archive
    from newstrace.article import Article

    csv.field_size_limit(10**8)
    with open(FNC_BODIES, encoding="utf-8", newline="") as fh:
        bodies = [row["articleBody"] for row in csv.DictReader(fh)]
    arts = [Article(text=b, url=f"https://example.org/fnc/{i}") for i, b in enumerate(bodies)]
    model = dense.default_model()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.sqlite"
        with Archive(path) as archive:
            archive.ingest(arts)
            conn = archive.connection
            pages0 = conn.execute("PRAGMA page_count").fetchone()[0]
            t0 = time.perf_counter()
            r = dense.DenseRetriever(archive, model)
            n = r.update()
            secs = time.perf_counter() - t0
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            pages1 = conn.execute("PRAGMA page_count").fetchone()[0]
            page = conn.execute("PRAGMA page_size").fetchone()[0]
            payload = conn.execute(f"SELECT sum(length(vectors) + length(scales)), sum(n) FROM {dense.TABLE}").fetchone()
            sents = payload[1]
            t1 = time.perf_counter()
            r2 = dense.DenseRetriever(archive, model)
            r2.update()
            load = time.perf_counter() - t1
            claims = [b.split(".")[0] for b in bodies[:200]]
            t2 = time.perf_counter()
            for c in claims:
                r2.search(c, k=10)
            per_search = (time.perf_counter() - t2) / len(claims)
    print(f"{n} articles, {sents} sentences ({sents / n:.1f} per article), model {model.version} dim {model.dim}")
    print(f"embed + store: {secs:.2f}s = {secs / n * 1000:.2f}s per 1,000 articles")
    print(f"vector payload: {payload[0] / n:.0f} bytes per article; file growth {(pages1 - pages0) * page / n:.0f} bytes per article")
    print(f"load stored vectors into a new retriever: {load:.3f}s; search: {per_search * 1000:.2f} ms per query over {sents} sentences")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--speed", action="store_true", help="measure storage and speed instead of quality")
    ap.add_argument("--model-dir", default=None, help="evaluate a model from this folder instead of the packaged one")
    ap.add_argument("--json", default=None, help="also write the figures here")
    args = ap.parse_args()
    if not CLIMATE_FEVER.exists():
        sys.exit(f"{CLIMATE_FEVER}: not found; set NEWSTRACE_SHARED to the folder holding data/")
    speed(args) if args.speed else quality(args)


if __name__ == "__main__":
    main()
