"""Site signals: what the page itself says about how the article was published.

- `no_byline`, `generic_byline`: nobody signs the article, or it is signed "admin", "staff" ...
- `no_date`: no publication date could be found.
- `url_date_mismatch`: the date in the URL (/2020/05/12/, /2020-05-12-, /2020/05/) disagrees
  with the published date by more than a day (a day's slack absorbs time zones).
- `copyright_notice`: the page claims copyright (from the reader's removed boilerplate, or a
  © line left in the text). Not bad in itself; it matters when the text turns out to be copied,
  which is why `uncredited_copy_signal` takes it into account.
- `uncredited_copy`: made by `uncredited_copy_signal(...)`, which provenance calls with the spans
  it found copied from a source that the article does not credit.

A plain-text input (no URL) carries no page metadata at all, so for it the byline and date
signals are `info` and say so, rather than blaming the site.

There is no labelled data for these signals; they are exact checks on the article's fields and
are covered by tests on synthetic articles, not by an accuracy figure.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, Iterable, Sequence
from urllib.parse import urlsplit

from ..article import Article
from ..urls import registered_domain
from .model import Signal

Span = tuple[int, int]

# Bylines that name a role or an account, not a person who answers for the text.
_GENERIC_BYLINES = frozenset(
    (
        "admin", "administrator", "webmaster", "editor", "editors", "staff", "staff writer", "staff reporter",
        "news desk", "newsdesk", "newsroom", "editorial", "editorial team", "editorial staff", "guest",
        "guest author", "contributor", "anonymous", "unknown", "team", "web desk", "online desk",
        "digital desk", "author", "user", "root",
    )
)
_GENERIC_WORDS = frozenset(
    "admin administrator webmaster editor editors staff newsdesk newsroom editorial guest contributor anonymous unknown team desk author user root".split()
)

_URL_DATES = (
    # /2020/05/12/ or /2020/5/12 (day precision)
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])(?:/|$|[-_.])"),
    # 2020-05-12 or 2020_05_12 inside a path segment
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[-_](?P<m>0[1-9]|1[0-2])[-_](?P<d>0[1-9]|[12]\d|3[01])(?!\d)"),
    # /20200512/ as a whole segment
    re.compile(r"/(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?:/|$|[-_.])"),
    # /2020/05/ (month precision)
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>0[1-9]|1[0-2])(?:/|$)"),
)
# A notice, not a mention: "©", "(c) 2020", "Copyright 2020", "all rights reserved". An article
# about copyright law says "copyright" without any of these.
_COPYRIGHT_LINE = re.compile(
    r"©|\(c\)\s*(?:19|20)\d\d|copyright\s*(?:©|\(c\))?\s*(?:19|20)\d\d|all rights reserved", re.IGNORECASE
)
_COPYRIGHT_YEAR = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?(?P<year>(?:19|20)\d\d)", re.IGNORECASE)
_COPYRIGHT_HOLDER = re.compile(r"(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d\d\s*[-–]?\s*(?:(?:19|20)\d\d)?)?\s*[,.]?\s*(?P<holder>[^\n.,;©]{2,60})", re.IGNORECASE)


def url_date(url: str | None) -> tuple[date, str] | None:
    """The date written in a URL's path and its precision ("day" or "month"), or None."""
    if not url:
        return None
    try:
        path = urlsplit(url if "//" in url else "//" + url).path
    except ValueError:
        return None
    for rx in _URL_DATES:
        m = rx.search(path)
        if not m:
            continue
        d = m.groupdict().get("d")
        try:
            found = date(int(m["y"]), int(m["m"]), int(d) if d else 1)
        except ValueError:
            continue  # 2020/02/31: not a date, keep looking
        return found, "day" if d else "month"
    return None


