"""Ingest benchmark: reading vs archiving, for pre-extracted JSONL and for HTML pages.

    .venv/bin/python bench/ingest.py                 # defaults take about a minute
    .venv/bin/python bench/ingest.py --n 20000 --html-n 500 --repeats 5
    .venv/bin/python bench/ingest.py --profile       # cProfile of the archive phase

(a) JSONL: N records of ~1,800 characters (FNC-1 bodies from ../shared/data/fnc1 when
    present, else word-list text), read into Articles (newstrace.read.records when present)
    and, separately, ingested into a fresh archive. Rates per CPU-second of this one
    process, i.e. per core. Target for archiving: >= 3,000 articles/s per core.
(b) HTML: realistic pages (nav, byline, related links, comments, footer) around the same
    texts; extraction (newstrace.read.html.read_html when present, else trafilatura
    directly) timed separately from archiving. Target: archive time <= 15% of extraction.
(c) Memory: tracemalloc peak of the Python heap per phase (SQLite's own cache is not
    seen by tracemalloc, it is bounded by cache_size) and the process's peak RSS.
(d) Query latency on the JSONL archive: search() and related(), median ms.

Every figure is the median over --repeats runs; each run ingests into a new archive file.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import html
import json
import os
import pstats
import random
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any, Callable, Iterable

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSTRACE_SHARED", REPO.parent / "shared"))
FNC1_BODIES = SHARED / "data" / "fnc1" / "train_bodies.csv"

from newstrace.archive import Archive  # noqa: E402
from newstrace.article import Article  # noqa: E402

TARGET_CHARS = 1800
SITES = [f"outlet{i}" for i in range(40)]
_WORDS = (
    "government minister said officials statement report week army border troops police court "
    "election vote parliament opposition budget energy prices inflation bank company shares "
    "market workers strike union hospital doctors patients school children city council river "
    "flood storm weather climate emissions summit leaders talks agreement sanctions exports"
).split()


# -- inputs ---------------------------------------------------------------------------------


def load_texts(limit: int, seed: int = 1) -> tuple[list[str], str]:
    """~1,800-character article texts and where they came from."""
    if FNC1_BODIES.exists():
        csv.field_size_limit(sys.maxsize)
        with open(FNC1_BODIES, newline="", encoding="utf-8") as fh:
            bodies = [row["articleBody"] for row in csv.DictReader(fh)]
        texts = [t for t in (_cut(b) for b in bodies) if len(t) > 600]
        return texts[:limit], f"FNC-1 bodies ({FNC1_BODIES})"
    rng = random.Random(seed)
    texts = []
    for _ in range(min(limit, 2000)):
        paras, size = [], 0
        while size < TARGET_CHARS:
            sents = [" ".join(rng.choice(_WORDS) for _ in range(rng.randint(8, 22))).capitalize() + "." for _ in range(3)]
            p = " ".join(sents)
            paras.append(p)
            size += len(p) + 2
        texts.append("\n\n".join(paras))
    return texts, "word-list text (../shared absent)"


def _cut(body: str) -> str:
    """Cut a body to about TARGET_CHARS at a paragraph or sentence end."""
    paras = [" ".join(p.split()) for p in body.replace("\r", "").split("\n") if p.strip()]
    out, size = [], 0
    for p in paras:
        if size + len(p) > TARGET_CHARS * 1.15:
            if size < TARGET_CHARS * 0.6:
                cut = p[: TARGET_CHARS - size]
                end = cut.rfind(". ")
                out.append(cut[: end + 1] if end > 0 else cut)
            break
        out.append(p)
        size += len(p) + 2
    return "\n\n".join(out)


def record(i: int, texts: list[str]) -> dict[str, Any]:
    # Reused bodies get a distinct closing line, so every record is a distinct article.
    text = texts[i % len(texts)]
    if i >= len(texts):
        text += f"\n\nThis report was updated (revision {i // len(texts)})."
    site = SITES[i % len(SITES)]
    return {
        "id": f"rec-{i}",
        "url": f"https://www.{site}.example/news/2024/{i}",
        "title": " ".join(text.split()[:9]).rstrip(".,;:"),
        "text": text,
        "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:15:00+00:00",
        "source": site.capitalize(),
        "authors": [f"Reporter {i % 97}"],
    }


def write_jsonl(path: Path, n: int, texts: list[str]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps(record(i, texts), ensure_ascii=False) + "\n")


def page(rec: dict[str, Any]) -> str:
    """A news page as sites serve it: the article inside navigation, links and comments."""
    e = html.escape
    paras = "\n".join(f"      <p>{e(p)}</p>" for p in rec["text"].split("\n\n"))
    nav = "".join(f'<li><a href="/section/{s}">{s.title()}</a></li>' for s in ("world", "politics", "business", "sport", "culture", "opinion"))
    related = "".join(f'<li><a href="/news/2024/{k}">Related story number {k} about the week\'s events</a></li>' for k in range(6))
    comments = "".join(
        f'<div class="comment"><span class="author">reader{k}</span><p>Comment {k}: I do not agree with this at all, '
        f"the article leaves out what happened last year.</p></div>"
        for k in range(4)
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{e(rec['title'])} | {e(rec['source'])}</title>
<meta property="og:title" content="{e(rec['title'])}">
<meta property="og:site_name" content="{e(rec['source'])}">
<meta property="article:published_time" content="{rec['date']}">
<link rel="canonical" href="{rec['url']}">
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
<style>body {{ font-family: serif; }} .comment {{ margin: 1em; }}</style>
</head><body>
<header><a href="/" class="logo">{e(rec['source'])}</a><nav><ul>{nav}</ul></nav>
<form action="/search"><input name="q" placeholder="Search"></form></header>
<div class="ad">Advertisement</div>
<main><article>
  <h1>{e(rec['title'])}</h1>
  <div class="byline">By <span class="author">{e(rec['authors'][0])}</span> · <time datetime="{rec['date']}">{rec['date'][:10]}</time></div>
  <div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>
  <div class="article-body">
{paras}
  </div>
  <div class="newsletter">Sign up for our newsletter to get the day's top stories in your inbox.</div>
</article>
<aside><h2>Related stories</h2><ul>{related}</ul></aside>
<section id="comments"><h2>Comments</h2>{comments}
<form class="comment-form"><textarea name="comment"></textarea><button>Post comment</button></form></section>
</main>
<footer><p>© 2024 {e(rec['source'])}. All rights reserved.</p><ul><li><a href="/about">About us</a></li>
<li><a href="/privacy">Privacy policy</a></li><li><a href="/contact">Contact</a></li></ul></footer>
</body></html>"""


