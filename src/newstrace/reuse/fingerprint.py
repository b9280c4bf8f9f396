"""Word n-gram fingerprints with positions, and winnowing.

An archived article is indexed by its *winnowed* n-gram hashes: in every window of
WINDOW consecutive n-grams the smallest hash is kept (the rightmost on ties), so any run
of at least NGRAM + WINDOW - 1 = 7 identical words shared by two texts is guaranteed to
share at least one indexed fingerprint, while only about 2 / (WINDOW + 1) = 40% of the
positions are stored. The checked article is looked up with *all* its n-grams, so the
guarantee holds whatever its own winnowing would have picked.

Why 4-grams: with 20% of the words edited, a 5-gram survives intact with probability
0.8^5 = 0.33, a 4-gram with 0.41; on the dev benchmark 5-grams left one heavily edited
copy in 200 without any shared indexed fingerprint, 4-grams none. Precision does not
depend on the n-gram length: alignment and the pair rule in align.py decide.

Hashes are 63-bit non-negative integers (they fit SQLite's signed INTEGER): each token is
hashed with xxh64 of its normalised UTF-8 form; an n-gram combines its token hashes by a
polynomial over 2^64 and a splitmix64 finaliser, shifted right by one bit.

N-grams made of at most one content word ("one of the most", "it was not the") are not
indexed: they are shared by unrelated articles and would only produce spurious candidates.

FINGERPRINT_VERSION changes whenever anything here or in normalize.py would change a hash
or a selected position; an archive built with another version must be re-fingerprinted
(`check_version`). The golden test in tests/test_reuse_fingerprint.py pins the values.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import ArchiveError
from .normalize import Tokens, tokenize

FINGERPRINT_VERSION = 1
NGRAM = 4
WINDOW = 4

_POLY = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_SUPPRESSED = np.iinfo(np.int64).max

# Function words of the languages most common in news, in normalised form (case-folded,
# accents and apostrophes removed). Only used to suppress n-grams without content.
STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not now of off on once
    only or other our ours out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your
    yours said says say s t one two
    le la les un une des du de et en est que qui dans pour par sur au aux ce cette il elle
    ils sont pas plus ne se sa son ses ou avec
    der die das den dem des ein eine einer und ist im zu mit von auf fur nicht sich es sie
    er auch als bei
    el los las una del y es por para con su al lo como mas
    lo gli di della e che per non sono
    o os um uma do da em nao
    и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только
    ее мне было вот от меня еще нет о из ему
    """.split()
)


@dataclass(frozen=True)
class Fingerprints:
    """Parallel arrays: 63-bit n-gram hashes and the token position where each n-gram starts."""

    hashes: np.ndarray  # int64
    positions: np.ndarray  # int64

    def __len__(self) -> int:
        return int(self.hashes.shape[0])

    def pairs(self) -> list[tuple[int, int]]:
        return list(zip(self.hashes.tolist(), self.positions.tolist()))


def ngram_hashes(tokens: Tokens, n: int = NGRAM) -> np.ndarray:
    """Hash of every n-gram (int64, non-negative), one per start position; cached on tokens."""
    key = ("ngrams", n)
    cached = tokens._cache.get(key)
    if cached is not None:
        return cached
    out = tokens._cache[key] = hash_ngrams(tokens.hashes, n)
    return out


def hash_ngrams(th: np.ndarray, n: int = NGRAM) -> np.ndarray:
    """`ngram_hashes` from an array of token hashes (`Tokens.hashes`, `token_hashes`)."""
    count = len(th) - n + 1
    if count <= 0:
        out = np.zeros(0, dtype=np.int64)
    else:
        acc = np.zeros(count, dtype=np.uint64)
        for k in range(n):
            acc = acc * _POLY + th[k : k + count]
        acc ^= acc >> np.uint64(30)
        acc *= _MIX1
        acc ^= acc >> np.uint64(27)
        acc *= _MIX2
        acc ^= acc >> np.uint64(31)
        out = (acc >> np.uint64(1)).astype(np.int64)
    return out


def content_mask(tokens: Tokens, n: int = NGRAM) -> np.ndarray:
    """True for n-grams with at least two non-stop-words (those worth indexing)."""
    count = len(tokens) - n + 1
    if count <= 0:
        return np.zeros(0, dtype=bool)
    stop = np.fromiter((w in STOPWORDS for w in tokens.norm), dtype=np.int64, count=len(tokens))
    csum = np.concatenate(([0], np.cumsum(stop)))
    stops_in_gram = csum[n : n + count] - csum[:count]
    return stops_in_gram <= n - 2


def query_fingerprints(tokens: Tokens, n: int = NGRAM) -> Fingerprints:
    """Every content n-gram of a text with its position: what a lookup uses."""
    h = ngram_hashes(tokens, n)
    keep = content_mask(tokens, n)
    pos = np.nonzero(keep)[0]
    return Fingerprints(h[pos], pos.astype(np.int64))


def winnow(hashes: np.ndarray, keep: np.ndarray, window: int = WINDOW) -> np.ndarray:
    """Positions selected by robust winnowing (rightmost minimum per window), ascending.

    Suppressed n-grams (keep False) are never selected; a window of only suppressed
    n-grams selects nothing. A text with fewer n-grams than a window keeps its minimum.
    """
    if hashes.shape[0] == 0:
        return np.zeros(0, dtype=np.int64)
    masked = np.where(keep, hashes, _SUPPRESSED)
    w = min(window, masked.shape[0])
    views = np.lib.stride_tricks.sliding_window_view(masked, w)
    # argmin of the reversed window = rightmost minimum, which keeps the same selection
    # across a run of equal hashes (robust winnowing) and so fewer stored positions.
    rightmost = (w - 1) - np.argmin(views[:, ::-1], axis=1)
    chosen = np.arange(views.shape[0]) + rightmost
    chosen = chosen[masked[chosen] != _SUPPRESSED]
    return np.unique(chosen)


def index_fingerprints(tokens: Tokens, n: int = NGRAM, window: int = WINDOW) -> Fingerprints:
    """Winnowed content n-grams of a text with their positions: what the index stores."""
    h = ngram_hashes(tokens, n)
    pos = winnow(h, content_mask(tokens, n), window)
    return Fingerprints(h[pos], pos.astype(np.int64))


def fingerprint_text(text: str) -> Fingerprints:
    """Convenience: the index fingerprints of a raw text."""
    return index_fingerprints(tokenize(text))


def check_version(stored_version: int | None, *, where: str = "archive") -> None:
    """Raise ArchiveError when fingerprints stored by another version cannot be compared."""
    if stored_version is not None and int(stored_version) != FINGERPRINT_VERSION:
        raise ArchiveError(
            f"{where}: fingerprints were built with fingerprint version {stored_version}, "
            f"this newstrace uses version {FINGERPRINT_VERSION}; rebuild the reuse index "
            f"(re-fingerprint every article) before checking against it"
        )
