"""CSV and JSON Lines exports of claims and evidence: pinned columns, one row per claim or
evidence item, round trips, spreadsheet-safe CSV."""

from __future__ import annotations

import csv
import io
import json

import pytest
from test_report_world import main_report

from newstrace.report import sections as S
from newstrace.report import CLAIM_COLUMNS, EVIDENCE_COLUMNS, Report, claim_rows, evidence_rows, export_text, write_csv


def test_columns_are_pinned():
    # Columns are only ever appended: reorder or remove one and every user's script breaks.
    assert CLAIM_COLUMNS == (
        "article_id", "article_url", "article_site", "article_published", "claim_index", "claim", "begin", "end",
        "label", "checkworthy", "checkworthy_score", "attributed", "attributed_to", "subjects", "verdict",
        "confidence", "independent_sources", "agreeing_sources", "disagreeing_sources", "evidence_items", "reasons",
    )
    assert EVIDENCE_COLUMNS == (
        "article_id", "claim_index", "claim", "verdict", "rank", "counted", "stance", "score", "sentence",
        "evidence_article_id", "site", "domain", "date", "url", "independence_group", "names_primary_source",
    )


def test_one_row_per_claim_and_per_evidence_item():
    r = main_report()
    claims = r.sections["claims"]["claims"]
    rows = claim_rows(r)
    assert len(rows) == len(claims)
    assert all(set(row) == set(CLAIM_COLUMNS) for row in rows)
    text = r.article["text"]
    for row in rows:
        assert text[row["begin"]:row["end"]] == row["claim"]
    with_verdict = [row for row in rows if row["verdict"] is not None]
    assert len(with_verdict) == len(r.sections["verdicts"])
    ev = evidence_rows(r)
    n = sum(len(v["evidence"]) + len(v["own_group_evidence"]) for v in r.sections["verdicts"])
    assert len(ev) == n > 0
    assert {row["counted"] for row in ev} == {True, False}  # the demo has copies of itself in the world
    for i, v in S.verdict_by_claim(r.to_dict()).items():
        mine = [row for row in ev if row["claim_index"] == i]
        assert [row["rank"] for row in mine] == list(range(1, len(mine) + 1))
        assert sum(row["counted"] for row in mine) == len(v["evidence"])


def test_csv_round_trip():
    r = main_report()
    text = export_text([r], table="claims", fmt="csv")
    back = list(csv.DictReader(io.StringIO(text)))
    assert list(back[0]) == list(CLAIM_COLUMNS)
    rows = claim_rows(r)
    assert [b["claim"] for b in back] == [row["claim"] for row in rows]
    assert [b["verdict"] for b in back] == [row["verdict"] or "" for row in rows]
    assert back[0]["checkworthy"] in ("true", "false")


def test_jsonl_round_trip_of_several_reports():
    a, b = main_report(), main_report(with_verdicts=False)
    text = export_text([a, b], table="evidence", fmt="jsonl")
    lines = [json.loads(x) for x in text.splitlines()]
    assert len(lines) == len(evidence_rows(a))  # the report without verdicts adds no evidence rows
    assert all(list(x) == list(EVIDENCE_COLUMNS) for x in lines)
    claims = [json.loads(x) for x in export_text([a, b], table="claims", fmt="jsonl").splitlines()]
    assert len(claims) == 2 * len(a.sections["claims"]["claims"])
    assert isinstance(claims[0]["subjects"], list)


def test_csv_cells_cannot_plant_formulas():
    d = {"article": {"text": "=HYPERLINK(\"http://evil\") says so.", "id": "a", "url": "@evil"},
         "claims": {"claims": [{"text": "=HYPERLINK(\"http://evil\") says so.", "span": [0, 34], "label": "claim",
                                "subjects": ["-1+1"]}]}}
    r = Report.from_check(d)
    back = list(csv.DictReader(io.StringIO(export_text([r]))))[0]
    assert back["claim"] == "'=HYPERLINK(\"http://evil\") says so."
    assert back["article_url"] == "'@evil" and back["subjects"] == "'-1+1"
    buf = io.StringIO()
    write_csv(claim_rows(r), CLAIM_COLUMNS, buf, spreadsheet_safe=False)
    assert list(csv.DictReader(io.StringIO(buf.getvalue())))[0]["claim"].startswith("=HYPERLINK")
    # JSON Lines keeps the exact text.
    assert json.loads(export_text([r], fmt="jsonl").splitlines()[0])["claim"].startswith("=HYPERLINK")


def test_bad_arguments_say_what_is_allowed():
    with pytest.raises(ValueError, match="'claims' or 'evidence'"):
        export_text([], table="quotes")
    with pytest.raises(ValueError, match="'csv' or 'jsonl'"):
        export_text([], fmt="xlsx")
