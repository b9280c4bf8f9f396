"""Spark stage `articles` (newstrace.spark.ingest) in local[2] against the embedded readers
and the archive's own duplicate and version rule."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'newstrace[spark]')")


def _java_ok() -> bool:
    java = shutil.which("java") or (os.environ.get("JAVA_HOME") and str(Path(os.environ["JAVA_HOME"]) / "bin" / "java"))
    if not java:
        return False
    try:
        return subprocess.run([java, "-version"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


if not _java_ok():
    pytest.skip("Spark needs a Java runtime (java not found or not working)", allow_module_level=True)

from newstrace.archive import Archive  # noqa: E402
from newstrace.article import Article  # noqa: E402
from newstrace.read import Rejected, read_paths, read_records  # noqa: E402
from newstrace.spark.ingest import ARTICLE_COLUMNS, ingest_stage  # noqa: E402
from newstrace.spark.reuse import article_rows  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
WORLD = REPO / "examples" / "world"
FIX = Path(__file__).parent / "fixtures" / "read"
MAX_BYTES = 50_000


@pytest.fixture(scope="module")
def spark():
    from newstrace.spark.session import get_session

    saved = os.environ.get("PYSPARK_PYTHON")
    os.environ["PYSPARK_PYTHON"] = sys.executable  # workers must import this newstrace
    session = get_session(
        "local[2]",
        app="newstrace-test-ingest",
        conf={
            "spark.ui.enabled": "false",
            "spark.sql.shuffle.partitions": "4",
            "spark.default.parallelism": "2",
            "spark.driver.memory": "1g",
            "spark.ui.showConsoleProgress": "false",
        },
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    if saved is None:
        os.environ.pop("PYSPARK_PYTHON", None)
    else:
        os.environ["PYSPARK_PYTHON"] = saved


def _rows(spark, folder: Path, name: str) -> list:
    df = spark.read.parquet(str(folder / name))
    return df.orderBy("seq").collect() if name == "articles" else df.collect()


def _archive_view(items) -> list[tuple[str, bool]]:
    """(id, superseded) in rowid order after `Archive.ingest` of the embedded reader's items."""
    with Archive(":memory:") as archive:
        archive.ingest(items)
        return [(r[0], bool(r[1])) for r in archive.connection.execute("SELECT id, superseded FROM articles ORDER BY rowid")]


# -- the example world -------------------------------------------------------------------------


def test_world_gives_the_embedded_readers_articles(spark, tmp_path: Path) -> None:
    out = tmp_path / "out"
    manifest = ingest_stage(spark, [str(WORLD)], str(out))
    expected = [a for a in read_paths([WORLD]) if isinstance(a, Article)]
    rows = _rows(spark, out, "articles")
    assert [r.id for r in rows] == [a.id for a in expected]
    assert [r.seq for r in rows] == list(range(len(expected)))
    for r, a in zip(rows, expected):
        assert json.loads(r.article_json) == json.loads(json.dumps(a.to_dict(), ensure_ascii=False))
        assert (r.url, r.site, r.domain, r.title, tuple(r.authors), r.published, r.language, r.source, r.text) == (
            a.url, a.site, a.domain, a.title, a.authors, a.published, a.language, a.source, a.text
        )
        assert r.superseded is False
    assert manifest["stage"] == "articles" and manifest["rows"] == len(expected)
    assert json.loads((out / "articles" / "_manifest.json").read_text()) == manifest
    assert set(_rows(spark, out, "articles")[0].asDict()) == set(ARTICLE_COLUMNS)


# -- a crawl with damage, bad lines, duplicates and versions ------------------------------------


def _warc_record(rtype: str, url: str, block: bytes, content_type: str, n: int) -> bytes:
    headers = {
        "WARC-Type": rtype,
        "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>",
        "WARC-Date": "2021-07-01T12:00:00Z",
        "WARC-Target-URI": url,
        "Content-Type": content_type,
        "Content-Length": str(len(block)),
    }
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    return head.encode() + block + b"\r\n\r\n"


