"""What the story page shows of one article's provenance (`Provenance.to_dict()`).

The report page itself is `newstrace.report.html.render_html`; this is only the smaller
view of an archived article's sources, paragraphs and derivation chains.
"""

from __future__ import annotations

from typing import Any

from .render import annotated_paragraphs


def provenance_view(prov: Any, article: dict[str, Any]) -> dict[str, Any] | None:
    if not isinstance(prov, dict):
        return None
    sources = [s for s in prov.get("sources") or [] if isinstance(s, dict)]
    paras = [p for p in prov.get("paragraphs") or [] if isinstance(p, dict)]
    n_copied = sum(1 for p in paras if p.get("label") not in (None, "original"))
    text_len = max(1, len(article.get("text") or ""))
    copied_spans = [g.get("query_span") for g in prov.get("groups") or [] if isinstance(g, dict) and g.get("kind") == "copied_prose"]
    copied_chars = sum(int(s[1]) - int(s[0]) for s in copied_spans if s)
    by_key = {}
    for s in sources:
        src = s.get("source") or {}
        by_key[str(src.get("key", src.get("id")))] = src
    # Paragraph labels line up with the article's paragraphs by position.
    labels: dict[int, Any] = {}
    art_paras = article.get("paragraphs") or []
    for p in paras:
        span = p.get("span") or [None, None]
        idx = next((i for i, ap in enumerate(art_paras) if ap[0] <= (span[0] or 0) < ap[1] + 2), None)
        if idx is not None:
            labels[idx] = {
                "label": p.get("label"),
                "coverage": p.get("coverage"),
                "credited": p.get("credited"),
                "sources": [by_key.get(str(k), {"id": str(k)}) for k in p.get("sources") or []],
            }
    uncredited = [s for s in sources if s.get("relation") == "earlier" and not (s.get("credit") or {}).get("credited")]
    return {
        "sources": sources,
        "groups": [g for g in prov.get("groups") or [] if isinstance(g, dict)],
        "paragraph_labels": labels,
        "copied_paragraphs": n_copied,
        "paragraphs": len(paras),
        "copied_share": min(1.0, copied_chars / text_len),
        "uncredited_earlier": uncredited,
        "boilerplate_spans": prov.get("boilerplate_spans") or [],
        "candidates_examined": prov.get("candidates_examined"),
        "checked_undated": prov.get("checked_undated"),
        "copied_spans": [s for s in copied_spans if s],
        "text": annotated_paragraphs(article, {"copied": [s for s in copied_spans if s]}, labels),
    }
