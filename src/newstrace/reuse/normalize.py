"""Word tokens with character offsets, normalised for matching.

Matching works on normalised words; reports quote `Article.text` exactly. So the tokeniser
reads the article text as it is and keeps, for every token, its [start, end) character
offsets into that text next to its normalised form.

Decisions (all part of FINGERPRINT_VERSION, because they change the hashes):
- A word is a run of letters/digits with its combining marks, and may contain an
  apostrophe between letters ("didn't", "Belarus’s"). Underscores, hyphens, dashes and
  all punctuation separate words, so dash and hyphen variants never matter.
- Scripts written without spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar)
  yield one token per character (plus its marks): dictionary word segmentation would
  need data we do not ship, and character tokens align just as well. Such a token counts
  as half a word towards minimum passage lengths (Chinese words average under two
  characters), see `Tokens.weight`.
- Normalised form: NFKC (full-width letters, ligatures), case folding, apostrophes
  removed, and accents stripped from Latin/Greek/Cyrillic letters, Hebrew points and
  Arabic vowel marks. Stripping accents is deliberate: copies made through ASCII-only
  systems lose them, and within a 5-word n-gram the lost distinction almost never
  matters. Digits are kept as they are; numbers are split at "." and "," ("3.5" → 3, 5).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import xxhash

from ._marks import MARK_RANGES

# Scripts without spaces between words: every character is a token.
_SPACELESS_RANGES: tuple[tuple[int, int], ...] = (
    (0x0E00, 0x0E7F),  # Thai
    (0x0E80, 0x0EFF),  # Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x2E80, 0x2FDF),  # CJK radicals, Kangxi radicals
    (0x3005, 0x3007),  # ideographic iteration mark, closing mark, number zero
    (0x3021, 0x3029),  # Hangzhou numerals
    (0x3038, 0x303C),
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x31F0, 0x31FF),  # Katakana phonetic extensions
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF66, 0xFF9F),  # half-width Katakana
    (0x20000, 0x3134F),  # CJK extensions B-G
)

# Marks stripped from the normalised form (accents a copy may lose); other marks stay.
_STRIP_MARK_RANGES: tuple[tuple[int, int], ...] = (
    (0x0300, 0x036F),  # combining diacritical marks (Latin, Greek, Cyrillic accents)
    (0x0591, 0x05C7),  # Hebrew points and cantillation
    (0x064B, 0x065F),  # Arabic harakat
    (0x0670, 0x0670),  # Arabic superscript alef
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
)

_APOSTROPHES = "'’ʼ"


def _char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    parts = []
    for a, b in ranges:
        parts.append(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}")
    return "".join(parts)


_MARKS = _char_class(MARK_RANGES)
_SPACELESS = _char_class(_SPACELESS_RANGES)
# A word character: \w minus underscore minus the spaceless scripts.
_W = rf"[^\W_{_SPACELESS}]"
_M = rf"[{_MARKS}]"
_TOKEN_RE = re.compile(
    rf"[{_SPACELESS}]{_M}*"  # one character of a spaceless script
    rf"|{_W}{_M}*(?:[{_APOSTROPHES}]?{_W}{_M}*)*"  # a word, apostrophes inside allowed
)
# Fast path. Scanning for the big classes above costs more than the rest of tokenising,
# yet most news text (Latin, Greek, Cyrillic, with typographic quotes and dashes) holds no
# combining mark and no spaceless-script character at all. For such a text the pattern
# reduces exactly to this one; _ODD_RE finds any character outside the ranges known to be
# free of both (tests/test_archive_reuse_tokenize.py checks the ranges and the equivalence).
_PLAIN_RANGES: tuple[tuple[int, int], ...] = (
    (0x0000, 0x02FF),  # ASCII, Latin-1, Latin Extended-A/B, IPA, spacing modifiers
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x0482),  # Cyrillic (before the combining Cyrillic marks)
    (0x048A, 0x052F),
    (0x1E00, 0x1EFF),  # Latin Extended Additional
    (0x2000, 0x206F),  # general punctuation: quotes, dashes, ellipsis, spaces
    (0x20A0, 0x20CF),  # currency signs
    (0x2100, 0x214F),  # letterlike symbols
)
_ODD_RE = re.compile(rf"[^{_char_class(_PLAIN_RANGES)}]")
_PLAIN_TOKEN_RE = re.compile(rf"[^\W_]+(?:[{_APOSTROPHES}][^\W_]+)*")
_STRIP_TABLE = {cp: None for a, b in _STRIP_MARK_RANGES for cp in range(a, b + 1)}
_APOS_TABLE = {ord(c): None for c in _APOSTROPHES}


def _in_ranges(cp: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(a <= cp <= b for a, b in ranges)


@lru_cache(maxsize=1 << 18)
def normalize_word(raw: str) -> tuple[str, int, bool]:
    """(normalised form, 64-bit token hash, is a spaceless-script character) of a raw token.

    Cached: news vocabulary is Zipfian, so almost every call is a cache hit. Clear with
    `normalize_word.cache_clear()`.
    """
    if raw.isascii():
        norm = raw.lower().translate(_APOS_TABLE)
    else:
        s = unicodedata.normalize("NFKC", raw).casefold()
        s = unicodedata.normalize("NFKD", s).translate(_STRIP_TABLE)
        norm = unicodedata.normalize("NFC", s).translate(_APOS_TABLE) or raw
    spaceless = not raw.isascii() and _in_ranges(ord(raw[0]), _SPACELESS_RANGES)
    return norm, xxhash.xxh64_intdigest(norm.encode("utf-8")), spaceless


@dataclass
class Tokens:
    """The tokens of one text: normalised forms, hashes and [start, end) character offsets."""

    text: str
    norm: list[str]
    starts: list[int]
    ends: list[int]
    hashes: np.ndarray  # uint64 token hashes, one per token
    spaceless: list[bool]  # token is one character of a script written without spaces
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.norm)

    def char_span(self, i: int, j: int) -> tuple[int, int]:
        """Character span [begin, end) of tokens [i, j) (j > i)."""
        return self.starts[i], self.ends[j - 1]

    def weight(self, i: int, j: int) -> float:
        """Length of tokens [i, j) in word units: a spaceless-script character counts 1/2."""
        if not self.any_spaceless:
            return float(j - i)
        n_chars = sum(self.spaceless[i:j])
        return (j - i) - 0.5 * n_chars

    @property
    def any_spaceless(self) -> bool:
        v = self._cache.get("any_spaceless")
        if v is None:
            v = self._cache["any_spaceless"] = any(self.spaceless)
        return v


class _HashOf(dict):
    """raw token -> its 64-bit hash (normalize_word's), filled on first sight."""

    def __missing__(self, raw: str) -> int:
        if len(self) > 1 << 18:  # bounded like normalize_word's cache
            self.clear()
        h = self[raw] = normalize_word(raw)[1]
        return h


_HASH_OF = _HashOf()


def token_hashes(text: str) -> np.ndarray:
    """`tokenize(text).hashes` without the rest (forms, offsets): a quick look at a text's
    words, e.g. to decide whether two texts are worth aligning at all."""
    pattern = _TOKEN_RE if _ODD_RE.search(text) else _PLAIN_TOKEN_RE
    raw = [m.group() for m in pattern.finditer(text)] if pattern.groups else pattern.findall(text)
    return np.fromiter(map(_HASH_OF.__getitem__, raw), dtype=np.uint64, count=len(raw))


def tokenize(text: str) -> Tokens:
    """Tokenise `text` (already NFC, as in Article.text) into normalised word tokens."""
    pattern = _TOKEN_RE if _ODD_RE.search(text) else _PLAIN_TOKEN_RE
    found = [(m.group(), m.start(), m.end()) for m in pattern.finditer(text)]
    # Normalise each distinct raw token once (a long text repeats its vocabulary).
    table = {raw: normalize_word(raw) for raw in {f[0] for f in found}}
    info = [table[f[0]] for f in found]
    return Tokens(
        text=text,
        norm=[i[0] for i in info],
        starts=[f[1] for f in found],
        ends=[f[2] for f in found],
        hashes=np.fromiter((i[1] for i in info), dtype=np.uint64, count=len(info)),
        spaceless=[i[2] for i in info],
    )
