"""`check`: analyse one article against the archive.

Each analysis is a function of (Article, Archive) returning a typed, serialisable result;
`check()` runs the ones that exist and collects them. Sections that are not built yet are
absent from the result, never faked.
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
            d[name] = value.to_dict() if hasattr(value, "to_dict") else value
        return d


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


def check(article: Article, archive=None, *, related_limit: int = 5) -> CheckResult:
    """Run every available analysis of `article` against `archive` (may be None)."""
    result = CheckResult(article=article)
    if archive is not None:
        result.related = archive.related(article, limit=related_limit)
    return result
