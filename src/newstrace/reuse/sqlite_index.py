"""The reuse index inside the SQLite archive: fingerprints written at ingest, read by `check`.

Storage (created by archive migration m002_reuse_index):

    reuse_postings(hash, site, doc, pos)  PRIMARY KEY (hash, site, doc, pos) WITHOUT ROWID
    reuse_docs(doc → articles.rowid, id, site, tokens, fingerprints)   one row per indexed article
    reuse_sites(id, site)                  site keys (provenance.site_key) as small integers
    reuse_meta(key, value)                 'fingerprint_version' of the stored fingerprints

Why this layout. Every question the kernels ask is a range scan of one primary key:
`postings(h)` reads the rows with prefix (h), `site_doc_freq(h, site)` the rows with prefix
(h, site), `doc_freq(h)` counts distinct docs under (h). Putting the site inside the key is
what keeps boilerplate detection cheap: counting one site's articles carrying a hash
never walks the other sites' postings, however common the hash is elsewhere. A WITHOUT
ROWID table stores each posting once, in key order (no separate index to keep in step).

Document frequencies are counted from the postings, not kept in a table of their own: a
maintained table costs one more random B-tree write per fingerprint at ingest (the
fingerprints already dominate ingest time) and about half the postings' size again,
while the kernels only compare a frequency with `max_df`. So the count for one hash stops
at `df_cap` (set from TraceSettings.max_df + 1 by `trace_in_archive` and the reuse job):
a stock phrase in 200,000 articles costs as much to look up as one in 501.
bench/provenance_speed.py measures this.

Only the latest version of a URL is indexed: when an article is superseded by a new
version, its postings are deleted in the same transaction, so no article is ever matched
against its own earlier text, and corrections do not count as reuse.

Keys are article ids (str), so provenance results name archived articles by their ids.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, MutableMapping, Sequence

import numpy as np

from ..article import Article
from ..errors import ArchiveError
from .candidates import MAX_DF
from .fingerprint import FINGERPRINT_VERSION, index_fingerprints
from .normalize import Tokens, tokenize
from .provenance import Provenance, TraceSettings, site_key, trace

log = logging.getLogger(__name__)

VERSION_KEY = "fingerprint_version"
BUILDING = "building:"  # prefix of the version value while `reindex` runs
STALE = "stale"  # fingerprints missing or of an unknown version
_CHUNK = 4000  # hashes per IN (...) list, well under SQLite's variable limit
NO_SITE = 0


@dataclass(frozen=True)
class ArticleFingerprints:
    """What the index stores for one article: its site key, token count and winnowed
    fingerprints (hash, word position). Computed by `article_fingerprints`, the one
    function every writer uses (ingest, reindex, bulk loaders)."""

    site: str | None
    tokens: int
    hashes: np.ndarray  # int64
    positions: np.ndarray  # int64

    def __len__(self) -> int:
        return int(self.hashes.shape[0])


def article_fingerprints(article: Article, tokens: Tokens | None = None) -> ArticleFingerprints:
    toks = tokens if tokens is not None else tokenize(article.text)
    fps = index_fingerprints(toks)
    return ArticleFingerprints(site_key(article), len(toks), fps.hashes, fps.positions)


# -- schema and metadata ----------------------------------------------------------------------


def create_schema(conn: sqlite3.Connection) -> None:
    """Tables of the reuse index (called by the archive migration; no COMMIT here).

    A fresh archive starts at the current fingerprint version; one that already holds
    articles is marked stale until `reindex` fingerprints them.
    """
    conn.execute("CREATE TABLE reuse_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("CREATE TABLE reuse_sites (id INTEGER PRIMARY KEY, site TEXT NOT NULL UNIQUE)")
    conn.execute(
        """
        CREATE TABLE reuse_docs (
            doc INTEGER PRIMARY KEY REFERENCES articles(rowid),
            id TEXT NOT NULL,
            site INTEGER NOT NULL,
            tokens INTEGER NOT NULL,
            fingerprints INTEGER NOT NULL
        )
        """
    )
    conn.execute("CREATE INDEX reuse_docs_id ON reuse_docs(id)")
    # No FOREIGN KEY on doc: on a table of ~100 rows per article it would cost a parent
    # lookup per posting at ingest and a full scan per deleted parent; rows are written and
    # removed only together with their reuse_docs row, which does carry the reference.
    conn.execute(
        """
        CREATE TABLE reuse_postings (
            hash INTEGER NOT NULL,
            site INTEGER NOT NULL,
            doc INTEGER NOT NULL,
            pos INTEGER NOT NULL,
            PRIMARY KEY (hash, site, doc, pos)
        ) WITHOUT ROWID
        """
    )
    has_articles = conn.execute("SELECT EXISTS (SELECT 1 FROM articles)").fetchone()[0]
    conn.execute(
        "INSERT INTO reuse_meta(key, value) VALUES (?, ?)",
        (VERSION_KEY, STALE if has_articles else str(FINGERPRINT_VERSION)),
    )


def stored_version(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM reuse_meta WHERE key = ?", (VERSION_KEY,)).fetchone()
    return row[0] if row else None


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO reuse_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def get_meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM reuse_meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def is_current(conn: sqlite3.Connection) -> bool:
    return stored_version(conn) == str(FINGERPRINT_VERSION)


def require_current(conn: sqlite3.Connection, where: str) -> None:
    """Raise ArchiveError unless the stored fingerprints are complete and of this version."""
    v = stored_version(conn)
    if v == str(FINGERPRINT_VERSION):
        return
    if v is not None and v.startswith(BUILDING):
        state = "a rebuild of the reuse index was interrupted"
    elif v == STALE or v is None:
        state = "the reuse index is incomplete (articles archived before it existed, or without fingerprints)"
    else:
        state = f"its reuse index was built with fingerprint version {v}, this newstrace uses version {FINGERPRINT_VERSION}"
    raise ArchiveError(f"{where}: {state}; rebuild it with: newstrace archive reindex --archive {where}")


# -- writing (inside the caller's transaction) -----------------------------------------------


def site_id(conn: sqlite3.Connection, site: str | None) -> int:
    """The integer for a site key, created on first use. Not cached in memory: a cached id
    would outlive a rolled-back transaction that created it."""
    if not site:
        return NO_SITE
    row = conn.execute("SELECT id FROM reuse_sites WHERE site = ?", (site,)).fetchone()
    if row:
        return int(row[0])
    return int(conn.execute("INSERT INTO reuse_sites(site) VALUES (?)", (site,)).lastrowid)  # type: ignore[arg-type]


def write_fingerprints(
    conn: sqlite3.Connection, doc: int, article_id: str, fp: ArticleFingerprints, *, postings: bool = True
) -> int:
    """Store one article's fingerprints under its rowid `doc`; return its site id.

    `postings=False` writes only the reuse_docs row (bulk loaders insert the postings
    afterwards, sorted, with `insert_postings`)."""
    sid = site_id(conn, fp.site)
    conn.execute(
        "INSERT INTO reuse_docs(doc, id, site, tokens, fingerprints) VALUES (?, ?, ?, ?, ?)",
        (doc, article_id, sid, fp.tokens, len(fp)),
    )
    if postings and len(fp):
        conn.executemany(
            "INSERT INTO reuse_postings(hash, site, doc, pos) VALUES (?, ?, ?, ?)",
            [(h, sid, doc, p) for h, p in zip(fp.hashes.tolist(), fp.positions.tolist())],
        )
    return sid


def insert_postings(conn: sqlite3.Connection, rows: Iterable[tuple[int, int, int, int]]) -> None:
    """Insert (hash, site, doc, pos) rows; fastest when they come sorted by key."""
    conn.executemany("INSERT INTO reuse_postings(hash, site, doc, pos) VALUES (?, ?, ?, ?)", rows)


def remove_fingerprints(conn: sqlite3.Connection, doc: int, text: str) -> None:
    """Delete an article's postings (it was superseded). The postings are found again from
    its text, so no index on `doc` is needed; rows of another fingerprint version are not
    found this way, but such an archive is marked for `reindex`, which rebuilds them all."""
    row = conn.execute("SELECT site FROM reuse_docs WHERE doc = ?", (doc,)).fetchone()
    if row is None:
        return
    sid = int(row[0])
    fps = index_fingerprints(tokenize(text))
    conn.executemany(
        "DELETE FROM reuse_postings WHERE hash = ? AND site = ? AND doc = ? AND pos = ?",
        [(h, sid, doc, p) for h, p in zip(fps.hashes.tolist(), fps.positions.tolist())],
    )
    conn.execute("DELETE FROM reuse_docs WHERE doc = ?", (doc,))


def begin_rebuild(conn: sqlite3.Connection) -> bool:
    """Start (or resume) a rebuild; True when it resumes one of this fingerprint version.

    A rebuild of the same version keeps what an interrupted run already wrote; anything
    else is dropped first."""
    v = stored_version(conn)
    if v == f"{BUILDING}{FINGERPRINT_VERSION}":
        return True
    conn.execute("DELETE FROM reuse_postings")
    conn.execute("DELETE FROM reuse_docs")
    set_meta(conn, VERSION_KEY, f"{BUILDING}{FINGERPRINT_VERSION}")
    return False


def finish_rebuild(conn: sqlite3.Connection) -> None:
    set_meta(conn, VERSION_KEY, str(FINGERPRINT_VERSION))


def mark_stale(conn: sqlite3.Connection) -> None:
    set_meta(conn, VERSION_KEY, STALE)


def check_index(conn: sqlite3.Connection) -> list[str]:
    """Problems in the reuse index: latest articles without fingerprints (when the index
    claims to be complete), fingerprints of superseded or missing articles, postings that
    disagree with their document's count. Reads every posting: as slow as an integrity check."""
    problems: list[str] = []
    if is_current(conn):
        n = conn.execute(
            "SELECT count(*) FROM articles a LEFT JOIN reuse_docs d ON d.doc = a.rowid "
            "WHERE a.superseded = 0 AND d.doc IS NULL"
        ).fetchone()[0]
        if n:
            problems.append(f"reuse index: {n} latest article(s) have no fingerprints; run `newstrace archive reindex`")
    n = conn.execute(
        "SELECT count(*) FROM reuse_docs d LEFT JOIN articles a ON a.rowid = d.doc "
        "WHERE a.rowid IS NULL OR a.superseded = 1 OR a.id != d.id"
    ).fetchone()[0]
    if n:
        problems.append(f"reuse index: {n} fingerprinted document(s) are superseded, missing or renamed")
    bad, missing = conn.execute(
        "WITH c AS MATERIALIZED (SELECT doc, count(*) AS n FROM reuse_postings GROUP BY doc) SELECT "
        "(SELECT count(*) FROM c LEFT JOIN reuse_docs d ON d.doc = c.doc WHERE d.doc IS NULL OR d.fingerprints != c.n), "
        "(SELECT count(*) FROM reuse_docs d LEFT JOIN c ON c.doc = d.doc WHERE d.fingerprints > 0 AND c.doc IS NULL)"
    ).fetchone()
    if bad or missing:
        problems.append(f"reuse index: postings of {bad + missing} document(s) disagree with their fingerprint counts")
    return problems


