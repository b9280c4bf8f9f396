"""Reports: one article's check result as a versioned, validated document, and its renderings.

    Report.from_check(check_result) -> Report      model.py (summary computed from the sections)
    validate_report(report) -> [problems]          validate.py (JSON Schema, draft 2020-12)
    render_terminal(report, console)               terminal.py (rich)
    render_html(report) -> str                     html.py (one self-contained file, no script)
    claimreview(report, author_name=...) -> [..]   claimreview.py (schema.org JSON-LD)
    claim_rows / evidence_rows, write_csv / write_jsonl, export_text     export.py

Renderers take a Report or its dict (e.g. a report JSON file read back), and read the
sections through sections.py, which tolerates absent ones.
"""

from .claimreview import claimreview
from .export import CLAIM_COLUMNS, EVIDENCE_COLUMNS, claim_rows, evidence_rows, export_text, write_csv, write_jsonl
from .html import render_html
from .model import REPORT_SCHEMA_VERSION, SECTIONS, Report, summarize
from .terminal import render_terminal, summary_line
from .validate import check_report, load_schema, validate_report

__all__ = [
    "CLAIM_COLUMNS",
    "EVIDENCE_COLUMNS",
    "REPORT_SCHEMA_VERSION",
    "Report",
    "SECTIONS",
    "check_report",
    "claim_rows",
    "claimreview",
    "evidence_rows",
    "export_text",
    "load_schema",
    "render_html",
    "render_terminal",
    "summarize",
    "summary_line",
    "validate_report",
    "write_csv",
    "write_jsonl",
]
