"""`newstrace reuse` and `newstrace archive reindex` from the command line."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrace.cli import main

WORLD = Path(__file__).resolve().parents[1] / "examples" / "world"


@pytest.fixture(scope="module")
def world_archive(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "world.sqlite"
    res = CliRunner().invoke(main, ["ingest", str(WORLD), "--archive", str(path)])
    assert res.exit_code == 0, res.output
    return path


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _text(res) -> str:
    """The output with rich's line wrapping undone."""
    return " ".join(res.output.split())


def test_reuse_writes_outputs_and_a_summary(world_archive, tmp_path):
    out = tmp_path / "out"
    res = _run("reuse", "--archive", world_archive, "--out", out)
    assert res.exit_code == 0, res.output
    assert "who copies whom" in res.output and "largest clusters of copied prose" in res.output
    assert "mpawire.example" in res.output
    for name in ("clusters.jsonl", "passages.jsonl", "clusters.parquet", "passages.parquet", "network.graphml", "network.gexf"):
        assert (out / name).stat().st_size > 0, name
    again = _run("reuse", "--archive", world_archive, "--out", out)
    n = sum(1 for _ in WORLD.rglob("*.html")) + sum(1 for _ in WORLD.rglob("*.txt")) + sum(
        len(f.read_text(encoding="utf-8").splitlines()) for f in WORLD.rglob("*.jsonl")
    )
    assert again.exit_code == 0 and f"0 ({n} done before" in _text(again)
    first = [json.loads(x)["id"] for x in (out / "clusters.jsonl").read_text().splitlines()]
    assert first


def test_reuse_since(world_archive, tmp_path):
    res = _run("reuse", "--archive", world_archive, "--out", tmp_path / "o", "--since", "2025-03-15")
    assert res.exit_code == 0, res.output
    assert "published since 2025-03-15" in _text(res)
    bad = _run("reuse", "--archive", world_archive, "--out", tmp_path / "o", "--since", "March")
    assert bad.exit_code == 2 and "not an ISO 8601 date" in _text(bad)


def test_stale_index_asks_for_reindex_and_reindex_fixes_it(world_archive, tmp_path):
    conn = sqlite3.connect(world_archive)
    conn.execute("UPDATE reuse_meta SET value = '0' WHERE key = 'fingerprint_version'")
    conn.commit()
    conn.close()
    res = _run("reuse", "--archive", world_archive, "--out", tmp_path / "o")
    assert res.exit_code == 2
    assert "newstrace archive reindex --archive" in _text(res)
    fixed = _run("archive", "reindex", "--archive", world_archive)
    assert fixed.exit_code == 0, fixed.output
    assert re.search(r"fingerprinted (\d+) articles; fingerprint version 1, \1 articles indexed", _text(fixed))
    assert _run("reuse", "--archive", world_archive, "--out", tmp_path / "o").exit_code == 0


def test_missing_archive_is_a_clear_error(tmp_path):
    res = _run("reuse", "--archive", tmp_path / "none.sqlite")
    assert res.exit_code == 2 and "does not exist yet" in _text(res)
    res = _run("archive", "reindex", "--archive", tmp_path / "none.sqlite")
    assert res.exit_code == 2 and "does not exist yet" in _text(res)


def test_min_grams_switches_the_screen_and_recomputes(world_archive, tmp_path):
    import shutil

    path = tmp_path / "copy.sqlite"
    shutil.copyfile(world_archive, path)

    def stored_rule() -> dict:
        with sqlite3.connect(path) as conn:
            row = conn.execute("SELECT value FROM reuse_meta WHERE key = 'pairs_config'").fetchone()
        return json.loads(row[0])["pairs"]

    off = _run("reuse", "--archive", path, "--out", tmp_path / "off", "--min-grams", "0")
    assert off.exit_code == 0, off.output
    assert stored_rule()["min_grams"] == 0
    on = _run("reuse", "--archive", path, "--out", tmp_path / "on")
    assert on.exit_code == 0, on.output
    assert stored_rule()["min_grams"] == 5
    # On the example world the screen drops no pair that alignment would keep.
    ids = lambda d: sorted(json.loads(x)["id"] for x in (d / "clusters.jsonl").read_text().splitlines())  # noqa: E731
    assert ids(tmp_path / "off") == ids(tmp_path / "on")
    bad = _run("reuse", "--archive", path, "--out", tmp_path / "x", "--min-grams", "-1")
    assert bad.exit_code == 2
