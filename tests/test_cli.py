import json

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from conftest import EXAMPLES
from newstrace.cli import main

WORLD = EXAMPLES / "world"
COPIER_TXT = EXAMPLES / "check" / "copier_article.txt"


@pytest.fixture(scope="module")
def world_archive(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "world.sqlite"
    res = CliRunner().invoke(main, ["ingest", str(WORLD), "--archive", str(path)])
    assert res.exit_code == 0, res.output
    return path


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_ingest_summary_and_idempotence(world_archive):
    res = run("ingest", WORLD, "--archive", world_archive)
    assert res.exit_code == 0, res.output
    assert "added" in res.output and "duplicates" in res.output
    # Everything is already stored: a rerun adds nothing.
    lines = {l.split()[0]: l.split()[-1] for l in res.output.splitlines() if l.strip() and l.split()[-1].isdigit()}
    assert lines["added"] == "0"
    assert lines["duplicates"] == "41"


def test_stats_json(world_archive):
    res = run("archive", "stats", "--archive", world_archive, "--json")
    assert res.exit_code == 0, res.output
    stats = json.loads(res.output)
    assert stats["articles"] == 41


def test_search_and_show(world_archive):
    res = run("archive", "search", "joint exercises", "--archive", world_archive, "--json")
    assert res.exit_code == 0, res.output
    hits = json.loads(res.output)
    assert hits and all("snippet" in h for h in hits)
    shown = run("archive", "show", hits[0]["article_id"][:8], "--archive", world_archive, "--json")
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["id"] == hits[0]["article_id"]


def test_show_unknown_id_is_a_clear_error(world_archive):
    res = run("archive", "show", "ffffffffffff", "--archive", world_archive)
    assert res.exit_code == 2
    assert "no article with id" in res.output


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export(world_archive, tmp_path, fmt):
    out = tmp_path / f"articles.{fmt}"
    res = run("archive", "export", out, "--archive", world_archive)
    assert res.exit_code == 0, res.output
    if fmt == "jsonl":
        assert len(out.read_text().splitlines()) == 41
    elif fmt == "parquet":
        assert pq.read_table(out).num_rows == 41
    else:
        assert out.stat().st_size > 1000


def test_check_reports_article_and_related(world_archive):
    res = run("check", COPIER_TXT, "--archive", world_archive, "--format", "json")
    assert res.exit_code == 0, res.output
    report = json.loads(res.output)
    art = report["article"]
    assert art["title"].startswith("Drovnia")
    kinds = {b["kind"] for b in art["boilerplate"]}
    assert "copyright" in kinds
    assert report["related"], "the wire report and its copies should be related"
    assert report["schema_version"]
    for section in ("provenance", "claims", "quotes", "verdicts", "signals"):
        assert section in report, section


def test_check_text_output(world_archive):
    res = run("check", COPIER_TXT, "--archive", world_archive)
    assert res.exit_code == 0, res.output
    assert "most related articles" in res.output
    assert "removed page furniture" in res.output
    assert "where each paragraph comes from" in res.output


def test_check_html_and_exports(world_archive, tmp_path):
    out = tmp_path / "r.html"
    review = tmp_path / "review.jsonld"
    claims_csv = tmp_path / "claims.csv"
    res = run("check", COPIER_TXT, "--archive", world_archive, "--format", "html", "--out", out,
              "--claimreview", review, "--author", "Example Desk", "--export-claims", claims_csv)
    assert res.exit_code == 0, res.output
    assert out.read_text().lstrip().lower().startswith("<!doctype html")
    assert isinstance(json.loads(review.read_text()), list)
    from newstrace.report.export import CLAIM_COLUMNS

    lines = claims_csv.read_text().splitlines()
    assert lines[0].split(",") == list(CLAIM_COLUMNS)
    assert len(lines) > 5


def test_report_validate_round_trip(world_archive, tmp_path):
    out = tmp_path / "r.json"
    assert run("check", COPIER_TXT, "--archive", world_archive, "--format", "json", "--out", out).exit_code == 0
    res = run("report", "validate", out)
    assert res.exit_code == 0, res.output
    assert "valid" in res.output
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": "1.0"}')
    assert run("report", "validate", bad).exit_code == 1


def test_check_missing_file_is_a_clear_error(world_archive, tmp_path):
    res = run("check", tmp_path / "nope.html", "--archive", world_archive)
    assert res.exit_code == 2
    assert "nope.html" in res.output


def test_ingest_bad_inputs_are_counted_and_the_rest_stored(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "empty.txt").write_text("")
    (d / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (d / "broken.jsonl").write_text('{"url": "https://a.example/1", "title": "A", "text": "Body text of a good record."}\n{not json\n')
    (d / "good.txt").write_text("A title\n\nA paragraph of body text. Another sentence here.\n")
    archive = tmp_path / "a.sqlite"
    res = run("ingest", d, "--archive", archive)
    assert res.exit_code == 0, res.output
    assert "bad_json" in res.output
    assert "broken.jsonl" in res.output
    stats = json.loads(run("archive", "stats", "--archive", archive, "--json").output)
    assert stats["articles"] == 2


def test_archive_must_exist_for_readers(tmp_path):
    res = run("archive", "stats", "--archive", tmp_path / "missing.sqlite")
    assert res.exit_code == 2
    assert "does not exist" in res.output
