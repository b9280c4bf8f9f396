"""The fingerprint index: what `check` looks up instead of rescanning the corpus.

`ReuseIndex` is the small protocol the reuse kernels need. Its storage model is a table
of postings (hash INTEGER, article rowid INTEGER, word position INTEGER) plus each
article's site, so the SQLite archive can implement it directly:

    CREATE TABLE reuse_postings (hash INTEGER NOT NULL, doc INTEGER NOT NULL, pos INTEGER NOT NULL);
    CREATE INDEX reuse_postings_hash ON reuse_postings(hash, doc);
    -- doc_freq:      SELECT hash, COUNT(DISTINCT doc) FROM reuse_postings WHERE hash IN (...) GROUP BY hash
    -- postings:      SELECT hash, doc, pos FROM reuse_postings WHERE hash IN (...)
    -- site_doc_freq: ... JOIN articles ON articles.rowid = doc WHERE hash IN (...) AND site = ?
    --                AND doc != ? GROUP BY hash  (or a maintained (hash, site, df) table)

Rows come from `index_fingerprints(tokens)` (fingerprint.py) for each article as it is
archived, with the site from `provenance.site_key(article)`; the archive should store
FINGERPRINT_VERSION and call `fingerprint.check_version` when it opens. `MemoryIndex`
implements the protocol in memory for tests, benchmarks and corpus-wide jobs; both are
filled incrementally, one article at a time, so adding articles never rescans the others.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Hashable, Iterable, Mapping, Protocol, Sequence, runtime_checkable

from .fingerprint import FINGERPRINT_VERSION, Fingerprints, index_fingerprints
from .normalize import Tokens

log = logging.getLogger(__name__)

Key = Hashable


@runtime_checkable
class ReuseIndex(Protocol):
    """What the reuse kernels ask of an index of winnowed fingerprints."""

    fingerprint_version: int

    def __len__(self) -> int:
        """Number of indexed articles."""
        ...

    def doc_freq(self, hashes: Sequence[int]) -> Mapping[int, int]:
        """Number of distinct articles containing each hash (absent hashes may be omitted)."""
        ...

    def postings(self, hashes: Sequence[int]) -> Mapping[int, Sequence[tuple[Key, int]]]:
        """(article key, word position) of every occurrence of each hash."""
        ...

    def site_doc_freq(
        self, hashes: Sequence[int], site: str, exclude: Key | None = None
    ) -> Mapping[int, int]:
        """Number of distinct articles of `site` (other than `exclude`) containing each hash."""
        ...


class MemoryIndex:
    """In-memory ReuseIndex. Postings are packed ints (article number << 32 | position)."""

    fingerprint_version = FINGERPRINT_VERSION

    def __init__(self) -> None:
        self._postings: dict[int, list[int]] = defaultdict(list)
        self._df: dict[int, int] = defaultdict(int)
        self._keys: list[Key] = []
        self._number: dict[Key, int] = {}
        self._sites: list[str | None] = []

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._number

    def keys(self) -> list[Key]:
        return list(self._keys)

    def site_of(self, key: Key) -> str | None:
        return self._sites[self._number[key]]

    def add(self, key: Key, tokens: Tokens, *, site: str | None = None) -> int:
        """Index one article's winnowed fingerprints; returns how many were stored."""
        return self.add_fingerprints(key, index_fingerprints(tokens), site=site)

    def add_fingerprints(self, key: Key, fps: Fingerprints, *, site: str | None = None) -> int:
        if key in self._number:
            raise ValueError(f"article {key!r} is already in the reuse index")
        number = len(self._keys)
        if number >= 1 << 31:
            raise ValueError("MemoryIndex holds at most 2^31 articles; use the archive index")
        self._keys.append(key)
        self._number[key] = number
        self._sites.append(site or None)
        base = number << 32
        seen: set[int] = set()
        for h, p in zip(fps.hashes.tolist(), fps.positions.tolist()):
            self._postings[h].append(base | p)
            if h not in seen:
                seen.add(h)
                self._df[h] += 1
        return len(fps)

    def doc_freq(self, hashes: Sequence[int]) -> dict[int, int]:
        df = self._df
        return {h: df[h] for h in hashes if h in df}

    def postings(self, hashes: Sequence[int]) -> dict[int, list[tuple[Key, int]]]:
        out: dict[int, list[tuple[Key, int]]] = {}
        keys = self._keys
        for h in hashes:
            plist = self._postings.get(h)
            if plist:
                out[h] = [(keys[v >> 32], v & 0xFFFFFFFF) for v in plist]
        return out

    def site_doc_freq(
        self, hashes: Sequence[int], site: str, exclude: Key | None = None
    ) -> dict[int, int]:
        out: dict[int, int] = {}
        if not site:
            return out
        skip = self._number.get(exclude) if exclude is not None else None
        sites = self._sites
        for h in hashes:
            plist = self._postings.get(h)
            if not plist:
                continue
            docs = {v >> 32 for v in plist}
            n = sum(1 for d in docs if d != skip and sites[d] == site)
            if n:
                out[h] = n
        return out

    def add_many(self, items: Iterable[tuple[Key, Tokens, str | None]]) -> int:
        """Index several articles; returns the number of fingerprints stored."""
        return sum(self.add(k, t, site=s) for k, t, s in items)
