"""The provenance index inside the archive: fingerprints at ingest, trace_in_archive on the
example world, versions, stale indexes and reindex, and agreement with MemoryIndex."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from newstrace.archive import Archive
from newstrace.archive import migrations as mig
from newstrace.article import Article
from newstrace.errors import ArchiveError
from newstrace.read import read_path
from newstrace.reuse import MemoryIndex, SqliteIndex, reuse_pairs, site_key, trace, trace_in_archive
from newstrace.reuse.provenance import tokens_for

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
WORLD = EXAMPLES / "world"
TRUTH = json.loads((EXAMPLES / "ground_truth.json").read_text(encoding="utf-8"))
COPIER_URL = TRUTH["main_demo"]["html"]
COPIER_TEXT = "../check/copier_article.txt"  # the pasted twin: an input, not in the world
WIRE_URL = "https://www.mpawire.example/world/2025/03/11/velmark-open-to-concord-exercises"


def _key(a: Article) -> str:
    """The ground truth's key of an article: its URL, or its path relative to world/ for
    text files (the pasted twin lives in examples/check: "../check/...")."""
    if a.url:
        return a.url
    return Path(os.path.relpath(a.source, WORLD)).as_posix() if a.source else ""


@pytest.fixture(scope="module")
def world_items() -> list[Article]:
    items = list(read_path(WORLD))
    assert all(isinstance(i, Article) for i in items)
    return items


def _archive(items, path) -> Archive:
    archive = Archive(path)
    archive.ingest(items)
    return archive


@pytest.fixture(scope="module")
def world(world_items, tmp_path_factory):
    """The example world (its pasted twin of the main demo article lives outside world/)."""
    items = list(world_items)
    with _archive(items, tmp_path_factory.mktemp("w") / "world.sqlite") as archive:
        yield archive, {_key(a): a for a in archive.articles()}


def test_every_article_is_fingerprinted_at_ingest(world):
    archive, arts = world
    status = archive.reuse_status()
    assert status["current"] and status["indexed_articles"] == len(arts) == 41  # 42 world articles less the pasted twin
    assert archive.check() == []
    docs = archive.connection.execute("SELECT count(*), sum(fingerprints) FROM reuse_docs").fetchone()
    postings = archive.connection.execute("SELECT count(*) FROM reuse_postings").fetchone()[0]
    assert docs[1] == postings > 40 * 20


def _agreement(pv, article: Article, truth_key: str, archive: Archive) -> tuple[int, int, list]:
    truth = TRUTH["paragraph_map"][truth_key]
    rows = []
    agree = 0
    for t in truth:
        p = pv.paragraphs[t["paragraph_index"]]
        assert article.text[p.span[0] : p.span[1]].startswith(t["text_start"])
        earliest_urls = {archive.get(k).url for k in p.earliest}
        ok = p.label == t["label"]
        if t["label"] == "copied":
            ok = ok and t["source"] in earliest_urls and p.credited is t["credited"]
        agree += ok
        rows.append((t["paragraph_index"], t["label"], p.label, ok))
    return agree, len(truth), rows


def test_copier_traced_to_the_wire_paragraph_by_paragraph(world):
    archive, arts = world
    copier = arts[COPIER_URL]
    pv = trace_in_archive(copier, archive)
    by_url = {s.source.url: s for s in pv.sources}
    wire = by_url[WIRE_URL]
    assert wire.relation == "earlier" and "copied_prose" in wire.kinds
    assert wire.credit.credited is False  # the copier never names the agency
    # The lifted passage starts at the copier's second paragraph, its first copied word.
    prose = [g for g in pv.groups if g.kind == "copied_prose" and WIRE_URL in {m.source.url for m in g.matches}]
    assert prose and prose[0].query_span[0] == copier.paragraphs[1][0]
    assert archive.get(prose[0].earliest.keys[0]).url == WIRE_URL
    agree, total, rows = _agreement(pv, copier, COPIER_URL, archive)
    assert (agree, total) == (9, 9), rows
    labels = [p.label for p in pv.paragraphs]
    assert labels[6:] == ["original"] * 3  # the appended fabrications are the copier's own


def test_pasted_copier_traced_like_the_html(world_items, tmp_path):
    # The pasted twin (examples/check) archived with the world but without its HTML page,
    # then checked: it is excluded as itself and traced like the page.
    pasted_in = [a for a in read_path(EXAMPLES / "check" / "copier_article.txt") if isinstance(a, Article)]
    assert len(pasted_in) == 1 and _key(pasted_in[0]) == COPIER_TEXT
    items = [a for a in world_items if _key(a) != COPIER_URL] + pasted_in
    with _archive(items, tmp_path / "w.sqlite") as archive:
        pasted = next(a for a in archive.articles() if _key(a) == COPIER_TEXT)
        pv = trace_in_archive(pasted, archive)
        assert pasted.id not in {s.source.key for s in pv.sources}
        agree, total, rows = _agreement(pv, pasted, COPIER_TEXT, archive)
    assert (agree, total) == (9, 9), rows


CREDITED = [r for r in TRUTH["relations"] if r["credited"] and r["target"].startswith("http")]


@pytest.mark.parametrize("rel", CREDITED, ids=lambda r: r["id"])
def test_credited_republications_are_credited(world, rel):
    archive, arts = world
    pv = trace_in_archive(arts[rel["target"]], archive)
    src = {s.source.url: s for s in pv.sources}[rel["source"]]
    assert src.relation == "earlier" and "copied_prose" in src.kinds
    assert src.credit.credited is True


def test_kestrel_herald_wire_republication_is_credited(world):
    archive, arts = world
    rel = next(r for r in CREDITED if r["id"] == "kestrel_wire<-wire")
    pv = trace_in_archive(arts[rel["target"]], archive)
    assert {s.source.url: s for s in pv.sources}[rel["source"]].credit.credited is True


def test_an_archived_article_is_traced_without_itself(world):
    archive, arts = world
    wire = arts[WIRE_URL]
    pv = trace_in_archive(wire, archive)
    assert wire.id not in {s.source.key for s in pv.sources}
    rel = {s.source.url: s.relation for s in pv.sources}
    assert rel[COPIER_URL] == "later"  # its copies are later, never its sources
    assert all(r in ("later", "same_date", "unknown") for u, r in rel.items() if u and "northernledger" not in u)


def _art(text: str, url: str, published: str, site: str) -> Article:
    return Article(text, url=url, published=published, site=site, title="t")


LEDE = (
    "The harbour authority voted on Tuesday to close the old ferry terminal after almost ninety "
    "years of service, citing falling passenger numbers and the cost of repairing its sea wall."
)
SECOND = (
    "Councillors said the building would be offered to community groups, while a smaller pontoon "
    "near the fish market will take the remaining island boats from the first of June."
)


def test_a_new_version_is_not_its_own_source_and_its_old_version_leaves_the_index(tmp_path):
    with Archive(tmp_path / "v.sqlite") as archive:
        v1 = _art(LEDE + "\n\n" + SECOND, "https://port.example/terminal", "2024-05-01", "Port News")
        assert archive.add(v1).status == "added"
        copy = _art(LEDE + "\n\nOur own reporting follows here, in words of our own.", "https://copy.example/1",
                    "2024-05-03", "Copy Daily")
        archive.add(copy)
        v2 = v1.with_changes(text=LEDE + "\n\n" + SECOND + " Correction: the pontoon opens in July.")
        result = archive.add(v2)
        assert result.status == "new_version" and result.previous_id == v1.id
        assert archive.check() == []
        index = archive.reuse_index()
        assert v1.id not in index and v2.id in index and len(index) == 2
        pv = trace_in_archive(archive.get(v2.id), archive)
        keys = {s.source.key for s in pv.sources}
        assert v1.id not in keys and v2.id not in keys and copy.id in keys
        # Checking the page as freshly fetched (not archived under its id): the archived
        # version at the same URL is the page itself, not a source.
        v3 = v1.with_changes(text=LEDE + "\n\n" + SECOND + " Second correction.")
        pv3 = trace_in_archive(v3, archive)
        assert {s.source.key for s in pv3.sources} == {copy.id}


def test_stale_fingerprints_are_refused_until_reindex(world_items, tmp_path):
    path = tmp_path / "s.sqlite"
    with _archive(world_items[:12], path) as archive:
        before = trace_in_archive(world_items[3], archive).to_dict()
        archive.connection.execute("UPDATE reuse_meta SET value = '0' WHERE key = 'fingerprint_version'")
    with Archive(path, readonly=True) as archive:
        with pytest.raises(ArchiveError, match=r"fingerprint version 0.*newstrace archive reindex --archive"):
            archive.reuse_index()
        with pytest.raises(ArchiveError, match="reindex"):
            trace_in_archive(world_items[3], archive)
    with Archive(path) as archive:
        archive.add(world_items[12])  # ingest into a stale index: it stays marked for reindex
        assert archive.reuse_status()["current"] is False
        seen = []
        n = archive.reindex(batch_size=5, on_progress=lambda done, total: seen.append((done, total)))
        assert n == 13 and seen[-1] == (13, 13) and seen[0] == (0, 13)
        assert archive.reuse_status() == {
            "fingerprint_version": "1", "code_fingerprint_version": 1, "current": True, "indexed_articles": 13,
        }
        assert archive.check() == []
        after = trace_in_archive(world_items[3], archive).to_dict()
    for d in (before, after):
        d.pop("seconds")
    assert before["paragraphs"] == after["paragraphs"]


def test_interrupted_reindex_resumes(world_items, tmp_path, monkeypatch):
    from newstrace.reuse import sqlite_index

    path = tmp_path / "r.sqlite"
    with _archive(world_items[:20], path) as archive:
        calls = {"n": 0}
        real = sqlite_index.write_fingerprints

        def failing(conn, *a, **kw):
            calls["n"] += 1
            if calls["n"] > 8:
                raise KeyboardInterrupt
            return real(conn, *a, **kw)

        monkeypatch.setattr(sqlite_index, "write_fingerprints", failing)
        with pytest.raises(KeyboardInterrupt):
            archive.reindex(batch_size=4)
        monkeypatch.setattr(sqlite_index, "write_fingerprints", real)
        assert archive.reuse_status()["fingerprint_version"] == "building:1"
        assert archive.reuse_status()["indexed_articles"] == 8  # two committed batches
        with pytest.raises(ArchiveError, match="interrupted.*reindex"):
            archive.reuse_index()
        seen = []
        archive.reindex(batch_size=4, on_progress=lambda d, t: seen.append((d, t)))
        assert seen[0] == (8, 20) and seen[-1] == (20, 20)
        assert archive.check() == []


def test_an_archive_from_before_the_index_asks_for_reindex(world_items, tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    monkeypatch.setattr(mig, "MIGRATIONS", mig.MIGRATIONS[:1])
    conn = sqlite3.connect(path, isolation_level=None)
    mig.ensure_schema(conn, str(path), readonly=False)
    conn.execute("INSERT INTO articles(id, text, content_hash, added_at) VALUES ('old1', 'Some old text here.', 'h', 'x')")
    conn.close()
    monkeypatch.undo()
    with Archive(path) as archive:
        assert archive.reuse_status()["fingerprint_version"] == "stale"
        with pytest.raises(ArchiveError, match="incomplete.*newstrace archive reindex"):
            archive.reuse_index()
        assert not any("no fingerprints" in p for p in archive.check())  # stale: not a fault
        assert archive.reindex() == 1
        assert archive.reuse_status()["current"] and archive.check() == []


def _memory_index(arts: dict[str, Article]):
    index, cache = MemoryIndex(), {}
    for k, a in arts.items():
        index.add(k, tokens_for(k, a, cache), site=site_key(a))
    return index, cache


def test_sqlite_index_answers_like_the_memory_index(world):
    archive, by_key = world
    arts = {a.id: a for a in by_key.values()}
    mem, cache = _memory_index(arts)
    sql = archive.reuse_index(df_cap=None)
    assert isinstance(sql, SqliteIndex) and len(sql) == len(mem)
    for a in arts.values():
        from newstrace.reuse.fingerprint import query_fingerprints

        hashes = query_fingerprints(tokens_for(a.id, a, cache)).hashes.tolist()
        assert sql.doc_freq(hashes) == mem.doc_freq(hashes)
        assert {h: sorted(v) for h, v in sql.postings(hashes).items()} == {
            h: sorted(v) for h, v in mem.postings(hashes).items()
        }
        assert sql.site_doc_freq(hashes, site_key(a), exclude=a.id) == mem.site_doc_freq(hashes, site_key(a), exclude=a.id)
        capped = archive.reuse_index(df_cap=2).doc_freq(hashes)
        assert capped == {h: min(n, 2) for h, n in mem.doc_freq(hashes).items()}


def test_trace_and_pairs_agree_document_for_document(world):
    archive, by_key = world
    arts = {a.id: a for a in by_key.values()}
    mem, cache = _memory_index(arts)
    index = archive.reuse_index()
    for k, a in arts.items():
        m = trace(a, mem, lookup=arts.get, self_key=k, token_cache=cache).to_dict()
        s = trace_in_archive(a, archive).to_dict()
        m.pop("seconds"), s.pop("seconds")
        assert s == m, k
    keys = sorted(arts)
    pm = [p.to_dict() for p in reuse_pairs(keys, mem, lookup=arts.get, token_cache=cache)]
    ps = [p.to_dict() for p in reuse_pairs(keys, index, lookup=index.lookup, token_cache=index.token_cache)]
    assert ps == pm and len(pm) > 40


def test_array_index_answers_like_the_memory_index(world):
    from newstrace.reuse.fingerprint import query_fingerprints
    from newstrace.reuse.sqlite_index import ArrayIndex, index_arrays, load_arrays, save_arrays

    archive, by_key = world
    arts = {a.id: a for a in by_key.values()}
    mem, cache = _memory_index(arts)
    arrays = index_arrays(archive.connection)
    ix = ArrayIndex.from_archive_conn(archive.connection, archive.get, arrays)
    sql = archive.reuse_index(df_cap=None)
    assert len(ix) == len(mem)
    some = sorted(arts)[:5]
    for a in arts.values():
        hashes = query_fingerprints(tokens_for(a.id, a, cache)).hashes.tolist()
        assert ix.doc_freq(hashes) == mem.doc_freq(hashes)
        assert {h: sorted(v) for h, v in ix.postings(hashes).items()} == {
            h: sorted(v) for h, v in mem.postings(hashes).items()
        }
        assert ix.site_doc_freq(hashes, site_key(a), exclude=a.id) == mem.site_doc_freq(hashes, site_key(a), exclude=a.id)
        assert ix.site_doc_freq(hashes, site_key(a)) == mem.site_doc_freq(hashes, site_key(a))
        # restricted postings: the same rows, only for the chosen articles, in both indexes
        ix.only_docs = sql.only_docs = {sql.doc_of(k) for k in some}
        restricted = {h: sorted(v) for h, v in ix.postings(hashes).items()}
        assert restricted == {h: sorted(v) for h, v in sql.postings(hashes).items()}
        assert all(k in some for v in restricted.values() for k, _ in v)
        ix.only_docs = sql.only_docs = None
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        save_arrays(arrays, folder)
        mapped = ArrayIndex.from_archive_conn(archive.connection, archive.get, load_arrays(folder))
        a = next(iter(arts.values()))
        hashes = query_fingerprints(tokens_for(a.id, a, cache)).hashes.tolist()
        assert mapped.postings(hashes) == ix.postings(hashes)
        del mapped
