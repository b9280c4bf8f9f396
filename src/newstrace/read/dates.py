"""Publication dates, with where each came from.

Provenance decides who copied whom from publication dates, so a date must say where it was
found. htmldate (through trafilatura) does not report its source, so the obvious places are
checked here first, in order of how deliberately a publisher states the date:

1. JSON-LD `datePublished` of an article-like object  -> "json-ld:datePublished"
2. meta tags (article:published_time, DC.date.issued, pubdate, ...) -> "meta:<name>"
   or schema.org microdata (itemprop=datePublished)    -> "microdata:datePublished"
3. a <time> element marked as the publication time      -> "time-element"
4. a /YYYY/MM/DD/ (or YYYY-MM-DD) pattern in the URL    -> "url"

Only then is trafilatura's own finding used ("trafilatura"), and it is run without
htmldate's extensive search: that mode turns any year in the body ("valued ... in 2021")
into a January 1st date, which would poison provenance ordering.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import date, datetime, timedelta, timezone
from typing import Any, Iterable, Iterator

logger = logging.getLogger(__name__)

_ARTICLE_TYPES = frozenset(
    t.lower()
    for t in """Article NewsArticle ReportageNewsArticle AnalysisNewsArticle OpinionNewsArticle
    BackgroundNewsArticle ReviewNewsArticle AskPublicNewsArticle BlogPosting LiveBlogPosting
    SocialMediaPosting ScholarlyArticle TechArticle Report SatiricalArticle AdvertiserContentArticle
    Review CreativeWork VideoObject""".split()
)
_PAGE_TYPES = frozenset({"webpage", "itempage", "collectionpage", "aboutpage"})

# (attribute, value) pairs of <meta> tags that state the publication date, most specific
# first. Compared case-insensitively.
_META_KEYS: tuple[tuple[str, str], ...] = (
    ("property", "article:published_time"),
    ("name", "article:published_time"),
    ("property", "og:article:published_time"),
    ("property", "og:published_time"),
    ("itemprop", "datepublished"),
    ("microdata", "datepublished"),
    ("name", "dc.date.issued"),
    ("name", "dcterms.issued"),
    ("name", "dcterms.date"),
    ("name", "dc.date"),
    ("name", "citation_publication_date"),
    ("name", "citation_date"),
    ("name", "parsely-pub-date"),
    ("name", "sailthru.date"),
    ("name", "article.published"),
    ("name", "published-date"),
    ("name", "publish-date"),
    ("name", "publishdate"),
    ("name", "pubdate"),
    ("name", "date"),
    ("property", "rnews:datepublished"),
)
_META_LABELS = {
    # itemprop is schema.org microdata whether it sits on a <meta> or another element
    ("itemprop", "datepublished"): "microdata:datePublished",
    ("microdata", "datepublished"): "microdata:datePublished",
}
_TIME_CLASS = re.compile(r"\b(published|pubdate|entry-date|post-date|publish|date-published|article-date)\b", re.I)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:[/_.-]|$)")
_URL_COMPACT = re.compile(r"/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:/|$)")
_MIN_YEAR = 1990


def find_published(tree: Any, url: str | None = None) -> tuple[str, str] | None:
    """(ISO date or datetime, source) from the page markup or its URL, or None."""
    for finder in (_from_json_ld, _from_meta, _from_time):
        try:
            found = finder(tree)
        except Exception as exc:  # malformed markup must never stop extraction
            logger.debug("date finder %s failed: %s", finder.__name__, exc)
            continue
        if found:
            return found
    if url:
        d = date_from_url(url)
        if d:
            return d, "url"
    return None


def date_from_url(url: str) -> str | None:
    for rx in (_URL_DATE, _URL_COMPACT):
        m = rx.search(url)
        if m:
            try:
                d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
            if _plausible(d):
                return d.isoformat()
    return None


def normalize_date(value: Any) -> str | None:
    """An ISO 8601 date or datetime string for a date found anywhere, or None.

    Datetimes keep their time and offset when given; dates stay dates. Dates before 1990 or
    more than a day in the future are treated as errors.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat() if _plausible(value.date()) else None
    if isinstance(value, date):
        return value.isoformat() if _plausible(value) else None
    s = str(value).strip()
    if not s or len(s) > 64:
        return None
    if s.endswith("Z") or s.endswith("z"):
        s = s[:-1] + "+00:00"
    try:
        if len(s) == 10:
            d = date.fromisoformat(s)
            return d.isoformat() if _plausible(d) else None
        dt = datetime.fromisoformat(s)
        return dt.isoformat() if _plausible(dt.date()) else None
    except ValueError:
        pass
    try:
        from dateutil import parser as dateparser
    except ImportError:  # pragma: no cover - dateutil comes with htmldate
        return None
    try:
        dt = dateparser.parse(s, default=datetime(1, 1, 1))
    except (ValueError, OverflowError, TypeError):
        return None
    if dt.year == 1:
        return None  # no year in the string: not a publication date
    has_time = bool(re.search(r"\d{1,2}:\d{2}", s))
    if not _plausible(dt.date()):
        return None
    return dt.isoformat() if has_time else dt.date().isoformat()


