"""Corpus-wide reuse: pair passages, incremental runs, clusters, site network."""

from __future__ import annotations

import json

from test_reuse_texts import DISTRACTOR, ORIGINAL, ORIGINAL_PARAS, OTHER_1, article

from newstrace.reuse import DocInfo, MemoryIndex, PairPassage, build_clusters, reuse_pairs, site_key, site_network
from newstrace.reuse.provenance import tokens_for

P = ORIGINAL_PARAS
OWN_A = "Our correspondent visited the quay on Wednesday morning and found it almost deserted apart from two fishermen."
OWN_B = "Ticket sales at the kiosk have halved since the autumn, according to figures seen by this newspaper."
OWN_C = "The ferry timetable for the summer has not yet been published by the operator, a spokesman said."


def _docs():
    return {
        1: article(ORIGINAL, "https://www.islandgazette.co.uk/news/1", "2021-03-01", "The Island Gazette"),
        2: article(P[0] + " " + P[1] + "\n\n" + OWN_A, "https://copycat.net/2", "2021-03-03", "Copycat News"),
        3: article(P[0] + "\n\n" + OWN_B + "\n\nSource: The Island Gazette.", "https://fairdaily.org/3", "2021-03-04", "Fair Daily"),
        4: article(DISTRACTOR, "https://independent-voice.com/4", "2021-03-02", "Independent Voice"),
        5: article(OTHER_1, "https://botany.org/5", "2021-02-01", "Botany Today"),
        6: article(P[4] + "\n\n" + OWN_C, "https://copycat.net/6", "2021-03-06", "Copycat News"),
    }


def _index(docs, keys):
    index, cache = MemoryIndex(), {}
    for k in keys:
        index.add(k, tokens_for(k, docs[k], cache), site=site_key(docs[k]))
    return index, cache


def _pairs_of(pairs):
    return {(min(p.a, p.b), max(p.a, p.b), p.kind) for p in pairs}


def test_each_pair_once_and_kinds():
    docs = _docs()
    index, cache = _index(docs, docs)
    pairs = reuse_pairs(list(docs), index, lookup=docs.get, token_cache=cache)
    got = _pairs_of(pairs)
    assert (1, 2, "copied_prose") in got and (1, 3, "copied_prose") in got and (2, 3, "copied_prose") in got
    assert (1, 6, "copied_prose") in got
    assert (1, 4, "shared_quotation") in got
    assert not any(5 in (a, b) for a, b, _ in got)
    # each unordered pair is produced from one side only
    sides = {(p.a, p.b) for p in pairs}
    assert not any((b, a) in sides for a, b in sides)


def test_incremental_run_equals_full_run():
    docs = _docs()
    index, cache = _index(docs, docs)
    full = _pairs_of(reuse_pairs(list(docs), index, lookup=docs.get, token_cache=cache))

    old, new = [1, 4, 5], [2, 3, 6]
    index2, cache2 = _index(docs, old)
    first = reuse_pairs(old, index2, lookup=docs.get, token_cache=cache2)
    for k in new:
        index2.add(k, tokens_for(k, docs[k], cache2), site=site_key(docs[k]))
    second = reuse_pairs(new, index2, lookup=docs.get, token_cache=cache2)
    assert _pairs_of(first + second) == full


def test_clusters_earliest_members_and_credit():
    docs = _docs()
    index, cache = _index(docs, docs)
    pairs = reuse_pairs(list(docs), index, lookup=docs.get, token_cache=cache)
    info = {k: DocInfo.of(k, a) for k, a in docs.items()}
    clusters = build_clusters(pairs, info)
    prose = [c for c in clusters if c.kind == "copied_prose"]
    lede = next(c for c in prose if {m.key for m in c.members} >= {1, 2, 3})
    assert lede.earliest.status == "decided" and lede.earliest.keys == [1]
    members = {m.key: m for m in lede.members}
    assert members[3].credits_earliest is True
    assert members[2].credits_earliest is False
    assert members[1].credits_earliest is None  # the source itself
    assert members[2].published == "2021-03-03"
    # the copy of paragraph 5 is a separate region of the original: a separate cluster
    assert any({m.key for m in c.members} == {1, 6} for c in prose)
    quotes = [c for c in clusters if c.kind == "shared_quotation"]
    assert len(quotes) == 1 and {m.key for m in quotes[0].members} == {1, 4}
    json.dumps([c.to_dict() for c in clusters])


def test_site_network():
    docs = _docs()
    index, cache = _index(docs, docs)
    pairs = reuse_pairs(list(docs), index, lookup=docs.get, token_cache=cache)
    info = {k: DocInfo.of(k, a) for k, a in docs.items()}
    edges = {(e.copier, e.source): e for e in site_network(build_clusters(pairs, info))}
    e = edges[("copycat.net", "islandgazette.co.uk")]
    assert e.copies == 2 and e.credited == 0 and e.credited_share == 0.0
    f = edges[("fairdaily.org", "islandgazette.co.uk")]
    assert f.copies == 1 and f.credited_share == 1.0
    assert all(s != "independent-voice.com" for s, _ in edges)  # quotations make no edges


def test_clusters_from_stored_pairs_are_pure():
    pairs = [
        PairPassage("b", "a", (0, 100), (0, 100), "copied_prose", 18, 0, 0.0, "verbatim", False, None),
        PairPassage("c", "b", (10, 90), (5, 95), "copied_prose", 14, 1, 0.06, "light", True, None),
        PairPassage("d", "a", (500, 600), (400, 480), "copied_prose", 15, 0, 0.0, "verbatim", None, None),
        PairPassage("e", "f", (0, 50), (0, 50), "copied_prose", 9, 0, 0.0, "verbatim", None, None),
    ]
    docs = {
        "a": DocInfo("a", "a.com", "2020-01-01"),
        "b": DocInfo("b", "b.com", "2020-01-02"),
        "c": DocInfo("c", "c.com", "2020-01-03"),
        "d": DocInfo("d", "d.com", None),
        "e": DocInfo("e", "e.com", "2020-02-01"),
        "f": DocInfo("f", "f.com", "2020-02-01"),
    }
    round_trip = [PairPassage.from_dict(json.loads(json.dumps(p.to_dict()))) for p in pairs]
    assert round_trip == pairs
    clusters = build_clusters(round_trip, docs)
    by_members = {frozenset(m.key for m in c.members): c for c in clusters}
    abc = by_members[frozenset("abc")]
    assert abc.earliest.keys == ["a"]
    assert {m.key: m.credits_earliest for m in abc.members}["c"] is None  # no direct passage with a
    ad = by_members[frozenset("ad")]
    assert ad.earliest.status == "undated"
    ef = by_members[frozenset("ef")]
    assert ef.earliest.status == "tie"
    assert build_clusters(list(reversed(round_trip)), docs)[0].id in {c.id for c in clusters}
    edges = site_network(clusters)
    assert [(e.copier, e.source) for e in edges] == [("b.com", "a.com"), ("c.com", "a.com")]
