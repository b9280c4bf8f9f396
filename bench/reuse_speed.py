"""Corpus-wide `reuse` throughput: every pair, clusters and the network over an archive.

    .venv/bin/python bench/reuse_speed.py --sizes 10000
    .venv/bin/python bench/reuse_speed.py --sizes 10000,100000 --min-shared 2,1
    .venv/bin/python bench/reuse_speed.py --sizes 10000,50000,100000 --min-grams 5,0

Archives are the synthetic ones of bench/provenance_speed.py (~1,800-character articles,
2% of them originals with planted copies; generated once into --cache). For each size
and PairRule setting (min_shared; min_grams, the n-gram screen, 0 = off), a fresh process copies the archive, runs
`newstrace.reuse_job.run_reuse(full=True)` with 2 worker processes, writes every output
file, then adds 100 new articles (50 planted copies of archived articles, 50 plain) and
runs again (incremental). Printed: seconds, articles/s, peak RSS of the main process and
of the largest worker, pairs and clusters, and recall of the planted pairs (pairs of
articles of one planted family that share copied text: the original and each copy).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

import provenance_speed as ps  # noqa: E402

from newstrace.archive import Archive  # noqa: E402
from newstrace.article import Article  # noqa: E402
from newstrace.reuse_job import PairRule, run_reuse, write_outputs  # noqa: E402


class ChildRSS:
    """Peak resident memory of this process's children (the reuse workers), sampled from
    /proc every 0.2 s (Linux; elsewhere nothing is sampled)."""

    def __init__(self) -> None:
        import threading

        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        me = str(os.getpid())
        while not self._stop.wait(0.2):
            try:
                pids = [p for p in os.listdir("/proc") if p.isdigit()]
            except OSError:
                return
            for pid in pids:
                try:
                    with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
                        fields = dict(line.split(":", 1) for line in f if ":" in line)
                except OSError:
                    continue
                if fields.get("PPid", "").strip() == me and "VmRSS" in fields:
                    self.peak_mb = max(self.peak_mb, int(fields["VmRSS"].split()[0]) / 1024)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak_mb


def planted_recall(archive: Archive) -> tuple[float, int]:
    """Share of planted (original, copy) pairs stored as copied prose. A family's members
    share the original's title; the original is the earliest member."""
    conn = archive.connection
    truth = ps.planted_pairs(conn)
    found = {(a, b) for a, b in conn.execute("SELECT DISTINCT a, b FROM reuse_pairs WHERE kind = 'copied_prose'")}
    return (len(truth & found) / len(truth) if truth else 1.0), len(truth)


def passage_split(archive: Archive) -> tuple[int, int, list[list[int]]]:
    """(passages within planted families, passages between unrelated articles, the article
    pairs linked by any passage). Family members share the original's title."""
    rows = archive.connection.execute(
        "SELECT p.a, p.b, x.title = y.title FROM reuse_pairs p "
        "JOIN articles x ON x.rowid = p.a JOIN articles y ON y.rowid = p.b"
    ).fetchall()
    family = sum(1 for r in rows if r[2])
    return family, len(rows) - family, sorted({(a, b) for a, b, _ in rows})  # type: ignore[return-value]


def new_articles(model: ps.Markov, archive: Archive, n: int, seed: int) -> list[Article]:
    """n articles not in the archive: half copies of archived articles, half plain."""
    import numpy as np

    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    rows = model.chains(nrng, n * 2, 420)
    total = archive.connection.execute("SELECT max(rowid) FROM articles").fetchone()[0]
    site = ps.Site("The Late Arrival 0", "latearrival0.example", None, 1.0)
    out = []
    for j in range(n):
        when = ps.T0 + ps.timedelta(days=ps.SPAN_DAYS + 1 + j / 10)
        if j % 2 == 0:
            src = archive.connection.execute(
                "SELECT id FROM articles WHERE rowid = ?", (rng.randint(1, total),)
            ).fetchone()
            art = archive.get(src[0]) if src else None
            if art is not None:
                src_site = ps.Site(art.site or "", art.domain or "", None, 1.0)
                paras, _ = ps.copy_of(art.paragraph_texts(), src_site, rng, model,
                                      [model.paragraphs(rows[2 * j], rng, 600)])
                out.append(ps._article(paras, site, when, 2 * 10**9 + j, art.title))
                continue
        out.append(ps._article(model.paragraphs(rows[2 * j + 1], rng, ps.TARGET_CHARS), site, when,
                               2 * 10**9 + j, f"Late story {j}"))
    return out


