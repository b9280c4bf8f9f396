"""trace(): sources, groups, earliest source and chain, credit, paragraph map, boilerplate."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest
from test_reuse_texts import DISTRACTOR, ORIGINAL, ORIGINAL_PARAS, OTHER_1, OTHER_2, article

from newstrace.reuse import MemoryIndex, site_key, trace
from newstrace.reuse.provenance import tokens_for

P = ORIGINAL_PARAS
OWN = "Our correspondent visited the quay on Wednesday morning and found it almost deserted apart from two fishermen."
OWN_3 = "Ticket sales at the kiosk have halved since the autumn, according to figures seen by this newspaper."
FOOTER = (
    "Subscribe to the Quayside Weekly newsletter for the best local stories every Friday morning, "
    "and follow us online for photos, events and letters from our readers."
)
QUAYSIDE_OWN = [
    "The primary school choir won the regional singing contest with a medley of sea shanties and folk songs.",
    "A new bakery opened on Fore Street, selling saffron buns to a queue that stretched past the post office.",
    "Lifeboat volunteers rescued two kayakers who had been swept beyond the breakwater by a strong ebb tide.",
    "The parish council agreed to plant forty oak saplings along the footpath behind the old rope works.",
]


def _edited_lede() -> str:
    # B's own edits: words a copy of B inherits and a copy of A does not have.
    return (
        P[0].replace("voted on Tuesday", "decided on Tuesday").replace("almost ninety", "nearly ninety")
        + " "
        + P[1].replace("three-hour debate", "long debate")
    )


def build():
    docs = {
        1: article(ORIGINAL, "https://www.islandgazette.co.uk/news/1", "2021-03-01", "The Island Gazette"),
        2: article(P[0] + " " + P[1] + "\n\n" + OWN, "https://copycat.net/2", "2021-03-03", "Copycat News"),
        3: article(P[0] + "\n\n" + OWN_3 + "\n\nSource: The Island Gazette.", "https://credits.org/3", "2021-03-04", "Fair Daily"),
        4: article(_edited_lede() + "\n\n" + OTHER_1, "https://middleman.com/4", "2021-03-05", "Middle Man"),
        5: article(_edited_lede() + "\n\n" + OTHER_2, "https://endofchain.com/5", "2021-03-09", "End Of Chain"),
        6: article(DISTRACTOR, "https://independent-voice.com/6", "2021-03-02", "Independent Voice"),
        7: article(OTHER_1, "https://botany.org/7", "2021-02-01", "Botany Today"),
    }
    for i, own in enumerate(QUAYSIDE_OWN):
        docs[10 + i] = article(own + "\n\n" + FOOTER, f"https://quaysideweekly.com/{i}", f"2021-0{i + 1}-15", "Quayside Weekly")
    return docs


@pytest.fixture(scope="module")
def corpus():
    docs = build()
    index, cache = MemoryIndex(), {}
    for k, a in docs.items():
        index.add(k, tokens_for(k, a, cache), site=site_key(a))
    return docs, index, cache


def _trace(corpus, key, **kw):
    docs, index, cache = corpus
    return trace(docs[key], index, lookup=docs.get, self_key=key, token_cache=cache, **kw)


def test_lifted_lede_is_traced_to_the_original(corpus):
    pv = _trace(corpus, 2)
    prose = [g for g in pv.groups if g.kind == "copied_prose"]
    assert len(prose) == 1
    g = prose[0]
    assert g.query_span[0] == 0  # the copy starts at its first character
    assert g.earliest.status == "decided" and g.earliest.keys == [1]
    src = {s.source.key: s for s in pv.sources}
    assert src[1].relation == "earlier" and not src[1].credit.credited
    labels = [p.label for p in pv.paragraphs]
    assert labels == ["copied", "original"]
    assert pv.paragraphs[0].sources[0] == 1 and pv.paragraphs[0].credited is False


def test_several_sources_are_grouped(corpus):
    pv = _trace(corpus, 3)
    (g,) = [g for g in pv.groups if g.kind == "copied_prose"]
    assert {m.source.key for m in g.matches} >= {1, 2}
    assert g.earliest.keys == [1]


def test_credit_is_reported_with_its_words(corpus):
    pv = _trace(corpus, 3)
    s = {x.source.key: x for x in pv.sources}[1]
    assert s.credit.credited
    text = corpus[0][3].text
    ev = s.credit.evidence[0]
    assert text[slice(*ev.span)] == "The Island Gazette"


def test_original_sees_its_copies_as_later(corpus):
    pv = _trace(corpus, 1)
    rel = {s.source.key: s.relation for s in pv.sources}
    assert rel[2] == "later" and rel[3] == "later"
    assert pv.paragraphs[0].label == "original"
    assert 2 in pv.paragraphs[0].copied_by


def test_chain_follows_inherited_edits(corpus):
    pv = _trace(corpus, 5)
    (g,) = [g for g in pv.groups if g.kind == "copied_prose"]
    assert g.earliest.keys == [1]
    chain = [link.key for link in g.chain]
    assert chain == [1, 4, None]  # A -> B (edited) -> checked article, not A -> checked


def test_independent_report_shares_a_quotation_not_prose(corpus):
    pv = _trace(corpus, 6)
    kinds = {s.source.key: s.kinds for s in pv.sources}
    assert kinds.get(1) == ["shared_quotation"]
    assert all("copied_prose" not in k for k in kinds.values())
    labels = [p.label for p in pv.paragraphs]
    assert labels[2] == "shared_quotation"
    assert labels.count("original") == 3


def test_site_boilerplate_is_never_reuse(corpus):
    pv = _trace(corpus, 11)
    assert [p.label for p in pv.paragraphs] == ["original", "boilerplate"]
    assert all(s.kinds == ["boilerplate"] or "copied_prose" not in s.kinds for s in pv.sources)
    assert not [g for g in pv.groups if g.kind == "copied_prose"]
    assert pv.boilerplate_spans and corpus[0][11].text[slice(*pv.boilerplate_spans[0])].startswith("Subscribe")


def test_unrelated_article_has_no_sources(corpus):
    pv = _trace(corpus, 7)
    assert all("copied_prose" not in s.kinds for s in pv.sources if s.source.key != 4)


def test_checked_article_outside_the_archive_without_a_date(corpus):
    docs, index, cache = corpus
    new = article(P[2] + " " + P[3] + "\n\nThe ferry timetable for the summer has not yet been published.",
                  "https://newsite.example/x", None, "New Site")
    pv = trace(new, index, lookup=docs.get)
    assert pv.checked_undated
    (g,) = [g for g in pv.groups if g.kind == "copied_prose"]
    assert g.earliest.status == "decided" and g.earliest.keys == [1]
    assert {s.source.key: s.relation for s in pv.sources}[1] == "unknown"


def _mini(dates: dict[int, str | None]):
    docs = {
        k: article(P[0] + " " + P[1] + "\n\n" + other, f"https://site{k}.com/a", d, f"Site {k}")
        for (k, d), other in zip(dates.items(), [OWN, OTHER_1, OTHER_2, DISTRACTOR])
    }
    index = MemoryIndex()
    for k, a in docs.items():
        index.add(k, tokens_for(k, a, None), site=site_key(a))
    return docs, index


def test_tied_dates_are_reported_as_a_tie():
    docs, index = _mini({1: "2021-05-01", 2: "2021-05-01T10:00:00Z", 3: "2021-05-03"})
    pv = trace(docs[3], index, lookup=docs.get, self_key=3)
    (g,) = [g for g in pv.groups if g.kind == "copied_prose"]
    assert g.earliest.status == "tie"
    assert sorted(g.earliest.keys) == [1, 2]


def test_undated_member_is_reported_not_guessed():
    docs, index = _mini({1: None, 2: "2021-05-02", 3: "2021-05-03"})
    pv = trace(docs[3], index, lookup=docs.get, self_key=3)
    (g,) = [g for g in pv.groups if g.kind == "copied_prose"]
    assert g.earliest.status == "undated"
    assert g.earliest.keys == [2] and g.earliest.undated == [1]
    assert "could be earlier" in g.earliest.note


def test_missing_archived_article_is_skipped_with_a_warning(corpus, caplog):
    docs, index, cache = corpus
    partial = {k: v for k, v in docs.items() if k != 1}
    with caplog.at_level(logging.WARNING, logger="newstrace.reuse.provenance"):
        pv = trace(docs[2], index, lookup=partial.get, self_key=2)
    assert 1 not in {s.source.key for s in pv.sources}
    assert "no longer has" in caplog.text


def test_result_serialises_to_json(corpus):
    pv = _trace(corpus, 5)
    d = json.loads(json.dumps(pv.to_dict()))
    assert d["fingerprint_version"] == 1
    m = d["groups"][0]["matches"][0]
    assert {"query_span", "source_span", "alignment", "edit_level", "kind"} <= set(m)
    text = corpus[0][5].text
    for op in m["alignment"]:
        b, e = op["query"]
        assert 0 <= b <= e <= len(text)


SEED = Path(os.environ.get("NEWSTRACE_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "seeds" / "000_c2f207795f66fbd6.txt"


@pytest.mark.skipif(not SEED.exists(), reason=f"seed article not found at {SEED} (../shared is absent)")
def test_the_seed_article_lifted_lede_and_site_footer():
    """The case that started the project: a site lifted the opening of a report, added
    claims of its own and a copyright / comment-form footer. The archived "report" here is
    rebuilt from the lifted paragraphs plus text of our own; three other articles of the
    site carry the same footer."""
    seed = SEED.read_text(encoding="utf-8")
    paras = [p for p in seed.split("\n\n") if p.strip()]
    lifted = [p for p in paras if p.startswith(("The top military", "Belarus defense chief Oleg", "“Belarus is ready",
                                                 "Belokonev was responding", "The idea of upgraded"))]
    assert len(lifted) == 5
    footer = "\n\n".join(paras[-4:])
    report = "\n\n".join(lifted + [
        "Analysts in Minsk said the remarks were aimed as much at Moscow as at Brussels, and that no "
        "exercise with the alliance had been scheduled.",
    ])
    docs = {
        1: article(report, "https://www.rferl.org/a/belarus-nato/1.html", "2020-01-20", "RFE/RL"),
        **{
            10 + i: article(own + "\n\n" + footer, f"https://gdc.example/{i}", "2020-01-0" + str(i + 1), "GDC")
            for i, own in enumerate(QUAYSIDE_OWN[:3])
        },
    }
    index, cache = MemoryIndex(), {}
    for k, a in docs.items():
        index.add(k, tokens_for(k, a, cache), site=site_key(a))
    checked = article(seed, "https://gdc.example/belarus-nato", "2020-02-10", "GDC")
    pv = trace(checked, index, lookup=docs.get)
    by_text = {checked.text[b:e][:30]: p for p, (b, e) in zip(pv.paragraphs, [p.span for p in pv.paragraphs])}
    copied = [p for p in pv.paragraphs if p.label == "copied"]
    assert len(copied) == 5 and all(p.sources == [1] and p.credited is False for p in copied)
    assert by_text["Belarus intends to replace Rus"].label == "original"  # the site's own intro
    assert by_text["The visit of the US Secretary "].label == "original"  # its fabricated claims
    labels = [p.label for p in pv.paragraphs]
    assert labels[-4:] == ["boilerplate"] * 4
    (g,) = [g for g in pv.groups if g.kind == "copied_prose"]
    assert g.earliest.keys == [1] and g.earliest.status == "decided"


def test_weak_candidates_beyond_the_best_few_are_not_aligned():
    """Candidates scoring below strong_score are aligned only among the best
    weak_candidates; stronger ones always are (up to max_candidates)."""
    from newstrace.reuse.candidates import Candidate, find_candidates

    class FakeIndex:
        fingerprint_version = 1

        def __init__(self, postings):
            self._p = postings

        def __len__(self):
            return 100

        def doc_freq(self, hashes):
            return {h: len(self._p.get(h, ())) for h in hashes}

        def postings(self, hashes):
            return {h: self._p[h] for h in hashes if h in self._p}

        def site_doc_freq(self, hashes, site, exclude=None):
            return {}

    import numpy as np
    from newstrace.reuse.fingerprint import Fingerprints

    # hash i at query position i; "strong" carries 4 seeds on one diagonal, "w0".."w4" one each
    postings = {0: [("strong", 100)], 1: [("strong", 101)], 2: [("strong", 102)], 3: [("strong", 103)]}
    for j in range(5):
        postings[10 + j] = [(f"w{j}", 7)]
    hashes = sorted(postings)
    fps = Fingerprints(np.array(hashes, dtype=np.int64), np.array(hashes, dtype=np.int64))
    idx = FakeIndex(postings)
    every = find_candidates(fps, idx, max_df=50)
    assert len(every.candidates) == 6
    few = find_candidates(fps, idx, max_df=50, weak_candidates=2, strong_score=3.0)
    assert [c.key for c in few.candidates] == ["strong", "w0"]
    assert isinstance(few.candidates[0], Candidate) and few.candidates[0].score >= 3.0