# -- reading ---------------------------------------------------------------------------------


class LRU(MutableMapping[Any, Any]):
    """A small bounded mapping (least recently used entries leave first)."""

    def __init__(self, size: int) -> None:
        self.size = max(1, size)
        self._d: OrderedDict[Any, Any] = OrderedDict()

    def __getitem__(self, key: Any) -> Any:
        value = self._d[key]
        self._d.move_to_end(key)
        return value

    def get(self, key: Any, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def __setitem__(self, key: Any, value: Any) -> None:
        self._d[key] = value
        self._d.move_to_end(key)
        while len(self._d) > self.size:
            self._d.popitem(last=False)

    def __delitem__(self, key: Any) -> None:
        del self._d[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._d)

    def __len__(self) -> int:
        return len(self._d)

    def clear(self) -> None:
        self._d.clear()


class ReuseCache:
    """Archived articles and their tokens, kept between lookups (both are immutable once
    archived, so entries never go stale). Bounded; `clear()` empties it."""

    def __init__(self, size: int = 2048) -> None:
        self.articles = LRU(size)
        self.tokens = LRU(size)

    def clear(self) -> None:
        self.articles.clear()
        self.tokens.clear()

    def resize(self, size: int) -> None:
        self.articles.size = self.tokens.size = max(1, size)


class SqliteIndex:
    """`ReuseIndex` over an archive's tables; keys are article ids.

    Made by `Archive.reuse_index()`, which checks the fingerprint version first. `lookup`
    (pass it to `trace`) returns archived Articles through a bounded cache; `token_cache`
    is the matching cache of their tokens. `df_cap`: document frequencies are counted up
    to this many documents (None: exactly); set it above the `max_df` in use.
    """

    fingerprint_version = FINGERPRINT_VERSION

    def __init__(
        self,
        conn: sqlite3.Connection,
        fetch: Callable[[str], Article | None],
        *,
        cache: ReuseCache | None = None,
        df_cap: int | None = MAX_DF + 1,
    ) -> None:
        self._conn = conn
        self._fetch = fetch
        self.cache = cache if cache is not None else ReuseCache()
        self.df_cap = df_cap
        # When set, postings() only returns these articles (rowids): a corpus job that has
        # already chosen the pairs to align skips reading everybody else's postings.
        self.only_docs: set[int] | None = None
        self._doc_of: dict[str, int] = {}

    @property
    def connection(self) -> sqlite3.Connection:
        return self._conn

    @property
    def token_cache(self) -> MutableMapping[Any, Tokens]:
        return self.cache.tokens

    def __len__(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM reuse_docs").fetchone()[0])

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.doc_of(key) is not None

    def lookup(self, key: Any) -> Article | None:
        """The archived Article with this id (cached), or None."""
        art = self.cache.articles.get(key)
        if art is None:
            art = self._fetch(key)
            if art is not None:
                self.cache.articles[key] = art
        return art

    def doc_of(self, key: str) -> int | None:
        """The article rowid behind a key, if the article is indexed."""
        doc = self._doc_of.get(key)
        if doc is None:
            row = self._conn.execute("SELECT doc FROM reuse_docs WHERE id = ?", (key,)).fetchone()
            if row is None:
                return None
            doc = self._remember(key, int(row[0]))
        return doc

    def key_of(self, doc: int) -> str | None:
        """The id of the indexed article with this rowid, or None."""
        row = self._conn.execute("SELECT id FROM reuse_docs WHERE doc = ?", (int(doc),)).fetchone()
        return None if row is None else str(row[0])

    def _remember(self, key: str, doc: int) -> int:
        if len(self._doc_of) > 500_000:  # bounded: ids seen in postings accumulate
            self._doc_of.clear()
        self._doc_of[key] = doc
        return doc

    def doc_freq(self, hashes: Sequence[int]) -> dict[int, int]:
        return self.doc_freq_capped(hashes, self.df_cap)

    def doc_freq_capped(self, hashes: Sequence[int], cap: int | None) -> dict[int, int]:
        """Document frequencies counted up to `cap` (None: exactly)."""
        out: dict[int, int] = {}
        for chunk in _chunks(_unique(hashes)):
            values = ",".join("(?)" for _ in chunk)
            if cap is None:
                sql = (
                    f"WITH q(h) AS (VALUES {values}) SELECT h, (SELECT count(DISTINCT doc) "
                    "FROM reuse_postings WHERE hash = q.h) FROM q"
                )
                params: list[int] = list(chunk)
            else:
                # Distinct docs counted only up to the cap: the scan of a hash stops there.
                sql = (
                    f"WITH q(h) AS (VALUES {values}) SELECT h, (SELECT count(*) FROM "
                    "(SELECT DISTINCT doc FROM reuse_postings WHERE hash = q.h LIMIT ?)) FROM q"
                )
                params = [*chunk, cap]  # the LIMIT placeholder follows the VALUES ones
            for h, n in self._conn.execute(sql, params):
                if n:
                    out[h] = n
        return out

    def postings(self, hashes: Sequence[int]) -> dict[int, list[tuple[str, int]]]:
        out: dict[int, list[tuple[str, int]]] = {}
        remember = self._remember
        only = sorted(self.only_docs) if self.only_docs is not None else None
        if only is not None and not only:
            return out
        restrict = f" AND p.doc IN ({','.join('?' * len(only))})" if only else ""
        for chunk in _chunks(_unique(hashes)):
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                "SELECT p.hash, p.doc, d.id, p.pos FROM reuse_postings p JOIN reuse_docs d ON d.doc = p.doc "
                f"WHERE p.hash IN ({marks}){restrict}",
                [*chunk, *(only or ())],
            )
            seen: set[int] = set()
            for h, doc, key, pos in rows:
                lst = out.get(h)
                if lst is None:
                    lst = out[h] = []
                lst.append((key, pos))
                if doc not in seen:
                    seen.add(doc)
                    remember(key, doc)
        return out

    def site_doc_freq(self, hashes: Sequence[int], site: str, exclude: Any = None) -> dict[int, int]:
        out: dict[int, int] = {}
        if not site:
            return out
        row = self._conn.execute("SELECT id FROM reuse_sites WHERE site = ?", (site,)).fetchone()
        if row is None:
            return out
        sid = int(row[0])
        skip = self.doc_of(exclude) if isinstance(exclude, str) else None
        for chunk in _chunks(_unique(hashes)):
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                "SELECT hash, count(DISTINCT doc) FROM reuse_postings "
                f"WHERE hash IN ({marks}) AND site = ? AND doc != ? GROUP BY hash",
                [*chunk, sid, -1 if skip is None else skip],
            )
            for h, n in rows:
                out[h] = n
        return out

    def self_key(self, article: Article) -> str | None:
        """The key to exclude when tracing `article`: its own id when it is archived and
        indexed, else the indexed version at its URL (an earlier text of the same page is
        not a source of it)."""
        if self.doc_of(article.id) is not None:
            return article.id
        if article.url and article.url.strip():
            row = self._conn.execute(
                "SELECT d.id FROM articles a JOIN reuse_docs d ON d.doc = a.rowid "
                "WHERE a.url = ? AND a.superseded = 0 ORDER BY a.rowid DESC LIMIT 1",
                (article.url,),
            ).fetchone()
            if row:
                return str(row[0])
        return None


