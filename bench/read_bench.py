"""Reader speed: HTML extraction per page and the records fast path, with a breakdown.

    .venv/bin/python bench/read_bench.py [--repeat 5]

HTML: median time of read_html over the test fixture pages (tests/fixtures/read/*.html),
after one warm-up pass (first calls load trafilatura's and py3langid's models).
Records: ../shared/data/fnc1/train_bodies.csv (1,683 real news bodies, ~2,200 characters on
average) read through read_records, as CSV and as JSON Lines, plus the cost per article of
each step. Skipped when ../shared is absent. Figures are CPU time of this process (steadier
than wall time on a shared machine); the load average is printed beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSTRACE_SHARED", ROOT.parent / "shared"))
FIXTURES = ROOT / "tests" / "fixtures" / "read"
FNC = SHARED / "data" / "fnc1" / "train_bodies.csv"


def _best_of(fn, repeat: int) -> float:
    # CPU time of this (single-threaded) process: on a shared machine it is far steadier
    # than wall time, and equals it on an idle core.
    times = []
    for _ in range(repeat):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return min(times)


def bench_html(repeat: int) -> None:
    from newstrace.read import read_html

    pages = sorted(FIXTURES.glob("*.html"))
    blobs = [(p.name, p.read_bytes()) for p in pages]
    for _, data in blobs:  # warm-up: model loading is a one-off cost
        read_html(data)
    per_page: dict[str, float] = {}
    for name, data in blobs:
        samples = []
        for _ in range(repeat):
            t = time.process_time()
            read_html(data, source=name)
            samples.append(time.process_time() - t)
        per_page[name] = statistics.median(samples)
    print(f"HTML extraction (read_html, CPU time, median of {repeat} runs per page, {len(blobs)} pages):")
    for name, s in per_page.items():
        print(f"  {name:28s} {s * 1000:7.2f} ms")
    print(f"  median over pages: {statistics.median(per_page.values()) * 1000:.2f} ms/page")


def bench_records(repeat: int) -> None:
    from newstrace import segment
    from newstrace.article import Article, normalize_text
    from newstrace.read import read_records
    from newstrace.read.furniture import strip_furniture
    from newstrace.read.language import detect_language

    fm = "id=Body ID,text=articleBody"
    n = sum(1 for _ in read_records(FNC, field_map=fm))
    print(f"\nRecords fast path on {FNC} ({n} articles), CPU time, best of {repeat}:")
    for label, kw in (
        ("CSV, default (furniture on, language off)", {}),
        ("CSV, furniture off", {"strip_boilerplate": False}),
        ("CSV, language detection on", {"detect_lang": True}),
    ):
        s = _best_of(lambda: sum(1 for _ in read_records(FNC, field_map=fm, **kw)), repeat)
        print(f"  {label:44s} {n / s:8.0f} articles/s  ({s / n * 1e6:6.0f} us/article)")

    arts = [a for a in read_records(FNC, field_map=fm, strip_boilerplate=False) if isinstance(a, Article)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bodies.jsonl"
        with open(path, "w", encoding="utf-8") as f:
            for a in arts:
                f.write(json.dumps({"id": a.extra.get("record_id"), "text": a.text}) + "\n")
        s = _best_of(lambda: sum(1 for _ in read_records(path)), repeat)
        print(f"  {'JSONL, default':44s} {len(arts) / s:8.0f} articles/s  ({s / len(arts) * 1e6:6.0f} us/article)")

    texts = [a.text for a in arts]
    paras = [segment.paragraphs(t) for t in texts]
    ptexts = [a.paragraph_texts() for a in arts]
    steps = (
        ("Article(text=...) total", lambda: [Article(text=t) for t in texts]),
        ("  normalize_text", lambda: [normalize_text(t) for t in texts]),
        ("  segment.paragraphs", lambda: [segment.paragraphs(t) for t in texts]),
        ("  segment.sentences", lambda: [segment.sentences(t, p) for t, p in zip(texts, paras)]),
        ("strip_furniture", lambda: [strip_furniture(p) for p in ptexts]),
        ("detect_language (first 600 chars)", lambda: [detect_language(t) for t in texts]),
    )
    detect_language(texts[0])  # load the model outside the timing
    print("  cost per article of each step:")
    for label, fn in steps:
        s = _best_of(fn, repeat)
        print(f"    {label:36s} {s / len(texts) * 1e6:7.0f} us")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    print(f"load average: {', '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs; python {sys.version.split()[0]}")
    bench_html(args.repeat)
    if FNC.exists():
        bench_records(args.repeat)
    else:
        print(f"\nrecords benchmark skipped: {FNC} not found (set NEWSTRACE_SHARED)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
