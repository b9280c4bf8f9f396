"""A story's text reuse: one article's provenance, its stored cluster and the site network.

Corpus-wide clusters and the site copy network are computed by `newstrace reuse` and
stored in the archive; this module only reads them, when the archive offers them
(`Archive.cluster_of(id)`, `Archive.site_network()`). Until then the pages say so plainly.

One article's provenance needs a fingerprint index of the archive. The archive's own
(`newstrace.reuse.trace_in_archive`) is used when it is current; otherwise a
`LocalReuseIndex` is built in memory from the archive, once, and rebuilt only when
articles were added. It is bounded
(`max_articles`): a bigger archive gets a clear 409 asking for the archive's own index
instead of a slow page.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from .errors import ApiError

log = logging.getLogger(__name__)

DEFAULT_MAX_INDEXED = 5000
REUSE_HINT = (
    "Corpus-wide story clusters and the site copy network come from `newstrace reuse`, "
    "which has not stored them in this archive yet: run `newstrace reuse --archive FILE` first."
)


class LocalReuseIndex:
    """An in-memory fingerprint index of a (small) archive's latest articles."""

    def __init__(self, max_articles: int = DEFAULT_MAX_INDEXED) -> None:
        self.max_articles = max_articles
        self._lock = threading.Lock()
        self._index: Any = None
        self._stamp: tuple[int, int] | None = None

    @staticmethod
    def _archive_stamp(archive: Any) -> tuple[int, int]:
        n, last = archive.connection.execute("SELECT count(*), coalesce(max(rowid), 0) FROM articles").fetchone()
        return int(n), int(last)

    def get(self, archive: Any) -> Any:
        from ..reuse import MemoryIndex, site_key, tokenize

        stamp = self._archive_stamp(archive)
        with self._lock:
            if self._index is not None and self._stamp == stamp:
                return self._index
            if stamp[0] > self.max_articles:
                raise ApiError(
                    409, "reuse_index_missing",
                    f"this archive holds {stamp[0]} articles; the service indexes at most {self.max_articles} "
                    "in memory for provenance. " + REUSE_HINT,
                )
            index = MemoryIndex()
            for art in archive.articles():
                index.add(art.id, tokenize(art.text), site=site_key(art))
            log.info("indexed %d archived articles in memory for provenance", len(index))
            self._index, self._stamp = index, stamp
            return index


def provenance(article: Any, archive: Any, local: LocalReuseIndex) -> tuple[Any, str | None]:
    """(`Provenance` of one article against the archive, a note for the reader or None).

    The archive's own fingerprint index is used when it is current; when it is stale (an
    archive from before the index, or one being re-indexed) a small archive is traced with
    the in-memory index instead, and the note says how to fix the archive.
    """
    from ..errors import ArchiveError
    from ..reuse import trace

    try:
        from ..reuse import trace_in_archive
    except ImportError:  # an older newstrace without the archive index
        trace_in_archive = None
    note = None
    if trace_in_archive is not None and callable(getattr(archive, "reuse_index", None)):
        try:
            return trace_in_archive(article, archive), None
        except ArchiveError as exc:
            log.info("archive reuse index unusable, tracing in memory: %s", exc)
            note = f"{exc}. Until then this was traced with a temporary in-memory index of the archive."
    index = local.get(archive)
    self_key = article.id if article.id in index else None
    return trace(article, index, lookup=archive.get, self_key=self_key), note


def stored_cluster(archive: Any, article_id: str) -> Any | None:
    """The stored reuse cluster holding this article, when `newstrace reuse` stored clusters."""
    fn = getattr(archive, "cluster_of", None)
    return fn(article_id) if callable(fn) else None


def has_corpus_view(archive: Any) -> bool:
    fn = getattr(archive, "has_reuse", None)
    return bool(fn()) if callable(fn) else False


def site_network(archive: Any) -> Any | None:
    fn = getattr(archive, "site_network", None)
    return fn() if callable(fn) else None
