"""Candidate articles for a checked text: who shares indexed fingerprints with it.

The checked text's content n-grams (all of them, not winnowed) are looked up in the index.
Fingerprints carried by more than `max_df` articles are left out of candidate generation:
they are site furniture or stock phrases, and a passage made only of them is reported as
boilerplate / common text instead (see provenance.py). Every remaining posting is a
"seed" (query position, archived position); candidates are ranked by how many distinct
query positions are seeded, with position-consistent seeds (on nearby diagonals) counted
in full and isolated ones at half weight. The best `weak_candidates` are returned whatever
their score, then any others scoring at least `strong_score` (several seeded positions on
one diagonal: a passage, not a shared phrase), up to `max_candidates`, for alignment,
which makes the final decision. Why not simply the best `max_candidates`: in a large
archive nearly every text shares a phrase or two with hundreds of unrelated articles;
at 1M synthetic articles a check aligned 100 of them (median 376 ms), and with this rule
10 (median 118 ms) and finds its planted source as often (95.5%): a true source ranks
near the top or scores 3 or more (bench/provenance_speed.py --sizes 1000000).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Collection

from .fingerprint import Fingerprints
from .index import Key, ReuseIndex

MAX_DF = 500  # documents; above this a fingerprint is a stock phrase, not evidence
MAX_CANDIDATES = 100
WEAK_CANDIDATES = 10  # best-ranked candidates aligned whatever their score
STRONG_SCORE = 3.0  # candidates beyond those are aligned only with this score
_DIAG_TOLERANCE = 40
_SEEDS_PER_HASH = 4  # tokens of drift between two seeds of the same passage (edits)


@dataclass
class Candidate:
    key: Key
    seeds: list[tuple[int, int]] = field(default_factory=list)  # (query pos, archived pos)
    score: float = 0.0


@dataclass
class Lookup:
    """What a lookup learned: candidates, and document frequencies of the query's hashes."""

    candidates: list[Candidate]
    doc_freq: dict[int, int]
    frequent: set[int]  # hashes above max_df


def find_candidates(
    fps: Fingerprints,
    index: ReuseIndex,
    *,
    exclude: Collection[Key] = (),
    max_df: int = MAX_DF,
    max_candidates: int = MAX_CANDIDATES,
    positions: tuple[int, int] | None = None,
    skip: Collection[int] = (),
    weak_candidates: int | None = None,
    strong_score: float = STRONG_SCORE,
) -> Lookup:
    """Seeds and ranked candidates for a text's query fingerprints.

    `positions` restricts the lookup to query n-grams starting in [begin, end) (used to
    follow one passage back through older copies). `weak_candidates` None: the best
    `max_candidates` whatever their score.
    """
    by_hash: dict[int, list[int]] = defaultdict(list)
    for h, p in zip(fps.hashes.tolist(), fps.positions.tolist()):
        if positions is None or positions[0] <= p < positions[1]:
            by_hash[h].append(p)
    if not by_hash:
        return Lookup([], {}, set())
    hashes = list(by_hash)
    df = dict(index.doc_freq(hashes))
    frequent = {h for h, n in df.items() if n > max_df}
    wanted = [h for h in hashes if df.get(h, 0) and h not in frequent and h not in skip]
    seeds: dict[Key, list[tuple[int, int]]] = defaultdict(list)
    excluded = set(exclude)
    for h, plist in index.postings(wanted).items():
        # A hash repeated in the text or in one article (a repeated sentence) adds at most
        # _SEEDS_PER_HASH seeds per article: seeds rank candidates, alignment finds the rest.
        qpositions = by_hash[h][:_SEEDS_PER_HASH]
        per_key: dict[Key, int] = {}
        for key, dpos in plist:
            if key in excluded:
                continue
            n = per_key.get(key, 0)
            if n >= _SEEDS_PER_HASH:
                continue
            per_key[key] = n + 1
            s = seeds[key]
            for qpos in qpositions:
                s.append((qpos, dpos))
    candidates = [Candidate(k, sorted(v), _score(v)) for k, v in seeds.items()]
    candidates.sort(key=lambda c: (-c.score, str(c.key)))
    if weak_candidates is not None:
        candidates = [c for i, c in enumerate(candidates) if i < weak_candidates or c.score >= strong_score]
    return Lookup(candidates[:max_candidates], df, frequent)


def _score(seeds: list[tuple[int, int]]) -> float:
    """Distinct seeded query positions; seeds without a diagonal neighbour count half."""
    if len(seeds) == 1:
        return 0.5
    by_q: dict[int, int] = {}
    for q, d in seeds:
        by_q.setdefault(q, d - q)
    items = sorted(by_q.items())
    score = 0.0
    for n, (q, diag) in enumerate(items):
        supported = False
        for m in (n - 1, n + 1):
            if 0 <= m < len(items):
                q2, diag2 = items[m]
                if abs(q2 - q) <= 2 * _DIAG_TOLERANCE and abs(diag2 - diag) <= _DIAG_TOLERANCE:
                    supported = True
                    break
        score += 1.0 if supported else 0.5
    return score
