"""Quote tracing: where else in the archive does a direct quotation appear, and how does
this article's wording differ from the earliest occurrence?

For each direct quote of the checked article: full-text search for its content words,
`compare_quote` (newstrace.claims.compare) against every candidate article, then the
earliest dated occurrence decides the status: identical, trimmed (words of the earlier
version left out), extended (words here that no earlier occurrence has — the seed's
stretched foreign-ministry quote), altered, or untraced (no earlier occurrence in this
archive). Speaker agreement is checked by the surname of the speaker named in the
occurrence's own article.
"""

from __future__ import annotations

import logging
from typing import Any, Sequence

from .article import Article

log = logging.getLogger(__name__)
MIN_WORDS = 5  # shorter quotes ("very serious") are too common to trace
MAX_CANDIDATES = 12


def trace_quotes(article: Article, archive, quotes: Sequence[Any]) -> dict[int, dict[str, Any]]:
    """{index in `quotes`: trace} for the direct quotes that could be traced."""
    from .claims import compare_quote, extract_quotes
    from .corroborate import _fts_query, content_words
    from .reuse.chronology import compare, earliest, parse_published

    when_here = parse_published(article.published)
    out: dict[int, dict[str, Any]] = {}
    cache: dict[str, Article | None] = {}
    for i, q in enumerate(quotes):
        if q.kind != "direct" or len(q.text.split()) < MIN_WORDS:
            continue
        words = content_words(q.text)
        if len(words) < 3:
            continue
        try:
            hits = archive.search(_fts_query(words), limit=MAX_CANDIDATES, raw=True)
        except Exception as exc:  # a quote FTS cannot take is left untraced, not fatal
            log.warning("quote search failed for %r: %s", q.text[:50], exc)
            continue
        occurrences = []
        for h in hits:
            if h.article_id == article.id or (article.url and h.url == article.url):
                continue
            if h.article_id not in cache:
                cache[h.article_id] = archive.get(h.article_id)
            other = cache[h.article_id]
            if other is None:
                continue
            m = compare_quote(q.text, other.text)
            if m.status == "none":
                continue
            order = compare(parse_published(other.published), when_here)
            occurrences.append((other, m, order))
        earlier = [(o, m) for o, m, order in occurrences if order == -1]
        if not occurrences:
            out[i] = {"status": "untraced", "occurrences": 0, "note": "no other article in this archive carries these words"}
            continue
        pool = earlier or [(o, m) for o, m, _ in occurrences]
        by_id = {o.id: (o, m) for o, m in pool}
        first_keys = earliest([(o.id, parse_published(o.published)) for o, _ in pool]).keys
        # Undated or tied: the occurrence covering most of the quote stands for them.
        first, fm = by_id[first_keys[0]] if first_keys else max(pool, key=lambda x: x[1].coverage)
        # Words present here but in NO earlier occurrence: the union of what each covers.
        extra = _uncovered(q, [m for _, m in (earlier or pool)])
        status = fm.status
        if status == "extended" and not extra:
            status = "identical"
        speaker_matches = _speaker_matches(q, first, fm, extract_quotes)
        out[i] = {
            "status": status if earlier else f"{status} (no earlier occurrence; order unknown or later)",
            "occurrences": len(occurrences),
            "earlier_occurrences": len(earlier),
            "earliest": {"article_id": first.id, "site": first.site, "url": first.url, "published": first.published},
            "coverage": round(fm.coverage, 4),
            "extra_spans": [[q.begin + b, q.begin + e] for b, e in extra],
            "speaker_matches": speaker_matches,
        }
    return out


def _uncovered(q, matches) -> list[tuple[int, int]]:
    """Spans of the quote (relative to q.text) not matched by any earlier occurrence."""
    n = len(q.text)
    covered = [False] * n
    for m in matches:
        for qb, qe, _, _ in m.matched:
            for k in range(max(0, qb), min(n, qe)):
                covered[k] = True
    spans, start = [], None
    for k in range(n + 1):
        inside = k < n and not covered[k] and not q.text[k].isspace() and q.text[k] not in ".,;:!?”“\"'’‘-—"
        if inside and start is None:
            start = k
        elif not inside and start is not None and (k == n or not q.text[k].isspace()):
            seg = q.text[start:k].strip()
            if len(seg.split()) >= 2:
                spans.append((start, k))
            start = None
    return spans


def _speaker_matches(q, other: Article, m, extract_quotes) -> bool | None:
    """Does the occurrence's own article give the same speaker (by surname)?"""
    mine = getattr(q.speaker, "name", None) if q.speaker else None
    if not mine or not m.matched:
        return None
    _, _, ob, oe = m.matched[0]
    for oq in extract_quotes(other):
        if oq.begin <= ob < oq.end or ob <= oq.begin < oe:
            theirs = getattr(oq.speaker, "name", None) if oq.speaker else None
            if not theirs:
                return None
            return mine.split()[-1].lower() == theirs.split()[-1].lower()
    return None
