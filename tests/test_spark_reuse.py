"""The Spark reuse job gives the embedded engine's answers, document for document.

Corpus: the example world (read in sorted order) plus planted reuse built here: an edited
copy on a new site, a copy of that copy, a later version of the first copy's page (which
supersedes it), a duplicate re-read of a world article, and one row whose article JSON is
damaged (Spark counts and skips it; the embedded archive never sees it). The embedded
engine ingests the same articles in the same order and runs `run_reuse(full=True)`.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'newstrace[spark]')")

from click.testing import CliRunner  # noqa: E402

from newstrace.archive import Archive  # noqa: E402
from newstrace.article import Article  # noqa: E402
from newstrace.errors import ArchiveError  # noqa: E402
from newstrace.read import read_paths  # noqa: E402
from newstrace.reuse_job import load_pairs, run_reuse  # noqa: E402
from newstrace.spark import reuse as R  # noqa: E402
from newstrace.spark.job import STAGES, run_job  # noqa: E402

WORLD = Path(__file__).resolve().parents[1] / "examples" / "world"
SHARED_CONF = {
    "spark.ui.enabled": "false",
    "spark.sql.shuffle.partitions": "4",
    "spark.default.parallelism": "2",
    "spark.driver.memory": "1g",
}


def _java_available() -> bool:
    home = os.environ.get("JAVA_HOME")
    return bool(shutil.which("java") or (home and Path(home, "bin", "java").exists()))


@pytest.fixture(scope="module")
def spark():
    if not _java_available():
        pytest.skip("Java is not installed: Spark needs a JVM (java on PATH or JAVA_HOME)")
    from newstrace.spark.session import get_session

    session = get_session("local[2]", app="newstrace-tests", conf=SHARED_CONF)
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _edit(text: str) -> str:
    """A light rewrite: a few words changed in every paragraph, the last paragraph dropped."""
    paras = text.split("\n\n")
    out = []
    for p in paras[:-1] if len(paras) > 2 else paras:
        words = p.split(" ")
        for i in range(5, len(words), 23):
            words[i] = words[i].upper()
        out.append(" ".join(words))
    return "\n\n".join(out)


@pytest.fixture(scope="module")
def corpus() -> list[Article]:
    world = [a for a in read_paths([WORLD]) if isinstance(a, Article)]
    longest = sorted(world, key=lambda a: (-len(a.text), a.id))
    src, src2 = longest[0], longest[3]
    copy1 = Article(
        text="Copycat Daily\n\n" + _edit(src.text), title="Copied: " + src.title,
        url="https://www.copycat.example/news/1", site="Copycat Daily", published="2025-04-02",
    )
    copy2 = Article(
        text=_edit(copy1.text) + "\n\nEcho Weekly republishes with permission.", title=copy1.title,
        url="https://echo.example/story/7", site="Echo Weekly", published="2025-04-03",
    )
    copy1_v2 = Article(
        text=copy1.text + "\n\nCorrection: an earlier version misnamed the ministry.", title=copy1.title,
        url=copy1.url, site="Copycat Daily", published="2025-04-02",
    )
    mix = Article(
        text="\n\n".join([src2.text.split("\n\n")[0], "Our own reporting follows here in brief.", *src.text.split("\n\n")[1:3]]),
        title="Round-up", url="https://roundup.example/r/3", site="Roundup", published=None,
    )
    duplicate = world[4]  # read again: the same id, dropped as the archive drops it
    return [*world, copy1, copy2, copy1_v2, mix, duplicate]


@pytest.fixture(scope="module")
def embedded(corpus, tmp_path_factory):
    path = tmp_path_factory.mktemp("embedded") / "world.sqlite"
    with Archive(path) as archive:
        archive.ingest(corpus)
        run = run_reuse(archive, full=True, workers=1)
        pairs, docs = load_pairs(archive)
    return run, pairs, path


BAD_URL = "https://broken.example/a/1"


def _write_articles(spark, corpus, out: Path) -> None:
    """The `articles` stage as the ingest stage writes it, plus one damaged row."""
    rows = R.article_rows([*corpus, Article(text="A damaged record.", url=BAD_URL, site="Broken")])
    bad = list(rows[-1])
    bad[R.ARTICLES_SCHEMA.split(", ").index("article_json string")] = '{"text": "cut off'
    rows[-1] = tuple(bad)
    spark.createDataFrame(rows, R.ARTICLES_SCHEMA).write.parquet(str(out / "articles"))
    manifest = {"stage": "articles", "rows": len(rows), "rejected": {}, "inputs": ["(test corpus)"]}
    (out / "articles" / "_manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def _manifests(out: Path) -> dict[str, str]:
    return {s: (out / s / "_manifest.json").read_text(encoding="utf-8") for s in STAGES if (out / s / "_manifest.json").exists()}


@pytest.fixture(scope="module")
def job(spark, corpus, tmp_path_factory):
    """Three runs on one folder: up to candidates, then to the end (resuming), then again."""
    out = tmp_path_factory.mktemp("spark") / "out"
    out.mkdir()
    _write_articles(spark, corpus, out)
    first = run_job(spark, str(out), to="candidates")
    after_first = _manifests(out)
    second = run_job(spark, str(out))
    after_second = _manifests(out)
    third = run_job(spark, str(out))
    return {
        "out": out, "runs": (first, second, third), "manifests": (after_first, after_second, _manifests(out)),
    }


def _pair_tuples(pairs) -> list[tuple]:
    return sorted(
        (p.a, p.b, tuple(p.a_span), tuple(p.b_span), p.kind, p.matched_words, p.edits, p.edit_ratio, p.edit_level,
         p.a_credits_b, p.b_credits_a)
        for p in pairs
    )


def _spark_pairs(spark, out: Path) -> list[tuple]:
    return sorted(
        (r["a_id"], r["b_id"], (r["a_begin"], r["a_end"]), (r["b_begin"], r["b_end"]), r["kind"], r["matched_words"],
         r["edits"], r["edit_ratio"], r["edit_level"], r["a_credits_b"], r["b_credits_a"])
        for r in spark.read.parquet(str(out / "passages")).collect()
    )


def test_the_planted_reuse_is_there(embedded, corpus):
    run, pairs, _ = embedded
    planted = {a.id for a in corpus[-5:-1]}
    assert sum(1 for p in pairs if p.a in planted or p.b in planted) >= 4
    assert any(m.key == corpus[-3].id for c in run.clusters for m in c.members)  # copy1_v2 clustered
    assert not any(m.key == corpus[-5].id for c in run.clusters for m in c.members)  # superseded copy1 is not


def test_passages_equal_the_embedded_pairs(spark, job, embedded):
    _, pairs, _ = embedded
    got = _spark_pairs(spark, job["out"])
    assert len(got) > 40
    assert got == _pair_tuples(pairs)


def test_clusters_and_network_equal_the_embedded_ones(spark, job, embedded):
    run, _, _ = embedded
    want = [json.loads(json.dumps(c.to_dict())) for c in run.clusters]
    assert R.read_cluster_dicts(spark, str(job["out"])) == want
    assert [e.to_dict() for e in R.read_network(spark, str(job["out"]))] == [e.to_dict() for e in run.network]
    assert run.network  # the world has a copy network; an empty one would compare trivially
    members = spark.read.parquet(str(job["out"] / "cluster_members")).count()
    assert members == sum(len(c.members) for c in run.clusters)


def test_to_stops_early_and_a_rerun_resumes_then_does_nothing(job):
    first, second, third = job["runs"]
    m1, m2, m3 = job["manifests"]
    assert [r.stage for r in first] == ["articles", "fingerprints", "candidates"]
    assert [r.skipped for r in first] == [True, False, False]
    assert set(m1) == {"articles", "fingerprints", "candidates"}
    assert [r.stage for r in second] == list(STAGES)
    assert [r.skipped for r in second] == [True, True, True, False, False, False]
    assert m2["fingerprints"] == m1["fingerprints"] and m2["candidates"] == m1["candidates"]
    assert all(r.skipped for r in third)
    assert m3 == m2  # nothing rewritten
    assert [r.seconds for r in third] == [r.seconds for r in second]


def test_a_changed_setting_recomputes_from_the_first_stale_stage(spark, job):
    man = json.loads(job["manifests"][1]["candidates"])
    assert man["config"]["pairs"]["min_shared"] == 2
    assert man["config"]["fingerprint_version"] and man["config"]["input"]["stage"] == "fingerprints"
    # A run with another min_shared keeps the fingerprints and would redo candidates onwards:
    # the stage config differs from the first stage that depends on the PairRule.
    from newstrace.reuse.provenance import TraceSettings
    from newstrace.reuse_job import PairRule
    from newstrace.spark.job import stage_config

    fp_man = json.loads(job["manifests"][1]["fingerprints"])
    other = stage_config(TraceSettings(), PairRule.for_settings(TraceSettings(), 3), fp_man, "fingerprints")
    assert other != man["config"]


def test_a_damaged_article_is_counted_and_skipped(spark, job):
    fp = json.loads(job["manifests"][1]["fingerprints"])
    assert fp["rejected"] == {R.BAD_ARTICLE: 1}
    rej = spark.read.parquet(str(job["out"] / "fingerprints_rejects")).collect()
    assert len(rej) == 1 and rej[0]["reason"] == R.BAD_ARTICLE and "JSONDecodeError" in rej[0]["detail"]
    assert json.loads(job["manifests"][1]["passages"])["rejected"] == {}


def test_a_failing_work_unit_is_counted_not_fatal(corpus):
    # The executor function of the passages stage, on hand-made units (no Spark needed).
    from newstrace.reuse.provenance import TraceSettings
    from newstrace.reuse_job import PairRule

    cfg = R.UnitConfig(TraceSettings(), PairRule())
    a, b = corpus[-4], corpus[-3]  # copy2 and copy1_v2 share most of their text
    unit = {
        "seq": 9, "id": a.id, "article_json": json.dumps(a.to_dict()),
        "cands": [{"cand_seq": 5, "cand_id": b.id, "cand_json": "{not json"}], "qhashes": [], "df": [], "sdf": [],
    }
    [row] = list(R._unit(unit, cfg))
    assert row[-2] == R.BAD_ARTICLE and row[2] == 9
    # Candidates given but not the frequencies the kernels need: the unit index refuses to
    # guess, the unit is reported as a kernel error and the job goes on.
    unit["cands"] = [{"cand_seq": 5, "cand_id": b.id, "cand_json": json.dumps(b.to_dict())}]
    [row] = list(R._unit(unit, cfg))
    assert row[-2] == R.KERNEL_ERROR and "UnitScopeError" in row[-1]


def test_cli_reuse_reports_finished_stages(spark, job):
    from newstrace.spark.cli import spark_group

    res = CliRunner().invoke(spark_group, ["reuse", "--out", str(job["out"])])
    assert res.exit_code == 0, res.output
    assert res.output.count("done earlier") >= len(STAGES)
    bad = CliRunner().invoke(spark_group, ["reuse", "--out", str(job["out"] / "nothing-here")])
    assert bad.exit_code == 2 and "no finished articles stage" in " ".join(bad.output.split())


def test_import_parquet_round_trip(job, embedded, tmp_path):
    from newstrace.spark.importer import import_parquet

    run, pairs, _ = embedded
    with Archive(tmp_path / "imported.sqlite") as archive:
        s = import_parquet(archive, job["out"])
        assert s.pairs == len(pairs) and s.processed == run.articles and s.skipped == 1
        again = run_reuse(archive)  # nothing left to compute
        assert again.processed == 0 and again.already == run.articles and again.notes == []
        got, _ = load_pairs(archive)
        assert _pair_tuples(got) == _pair_tuples(pairs)
        assert [c.to_dict() for c in again.clusters] == [c.to_dict() for c in run.clusters]
        assert archive.check() == []
        n_versions = archive.connection.execute("SELECT count(*) FROM articles WHERE superseded = 1").fetchone()[0]
        assert n_versions == 1


def test_import_parquet_refuses_other_versions_and_foreign_archives(job, corpus, tmp_path):
    from newstrace.spark.cli import import_parquet as import_cmd
    from newstrace.spark.importer import import_parquet

    copy = tmp_path / "out"
    shutil.copytree(job["out"], copy)
    man_path = copy / "passages" / "_manifest.json"
    man = json.loads(man_path.read_text(encoding="utf-8"))
    man["config"]["fingerprint_version"] = 999
    man_path.write_text(json.dumps(man), encoding="utf-8")
    with Archive(tmp_path / "a.sqlite") as archive:
        with pytest.raises(ArchiveError, match="fingerprint version 999"):
            import_parquet(archive, copy)
        assert len(archive) == 0
    res = CliRunner().invoke(import_cmd, [str(copy), "--archive", str(tmp_path / "b.sqlite")])
    assert res.exit_code == 2 and "fingerprint version 999" in " ".join(res.output.split())

    with Archive(tmp_path / "c.sqlite") as archive:
        archive.add(corpus[7])  # not the first article of the results
        with pytest.raises(ArchiveError, match="do not"):
            import_parquet(archive, job["out"])
        assert sqlite3.connect(tmp_path / "c.sqlite").execute("SELECT count(*) FROM reuse_pairs").fetchone()[0] == 0
