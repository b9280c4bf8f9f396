"""Reports of checks run through the service, kept in memory and bounded.

A stored report is the check result as a `newstrace.report.Report` (the versioned,
schema-checked document every renderer reads): the API answers its JSON, the report page
shows `render_html(report)`.

A report is the result of one check; it lives until it is among the oldest once the store
holds `capacity` reports or `max_bytes` of serialised JSON (whichever comes first), or until
the service restarts. That is the right life for a local tool: the archive is the durable
store, and `newstrace check --format json` writes a report to keep. Thread-safe: checks run
on worker threads.
"""

from __future__ import annotations

import json
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from ..pipeline import CheckResult
from ..report import Report

DEFAULT_CAPACITY = 200
DEFAULT_MAX_BYTES = 128 * 1024 * 1024


@dataclass(frozen=True)
class StoredReport:
    id: str
    created: str  # ISO 8601, UTC
    input_kind: str  # text | html | upload | url | archive
    result: CheckResult
    report: Report
    json_bytes: bytes  # the API's answer for this report, serialised once
    _html: list[str] = field(default_factory=list, repr=False, compare=False)

    def html(self) -> str:
        """The self-contained HTML report, rendered on first use."""
        if not self._html:
            from ..report.html import render_html

            self._html.append(render_html(self.report))
        return self._html[0]

    @property
    def title(self) -> str:
        return self.result.article.title or "(untitled article)"

    def summary(self) -> dict[str, Any]:
        a = self.result.article
        return {
            "id": self.id, "created": self.created, "input": self.input_kind, "title": a.title,
            "site": a.site or a.domain, "url": a.url, "article_id": a.id,
        }


def envelope(report_id: str, created: str, input_kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """What GET /api/reports/{id} and POST /api/check answer."""
    return {
        "id": report_id,
        "created": created,
        "input": input_kind,
        "links": {"self": f"/api/reports/{report_id}", "page": f"/reports/{report_id}",
                  "html": f"/reports/{report_id}/document"},
        "report": data,
    }


class ReportStore:
    def __init__(self, capacity: int = DEFAULT_CAPACITY, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        if capacity < 1:
            raise ValueError("a report store holds at least one report")
        self.capacity = capacity
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, StoredReport] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def add(self, result: CheckResult, input_kind: str) -> StoredReport:
        rid = secrets.token_hex(8)
        created = datetime.now(timezone.utc).isoformat(timespec="seconds")
        report = Report.from_check(result, generated_at=created)
        body = json.dumps(envelope(rid, created, input_kind, report.to_dict()), ensure_ascii=False, default=str).encode("utf-8")
        rep = StoredReport(rid, created, input_kind, result, report, body)
        with self._lock:
            self._items[rid] = rep
            # Counted three times: the JSON, the objects behind it and the rendered HTML
            # are each about as large.
            self._bytes += 3 * len(body)
            while len(self._items) > self.capacity or (self._bytes > self.max_bytes and len(self._items) > 1):
                _, old = self._items.popitem(last=False)
                self._bytes -= 3 * len(old.json_bytes)
        return rep

    def get(self, report_id: str) -> StoredReport | None:
        with self._lock:
            return self._items.get(report_id)

    def recent(self, n: int = 20) -> list[StoredReport]:
        with self._lock:
            items = list(self._items.values())
        return items[::-1][:n]

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)
