"""Corpus-wide reuse over the archive (`newstrace reuse`): pairs, clusters, the copy network.

Each pair of articles is aligned once, from the article added LATER (higher rowid), with
`reuse_pairs(..., accept=...)`. So processing article k means: align k with the
candidates added before it. Which articles were processed in which run then does not
matter: whenever k is processed, every earlier article is already in the index (it was
fingerprinted when it was archived), and every later article will pair with k when it is
processed itself. An incremental run processes only articles not processed before and
stores the pairs a full run would (up to document frequencies, which are those of the
archive when a pair is computed; `full=True` recomputes with today's).

Which candidates are aligned: `PairRule` (shared winnowed fingerprints, then a screen on
all shared word n-grams). Most articles share no evidence with any older article and are
never tokenised or aligned; the others are aligned, by the kernels, with just the
candidates that pass. The evidence is
read per article from the index (small runs) or for all articles at once from the
postings with numpy (large runs); both give the same candidates.

Pair passages and the processed set are stored in the archive (migration
m003_reuse_pairs), one transaction per chunk of articles, so an interrupted run resumes
where it stopped. Clusters and the site network are rebuilt from all stored pairs on every
run (cheap, linear). Stored pairs are dropped and recomputed when the fingerprint
version, the TraceSettings or the PairRule change, or with `full=True`.

Large runs use worker processes (2 by default), each with its own read-only connection;
the main process does all writing (one writer, as everywhere in the archive).
"""

from __future__ import annotations

import json
import logging
import multiprocessing as mp
import os
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from .errors import ArchiveError
from .reuse.clusters import Cluster, DocInfo, SiteEdge, build_clusters, site_network
from .reuse.corpus import PairPassage, reuse_pairs
from .reuse.align import MIN_WORDS
from .reuse.fingerprint import FINGERPRINT_VERSION, NGRAM, hash_ngrams, ngram_hashes
from .reuse.normalize import token_hashes
from .reuse.provenance import TraceSettings
from .reuse.sqlite_index import (
    LRU,
    ArrayIndex,
    ReuseCache,
    SqliteIndex,
    get_meta,
    index_arrays,
    load_arrays,
    save_arrays,
    set_meta,
)

if TYPE_CHECKING:
    from .archive import Archive

log = logging.getLogger(__name__)

PARALLEL_MIN = 2000  # articles to process before worker processes pay for their start-up
BULK_MIN = 2000  # articles to process before reading all postings once beats per-article queries
CHUNK = 100  # articles per work unit and per write transaction
WORKER_CACHE = 4096  # archived articles (and their tokens) kept per process
CONFIG_KEY = "pairs_config"

_PAIR_COLUMNS = (
    "a, b, a_begin, a_end, b_begin, b_end, kind, matched_words, edits, edit_ratio, edit_level, "
    "a_credits_b, b_credits_a"
)


@dataclass
class ReuseRun:
    """What `run_reuse` did and found."""

    articles: int  # latest fingerprinted articles in scope (published since `since`, if given)
    processed: int  # articles whose pairs were computed by this run
    already: int  # articles in scope whose pairs were stored by an earlier run
    pairs_added: int  # pair passages stored by this run
    pairs: int  # pair passages in scope, clustered
    clusters: list[Cluster]
    network: list[SiteEdge]
    docs: dict[str, DocInfo]
    seconds: float
    workers: int
    full: bool
    since: str | None = None
    pair_seconds: float = 0.0  # of which computing pairs
    notes: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        kinds: dict[str, int] = {}
        for c in self.clusters:
            kinds[c.kind] = kinds.get(c.kind, 0) + 1
        return {
            "articles": self.articles,
            "processed": self.processed,
            "already_processed": self.already,
            "pairs_added": self.pairs_added,
            "pairs": self.pairs,
            "clusters": len(self.clusters),
            "clusters_by_kind": kinds,
            "site_edges": len(self.network),
            "seconds": round(self.seconds, 3),
            "pair_seconds": round(self.pair_seconds, 3),
            "workers": self.workers,
            "full": self.full,
            "since": self.since,
            "notes": list(self.notes),
        }


# -- which pairs are aligned ------------------------------------------------------------------


