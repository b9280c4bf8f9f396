"""Compare a quotation with an earlier text: is it quoted identically, trimmed, extended or
altered?

The kernel of quote tracing. Words are compared after lower-casing and unifying apostrophes;
punctuation and quote styles are ignored, because outlets restyle quotes without changing
what was said. The earlier text may be an earlier quote, or a whole earlier article: when it
contains quote marks, the earlier quotation that holds the match is taken as the earlier
version (so a quote that drops words of it is "trimmed"); otherwise the whole earlier text
is the earlier version when it is short (a quote passed on its own), and only the matched
stretch when it is long (an article without quote marks, so its boundaries are unknown).

Statuses:
    identical  every word of the quote, in order and contiguous, and nothing more
    trimmed    every word of the quote is in the earlier version, which has more
    extended   every word of the earlier version is in the quote, which has more
               (the seed's foreign-ministry quote: its first sentence is sourced, the rest is not)
    altered    both sides have words the other lacks (changed, reordered or mixed)
    none       no substantial shared wording
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

_WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)
MIN_BLOCK_WORDS = 4  # a shared run shorter than this alone is not evidence of quoting
EDGE_BLOCK_WORDS = 2  # shorter runs inside the matched range still count (one word changed)
MIN_CHANGE_WORDS = 3  # inside the shared wording, fewer added/dropped words than this is an alteration


@dataclass(frozen=True)
class QuoteMatch:
    """Result of compare_quote.

    status: identical | trimmed | extended | altered | none.
    matched: (quote_begin, quote_end, earlier_begin, earlier_end) character spans of shared runs.
    extra: character spans in the quote that the earlier version lacks.
    missing: character spans of the earlier version that the quote lacks.
    coverage: share of the quote's words found in the earlier version (0..1).
    """

    status: str
    matched: tuple[tuple[int, int, int, int], ...]
    extra: tuple[tuple[int, int], ...]
    missing: tuple[tuple[int, int], ...]
    coverage: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "matched": [list(m) for m in self.matched],
            "extra": [list(x) for x in self.extra],
            "missing": [list(x) for x in self.missing],
            "coverage": round(self.coverage, 4),
        }


def _words(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    toks = list(_WORD.finditer(text))
    return [m.group().lower().replace("’", "'") for m in toks], [(m.start(), m.end()) for m in toks]


def _consistent(big: list, small: list, reach: int = 40) -> list:
    """The big shared runs plus the short ones that sit in the same order close to them
    ("… in Belarus" after a cut), sorted by position in the quote."""
    kept = sorted(big, key=lambda b: b.a)
    for b in sorted(small, key=lambda b: b.a):
        before = [k for k in kept if k.a + k.size <= b.a]
        after = [k for k in kept if k.a >= b.a + b.size]
        if before and (b.b < before[-1].b + before[-1].size or b.b - (before[-1].b + before[-1].size) > reach):
            continue
        if after and (b.b + b.size > after[0].b or after[0].b - (b.b + b.size) > reach):
            continue
        if not before and not after:
            continue
        kept.append(b)
        kept.sort(key=lambda k: k.a)
    return kept


def _runs(indices: list[int]) -> list[list[int]]:
    out: list[list[int]] = []
    for i in indices:
        if out and i == out[-1][-1] + 1:
            out[-1].append(i)
        else:
            out.append([i])
    return out


def _stretches(indices: list[int], offs: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Character spans covering runs of consecutive word indices."""
    out: list[tuple[int, int]] = []
    run: list[int] = []
    for i in indices:
        if run and i != run[-1] + 1:
            out.append((offs[run[0]][0], offs[run[-1]][1]))
            run = []
        run.append(i)
    if run:
        out.append((offs[run[0]][0], offs[run[-1]][1]))
    return tuple(out)


def _earlier_region(earlier_text: str, e_offs: list[tuple[int, int]], anchor: int, n_quote_words: int) -> tuple[int, int] | None:
    """Word index range [lo, hi) of the earlier version that holds word `anchor`, or None when
    its boundaries are unknown."""
    from .quotes import find_quote_spans  # local: quotes imports nothing from here
    from ..segment import paragraphs

    if re.search("[\"“”„«»]", earlier_text):
        pos = e_offs[anchor][0]
        for span in find_quote_spans(earlier_text, paragraphs(earlier_text)):
            for b, e in span.parts:
                if b <= pos < e:
                    lo = next(i for i, (wb, _) in enumerate(e_offs) if wb >= span.begin)
                    hi = max(i for i, (wb, _) in enumerate(e_offs) if wb < span.end) + 1
                    return lo, hi
        return None
    if len(e_offs) <= 3 * max(n_quote_words, 1):
        return 0, len(e_offs)
    return None


def compare_quote(quote_text: str, earlier_text: str) -> QuoteMatch:
    """Compare a quotation with an earlier text (an earlier quote or a whole earlier article)."""
    qw, qo = _words(quote_text)
    ew, eo = _words(earlier_text)
    if not qw or not ew:
        return QuoteMatch("none", (), _stretches(list(range(len(qw))), qo), (), 0.0)
    sm = difflib.SequenceMatcher(None, qw, ew, autojunk=False)
    blocks = [b for b in sm.get_matching_blocks() if b.size > 0]
    big = [b for b in blocks if b.size >= MIN_BLOCK_WORDS or b.size == len(qw)]
    if not big:
        return QuoteMatch("none", (), _stretches(list(range(len(qw))), qo), (), 0.0)
    kept = _consistent(big, [b for b in blocks if EDGE_BLOCK_WORDS <= b.size < MIN_BLOCK_WORDS])
    q_lo, q_hi = min(b.a for b in kept), max(b.a + b.size for b in kept)
    q_matched = sorted({b.a + k for b in kept for k in range(b.size)})
    e_matched = sorted({b.b + k for b in kept for k in range(b.size)})
    biggest = max(kept, key=lambda b: b.size)
    region = _earlier_region(earlier_text, eo, biggest.b, len(qw))
    if region is None:
        region = (min(e_matched), max(e_matched) + 1)
    e_lo, e_hi = region
    e_matched_in = [i for i in e_matched if e_lo <= i < e_hi]
    q_extra = [i for i in range(len(qw)) if i not in set(q_matched)]
    e_missing = [i for i in range(e_lo, e_hi) if i not in set(e_matched_in)]
    coverage = len(q_matched) / len(qw)
    matched = tuple(
        (qo[b.a][0], qo[b.a + b.size - 1][1], eo[b.b][0], eo[b.b + b.size - 1][1]) for b in kept
    )
    in_order = all(x.b < y.b for x, y in zip(kept, kept[1:]))
    # A word or two slipped in or dropped inside the shared wording is an alteration, not an
    # extension or a cut (those add or remove whole clauses, or happen at the ends).
    small_inside = any(
        len(run) < MIN_CHANGE_WORDS
        for run in _runs([i for i in q_extra if q_lo < i < q_hi]) + _runs([i for i in e_missing if min(e_matched_in, default=e_lo) < i < max(e_matched_in, default=e_hi)])
    )
    if coverage < 0.3 and biggest.size < 2 * MIN_BLOCK_WORDS:
        status = "none"
    elif not q_extra and not e_missing and len(kept) == 1:
        status = "identical"
    elif not q_extra and in_order and not small_inside:
        status = "trimmed"
    elif not e_missing and in_order and not small_inside:
        status = "extended"
    else:
        status = "altered"
    return QuoteMatch(status, matched, _stretches(q_extra, qo), _stretches(e_missing, eo), coverage)
