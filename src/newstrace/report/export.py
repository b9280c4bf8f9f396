"""Claims and their evidence as flat rows, written as CSV or JSON Lines.

Two tables with stable columns (new columns are only ever appended):

    CLAIM_COLUMNS     one row per claim, with its verdict when the report has one
    EVIDENCE_COLUMNS  one row per evidence item of a verdict; `counted` is false for items
                      from the claiming article's own group (its copies, its outlet)

Rows from many reports go into one file: every row names its article. Values that are
absent are empty in CSV and null in JSON Lines. Lists (reasons, subjects) are joined
with " | " in CSV and kept as lists in JSON Lines.

CSV cells are made safe for spreadsheets by default: a text cell starting with = + - @
(or a tab / carriage return) gets a leading apostrophe, so a hostile article cannot plant
a formula. Pass spreadsheet_safe=False for the exact text.
"""

from __future__ import annotations

import csv
import io
import json
from typing import IO, Any, Iterable, Mapping, Sequence

from . import sections as S
from .model import Report, as_dict

CLAIM_COLUMNS: tuple[str, ...] = (
    "article_id",
    "article_url",
    "article_site",
    "article_published",
    "claim_index",
    "claim",
    "begin",
    "end",
    "label",
    "checkworthy",
    "checkworthy_score",
    "attributed",
    "attributed_to",
    "subjects",
    "verdict",
    "confidence",
    "independent_sources",
    "agreeing_sources",
    "disagreeing_sources",
    "evidence_items",
    "reasons",
)
EVIDENCE_COLUMNS: tuple[str, ...] = (
    "article_id",
    "claim_index",
    "claim",
    "verdict",
    "rank",
    "counted",
    "stance",
    "score",
    "sentence",
    "evidence_article_id",
    "site",
    "domain",
    "date",
    "url",
    "independence_group",
    "names_primary_source",
)
_LIST_SEP = " | "
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def claim_rows(report: Report | Mapping[str, Any]) -> list[dict[str, Any]]:
    """One dict per claim (keys: CLAIM_COLUMNS). Verdict columns are None without a verdict."""
    d = as_dict(report)
    art = d.get("article") or {}
    verdicts = S.verdict_by_claim(d)
    rows = []
    for i, c in enumerate(S.claims_of(d)):
        sp = S.span_of(c)
        v = verdicts.get(i)
        row = {
            "article_id": art.get("id"),
            "article_url": art.get("url"),
            "article_site": art.get("site") or art.get("domain"),
            "article_published": art.get("published"),
            "claim_index": i,
            "claim": c.get("text"),
            "begin": sp[0] if sp else None,
            "end": sp[1] if sp else None,
            "label": c.get("label"),
            "checkworthy": c.get("checkworthy"),
            "checkworthy_score": c.get("score"),
            "attributed": c.get("attributed"),
            "attributed_to": c.get("source"),
            "subjects": list(c.get("subjects") or []),
            "verdict": None,
            "confidence": None,
            "independent_sources": None,
            "agreeing_sources": None,
            "disagreeing_sources": None,
            "evidence_items": None,
            "reasons": None,
        }
        if v is not None:
            row.update(
                verdict=v["label"],
                confidence=v.get("confidence"),
                independent_sources=len(v.get("independent_groups") or []),
                agreeing_sources=len(v.get("agreeing_groups") or []),
                disagreeing_sources=len(v.get("disagreeing_groups") or []),
                evidence_items=len(v.get("evidence") or []) + len(v.get("own_group_evidence") or []),
                reasons=[str(r) for r in v.get("reasons") or []],
            )
        rows.append(row)
    return rows


def evidence_rows(report: Report | Mapping[str, Any]) -> list[dict[str, Any]]:
    """One dict per evidence item of every verdict (keys: EVIDENCE_COLUMNS).

    rank: position within the claim's counted evidence (1 = strongest), then the own-group
    items continue the numbering with counted=False.
    """
    d = as_dict(report)
    art = d.get("article") or {}
    claims = S.claims_of(d)
    rows = []
    for i, v in sorted(S.verdict_by_claim(d).items()):
        items = [(ev, True) for ev in v.get("evidence") or []] + [(ev, False) for ev in v.get("own_group_evidence") or []]
        for rank, (ev, counted) in enumerate(items, start=1):
            if not isinstance(ev, Mapping):
                continue
            rows.append({
                "article_id": art.get("id"),
                "claim_index": i,
                "claim": claims[i].get("text") if i < len(claims) else v.get("claim"),
                "verdict": v["label"],
                "rank": rank,
                "counted": counted,
                "stance": ev.get("stance"),
                "score": ev.get("score"),
                "sentence": ev.get("sentence"),
                "evidence_article_id": ev.get("article_id"),
                "site": ev.get("site"),
                "domain": ev.get("domain"),
                "date": ev.get("date"),
                "url": ev.get("url"),
                "independence_group": ev.get("independence_group"),
                "names_primary_source": ev.get("names_primary_source"),
            })
    return rows


def _cell(value: Any, safe: bool) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        value = _LIST_SEP.join(str(v) for v in value)
    if isinstance(value, str) and safe and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], out: IO[str], *,
              spreadsheet_safe: bool = True) -> int:
    """Write a header and the rows (only `columns`, in that order); returns the row count.

    Open `out` with newline="" (the csv module writes its own line ends).
    """
    w = csv.writer(out)
    w.writerow(columns)
    n = 0
    for r in rows:
        w.writerow([_cell(r.get(c), spreadsheet_safe) for c in columns])
        n += 1
    return n


def write_jsonl(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], out: IO[str]) -> int:
    """One JSON object per line with exactly `columns` as keys; returns the row count."""
    n = 0
    for r in rows:
        out.write(json.dumps({c: r.get(c) for c in columns}, ensure_ascii=False) + "\n")
        n += 1
    return n


def export_text(reports: Iterable[Report | Mapping[str, Any]], *, table: str = "claims", fmt: str = "csv") -> str:
    """The claims or evidence table of several reports as one CSV or JSON Lines string."""
    if table not in ("claims", "evidence"):
        raise ValueError(f"export: table must be 'claims' or 'evidence', not {table!r}")
    if fmt not in ("csv", "jsonl"):
        raise ValueError(f"export: format must be 'csv' or 'jsonl', not {fmt!r}")
    rows_of, cols = (claim_rows, CLAIM_COLUMNS) if table == "claims" else (evidence_rows, EVIDENCE_COLUMNS)
    rows = [r for rep in reports for r in rows_of(rep)]
    buf = io.StringIO(newline="")
    if fmt == "csv":
        write_csv(rows, cols, buf)
    else:
        write_jsonl(rows, cols, buf)
    return buf.getvalue()