@dataclass(frozen=True)
class PairRule:
    """Which pairs of articles are aligned at all (a prefilter; alignment decides).

    Evidence for a pair is the number of *winnowed* fingerprints both articles carry,
    counting only fingerprints in at most `max_df` articles (stock phrases are no
    evidence) and not counting a site's furniture (a fingerprint carried by `site_docs`
    or more articles of one site, in those articles). A pair is aligned when it has at
    least `min_shared` of them. Any shared run of 7 identical words (with content words)
    carries at least one winnowed fingerprint in both texts (fingerprint.py), so
    min_shared=1 keeps every pair linked by such a run whose fingerprint is not a stock
    phrase; 2 (the default) also drops pairs whose only link is one short phrase, which is
    most of the work on a large archive. Measured by bench/reuse_speed.py on 10,000 /
    100,000 synthetic articles: min_shared 2 recalls 98.9% / 96.2% of the planted
    (original, copy) pairs, 3 recalls 97.6% / 95.6% in a third of the time.
    `trace` (check) is not affected.
    """

    min_shared: int = 2
    max_df: int = 100
    site_docs: int = 4
    min_grams: int = MIN_WORDS - NGRAM + 1

    def screen(self, index: Any, key: str, docs: set[int]) -> set[int]:
        """The candidates (rowids) worth aligning with article `key`: those sharing at
        least `min_grams` distinct word n-grams with it, all n-grams of both texts counted
        (not just the winnowed, indexed ones; stop-word n-grams included).

        Why: most candidate pairs of a large archive are unrelated articles that share one
        short phrase ("published by The Harbor Voice", "the al-Qaida-linked Nusra Front");
        their number grows with the square of the corpus (at 50,000 synthetic articles 74% of
        the 50,288 candidate pairs share exactly one such phrase), and loading and aligning
        each cost several times this check. An identical run of MIN_WORDS words, the
        shortest passage that establishes a pair, holds MIN_WORDS - NGRAM + 1 distinct
        n-grams. Measured with bench/reuse_speed.py --sizes 10000,50000,100000 --min-grams 5,0
        (2 workers, 10k / 50k / 100k articles): 5.1 / 32.5 / 78.2 s with the screen against
        5.6 / 82.1 / 182.2 s without; of 10,513 article pairs with passages at 50,000 articles, 44 are lost:
        39 unrelated articles sharing an 8-11-word run, and 5 planted copies with 30-50% of
        their words edited. The check of one article (`trace`) is not screened.
        `min_grams` 0 turns the screen off."""
        if self.min_grams <= 0 or not docs:
            return docs
        mine = _grams(index, key)
        if mine is None:
            return set()
        mine_set = set(mine.tolist())
        kept = set()
        for doc in docs:
            other_key = index.key_of(doc)
            theirs = _grams(index, other_key) if other_key is not None else None
            if theirs is not None and len(mine_set.intersection(theirs.tolist())) >= self.min_grams:
                kept.add(doc)
        return kept

    @classmethod
    def for_settings(cls, cfg: TraceSettings, min_shared: int = 2, min_grams: int | None = None) -> "PairRule":
        # The kernels call a text site furniture when 3 *other* articles of the site carry it.
        rule = cls(min_shared=max(1, min_shared), site_docs=cfg.boilerplate_site_docs + 1)
        if min_grams is not None:
            rule = replace(rule, min_grams=max(0, min_grams))
        return rule


GRAM_CACHE = 16384  # articles whose n-gram hashes the screen keeps per process (~2.4 KB each)


def _grams(index: Any, key: str) -> Any:
    """All n-gram hashes of an indexed article (None if it is gone), for `PairRule.screen`:
    from its tokens when they are cached, else from a quick hash-only tokenisation; kept
    in a bounded cache on the index (articles come back as candidates of many others)."""
    cache = getattr(index, "_screen_grams", None)
    if cache is None:
        cache = LRU(GRAM_CACHE)
        index._screen_grams = cache
    got = cache.get(key)
    if got is None:
        tokens = index.token_cache.get(key)
        if tokens is not None:
            got = ngram_hashes(tokens)
        else:
            art = index.lookup(key)
            if art is None:
                return None
            got = hash_ngrams(token_hashes(art.text))
        cache[key] = got
    return got


def sql_candidates(index: SqliteIndex, doc: int, key: str, rule: PairRule) -> set[int]:
    """Older articles (rowids) sharing enough evidence with article `doc`, from the index."""
    from .reuse.fingerprint import index_fingerprints
    from .reuse.provenance import tokens_for

    art = index.lookup(key)
    if art is None:
        return set()
    conn = index.connection
    row = conn.execute("SELECT site FROM reuse_docs WHERE doc = ?", (doc,)).fetchone()
    if row is None:
        return set()
    own_site = int(row[0])
    hashes = list(dict.fromkeys(index_fingerprints(tokens_for(key, art, index.token_cache)).hashes.tolist()))
    df = index.doc_freq_capped(hashes, rule.max_df + 1)
    evidence = [h for h in hashes if 2 <= df.get(h, 0) <= rule.max_df]
    groups: dict[tuple[int, int], list[int]] = {}
    for i in range(0, len(evidence), 900):
        part = evidence[i : i + 900]
        for h, site, d in conn.execute(
            f"SELECT DISTINCT hash, site, doc FROM reuse_postings WHERE hash IN ({','.join('?' * len(part))})", part
        ):
            groups.setdefault((h, site), []).append(d)
    valid: dict[int, list[int]] = {}
    for (h, site), docs in groups.items():
        if len(docs) < rule.site_docs:
            valid.setdefault(h, []).extend(docs)
    shared: dict[int, int] = {}
    for h, docs in valid.items():
        if len(groups.get((h, own_site), ())) >= rule.site_docs:
            continue  # furniture of this article's own site
        for d in docs:
            if d < doc:
                shared[d] = shared.get(d, 0) + 1
    return {d for d, n in shared.items() if n >= rule.min_shared}


