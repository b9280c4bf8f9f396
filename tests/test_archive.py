"""Archive storage: round trips, idempotence, versions, migrations, errors, export, paths."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstrace.archive import Archive, default_archive_path
from newstrace.archive import migrations as mig
from newstrace.article import Article, Boilerplate
from newstrace.errors import ArchiveError, InputError
from newstrace.read.base import Reason, Rejected

# -- strategies --------------------------------------------------------------------------

_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)
_words = st.lists(
    st.sampled_from("the minister said on Monday général Łukašenko 北京 café — «quote» U.S. 3.5 per cent".split()),
    min_size=1, max_size=12,
).map(" ".join)
_paragraphed = st.lists(_words, min_size=0, max_size=4).map("\n\n".join)
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
_published = st.none() | st.dates().map(str) | st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()) | _text
_URLS = ["https://www.example.com/a", "https://news.example.org/b?x=1", "http://site.example/c", None, ""]


@st.composite
def articles(draw, urls=st.sampled_from(_URLS)):
    return Article(
        text=draw(_text | _paragraphed),
        title=draw(_text),
        url=draw(urls),
        site=draw(st.none() | st.sampled_from(["Example News", "Site"])),
        authors=tuple(draw(st.lists(_text, max_size=3))),
        published=draw(_published),
        published_source=draw(st.none() | st.just("meta:article:published_time")),
        language=draw(st.none() | st.sampled_from(["en", "fr", "zh"])),
        boilerplate=tuple(
            draw(st.lists(st.builds(Boilerplate, st.sampled_from(["copyright", "comments"]), _text), max_size=2))
        ),
        source=draw(st.none() | _text),
        extra=draw(st.dictionaries(st.text(max_size=6), _json, max_size=3)),
    )


def _dump(archive: Archive) -> list[tuple]:
    """Everything stored except the wall-clock column, in storage order."""
    cols = [r[1] for r in archive.connection.execute("PRAGMA table_info(articles)") if r[1] != "added_at"]
    return archive.connection.execute(f"SELECT {', '.join(cols)} FROM articles ORDER BY rowid").fetchall()


def _same(a: Article, b: Article) -> bool:
    return a == b and a.extra == b.extra


def _art(text: str, url: str | None = "https://example.com/story", **kw) -> Article:
    return Article(text=text, url=url, **kw)


# -- round trips and idempotence ------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_article_round_trips_exactly(article):
    with Archive(":memory:") as archive:
        result = archive.add(article)
        assert result.status == "added"
        back = archive.get(article.id)
        assert _same(back, article)
        # offsets still point at the same characters
        assert back.paragraph_texts() == article.paragraph_texts()
        assert back.sentence_texts() == article.sentence_texts()
        assert article in archive and article.id in archive


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(articles(), max_size=12))
def test_adding_any_sequence_twice_changes_nothing(seq):
    with Archive(":memory:") as archive:
        first = archive.ingest(seq, batch_size=5)
        snapshot = _dump(archive)
        second = archive.ingest(seq, batch_size=3)
        assert _dump(archive) == snapshot
        assert second.added == second.new_versions == 0
        assert second.duplicates == len(seq)
        assert first.added + first.new_versions + first.duplicates == len(seq)
        assert len(archive) == first.added + first.new_versions


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(articles(), max_size=10), st.integers(1, 4))
def test_ingest_equals_adding_one_by_one(seq, batch_size):
    with Archive(":memory:") as one, Archive(":memory:") as many:
        for a in seq:
            one.add(a)
        many.ingest(seq, batch_size=batch_size)
        assert _dump(one) == _dump(many)


def test_file_archive_round_trip_and_reopen(tmp_path):
    path = tmp_path / "sub" / "a.sqlite"
    art = _art("Première phrase. Second sentence here.\n\nAnother paragraph.", title="T", authors=("A. B.",),
               published="2024-05-01T12:00:00+02:00", extra={"k": [1, 2]})
    with Archive(path) as archive:
        assert archive.add(art).status == "added"
    with Archive(path, readonly=True) as archive:
        assert _same(archive.get(art.id), art)
        assert archive.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert archive.connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1


# -- duplicates and versions ---------------------------------------------------------------


def test_same_url_same_text_is_duplicate_even_with_another_id(tmp_path):
    with Archive(tmp_path / "a.sqlite") as archive:
        a = _art("Same words.")
        assert archive.add(a).status == "added"
        b = _art("Same words.", id="externalid01")
        result = archive.add(b)
        assert (result.status, result.id) == ("duplicate", a.id)
        assert b in archive and len(archive) == 1


def test_changed_text_at_same_url_is_a_linked_new_version(tmp_path):
    with Archive(tmp_path / "a.sqlite") as archive:
        v1 = _art("First text about the harbour fire.")
        v2 = _art("First text about the harbour fire. Update: two injured.")
        other = _art("Unrelated text.", url="https://example.com/other")
        assert archive.add(v1).status == "added"
        archive.add(other)
        r2 = archive.add(v2)
        assert (r2.status, r2.id, r2.previous_id) == ("new_version", v2.id, v1.id)
        # the old text again is a duplicate, not a third version
        assert archive.add(v1).status == "duplicate"
        versions = archive.versions(v1.url)
        assert [v.id for v in versions] == [v1.id, v2.id]
        assert [v.previous_id for v in versions] == [None, v1.id]
        assert [v.latest for v in versions] == [False, True]
        assert _same(versions[0].article, v1)
        assert [a.id for a in archive.articles()] == [other.id, v2.id]
        assert [a.id for a in archive.articles(latest_only=False)] == [v1.id, other.id, v2.id]
        stats = archive.stats()
        assert (stats["articles"], stats["latest_articles"], stats["versions"], stats["urls_with_versions"]) == (3, 2, 1, 1)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 3)), max_size=20))
def test_versions_follow_a_simple_model(adds):
    """Model: per URL, the texts stored so far in arrival order; a stored text is a
    duplicate, any other text a new version of the latest one."""
    urls = [f"https://v.example/{u}" for u in range(3)]
    texts = ["Alpha text.", "Beta text.", "Gamma text.", "Delta text."]
    model: dict[str, list[str]] = {u: [] for u in urls}
    with Archive(":memory:") as archive:
        for u, t in adds:
            url, text = urls[u], texts[t]
            result = archive.add(_art(text, url=url))
            stored = model[url]
            if text in stored:
                assert result.status == "duplicate"
            elif stored:
                assert result.status == "new_version"
                assert result.previous_id == _art(stored[-1], url=url).id
                stored.append(text)
            else:
                assert (result.status, result.previous_id) == ("added", None)
                stored.append(text)
        for url in urls:
            versions = archive.versions(url)
            assert [v.article.text for v in versions] == model[url]
            assert [v.latest for v in versions] == [i == len(model[url]) - 1 for i in range(len(model[url]))]
            assert [v.previous_id for v in versions] == ([None] + [v.id for v in versions[:-1]])[: len(versions)]
        latest = {a.url: a.text for a in archive.articles()}
        assert latest == {u: ts[-1] for u, ts in model.items() if ts}


def test_texts_without_url_never_become_versions_of_each_other():
    with Archive(":memory:") as archive:
        assert archive.add(_art("One text.", url=None)).status == "added"
        assert archive.add(_art("Another text.", url=None)).status == "added"
        assert archive.add(_art("Third.", url="")).status == "added"
        assert archive.add(_art("Fourth.", url="")).status == "added"
        assert archive.add(_art("One text.", url=None)).status == "duplicate"
        assert archive.stats()["versions"] == 0


# -- ingest --------------------------------------------------------------------------------


def test_ingest_counts_rejections_and_keeps_examples():
    items = [
        _art("A text.", url="https://a.example/1"),
        Rejected("feed.jsonl:line 2", Reason.BAD_JSON, "Expecting value"),
        _art("A text.", url="https://a.example/1"),
        Rejected("page.html", Reason.EMPTY_TEXT),
        Rejected("page2.html", Reason.EMPTY_TEXT),
        _art("B text.", url="https://a.example/1"),
    ]
    progress = []
    with Archive(":memory:") as archive:
        s = archive.ingest(items, batch_size=2, on_progress=lambda s: progress.append(s.seen))
    assert (s.added, s.duplicates, s.new_versions) == (1, 1, 1)
    assert s.rejected == {"bad_json": 1, "empty_text": 2} and s.rejected_total == 3
    assert [r.source for r in s.rejected_examples] == ["feed.jsonl:line 2", "page.html", "page2.html"]
    assert progress == sorted(progress) and progress[-1] == len(items)
    assert json.loads(json.dumps(s.to_dict()))["rejected"]["empty_text"] == 2


def test_ingest_commits_what_was_read_when_the_reader_fails():
    def items():
        yield _art("One.", url="https://a.example/1")
        yield _art("Two.", url="https://a.example/2")
        raise OSError("disk went away")

    with Archive(":memory:") as archive:
        with pytest.raises(OSError, match="disk went away"):
            archive.ingest(items(), batch_size=100)
        assert len(archive) == 2


def test_ingest_refuses_foreign_items_by_name():
    with Archive(":memory:") as archive:
        with pytest.raises(TypeError, match="dict"):
            archive.ingest([{"text": "x"}])
        with pytest.raises(ValueError, match="batch_size"):
            archive.ingest([], batch_size=0)


def test_failed_batch_is_rolled_back_whole(monkeypatch):
    with Archive(":memory:") as archive:
        calls = {"n": 0}
        real = Archive._insert

        def flaky(self, conn, article, **kw):
            calls["n"] += 1
            if calls["n"] == 3:
                raise sqlite3.OperationalError("simulated failure")
            return real(self, conn, article, **kw)

        monkeypatch.setattr(Archive, "_insert", flaky)
        batch = [_art(f"Text {i}.", url=f"https://a.example/{i}") for i in range(4)]
        with pytest.raises(ArchiveError, match="simulated failure"):
            archive.ingest(batch, batch_size=10)
        assert len(archive) == 0
        assert archive.connection.execute("SELECT count(*) FROM articles_vocab").fetchone()[0] == 0


# -- get / prefixes ------------------------------------------------------------------------


def test_get_accepts_unique_prefixes_of_six_or_more():
    with Archive(":memory:") as archive:
        a = _art("Alpha.", url="https://a.example/1", id="abcdef0123")
        b = _art("Beta.", url="https://a.example/2", id="abcdef9876")
        archive.ingest([a, b])
        assert archive.get("abcdef0") == a
        assert archive.get("abcdef9876") == b
        assert archive.get("abcde") is None  # too short to be a prefix
        assert archive.get("zzzzzzzz") is None
        with pytest.raises(InputError, match="ambiguous"):
            archive.get("abcdef")
        with pytest.raises(TypeError):
            archive.get(12345678)  # type: ignore[arg-type]


# -- filters -------------------------------------------------------------------------------


def test_articles_filters_by_site_domain_and_dates():
    arts = [
        _art("One.", url="https://www.alpha.example/1", site="Alpha", published="2024-03-01"),
        _art("Two.", url="https://www.alpha.example/2", site="Alpha", published="2024-03-05T23:30:00-02:00"),
        _art("Three.", url="https://beta.example/3", site="Beta", published="2024-03-05T10:00:00+00:00"),
        _art("Four.", url="https://beta.example/4", site="Beta", published=None),
        _art("Five.", url="https://beta.example/5", site="Beta", published="not a date"),
    ]
    with Archive(":memory:") as archive:
        archive.ingest(arts)

        def ids(**kw):
            return [a.text for a in archive.articles(**kw)]

        assert ids(site="Alpha") == ["One.", "Two."]
        assert ids(site="alpha.example") == ["One.", "Two."]  # a domain works as a site name
        assert ids(domain="beta.example") == ["Three.", "Four.", "Five."]
        # 23:30 at UTC-2 is 01:30 UTC the next day
        assert ids(since="2024-03-05", until="2024-03-05") == ["Three."]
        assert ids(since="2024-03-06") == ["Two."]
        assert ids(until="2024-03-01") == ["One."]
        assert ids(limit=2) == ["One.", "Two."]
        assert ids(order="newest") == ["Two.", "Three.", "One.", "Five.", "Four."]
        assert ids(order="oldest", limit=1) == ["One."]
        with pytest.raises(InputError, match="not an ISO 8601 date"):
            archive.articles(since="last tuesday")
        with pytest.raises(ValueError):
            archive.articles(order="random")  # type: ignore[arg-type]


def test_articles_streams_past_one_page():
    with Archive(":memory:") as archive:
        archive.ingest(_art(f"Article number {i}.", url=f"https://a.example/{i}") for i in range(1203))
        texts = [a.text for a in archive.articles()]
        assert len(texts) == 1203 and texts[0] == "Article number 0." and texts[-1] == "Article number 1202."
        assert len(list(archive.articles(limit=777))) == 777


# -- opening: errors, migrations -----------------------------------------------------------


def test_non_sqlite_file_is_refused_by_name(tmp_path):
    bad = tmp_path / "notes.sqlite"
    bad.write_bytes(b"this is plainly not a database, just some text " * 100)
    with pytest.raises(ArchiveError, match="notes.sqlite.*not an SQLite database or is corrupt"):
        Archive(bad)


def test_corrupt_archive_is_refused_by_name(tmp_path):
    path = tmp_path / "a.sqlite"
    with Archive(path) as archive:
        archive.ingest(_art(f"Text {i}.", url=f"https://a.example/{i}") for i in range(50))
    data = bytearray(path.read_bytes())
    data[0:16] = b"garbage garbage!"  # the SQLite magic header
    path.write_bytes(bytes(data))
    with pytest.raises(ArchiveError, match=r"a\.sqlite"):
        Archive(path)


def test_damage_found_after_opening_is_reported_by_name(tmp_path):
    path = tmp_path / "a.sqlite"
    with Archive(path) as archive:
        archive.ingest(_art(f"Words number {i} " * 40, url=f"https://a.example/{i}") for i in range(200))
        archive.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    page = 4096
    for p in range(3, len(data) // page):  # keep the schema page, wreck the table pages
        data[p * page : p * page + 8] = b"\x0d\x00\x00\xff\xff\xff\xff\xff"
    path.write_bytes(bytes(data))
    with pytest.raises(ArchiveError, match=r"a\.sqlite.*damaged"):
        with Archive(path) as archive:
            list(archive.articles())


def test_other_applications_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(ArchiveError, match="not a newstrace archive"):
        Archive(path)


def test_archive_from_a_newer_newstrace_asks_for_an_upgrade(tmp_path):
    path = tmp_path / "a.sqlite"
    Archive(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO migrations(name, applied_at) VALUES ('m999_from_the_future', '2030-01-01')")
    conn.commit()
    conn.close()
    with pytest.raises(ArchiveError, match="newer newstrace.*pip install -U newstrace"):
        Archive(path)
    with pytest.raises(ArchiveError, match="newer"):
        Archive(path, readonly=True)


def test_migrations_are_recorded_and_new_ones_applied_once(tmp_path, monkeypatch):
    path = tmp_path / "a.sqlite"
    with Archive(path) as archive:
        rows = archive.connection.execute("SELECT name, applied_at FROM migrations").fetchall()
        assert [r[0] for r in rows] == [m.name for m in mig.MIGRATIONS]
        assert all(r[1] for r in rows)
        assert archive.stats()["schema_version"] == mig.schema_version()

    calls = []

    def m_test_extra(conn):
        calls.append(1)
        conn.execute("CREATE TABLE test_extra (article_rowid INTEGER REFERENCES articles(rowid))")

    monkeypatch.setattr(mig, "MIGRATIONS", mig.MIGRATIONS + [mig.Migration("m_test_extra", m_test_extra)])
    with pytest.raises(ArchiveError, match="read-only"):
        Archive(path, readonly=True)  # cannot upgrade without writing
    with Archive(path) as archive:
        assert archive.stats()["schema_version"] == mig.schema_version()
    with Archive(path) as archive:
        pass
    assert calls == [1]


def test_failed_migration_leaves_the_archive_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "a.sqlite"
    Archive(path).close()

    def m_test_broken(conn):
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("bug in migration")

    monkeypatch.setattr(mig, "MIGRATIONS", mig.MIGRATIONS + [mig.Migration("m_test_broken", m_test_broken)])
    with pytest.raises(RuntimeError):
        Archive(path)
    conn = sqlite3.connect(path)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert "half_done" not in names


def test_duplicate_migration_names_are_refused():
    with pytest.raises(ValueError, match="duplicate"):
        mig.migration(mig.MIGRATIONS[0].apply)


def test_readonly_archive_refuses_writes_and_missing_files(tmp_path):
    with pytest.raises(ArchiveError, match="no archive there"):
        Archive(tmp_path / "missing.sqlite", readonly=True)
    path = tmp_path / "a.sqlite"
    Archive(path).close()
    with Archive(path, readonly=True) as archive:
        with pytest.raises(ArchiveError, match="read-only"):
            archive.add(_art("x"))
    with pytest.raises(ArchiveError, match="directory"):
        Archive(tmp_path)


def test_check_reports_a_sound_archive_and_a_broken_index(tmp_path):
    path = tmp_path / "a.sqlite"
    with Archive(path) as archive:
        archive.ingest(_art(f"Text {i}.", url=f"https://a.example/{i}") for i in range(20))
        assert archive.check() == []
        # Bypass the trigger: a row the index does not know about.
        conn = archive.connection
        conn.execute("DROP TRIGGER articles_fts_insert")
        conn.execute(
            "INSERT INTO articles(id, text, content_hash, added_at) VALUES ('x1', 'orphan words', 'h', 'now')"
        )
        assert any("full-text index" in p for p in archive.check())


def test_a_closed_archive_says_so():
    archive = Archive(":memory:")
    archive.close()
    archive.close()  # twice is fine
    with pytest.raises(ArchiveError, match="closed"):
        len(archive)


def test_atomic_nests_as_savepoints():
    with Archive(":memory:") as archive:
        with archive.atomic():
            archive.add(_art("kept", url="https://a.example/1"))
            with pytest.raises(RuntimeError):
                with archive.atomic():
                    archive.add(_art("dropped", url="https://a.example/2"))
                    raise RuntimeError
        assert [a.text for a in archive.articles()] == ["kept"]


# -- export --------------------------------------------------------------------------------


def _sample() -> list[Article]:
    return [
        _art("Texte «un». Deux.\n\nTrois.", url="https://a.example/1", title="Un", authors=("Zoé",),
             published="2024-01-02", boilerplate=(Boilerplate("copyright", "© 2024"),), extra={"n": 1}),
        _art("No url here.", url=None),
        _art("Texte «un». Deux, revised.\n\nTrois.", url="https://a.example/1", title="Un"),
    ]


def test_export_jsonl_reads_back_as_articles(tmp_path):
    with Archive(":memory:") as archive:
        archive.ingest(_sample())
        n = archive.export(tmp_path / "out.jsonl")
        lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
        assert n == len(lines) == 3
        recs = [json.loads(line) for line in lines]
        assert [_same(Article.from_dict(r), a) for r, a in zip(recs, _sample())] == [True] * 3
        assert [r["superseded"] for r in recs] == [True, False, False]
        assert recs[2]["version_of"] == recs[0]["id"]
        assert archive.export(tmp_path / "latest.jsonl", latest_only=True) == 2
        assert not list(tmp_path.glob("*.part"))


def test_export_csv_and_parquet(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    with Archive(":memory:") as archive:
        archive.ingest(_sample())
        assert archive.export(tmp_path / "out.csv") == 3
        with open(tmp_path / "out.csv", newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        assert rows[0]["text"] == _sample()[0].text and json.loads(rows[0]["authors"]) == ["Zoé"]
        assert rows[1]["url"] == ""
        assert archive.export(tmp_path / "out.bin", "parquet") == 3
        table = pq.read_table(tmp_path / "out.bin")
        assert table.column("id").to_pylist() == [a.id for a in _sample()]
        assert table.column("paragraphs").to_pylist()[0] == [list(p) for p in _sample()[0].paragraphs]
        assert table.column("boilerplate").to_pylist()[0] == [{"kind": "copyright", "text": "© 2024"}]
        with pytest.raises(InputError, match="unknown export format"):
            archive.export(tmp_path / "out.xml")


def test_export_of_an_empty_archive(tmp_path):
    pytest.importorskip("pyarrow")
    with Archive(":memory:") as archive:
        assert archive.export(tmp_path / "e.parquet") == 0
        assert archive.export(tmp_path / "e.jsonl") == 0
        assert (tmp_path / "e.parquet").stat().st_size > 0


# -- default path --------------------------------------------------------------------------


def test_default_archive_path_follows_platform_conventions():
    home = Path("/home/u")
    assert default_archive_path(environ={}, platform="linux", home=home) == home / ".local/share/newstrace/archive.sqlite"
    assert default_archive_path(environ={"XDG_DATA_HOME": "/data"}, platform="linux", home=home) == Path("/data/newstrace/archive.sqlite")
    assert default_archive_path(environ={"XDG_DATA_HOME": "rel"}, platform="linux", home=home) == home / ".local/share/newstrace/archive.sqlite"
    assert default_archive_path(environ={}, platform="darwin", home=home) == home / "Library/Application Support/newstrace/archive.sqlite"
    assert default_archive_path(environ={"LOCALAPPDATA": "C:/Users/u/AppData/Local"}, platform="win32", home=home) == Path("C:/Users/u/AppData/Local/newstrace/archive.sqlite")
    assert default_archive_path(environ={"NEWSTRACE_ARCHIVE": "/tmp/x.sqlite"}, platform="win32", home=home) == Path("/tmp/x.sqlite")


def test_archive_without_path_uses_the_env_override(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSTRACE_ARCHIVE", str(tmp_path / "env" / "a.sqlite"))
    with Archive() as archive:
        archive.add(_art("x"))
    assert (tmp_path / "env" / "a.sqlite").exists()


def test_public_api_is_pinned():
    import newstrace.archive as pkg

    assert pkg.__all__ == sorted(pkg.__all__)
    assert set(pkg.__all__) == {"AddResult", "Archive", "IngestSummary", "SearchHit", "Version", "default_archive_path"}


def test_extra_that_is_not_json_is_kept_as_text():
    from datetime import date

    with Archive(":memory:") as archive:
        a = _art("x", extra={"when": date(2024, 1, 2), "tags": {"b"}, "obj": object(), "k": {(1, 2): "tuple key"}})
        archive.add(a)
        back = archive.get(a.id).extra
        assert back["when"] == "2024-01-02" and back["tags"] == ["b"] and back["obj"].startswith("<object")
        assert back["k"] == {"(1, 2)": "tuple key"}


def test_stats_is_json_serialisable(tmp_path):
    with Archive(tmp_path / "a.sqlite") as archive:
        archive.ingest(_sample())
        s = archive.stats()
    json.dumps(s)
    assert sorted(s["top_sites"]) == [["(unknown)", 1], ["a.example", 1]]
    assert s["published_first"] == "2024-01-02" and s["db_bytes"] > 0


def test_published_key_survives_offsets_at_the_ends_of_the_calendar():
    from newstrace.archive.store import published_key

    # Found by the property test above: year 1 at +01:00 is year 0 in UTC, which does not exist.
    assert published_key("0001-01-01T00:00:00+01:00") == "0001-01-01T00:00:00"
    assert published_key("9999-12-31T23:30:00-01:00") == "9999-12-31T23:30:00"
    assert published_key("2024-03-01T01:00:00+02:00") == "2024-02-29T23:00:00"
