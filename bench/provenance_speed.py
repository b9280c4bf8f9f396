"""`check` provenance speed against large archives: latency of trace_in_archive and memory.

    .venv/bin/python bench/provenance_speed.py --sizes 10000,100000
    .venv/bin/python bench/provenance_speed.py --sizes 1000000 --cache /var/tmp/nt-bench

For each size, a synthetic archive is built (or reused from --cache), then a fresh
process opens it read-only and traces --samples held-out articles that each carry a
planted copy of an archived article, one after another, on one core. Printed: median,
p95 and max latency (ms), where the time goes (index queries vs the rest), whether the
planted source was found, and the checking process's peak RSS.

Synthetic archive (the same generator serves bench/reuse_speed.py):
- text: a first-order word Markov chain trained on the FNC-1 bodies (../shared/data/fnc1):
  every article is new text with news vocabulary and the same common phrases as news
  (so fingerprints of stock phrases have realistically high document frequencies), but
  articles do not share passages by accident, as real independent reports do not. After
  a word with fewer than 3 successors in FNC-1 the next word is drawn by frequency, so
  the chain does not replay training text (version 1 of the generator did, and at 100k
  articles unrelated articles shared 8-word runs by the hundred thousand).
  Articles are ~1,800 characters in paragraphs of 2-4 sentences.
- sites: n/200 sites (at least 20) with Zipf-like sizes; 30% of sites end every article
  with the same footer paragraph (site boilerplate).
- planted reuse: 2% of articles are originals with 2-5 copies on other sites, 0-5 days
  later: the first 1-3 paragraphs or the whole text (some embedded between own
  paragraphs), with 0, 2, 5, 10 or 20% of words substituted/deleted/inserted, 40%
  crediting the source site by name.
- held-out check samples (not archived): copies of archived articles (half of them family
  originals, half plain articles), built the same way.
- dates span 2023-2024, in ingest order by chunks of 5,000 articles.

Loading: worker processes generate articles and compute their fingerprints with
`newstrace.reuse.sqlite_index.article_fingerprints` (the function ingest uses); the main
process writes every article through `Archive._insert` (the ingest code path, FTS
included) but defers the postings, which are then inserted sorted by key (a bulk load).
For sizes >= --no-fts-from (default 1,000,000) the FTS trigger is dropped during the load
and recreated after, and the FTS index is left empty: `check`'s provenance does not use it
(it is stated in the output; such an archive fails `Archive.check()`).
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing as mp
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterator

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
SHARED = Path(os.environ.get("NEWSTRACE_SHARED", REPO.parent / "shared"))
FNC1_BODIES = SHARED / "data" / "fnc1" / "train_bodies.csv"

from newstrace.archive import Archive  # noqa: E402
from newstrace.archive.store import text_hash  # noqa: E402
from newstrace.article import Article  # noqa: E402
from newstrace.reuse import sqlite_index  # noqa: E402
from newstrace.reuse.fingerprint import FINGERPRINT_VERSION  # noqa: E402

CHUNK = 5000
TARGET_CHARS = 1800
GEN_VERSION = 2  # bump when the generator changes, so cached archives are rebuilt
T0 = datetime(2023, 1, 1, tzinfo=timezone.utc)
SPAN_DAYS = 730
LEVELS = (0.0, 0.02, 0.05, 0.10, 0.20)
_ENDS = (".", "!", "?", '."', ".”", '?"', "?”", '!"', "!”", ".'", ".’")
_ADJ = ("Daily", "Evening", "Morning", "Northern", "Coastal", "Capital", "Metro", "Valley", "National",
        "Independent", "Western", "Eastern", "Harbor", "Lakeside", "Prairie", "Highland", "Riverside",
        "Central", "Union", "Pacific", "Southern", "Atlantic", "Mountain", "Island", "County")
_NOUN = ("Herald", "Tribune", "Courier", "Gazette", "Post", "Times", "Observer", "Chronicle", "Ledger",
         "Sentinel", "Dispatch", "Record", "Journal", "Monitor", "Examiner", "Star", "Bulletin", "Voice")


# -- text model ------------------------------------------------------------------------------------


class Markov:
    """First-order word chain over the FNC-1 bodies, sampled for many chains at once.

    For state s, successors are stored with cumulative probabilities shifted by s, so all
    states share one sorted array G and a vectorised searchsorted(G, s + u) samples the
    next word of every chain in one call."""

    def __init__(self, texts: list[str]) -> None:
        vocab: dict[str, int] = {}
        ids: list[int] = []
        for t in texts:
            ids.extend(vocab.setdefault(w, len(vocab)) for w in t.split())
        arr = np.array(ids, dtype=np.int64)
        v = len(vocab)
        nxt = np.roll(arr, -1)  # the last word continues with the first: no dead end
        uniq, counts = np.unique(arr * v + nxt, return_counts=True)
        src, dst = uniq // v, uniq % v
        csum = np.cumsum(counts)
        first = np.searchsorted(src, np.arange(v))
        before = np.where(first > 0, csum[np.maximum(first - 1, 0)], 0)
        totals = np.bincount(src, weights=counts, minlength=v)
        self.G = src + (csum - before[src]) / totals[src]
        self.dst = dst
        self.words = list(vocab)
        self.lens = np.array([len(w) + 1 for w in self.words], dtype=np.int64)
        self.end = np.array([w.endswith(_ENDS) for w in self.words])
        after_end = np.roll(self.end[arr], 1)
        cap = np.array([w[:1].isupper() for w in self.words])
        self.starts = np.unique(arr[after_end & cap[arr]])
        self.corpus = arr  # words by frequency, for substitutions and jumps
        # Words with fewer than 3 different successors in FNC-1 (names, rare words): a chain
        # would copy the training text after them word for word, and at 100,000 articles
        # such copied runs make unrelated articles share 8-word passages by the hundred
        # thousand (generator version 1 did). After such a word the next one is drawn from
        # the word frequencies instead.
        self.low = np.bincount(src, minlength=v) < 3

    def chains(self, rng: np.random.Generator, count: int, length: int) -> np.ndarray:
        out = np.empty((count, length), dtype=np.int64)
        state = rng.choice(self.starts, count)
        out[:, 0] = state
        for j in range(1, length):
            u = 1.0 - rng.random(count)
            jump = self.low[state]
            state = self.dst[np.searchsorted(self.G, state + u)]
            k = int(jump.sum())
            if k:
                state[jump] = self.corpus[rng.integers(self.corpus.shape[0], size=k)]
            out[:, j] = state
        return out

    def paragraphs(self, row: np.ndarray, rng: random.Random, target: int) -> list[str]:
        """Paragraphs of 2-4 sentences from a chain, about `target` characters in all."""
        ends = np.nonzero(self.end[row])[0]
        csum = np.cumsum(self.lens[row])
        ok = ends[csum[ends] <= target]
        if ok.size == 0:  # no sentence end early enough: cut and close the sentence
            k = int(np.searchsorted(csum, target))
            words = [self.words[i] for i in row[: max(k, 8)]]
            return [" ".join(words).rstrip(",;:") + "."]
        words = [self.words[i] for i in row[: ok[-1] + 1]]
        bounds = [0] + [int(e) + 1 for e in ok]
        paras: list[str] = []
        s = 0
        while s < len(bounds) - 1:
            n = rng.randint(2, 4)
            e = min(s + n, len(bounds) - 1)
            paras.append(" ".join(words[bounds[s] : bounds[e]]))
            s = e
        return paras


def planted_pairs(conn: Any) -> set[tuple[int, int]]:
    """(newer rowid, older rowid) of every planted (original, copy) pair of an archive built
    here: a family's members share the original's title, and the original is the earliest."""
    fam: dict[str, list[tuple[str, int]]] = {}
    for rowid, title, published in conn.execute("SELECT rowid, title, published FROM articles WHERE superseded = 0"):
        fam.setdefault(title, []).append((published, rowid))
    truth: set[tuple[int, int]] = set()
    for members in fam.values():
        if len(members) > 1:
            members.sort()
            orig = members[0][1]
            truth |= {(max(orig, r), min(orig, r)) for _, r in members[1:]}
    return truth


def load_model() -> Markov:
    if not FNC1_BODIES.exists():
        sys.exit(f"FNC-1 bodies not found at {FNC1_BODIES}: set NEWSTRACE_SHARED to the shared data folder")
    csv.field_size_limit(sys.maxsize)
    with open(FNC1_BODIES, newline="", encoding="utf-8") as fh:
        bodies = [" ".join(r["articleBody"].split()) for r in csv.DictReader(fh)]
    return Markov(bodies)


# -- corpus ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    name: str
    domain: str
    footer: str | None
    weight: float


def make_sites(model: Markov, n: int, seed: int) -> list[Site]:
    rng = random.Random(seed * 7919)
    nrng = np.random.default_rng(seed * 7919)
    rows = model.chains(nrng, n, 60)
    sites = []
    for i in range(n):
        adj, noun = rng.choice(_ADJ), rng.choice(_NOUN)
        name = f"The {adj} {noun} {i}"
        domain = f"{adj.lower()}{noun.lower()}{i}.example"
        footer = None
        if rng.random() < 0.3:
            text = model.paragraphs(rows[i], rng, 220)[0]
            footer = f"{text} Copyright {name}. Subscribe at {domain}/newsletter for more."
        sites.append(Site(name, domain, footer, 1.0 / (i + 1) ** 0.7))
    return sites


def _edit(text: str, rate: float, rng: random.Random, model: Markov) -> str:
    if rate <= 0:
        return text
    out = []
    for w in text.split():
        r = rng.random()
        if r < rate / 3:
            continue  # deleted
        if r < 2 * rate / 3:
            out.append(model.words[int(model.corpus[rng.randrange(len(model.corpus))])])  # substituted
            continue
        out.append(w)
        if r < rate:
            out.append(model.words[int(model.corpus[rng.randrange(len(model.corpus))])])  # inserted
    return " ".join(out)


def _article(paras: list[str], site: Site, when: datetime, n: int, title: str) -> Article:
    if site.footer:
        paras = [*paras, site.footer]
    return Article(
        "\n\n".join(paras),
        title=title,
        url=f"https://www.{site.domain}/{when:%Y/%m}/{n}",
        site=site.name,
        published=when.isoformat(timespec="seconds"),
        authors=(f"Reporter {n % 53}",),
    )


def copy_of(
    src_paras: list[str], src_site: Site, rng: random.Random, model: Markov, own: list[list[str]]
) -> tuple[list[str], dict[str, Any]]:
    """Paragraphs of a planted copy of `src_paras` (own paragraphs from `own` chains)."""
    rate = rng.choice(LEVELS)
    layout = rng.choices(("lede", "whole", "embedded"), (50, 25, 25))[0]
    k = len(src_paras) if layout == "whole" else rng.randint(1, min(3, len(src_paras)))
    copied = [_edit(p, rate, rng, model) for p in src_paras[:k]]
    mine = [p for chain in own for p in chain][:4]
    if layout == "lede":
        paras = copied + mine[:3]
    elif layout == "whole":
        paras = copied
    else:
        paras = mine[:1] + copied + mine[1:3]
    credited = rng.random() < 0.4
    if credited:
        paras.append(f"This article was first published by {src_site.name}.")
    return paras, {"rate": rate, "layout": layout, "paragraphs": k, "credited": credited}


def chunk_articles(model: Markov, sites: list[Site], n: int, c: int, seed: int) -> Iterator[Article]:
    """Articles [c*CHUNK, min(n, (c+1)*CHUNK)) of the corpus, deterministic in (seed, c)."""
    start, stop = c * CHUNK, min(n, (c + 1) * CHUNK)
    count = stop - start
    rng = random.Random(seed * 1_000_003 + c)
    nrng = np.random.default_rng(seed * 1_000_003 + c)
    chains = model.chains(nrng, count, 420)
    extra = model.chains(nrng, count // 10 + 10, 420)  # own text of copies
    cum = list(np.cumsum([s.weight for s in sites]))
    t0 = T0 + timedelta(days=SPAN_DAYS * start / n)
    span = SPAN_DAYS * count / n
    own_i = 0
    i = 0
    while i < count:
        site = rng.choices(sites, cum_weights=cum)[0]
        when = t0 + timedelta(days=rng.random() * span, seconds=rng.randrange(86400))
        paras = model.paragraphs(chains[i], rng, TARGET_CHARS)
        title = " ".join(paras[0].split()[:9]).rstrip(".,;:")
        yield _article(paras, site, when, start + i, title)
        i += 1
        if rng.random() < 0.02:  # an original: plant 2-5 copies on other sites
            for _ in range(rng.randint(2, 5)):
                if i >= count:
                    break
                csite = rng.choices(sites, cum_weights=cum)[0]
                if csite is site:
                    continue
                own = [model.paragraphs(extra[own_i % len(extra)], rng, 600)]
                own_i += 1
                cparas, _ = copy_of(paras, site, rng, model, own)
                cwhen = when + timedelta(days=rng.random() * 5)
                yield _article(cparas, csite, cwhen, start + i, title)
                i += 1


def held_out_samples(model: Markov, sites: list[Site], n: int, seed: int, count: int) -> list[dict[str, Any]]:
    """Check articles (not archived): copies of archived articles, regenerated from the
    deterministic chunks (first chunk of the corpus and a chunk in the middle)."""
    rng = random.Random(seed * 31 + 5)
    nrng = np.random.default_rng(seed * 31 + 5)
    pools: list[Article] = []
    n_chunks = (n + CHUNK - 1) // CHUNK
    for c in sorted({0, n_chunks // 2, n_chunks - 1}):
        pools.extend(chunk_articles(model, sites, n, c, seed))
    by_url = {a.url: a for a in pools}
    site_of = {s.name: s for s in sites}
    # Family originals are the articles whose title another article shares.
    titles: dict[str, int] = {}
    for a in pools:
        titles[a.title] = titles.get(a.title, 0) + 1
    originals = [a for a in pools if titles[a.title] > 1]
    plain = [a for a in pools if titles[a.title] == 1]
    own_rows = model.chains(nrng, count * 2, 420)
    out = []
    for j in range(count):
        src = rng.choice(originals if j % 2 == 0 and originals else plain)
        site = site_of[src.site]
        src_paras = [p for p in src.paragraph_texts() if p != site.footer]
        own = [model.paragraphs(own_rows[2 * j], rng, 700)]
        paras, info = copy_of(src_paras, site, rng, model, own)
        csite = rng.choice([s for s in sites if s is not site])
        when = datetime.fromisoformat(src.published) + timedelta(days=1 + rng.random() * 3)
        art = _article(paras, csite, when, 10**9 + j, "Check " + src.title)
        out.append({"article": art.to_dict(), "source_url": src.url, **info})
    assert all(s["source_url"] in by_url for s in out)
    return out


# -- bulk loading ----------------------------------------------------------------------------------

_W: dict[str, Any] = {}


def _init_worker(n: int, seed: int) -> None:
    model = load_model()
    _W.update(model=model, sites=make_sites(model, max(20, n // 200), seed), n=n, seed=seed)


def _gen_chunk(c: int) -> list[tuple[Article, Any]]:
    arts = chunk_articles(_W["model"], _W["sites"], _W["n"], c, _W["seed"])
    return [(a, sqlite_index.article_fingerprints(a)) for a in arts]


_POSTING = np.dtype([("h", "<i8"), ("s", "<i4"), ("d", "<i8"), ("p", "<i4")])


def build_archive(path: Path, n: int, seed: int, *, fts: bool, workers: int = 2) -> dict[str, Any]:
    """Write the synthetic archive of n articles to `path`; return build figures."""
    t0 = time.perf_counter()
    tmp = path.with_suffix(".building")
    spill = path.with_suffix(".postings")
    for p in (tmp, Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
        p.unlink(missing_ok=True)
    shutil.rmtree(spill, ignore_errors=True)
    spill.mkdir(parents=True)
    parts = [open(spill / f"{k:02d}.bin", "wb") for k in range(16)]
    archive = Archive(tmp)
    conn = archive.connection
    conn.execute("PRAGMA cache_size = -262144")  # 256 MB while loading
    if not fts:
        conn.execute("DROP TRIGGER articles_fts_insert")
    n_chunks = (n + CHUNK - 1) // CHUNK
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    written = postings = 0
    sys.stdout.flush()  # forked workers must not inherit (and write again) buffered output
    sys.stderr.flush()
    ctx = mp.get_context("fork")  # the loader is Linux-only; fork shares the trained model cheaply
    with ctx.Pool(workers, initializer=_init_worker, initargs=(n, seed)) as pool:
        for items in pool.imap(_gen_chunk, range(n_chunks)):
            rows = []
            with archive.atomic() as w:
                for art, fp in items:
                    rowid = archive._insert(
                        w, art, content_hash=text_hash(art.text), version_of=None, added_at=now,
                        fingerprints=fp, postings=False,
                    )
                    sid = sqlite_index.site_id(w, fp.site)
                    m = len(fp)
                    block = np.empty(m, dtype=_POSTING)
                    block["h"], block["s"], block["d"], block["p"] = fp.hashes, sid, rowid, fp.positions
                    rows.append(block)
            allrows = np.concatenate(rows) if rows else np.empty(0, dtype=_POSTING)
            part = (allrows["h"] >> 59).astype(np.int64)
            for k in range(16):
                allrows[part == k].tofile(parts[k])
            written += len(items)
            postings += len(allrows)
            print(f"  loaded {written:,}/{n:,} articles ({time.perf_counter() - t0:.0f}s)", file=sys.stderr, flush=True)
    for f in parts:
        f.close()
    t_rows = time.perf_counter() - t0
    for k in range(16):
        arr = np.fromfile(spill / f"{k:02d}.bin", dtype=_POSTING)
        order = np.lexsort((arr["p"], arr["d"], arr["s"], arr["h"]))
        arr = arr[order]
        with archive.atomic() as w:
            sqlite_index.insert_postings(
                w, zip(arr["h"].tolist(), arr["s"].tolist(), arr["d"].tolist(), arr["p"].tolist())
            )
        del arr, order
    shutil.rmtree(spill)
    if not fts:
        conn.execute(
            "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
            "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END"
        )
        sqlite_index.set_meta(conn, "bench_note", "FTS index left empty by the bulk loader")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    archive.close()
    tmp.replace(path)
    seconds = time.perf_counter() - t0
    return {
        "articles": written,
        "postings": postings,
        "seconds": seconds,
        "seconds_rows": t_rows,
        "bytes": path.stat().st_size,
        "fts": fts,
    }


# -- measuring -------------------------------------------------------------------------------------


class TimedIndex:
    """Delegates to an index and adds up the time spent in each query."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.fingerprint_version = inner.fingerprint_version
        self.spent: dict[str, float] = {"doc_freq": 0.0, "postings": 0.0, "site_doc_freq": 0.0, "lookup": 0.0}

    def __len__(self) -> int:
        return len(self.inner)

    def _timed(self, name: str, *a: Any, **kw: Any) -> Any:
        t = time.perf_counter()
        try:
            return getattr(self.inner, name)(*a, **kw)
        finally:
            self.spent[name] += time.perf_counter() - t

    def doc_freq(self, hashes: Any) -> Any:
        return self._timed("doc_freq", hashes)

    def postings(self, hashes: Any) -> Any:
        return self._timed("postings", hashes)

    def site_doc_freq(self, hashes: Any, site: str, exclude: Any = None) -> Any:
        return self._timed("site_doc_freq", hashes, site, exclude)

    def lookup(self, key: Any) -> Any:
        return self._timed("lookup", key)


