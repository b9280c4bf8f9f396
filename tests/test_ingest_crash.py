"""SIGKILL an ingest mid-batch, then check the archive is sound and a rerun completes it.

The child process is this module run with `python -c` (see _spawn). It can pause inside
`Archive._insert`, i.e. inside an open write transaction, so the kill lands mid-batch
deterministically; one more kill lands wherever the child happens to be.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newstrace.archive import Archive
from newstrace.article import Article
from newstrace.read.base import Reason, Rejected

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")

N_ITEMS = 1500
BATCH = 150
COMMON = "zqxcommon"  # in every text: lets the test list every document the FTS index holds
_WORDS = (
    "minister army general border exercise troops said statement officials ministry defence "
    "report week river village police court election vote budget energy prices"
).split()


def _body(i: int) -> str:
    rng = random.Random(i)
    sentences = [" ".join(rng.choice(_WORDS) for _ in range(10)).capitalize() + "." for _ in range(6)]
    return f"{COMMON} uniq{i}. " + " ".join(sentences[:3]) + "\n\n" + " ".join(sentences[3:])


def _original(i: int) -> Article:
    return Article(_body(i), title=f"Story {i}", url=f"https://crash.example/{i}", site="Crash",
                   published=f"2024-01-{1 + i % 28:02d}", authors=("A. Writer",))


def synthetic_items(n: int = N_ITEMS):
    """A fixed sequence mixing new articles, new versions of earlier URLs, exact repeats and
    rejections, so that crash recovery is checked on every path through `add`."""
    rng = random.Random(42)
    for i in range(n):
        if i % 50 == 49:
            yield Rejected(f"feed.jsonl:line {i}", Reason.BAD_JSON, "synthetic")
        elif i % 10 == 9 and i > 20:  # changed text at an earlier URL
            j = rng.randrange(i - 20)
            yield Article(_body(j) + f" Correction {i}.", title=f"Story {j}", url=f"https://crash.example/{j}",
                          site="Crash", published=f"2024-01-{1 + j % 28:02d}")
        elif i % 17 == 16:  # an exact repeat of an earlier article (or of a URL not seen yet)
            yield _original(rng.randrange(i))
        else:
            yield _original(i)


def child_main(path: str, pause_after: int) -> None:
    """Ingest synthetic_items(); if pause_after > 0, stop inside the pause_after-th insert
    (in an open transaction) and wait to be killed."""

    class Pausing(Archive):
        inserts = 0

        def _insert(self, conn, article, **kw):
            rowid = super()._insert(conn, article, **kw)
            Pausing.inserts += 1
            if Pausing.inserts == pause_after:
                print("PAUSED", flush=True)
                time.sleep(120)
            return rowid

    with Pausing(path) as archive:
        archive.ingest(
            synthetic_items(), batch_size=BATCH,
            on_progress=lambda s: print(f"BATCH {s.batches} {s.stored}", flush=True),
        )
    print("DONE", flush=True)


def _spawn(path: Path, pause_after: int) -> subprocess.Popen:
    code = (
        f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
        f"import test_ingest_crash as t; t.child_main({str(path)!r}, {pause_after})"
    )
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _run_until(proc: subprocess.Popen, stop: str) -> list[str]:
    """Read the child's lines until one starts with `stop`, then SIGKILL it."""
    lines = []
    deadline = time.monotonic() + 60
    for line in proc.stdout:  # type: ignore[union-attr]
        lines.append(line.strip())
        if line.startswith(stop) or time.monotonic() > deadline:
            break
    os.kill(proc.pid, signal.SIGKILL)
    _, err = proc.communicate(timeout=30)  # also closes the pipes
    assert proc.returncode == -signal.SIGKILL, err
    assert lines and lines[-1].startswith(stop), (lines, err)
    return lines


def _dump(archive: Archive) -> list[tuple]:
    cols = [r[1] for r in archive.connection.execute("PRAGMA table_info(articles)") if r[1] != "added_at"]
    return archive.connection.execute(f"SELECT {', '.join(cols)} FROM articles ORDER BY rowid").fetchall()


def _assert_sound(path: Path, expected: dict[str, Article]) -> int:
    with Archive(path) as archive:
        assert archive.check() == []
        conn = archive.connection
        conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.postings USING fts5vocab(main, articles_fts, instance)")
        indexed = {r[0] for r in conn.execute("SELECT DISTINCT doc FROM temp.postings WHERE term = ?", (COMMON,))}
        rows = {r[0] for r in conn.execute("SELECT rowid FROM articles")}
        assert indexed == rows  # every article has its postings and no posting lacks its article
        # Provenance fingerprints: exactly the latest versions are indexed, each with all its
        # postings (check() above also compares every document's posting count).
        latest = {r[0] for r in conn.execute("SELECT rowid FROM articles WHERE superseded = 0")}
        fingerprinted = {r[0] for r in conn.execute("SELECT doc FROM reuse_docs")}
        assert fingerprinted == latest
        posted = {r[0] for r in conn.execute("SELECT DISTINCT doc FROM reuse_postings")}
        assert posted == latest
        for article in archive.articles(latest_only=False):
            assert article == expected[article.id]  # complete: text, offsets, metadata
        # version chains: exactly one latest per URL, every link points at a superseded row
        assert conn.execute(
            "SELECT count(*) FROM (SELECT url FROM articles GROUP BY url HAVING sum(superseded = 0) != 1)"
        ).fetchone()[0] == 0
        assert conn.execute(
            "SELECT count(*) FROM articles a JOIN articles p ON p.id = a.version_of WHERE p.superseded = 0"
        ).fetchone()[0] == 0
        return len(archive)


def test_killed_ingest_leaves_a_sound_archive_and_a_rerun_completes_it(tmp_path):
    expected = {a.id: a for a in synthetic_items() if isinstance(a, Article)}
    path = tmp_path / "crash.sqlite"

    # 1. Killed inside the second batch's transaction.
    lines = _run_until(_spawn(path, pause_after=200), "PAUSED")
    committed = int([x for x in lines if x.startswith("BATCH")][-1].split()[2])
    assert 0 < committed < 200
    assert _assert_sound(path, expected) == committed

    # 2. The rerun skips what is stored and is killed mid-batch again, further on.
    lines = _run_until(_spawn(path, pause_after=500), "PAUSED")
    stored = _assert_sound(path, expected)
    assert committed < stored < committed + 500

    # 3. Killed at whatever point it has reached when the third batch is reported.
    _run_until(_spawn(path, pause_after=0), "BATCH 3 ")
    _assert_sound(path, expected)

    # 4. A full rerun completes; the result equals a clean, uninterrupted ingest.
    proc = _spawn(path, pause_after=0)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0 and out.strip().endswith("DONE"), err
    _assert_sound(path, expected)

    with Archive(tmp_path / "clean.sqlite") as clean, Archive(path) as resumed:
        clean.ingest(synthetic_items(), batch_size=BATCH)
        assert _dump(resumed) == _dump(clean)
        assert len(clean) > 1300
