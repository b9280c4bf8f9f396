"""Read the sections of a report as plain JSON values, tolerant of what is absent.

Every renderer (terminal, HTML, ClaimReview, exports) reads a report through these
functions, so they agree on what "no section", "section ran but found nothing" and
"section could not run on this article" mean:

- absent: the key is missing (the analysis did not run, or is not built yet);
- empty: the key is there with an empty list;
- not analysed: the section carries a `not_analysed` reason (e.g. a non-English text).

Source keys in a provenance section are whatever the index used (article ids, row
numbers); JSON may turn them into strings, so they are always compared as `str(key)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from typing import Any, Iterable, Mapping

Span = tuple[int, int]


def _items(section: Any, key: str) -> list[dict[str, Any]]:
    """The list inside a {key: [...], not_analysed, truncated} section, or the list itself."""
    if section is None:
        return []
    if isinstance(section, Mapping):
        section = section.get(key) or []
    return [x for x in section if isinstance(x, Mapping)] if isinstance(section, list) else []


def not_analysed(section: Any) -> str | None:
    if isinstance(section, Mapping):
        reason = section.get("not_analysed")
        return str(reason) if reason else None
    return None


def claims_of(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    return _items(report.get("claims"), "claims")


def quotes_of(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    return _items(report.get("quotes"), "quotes")


def signals_of(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    return _items(report.get("signals"), "signals")


def related_of(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    return _items(report.get("related"), "related")


def verdicts_of(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Verdict dicts; each has "label" (copied from "verdict" when only that is given)."""
    out = []
    for v in _items(report.get("verdicts"), "verdicts"):
        label = v.get("label", v.get("verdict"))
        if not isinstance(label, str):
            continue
        out.append({**v, "label": label})
    return out


def as_span(s: Any) -> Span | None:
    """A (begin, end) pair of offsets, or None when `s` is not one."""
    if isinstance(s, (list, tuple)) and len(s) == 2 and all(isinstance(x, int) for x in s):
        b, e = int(s[0]), int(s[1])
        if 0 <= b <= e:
            return b, e
    return None


def span_of(d: Mapping[str, Any], key: str = "span") -> Span | None:
    return as_span(d.get(key))


def verdict_by_claim(report: Mapping[str, Any]) -> dict[int, dict[str, Any]]:
    """Claim index -> its verdict.

    A verdict names its claim by `claim_index` when it has one, else by `claim_span` or
    `span` (the claim's span in the article), else by the claim's exact text.
    """
    claims = claims_of(report)
    by_span = {span_of(c): i for i, c in enumerate(claims) if span_of(c) is not None}
    by_text: dict[str, int] = {}
    for i, c in enumerate(claims):
        by_text.setdefault(str(c.get("text", "")), i)
    out: dict[int, dict[str, Any]] = {}
    for v in verdicts_of(report):
        idx = v.get("claim_index")
        if not (isinstance(idx, int) and 0 <= idx < len(claims)):
            sp = span_of(v, "claim_span") or span_of(v)
            idx = by_span.get(sp) if sp is not None else None
        if idx is None:
            idx = by_text.get(str(v.get("claim", "")))
        if idx is not None and idx not in out:
            out[idx] = v
    return out


# ------------------------------------------------------------------------------ provenance


def provenance_of(report: Mapping[str, Any]) -> dict[str, Any] | None:
    p = report.get("provenance")
    return p if isinstance(p, Mapping) else None  # type: ignore[return-value]