def measure(path: Path, samples_path: Path, max_candidates: int | None = None, warmup: int = 5) -> dict[str, Any]:
    """Trace every sample against the archive (this process, one core); figures."""
    from newstrace.reuse import TraceSettings, trace

    samples = [json.loads(x) for x in samples_path.read_text(encoding="utf-8").splitlines()]
    cfg = TraceSettings() if max_candidates is None else TraceSettings(max_candidates=max_candidates)
    rss0 = _rss_mb()
    with Archive(path, readonly=True) as archive:
        n = len(archive)
        index = archive.reuse_index(df_cap=cfg.max_df + 1)
        timed = TimedIndex(index)
        for s in samples[:warmup]:  # first statements compile, SQLite's cache fills with inner pages
            trace(Article.from_dict(s["article"]), index, lookup=index.lookup, settings=cfg)
        times, cands, found, lookups = [], [], 0, []
        spent = {k: 0.0 for k in timed.spent}
        for s in samples:
            art = Article.from_dict(s["article"])
            index.cache.clear()  # every check starts without cached articles or tokens
            before = dict(timed.spent)
            t = time.perf_counter()
            pv = trace(art, timed, lookup=timed.lookup, self_key=index.self_key(art), settings=cfg,
                       token_cache=index.token_cache)
            times.append(time.perf_counter() - t)
            for k in spent:
                spent[k] += timed.spent[k] - before[k]
            cands.append(pv.candidates_examined)
            srcs = {x.source.url for x in pv.sources if "copied_prose" in x.kinds}
            found += s["source_url"] in srcs
        # Exact document frequencies instead of capped ones, for the record.
        exact = archive.reuse_index(df_cap=None)
        from newstrace.reuse.fingerprint import query_fingerprints
        from newstrace.reuse.normalize import tokenize

        qs = [query_fingerprints(tokenize(Article.from_dict(s["article"]).text)).hashes.tolist() for s in samples[:50]]
        df_times = {}
        for name, ix in (("capped", index), ("exact", exact)):
            t = time.perf_counter()
            for h in qs:
                ix.doc_freq(h)
            df_times[name] = (time.perf_counter() - t) / len(qs) * 1000
        maxdf = max((max(exact.doc_freq(h).values(), default=0) for h in qs), default=0)
    ms = sorted(x * 1000 for x in times)
    return {
        "max_candidates": cfg.max_candidates,
        "archive_articles": n,
        "samples": len(samples),
        "median_ms": statistics.median(ms),
        "p95_ms": ms[int(0.95 * (len(ms) - 1))],
        "max_ms": ms[-1],
        "mean_ms": statistics.fmean(ms),
        "index_ms_per_check": {k: v / len(samples) * 1000 for k, v in spent.items()},
        "candidates_median": statistics.median(cands),
        "planted_source_found": found / len(samples),
        "doc_freq_ms": df_times,
        "max_df_in_queries": maxdf,
        "rss_start_mb": rss0,
        "peak_rss_mb": _rss_mb(),
    }