def bulk_candidates(arrays: dict[str, Any], todo: Sequence[int], rule: PairRule) -> dict[int, list[int]]:
    """`sql_candidates` for many articles at once, from `index_arrays` with numpy.

    Same evidence, same answer; used when many articles are processed (a full run), where
    per-article queries would cost more than reading the postings once."""
    import numpy as np

    h, s, d = arrays["h"], arrays["s"], arrays["d"]
    if h.shape[0] == 0:
        return {}
    # distinct (hash, site, doc): rows come in key order, positions collapse
    keep = np.ones(h.shape[0], dtype=bool)
    keep[1:] = (h[1:] != h[:-1]) | (s[1:] != s[:-1]) | (d[1:] != d[:-1])
    h, s, d = h[keep], s[keep], d[keep]
    df = _run_sizes(h)
    group = _run_sizes(h, s)
    valid = (group < rule.site_docs) & (df >= 2) & (df <= rule.max_df)
    h, d = h[valid], d[valid]
    if h.shape[0] == 0:
        return {}
    n = _run_sizes(h)
    first = np.ones(h.shape[0], dtype=bool)
    first[1:] = h[1:] != h[:-1]
    starts, lengths = np.nonzero(first)[0], n[first]
    todo_arr = np.asarray(sorted(todo), dtype=np.int64)
    codes = []
    for m in range(2, int(lengths.max(initial=0)) + 1):
        st = starts[lengths == m]
        if st.size == 0:
            continue
        docs = d[st[:, None] + np.arange(m)]
        i, j = np.triu_indices(m, 1)
        a, b = docs[:, i].ravel(), docs[:, j].ravel()
        newer, older = np.maximum(a, b), np.minimum(a, b)
        mine = np.isin(newer, todo_arr)
        codes.append((newer[mine] << 32) | older[mine])
    if not codes:
        return {}
    uniq, counts = np.unique(np.concatenate(codes), return_counts=True)
    ok = uniq[counts >= rule.min_shared]
    out: dict[int, list[int]] = {}
    for newer, older in zip((ok >> 32).tolist(), (ok & 0xFFFFFFFF).tolist()):
        out.setdefault(newer, []).append(older)
    return out


def _run_sizes(*cols: Any) -> Any:
    """For sorted rows, the size of the run of equal keys (over `cols`) each row is in."""
    import numpy as np

    n = cols[0].shape[0]
    change = np.zeros(n, dtype=bool)
    change[0] = True
    for c in cols:
        change[1:] |= c[1:] != c[:-1]
    starts = np.nonzero(change)[0]
    sizes = np.diff(np.append(starts, n))
    return np.repeat(sizes, sizes)


# -- computing pairs --------------------------------------------------------------------------


