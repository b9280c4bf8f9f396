"""Readers in one process keep working while another process ingests (WAL, short writes)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from newstrace.archive import Archive
from newstrace.article import Article

N = 3000
COMMON = "zqxshared"


def _items(n: int):
    for i in range(n):
        if i % 50 == 0:
            time.sleep(0.005)  # a reader of slow inputs: gives the test time to watch
        yield Article(
            f"{COMMON} item{i}. The council met on Monday to discuss the bridge.\n\nResidents asked for a vote.",
            title=f"Council {i}", url=f"https://conc.example/{i}", site="Conc", published="2024-02-02",
        )


def child_main(path: str, n: int) -> None:
    with Archive(path) as archive:
        # Checkpoint often, so checkpoints also run while the readers read.
        archive.connection.execute("PRAGMA wal_autocheckpoint = 50")
        archive.ingest(_items(n), batch_size=50)
    print("DONE", flush=True)


def test_readers_in_another_process_never_see_a_lock(tmp_path):
    path = tmp_path / "shared.sqlite"
    Archive(path).close()  # created and migrated before the race starts
    code = (
        f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
        f"import test_archive_concurrency as t; t.child_main({str(path)!r}, {N})"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        seen, searches = _read_while_ingesting(path, proc)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    # The reads overlapped the ingest: they saw it part-way, more than once.
    assert len({n for n in seen if 0 < n < N}) >= 2, sorted(set(seen))[:10]
    assert searches > 10


def _read_while_ingesting(path: Path, proc: subprocess.Popen) -> tuple[list[int], int]:
    seen: list[int] = []
    searches = 0
    with Archive(path, readonly=True) as ro, Archive(path) as rw:
        while proc.poll() is None:
            for reader in (ro, rw):
                n = len(reader)
                assert not seen or n >= seen[-1]
                seen.append(n)
                hits = reader.search(COMMON, limit=3)
                assert min(3, n) <= len(hits) <= 3  # a commit may land between two statements
                searches += 1
                recent = list(reader.articles(limit=5, order="newest"))
                assert min(5, n) <= len(recent) <= 5
                if n:
                    assert reader.get(recent[0].id[:8]) is not None
            # opening while the writer is busy must not fail either
            with Archive(path, readonly=True) as fresh:
                assert len(fresh) >= seen[-1]
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0 and "DONE" in out, err
        assert len(ro) == N
    return seen, searches