def _response(url: str, body: bytes, n: int) -> bytes:
    http = f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {len(body)}\r\n\r\n"
    return _warc_record("response", url, http.encode() + body, "application/http; msgtype=response", n)


def _write_crawl(folder: Path) -> None:
    folder.mkdir(parents=True)
    news = (FIX / "news_article.html").read_bytes()
    towpath = (FIX / "no_byline_no_date.html").read_bytes()
    blog = (FIX / "blog_comment_form.html").read_bytes()
    giant = b"<html><body>" + b"<p>Long page text that goes on and on and on.</p>" * 2000 + b"</body></html>"
    assert len(giant) > MAX_BYTES
    broken = _response("https://news.example.com/broken", blog, 3).replace(b"WARC/1.0", b"GARBAGE!", 1)
    (folder / "a_crawl.warc").write_bytes(
        _response("https://news.example.com/port", news, 1)
        + _response("https://big.example.com/", giant, 2)
        + broken
        + _response("https://canal.example.org/towpath", towpath, 4)
    )
    lines = [
        {"url": "https://feed.example.net/1", "title": "Ferry timetable", "text": "The island ferry runs twice a day from Monday.\n\nTickets cost less.", "source": "Feed"},
        "{this is not json",
        {"url": "https://feed.example.net/2", "title": "Blank", "text": "   "},
        [1, 2, 3],
        # the same record again: a duplicate of line 1 (same URL, same text, same id)
        {"url": "https://feed.example.net/1", "title": "Ferry timetable", "text": "The island ferry runs twice a day from Monday.\n\nTickets cost less.", "source": "Feed"},
        # a changed text at the URL of line 1: a new version, line 1 is superseded
        {"url": "https://feed.example.net/1", "title": "Ferry timetable", "text": "The island ferry now runs three times a day from Monday.\n\nTickets cost less.", "source": "Feed"},
        # no URL: never versioned
        {"title": "Note", "text": "A short note without any address, kept as it is.", "source": "Feed"},
    ]
    with gzip.open(folder / "b_feed.jsonl.gz", "wt", encoding="utf-8") as fh:
        for line in lines:
            fh.write((line if isinstance(line, str) else json.dumps(line)) + "\n")
    (folder / "c_empty.txt").write_bytes(b"")
    (folder / "d_picture.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)


@pytest.fixture(scope="module")
def crawl(spark, tmp_path_factory):
    root = tmp_path_factory.mktemp("crawl")
    folder = root / "in"
    _write_crawl(folder)
    out = root / "out"
    manifest = ingest_stage(spark, [str(folder)], str(out), max_bytes=MAX_BYTES)
    return folder, out, manifest


def test_crawl_articles_and_order_match_the_embedded_engine(spark, crawl) -> None:
    folder, out, manifest = crawl
    items = list(read_paths([folder], max_bytes=MAX_BYTES))
    archive = _archive_view(items)
    rows = _rows(spark, out, "articles")
    assert [(r.id, r.superseded) for r in rows] == archive
    # the in-memory builder of the articles frame (spark.reuse.article_rows) agrees
    assert [(r[1], r[-1]) for r in article_rows(i for i in items if isinstance(i, Article))] == archive
    assert [r.seq for r in rows] == list(range(len(rows)))
    # the good WARC pages, the feed's two versions and the note
    urls = [r.url for r in rows]
    assert urls[:2] == ["https://news.example.com/port", "https://canal.example.org/towpath"]
    assert urls.count("https://feed.example.net/1") == 2 and None in urls
    assert manifest["duplicates"] == 1 and manifest["superseded"] == 1 and manifest["rows"] == len(rows)


def test_crawl_rejections_are_counted_and_written(spark, crawl) -> None:
    folder, out, manifest = crawl
    expected = [i for i in read_paths([folder], max_bytes=MAX_BYTES) if isinstance(i, Rejected)]
    counts: dict[str, int] = {}
    for r in expected:
        counts[r.reason.value] = counts.get(r.reason.value, 0) + 1
    assert manifest["rejected"] == counts
    assert counts["bad_warc_record"] == 1 and counts["too_large"] == 1 and counts["bad_json"] == 2
    assert counts["empty_text"] == 2 and counts["binary"] == 1
    rejects = _rows(spark, out, "articles_rejects")
    assert [(r.source, r.reason, r.detail) for r in rejects] == [(r.source, r.reason.value, r.detail) for r in expected]
    giant = next(r for r in rejects if r.reason == "too_large")
    assert giant.source.startswith(str(folder / "a_crawl.warc") + "@offset ") and "50000" in giant.detail


def test_uri_inputs_go_through_hadoop_and_name_the_uri(spark, crawl, tmp_path: Path) -> None:
    folder, out, manifest = crawl
    uri_out = tmp_path / "out"
    m = ingest_stage(spark, [folder.as_uri()], uri_out.as_uri(), max_bytes=MAX_BYTES)
    assert m["rows"] == manifest["rows"] and m["rejected"] == manifest["rejected"]
    rows = _rows(spark, uri_out, "articles")
    assert [(r.id, r.superseded) for r in rows] == [(r.id, r.superseded) for r in _rows(spark, out, "articles")]
    assert all(r.source.startswith("file:") for r in rows)
    missing = ingest_stage(spark, [(folder / "nope").as_uri(), str(folder / "nope*.warc")], str(tmp_path / "out2"))
    assert missing["rows"] == 0 and missing["rejected"] == {"not_found": 2}


# -- Parquet with a field map ---------------------------------------------------------------------


def test_parquet_rows_read_like_json_lines(spark, tmp_path: Path) -> None:
    from pyspark.sql import types as T

    schema = T.StructType([
        T.StructField("link", T.StringType()),
        T.StructField("headline", T.StringType()),
        T.StructField("body", T.StringType()),
        T.StructField("outlet", T.StringType()),
        T.StructField("byline", T.ArrayType(T.StringType())),
        T.StructField("meta", T.StructType([T.StructField("published", T.StringType())])),
    ])
    recs = [
        ("https://p.example.org/a", "Harbour bridge", "The council approved the repairs.\n\nWork starts in May.", "Ledger", ["A. Writer"], ("2024-03-12",)),
        ("https://p.example.org/b", "No body", None, "Ledger", [], ("2024-03-13",)),
        ("https://p.example.org/c", "Vineyards", "Growers plant new grapes this year.", "Lantern", ["B. Writer", "C. Writer"], (None,)),
    ]
    src = tmp_path / "in"
    spark.createDataFrame(recs, schema).coalesce(1).write.parquet(str(src))
    (src / "zz_broken.parquet").write_bytes(b"PAR1 this is not parquet at all")
    fmap = "url=link,title=headline,text=body,source=outlet,authors=byline,date=meta.published"
    out = tmp_path / "out"
    manifest = ingest_stage(spark, [str(src)], str(out), field_map=fmap)
    rows = _rows(spark, out, "articles")
    # the same records as JSON Lines through the embedded reader
    jsonl = tmp_path / "same.jsonl"
    with open(jsonl, "w", encoding="utf-8") as fh:
        for link, headline, body, outlet, byline, meta in recs:
            fh.write(json.dumps({"link": link, "headline": headline, "body": body, "outlet": outlet, "byline": byline,
                                 "meta": {"published": meta[0]}}) + "\n")
    expected = [a for a in read_records(jsonl, field_map=fmap) if isinstance(a, Article)]
    assert [r.id for r in rows] == [a.id for a in expected] and len(rows) == 2
    for r, a in zip(rows, expected):
        got = json.loads(r.article_json)
        want = json.loads(json.dumps(a.to_dict()))
        assert got.pop("source").endswith(":row " + ("1" if a.url.endswith("/a") else "3"))
        want.pop("source")
        assert got == want
    assert rows[0].published == "2024-03-12" and list(rows[1].authors) == ["B. Writer", "C. Writer"]
    assert manifest["rejected"] == {"missing_field": 1, "undecodable": 1}
    broken = [r for r in _rows(spark, out, "articles_rejects") if r.reason == "undecodable"]
    assert broken[0].source == str(src / "zz_broken.parquet") and "Parquet" in broken[0].detail
