"""ClaimReview JSON-LD: only claims with verdicts, documented rating scale, safe URLs,
firstAppearance from provenance when its earliest source is decided."""

from __future__ import annotations

import json

import pytest
from test_report_world import main_report

from newstrace.report import Report, claimreview
from newstrace.report import sections as S
from newstrace.report.claimreview import ALTERNATE_NAME, RATING_VALUE
from newstrace.report.model import VERDICT_LABELS

TEXT = "The pier closed on Tuesday. Repairs cost ten million. The mayor resigned."
CLAIMS = {"claims": [
    {"text": "The pier closed on Tuesday.", "span": [0, 27], "label": "claim"},
    {"text": "Repairs cost ten million.", "span": [28, 53], "label": "claim"},
    {"text": "The mayor resigned.", "span": [54, 73], "label": "claim"},
]}


def _report(verdicts, provenance=None, url="https://news.example/pier"):
    d = {"article": {"text": TEXT, "id": "a1", "url": url, "title": "Pier closes", "site": "News",
                     "published": "2024-05-03"},
         "claims": CLAIMS, "verdicts": verdicts}
    if provenance is not None:
        d["provenance"] = provenance
    return Report.from_check(d, generated_at="2024-06-01T10:00:00+00:00")


def _prov(status="decided", keys=("w",), span=(0, 53), date="2024-05-01"):
    return {
        "article_id": "a1",
        "groups": [{"query_span": list(span), "kind": "copied_prose",
                    "earliest": {"status": status, "keys": list(keys), "date": date},
                    "matches": [{"source": {"key": "w", "id": "w", "url": "https://wire.example/1", "site": "Wire",
                                            "published": date, "title": "Pier to close"},
                                 "kind": "copied_prose", "query_span": list(span), "source_span": [0, 53],
                                 "matched_words": 8, "edit_level": "verbatim"}]}],
        "sources": [], "paragraphs": [],
    }


def test_scale_is_documented_and_covers_every_verdict():
    assert set(RATING_VALUE) == set(VERDICT_LABELS) == set(ALTERNATE_NAME)
    values = [RATING_VALUE[k] for k in ("contradicted", "unsupported", "disputed", "corroborated")]
    assert values == sorted(values) and values[0] == 1 and values[-1] == 5


def test_only_claims_with_verdicts():
    r = _report([{"claim": "x", "label": "corroborated", "claim_index": 0},
                 {"claim": "x", "label": "contradicted", "claim_index": 2}])
    out = claimreview(r, author_name="Desk", author_url="https://desk.example/")
    assert [x["claimReviewed"] for x in out] == ["The pier closed on Tuesday.", "The mayor resigned."]
    first = out[0]
    assert first["@context"] == "https://schema.org" and first["@type"] == "ClaimReview"
    assert first["author"] == {"@type": "Organization", "name": "Desk", "url": "https://desk.example/"}
    assert first["datePublished"] == "2024-06-01"
    assert first["reviewRating"] == {"@type": "Rating", "ratingValue": 5, "bestRating": 5, "worstRating": 1,
                                     "alternateName": ALTERNATE_NAME["corroborated"]}
    assert out[1]["reviewRating"]["ratingValue"] == 1
    item = first["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["appearance"] == [{"@type": "CreativeWork", "url": "https://news.example/pier", "headline": "Pier closes",
                                   "datePublished": "2024-05-03", "publisher": {"@type": "Organization", "name": "News"}}]
    assert "firstAppearance" not in item  # no provenance in this report
    assert "url" not in first  # no review_url given
    json.dumps(out)  # plain JSON


def test_none_without_verdicts():
    d = {"article": {"text": TEXT, "id": "a1"}, "claims": CLAIMS}
    assert claimreview(Report.from_check(d), author_name="Desk") == []
    assert claimreview(_report([]), author_name="Desk") == []


def test_no_evidence_is_left_out_unless_asked():
    r = _report([{"claim": "x", "label": "no_evidence", "claim_index": 1}])
    assert claimreview(r, author_name="Desk") == []
    out = claimreview(r, author_name="Desk", include_no_evidence=True)
    assert len(out) == 1 and "ratingValue" not in out[0]["reviewRating"]
    assert out[0]["reviewRating"]["alternateName"] == ALTERNATE_NAME["no_evidence"]


def test_first_appearance_from_a_decided_earliest_source():
    v = [{"claim": "x", "label": "disputed", "claim_index": 0}, {"claim": "x", "label": "disputed", "claim_index": 2}]
    out = claimreview(_report(v, _prov()), author_name="Desk")
    first = out[0]["itemReviewed"]["firstAppearance"]
    assert first["url"] == "https://wire.example/1" and first["datePublished"] == "2024-05-01"
    assert first["publisher"]["name"] == "Wire"
    assert "firstAppearance" not in out[1]["itemReviewed"]  # claim 3 is the article's own prose
    # Undecided earliest (tie, undated carriers): no first appearance is claimed.
    for status in ("tie", "undated"):
        out = claimreview(_report(v, _prov(status=status)), author_name="Desk")
        assert "firstAppearance" not in out[0]["itemReviewed"], status


def test_urls_are_http_only_and_review_url_anchors_claims():
    r = _report([{"claim": "x", "label": "unsupported", "claim_index": 1}], url="javascript:alert(1)")
    out = claimreview(r, author_name="Desk", author_url="javascript:alert(2)",
                      review_url="https://desk.example/reports/pier.html")
    assert "appearance" not in out[0]["itemReviewed"]
    assert "url" not in out[0]["author"]
    assert out[0]["url"] == "https://desk.example/reports/pier.html#claim-2"
    assert out[0]["reviewRating"]["ratingValue"] == 2
    assert "javascript" not in json.dumps(out)


def test_author_is_required():
    with pytest.raises(ValueError, match="author_name"):
        claimreview(_report([]), author_name=" ")


def test_example_world_reviews_match_its_verdicts():
    r = main_report()
    out = claimreview(r, author_name="newstrace demo", include_no_evidence=True)
    matched = S.verdict_by_claim(r.to_dict())
    assert len(out) == len(matched) == len(r.sections["verdicts"])  # check's verdicts all name a claim
    for review, (_, v) in zip(out, sorted(matched.items())):
        assert review["claimReviewed"] == v["claim"]
        assert review["reviewRating"]["alternateName"] == ALTERNATE_NAME[v["label"]]
        assert review["itemReviewed"]["appearance"][0]["url"] == r.article["url"]
