"""The Report: one article's check result, versioned, with a summary computed from it.

A report is plain JSON (what `Report.to_dict()` returns and `report.schema.json`
describes):

    schema_version      "1.0"; a reader accepts any 1.x (additions only within a major)
    generated_at        when the report was built (UTC, ISO 8601)
    newstrace_version   the version that built it
    article             Article.to_dict() without "extra"
    summary             computed below, one entry per section
    related, provenance, claims, quotes, verdicts, source_rating, signals
                        the check sections as given; each key only when the section ran
    extra               sections this schema version does not know (kept, not validated)

Absent is not zero. A section that did not run is missing from the report, and its
summary entry says {"status": "absent"}; a section that ran and found nothing has zeros;
a section that could not run on this article says {"status": "not_analysed", "reason": ...}.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import accumulate
from typing import Any, Mapping

from ..errors import InputError
from . import sections as S

log = logging.getLogger(__name__)

REPORT_SCHEMA_VERSION = "1.0"
#: The sections a 1.x report may carry, in the order they are written.
SECTIONS: tuple[str, ...] = ("related", "provenance", "claims", "quotes", "verdicts", "source_rating", "signals")
#: Signals shown in the summary, most severe first.
TOP_SIGNALS = 5
_SEVERITY_ORDER = ("info", "low", "medium", "high")
ABSENT: dict[str, Any] = {"status": "absent"}
#: evidence.verdict.VERDICTS, repeated so that reading a report loads no model code
#: (a test keeps the two equal).
VERDICT_LABELS: tuple[str, ...] = ("corroborated", "contradicted", "disputed", "unsupported", "no_evidence")


@dataclass
class Report:
    article: dict[str, Any]
    summary: dict[str, Any]
    sections: dict[str, Any] = field(default_factory=dict)  # only the sections that ran
    extra: dict[str, Any] = field(default_factory=dict)  # sections unknown to this version
    generated_at: str = ""
    newstrace_version: str = ""
    schema_version: str = REPORT_SCHEMA_VERSION

    # ------------------------------------------------------------------ building

    @classmethod
    def from_check(cls, result: Any, *, generated_at: str | None = None) -> "Report":
        """From a `CheckResult` (anything with `to_dict()`), or its JSON dict."""
        d = result.to_dict() if hasattr(result, "to_dict") else result
        if not isinstance(d, Mapping) or not isinstance(d.get("article"), Mapping):
            raise InputError("check result", "has no article", "expected CheckResult or its to_dict() output")
        article = {k: v for k, v in d["article"].items() if k != "extra"}
        secs = {name: d[name] for name in SECTIONS if name in d}
        extra = {k: v for k, v in d.items() if k not in SECTIONS and k != "article"}
        if extra:
            log.info("report: keeping sections unknown to schema %s under 'extra': %s",
                     REPORT_SCHEMA_VERSION, ", ".join(sorted(extra)))
        from .. import __version__

        return cls(
            article=article,
            summary=summarize(article, secs),
            sections=secs,
            extra=extra,
            generated_at=generated_at or datetime.now(timezone.utc).isoformat(timespec="seconds"),
            newstrace_version=__version__,
        )

    # ------------------------------------------------------------------ JSON

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "schema_version": self.schema_version,
            "generated_at": self.generated_at,
            "newstrace_version": self.newstrace_version,
            "article": self.article,
            "summary": self.summary,
        }
        for name in SECTIONS:
            if name in self.sections:
                d[name] = self.sections[name]
        if self.extra:
            d["extra"] = self.extra
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], *, source: str = "report") -> "Report":
        """Read a report dict (e.g. loaded from a JSON file named `source`).

        Checks the version and the shape of the top level only; `validate()` in
        `report.schema` checks everything against the JSON Schema.
        """
        if not isinstance(d, Mapping):
            raise InputError(source, "is not a newstrace report", f"expected a JSON object, got {type(d).__name__}")
        version = d.get("schema_version")
        if not isinstance(version, str):
            raise InputError(source, "is not a newstrace report", "no schema_version")
        if version.split(".")[0] != REPORT_SCHEMA_VERSION.split(".")[0]:
            raise InputError(
                source, "unsupported report schema version",
                f"{version!r}; this newstrace reads {REPORT_SCHEMA_VERSION.split('.')[0]}.x",
            )
        article = d.get("article")
        if not isinstance(article, Mapping) or not isinstance(article.get("text"), str):
            raise InputError(source, "is not a newstrace report", "no article with a text")
        secs = {name: d[name] for name in SECTIONS if name in d}
        summary = d.get("summary")
        return cls(
            article=dict(article),
            summary=dict(summary) if isinstance(summary, Mapping) else summarize(article, secs),
            sections=secs,
            extra=dict(d.get("extra") or {}),
            generated_at=str(d.get("generated_at") or ""),
            newstrace_version=str(d.get("newstrace_version") or ""),
            schema_version=version,
        )

    def has(self, name: str) -> bool:
        return name in self.sections


def as_dict(report: "Report | Mapping[str, Any]") -> Mapping[str, Any]:
    """Renderers take a Report or its dict."""
    return report.to_dict() if isinstance(report, Report) else report


# ---------------------------------------------------------------------------------- summary


def summarize(article: Mapping[str, Any], secs: Mapping[str, Any]) -> dict[str, Any]:
    """The summary of a report, computed only from the sections present."""
    view = dict(secs)
    return {
        "provenance": _provenance(article, view["provenance"]) if "provenance" in view else dict(ABSENT),
        "verdicts": _verdicts(view) if "verdicts" in view else dict(ABSENT),
        "claims": _claims(view) if "claims" in view else dict(ABSENT),
        "quotes": _quotes(view) if "quotes" in view else dict(ABSENT),
        "source_rating": _rating(view["source_rating"]) if "source_rating" in view else dict(ABSENT),
        "signals": _signals(view) if "signals" in view else dict(ABSENT),
        "related": {"status": "present", "count": len(S.related_of(view))} if "related" in view else dict(ABSENT),
    }


def _share(n: int, total: int) -> float:
    return round(n / total, 4) if total else 0.0


def _provenance(article: Mapping[str, Any], prov: Any) -> dict[str, Any]:
    """Shares of the article's body (non-space characters outside boilerplate).

    copied: prose the article shares with sources dated *earlier* than it.
    credited / uncredited: split of `copied`; a character is credited when at least one
        earlier source it was copied from is credited by the article (crediting the wire
        is enough even if other copies of the wire carry the same words).
    unordered: prose shared only with sources whose order is unknown (undated, same day).
    quotation: shared quotations outside copied prose.
    """
    if not isinstance(prov, Mapping):
        return {"status": "not_analysed", "reason": "provenance section is empty"}
    text = article.get("text") or ""
    # Prefix counts of non-space characters: every share is over visible text, so the
    # blank lines between paragraphs weigh nothing.
    nonspace = [0, *accumulate(0 if c.isspace() else 1 for c in text)]

    def chars(spans: list[S.Span]) -> int:
        n = len(text)
        return sum(nonspace[min(e, n)] - nonspace[min(b, n)] for b, e in spans)

    summaries = S.source_summaries(prov)
    relation = {k: s.get("relation", "unknown") for k, s in summaries.items()}
    credited = {k: bool((s.get("credit") or {}).get("credited")) for k, s in summaries.items()}
    bp = [sp for sp in map(S.as_span, prov.get("boilerplate_spans") or []) if sp is not None]
    earlier: list[S.Span] = []
    credited_spans: list[S.Span] = []
    unordered: list[S.Span] = []
    quotation: list[S.Span] = []
    for g in prov.get("groups") or []:
        for m in g.get("matches") or []:
            sp = S.span_of(m, "query_span")
            key = str((m.get("source") or {}).get("key"))
            if sp is None:
                continue
            kind = m.get("kind")
            if kind == "boilerplate":
                bp.append(sp)
            elif kind == "shared_quotation":
                quotation.append(sp)
            elif kind == "copied_prose":
                rel = relation.get(key, "unknown")
                if rel == "earlier":
                    earlier.append(sp)
                    if credited.get(key):
                        credited_spans.append(sp)
                elif rel in ("unknown", "same_date"):
                    unordered.append(sp)
    bp = S.union(bp)
    earlier_u = S.subtract(S.union(earlier), bp)
    credited_u = S.subtract(S.union(credited_spans), bp)
    unordered_u = S.subtract(S.subtract(S.union(unordered), earlier_u), bp)
    quotation_u = S.subtract(S.subtract(S.subtract(S.union(quotation), earlier_u), unordered_u), bp)
    body = max(0, nonspace[-1] - chars(bp))
    copied, cred = chars(earlier_u), chars(credited_u)

    prose_sources = {k for k, s in summaries.items() if "copied_prose" in (s.get("kinds") or [])}
    earlier_sources = {k for k in prose_sources if relation.get(k) == "earlier"}
    refs = S.source_refs(prov)
    paragraphs = [p for p in prov.get("paragraphs") or [] if isinstance(p, Mapping)]
    labels: dict[str, int] = {}
    for p in paragraphs:
        labels[str(p.get("label"))] = labels.get(str(p.get("label")), 0) + 1
    return {
        "status": "present",
        "body_chars": body,
        "copied_chars": copied,
        "copied_share": _share(copied, body),
        "credited_share": _share(cred, body),
        "uncredited_share": _share(copied - cred, body),
        "unordered_share": _share(chars(unordered_u), body),
        "quotation_share": _share(chars(quotation_u), body),
        "sources": len(earlier_sources),
        "sources_any_order": len(prose_sources),
        "sites": len({S.site_node(refs.get(k)) for k in earlier_sources}),
        "credited_sources": sum(1 for k in earlier_sources if credited.get(k)),
        "copied_by": sum(1 for k in prose_sources if relation.get(k) == "later"),
        "paragraphs": labels,
        "earliest_source": _earliest(prov, refs, article),
    }


def _earliest(prov: Mapping[str, Any], refs: Mapping[str, dict[str, Any]], article: Mapping[str, Any]) -> dict[str, Any] | None:
    """The oldest earliest-source over the copied-prose passages, with how sure that is.

    status: decided (every carrier dated, one strictly first), tie (several first at the
    precision of their dates), undated (an undated carrier could be older), or
    checked_article (the checked article is itself the oldest carrier).
    """
    best: tuple[float, dict[str, Any]] | None = None
    for g in prov.get("groups") or []:
        if g.get("kind") != "copied_prose":
            continue
        e = g.get("earliest") or {}
        keys = e.get("keys") or []
        t = S.order_key(e.get("date"))
        if not keys or t is None:
            continue
        if best is None or t < best[0]:
            best = (t, e)
    if best is None:
        return None
    e = best[1]
    sources = []
    for k in e.get("keys") or []:
        if k is None:
            sources.append({"checked_article": True, "id": article.get("id"), "url": article.get("url"),
                            "site": article.get("site"), "domain": article.get("domain"),
                            "published": article.get("published"), "title": article.get("title", "")})
        else:
            ref = refs.get(str(k), {"key": k})
            sources.append({"checked_article": False, **ref})
    status = e.get("status", "decided")
    if all(s["checked_article"] for s in sources):
        status = "checked_article"
    return {"status": status, "date": e.get("date"), "sources": sources, "note": e.get("note", "")}


def _verdicts(secs: Mapping[str, Any]) -> dict[str, Any]:
    items = S.verdicts_of(secs)
    counts = dict.fromkeys(VERDICT_LABELS, 0)
    for v in items:
        counts[v["label"]] = counts.get(v["label"], 0) + 1
    out: dict[str, Any] = {"status": "present", "count": len(items), "by_label": counts}
    reason = S.not_analysed(secs.get("verdicts"))
    if reason:
        out.update(status="not_analysed", reason=reason)
    return out


def _claims(secs: Mapping[str, Any]) -> dict[str, Any]:
    items = S.claims_of(secs)
    reason = S.not_analysed(secs.get("claims"))
    if reason:
        return {"status": "not_analysed", "reason": reason}
    by_label: dict[str, int] = {}
    for c in items:
        by_label[str(c.get("label"))] = by_label.get(str(c.get("label")), 0) + 1
    return {
        "status": "present",
        "count": len(items),
        "checkworthy": sum(1 for c in items if c.get("checkworthy") or c.get("label") == "claim"),
        "by_label": by_label,
    }


def _quotes(secs: Mapping[str, Any]) -> dict[str, Any]:
    reason = S.not_analysed(secs.get("quotes"))
    if reason:
        return {"status": "not_analysed", "reason": reason}
    items = S.quotes_of(secs)
    return {
        "status": "present",
        "count": len(items),
        "direct": sum(1 for q in items if q.get("kind") == "direct"),
        "indirect": sum(1 for q in items if q.get("kind") == "indirect"),
        "unattributed": sum(1 for q in items if not q.get("speaker")),
    }


def _rating(rating: Any) -> dict[str, Any]:
    if not isinstance(rating, Mapping):
        return {"status": "not_analysed", "reason": "the article has no URL or domain to rate"}
    return {
        "status": "present",
        "label": rating.get("label"),
        "score": rating.get("score"),
        "domain": rating.get("matched_domain") or rating.get("domain"),
        "lists": list(rating.get("lists") or []),
        "tags": list(rating.get("tags") or []),
    }


def severity_rank(severity: Any) -> int:
    return _SEVERITY_ORDER.index(severity) if severity in _SEVERITY_ORDER else -1


def top_signals(signals: list[dict[str, Any]], n: int = TOP_SIGNALS) -> list[dict[str, Any]]:
    """The n most severe signals; among equals, the article's order is kept."""
    ranked = sorted(enumerate(signals), key=lambda p: (-severity_rank(p[1].get("severity")), p[0]))
    return [s for _, s in ranked[:n]]


def _signals(secs: Mapping[str, Any]) -> dict[str, Any]:
    items = S.signals_of(secs)
    by_sev = dict.fromkeys(_SEVERITY_ORDER, 0)
    for s in items:
        sev = s.get("severity")
        if sev in by_sev:
            by_sev[sev] += 1
    return {
        "status": "present",
        "count": len(items),
        "by_severity": by_sev,
        "top": [
            {"kind": s.get("kind"), "severity": s.get("severity"), "message": s.get("message")}
            for s in top_signals(items)
        ],
    }