# -- readers (the project's when present) -----------------------------------------------------


def jsonl_reader() -> tuple[Callable[[Path], Iterable[Any]], str]:
    try:
        from newstrace.read.records import read_records
    except ImportError:

        def read_plain(path: Path) -> Iterable[Any]:
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    r = json.loads(line)
                    yield Article(text=r["text"], title=r["title"], url=r["url"], site=r["source"],
                                  authors=tuple(r["authors"]), published=r["date"], source=str(path))

        return read_plain, "json.loads + Article() (newstrace.read.records not available)"
    return (lambda path: read_records(path)), "newstrace.read.records.read_records"


def html_reader() -> tuple[Callable[[bytes, str, str], Any], str]:
    try:
        from newstrace.read.html import read_html
    except ImportError:
        import trafilatura

        def extract(data: bytes, url: str, source: str) -> Any:
            doc = trafilatura.bare_extraction(data.decode("utf-8"), url=url, with_metadata=True)
            return Article(text=doc.text or "", title=doc.title or "", url=url, site=doc.sitename,
                           published=doc.date, source=source)

        return extract, "trafilatura.bare_extraction directly (newstrace.read.html not available)"
    return (lambda data, url, source: read_html(data, url=url, source=source)), "newstrace.read.html.read_html"


# -- measuring --------------------------------------------------------------------------------