def _rss_mb() -> float:
    """Peak resident memory of this process. On Linux VmHWM: getrusage's ru_maxrss also
    counts what the parent held when it forked this process."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return (r if sys.platform == "darwin" else r * 1024) / 2**20


def ensure_archive(cache: Path, n: int, seed: int, *, fts: bool, samples: int, rebuild: bool = False) -> tuple[Path, Path, dict[str, Any] | None]:
    """The cached synthetic archive of n articles and its held-out samples (built if absent)."""
    cache.mkdir(parents=True, exist_ok=True)
    stem = f"synth-n{n}-s{seed}-g{GEN_VERSION}-fp{FINGERPRINT_VERSION}{'' if fts else '-nofts'}"
    path = cache / f"{stem}.sqlite"
    spath = cache / f"{stem}.samples{samples}.jsonl"
    built = None
    if rebuild or not path.exists():
        print(f"building {path} ...", file=sys.stderr, flush=True)
        built = build_archive(path, n, seed, fts=fts)
        (cache / f"{stem}.build.json").write_text(json.dumps(built), encoding="utf-8")
    elif (cache / f"{stem}.build.json").exists():
        built = json.loads((cache / f"{stem}.build.json").read_text(encoding="utf-8"))
        built["cached"] = True
    if rebuild or not spath.exists():
        model = load_model()
        sites = make_sites(model, max(20, n // 200), seed)
        with open(spath, "w", encoding="utf-8") as f:
            for s in held_out_samples(model, sites, n, seed, samples):
                f.write(json.dumps(s, ensure_ascii=False) + "\n")
    return path, spath, built


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,100000", help="archive sizes, comma-separated (default 10000,100000)")
    ap.add_argument("--cache", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "newstrace-bench",
                    help="folder for generated archives, reused between runs")
    ap.add_argument("--samples", type=int, default=200, help="held-out articles traced per size")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-fts-from", type=int, default=1_000_000, help="skip FTS when loading this many articles or more")
    ap.add_argument("--rebuild", action="store_true", help="regenerate cached archives")
    ap.add_argument("--max-candidates", default="100",
                    help="TraceSettings.max_candidates values to measure, comma-separated (default: the default, 100)")
    ap.add_argument("--measure", nargs=3, metavar=("ARCHIVE", "SAMPLES", "MAXC"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.measure:  # the child process: measure and print JSON
        print(json.dumps(measure(Path(args.measure[0]), Path(args.measure[1]), int(args.measure[2]))))
        return 0
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs visible, load average {os.getloadavg()[0]:.1f}")
    rows = []
    for n in sizes:
        path, spath, built = ensure_archive(args.cache, n, args.seed, fts=n < args.no_fts_from,
                                            samples=args.samples, rebuild=args.rebuild)
        for mc in [int(x) for x in args.max_candidates.split(",")]:
            # A fresh process, so its peak RSS is the check's alone.
            out = subprocess.run([sys.executable, __file__, "--measure", str(path), str(spath), str(mc)],
                                 capture_output=True, text=True)
            if out.returncode != 0:
                print(out.stderr, file=sys.stderr)
                return 1
            m = json.loads(out.stdout.strip().splitlines()[-1])
            if mc == 100:
                rows.append((n, built, m))
            _print(n, built, m, path)
    if len(rows) > 1:
        print("\ngrowth of median latency: " + ", ".join(
            f"{a[0]:,}→{b[0]:,}: ×{b[2]['median_ms'] / a[2]['median_ms']:.2f} for ×{b[0] / a[0]:.0f} articles"
            for a, b in zip(rows, rows[1:])))
    return 0


def _print(n: int, built: dict[str, Any] | None, m: dict[str, Any], path: Path) -> None:
    print(f"\n== {n:,} articles ({path.name}, {path.stat().st_size / 2**20:,.0f} MiB); max_candidates {m['max_candidates']}")
    if built:
        tag = " (cached; figures from when it was built)" if built.get("cached") else ""
        print(f"  build: {built['seconds']:.0f}s, {built['articles'] / built['seconds']:,.0f} articles/s on 2 processes"
              f"{'' if built['fts'] else ', FTS skipped'}; {built['postings']:,} postings "
              f"({built['postings'] / built['articles']:.0f}/article){tag}")
    print(f"  trace_in_archive, {m['samples']} held-out copies, one core: median {m['median_ms']:.1f} ms, "
          f"p95 {m['p95_ms']:.1f} ms, max {m['max_ms']:.1f} ms (mean {m['mean_ms']:.1f})")
    print("  index queries per check (ms): " + ", ".join(f"{k} {v:.1f}" for k, v in m["index_ms_per_check"].items()))
    print(f"  candidates aligned (median): {m['candidates_median']:.0f}; planted source found: {m['planted_source_found']:.1%}")
    print(f"  doc_freq per check: capped at max_df+1 {m['doc_freq_ms']['capped']:.1f} ms, exact {m['doc_freq_ms']['exact']:.1f} ms "
          f"(largest df among query hashes: {m['max_df_in_queries']:,})")
    print(f"  peak RSS of the checking process: {m['peak_rss_mb']:.0f} MB (after imports {m['rss_start_mb']:.0f} MB)")


if __name__ == "__main__":
    sys.exit(main())