def run_reuse(
    archive: Archive,
    *,
    since: str | None = None,
    full: bool = False,
    workers: int | None = None,
    settings: TraceSettings | None = None,
    min_shared: int = 2,
    min_grams: int | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> ReuseRun:
    """Compute the pairs of every article not processed yet, store them, and cluster all
    stored pairs. `since` (ISO date) restricts processing and output to articles published
    on or after it (undated articles are then left out). `workers`: processes for pair
    computation (default: 2 when at least PARALLEL_MIN articles are to be processed, else
    1). `min_shared`, `min_grams` (None: the default): see PairRule. `on_progress(done,
    total)` is called after every chunk."""
    from .archive.store import filter_clauses

    t0 = time.perf_counter()
    if archive.readonly:
        raise ArchiveError(f"{archive.path or ':memory:'}: opened read-only; reuse stores its pairs in the archive")
    cfg = settings or TraceSettings()
    rule = PairRule.for_settings(cfg, min_shared, min_grams)
    conn = archive.connection
    archive.reuse_index()  # refuses a stale index, naming `newstrace archive reindex`
    config = json.dumps(
        {"fingerprint_version": FINGERPRINT_VERSION, "settings": cfg.to_dict(), "pairs": rule.__dict__}, sort_keys=True
    )
    notes: list[str] = []
    stored_config = get_meta(conn, CONFIG_KEY)
    if full or stored_config != config:
        if stored_config is not None and stored_config != config and not full:
            notes.append("settings or fingerprint version changed since the last run: all pairs recomputed")
        with archive.atomic() as w:
            w.execute("DELETE FROM reuse_pairs")
            w.execute("DELETE FROM reuse_processed")
            set_meta(w, CONFIG_KEY, config)
        full = True

    where, params = filter_clauses(since=since, latest_only=True, table="a")
    scope_sql = " AND ".join(where)
    in_scope = conn.execute(
        f"SELECT count(*) FROM reuse_docs d JOIN articles a ON a.rowid = d.doc WHERE {scope_sql}", params
    ).fetchone()[0]
    todo = [
        (int(doc), str(key))
        for doc, key in conn.execute(
            "SELECT d.doc, d.id FROM reuse_docs d JOIN articles a ON a.rowid = d.doc "
            f"LEFT JOIN reuse_processed r ON r.doc = d.doc WHERE r.doc IS NULL AND {scope_sql} ORDER BY d.doc",
            params,
        )
    ]
    n_workers = _choose_workers(workers, len(todo), archive)
    log.info("reuse: %d articles in scope, %d to process, %d worker(s)", in_scope, len(todo), n_workers)

    t_pairs = time.perf_counter()
    added = 0
    done = 0
    if on_progress is not None:
        on_progress(0, len(todo))
    for chunk_docs, rows in _compute(archive, todo, cfg, rule, n_workers):
        stamp = _now()
        with archive.atomic() as w:
            w.executemany(f"INSERT INTO reuse_pairs ({_PAIR_COLUMNS}) VALUES ({','.join('?' * 13)})", rows)
            w.executemany("INSERT INTO reuse_processed(doc, processed_at) VALUES (?, ?)", [(d, stamp) for d in chunk_docs])
        added += len(rows)
        done += len(chunk_docs)
        if on_progress is not None:
            on_progress(done, len(todo))
    pair_seconds = time.perf_counter() - t_pairs

    pairs, docs = load_pairs(archive, since=since)
    clusters = build_clusters(pairs, docs)
    network = site_network(clusters)
    return ReuseRun(
        articles=in_scope,
        processed=len(todo),
        already=in_scope - len(todo),
        pairs_added=added,
        pairs=len(pairs),
        clusters=clusters,
        network=network,
        docs=docs,
        seconds=time.perf_counter() - t0,
        workers=n_workers,
        full=full,
        since=since,
        pair_seconds=pair_seconds,
        notes=notes,
    )


def _choose_workers(workers: int | None, todo: int, archive: Archive) -> int:
    if archive.path is None:  # an in-memory archive cannot be opened by another process
        return 1
    if workers is None:
        workers = min(2, os.cpu_count() or 1) if todo >= PARALLEL_MIN else 1
    return max(1, min(workers, max(1, todo // CHUNK)))


Work = tuple[int, str, "list[int] | None"]  # (rowid, id, older candidates or None: ask the index)


def _compute(
    archive: Archive, todo: list[tuple[int, str]], cfg: TraceSettings, rule: PairRule, n_workers: int
) -> Iterator[tuple[list[int], list[tuple[Any, ...]]]]:
    if len(todo) < BULK_MIN:
        # Few articles: evidence and matching through per-article queries of the index.
        work: list[Work] = [(d, k, None) for d, k in todo]
        yield from _run_work(archive, work, cfg, rule, n_workers, None)
        return
    arrays = index_arrays(archive.connection)
    cands = bulk_candidates(arrays, [d for d, _ in todo], rule)
    idle = [d for d, _ in todo if d not in cands]
    for i in range(0, len(idle), 5000):  # nothing to align: processed as they are
        yield idle[i : i + 5000], []
    work = [(d, k, cands[d]) for d, k in todo if d in cands]
    if n_workers <= 1 or len(work) <= CHUNK:
        index = ArrayIndex.from_archive_conn(archive.connection, archive._get_exact, arrays)
        index.cache.resize(WORKER_CACHE)
        for i in range(0, len(work), CHUNK):
            chunk = work[i : i + CHUNK]
            yield [d for d, _, _ in chunk], pair_rows(index, chunk, cfg, rule)
        return
    with tempfile.TemporaryDirectory(prefix="newstrace-reuse-") as folder:
        save_arrays(arrays, folder)  # workers map these files: one copy in memory for all
        del arrays
        yield from _run_work(archive, work, cfg, rule, n_workers, folder)


def _run_work(
    archive: Archive, work: list[Work], cfg: TraceSettings, rule: PairRule, n_workers: int, folder: str | None
) -> Iterator[tuple[list[int], list[tuple[Any, ...]]]]:
    chunks = [work[i : i + CHUNK] for i in range(0, len(work), CHUNK)]
    if n_workers <= 1 or len(chunks) <= 1:
        index = archive.reuse_index(df_cap=cfg.max_df + 1)
        index.cache.resize(max(index.cache.articles.size, WORKER_CACHE))
        for chunk in chunks:
            yield [d for d, _, _ in chunk], pair_rows(index, chunk, cfg, rule)
        return
    ctx = mp.get_context("spawn")  # no inherited SQLite handles, same behaviour on every OS
    with ctx.Pool(n_workers, initializer=_worker_init, initargs=(str(archive.path), cfg, rule, folder)) as pool:
        yield from pool.imap_unordered(_worker_chunk, chunks)


def pair_rows(index: Any, chunk: Sequence[Work], cfg: TraceSettings, rule: PairRule) -> list[tuple[Any, ...]]:
    """Rows for reuse_pairs: each article of `chunk` aligned with the indexed articles
    added before it that pass `rule`. `index`: SqliteIndex or ArrayIndex."""
    rows = []
    for doc, key, cands in chunk:
        allowed = set(cands) if cands is not None else sql_candidates(index, doc, key, rule)
        allowed = rule.screen(index, key, allowed)
        if not allowed:
            continue
        index.only_docs = allowed
        try:
            passages = reuse_pairs(
                [key], index, lookup=index.lookup, settings=cfg, token_cache=index.token_cache,
                accept=lambda k, c, allowed=allowed: index.doc_of(c) in allowed,
            )
        finally:
            index.only_docs = None
        for p in passages:
            b = index.doc_of(p.b)
            if b is None:  # superseded meanwhile: its pairs would be dropped anyway
                continue
            rows.append(
                (
                    doc, b, p.a_span[0], p.a_span[1], p.b_span[0], p.b_span[1], p.kind, p.matched_words,
                    p.edits, float(p.edit_ratio), p.edit_level, _bool(p.a_credits_b), _bool(p.b_credits_a),
                )
            )
    return rows


# Worker-process state: one read-only archive per process, opened by the pool initializer
# (the standard multiprocessing pattern; it lives exactly as long as the worker).
_WORKER: dict[str, Any] = {}


def _worker_init(path: str, cfg: TraceSettings, rule: PairRule, folder: str | None) -> None:
    from .archive import Archive

    archive = Archive(path, readonly=True)
    if folder is None:
        index: Any = archive.reuse_index(df_cap=cfg.max_df + 1)
        index.cache = ReuseCache(WORKER_CACHE)
    else:
        index = ArrayIndex.from_archive_conn(archive.connection, archive._get_exact, load_arrays(folder))
        index.cache = ReuseCache(WORKER_CACHE)
    _WORKER.update(archive=archive, index=index, cfg=cfg, rule=rule)


def _worker_chunk(chunk: list[Work]) -> tuple[list[int], list[tuple[Any, ...]]]:
    return [d for d, _, _ in chunk], pair_rows(_WORKER["index"], chunk, _WORKER["cfg"], _WORKER["rule"])


def _bool(v: bool | None) -> int | None:
    return None if v is None else int(bool(v))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# -- reading stored pairs ----------------------------------------------------------------------


def load_pairs(archive: Archive, *, since: str | None = None) -> tuple[list[PairPassage], dict[str, DocInfo]]:
    """Stored pair passages between latest versions (both published since `since`, if
    given), keyed by article id, and the DocInfo of every article they involve."""
    from .archive.store import filter_clauses

    conn = archive.connection
    wx, px = filter_clauses(since=since, latest_only=True, table="x")
    wy, py = filter_clauses(since=since, latest_only=True, table="y")
    rows = conn.execute(
        "SELECT x.id, y.id, p.a_begin, p.a_end, p.b_begin, p.b_end, p.kind, p.matched_words, p.edits, "
        "p.edit_ratio, p.edit_level, p.a_credits_b, p.b_credits_a, p.a, p.b "
        "FROM reuse_pairs p JOIN articles x ON x.rowid = p.a JOIN articles y ON y.rowid = p.b "
        f"WHERE {' AND '.join(wx + wy)} ORDER BY p.a, p.b, p.a_begin",
        px + py,
    ).fetchall()
    pairs = [
        PairPassage(
            a=r[0], b=r[1], a_span=(r[2], r[3]), b_span=(r[4], r[5]), kind=r[6], matched_words=r[7], edits=r[8],
            edit_ratio=r[9], edit_level=r[10],
            a_credits_b=None if r[11] is None else bool(r[11]),
            b_credits_a=None if r[12] is None else bool(r[12]),
        )
        for r in rows
    ]
    involved = sorted({r[13] for r in rows} | {r[14] for r in rows})
    docs: dict[str, DocInfo] = {}
    for i in range(0, len(involved), 900):
        part = involved[i : i + 900]
        for key, site, published, url in conn.execute(
            "SELECT a.id, s.site, a.published, a.url FROM articles a JOIN reuse_docs d ON d.doc = a.rowid "
            f"LEFT JOIN reuse_sites s ON s.id = d.site WHERE a.rowid IN ({','.join('?' * len(part))})",
            part,
        ):
            docs[key] = DocInfo(key, site, published, key, url)
    return pairs, docs


# -- writing the results ---------------------------------------------------------------------------


def write_outputs(run: ReuseRun, out_dir: str | os.PathLike[str], archive: Archive) -> list[Path]:
    """clusters.jsonl, passages.jsonl, clusters.parquet, passages.parquet, network.graphml
    and network.gexf in `out_dir` (created); returns the paths written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    meta = _article_meta(archive, run.docs)
    clusters = [cluster_record(c, meta, run.docs) for c in run.clusters]
    passages = [p for c in run.clusters for p in passage_records(c, meta, run.docs)]
    paths = [out / n for n in ("clusters.jsonl", "passages.jsonl", "clusters.parquet", "passages.parquet",
                               "network.graphml", "network.gexf")]
    _write_jsonl(paths[0], clusters)
    _write_jsonl(paths[1], passages)
    write_parquet(paths[2], clusters, CLUSTER_SCHEMA_FIELDS)
    write_parquet(paths[3], passages, PASSAGE_SCHEMA_FIELDS)
    write_graphml(run.network, paths[4])
    write_gexf(run.network, paths[5])
    return paths


def _article_meta(archive: Archive, docs: dict[str, DocInfo]) -> dict[str, tuple[str, str]]:
    """id -> (title, text) of the articles in the clusters."""
    conn = archive.connection
    keys = sorted(docs)
    meta: dict[str, tuple[str, str]] = {}
    for i in range(0, len(keys), 900):
        part = keys[i : i + 900]
        for key, title, text in conn.execute(
            f"SELECT id, title, text FROM articles WHERE id IN ({','.join('?' * len(part))})", part
        ):
            meta[key] = (title, text)
    return meta


def cluster_record(c: Cluster, meta: dict[str, tuple[str, str]], docs: dict[str, DocInfo]) -> dict[str, Any]:
    """One line of clusters.jsonl / one row of clusters.parquet."""
    known = [m.credits_earliest for m in c.members if m.credits_earliest is not None]
    return {
        "id": c.id,
        "kind": c.kind,
        "size": len(c.members),
        "earliest_status": c.earliest.status,
        "earliest": [str(k) for k in c.earliest.keys],
        "earliest_date": c.earliest.date,
        "earliest_note": c.earliest.note,
        "undated": [str(k) for k in c.earliest.undated],
        "credited": sum(1 for v in known if v),
        "credit_known": len(known),
        "members": [
            {
                "id": str(m.key),
                "url": _doc_url(docs, m.key),
                "title": meta.get(str(m.key), ("", ""))[0],
                "site": m.site,
                "published": m.published,
                "spans": [{"begin": b, "end": e} for b, e in m.spans],
                "chars": m.chars,
                "credits_earliest": m.credits_earliest,
            }
            for m in c.members
        ],
        "passages": len(c.passages),
    }


def _doc_url(docs: dict[str, DocInfo], key: Any) -> str | None:
    info = docs.get(key)
    return info.url if info is not None else None


def passage_records(
    c: Cluster, meta: dict[str, tuple[str, str]], docs: dict[str, DocInfo]
) -> Iterator[dict[str, Any]]:
    """Lines of passages.jsonl / rows of passages.parquet: each pair passage with the exact
    text of both sides."""
    site = {m.key: m.site for m in c.members}
    published = {m.key: m.published for m in c.members}
    for p in c.passages:
        a_text = meta.get(str(p.a), ("", ""))[1]
        b_text = meta.get(str(p.b), ("", ""))[1]
        yield {
            "cluster": c.id,
            "kind": p.kind,
            "a": str(p.a),
            "b": str(p.b),
            "a_url": _doc_url(docs, p.a),
            "b_url": _doc_url(docs, p.b),
            "a_site": site.get(p.a),
            "b_site": site.get(p.b),
            "a_published": published.get(p.a),
            "b_published": published.get(p.b),
            "a_begin": p.a_span[0],
            "a_end": p.a_span[1],
            "b_begin": p.b_span[0],
            "b_end": p.b_span[1],
            "a_text": a_text[p.a_span[0] : p.a_span[1]],
            "b_text": b_text[p.b_span[0] : p.b_span[1]],
            "matched_words": p.matched_words,
            "edits": p.edits,
            "edit_ratio": round(float(p.edit_ratio), 4),
            "edit_level": p.edit_level,
            "a_credits_b": p.a_credits_b,
            "b_credits_a": p.b_credits_a,
        }


def _write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False))
            f.write("\n")
    tmp.replace(path)


# Explicit Parquet schemas (name, pyarrow type builder): the files' columns never depend on
# what a particular run happened to contain (an empty run writes the same columns).
def _cluster_fields(pa: Any) -> list[Any]:
    member = pa.struct(
        [
            ("id", pa.string()),
            ("url", pa.string()),
            ("title", pa.string()),
            ("site", pa.string()),
            ("published", pa.string()),
            ("spans", pa.list_(pa.struct([("begin", pa.int64()), ("end", pa.int64())]))),
            ("chars", pa.int64()),
            ("credits_earliest", pa.bool_()),
        ]
    )
    return [
        pa.field("id", pa.string(), nullable=False),
        pa.field("kind", pa.string(), nullable=False),
        pa.field("size", pa.int32(), nullable=False),
        pa.field("earliest_status", pa.string(), nullable=False),
        pa.field("earliest", pa.list_(pa.string())),
        pa.field("earliest_date", pa.string()),
        pa.field("earliest_note", pa.string()),
        pa.field("undated", pa.list_(pa.string())),
        pa.field("credited", pa.int32()),
        pa.field("credit_known", pa.int32()),
        pa.field("members", pa.list_(member)),
        pa.field("passages", pa.int32()),
    ]


def _passage_fields(pa: Any) -> list[Any]:
    return [
        pa.field("cluster", pa.string(), nullable=False),
        pa.field("kind", pa.string(), nullable=False),
        pa.field("a", pa.string(), nullable=False),
        pa.field("b", pa.string(), nullable=False),
        pa.field("a_url", pa.string()),
        pa.field("b_url", pa.string()),
        pa.field("a_site", pa.string()),
        pa.field("b_site", pa.string()),
        pa.field("a_published", pa.string()),
        pa.field("b_published", pa.string()),
        pa.field("a_begin", pa.int64(), nullable=False),
        pa.field("a_end", pa.int64(), nullable=False),
        pa.field("b_begin", pa.int64(), nullable=False),
        pa.field("b_end", pa.int64(), nullable=False),
        pa.field("a_text", pa.string()),
        pa.field("b_text", pa.string()),
        pa.field("matched_words", pa.int32()),
        pa.field("edits", pa.int32()),
        pa.field("edit_ratio", pa.float64()),
        pa.field("edit_level", pa.string()),
        pa.field("a_credits_b", pa.bool_()),
        pa.field("b_credits_a", pa.bool_()),
    ]


CLUSTER_SCHEMA_FIELDS = _cluster_fields
PASSAGE_SCHEMA_FIELDS = _passage_fields


def parquet_schema(fields: Callable[[Any], list[Any]]) -> Any:
    import pyarrow as pa

    return pa.schema(fields(pa))


def write_parquet(path: Path, records: list[dict[str, Any]], fields: Callable[[Any], list[Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema(fields)
    table = pa.Table.from_pylist(records, schema=schema)
    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(table, tmp, compression="zstd")
    tmp.replace(path)


# -- the site network as GraphML and GEXF ----------------------------------------------------------


def _xml_text(value: Any) -> str:
    """Text safe for XML 1.0: ElementTree escapes & < > and quotes, but characters XML
    cannot hold at all (most C0 controls, lone surrogates, U+FFFE/FFFF) must go."""
    s = str(value)
    return "".join(
        ch for ch in s
        if ch in "\t\n\r" or 0x20 <= ord(ch) <= 0xD7FF or 0xE000 <= ord(ch) <= 0xFFFD or 0x10000 <= ord(ch) <= 0x10FFFF
    )


def _nodes(edges: Sequence[SiteEdge]) -> list[tuple[str, int, int]]:
    """(site, copies made, copies made of it) for every site on an edge, by name."""
    made: dict[str, int] = {}
    of: dict[str, int] = {}
    for e in edges:
        made[e.copier] = made.get(e.copier, 0) + e.copies
        of[e.source] = of.get(e.source, 0) + e.copies
    return [(s, made.get(s, 0), of.get(s, 0)) for s in sorted(set(made) | set(of))]


_EDGE_ATTRS = (
    ("copies", "int", "integer"),
    ("chars", "long", "long"),
    ("credited", "int", "integer"),
    ("credit_unknown", "int", "integer"),
    ("credited_share", "double", "double"),
    ("clusters", "int", "integer"),
)
_NODE_ATTRS = (("copies_made", "int", "integer"), ("copied_by_others", "int", "integer"))


def _edge_values(e: SiteEdge) -> dict[str, Any]:
    return {
        "copies": e.copies,
        "chars": e.chars,
        "credited": e.credited,
        "credit_unknown": e.credit_unknown,
        "credited_share": e.credited_share,  # None (no copy with known credit): left out
        "clusters": len(e.clusters),
    }


def write_graphml(edges: Sequence[SiteEdge], path: str | os.PathLike[str]) -> None:
    """Directed site network: an edge copier → source per SiteEdge (who copies whom)."""
    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.Element("graphml", {"xmlns": ns})
    ET.SubElement(root, "key", {"id": "label", "for": "node", "attr.name": "label", "attr.type": "string"})
    for name, gtype, _ in _NODE_ATTRS:
        ET.SubElement(root, "key", {"id": name, "for": "node", "attr.name": name, "attr.type": gtype})
    for name, gtype, _ in _EDGE_ATTRS:
        ET.SubElement(root, "key", {"id": name, "for": "edge", "attr.name": name, "attr.type": gtype})
    graph = ET.SubElement(root, "graph", {"id": "copy_network", "edgedefault": "directed"})
    ids: dict[str, str] = {}
    for i, (site, made, of) in enumerate(_nodes(edges)):
        ids[site] = f"n{i}"
        node = ET.SubElement(graph, "node", {"id": ids[site]})
        for key, value in (("label", site), ("copies_made", made), ("copied_by_others", of)):
            ET.SubElement(node, "data", {"key": key}).text = _xml_text(value)
    for i, e in enumerate(edges):
        edge = ET.SubElement(graph, "edge", {"id": f"e{i}", "source": ids[e.copier], "target": ids[e.source]})
        for key, value in _edge_values(e).items():
            if value is not None:
                ET.SubElement(edge, "data", {"key": key}).text = _xml_text(_num(value))
    _write_xml(root, path)


def write_gexf(edges: Sequence[SiteEdge], path: str | os.PathLike[str]) -> None:
    """The same network in GEXF 1.3 (Gephi); edge weight = copies."""
    root = ET.Element("gexf", {"xmlns": "http://gexf.net/1.3", "version": "1.3"})
    meta = ET.SubElement(root, "meta", {"lastmodifieddate": datetime.now(timezone.utc).date().isoformat()})
    ET.SubElement(meta, "creator").text = "newstrace"
    ET.SubElement(meta, "description").text = "Site-level copy network: edge copier -> source of copied prose"
    graph = ET.SubElement(root, "graph", {"mode": "static", "defaultedgetype": "directed"})
    node_attrs = ET.SubElement(graph, "attributes", {"class": "node"})
    for i, (name, _, gtype) in enumerate(_NODE_ATTRS):
        ET.SubElement(node_attrs, "attribute", {"id": f"n{i}", "title": name, "type": gtype})
    edge_attrs = ET.SubElement(graph, "attributes", {"class": "edge"})
    for i, (name, _, gtype) in enumerate(_EDGE_ATTRS):
        ET.SubElement(edge_attrs, "attribute", {"id": f"e{i}", "title": name, "type": gtype})
    nodes = ET.SubElement(graph, "nodes")
    ids: dict[str, str] = {}
    for i, (site, made, of) in enumerate(_nodes(edges)):
        ids[site] = f"n{i}"
        node = ET.SubElement(nodes, "node", {"id": ids[site], "label": _xml_text(site)})
        values = ET.SubElement(node, "attvalues")
        for j, value in enumerate((made, of)):
            ET.SubElement(values, "attvalue", {"for": f"n{j}", "value": str(value)})
    xml_edges = ET.SubElement(graph, "edges")
    for i, e in enumerate(edges):
        edge = ET.SubElement(
            xml_edges, "edge", {"id": f"e{i}", "source": ids[e.copier], "target": ids[e.source], "weight": str(e.copies)}
        )
        values = ET.SubElement(edge, "attvalues")
        for j, (name, _, _) in enumerate(_EDGE_ATTRS):
            value = _edge_values(e)[name]
            if value is not None:
                ET.SubElement(values, "attvalue", {"for": f"e{j}", "value": _num(value)})
    _write_xml(root, path)


def _num(value: Any) -> str:
    return repr(round(value, 6)) if isinstance(value, float) else str(value)


def _write_xml(root: ET.Element, path: str | os.PathLike[str]) -> None:
    ET.indent(root)
    p = Path(path)
    tmp = p.with_name(p.name + ".tmp")
    ET.ElementTree(root).write(tmp, encoding="utf-8", xml_declaration=True)
    tmp.replace(p)