def _plausible(d: date) -> bool:
    return _MIN_YEAR <= d.year and d <= (datetime.now(timezone.utc) + timedelta(days=1)).date()


def _from_json_ld(tree: Any) -> tuple[str, str] | None:
    page_date: str | None = None
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            # CMSs sometimes leave raw newlines or trailing commas inside JSON-LD
            try:
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", raw.replace("\n", " ")))
            except ValueError:
                continue
        for obj in _walk_json(data):
            value = obj.get("datePublished")
            if not value:
                continue
            d = normalize_date(value if isinstance(value, str) else _first(value))
            if not d:
                continue
            types = {t.lower() for t in _types(obj)}
            if types & _ARTICLE_TYPES:
                return d, "json-ld:datePublished"
            if types & _PAGE_TYPES or not types:
                page_date = page_date or d
    if page_date:
        return page_date, "json-ld:datePublished"
    return None


def _walk_json(data: Any) -> Iterator[dict[str, Any]]:
    stack = [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, dict):
            yield item
            stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
        elif isinstance(item, list):
            stack.extend(item)


def _types(obj: dict[str, Any]) -> Iterable[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return (t,)
    if isinstance(t, list):
        return tuple(x for x in t if isinstance(x, str))
    return ()


def _first(value: Any) -> Any:
    if isinstance(value, list) and value:
        return value[0]
    return value


def _from_meta(tree: Any) -> tuple[str, str] | None:
    found: dict[tuple[str, str], str] = {}
    for el in tree.iter("meta"):
        content = el.get("content")
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            v = el.get(attr)
            if v:
                found.setdefault((attr, v.strip().lower()), content)
    for el in tree.xpath('//*[@itemprop="datePublished"][not(self::meta)]'):
        v = el.get("datetime") or el.get("content") or (el.text or "").strip()
        if v:
            found.setdefault(("microdata", "datepublished"), v)
    for key in _META_KEYS:
        if key in found:
            d = normalize_date(found[key])
            if d:
                return d, _META_LABELS.get(key, f"meta:{key[1]}")
    return None


def _from_time(tree: Any) -> tuple[str, str] | None:
    times = [t for t in tree.iter("time") if t.get("datetime")]
    marked = [
        t
        for t in times
        if t.get("pubdate") is not None or _TIME_CLASS.search(t.get("class") or "")
    ]
    if not marked:
        # the first <time> inside the article element, not one in the site header
        marked = [t for t in times if any(a.tag == "article" for a in t.iterancestors())][:1]
    for t in marked:
        d = normalize_date(t.get("datetime"))
        if d:
            return d, "time-element"
    return None
