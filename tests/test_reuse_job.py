"""Corpus-wide reuse over the archive: stored pairs, incremental runs, clusters, outputs."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newstrace import reuse_job
from newstrace.archive import Archive
from newstrace.article import Article
from newstrace.errors import ArchiveError
from newstrace.read import read_path
from newstrace.reuse.clusters import SiteEdge
from newstrace.reuse_job import (
    CLUSTER_SCHEMA_FIELDS,
    PASSAGE_SCHEMA_FIELDS,
    parquet_schema,
    run_reuse,
    write_gexf,
    write_graphml,
    write_outputs,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TRUTH = json.loads((EXAMPLES / "ground_truth.json").read_text(encoding="utf-8"))
WIRE_FAMILY = next(c for c in TRUTH["reuse_clusters"] if c["id"] == "wire-velmark-concord")
COPIER_URL = TRUTH["main_demo"]["html"]


@pytest.fixture(scope="module")
def world_items() -> list[Article]:
    return [a for a in read_path(EXAMPLES / "world") if isinstance(a, Article)]


def _clusters(run) -> list[dict]:
    return sorted((c.to_dict() for c in run.clusters), key=lambda d: d["id"])


def _urls(archive: Archive, keys) -> set:
    return {archive.get(k).url or Path(archive.get(k).source).name for k in keys}


def _in_world(key: str) -> bool:
    """Ground-truth members that are world articles (the pasted twin is an input to check)."""
    return key.startswith("http") or not key.startswith("..")


def test_reuse_finds_the_wire_family_and_writes_every_output(world_items, tmp_path):
    with Archive(tmp_path / "w.sqlite") as archive:
        archive.ingest(world_items)
        run = run_reuse(archive)
        n = len(world_items)
        assert (run.articles, run.processed, run.already) == (n, n, 0)
        assert run.pairs == run.pairs_added > 0
        paths = write_outputs(run, tmp_path / "out", archive)
        wire_url = WIRE_FAMILY["source"]
        family = {u if u.startswith("http") else Path(u).name for u in WIRE_FAMILY["members"] if _in_world(u)}
        prose = [c for c in run.clusters if c.kind == "copied_prose"]
        wire = [c for c in prose if wire_url in _urls(archive, [m.key for m in c.members])]
        assert len(wire) == 1
        members = _urls(archive, [m.key for m in wire[0].members])
        assert members == family  # the wire, its six copies and the pasted Karsk Observer text, nothing else
        assert _urls(archive, wire[0].earliest.keys) == {wire_url}
        credit = {archive.get(m.key).url: m.credits_earliest for m in wire[0].members}
        assert credit[COPIER_URL] is False and credit["https://harbourline.example/world/2025/velmark-army-chief-open-to-concord-exercises"] is True
        # the Sea Lantern copy is a cluster of its own with a decided earliest source
        sea = next(c for c in TRUTH["reuse_clusters"] if c["id"] == "sea-lantern")
        assert any(_urls(archive, [m.key for m in c.members]) == set(sea["members"]) and c.earliest.status == "decided"
                   for c in prose)
        quotes = [c for c in run.clusters if c.kind == "shared_quotation"]
        assert quotes

    names = {p.name for p in paths}
    assert names == {"clusters.jsonl", "passages.jsonl", "clusters.parquet", "passages.parquet",
                     "network.graphml", "network.gexf"}
    lines = [json.loads(x) for x in (tmp_path / "out" / "clusters.jsonl").read_text().splitlines()]
    assert len(lines) == len(run.clusters) and {x["id"] for x in lines} == {c.id for c in run.clusters}
    wire_line = next(x for x in lines if x["id"] == wire[0].id)
    assert wire_line["earliest_status"] == wire[0].earliest.status and wire_line["size"] == len(family)
    assert all(m["published"] or m["url"] is None for m in wire_line["members"])
    passages = [json.loads(x) for x in (tmp_path / "out" / "passages.jsonl").read_text().splitlines()]
    assert len(passages) == run.pairs
    sample = next(p for p in passages if p["cluster"] == wire[0].id and p["edit_level"] == "verbatim")
    assert sample["a_text"] and sample["a_text"] == sample["b_text"]

    ct = pq.read_table(tmp_path / "out" / "clusters.parquet")
    assert ct.schema.equals(parquet_schema(CLUSTER_SCHEMA_FIELDS)) and ct.num_rows == len(lines)
    pt = pq.read_table(tmp_path / "out" / "passages.parquet")
    assert pt.schema.equals(parquet_schema(PASSAGE_SCHEMA_FIELDS)) and pt.num_rows == len(passages)

    g = ET.parse(tmp_path / "out" / "network.graphml").getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    labels = {n.get("id"): n.find("g:data[@key='label']", ns).text for n in g.iter("{%s}node" % ns["g"])}
    edges = {(labels[e.get("source")], labels[e.get("target")]) for e in g.iter("{%s}edge" % ns["g"])}
    assert edges == {(e.copier, e.source) for e in run.network}
    assert ("frontlinedispatch.example", "arlenburgpost.example") in edges
    x = ET.parse(tmp_path / "out" / "network.gexf").getroot()
    gx = {"x": "http://gexf.net/1.3"}
    assert x.tag == "{http://gexf.net/1.3}gexf"
    assert len(x.findall(".//x:edges/x:edge", gx)) == len(run.network)


def test_incremental_run_processes_only_the_new_article_and_matches_a_full_run(world_items, tmp_path):
    last = next(a for a in world_items if a.url == COPIER_URL)
    rest = [a for a in world_items if a is not last]
    with Archive(tmp_path / "i.sqlite") as archive:
        archive.ingest(rest)
        n = len(world_items)
        first = run_reuse(archive)
        assert first.processed == n - 1
        archive.add(last)
        again = run_reuse(archive)
        assert (again.processed, again.already, again.full) == (1, n - 1, False)
        assert again.pairs_added > 0
        incremental = _clusters(again)
        full = run_reuse(archive, full=True)
        assert full.processed == n and full.full
        assert _clusters(full) == incremental
        assert run_reuse(archive).processed == 0  # nothing new


def test_clusters_are_the_same_whatever_order_articles_arrive_in(world_items, tmp_path):
    with Archive(tmp_path / "a.sqlite") as a, Archive(tmp_path / "b.sqlite") as b:
        a.ingest(world_items)
        b.ingest(list(reversed(world_items)))
        ca, cb = _clusters(run_reuse(a)), _clusters(run_reuse(b))
    # Each pair is aligned from its later-added article, so here from opposite sides. The
    # clusters, their members and earliest sources agree; spans (and so cluster ids, which
    # hash them) may not: the kernels' alignment of a short passage can depend on which
    # side is the query (here 57 characters of the copier article, found from one side).
    def members(cs):
        return sorted((c["kind"], sorted(m["key"] for m in c["members"]), c["earliest"]) for c in cs)

    assert members(ca) == members(cb)


def test_since_restricts_processing_and_output(world_items, tmp_path):
    with Archive(tmp_path / "s.sqlite") as archive:
        archive.ingest(world_items)
        run = run_reuse(archive, since="2025-03-15")
        dated = [a for a in archive.articles(since="2025-03-15")]
        assert run.articles == run.processed == len(dated) < len(world_items)
        keys = {m.key for c in run.clusters for m in c.members}
        assert keys and keys <= {a.id for a in dated}
        rest = run_reuse(archive)  # the others are processed now, the dated ones are kept
        assert (rest.processed, rest.already) == (len(world_items) - len(dated), len(dated))
        assert _clusters(rest) == _clusters(run_reuse(archive, full=True))


def test_superseded_versions_leave_the_clusters(world_items, tmp_path):
    with Archive(tmp_path / "v.sqlite") as archive:
        archive.ingest(world_items)
        run_reuse(archive)
        copier = next(a for a in world_items if a.url == COPIER_URL)
        # the copier rewrites its page: the lifted paragraphs are gone
        own = "\n\n".join(copier.text[b:e] for b, e in [copier.paragraphs[0], *copier.paragraphs[6:]])
        res = archive.add(copier.with_changes(text=own))
        assert res.status == "new_version"
        run = run_reuse(archive)
        assert run.processed == 1
        members = {m.key for c in run.clusters for m in c.members}
        assert copier.id not in members
        assert _clusters(run) == _clusters(run_reuse(archive, full=True))


def test_parallel_workers_give_the_same_pairs(world_items, tmp_path, monkeypatch):
    with Archive(tmp_path / "p.sqlite") as archive:
        archive.ingest(world_items)
        serial = _clusters(run_reuse(archive, workers=1))
        monkeypatch.setattr(reuse_job, "CHUNK", 5)  # small chunks so two processes share the world
        run = run_reuse(archive, workers=2, full=True)
        assert run.workers == 2
        assert _clusters(run) == serial


def test_changed_settings_recompute_everything(world_items, tmp_path):
    from newstrace.reuse import TraceSettings

    with Archive(tmp_path / "c.sqlite") as archive:
        archive.ingest(world_items[:15])
        run_reuse(archive)
        run = run_reuse(archive, settings=TraceSettings(min_words=12))
        assert run.full and run.processed == 15 and run.notes


def test_refuses_read_only_and_stale_archives(world_items, tmp_path):
    path = tmp_path / "r.sqlite"
    with Archive(path) as archive:
        archive.ingest(world_items[:5])
        archive.connection.execute("UPDATE reuse_meta SET value = 'stale' WHERE key = 'fingerprint_version'")
        with pytest.raises(ArchiveError, match="newstrace archive reindex"):
            run_reuse(archive)
    with Archive(path, readonly=True) as archive:
        with pytest.raises(ArchiveError, match="read-only"):
            run_reuse(archive)


def test_network_files_escape_awkward_site_names(tmp_path):
    edges = [
        SiteEdge('a&b <news> "x"', "src'site\x01\x0b", 3, 900, 1, 1, ["c1"]),
        SiteEdge("Ünïcode — site", 'a&b <news> "x"', 1, 100, 0, 1, ["c2"]),
    ]
    write_graphml(edges, tmp_path / "n.graphml")
    write_gexf(edges, tmp_path / "n.gexf")
    g = ET.parse(tmp_path / "n.graphml").getroot()
    labels = sorted(d.text for d in g.iter("{http://graphml.graphdrawing.org/xmlns}data") if d.get("key") == "label")
    assert labels == sorted(['a&b <news> "x"', "src'site", "Ünïcode — site"])
    shares = [d.text for d in g.iter("{http://graphml.graphdrawing.org/xmlns}data") if d.get("key") == "credited_share"]
    assert shares == ["0.5"]  # the second edge has no copy of known credit: no value, not 0
    x = ET.parse(tmp_path / "n.gexf").getroot()
    nodes = x.findall(".//{http://gexf.net/1.3}node")
    assert sorted(n.get("label") for n in nodes) == labels
    weights = [e.get("weight") for e in x.findall(".//{http://gexf.net/1.3}edge")]
    assert weights == ["3", "1"]


def test_bulk_and_per_article_candidates_agree(world_items, tmp_path, monkeypatch):
    from newstrace.reuse.sqlite_index import index_arrays
    from newstrace.reuse_job import PairRule, bulk_candidates, sql_candidates

    with Archive(tmp_path / "b.sqlite") as archive:
        archive.ingest(world_items)
        index = archive.reuse_index()
        docs = archive.connection.execute("SELECT doc, id FROM reuse_docs ORDER BY doc").fetchall()
        arrays = index_arrays(archive.connection)
        for rule in (PairRule(min_shared=1), PairRule(), PairRule(min_shared=3, max_df=5, site_docs=2)):
            bulk = bulk_candidates(arrays, [d for d, _ in docs], rule)
            per = {d: sorted(sql_candidates(index, d, k, rule)) for d, k in docs}
            assert {d: sorted(v) for d, v in bulk.items()} == {d: v for d, v in per.items() if v}, rule
        assert sum(map(len, bulk_candidates(arrays, [d for d, _ in docs], PairRule()).values())) > 20
        serial = _clusters(run_reuse(archive, full=True))
        monkeypatch.setattr(reuse_job, "BULK_MIN", 1)  # the large-run path on the small world
        assert _clusters(run_reuse(archive, full=True)) == serial  # in-process ArrayIndex
        monkeypatch.setattr(reuse_job, "CHUNK", 4)
        assert _clusters(run_reuse(archive, full=True, workers=2)) == serial  # mapped arrays, 2 workers


def test_min_shared_one_keeps_every_pair_of_two(world_items, tmp_path):
    with Archive(tmp_path / "m.sqlite") as archive:
        archive.ingest(world_items)
        two = run_reuse(archive)
        one = run_reuse(archive, min_shared=1)
        assert one.full and one.notes  # a different rule recomputes everything
        key = lambda p: (p.a, p.b, p.a_span, p.b_span, p.kind)  # noqa: E731
        pairs_two = {key(p) for c in two.clusters for p in c.passages}
        pairs_one = {key(p) for c in one.clusters for p in c.passages}
        assert pairs_two <= pairs_one


def _screen_world(tmp_path, texts: dict[str, str]) -> tuple[Archive, dict[str, int]]:
    archive = Archive(tmp_path / "screen.sqlite")
    archive.ingest(
        Article(text=t, url=f"https://{name}.example/story", site=name, published="2024-05-0" + str(i + 1))
        for i, (name, t) in enumerate(texts.items())
    )
    docs = {url.split("//")[1].split(".")[0]: d for d, url in archive.connection.execute(
        "SELECT d.doc, a.url FROM reuse_docs d JOIN articles a ON a.rowid = d.doc")}
    return archive, docs


def test_ngram_screen_drops_a_shared_phrase_and_keeps_a_shared_passage(tmp_path):
    from newstrace.reuse_job import PairRule

    phrase = "the al-Qaida-linked Nusra Front"  # 5 tokens: 2 four-grams
    passage = "Harbour pilots refused to guide the grain freighter through the narrows on Tuesday night"
    texts = {
        "source": f"Fighting near the border town continued as {phrase} shelled positions. {passage}.",
        "phrase": f"Aid convoys waited for days while {phrase} held the only road into the valley.",
        "copy": f"Shipping news in brief. {passage}, officials confirmed.",
    }
    archive, docs = _screen_world(tmp_path, texts)
    with archive:
        index = archive.reuse_index()
        key = {name: index.key_of(d) for name, d in docs.items()}
        assert PairRule().min_grams == 5
        both = {docs["phrase"], docs["copy"]}
        assert PairRule().screen(index, key["source"], both) == {docs["copy"]}
        assert PairRule(min_grams=0).screen(index, key["source"], both) == both  # screen off
        assert PairRule(min_grams=3).screen(index, key["source"], both) == both
        assert PairRule().screen(index, key["source"], set()) == set()
        # The corpus job: the copy is paired with the source, the phrase-sharer with nobody.
        run = run_reuse(archive, full=True, min_shared=1)
        linked = {frozenset((p.a, p.b)) for c in run.clusters for p in c.passages}
        assert linked == {frozenset((key["source"], key["copy"]))}
        off = run_reuse(archive, full=True, min_shared=1, min_grams=0)
        assert off.notes or off.full  # another rule: recomputed
        assert {frozenset((p.a, p.b)) for c in off.clusters for p in c.passages} == linked  # alignment agrees
