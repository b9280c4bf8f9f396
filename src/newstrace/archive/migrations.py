"""Schema migrations: an ordered list of functions, each applied once and recorded.

To change the schema, append a new decorated function at the end of this file:

    @migration
    def m002_fingerprints(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE fingerprints (...)")

Rules that keep old archives readable:
- never edit or reorder a migration that has shipped; add a new one instead;
- names are recorded in the `migrations` table, so a rename looks like a new migration;
- each function runs inside the transaction that records it, so it must not COMMIT and must
  not use `executescript` (which commits first); run statements one by one with `execute`.

An archive that records a migration this code does not know was written by a newer
newstrace; opening it raises ArchiveError asking the user to upgrade rather than guessing.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable

from ..errors import ArchiveError

# "NTRC": lets us tell our archives apart from any other SQLite file a user points us at.
APPLICATION_ID = 0x4E545243


@dataclass(frozen=True)
class Migration:
    name: str
    apply: Callable[[sqlite3.Connection], None]


MIGRATIONS: list[Migration] = []


def migration(fn: Callable[[sqlite3.Connection], None]) -> Callable[[sqlite3.Connection], None]:
    """Register `fn` as the next schema migration (order = order of definition)."""
    if any(m.name == fn.__name__ for m in MIGRATIONS):
        raise ValueError(f"duplicate migration name {fn.__name__!r}")
    MIGRATIONS.append(Migration(fn.__name__, fn))
    return fn


def schema_version() -> int:
    """The schema version this code writes: the number of migrations it knows."""
    return len(MIGRATIONS)


def ensure_schema(conn: sqlite3.Connection, where: str, *, readonly: bool) -> list[str]:
    """Check the archive's schema and apply pending migrations; return applied names.

    `conn` must be in autocommit mode (isolation_level=None); migrations are applied in a
    single IMMEDIATE transaction, so two processes opening a fresh archive at once cannot
    both apply them, and a crash mid-upgrade leaves the archive at the old version.
    """
    applied = _applied(conn, where)
    _refuse_unknown(applied, where)
    pending = [m for m in MIGRATIONS if m.name not in applied]
    if not pending:
        return applied
    if readonly:
        raise ArchiveError(
            f"{where}: the archive uses schema version {len(applied)} but this newstrace writes "
            f"version {schema_version()}; open it once without read-only mode to upgrade it"
        )
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Re-read inside the write lock: another process may have upgraded meanwhile.
        applied = _applied(conn, where)
        _refuse_unknown(applied, where)
        conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations ("
            " name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for m in MIGRATIONS:
            if m.name in applied:
                continue
            m.apply(conn)
            conn.execute(
                "INSERT INTO migrations(name, applied_at) VALUES (?, ?)",
                (m.name, datetime.now(timezone.utc).isoformat(timespec="seconds")),
            )
            applied.append(m.name)
        conn.execute(f"PRAGMA user_version = {len(applied)}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return applied


def _applied(conn: sqlite3.Connection, where: str) -> list[str]:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "migrations" not in tables:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if tables and app_id != APPLICATION_ID:
            raise ArchiveError(
                f"{where}: this is an SQLite database but not a newstrace archive "
                f"(it has tables {', '.join(sorted(tables)[:5])}); choose another file"
            )
        return []
    return [r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY rowid")]


def _refuse_unknown(applied: list[str], where: str) -> None:
    known = {m.name for m in MIGRATIONS}
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise ArchiveError(
            f"{where}: the archive was written by a newer newstrace (schema version "
            f"{len(applied)}, unknown migrations: {', '.join(unknown)}); this one knows "
            f"version {schema_version()}. Upgrade with: pip install -U newstrace"
        )


# ---------------------------------------------------------------------------------------
# The migrations. Append only.
# ---------------------------------------------------------------------------------------


@migration
def m001_articles(conn: sqlite3.Connection) -> None:
    """Articles, their version chain per URL, and the full-text index.

    The FTS5 index uses external content (content='articles'): the text is stored once, in
    `articles`, and snippet()/highlight() read it from there. Triggers keep the index in step
    with the table inside the same statement, hence the same transaction, whoever writes:
    after a crash either both the row and its postings exist or neither does. Articles are
    immutable (only `superseded` ever changes, and it is not indexed), which is what makes
    external content safe: FTS5 deletes need the exact old values, and we always have them.
    """
    conn.execute(
        """
        CREATE TABLE articles (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            url TEXT,
            domain TEXT,
            site TEXT,
            title TEXT NOT NULL DEFAULT '',
            authors TEXT NOT NULL DEFAULT '[]',
            published TEXT,
            published_key TEXT,
            published_source TEXT,
            language TEXT,
            text TEXT NOT NULL,
            paragraphs TEXT NOT NULL DEFAULT '[]',
            sentences TEXT NOT NULL DEFAULT '[]',
            boilerplate TEXT NOT NULL DEFAULT '[]',
            source TEXT,
            extra TEXT NOT NULL DEFAULT '{}',
            content_hash TEXT NOT NULL,
            added_at TEXT NOT NULL,
            version_of TEXT REFERENCES articles(id),
            superseded INTEGER NOT NULL DEFAULT 0 CHECK (superseded IN (0, 1))
        )
        """
    )
    # (url, content_hash) serves both "same URL, same text" dedupe and lookups by URL.
    conn.execute("CREATE INDEX articles_url ON articles(url, content_hash)")
    conn.execute("CREATE INDEX articles_site ON articles(site, published_key)")
    conn.execute("CREATE INDEX articles_domain ON articles(domain, published_key)")
    conn.execute("CREATE INDEX articles_published ON articles(published_key)")
    conn.execute("CREATE INDEX articles_version_of ON articles(version_of)")
    conn.execute("CREATE VIEW latest_articles AS SELECT * FROM articles WHERE superseded = 0")
    # remove_diacritics 2 so "Lukashenko"/"Łukašenko"-style spellings and "cafe"/"café"
    # meet; no stemmer because the archive is multilingual and Porter is English-only.
    conn.execute(
        """
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text,
            content='articles', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2'
        )
        """
    )
    conn.execute(
        """
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END
        """
    )
    conn.execute(
        """
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END
        """
    )
    conn.execute(
        """
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END
        """
    )
    # Document frequencies for related(): one row per term with the number of documents.
    conn.execute("CREATE VIRTUAL TABLE articles_vocab USING fts5vocab(articles_fts, 'row')")


@migration
def m002_reuse_index(conn: sqlite3.Connection) -> None:
    """The provenance fingerprint index (postings by hash, site and article), its documents,
    sites and metadata; see newstrace.reuse.sqlite_index for the layout and why.

    An archive that already holds articles is marked stale: `newstrace archive reindex`
    fingerprints them (doing it here would hide minutes of work inside `Archive()`).
    """
    from ..reuse.sqlite_index import create_schema

    create_schema(conn)


@migration
def m003_reuse_pairs(conn: sqlite3.Connection) -> None:
    """Corpus-wide reuse (`newstrace reuse`): the passages shared by pairs of articles, and
    which articles have had their pairs computed, so a rerun only processes new articles.

    Each pair of articles is aligned once, from the one added later (see reuse_job.py), so
    a passage row's `a` is always the later-added article.
    """
    conn.execute(
        """
        CREATE TABLE reuse_pairs (
            a INTEGER NOT NULL REFERENCES articles(rowid),
            b INTEGER NOT NULL REFERENCES articles(rowid),
            a_begin INTEGER NOT NULL,
            a_end INTEGER NOT NULL,
            b_begin INTEGER NOT NULL,
            b_end INTEGER NOT NULL,
            kind TEXT NOT NULL,
            matched_words INTEGER NOT NULL,
            edits INTEGER NOT NULL,
            edit_ratio REAL NOT NULL,
            edit_level TEXT NOT NULL,
            a_credits_b INTEGER CHECK (a_credits_b IN (0, 1)),
            b_credits_a INTEGER CHECK (b_credits_a IN (0, 1))
        )
        """
    )
    conn.execute("CREATE INDEX reuse_pairs_ab ON reuse_pairs(a, b)")
    conn.execute("CREATE INDEX reuse_pairs_b ON reuse_pairs(b)")
    conn.execute(
        """
        CREATE TABLE reuse_processed (
            doc INTEGER PRIMARY KEY REFERENCES articles(rowid),
            processed_at TEXT NOT NULL
        )
        """
    )