def source_refs(prov: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """str(key) -> SourceRef dict, for every article the provenance section mentions."""
    refs: dict[str, dict[str, Any]] = {}

    def note(ref: Any) -> None:
        if isinstance(ref, Mapping) and "key" in ref:
            refs.setdefault(str(ref["key"]), dict(ref))

    for s in prov.get("sources") or []:
        note(s.get("source"))
    for g in prov.get("groups") or []:
        for m in g.get("matches") or []:
            note(m.get("source"))
        for m in g.get("older_members") or []:
            note(m.get("source"))
    return refs


def source_summaries(prov: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """str(key) -> SourceSummary dict (relation, credit, copied_chars, ...)."""
    out = {}
    for s in prov.get("sources") or []:
        src = s.get("source") or {}
        if "key" in src:
            out[str(src["key"])] = s
    return out


def matches_by_source(prov: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for g in prov.get("groups") or []:
        for m in g.get("matches") or []:
            src = m.get("source") or {}
            if "key" in src:
                out.setdefault(str(src["key"]), []).append(m)
    return out


def outlet_name(ref: Mapping[str, Any] | None) -> str:
    """How to name an article's outlet: site name, else domain, else a placeholder."""
    if not ref:
        return "unknown outlet"
    for k in ("site", "domain"):
        v = ref.get(k)
        if isinstance(v, str) and v.strip():
            return v.strip()
    return "unknown outlet"


def site_node(ref: Mapping[str, Any] | None) -> str:
    """The identity of an outlet in the copy network: its domain, else its site name.

    Articles with neither stay apart (one node each): merging every unknown outlet into
    one node would invent a copier.
    """
    if not ref:
        return "?"
    d = ref.get("domain")
    if isinstance(d, str) and d.strip():
        return d.strip().lower()
    s = ref.get("site")
    if isinstance(s, str) and s.strip():
        return " ".join(s.lower().split())
    return "article:" + str(ref.get("id") or ref.get("key") or "?")


EDIT_ORDER = ("verbatim", "light", "heavy")


def heaviest_edit(levels: Iterable[str]) -> str | None:
    known = [lv for lv in levels if lv in EDIT_ORDER]
    return max(known, key=EDIT_ORDER.index) if known else None


def union(spans: Iterable[Span]) -> list[Span]:
    out: list[Span] = []
    for b, e in sorted(s for s in spans if s[1] > s[0]):
        if out and b <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((b, e))
    return out


def subtract(spans: list[Span], minus: list[Span]) -> list[Span]:
    """Parts of the (sorted, disjoint) `spans` outside the (sorted, disjoint) `minus`."""
    out: list[Span] = []
    j = 0
    for b, e in spans:
        cur = b
        while j < len(minus) and minus[j][1] <= cur:
            j += 1
        k = j
        while k < len(minus) and minus[k][0] < e:
            mb, me = minus[k]
            if mb > cur:
                out.append((cur, mb))
            cur = max(cur, me)
            k += 1
        if cur < e:
            out.append((cur, e))
    return out


@dataclass(frozen=True)
class When:
    instant: datetime | None  # aware, when a time of day is known
    day: date | None


def when(value: Any) -> When:
    """Read an ISO 8601 date or datetime (naive times are UTC), as reuse.chronology does;
    anything else is undated. Kept here so rendering a report never loads the reuse engine."""
    if not isinstance(value, str) or not value.strip():
        return When(None, None)
    s = value.strip()
    if s[-1:] in ("Z", "z"):
        s = s[:-1] + "+00:00"
    try:
        if len(s) <= 10:
            return When(None, date.fromisoformat(s))
        dt = datetime.fromisoformat(s)
    except ValueError:
        return When(None, None)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return When(dt, dt.astimezone(timezone.utc).date())


def order_key(value: Any) -> float | None:
    """A sortable number for a date (seconds), None when undated."""
    w = when(value)
    if w.instant is not None:
        return w.instant.timestamp()
    if w.day is not None:
        # A bare day sorts at its noon UTC, so it neither precedes nor trails the whole day.
        return datetime.combine(w.day, time(12), tzinfo=timezone.utc).timestamp()
    return None


def safe_url(url: Any) -> str | None:
    """The URL when it is an absolute http(s) URL without spaces or control characters."""
    if not isinstance(url, str):
        return None
    u = url.strip()
    if not u or len(u) > 4096 or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in u):
        return None
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(u)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return u
