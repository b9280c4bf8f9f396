"""The embedded archive: one SQLite file holding articles, their versions and a full-text index.

Concurrency model: WAL journal, so readers (any number, any process) never wait for the
writer and never see half a transaction. Writes are short IMMEDIATE transactions (one per
ingest batch; the batch is read and parsed *before* the transaction opens), so a second
writer waits at most one batch, within busy_timeout. A `sqlite3.Connection` belongs to the
thread that opened it: open one `Archive` per thread (opening is cheap).

Durability: synchronous=NORMAL. In WAL mode that never corrupts the file; a power cut (not
a process crash) can lose the last committed batches, which a rerun of the same ingest
restores because adding is idempotent.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import sqlite3
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Literal

from ..article import Article, Boilerplate
from ..errors import ArchiveError, InputError
from ..read.base import Rejected
from ..reuse import sqlite_index as reuse_index
from . import migrations
from .paths import default_archive_path

if TYPE_CHECKING:
    from ..reuse.sqlite_index import ArticleFingerprints, SqliteIndex
    from .search import SearchHit

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30_000
PAGE_SIZE = 8192  # bytes, for new archive files
CACHE_KB = 32_000  # SQLite page cache per connection: enough for reads and small writes
INGEST_CACHE_KB = 262_144  # while ingesting (see Archive.ingest)
MIN_ID_PREFIX = 6
MAX_REJECTED_EXAMPLES = 20
_PAGE = 500  # rows fetched per query when streaming, so no read snapshot is held for long

# Column order used by every SELECT that rebuilds an Article (see _row_to_article).
ARTICLE_COLUMNS = (
    "id", "url", "domain", "site", "title", "authors", "published", "published_source",
    "language", "text", "paragraphs", "sentences", "boilerplate", "source", "extra",
)
_SELECT_ARTICLE = "SELECT " + ", ".join(ARTICLE_COLUMNS) + " FROM articles"

_INSERT = (
    "INSERT INTO articles (id, url, domain, site, title, authors, published, published_key, "
    "published_source, language, text, paragraphs, sentences, boilerplate, source, extra, "
    "content_hash, added_at, version_of) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)

_LOOKUP = (
    "SELECT (SELECT id FROM articles WHERE id = ?1), "
    "(SELECT id FROM articles WHERE url IS ?2 AND content_hash = ?3 LIMIT 1), "
    "(SELECT id FROM articles WHERE url = ?4 AND superseded = 0 ORDER BY rowid DESC LIMIT 1)"
)

Status = Literal["added", "duplicate", "new_version"]
DateLike = str | date | datetime


@dataclass(frozen=True)
class AddResult:
    """What `Archive.add` did with one article.

    status: "added" (new URL or no URL), "duplicate" (already stored: same id, or same URL
    with the same text), "new_version" (same URL, changed text; stored and linked).
    id: the id of the stored article (for a duplicate, the id that was already there).
    previous_id: for "new_version", the version it supersedes; otherwise None.
    """

    status: Status
    id: str
    previous_id: str | None = None


@dataclass
class IngestSummary:
    """Counts of what an ingest did. Only committed batches are counted."""

    added: int = 0
    duplicates: int = 0
    new_versions: int = 0
    rejected: Counter[str] = field(default_factory=Counter)  # Reason value -> count
    rejected_examples: list[Rejected] = field(default_factory=list)  # first few, for the user
    batches: int = 0
    seconds: float = 0.0

    @property
    def stored(self) -> int:
        """Articles written by this ingest (new ones and new versions)."""
        return self.added + self.new_versions

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())

    @property
    def seen(self) -> int:
        """Every item consumed: articles (stored or not) and rejections."""
        return self.added + self.duplicates + self.new_versions + sum(self.rejected.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "duplicates": self.duplicates,
            "new_versions": self.new_versions,
            "rejected": dict(self.rejected),
            "rejected_examples": [
                {"source": r.source, "reason": r.reason.value, "detail": r.detail}
                for r in self.rejected_examples
            ],
            "batches": self.batches,
            "seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True)
class Version:
    """One stored version of the article at a URL (see `Archive.versions`)."""

    id: str
    previous_id: str | None
    added_at: str
    latest: bool
    article: Article


def _translating(method: Callable[..., Any]) -> Callable[..., Any]:
    """Turn SQLite failures during use (corruption, a lock held past busy_timeout, I/O
    errors) into ArchiveError naming the archive file. Integrity and programming errors
    are bugs and pass through unchanged."""

    @functools.wraps(method)
    def wrapper(self: "Archive", *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError):
            raise
        except sqlite3.DatabaseError as exc:
            raise _use_error(self._where, exc) from exc

    return wrapper


class Archive:
    """An archive of articles in one SQLite file.

        with Archive("news.sqlite") as archive:
            summary = archive.ingest(newstrace.read.read_path("crawl/"))
            for hit in archive.search('"Lieutenant General" Belarus', since="2024-01-01"):
                print(hit.title, hit.snippet)

    `path` defaults to `default_archive_path()`; ":memory:" gives a private in-memory archive
    (tests). `readonly=True` opens an existing archive without ever writing to it.
    Raises ArchiveError naming the file when it is not an SQLite database, is corrupt, is
    another application's database, or was written by a newer newstrace.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, readonly: bool = False) -> None:
        self.readonly = readonly
        self.memory = str(path) == ":memory:"
        self.path: Path | None = None if self.memory else Path(path or default_archive_path()).expanduser()
        self._where = ":memory:" if self.path is None else str(self.path)
        self._db: sqlite3.Connection | None = None
        conn = self._connect()
        try:
            self._migrations = migrations.ensure_schema(conn, self._where, readonly=readonly)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise _open_error(self._where, exc) from exc
        except BaseException:
            conn.close()
            raise
        self._db = conn
        self._savepoints = 0
        # Document frequencies looked up by related(), kept for this Archive's lifetime
        # (see search.distinctive_terms for when an entry is refreshed).
        self._df_cache: dict[str, tuple[int, int]] = {}
        # Archived articles and their tokens used by provenance lookups (immutable rows).
        self._reuse_cache = reuse_index.ReuseCache()

    # -- connection ------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        where = self._where
        try:
            if self.path is None:
                conn = sqlite3.connect(":memory:", isolation_level=None)
            elif self.readonly:
                if not self.path.is_file():
                    raise ArchiveError(f"{where}: no archive there (opened read-only, so it is not created)")
                uri = self.path.resolve().as_uri() + "?mode=ro"
                conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
            else:
                if self.path.is_dir():
                    raise ArchiveError(f"{where}: is a directory; give a file name such as {self.path / 'archive.sqlite'}")
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error as exc:
            raise _open_error(where, exc) from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            # The first statement that touches the file: a non-SQLite file fails here.
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if not self.readonly and conn.execute("PRAGMA page_count").fetchone()[0] == 0:
                # A new file (the page size is fixed once the first table exists). 8 KiB:
                # most article rows (text + offsets, 2-6 KB) fit in one page without
                # overflow chains, and the whole schema stays in the first page.
                conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            if not self.readonly and self.path is not None:
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if mode.lower() != "wal":
                    log.warning("%s: could not switch to WAL journal (got %s); readers may wait for writers", where, mode)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA temp_store = MEMORY")
            conn.execute(f"PRAGMA cache_size = -{CACHE_KB}")
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise _open_error(where, exc) from exc
        return conn

    @property
    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            raise ArchiveError(f"{self._where}: the archive is closed; open a new Archive to use it")
        return self._db

    @property
    def connection(self) -> sqlite3.Connection:
        """The underlying connection, for newstrace modules that keep their own tables
        (created by a migration). Write only inside `atomic()`."""
        return self._conn

    def close(self) -> None:
        """Close the archive. Safe to call twice."""
        conn = getattr(self, "_db", None)
        if conn is None:
            return
        try:
            if not self.readonly and not conn.in_transaction:
                conn.execute("PRAGMA optimize")  # refresh planner statistics cheaply
        except sqlite3.Error as exc:  # closing must not fail because of housekeeping
            log.debug("%s: PRAGMA optimize failed: %s", self._where, exc)
        conn.close()
        self._db = None

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Archive({self._where!r}{', readonly=True' if self.readonly else ''})"

    @contextmanager
    def atomic(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (nested calls become savepoints). Commits on success, rolls
        back on any exception. IMMEDIATE, so a concurrent writer waits up to busy_timeout
        here instead of failing later at its first write."""
        if self.readonly:
            raise ArchiveError(f"{self._where}: opened read-only; open it without readonly=True to write")
        conn = self._conn
        if conn.in_transaction:
            self._savepoints += 1
            name = f"sp{self._savepoints}"
            conn.execute(f"SAVEPOINT {name}")
            try:
                yield conn
            except BaseException:
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
                raise
            else:
                conn.execute(f"RELEASE {name}")
            finally:
                self._savepoints -= 1
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    # -- writing ---------------------------------------------------------------------

    @_translating
    def add(self, article: Article) -> AddResult:
        """Store one article unless it is already there. Idempotent.

        Same id, or same URL with the same text → "duplicate" (nothing written).
        Same URL with a changed text → "new_version": stored, linked to the version it
        replaces (`version_of`), and the older one is marked superseded.
        Versions are ordered by arrival, not by their published dates.
        """
        _check_article(article)
        with self.atomic() as conn:
            return self._add_one(conn, article, _now())

    @_translating
    def ingest(
        self,
        items: Iterable[Article | Rejected],
        *,
        batch_size: int = 500,
        on_progress: Callable[[IngestSummary], None] | None = None,
    ) -> IngestSummary:
        """Add many articles, one transaction per batch; count rejections from the reader.

        Each batch is collected from `items` first (reading and extraction happen outside
        the write transaction), then written in one short transaction. A crash or kill
        loses at most the batch being written and never leaves part of an article; running
        the same ingest again skips what is stored and completes the rest.
        If `items` itself raises, the articles collected so far are committed before the
        exception propagates. `on_progress(summary)` is called after every batch.
        """
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {batch_size}")
        summary = IngestSummary()
        started = time.perf_counter()
        iterator = iter(items)
        done = False
        # Postings and full-text inserts land all over their B-trees: a larger page cache
        # while ingesting saves re-reading index pages: 50,000 synthetic articles (the
        # corpus of bench/spark_scaling.py) took 119.9 s with the 32 MB cache and 99.4 s
        # with 256 MB, run one after the other (112.9 / 87.9 s in an earlier pair). Back to
        # the default afterwards, so a long-lived process stays small.
        self.connection.execute(f"PRAGMA cache_size = -{INGEST_CACHE_KB}")
        try:
            self._ingest_batches(iterator, batch_size, summary, started, on_progress)
        finally:
            self.connection.execute(f"PRAGMA cache_size = -{CACHE_KB}")
        log.info(
            "%s: ingest done: %d added, %d new versions, %d duplicates, %d rejected in %.1fs",
            self._where, summary.added, summary.new_versions, summary.duplicates,
            sum(summary.rejected.values()), summary.seconds,
        )
        return summary

    def _ingest_batches(
        self,
        iterator: Iterator[Article | Rejected],
        batch_size: int,
        summary: IngestSummary,
        started: float,
        on_progress: Callable[[IngestSummary], None] | None,
    ) -> None:
        done = False
        while not done:
            batch: list[Article] = []
            error: BaseException | None = None
            try:
                while len(batch) < batch_size:
                    try:
                        item = next(iterator)
                    except StopIteration:
                        done = True
                        break
                    if isinstance(item, Article):
                        _check_article(item)
                        batch.append(item)
                    elif isinstance(item, Rejected):
                        summary.rejected[item.reason.value] += 1
                        if len(summary.rejected_examples) < MAX_REJECTED_EXAMPLES:
                            summary.rejected_examples.append(item)
                    else:
                        raise TypeError(
                            f"ingest() takes Article or Rejected items, got {type(item).__name__}: {item!r:.80}"
                        )
            except BaseException as exc:  # keep what was read, then re-raise
                error = exc
            if batch:
                self._write_batch(batch, summary)
            summary.seconds = time.perf_counter() - started
            if on_progress is not None and (batch or error is None):
                on_progress(summary)
            if error is not None:
                raise error

    def _write_batch(self, batch: list[Article], summary: IngestSummary) -> None:
        now = _now()
        counts: Counter[str] = Counter()
        with self.atomic() as conn:
            for article in batch:
                counts[self._add_one(conn, article, now).status] += 1
        # Counted only after COMMIT, so the summary never claims what a crash undid.
        summary.added += counts["added"]
        summary.duplicates += counts["duplicate"]
        summary.new_versions += counts["new_version"]
        summary.batches += 1

    def _add_one(self, conn: sqlite3.Connection, article: Article, now: str) -> AddResult:
        """Dedupe and version one article inside the caller's transaction."""
        content_hash = text_hash(article.text)
        # One round trip for the three questions (same id? same URL and text? current
        # version at this URL?): ingest speed is dominated by per-statement overhead.
        same_id, same_content, previous = conn.execute(
            _LOOKUP, (article.id, article.url, content_hash, article.url if _versioned_url(article.url) else None)
        ).fetchone()
        if same_id or same_content:
            return AddResult("duplicate", same_id or same_content)
        if previous:
            prev_rowid, prev_text = conn.execute("SELECT rowid, text FROM articles WHERE id = ?", (previous,)).fetchone()
            conn.execute("UPDATE articles SET superseded = 1 WHERE rowid = ?", (prev_rowid,))
            # Only the latest version is matched by provenance: a page is never its own source.
            reuse_index.remove_fingerprints(conn, prev_rowid, prev_text)
        self._insert(conn, article, content_hash=content_hash, version_of=previous, added_at=now)
        return AddResult("new_version" if previous else "added", article.id, previous)

    def _insert(
        self,
        conn: sqlite3.Connection,
        article: Article,
        *,
        content_hash: str,
        version_of: str | None,
        added_at: str,
        fingerprints: ArticleFingerprints | None = None,
        postings: bool = True,
    ) -> int:
        """Write one article row and everything indexed from it; return its rowid.

        This is the single place where an article enters the archive, always inside the
        caller's transaction. The FTS index is filled by a trigger in the same statement.
        Indexers that keep their own tables plug in HERE, after the row insert, using `conn`
        and the returned rowid, so that the article and its index entries commit or vanish
        together. They must not open or commit transactions themselves.

        The provenance fingerprints (newstrace.reuse.sqlite_index) are written here.
        `fingerprints` may be computed beforehand with `article_fingerprints` (bulk loaders
        do it in other processes); `postings=False` leaves the postings to the caller, who
        must insert them (sorted, `insert_postings`) before the index is used.
        """
        cur = conn.execute(
            _INSERT,
            (
                article.id,
                article.url,
                article.domain,
                article.site,
                article.title,
                _dumps(list(article.authors)),
                article.published,
                published_key(article.published),
                article.published_source,
                article.language,
                article.text,
                _dumps(article.paragraphs),
                _dumps(article.sentences),
                _dumps([b.to_dict() for b in article.boilerplate]),
                article.source,
                _dumps_extra(article),
                content_hash,
                added_at,
                version_of,
            ),
        )
        rowid = int(cur.lastrowid)  # type: ignore[arg-type]
        fp = fingerprints if fingerprints is not None else reuse_index.article_fingerprints(article)
        version = reuse_index.stored_version(conn)
        if version is not None and version.isdigit() and version != str(reuse_index.FINGERPRINT_VERSION):
            # Fingerprints of two versions cannot be compared: the index needs a rebuild.
            log.warning("%s: the reuse index is of another fingerprint version; run `newstrace archive reindex`", self._where)
            reuse_index.mark_stale(conn)
        reuse_index.write_fingerprints(conn, rowid, article.id, fp, postings=postings)
        return rowid

    # -- reading ---------------------------------------------------------------------

    @_translating
    def get(self, id: str) -> Article | None:
        """The article with this id, or with this unique id prefix (at least 6 characters).

        Returns None when nothing matches; raises InputError when a prefix is ambiguous.
        """
        if not isinstance(id, str):
            raise TypeError(f"article ids are strings, got {type(id).__name__}")
        row = self._conn.execute(_SELECT_ARTICLE + " WHERE id = ?", (id,)).fetchone()
        if row:
            return _row_to_article(row)
        if len(id) < MIN_ID_PREFIX:
            return None
        rows = self._conn.execute(
            _SELECT_ARTICLE + " WHERE id >= ? AND id < ? ORDER BY id LIMIT 3", (id, id + "\U0010ffff")
        ).fetchall()
        if len(rows) > 1:
            shown = ", ".join(r[0] for r in rows[:2]) + (", ..." if len(rows) > 2 else "")
            raise InputError(f"article id {id!r}", "ambiguous id prefix", f"matches {shown}; give more characters")
        return _row_to_article(rows[0]) if rows else None

    @_translating
    def __len__(self) -> int:
        """Number of stored articles, every version counted."""
        return int(self._conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    @_translating
    def __contains__(self, item: object) -> bool:
        """`id in archive` (exact id) or `article in archive` (adding it would be a duplicate)."""
        if isinstance(item, str):
            return self._conn.execute("SELECT 1 FROM articles WHERE id = ?", (item,)).fetchone() is not None
        if isinstance(item, Article):
            conn = self._conn
            if conn.execute("SELECT 1 FROM articles WHERE id = ?", (item.id,)).fetchone():
                return True
            return conn.execute(
                "SELECT 1 FROM articles WHERE url IS ? AND content_hash = ?", (item.url, text_hash(item.text))
            ).fetchone() is not None
        return False

    def articles(
        self,
        *,
        site: str | None = None,
        domain: str | None = None,
        since: DateLike | None = None,
        until: DateLike | None = None,
        limit: int | None = None,
        latest_only: bool = True,
        order: Literal["added", "newest", "oldest"] = "added",
    ) -> Iterator[Article]:
        """Stored articles, filtered, in the order they were added (or by publication date
        with order="newest"/"oldest"; undated articles come last).

        `site` matches `Article.site` or `Article.domain` exactly; `domain` matches only
        `Article.domain`. since/until bound the
        publication date, inclusive; a date (or "YYYY-MM-DD") as `until` includes that whole
        day; times with a UTC offset are compared in UTC; articles without a parseable date
        are left out whenever since or until is given. latest_only=False includes
        superseded versions. In "added" order it streams in pages, so no read snapshot is
        held between pages; date orders read one statement to the end.
        """
        # Validate now, not at the first next(): bad arguments fail where they are passed.
        where, params = filter_clauses(site=site, domain=domain, since=since, until=until, latest_only=latest_only)
        if order not in ("added", "newest", "oldest"):
            raise ValueError(f"order must be 'added', 'newest' or 'oldest', not {order!r}")
        return self._iter_articles(where, params, limit, order)

    def _iter_articles(self, where: list[str], params: list[Any], limit: int | None, order: str) -> Iterator[Article]:
        try:
            yield from self._iter_articles_unguarded(where, params, limit, order)
        except (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError):
            raise
        except sqlite3.DatabaseError as exc:
            raise _use_error(self._where, exc) from exc

    def _iter_articles_unguarded(
        self, where: list[str], params: list[Any], limit: int | None, order: str
    ) -> Iterator[Article]:
        if order == "added":
            for row in self._stream(ARTICLE_COLUMNS, where, params, limit):
                yield _row_to_article(row[:-1])
            return
        direction = "DESC" if order == "newest" else "ASC"
        sql = _SELECT_ARTICLE + (" WHERE " + " AND ".join(where) if where else "")
        sql += f" ORDER BY published_key IS NULL, published_key {direction}, rowid {direction}"
        if limit is not None:
            sql += " LIMIT ?"
            params = [*params, limit]
        cur = self._conn.execute(sql, params)
        while rows := cur.fetchmany(_PAGE):
            for row in rows:
                yield _row_to_article(row)

    def _stream(
        self, columns: Iterable[str], where: list[str], params: list[Any], limit: int | None = None
    ) -> Iterator[tuple[Any, ...]]:
        """Rows (the given columns + rowid last) in rowid order, fetched page by page."""
        cols = ", ".join(columns)
        sql = f"SELECT {cols}, rowid FROM articles WHERE rowid > ?"
        if where:
            sql += " AND " + " AND ".join(where)
        sql += " ORDER BY rowid LIMIT ?"
        last = 0
        remaining = limit
        while remaining is None or remaining > 0:
            page = _PAGE if remaining is None else min(_PAGE, remaining)
            rows = self._conn.execute(sql, [last, *params, page]).fetchall()
            if not rows:
                return
            yield from rows
            last = rows[-1][-1]
            if remaining is not None:
                remaining -= len(rows)
            if len(rows) < page:
                return

    @_translating
    def versions(self, url: str) -> list[Version]:
        """Every stored version of the article at `url`, oldest first."""
        rows = self._conn.execute(
            "SELECT " + ", ".join(ARTICLE_COLUMNS) + ", version_of, added_at, superseded "
            "FROM articles WHERE url = ? ORDER BY rowid",
            (url,),
        ).fetchall()
        n = len(ARTICLE_COLUMNS)
        return [
            Version(id=r[0], previous_id=r[n], added_at=r[n + 1], latest=not r[n + 2], article=_row_to_article(r[:n]))
            for r in rows
        ]

    @_translating
    def search(
        self,
        query: str,
        *,
        site: str | None = None,
        domain: str | None = None,
        since: DateLike | None = None,
        until: DateLike | None = None,
        limit: int = 10,
        latest_only: bool = True,
        raw: bool = False,
    ) -> list[SearchHit]:
        """Full-text search; see `newstrace.archive.search.search` for the query language."""
        from .search import search

        return search(
            self._conn, query, site=site, domain=domain, since=since, until=until,
            limit=limit, latest_only=latest_only, raw=raw,
        )

    @_translating
    def related(self, article: Article | str, *, limit: int = 10, latest_only: bool = True) -> list[SearchHit]:
        """Archived articles most related to `article` (an Article or a stored id); see
        `newstrace.archive.search.related`."""
        from .search import related

        if isinstance(article, str):
            found = self.get(article)
            if found is None:
                raise InputError(f"article id {article!r}", "not in the archive", f"archive {self._where}")
            article = found
        return related(self._conn, article, limit=limit, latest_only=latest_only, df_cache=self._df_cache)

    # -- provenance index --------------------------------------------------------------

    @_translating
    def reuse_index(self, *, df_cap: int | None = reuse_index.MAX_DF + 1) -> SqliteIndex:
        """The provenance fingerprint index of this archive (a `ReuseIndex`; keys are
        article ids), for `newstrace.reuse.trace` / `reuse_pairs`. Pass `lookup=index.lookup`
        and `token_cache=index.token_cache` to them. Raises ArchiveError asking for
        `newstrace archive reindex` when the stored fingerprints are stale or of another
        fingerprint version. `df_cap`: see SqliteIndex (keep it above the max_df in use).
        """
        reuse_index.require_current(self._conn, self._where)
        return reuse_index.SqliteIndex(self._conn, self._get_exact, cache=self._reuse_cache, df_cap=df_cap)

    def reuse_status(self) -> dict[str, Any]:
        """State of the provenance index: stored fingerprint version, whether it is usable,
        and how many articles it holds."""
        conn = self._conn
        stored = reuse_index.stored_version(conn)
        return {
            "fingerprint_version": stored,
            "code_fingerprint_version": reuse_index.FINGERPRINT_VERSION,
            "current": stored == str(reuse_index.FINGERPRINT_VERSION),
            "indexed_articles": conn.execute("SELECT count(*) FROM reuse_docs").fetchone()[0],
        }

    @_translating
    def reindex(
        self, *, batch_size: int = 500, on_progress: Callable[[int, int], None] | None = None
    ) -> int:
        """Rebuild the provenance fingerprints of every latest article and record the
        current fingerprint version; return the number of articles fingerprinted.

        One transaction per batch; readers refuse the index until the rebuild completes.
        An interrupted rebuild is resumed by calling reindex again (same version) rather
        than started over. `on_progress(done, total)` is called after every batch.
        """
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {batch_size}")
        with self.atomic() as conn:
            resumed = reuse_index.begin_rebuild(conn)
        conn = self._conn
        todo_sql = (
            "SELECT a.rowid FROM articles a LEFT JOIN reuse_docs d ON d.doc = a.rowid "
            "WHERE a.superseded = 0 AND d.doc IS NULL ORDER BY a.rowid"
        )
        todo = [r[0] for r in conn.execute(todo_sql)]
        total = len(todo) + (conn.execute("SELECT count(*) FROM reuse_docs").fetchone()[0] if resumed else 0)
        done = total - len(todo)
        log.info("%s: reindex: %d articles to fingerprint%s", self._where, len(todo), " (resumed)" if resumed else "")
        if on_progress is not None:
            on_progress(done, total)
        select = _SELECT_ARTICLE.replace("SELECT ", "SELECT rowid, ", 1)
        for i in range(0, len(todo), batch_size):
            ids = todo[i : i + batch_size]
            rows = conn.execute(select + f" WHERE rowid IN ({','.join('?' * len(ids))})", ids).fetchall()
            # Fingerprints are computed before the write transaction opens, so it stays short.
            work = [(row[0], _row_to_article(row[1:])) for row in rows]
            fps = [(rowid, art.id, reuse_index.article_fingerprints(art)) for rowid, art in work]
            with self.atomic() as wconn:
                for rowid, art_id, fp in fps:
                    # Another process may have superseded it (or indexed it) meanwhile.
                    fresh = wconn.execute(
                        "SELECT a.superseded = 0 AND d.doc IS NULL FROM articles a "
                        "LEFT JOIN reuse_docs d ON d.doc = a.rowid WHERE a.rowid = ?",
                        (rowid,),
                    ).fetchone()
                    if fresh and fresh[0]:
                        reuse_index.write_fingerprints(wconn, rowid, art_id, fp)
            done += len(ids)
            if on_progress is not None:
                on_progress(done, total)
        with self.atomic() as conn:
            reuse_index.finish_rebuild(conn)
        self._reuse_cache.clear()
        return done

    def _get_exact(self, id: str) -> Article | None:
        row = self._conn.execute(_SELECT_ARTICLE + " WHERE id = ?", (id,)).fetchone()
        return _row_to_article(row) if row else None

    @_translating
    def export(
        self, out_path: str | os.PathLike[str], format: str | None = None, *, latest_only: bool = False
    ) -> int:
        """Write every article to `out_path` as "jsonl", "csv" or "parquet" (default: from
        the file suffix); return the number written. See `newstrace.archive.export`."""
        from .export import export

        return export(self, out_path, format, latest_only=latest_only)

    @_translating
    def stats(self, *, top: int = 10) -> dict[str, Any]:
        """Counts and facts about the archive, JSON-serialisable."""
        conn = self._conn
        total, latest, versions, sites, domains, first, last = conn.execute(
            "SELECT count(*), sum(superseded = 0), sum(version_of IS NOT NULL), count(DISTINCT site), "
            "count(DISTINCT domain), min(published_key), max(published_key) FROM articles"
        ).fetchone()
        top_sites = conn.execute(
            "SELECT coalesce(site, domain, '(unknown)') AS s, count(*) AS n FROM articles "
            "WHERE superseded = 0 GROUP BY s ORDER BY n DESC, s LIMIT ?",
            (top,),
        ).fetchall()
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        page_count = conn.execute("PRAGMA page_count").fetchone()[0]
        size = page_size * page_count
        if self.path is not None:
            wal = Path(str(self.path) + "-wal")
            size_wal = wal.stat().st_size if wal.exists() else 0
        else:
            size_wal = 0
        return {
            "path": self._where,
            "articles": total,
            "latest_articles": latest or 0,
            "versions": versions or 0,
            "urls_with_versions": conn.execute(
                "SELECT count(DISTINCT url) FROM articles WHERE version_of IS NOT NULL"
            ).fetchone()[0],
            "sites": sites,
            "domains": domains,
            "published_first": first,
            "published_last": last,
            "top_sites": [[s, n] for s, n in top_sites],
            "db_bytes": size,
            "wal_bytes": size_wal,
            "reuse_index": self.reuse_status(),
            "schema_version": len(self._migrations),
            "migrations": list(self._migrations),
            "code_schema_version": migrations.schema_version(),
        }

    @_translating
    def check(self) -> list[str]:
        """Problems found by SQLite's integrity check and FTS5's index check; [] when sound.

        Reads the whole file: seconds per GB. The FTS check compares every indexed posting
        with the articles table, so it also catches an index that disagrees with the rows.
        """
        conn = self._conn
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key: {r}" for r in conn.execute("PRAGMA foreign_key_check")]
        problems += reuse_index.check_index(conn)
        try:
            conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as exc:
            if self.readonly and "readonly" in str(exc):
                log.info("%s: full-text index check skipped (needs a writable connection)", self._where)
            else:
                problems.append(f"full-text index does not match the articles table: {exc}")
        return problems


# -- helpers --------------------------------------------------------------------------


def text_hash(text: str) -> str:
    """Hash of an article's (normalised) text: same URL + same text_hash = same content."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def published_key(published: str | None) -> str | None:
    """A sortable form of an ISO publication date: "YYYY-MM-DD" for dates, and
    "YYYY-MM-DDTHH:MM:SS" in UTC for datetimes with an offset (naive ones kept as written).
    None when the value is not ISO 8601."""
    if not published:
        return None
    s = published.strip()
    if len(s) == 10:
        try:
            return date.fromisoformat(s).isoformat()
        except ValueError:
            return None
    try:
        dt = datetime.fromisoformat(s)
    except ValueError:
        try:
            return date.fromisoformat(s[:10]).isoformat()
        except ValueError:
            return None
    if dt.tzinfo is not None:
        try:
            dt = dt.astimezone(timezone.utc).replace(tzinfo=None)
        except OverflowError:  # year 1 or 9999 shifted out of range by its offset
            dt = dt.replace(tzinfo=None)
    return dt.isoformat(timespec="seconds")


def _bound(value: DateLike, *, upper: bool) -> tuple[str, str]:
    """(operator, key) for a since/until bound; a whole-day upper bound becomes '< next day'."""
    if isinstance(value, datetime):
        key = published_key(value.isoformat())
        day = None
    elif isinstance(value, date):
        key, day = value.isoformat(), value
    elif isinstance(value, str):
        key = published_key(value)
        day = date.fromisoformat(key) if key and len(key) == 10 else None
    else:
        raise TypeError(f"since/until take a date, datetime or ISO string, got {type(value).__name__}")
    if key is None:
        raise InputError(f"date {value!r}", "not an ISO 8601 date", "use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS")
    if not upper:
        return ">=", key
    if day is not None:
        return "<", (day + timedelta(days=1)).isoformat()
    return "<=", key


def filter_clauses(
    *,
    site: str | None = None,
    domain: str | None = None,
    since: DateLike | None = None,
    until: DateLike | None = None,
    latest_only: bool = True,
    table: str = "articles",
) -> tuple[list[str], list[Any]]:
    """SQL conditions (on `table`) and parameters shared by articles(), search(), export()."""
    where: list[str] = []
    params: list[Any] = []
    if latest_only:
        where.append(f"{table}.superseded = 0")
    if site is not None:
        # Users name a site by its name or by its domain; accept either.
        where.append(f"({table}.site = ? OR {table}.domain = ?)")
        params += [site, site]
    if domain is not None:
        where.append(f"{table}.domain = ?")
        params.append(domain)
    if since is not None:
        op, key = _bound(since, upper=False)
        where.append(f"{table}.published_key {op} ?")
        params.append(key)
    if until is not None:
        op, key = _bound(until, upper=True)
        where.append(f"{table}.published_key {op} ?")
        params.append(key)
    return where, params


def _versioned_url(url: str | None) -> bool:
    # Versions link texts seen at one address; without a real URL there is no address.
    return bool(url and url.strip())


def _check_article(article: Article) -> None:
    if not isinstance(article, Article):
        raise TypeError(f"expected an Article, got {type(article).__name__}")
    if not article.id:
        raise InputError(article.source or "article", "article has no id")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# Encoders built once: json.dumps with options builds a new encoder on every call.
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _jsonable(value: Any) -> Any:
    """A JSON-safe copy: dates as ISO text, sets and tuples as lists, keys and anything
    else unusual as text."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dict):
        return {k if isinstance(k, str) else str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _dumps_extra(article: Article) -> str:
    # `extra` is free-form metadata (and excluded from Article equality): values JSON
    # cannot hold are stored as text rather than failing the whole batch.
    try:
        return _dumps(article.extra)
    except (TypeError, ValueError):
        log.warning("%s: extra metadata is not plain JSON; unusual values stored as text", article.source or article.id)
        return _dumps(_jsonable(article.extra))


def _row_to_article(row: tuple[Any, ...]) -> Article:
    (id_, url, domain, site, title, authors, published, published_source, language, text,
     paragraphs, sentences, boilerplate, source, extra) = row
    return Article(
        text=text,
        title=title,
        url=url,
        domain=domain,
        site=site,
        authors=tuple(json.loads(authors)),
        published=published,
        published_source=published_source,
        language=language,
        paragraphs=tuple((b, e) for b, e in json.loads(paragraphs)),
        sentences=tuple((b, e) for b, e in json.loads(sentences)),
        boilerplate=tuple(Boilerplate(**b) for b in json.loads(boilerplate)),
        source=source,
        extra=json.loads(extra),
        id=id_,
    )


def _open_error(where: str, exc: BaseException) -> ArchiveError:
    msg = str(exc)
    if "not a database" in msg or "malformed" in msg or "corrupt" in msg:
        return ArchiveError(
            f"{where}: not a usable newstrace archive: the file is not an SQLite database or is "
            f"corrupt ({msg}); move it aside or choose another path"
        )
    if "unable to open" in msg:
        return ArchiveError(f"{where}: cannot open the archive file ({msg}); check the path and permissions")
    if "locked" in msg or "busy" in msg:
        return ArchiveError(f"{where}: the archive stayed locked by another process for {BUSY_TIMEOUT_MS // 1000}s ({msg})")
    return ArchiveError(f"{where}: cannot open the archive ({msg})")


def _use_error(where: str, exc: BaseException) -> ArchiveError:
    msg = str(exc)
    if "malformed" in msg or "not a database" in msg or "corrupt" in msg:
        return ArchiveError(
            f"{where}: the archive file is damaged ({msg}); `Archive.check()` lists the damage. "
            "Restore a backup, or re-ingest the sources into a new archive"
        )
    if "locked" in msg or "busy" in msg:
        return ArchiveError(
            f"{where}: another process kept the archive locked for more than {BUSY_TIMEOUT_MS // 1000}s ({msg}); "
            "try again when its ingest has finished"
        )
    if "readonly" in msg or "read-only" in msg:
        return ArchiveError(f"{where}: cannot write to the archive ({msg}); check file permissions")
    return ArchiveError(f"{where}: archive error: {msg}")