def parse_published(value: str | None) -> date | None:
    """The calendar date of an ISO 8601 date or datetime string, or None when unreadable."""
    if not value:
        return None
    v = value.strip()
    if v.endswith("Z"):
        v = v[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(v).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(v[:10])
    except ValueError:
        return None


def _no_metadata(article: Article) -> bool:
    return not article.url


def _byline_signals(article: Article) -> list[Signal]:
    if not article.authors:
        if _no_metadata(article):
            return [
                Signal(
                    "no_byline",
                    "info",
                    "no byline: the input carried no page metadata (no URL), so the site may well have one",
                    evidence={"input_has_metadata": False},
                )
            ]
        return [Signal("no_byline", "low", "no byline: nobody signs this article", evidence={"input_has_metadata": True})]
    generic = [a for a in article.authors if _is_generic_byline(a, article)]
    if generic and len(generic) == len(article.authors):
        return [
            Signal(
                "generic_byline",
                "low",
                "the byline names an account or a role, not a person: " + ", ".join(repr(a) for a in generic),
                evidence={"authors": list(article.authors)},
            )
        ]
    return []


def _is_generic_byline(author: str, article: Article) -> bool:
    a = " ".join(re.sub(r"[^\w\s]", " ", author.lower()).split())
    if not a:
        return True
    if a in _GENERIC_BYLINES or all(w in _GENERIC_WORDS for w in a.split()):
        return True
    # A byline that is only the site's own name ("GDC", "example.com").
    names = {n.lower() for n in (article.site, article.domain, registered_domain(article.url) if article.url else None) if n}
    labels = {n.split(".")[0] for n in names}
    raw = author.strip().lower()
    return a in names or raw in names or a.replace(" ", "") in labels


def _date_signals(article: Article) -> list[Signal]:
    out: list[Signal] = []
    pub = parse_published(article.published)
    if article.published is None or pub is None:
        if article.published is not None:
            msg = f"the published date {article.published!r} cannot be read as a date"
            out.append(Signal("no_date", "low", msg, evidence={"published": article.published, "input_has_metadata": True}))
        elif _no_metadata(article):
            out.append(
                Signal(
                    "no_date",
                    "info",
                    "no publication date: the input carried no page metadata (no URL), so the site may well show one",
                    evidence={"input_has_metadata": False},
                )
            )
        else:
            out.append(Signal("no_date", "low", "no publication date on the page", evidence={"input_has_metadata": True}))
    ud = url_date(article.url)
    if ud is not None and pub is not None:
        in_url, precision = ud
        if precision == "day":
            gap = abs((pub - in_url).days)
            mismatch = gap > 1
        else:
            mismatch = (pub.year, pub.month) != (in_url.year, in_url.month)
            first_next = date(in_url.year + in_url.month // 12, in_url.month % 12 + 1, 1)
            gap = 0 if not mismatch else min(abs((pub - in_url).days), abs((pub - first_next).days))
            mismatch = mismatch and gap > 1
        if mismatch:
            sev = "medium" if gap > 31 else "low"
            shown = in_url.isoformat() if precision == "day" else in_url.strftime("%Y-%m")
            out.append(
                Signal(
                    "url_date_mismatch",
                    sev,
                    f"the URL is dated {shown} but the article says it was published {pub.isoformat()} ({gap} days apart)",
                    evidence={
                        "url_date": shown,
                        "url_date_precision": precision,
                        "published": article.published,
                        "published_source": article.published_source,
                        "days_apart": gap,
                    },
                )
            )
    return out


def copyright_notices(article: Article) -> list[dict[str, Any]]:
    """Copyright notices of the page: from removed boilerplate (kind "copyright") or © lines in the text."""
    notices: list[dict[str, Any]] = []
    for bp in article.boilerplate:
        if bp.kind == "copyright" or (bp.kind != "copyright" and _COPYRIGHT_LINE.search(bp.text)):
            notices.append({"where": "boilerplate", "text": bp.text, "span": None})
    for b, e in article.paragraphs:
        para = article.text[b:e]
        if _COPYRIGHT_LINE.search(para) and len(para) < 600:
            notices.append({"where": "text", "text": para, "span": [b, e]})
    for n in notices:
        y = _COPYRIGHT_YEAR.search(n["text"])
        h = _COPYRIGHT_HOLDER.search(n["text"])
        n["year"] = int(y["year"]) if y else None
        n["holder"] = h["holder"].strip() if h and h["holder"].strip() else None
    return notices


def _copyright_signals(article: Article) -> list[Signal]:
    notices = copyright_notices(article)
    if not notices:
        return []
    holders = sorted({n["holder"] for n in notices if n["holder"]})
    years = sorted({n["year"] for n in notices if n["year"]})
    who = f" by {', '.join(holders)}" if holders else ""
    when = f" ({', '.join(map(str, years))})" if years else ""
    return [
        Signal(
            "copyright_notice",
            "info",
            f"the page claims copyright{who}{when}; if its text is copied from elsewhere, that claim is false",
            spans=tuple(tuple(n["span"]) for n in notices if n["span"]),  # type: ignore[misc]
            evidence={"notices": notices, "holders": holders, "years": years},
        )
    ]


def site_signals(article: Article) -> list[Signal]:
    """Byline, date and copyright signals of one article."""
    if not isinstance(article, Article):
        raise TypeError(f"site_signals needs an Article, got {type(article).__name__}")
    return _byline_signals(article) + _date_signals(article) + _copyright_signals(article)


def uncredited_copy_signal(
    article: Article,
    spans: Sequence[Span],
    *,
    source_url: str | None = None,
    source_title: str | None = None,
    source_published: str | None = None,
    edit_level: float | None = None,
    kind: str = "copied prose",
) -> Signal:
    """The signal provenance emits for text copied from a source that the article does not credit.

    `spans` are the copied passages in `article.text`; `edit_level` is the share of words
    changed (0 = verbatim). Severity: high when the copy is at least 30% of the article's text or
    the page claims copyright over it, medium otherwise.
    """
    clean = sorted((int(b), int(e)) for b, e in spans)
    n = len(article.text)
    for b, e in clean:
        if not 0 <= b < e <= n:
            raise ValueError(f"uncredited_copy_signal: span ({b}, {e}) is outside article {article.id} (length {n})")
    covered = _covered(clean)
    share = covered / n if n else 0.0
    claims = bool(copyright_notices(article))
    sev = "high" if share >= 0.3 or claims else "medium"
    src = source_url or source_title or "an earlier article"
    dom = registered_domain(source_url) if source_url else None
    msg = f"{covered} characters ({share:.0%} of the text) are {kind} from {src} without credit"
    if source_published:
        msg += f" (published {source_published})"
    if claims:
        msg += "; the page nevertheless claims copyright"
    return Signal(
        "uncredited_copy",
        sev,
        msg,
        spans=tuple(clean),
        evidence={
            "source_url": source_url,
            "source_domain": dom,
            "source_title": source_title,
            "source_published": source_published,
            "copied_chars": covered,
            "copied_share": round(share, 4),
            "edit_level": edit_level,
            "kind": kind,
            "claims_copyright": claims,
        },
    )


def _covered(spans: Iterable[Span]) -> int:
    total, end = 0, -1
    for b, e in sorted(spans):
        if e <= end:
            continue
        total += e - max(b, end)
        end = max(end, e)
    return total
