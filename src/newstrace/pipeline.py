"""`check`: analyse one article against the archive.

Each analysis is a function of (Article, Archive) returning a typed, serialisable result;
`check()` runs the ones that exist and collects them in `CheckResult.sections`. A section
that is not built yet is absent from the result, never faked; a section that could not run
on this article carries its reason (e.g. claims of a non-English text are "not analysed").
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from .article import Article
from .errors import InputError

log = logging.getLogger(__name__)


@dataclass
class CheckResult:
    article: Article
    related: list[Any] = field(default_factory=list)  # archive.SearchHit
    sections: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"article": self.article.to_dict()}
        d["article"].pop("extra", None)
        d["related"] = [h.to_dict() for h in self.related]
        for name, value in self.sections.items():
            d[name] = _plain(value)
        return d


def _plain(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def load_article(source: str, *, allow_private: bool = False) -> Article:
    """Read exactly one article from a path or URL, or raise InputError naming the input."""
    from .read import Rejected, read_source

    items = list(read_source(source, allow_private=allow_private))
    articles = [i for i in items if isinstance(i, Article)]
    if not articles:
        rej = next((i for i in items if isinstance(i, Rejected)), None)
        if rej is not None:
            raise InputError(rej.source, rej.reason.value, rej.detail)
        raise InputError(source, "no article found")
    if len(articles) > 1:
        log.warning("%s holds %d articles; checking the first", source, len(articles))
    return articles[0]


DENSE_MAX_MISSING = 2000  # articles a check may embed in memory when their vectors are not stored


def _dense_retriever(archive):
    """A DenseRetriever when the archive holds sentence vectors (`newstrace archive embed`)
    and at most DENSE_MAX_MISSING articles lack them (those are embedded in memory)."""
    from .evidence.dense import DenseRetriever, missing_vectors

    missing = missing_vectors(archive)
    if missing is None:
        return None
    if missing > DENSE_MAX_MISSING:
        log.warning("dense retrieval skipped: %d archived articles have no sentence vectors; "
                    "run `newstrace archive embed`", missing)
        return None
    return DenseRetriever(archive)


def check(article: Article, archive=None, *, related_limit: int = 5) -> CheckResult:
    """Run every available analysis of `article` against `archive` (may be None)."""
    from .claims import extract_claims, extract_quotes
    from .signals import language_signals, rate_source, rating_signal, site_signals

    result = CheckResult(article=article)
    provenance = None
    if archive is not None:
        from .reuse import trace_in_archive

        result.related = archive.related(article, limit=related_limit)
        provenance = trace_in_archive(article, archive)
        result.sections["provenance"] = provenance

    quotes = extract_quotes(article)
    claims = extract_claims(article, quotes=quotes)
    result.sections["claims"] = claims
    result.sections["quotes"] = quotes
    if archive is not None and not quotes.not_analysed:
        from .quotetrace import trace_quotes

        traces = trace_quotes(article, archive, quotes)
        if traces:
            qd = quotes.to_dict()
            for i, t in traces.items():
                qd["quotes"][i]["status"] = t["status"]
                qd["quotes"][i]["trace"] = t
            result.sections["quotes"] = qd
    if archive is not None:
        from .corroborate import corroborate

        own = _prose_relatives(provenance)
        result.sections["verdicts"] = corroborate(article, archive, claims, own_sources=own,
                                                  dense=_dense_retriever(archive))

    rating = None
    if article.url or article.domain:
        try:
            rating = rate_source(article.url or article.domain)
        except InputError as exc:  # a url field that is not a URL: no rating, not a failed check
            log.info("no source rating for %s: %s", article.id, exc)
    result.sections["source_rating"] = rating
    signals = site_signals(article) + language_signals(article)
    if rating is not None:
        signals.insert(0, rating_signal(rating))
    if provenance is not None:
        signals += provenance_signals(article, provenance)
    result.sections["signals"] = signals
    return result


def provenance_signals(article: Article, provenance) -> list[Any]:
    """Signals that come from provenance: prose copied from an earlier article without
    credit (one per source), and how the headline drifts from the earliest source's."""
    from .signals import headline_drift, uncredited_copy_signal

    out: list[Any] = []
    summaries = {x.source.key: x for x in provenance.sources}
    # One signal per original source: each copied-prose passage is charged to the earliest
    # article carrying it (or, when the dates cannot decide, the one sharing most words),
    # not to every copy of that original the archive happens to hold.
    spans_of: dict[Any, list[tuple[int, int]]] = {}
    edits_of: dict[Any, float] = {}
    for g in provenance.groups:
        if g.kind != "copied_prose":
            continue
        prose = [m for m in g.matches if m.kind == "copied_prose" and summaries.get(m.source.key) is not None
                 and summaries[m.source.key].relation == "earlier"]
        if not prose:
            continue
        keys = [k for k in g.earliest.keys if k in {m.source.key for m in prose}]
        key = keys[0] if keys else max(prose, key=lambda m: m.matched_words).source.key
        mine = [m for m in prose if m.source.key == key] or prose
        spans_of.setdefault(key, []).extend(m.query_span for m in mine)
        edits_of[key] = max([edits_of.get(key, 0.0)] + [m.edit_ratio for m in mine])
    for key, spans in spans_of.items():
        summary = summaries[key]
        if summary.credit.credited:
            continue
        src = summary.source
        out.append(
            uncredited_copy_signal(
                article,
                spans,
                source_url=src.url,
                source_title=src.title or src.site,
                source_published=src.published,
                edit_level=edits_of[key],
            )
        )
    # Headline drift against the earliest dated source of copied prose.
    earliest = [s for s in provenance.sources if s.relation == "earlier" and "copied_prose" in s.kinds and s.source.title]
    if earliest and article.title:
        first = min(earliest, key=lambda s: s.source.published or "")
        drift = headline_drift(article.title, first.source.title)
        if drift is not None:
            out.append(drift)
    return out


def _prose_relatives(provenance) -> list[str]:
    """Ids of archived articles sharing copied prose with the checked article (its sources,
    their older members and its copies): together with it they are one source."""
    if provenance is None:
        return []
    ids: set[str] = set()
    for g in provenance.groups:
        if g.kind != "copied_prose":
            continue
        ids.update(m.source.id for m in g.matches if m.kind == "copied_prose")
        ids.update(m.source.id for m in g.older_members)
    return sorted(ids)
