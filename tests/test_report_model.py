"""Report model: built from check(), summary from present sections only, JSON round trip."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_report_world import MAIN_HTML, by_path, main_dict, main_report

from newstrace.errors import InputError
from newstrace.report import REPORT_SCHEMA_VERSION, SECTIONS, Report
from newstrace.report import sections as S
from newstrace.report.model import VERDICT_LABELS


def test_top_level_keys_and_version():
    d = main_report().to_dict()
    assert d["schema_version"] == REPORT_SCHEMA_VERSION == "1.0"
    assert list(d)[:5] == ["schema_version", "generated_at", "newstrace_version", "article", "summary"]
    assert [k for k in d if k in SECTIONS] == [k for k in SECTIONS if k in d]
    assert "extra" not in d["article"]
    assert d["article"]["url"].startswith("https://frontlinedispatch.example/")


def test_summary_of_the_main_demo_matches_its_provenance():
    r = main_report()
    p = r.summary["provenance"]
    assert p["status"] == "present"
    # The demo lifts the wire report's middle paragraphs without credit.
    assert 0.2 < p["copied_share"] < 0.9
    assert p["credited_share"] == 0.0
    assert p["uncredited_share"] == p["copied_share"]
    assert p["sources"] >= 3 and p["sites"] >= 3
    earliest = p["earliest_source"]
    assert earliest["sources"][0]["domain"] == "mpawire.example"
    # An undated copy of the wire sits in the world: the earliest is not claimed as certain.
    assert earliest["status"] == "undated"
    labels = [x["label"] for x in r.sections["provenance"]["paragraphs"]]
    assert p["paragraphs"] == {lab: labels.count(lab) for lab in set(labels)}


def test_copied_share_counts_visible_characters_of_earlier_prose():
    text = "Alpha beta gamma.\n\nDelta epsilon."
    art = {"text": text, "id": "x"}
    prov = {
        "article_id": "x",
        "groups": [{
            "query_span": [0, 17], "kind": "copied_prose", "earliest": {"status": "decided", "keys": ["s"], "date": "2020-01-01"},
            "matches": [{"source": {"key": "s", "id": "s"}, "kind": "copied_prose", "query_span": [0, 17],
                         "source_span": [0, 17], "matched_words": 3, "edit_level": "verbatim"}],
        }],
        "sources": [{"source": {"key": "s", "id": "s", "published": "2020-01-01"}, "relation": "earlier", "passages": 1,
                     "copied_chars": 17, "kinds": ["copied_prose"], "credit": {"credited": True}}],
        "paragraphs": [],
        "boilerplate_spans": [],
    }
    r = Report.from_check({"article": art, "provenance": prov})
    p = r.summary["provenance"]
    visible = sum(not c.isspace() for c in text)
    assert p["body_chars"] == visible
    assert p["copied_chars"] == sum(not c.isspace() for c in text[:17])
    assert p["copied_share"] == round(p["copied_chars"] / visible, 4)
    assert p["credited_share"] == p["copied_share"] and p["uncredited_share"] == 0.0
    assert p["earliest_source"]["status"] == "decided"

    # The same passage from a *later* article is not copying by this one.
    prov["sources"][0]["relation"] = "later"
    p = Report.from_check({"article": art, "provenance": prov}).summary["provenance"]
    assert p["copied_share"] == 0.0 and p["copied_by"] == 1

    # Boilerplate never counts, and leaves the body.
    prov["sources"][0]["relation"] = "earlier"
    prov["boilerplate_spans"] = [[0, 17]]
    p = Report.from_check({"article": art, "provenance": prov}).summary["provenance"]
    assert p["copied_share"] == 0.0
    assert p["body_chars"] == sum(not c.isspace() for c in text[17:])


def test_absent_sections_are_absent_not_zero():
    d = {"article": main_dict()["article"], "claims": main_dict()["claims"]}
    r = Report.from_check(d)
    for name in ("provenance", "verdicts", "quotes", "source_rating", "signals", "related"):
        assert r.summary[name] == {"status": "absent"}, name
        assert name not in r.to_dict()
    assert r.summary["claims"]["status"] == "present"


def test_section_that_could_not_run_says_why():
    d = {"article": {"text": "Ein Text.", "id": "a"}, "claims": {"claims": [], "not_analysed": "not English (de)"},
         "source_rating": None, "verdicts": {"verdicts": [], "not_analysed": "no claims"}}
    s = Report.from_check(d).summary
    assert s["claims"] == {"status": "not_analysed", "reason": "not English (de)"}
    assert s["source_rating"]["status"] == "not_analysed"
    assert s["verdicts"]["status"] == "not_analysed"


def test_verdict_counts_cover_every_label_when_present():
    r = main_report()
    v = r.summary["verdicts"]
    assert set(v["by_label"]) == set(VERDICT_LABELS)
    assert sum(v["by_label"].values()) == v["count"] == len(r.sections["verdicts"])


def test_verdict_labels_match_the_evidence_module():
    from newstrace.evidence.verdict import VERDICTS

    assert VERDICT_LABELS == VERDICTS


def test_top_signals_are_the_most_severe():
    r = main_report()
    top = r.summary["signals"]["top"]
    order = ["info", "low", "medium", "high"]
    ranks = [order.index(s["severity"]) for s in top]
    assert ranks == sorted(ranks, reverse=True)
    worst = max(order.index(s["severity"]) for s in r.sections["signals"])
    assert ranks[0] == worst


def test_unknown_sections_are_kept_under_extra():
    d = dict(main_dict())
    d["network"] = {"edges": []}
    r = Report.from_check(d)
    assert r.extra == {"network": {"edges": []}}
    assert r.to_dict()["extra"] == {"network": {"edges": []}}


def test_json_round_trip():
    r = main_report()
    text = json.dumps(r.to_dict(), ensure_ascii=False)
    back = Report.from_dict(json.loads(text))
    assert back.to_dict() == r.to_dict()


def test_from_dict_rejects_other_majors_and_non_reports():
    d = main_report().to_dict()
    with pytest.raises(InputError, match="unsupported report schema version"):
        Report.from_dict({**d, "schema_version": "2.0"}, source="old.json")
    assert Report.from_dict({**d, "schema_version": "1.7"}).schema_version == "1.7"
    with pytest.raises(InputError, match="x.json: is not a newstrace report"):
        Report.from_dict({"article": {}}, source="x.json")
    with pytest.raises(InputError, match="no article"):
        Report.from_dict({"schema_version": "1.0"})
    with pytest.raises(InputError):
        Report.from_dict(["not", "a", "dict"])  # type: ignore[arg-type]


def test_from_check_accepts_the_check_result_object():
    from test_report_world import _archive

    from newstrace import check

    result = check(by_path(MAIN_HTML), _archive())
    r = Report.from_check(result)
    assert r.article["id"] == by_path(MAIN_HTML).id
    assert r.generated_at.endswith("+00:00")


def test_verdicts_are_matched_to_claims_by_index_span_or_text():
    claims = {"claims": [{"text": "A rose.", "span": [0, 7], "label": "claim"},
                         {"text": "B fell.", "span": [8, 15], "label": "claim"},
                         {"text": "C rose.", "span": [16, 23], "label": "claim"}]}
    d = {"article": {"text": "A rose. B fell. C rose.", "id": "a"}, "claims": claims,
         "verdicts": [{"claim": "?", "label": "disputed", "claim_index": 2},
                      {"claim": "?", "verdict": "contradicted", "span": [8, 15]},
                      {"claim": "A rose.", "label": "corroborated"}]}
    m = S.verdict_by_claim(d)
    assert {i: v["label"] for i, v in m.items()} == {0: "corroborated", 1: "contradicted", 2: "disputed"}


_span = st.tuples(st.integers(0, 200), st.integers(0, 60)).map(lambda t: (t[0], t[0] + t[1]))


@settings(max_examples=200, deadline=None)
@given(st.lists(_span, max_size=12), st.lists(_span, max_size=12))
def test_union_and_subtract_agree_with_sets(a, b):
    ua, ub = S.union(a), S.union(b)
    cover = lambda spans: {i for x, y in spans for i in range(x, y)}  # noqa: E731
    assert cover(ua) == cover(a)
    assert all(x < y for x, y in ua) and all(ua[i][1] < ua[i + 1][0] for i in range(len(ua) - 1))
    assert cover(S.subtract(ua, ub)) == cover(a) - cover(b)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from(["claims", "quotes", "signals", "related", "source_rating"]),
                       st.just(None), max_size=5))
def test_summary_never_fails_on_missing_or_null_sections(secs):
    d = {"article": {"text": "Some text here.", "id": "a"}, **secs}
    r = Report.from_check(d)
    assert set(r.summary) == {"provenance", "verdicts", "claims", "quotes", "source_rating", "signals", "related"}
    assert Report.from_dict(json.loads(json.dumps(r.to_dict()))).to_dict() == r.to_dict()