# -- the index as arrays (corpus jobs) ----------------------------------------------------------


ARRAY_NAMES = ("h", "s", "d", "p", "u", "us", "ue", "udf", "gs", "gh", "gn")


def index_arrays(conn: sqlite3.Connection) -> dict[str, np.ndarray]:
    """Every posting of the index as numpy arrays, with per-hash and per-(site, hash) counts.

    h, s, d, p: postings sorted by (hash, site, doc, pos), as stored.
    u, us, ue, udf: distinct hashes, their row ranges [us, ue) and document frequencies.
    gs, gh, gn: (site, hash) groups sorted by site then hash, with their distinct documents.
    About 30 bytes per posting (~3.4 KB per article)."""
    parts: dict[str, list[np.ndarray]] = {"h": [], "s": [], "d": [], "p": []}
    cur = conn.execute("SELECT hash, site, doc, pos FROM reuse_postings ORDER BY hash, site, doc, pos")
    while True:
        rows = cur.fetchmany(250_000)
        if not rows:
            break
        a = np.array(rows, dtype=np.int64)
        for j, name in enumerate("hsdp"):
            parts[name].append(a[:, j])
    cat = {k: (np.concatenate(v) if v else np.zeros(0, dtype=np.int64)) for k, v in parts.items()}
    h, s, d, p = cat["h"], cat["s"].astype(np.int32), cat["d"], cat["p"].astype(np.int32)
    n = h.shape[0]
    new_hash = np.ones(n, dtype=bool)
    new_hash[1:] = h[1:] != h[:-1]
    new_group = new_hash.copy()
    new_group[1:] |= s[1:] != s[:-1]
    new_triple = new_group.copy()
    new_triple[1:] |= d[1:] != d[:-1]
    triple = new_triple.astype(np.int64)
    us = np.nonzero(new_hash)[0]
    ue = np.append(us[1:], n)
    udf = np.add.reduceat(triple, us) if n else np.zeros(0, dtype=np.int64)
    gstart = np.nonzero(new_group)[0]
    gn = np.add.reduceat(triple, gstart) if n else np.zeros(0, dtype=np.int64)
    gh, gs = h[gstart], s[gstart]
    order = np.lexsort((gh, gs))
    return {
        "h": h, "s": s, "d": d, "p": p,
        "u": h[us], "us": us, "ue": ue, "udf": udf,
        "gs": gs[order], "gh": gh[order], "gn": gn[order],
    }