def run_one(archive_path: Path, min_shared: int, workers: int, min_grams: int) -> dict[str, Any]:
    """The child process: copy, full run, outputs, then an incremental run."""
    tmp = Path(tempfile.mkdtemp(prefix="reuse-speed-"))
    children = ChildRSS()
    try:
        path = tmp / "a.sqlite"
        shutil.copyfile(archive_path, path)
        with Archive(path) as archive:
            t = time.perf_counter()
            c0 = time.process_time()
            run = run_reuse(archive, full=True, workers=workers, min_shared=min_shared, min_grams=min_grams)
            full_s = time.perf_counter() - t
            main_cpu = time.process_time() - c0
            t = time.perf_counter()
            write_outputs(run, tmp / "out", archive)
            out_s = time.perf_counter() - t
            recall, planted = planted_recall(archive)
            split = passage_split(archive)
            summary = run.summary()
            model = ps.load_model()
            extra = new_articles(model, archive, 100, 7)
            archive.ingest(extra)
            t = time.perf_counter()
            inc = run_reuse(archive, workers=workers, min_shared=min_shared, min_grams=min_grams)
            inc_s = time.perf_counter() - t
        children_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
        return {
            "articles": summary["articles"],
            "full_seconds": full_s,
            "pair_seconds": summary["pair_seconds"],
            "output_seconds": out_s,
            "main_cpu_seconds": main_cpu,
            "children_cpu_seconds": children_cpu.ru_utime + children_cpu.ru_stime,
            "pairs": summary["pairs"],
            "clusters": summary["clusters"],
            "site_edges": summary["site_edges"],
            "workers": summary["workers"],
            "planted_pairs": planted,
            "planted_recall": recall,
            "family_passages": split[0],
            "unrelated_passages": split[1],
            "linked_pairs": split[2],
            "incremental_articles": inc.processed,
            "incremental_seconds": inc_s,
            "peak_rss_main_mb": ps._rss_mb(),
            "peak_rss_worker_mb": children.stop(),
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000", help="archive sizes, comma-separated (default 10000)")
    ap.add_argument("--cache", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "newstrace-bench")
    ap.add_argument("--min-shared", default="2", help="PairRule.min_shared values to run, comma-separated")
    ap.add_argument("--min-grams", default=str(PairRule.min_grams),
                    help="PairRule.min_grams values to run, comma-separated (0: no n-gram screen)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--run", nargs=4, metavar=("ARCHIVE", "MIN_SHARED", "WORKERS", "MIN_GRAMS"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.run:
        print(json.dumps(run_one(Path(args.run[0]), int(args.run[1]), int(args.run[2]), int(args.run[3]))))
        return 0
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs visible, load average {os.getloadavg()[0]:.1f}")
    results = []
    for n in [int(x) for x in args.sizes.split(",") if x.strip()]:
        path, _, _ = ps.ensure_archive(args.cache, n, args.seed, fts=n < 1_000_000, samples=200)
        variants = [(int(m), int(g)) for m in args.min_shared.split(",") for g in args.min_grams.split(",")]
        for ms, mg in variants:
            out = subprocess.run([sys.executable, __file__, "--run", str(path), str(ms), str(args.workers), str(mg)],
                                 capture_output=True, text=True)
            if out.returncode != 0:
                print(out.stderr, file=sys.stderr)
                return 1
            r = json.loads(out.stdout.strip().splitlines()[-1])
            results.append((n, (ms, mg), r))
            print(f"\n== {n:,} articles, min_shared {ms}, min_grams {mg}, {r['workers']} worker process(es)")
            print(f"  full run: {r['full_seconds']:.1f} s wall ({r['articles'] / r['full_seconds']:,.0f} articles/s); "
                  f"pairs {r['pair_seconds']:.1f} s; CPU main {r['main_cpu_seconds']:.1f} s + workers "
                  f"{r['children_cpu_seconds']:.1f} s; outputs written in {r['output_seconds']:.1f} s")
            print(f"  found: {r['pairs']:,} pair passages, {r['clusters']:,} clusters, {r['site_edges']:,} site edges; "
                  f"planted pairs recalled {r['planted_recall']:.1%} of {r['planted_pairs']:,}")
            print(f"  passages within planted families {r['family_passages']:,}, between unrelated articles "
                  f"{r['unrelated_passages']:,}; article pairs linked {len(r['linked_pairs']):,}")
            print(f"  incremental rerun after adding 100 articles: {r['incremental_articles']} processed in "
                  f"{r['incremental_seconds']:.1f} s")
            print(f"  peak RSS: main {r['peak_rss_main_mb']:.0f} MB, largest worker {r['peak_rss_worker_mb']:.0f} MB")
    for n in sorted({n for n, _, _ in results}):
        runs = [(key, r) for m, key, r in results if m == n]
        for (k1, r1), (k2, r2) in zip(runs, runs[1:]):
            p1 = {tuple(p) for p in r1["linked_pairs"]}
            p2 = {tuple(p) for p in r2["linked_pairs"]}
            print(f"\n{n:,} articles: article pairs linked with (min_shared, min_grams) {k1} but not {k2}: "
                  f"{len(p1 - p2):,}; with {k2} but not {k1}: {len(p2 - p1):,}")
    by_rule: dict[tuple[int, int], list[tuple[int, dict[str, Any]]]] = {}
    for n, key, r in results:
        by_rule.setdefault(key, []).append((n, r))
    for (ms, mg), rows in by_rule.items():
        for (n1, r1), (n2, r2) in zip(rows, rows[1:]):
            print(f"\nscaling (min_shared {ms}, min_grams {mg}): {n1:,} → {n2:,} articles (×{n2 / n1:.0f}): "
                  f"time ×{r2['full_seconds'] / r1['full_seconds']:.2f}, pair computation "
                  f"×{r2['pair_seconds'] / r1['pair_seconds']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
