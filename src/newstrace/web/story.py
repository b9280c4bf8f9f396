"""A story's text reuse: one article's provenance, its stored cluster and the site network.

Corpus-wide clusters and the site copy network come from `newstrace reuse`, which stores
the passages every pair of articles shares in the archive (reuse_pairs); `CorpusView`
builds clusters and the network from them (the same `build_clusters` / `site_network`
the job uses) and keeps them until the stored pairs change. Before a first run the pages
say so plainly.

One article's provenance needs a fingerprint index of the archive. The archive's own
(`newstrace.reuse.trace_in_archive`) is used when it is current; otherwise a
`LocalReuseIndex` is built in memory from the archive, once, and rebuilt only when
articles were added. It is bounded
(`max_articles`): a bigger archive gets a clear 409 asking for the archive's own index
instead of a slow page.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from dataclasses import dataclass
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


@dataclass
class CorpusReuse:
    """Clusters and the site copy network built from the pairs `newstrace reuse` stored."""

    clusters: list[Any]  # reuse.Cluster, largest first
    network: list[Any]  # reuse.SiteEdge, most copies first
    docs: dict[str, Any]  # article id -> reuse.DocInfo
    by_article: dict[str, list[int]]  # article id -> indices into clusters
    processed: int  # articles whose pairs are stored
    pairs: int


class CorpusView:
    """Reads the stored pairs, builds clusters and the network once, and rebuilds them only
    when another `newstrace reuse` run changed the stored pairs."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stamp: tuple[int, int, int] | None = None
        self._value: CorpusReuse | None = None

    @staticmethod
    def _stamp_of(archive: Any) -> tuple[int, int, int] | None:
        try:
            row = archive.connection.execute(
                "SELECT (SELECT count(*) FROM reuse_processed), (SELECT count(*) FROM reuse_pairs), "
                "(SELECT coalesce(max(rowid), 0) FROM reuse_pairs)"
            ).fetchone()
        except sqlite3.OperationalError:  # an archive from before `newstrace reuse` existed
            return None
        return (int(row[0]), int(row[1]), int(row[2])) if row and row[0] else None

    def get(self, archive: Any) -> CorpusReuse | None:
        try:
            from ..reuse import build_clusters, site_network
            from ..reuse_job import load_pairs
        except ImportError:
            return None
        stamp = self._stamp_of(archive)
        if stamp is None:
            return None
        with self._lock:
            if self._stamp == stamp and self._value is not None:
                return self._value
            pairs, docs = load_pairs(archive)
            clusters = sorted(build_clusters(pairs, docs), key=lambda c: (-len(c.members), c.id))
            network = sorted(site_network(clusters), key=lambda e: (-e.copies, -e.chars, e.copier, e.source))
            by_article: dict[str, list[int]] = {}
            for i, c in enumerate(clusters):
                for m in c.members:
                    by_article.setdefault(str(m.key), []).append(i)
            self._value = CorpusReuse(clusters, network, docs, by_article, stamp[0], stamp[1])
            self._stamp = stamp
            log.info("reuse results: %d clusters, %d site edges from %d stored pairs", len(clusters), len(network), stamp[1])
            return self._value


def cluster_records(archive: Any, corpus: CorpusReuse, clusters: list[Any]) -> list[dict[str, Any]]:
    """The clusters as `newstrace reuse` writes them to clusters.jsonl, with member titles."""
    from ..reuse_job import cluster_record

    keys = sorted({str(m.key) for c in clusters for m in c.members})
    meta: dict[str, tuple[str, str]] = {}
    for i in range(0, len(keys), 900):
        part = keys[i : i + 900]
        for key, title in archive.connection.execute(
            f"SELECT id, title FROM articles WHERE id IN ({','.join('?' * len(part))})", part
        ):
            meta[key] = (title, "")
    return [cluster_record(c, meta, corpus.docs) for c in clusters]


def clusters_of(archive: Any, corpus: CorpusReuse, article_id: str) -> list[dict[str, Any]]:
    return cluster_records(archive, corpus, [corpus.clusters[i] for i in corpus.by_article.get(article_id, [])])


def edge_dict(e: Any) -> dict[str, Any]:
    return e.to_dict()