class ArrayIndex:
    """`ReuseIndex` over `index_arrays` (a read-only snapshot; keys are article ids).

    What corpus-wide jobs use instead of SqliteIndex: the same answers (exact document
    frequencies) without a query per article. Arrays may be memory-mapped files shared
    by worker processes. `only_docs` restricts postings as in SqliteIndex; `doc_hashes`
    gives an article's indexed hashes (for `exclude` in site_doc_freq)."""

    fingerprint_version = FINGERPRINT_VERSION

    def __init__(
        self,
        arrays: dict[str, np.ndarray],
        docs: dict[int, tuple[str, int]],
        sites: dict[str, int],
        fetch: Callable[[str], Article | None],
        *,
        cache: ReuseCache | None = None,
    ) -> None:
        self.a = arrays
        self._docs = docs  # rowid -> (id, site id)
        self._doc_of_key = {key: doc for doc, (key, _) in docs.items()}
        self._sites = sites
        self._fetch = fetch
        self.cache = cache if cache is not None else ReuseCache()
        self.only_docs: set[int] | None = None
        self._site_ranges: dict[int, tuple[int, int]] = {}

    @classmethod
    def from_archive_conn(
        cls, conn: sqlite3.Connection, fetch: Callable[[str], Article | None], arrays: dict[str, np.ndarray] | None = None
    ) -> "ArrayIndex":
        docs = {int(d): (str(k), int(s)) for d, k, s in conn.execute("SELECT doc, id, site FROM reuse_docs")}
        sites = {str(name): int(i) for i, name in conn.execute("SELECT id, site FROM reuse_sites")}
        return cls(arrays if arrays is not None else index_arrays(conn), docs, sites, fetch)

    @property
    def token_cache(self) -> MutableMapping[Any, Tokens]:
        return self.cache.tokens

    def __len__(self) -> int:
        return len(self._docs)

    def __contains__(self, key: object) -> bool:
        return key in self._doc_of_key

    def doc_of(self, key: Any) -> int | None:
        return self._doc_of_key.get(key)

    def key_of(self, doc: int) -> str | None:
        got = self._docs.get(int(doc))
        return None if got is None else got[0]

    def lookup(self, key: Any) -> Article | None:
        art = self.cache.articles.get(key)
        if art is None:
            art = self._fetch(key)
            if art is not None:
                self.cache.articles[key] = art
        return art

    def _find(self, hashes: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        q = np.fromiter(_unique(hashes), dtype=np.int64)
        u = self.a["u"]
        i = np.searchsorted(u, q)
        i = np.minimum(i, max(0, u.shape[0] - 1))
        found = (u.shape[0] > 0) & (u[i] == q) if u.shape[0] else np.zeros(q.shape[0], dtype=bool)
        return q[found], i[found]

    def doc_freq(self, hashes: Sequence[int]) -> dict[int, int]:
        q, i = self._find(hashes)
        return dict(zip(q.tolist(), self.a["udf"][i].tolist()))

    def postings(self, hashes: Sequence[int]) -> dict[int, list[tuple[str, int]]]:
        out: dict[int, list[tuple[str, int]]] = {}
        if self.only_docs is not None and not self.only_docs:
            return out
        _, i = self._find(hashes)
        if i.shape[0] == 0:
            return out
        start, end = self.a["us"][i], self.a["ue"][i]
        lens = end - start
        total = int(lens.sum())
        # The row numbers of all ranges [start, end), concatenated.
        rows = np.arange(total) - np.repeat(np.cumsum(lens) - lens, lens) + np.repeat(start, lens)
        docs = self.a["d"][rows]
        if self.only_docs is not None:
            keep = np.isin(docs, np.fromiter(self.only_docs, dtype=np.int64))
            rows, docs = rows[keep], docs[keep]
        info = self._docs
        for h, doc, pos in zip(self.a["h"][rows].tolist(), docs.tolist(), self.a["p"][rows].tolist()):
            lst = out.get(h)
            if lst is None:
                lst = out[h] = []
            lst.append((info[doc][0], pos))
        return out

    def _site_range(self, sid: int) -> tuple[int, int]:
        r = self._site_ranges.get(sid)
        if r is None:
            gs = self.a["gs"]
            # The key in the array's own dtype: a Python int would make numpy convert (copy)
            # the whole int32 array to int64 on every call (14 ms at 5M postings).
            key = gs.dtype.type(sid)
            r = self._site_ranges[sid] = (int(np.searchsorted(gs, key, "left")), int(np.searchsorted(gs, key, "right")))
        return r

    def site_doc_freq(self, hashes: Sequence[int], site: str, exclude: Any = None) -> dict[int, int]:
        sid = self._sites.get(site) if site else None
        if sid is None:
            return {}
        lo, hi = self._site_range(sid)
        if lo == hi:
            return {}
        gh = self.a["gh"][lo:hi]
        q = np.fromiter(_unique(hashes), dtype=np.int64)
        i = np.minimum(np.searchsorted(gh, q), hi - lo - 1)
        found = gh[i] == q
        q, n = q[found], self.a["gn"][lo:hi][i[found]]
        ex = self._doc_of_key.get(exclude) if exclude is not None else None
        if ex is not None and self._docs[ex][1] == sid:
            n = n - np.isin(q, self.doc_hashes(ex))
        return {h: c for h, c in zip(q.tolist(), n.tolist()) if c > 0}

    def doc_hashes(self, doc: int) -> np.ndarray:
        """The indexed hashes of one article, recomputed from its text (same function as
        at ingest, so the same values)."""
        key = self._docs[doc][0]
        art = self.lookup(key)
        if art is None:
            return np.zeros(0, dtype=np.int64)
        from .provenance import tokens_for

        return index_fingerprints(tokens_for(key, art, self.token_cache)).hashes


def save_arrays(arrays: dict[str, np.ndarray], folder: str) -> None:
    import os

    for name in ARRAY_NAMES:
        np.save(os.path.join(folder, f"{name}.npy"), arrays[name])


def load_arrays(folder: str, *, mmap: bool = True) -> dict[str, np.ndarray]:
    import os

    return {name: np.load(os.path.join(folder, f"{name}.npy"), mmap_mode="r" if mmap else None) for name in ARRAY_NAMES}


def trace_in_archive(article: Article, archive: Any, *, settings: TraceSettings | None = None) -> Provenance:
    """Where did `article`'s text come from, according to `archive` (an open Archive)?

    Uses the archive's fingerprint index (ArchiveError asking for `newstrace archive
    reindex` when it is stale). An archived article is traced excluding itself; an
    article whose URL is archived (another version of the page) excluding that version.
    """
    cfg = settings or TraceSettings()
    index: SqliteIndex = archive.reuse_index(df_cap=cfg.max_df + 1)
    return trace(
        article,
        index,
        lookup=index.lookup,
        self_key=index.self_key(article),
        settings=cfg,
        token_cache=index.token_cache,
    )


def _unique(hashes: Sequence[int]) -> list[int]:
    # The kernels pass Python ints (from .tolist()); anything else (numpy ints, which
    # sqlite3 cannot bind) is converted.
    if isinstance(hashes, list) and all(type(h) is int for h in hashes):
        return list(dict.fromkeys(hashes))
    return list(dict.fromkeys(int(h) for h in hashes))


def _chunks(items: list[int]) -> Iterator[list[int]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]