def timed(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    w, c = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w, time.process_time() - c


def archive_ingest(path: Path, items: list[Any], batch_size: int) -> Any:
    with Archive(path) as archive:  # close() is timed too: it checkpoints the WAL
        return archive.ingest(items, batch_size=batch_size)


def peak_python_heap(fn: Callable[[], Any]) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def maxrss_bytes() -> int:
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r if sys.platform == "darwin" else r * 1024


def _load() -> str:
    # Other processes inflate both wall and CPU time (shared caches, stolen vCPU time):
    # the load average tells the reader how quiet the machine was.
    try:
        return "%.1f" % os.getloadavg()[0]
    except OSError:
        return "n/a"


def med(xs: list[float]) -> float:
    return statistics.median(xs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=5000, help="JSONL articles (default 5000)")
    ap.add_argument("--html-n", type=int, default=200, help="HTML pages (default 200)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=500)
    ap.add_argument("--profile", action="store_true", help="print a cProfile of one archive ingest")
    ap.add_argument("--profile-read", action="store_true", help="print a cProfile of one JSONL read")
    ap.add_argument("--no-memory", action="store_true", help="skip the (slower) tracemalloc runs")
    args = ap.parse_args(argv)

    load_start = _load()
    texts, origin = load_texts(max(args.n, args.html_n))
    read_jsonl, jsonl_how = jsonl_reader()
    read_page, html_how = html_reader()
    rows: list[tuple[str, str]] = []
    print(f"texts: {len(texts)} from {origin}; mean {statistics.mean(len(t) for t in texts):.0f} chars")
    print(f"JSONL reader: {jsonl_how}\nHTML reader: {html_how}")
    print(f"python {sys.version.split()[0]}, sqlite {__import__('sqlite3').sqlite_version}, "
          f"{os.cpu_count()} CPUs visible; one process, one thread: rates per CPU-second are per core\n")

    with tempfile.TemporaryDirectory(prefix="newstrace-bench-") as tmp:
        tmpdir = Path(tmp)
        jsonl = tmpdir / "articles.jsonl"
        write_jsonl(jsonl, args.n, texts)

        # (a) JSONL ----------------------------------------------------------------------
        rw, rc, aw, ac, sizes = [], [], [], [], []
        items: list[Any] = []
        for rep in range(args.repeats):
            items, w, c = timed(lambda: list(read_jsonl(jsonl)))
            rw.append(w)
            rc.append(c)
            db = tmpdir / f"jsonl-{rep}.sqlite"
            summary, w, c = timed(lambda: archive_ingest(db, items, args.batch_size))
            aw.append(w)
            ac.append(c)
            sizes.append(db.stat().st_size)
            if summary.added != args.n:
                print(f"warning: {summary.added} of {args.n} added; rejected: {dict(summary.rejected)}")
        n = args.n
        rows += [
            ("(a) JSONL articles", f"{n}"),
            ("    read + Article: wall s / CPU s", f"{med(rw):.3f} / {med(rc):.3f}"),
            ("    read + Article: articles/s per core (median / best)", f"{n / med(rc):,.0f} / {n / min(rc):,.0f}"),
            ("    archive: wall s / CPU s", f"{med(aw):.3f} / {med(ac):.3f}"),
            ("    archive: articles/s per core, target >= 3,000 (median / best)", f"{n / med(ac):,.0f} / {n / min(ac):,.0f}"),
            ("    archive: articles/s wall", f"{n / med(aw):,.0f}"),
            ("    end to end: articles/s per core", f"{n / (med(rc) + med(ac)):,.0f}"),
            ("    archive file size, bytes per article", f"{med(sizes) / n:,.0f}"),
        ]

        # rerun of the same ingest (everything a duplicate): the cost of resuming
        db0 = tmpdir / "jsonl-0.sqlite"
        _, w, c = timed(lambda: archive_ingest(db0, items, args.batch_size))
        rows.append(("    rerun, all duplicates: articles/s per core", f"{n / c:,.0f}"))

        # (d) query latency on that archive ----------------------------------------------
        with Archive(db0, readonly=True) as archive:
            queries = ["government", "police said", '"the minister"', "elect*", "climate summit talks",
                       "hospital doctors", "nothingmatcheszz", "court ruling appeal", "oil prices", "flood"]
            lat, lat_cpu = [], []
            for q in queries * 3:
                _, w, c = timed(lambda: archive.search(q, limit=10))
                lat.append(w * 1000)
                lat_cpu.append(c * 1000)
            probes = [a for a in items[: 200 : 10] if isinstance(a, Article)]
            rel, rel_cpu = [], []
            for a in probes:
                _, w, c = timed(lambda: archive.related(a, limit=10))
                rel.append(w * 1000)
                rel_cpu.append(c * 1000)
        rows += [
            (f"(d) search(), {n} articles: ms wall median / max; CPU median", f"{med(lat):.1f} / {max(lat):.1f}; {med(lat_cpu):.1f}"),
            ("    related(): ms wall median / max; CPU median", f"{med(rel):.1f} / {max(rel):.1f}; {med(rel_cpu):.1f}"),
        ]

        # (b) HTML -----------------------------------------------------------------------
        recs = [record(i, texts) for i in range(args.html_n)]
        pages = [(page(r).encode("utf-8"), r["url"]) for r in recs]
        ew, ec, hw, hc = [], [], [], []
        arts: list[Any] = []
        for rep in range(args.repeats):
            arts, w, c = timed(lambda: [read_page(data, url, f"page{i}.html") for i, (data, url) in enumerate(pages)])
            ew.append(w)
            ec.append(c)
            db = tmpdir / f"html-{rep}.sqlite"
            summary, w, c = timed(lambda: archive_ingest(db, arts, args.batch_size))
            hw.append(w)
            hc.append(c)
        ok = sum(isinstance(a, Article) for a in arts)
        mean_len = statistics.mean(len(a.text) for a in arts if isinstance(a, Article)) if ok else 0
        rows += [
            ("(b) HTML pages (articles extracted)", f"{args.html_n} ({ok}, mean {mean_len:.0f} chars)"),
            ("    extraction: wall s / CPU s", f"{med(ew):.3f} / {med(ec):.3f}"),
            ("    extraction: pages/s per core", f"{args.html_n / med(ec):,.0f}"),
            ("    archive: wall s / CPU s", f"{med(hw):.3f} / {med(hc):.3f}"),
            ("    archive as % of extraction, CPU (target <= 15%)", f"{100 * med(hc) / med(ec):.1f}%"),
            ("    archive as % of extraction, wall", f"{100 * med(hw) / med(ew):.1f}%"),
        ]

        # (c) memory ---------------------------------------------------------------------
        if not args.no_memory:
            read_peak = peak_python_heap(lambda: sum(1 for _ in read_jsonl(jsonl)))
            db = tmpdir / "mem.sqlite"
            arch_peak = peak_python_heap(lambda: archive_ingest(db, items, args.batch_size))
            rows += [
                ("(c) Python heap peak, streaming JSONL read, KB", f"{read_peak / 1e3:,.0f}"),
                (f"    Python heap peak, archive ingest (beyond the caller's {n} articles), KB", f"{arch_peak / 1e3:,.0f}"),
            ]
        rows.append(("    process peak RSS (whole run), MB", f"{maxrss_bytes() / 1e6:.0f}"))

        if args.profile:
            db = tmpdir / "profile.sqlite"
            prof = cProfile.Profile()
            prof.runcall(archive_ingest, db, items, args.batch_size)
            print("cProfile, archive ingest of the JSONL articles (tottime):")
            pstats.Stats(prof).sort_stats("tottime").print_stats(20)
        if args.profile_read:
            prof = cProfile.Profile()
            prof.runcall(lambda: list(read_jsonl(jsonl)))
            print("cProfile, JSONL read + Article construction (tottime):")
            pstats.Stats(prof).sort_stats("tottime").print_stats(20)

    width = max(len(k) for k, _ in rows)
    print(f"medians over {args.repeats} runs (best = fastest run), batch size {args.batch_size}; "
          f"load average at start {load_start}, at end {_load()}")
    for k, v in rows:
        print(f"{k:<{width}}  {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
