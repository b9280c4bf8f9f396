"""Words and colours shared by the terminal and HTML renderers, so both say the same thing."""

from __future__ import annotations

from typing import Any, Mapping

from . import sections as S

# label -> (rich style, CSS class)
PARAGRAPH_STYLE: dict[str, tuple[str, str]] = {
    "original": ("green", "p-original"),
    "copied": ("red", "p-copied"),
    "shared_quotation": ("blue", "p-quotation"),
    "boilerplate": ("bright_black", "p-boilerplate"),
}
VERDICT_STYLE: dict[str, str] = {
    "corroborated": "green",
    "contradicted": "bold red",
    "disputed": "yellow",
    "unsupported": "magenta",
    "no_evidence": "dim",
}
VERDICT_WORDS: dict[str, str] = {
    "corroborated": "corroborated by independent sources",
    "contradicted": "contradicted by independent sources",
    "disputed": "independent sources disagree",
    "unsupported": "no independent confirmation",
    "no_evidence": "nothing in the archive",
}


def percent(x: Any) -> str:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return "?"
    if 0 < v < 0.01:
        return "<1%"
    return f"{v:.0%}"


def provenance_sentence(p: Mapping[str, Any]) -> str:
    status = p.get("status")
    if status == "absent":
        return "not traced (the report has no provenance section)"
    if status != "present":
        return f"not traced: {p.get('reason', 'unknown reason')}"
    parts = []
    if p.get("copied_share", 0) > 0:
        n, sites = p.get("sources", 0), p.get("sites", 0)
        parts.append(
            f"{percent(p['copied_share'])} of the text is copied from {n} earlier "
            f"source{'s' if n != 1 else ''} on {sites} site{'s' if sites != 1 else ''}: "
            f"{percent(p.get('credited_share', 0))} credited, {percent(p.get('uncredited_share', 0))} uncredited"
        )
    else:
        parts.append("no prose shared with earlier archived articles")
    if p.get("unordered_share", 0) > 0:
        parts.append(f"{percent(p['unordered_share'])} shared with articles whose order is unknown (undated or same date)")
    if p.get("quotation_share", 0) > 0:
        parts.append(f"{percent(p['quotation_share'])} in quotations other outlets also carry")
    if p.get("copied_by"):
        parts.append(f"{p['copied_by']} later article(s) carry its text")
    return "; ".join(parts)


def _name(src: Mapping[str, Any]) -> str:
    if src.get("checked_article"):
        return "this article"
    return S.outlet_name(src)


def earliest_phrase(e: Mapping[str, Any]) -> str:
    names = " and ".join(_name(s) for s in e.get("sources") or []) or "?"
    date = e.get("date") or "undated"
    status = e.get("status")
    if status == "checked_article":
        return f"this article is the oldest dated carrier of its copied text ({date})"
    if status == "tie":
        return f"tie between {names} ({date}): the dates cannot tell which came first"
    if status == "undated":
        return f"{names}, {date} (some carriers have no date and could be older)"
    return f"{names}, {date}"


def paragraph_phrase(p: Mapping[str, Any], refs: Mapping[str, Mapping[str, Any]]) -> str:
    label = p.get("label")
    cov = p.get("coverage")
    share = f" ({percent(cov)} of its words)" if isinstance(cov, (int, float)) and cov else ""

    def names(keys: Any) -> str:
        out = sorted({S.outlet_name(refs.get(str(k))) for k in keys or []})
        if len(out) > 3:
            return ", ".join(out[:3]) + f" and {len(out) - 3} more"
        return ", ".join(out) or "?"

    if label == "copied":
        credit = {True: "credited", False: "not credited"}.get(p.get("credited"), "credit unknown")
        s = f"copied{share} from {names(p.get('sources'))}, {credit}"
        if p.get("earliest"):
            s += f"; earliest: {names(p.get('earliest'))}"
        return s
    if label == "shared_quotation":
        return f"shared quotation{share}, also in {names(p.get('sources'))}"
    if label == "boilerplate":
        return f"boilerplate{share} (site furniture, not counted as reuse)"
    s = "original (not found in earlier archived articles)"
    if p.get("copied_by"):
        s += f"; later carried by {names(p.get('copied_by'))}"
    return s


def quote_status(q: Mapping[str, Any]) -> str:
    """A quote's status: the comparison's own status when the report has one."""
    st = q.get("status")
    if isinstance(st, str) and st:
        return st.replace("_", " ")
    if q.get("closed") is False:
        return "quotation mark never closed"
    if not q.get("speaker"):
        return "no speaker found"
    return "attributed"


def verdict_counts_phrase(v: Mapping[str, Any]) -> str:
    counts = [(k, n) for k, n in (v.get("by_label") or {}).items() if n]
    if not counts:
        return "no claim assessed"
    return ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in counts)


def verdict_doubt(v: Mapping[str, Any]) -> str | None:
    """A warning when the verdict's own probabilities favour another label.

    The rules count agreeing/disagreeing sources; `label_probabilities` weigh every stance
    by the model's confidence. When they disagree the reader should know (e.g. counted as
    corroborated, yet "disputed" is far more likely once weak agreements are discounted).
    """
    probs = v.get("label_probabilities")
    if not isinstance(probs, Mapping) or not probs:
        return None
    try:
        best, p = max(((str(k), float(x)) for k, x in probs.items()), key=lambda t: t[1])
    except (TypeError, ValueError):
        return None
    if best == v.get("label"):
        return None
    return (f"uncertain: counted as {str(v.get('label', '')).replace('_', ' ')}, but the stance "
            f"probabilities favour {best.replace('_', ' ')} ({percent(p)})")
