"""Local word alignment of two texts: every passage they share, with its edits.

No single monotone alignment per pair: copies reorder paragraphs, truncate, and interleave
their own sentences, so a pair of texts yields any number of passages, each a monotone
alignment of one region of the copy with one region of the source.

How (all linear-ish in the text lengths; dynamic programming only inside small gaps):
1. Anchors: every n-gram (NGRAM words) present in both texts. An n-gram repeated many
   times on both sides (a sentence repeated over and over) is paired occurrence by
   occurrence instead of all-against-all, which keeps degenerate inputs linear.
2. Runs: anchors on the same diagonal that touch are merged into maximal runs of equal
   words, extended word by word to both sides (once per stretch of a diagonal, so long
   repeated texts stay linear).
3. Chains: runs are chained by dynamic programming into collinear sequences whose gaps are
   at most MAX_GAP words on either side (edits between anchors), highest score first; a
   run belongs to one chain. Reordered paragraphs become separate chains. Predecessors
   are found by bisection on run ends.
4. Gaps: between two runs of a chain, the words are aligned by LCS. A gap of SPLIT_GAP
   words or more that is mostly unmatched (an interleaved sentence of the copier's own,
   a dropped source sentence) splits the chain into two passages.
5. Ends: each passage is extended past its outer runs by a banded, anchored alignment
   (+1 per equal content word, +0.5 per equal stop word, -1 per substitution or gap, with
   an X-drop cut-off) up to EXTEND words and never across a paragraph break, to the best
   score; this recovers edited words near the ends that no full n-gram covers. A passage
   that stops one or two words short of its paragraph's start in both texts is then
   snapped to it (an edited first word of a lifted lede), one word at the paragraph end;
   up to _SNAP_MAX words at either end when both stretches are of similar length and
   share content words (a heavily edited first or last sentence).
   Nothing here needs a seed at the first word: a lede copied from the very first word is
   found like any other passage.
6. Filter: a passage needs MIN_WORDS matched words (a spaceless-script character counts
   half) and at least half its words matched on both sides; passages overlapping an
   already accepted passage in the copy are trimmed (best first). Whether a pair of
   articles is reported at all is decided by `establishes_pair` (below).

Edit ratio = word edits (substitutions + insertions + deletions, from the alignment) /
max(passage length in copy, in source). Edit level: verbatim (no edit on normalised words),
light (ratio <= LIGHT_MAX), heavy. LIGHT_MAX was set between the ratios measured for
planted 10% and 20% edits on the dev benchmark (bench/provenance_eval.py --split dev).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

import numpy as np

from .fingerprint import NGRAM, STOPWORDS, ngram_hashes
from .normalize import Tokens

MIN_WORDS = 8
# A pair of articles is only reported when one of its passages has MIN_WORDS identical
# words in a row, or MIN_WORDS_EDITED matched words despite edits; once a pair is
# established, its shorter edited passages are reported too. Why: two independent articles
# on one event share 8-10 word phrases with a word changed ("a boarding school in the
# (remote) northeastern town of Chibok") far more often than verbatim runs. Calibrated on
# the dev benchmark: every unplanted pair found there had at most 9 matched words with an
# edit and no run of 8.
MIN_WORDS_EDITED = 12
MAX_GAP = 40
SPLIT_GAP = 8
MIN_GAP_DENSITY = 0.4
EXTEND = 25
_EXTEND_BAND = 6
_XDROP = 4.0
_MAX_PAIRS_PER_HASH = 16
_SMALL = 4000  # n-grams in both texts below which anchors are found with dictionaries
_GAP_COST = 0.05
_MAX_PREDECESSORS = 300
# Dev benchmark, measured edit ratio: planted 10% edits p99 0.114, planted 20% edits p1 0.127.
LIGHT_MAX = 0.12
_SNAP = 2
_SNAP_MAX = 8

VERBATIM, LIGHT, HEAVY = "verbatim", "light", "heavy"


@dataclass
class Alignment:
    """One passage shared by a copy (q) and a source (d), in token positions.

    `blocks` are the runs of equal (normalised) words: (q position, d position, length),
    increasing on both sides. Everything else between them is an edit.
    """

    q_start: int
    q_end: int
    d_start: int
    d_end: int
    blocks: list[tuple[int, int, int]] = field(default_factory=list)

    @property
    def matched(self) -> int:
        return sum(n for _, _, n in self.blocks)

    @property
    def longest_run(self) -> int:
        return max((n for _, _, n in self.blocks), default=0)

    @property
    def edits(self) -> int:
        if not self.blocks:
            return max(self.q_end - self.q_start, self.d_end - self.d_start)
        q0, d0, _ = self.blocks[0]
        total = max(q0 - self.q_start, d0 - self.d_start)
        for (q1, d1, n1), (q2, d2, _) in zip(self.blocks, self.blocks[1:]):
            total += max(q2 - (q1 + n1), d2 - (d1 + n1))
        ql, dl, nl = self.blocks[-1]
        return total + max(self.q_end - (ql + nl), self.d_end - (dl + nl))

    @property
    def edit_ratio(self) -> float:
        length = max(self.q_end - self.q_start, self.d_end - self.d_start)
        return self.edits / length if length else 0.0

    @property
    def edit_level(self) -> str:
        return edit_level(self.edits, self.edit_ratio)

    def opcodes(self) -> list[tuple[str, int, int, int, int]]:
        """difflib-style opcodes turning the source words into the copy's words.

        (tag, q1, q2, d1, d2) with tag in equal / replace / insert (words only in the copy) /
        delete (source words the copy dropped); positions are token indices.
        """
        ops: list[tuple[str, int, int, int, int]] = []
        prev_q, prev_d = self.q_start, self.d_start
        for q, d, n in self.blocks:
            if q > prev_q or d > prev_d:
                tag = "replace" if q > prev_q and d > prev_d else ("insert" if q > prev_q else "delete")
                ops.append((tag, prev_q, q, prev_d, d))
            ops.append(("equal", q, q + n, d, d + n))
            prev_q, prev_d = q + n, d + n
        if self.q_end > prev_q or self.d_end > prev_d:
            tag = "replace" if self.q_end > prev_q and self.d_end > prev_d else ("insert" if self.q_end > prev_q else "delete")
            ops.append((tag, prev_q, self.q_end, prev_d, self.d_end))
        return ops

    def pairs(self) -> list[tuple[int, int]]:
        """(copy token, source token) index pairs of the equal words."""
        return [(q + k, d + k) for q, d, n in self.blocks for k in range(n)]


def establishes_pair(
    matched_words: float,
    edits: int,
    longest_run: float = 0,
    *,
    min_words: float = MIN_WORDS,
    min_words_edited: float = MIN_WORDS_EDITED,
) -> bool:
    """Is this passage, on its own, evidence enough that two articles share text?

    Yes when it holds `min_words` identical words in a row (or is verbatim with that many
    words), or `min_words_edited` matched words despite edits.
    """
    if longest_run >= min_words:
        return True
    return matched_words >= (min_words if edits == 0 else min_words_edited)


def edit_level(edits: int, ratio: float) -> str:
    if edits == 0:
        return VERBATIM
    return LIGHT if ratio <= LIGHT_MAX else HEAVY


def align(
    q: Tokens,
    d: Tokens,
    *,
    min_words: float = MIN_WORDS,
    q_range: tuple[int, int] | None = None,
    d_range: tuple[int, int] | None = None,
) -> list[Alignment]:
    """All passages shared by `q` (the copy) and `d` (the source), best first.

    `q_range` / `d_range` restrict the search to token ranges [begin, end).
    """
    n = NGRAM
    qh = ngram_hashes(q, n)
    dh = ngram_hashes(d, n)
    if q_range is not None or d_range is not None:
        qh, q_off = _restrict(qh, q_range, n)
        dh, d_off = _restrict(dh, d_range, n)
    else:
        q_off = d_off = 0
    ai, aj = _anchors(qh, dh)
    if ai.size == 0:
        return []
    ai += q_off
    aj += d_off
    qn, dn = q.norm, d.norm
    runs = _runs(ai, aj, qn, dn, n, q_range, d_range)
    chains = _chains(runs)
    lo_q, hi_q = q_range or (0, len(qn))
    lo_d, hi_d = d_range or (0, len(dn))
    passages: list[Alignment] = []
    for chain in chains:
        for blocks in _split(chain, qn, dn):
            blocks = _extend_ends(blocks, q, d, (lo_q, hi_q), (lo_d, hi_d))
            a = _snap(_make(blocks), q, d, (lo_q, hi_q), (lo_d, hi_d))
            if not _chance_junction(a, q, d, min_words) and _acceptable(a, q, d, min_words):
                passages.append(a)
    return _resolve_overlaps(passages, q, d, min_words)


def _restrict(h: np.ndarray, rng: tuple[int, int] | None, n: int) -> tuple[np.ndarray, int]:
    if rng is None:
        return h, 0
    lo, hi = max(0, rng[0]), max(0, min(h.shape[0], rng[1] - n + 1))
    if hi <= lo:
        return h[:0], lo
    return h[lo:hi], lo


def _anchors(qh: np.ndarray, dh: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(q position, d position) of n-grams present in both hash arrays."""
    empty = np.zeros(0, dtype=np.int64)
    if qh.size == 0 or dh.size == 0:
        return empty, empty
    if qh.size + dh.size <= _SMALL:
        return _anchors_small(qh.tolist(), dh.tolist())
    shared = np.intersect1d(qh, dh)
    if shared.size == 0:
        return empty, empty
    qsel = np.nonzero(np.isin(qh, shared))[0]
    dsel = np.nonzero(np.isin(dh, shared))[0]
    qo = qsel[np.argsort(qh[qsel], kind="stable")]
    do = dsel[np.argsort(dh[dsel], kind="stable")]
    _, qstart, qcount = np.unique(qh[qo], return_index=True, return_counts=True)
    _, dstart, dcount = np.unique(dh[do], return_index=True, return_counts=True)
    single = (qcount == 1) & (dcount == 1)
    ai_parts = [qo[qstart[single]]]
    aj_parts = [do[dstart[single]]]
    for k in np.nonzero(~single)[0].tolist():
        qs = qo[qstart[k] : qstart[k] + qcount[k]]
        ds = do[dstart[k] : dstart[k] + dcount[k]]
        if qs.size * ds.size <= _MAX_PAIRS_PER_HASH:
            ai_parts.append(np.repeat(qs, ds.size))
            aj_parts.append(np.tile(ds, qs.size))
        else:
            # A phrase repeated many times on both sides: pair occurrences in order, which
            # aligns a repeated text with its repeated copy without a quadratic blow-up.
            m = min(qs.size, ds.size)
            ai_parts.append(qs[:m])
            aj_parts.append(ds[:m])
    return np.concatenate(ai_parts).astype(np.int64), np.concatenate(aj_parts).astype(np.int64)


def _anchors_small(qh: list[int], dh: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """_anchors for article-sized texts: plain dictionaries beat numpy's per-call overhead."""
    where: dict[int, list[int]] = {}
    for j, h in enumerate(dh):
        where.setdefault(h, []).append(j)
    qcount: dict[int, int] = {}
    for h in qh:
        if h in where:
            qcount[h] = qcount.get(h, 0) + 1
    ai: list[int] = []
    aj: list[int] = []
    seen: dict[int, int] = {}
    for i, h in enumerate(qh):
        js = where.get(h)
        if js is None:
            continue
        if qcount[h] * len(js) <= _MAX_PAIRS_PER_HASH:
            ai.extend([i] * len(js))
            aj.extend(js)
        else:  # pair occurrences in order (see _anchors)
            k = seen.get(h, 0)
            if k < len(js):
                ai.append(i)
                aj.append(js[k])
            seen[h] = k + 1
    return np.array(ai, dtype=np.int64), np.array(aj, dtype=np.int64)


def _runs(
    ai: np.ndarray,
    aj: np.ndarray,
    qn: list[str],
    dn: list[str],
    n: int,
    q_range: tuple[int, int] | None,
    d_range: tuple[int, int] | None,
) -> list[tuple[int, int, int, int]]:
    """Maximal runs of equal words (qs, qe, ds, de) around the anchors, sorted by (qs, ds)."""
    diag = aj - ai
    order = np.lexsort((ai, diag))
    ai, aj, diag = ai[order], aj[order], diag[order]
    brk = np.ones(ai.size, dtype=bool)
    brk[1:] = (diag[1:] != diag[:-1]) | (ai[1:] > ai[:-1] + n)
    starts = np.nonzero(brk)[0]
    ends = np.append(starts[1:], ai.size) - 1
    lo_q, hi_q = q_range or (0, len(qn))
    lo_d, hi_d = d_range or (0, len(dn))
    runs: list[tuple[int, int, int, int]] = []
    prev_diag, prev_qe = None, -1
    for s, e in zip(starts.tolist(), ends.tolist()):
        qs, ds = int(ai[s]), int(aj[s])
        qe, de = int(ai[e]) + n, int(aj[e]) + n
        diag = ds - qs
        if diag == prev_diag and qs < prev_qe:
            # Inside the previous run of this diagonal, which was already extended over
            # every equal word: extending again would make long repeats quadratic.
            continue
        while qs > lo_q and ds > lo_d and qn[qs - 1] == dn[ds - 1]:
            qs -= 1
            ds -= 1
        while qe < hi_q and de < hi_d and qn[qe] == dn[de]:
            qe += 1
            de += 1
        runs.append((qs, qe, ds, de))
        prev_diag, prev_qe = diag, qe
    runs.sort()
    return runs


def _chains(runs: list[tuple[int, int, int, int]]) -> list[list[tuple[int, int, int]]]:
    """Collinear chains of runs as block lists [(q, d, length)], best-scoring first."""
    count = len(runs)
    best = [0.0] * count
    pred = [-1] * count
    trim = [0] * count
    # Predecessors of a run end within MAX_GAP words before it (or overlap its start):
    # found by bisection on run ends, so long runs and repeats stay near-linear.
    by_end = sorted((qe, i) for i, (_, qe, _, _) in enumerate(runs))
    ends = [qe for qe, _ in by_end]
    for r, (qs, qe, ds, de) in enumerate(runs):
        length = qe - qs
        best[r] = float(length)
        lo = bisect_left(ends, qs - MAX_GAP)
        hi = bisect_left(ends, qe)
        examined = 0
        for k in range(hi - 1, lo - 1, -1):
            if examined >= _MAX_PREDECESSORS:
                break
            p = by_end[k][1]
            if p >= r:
                continue  # not before r in start order (processed later)
            pqs, pqe, pds, pde = runs[p]
            if pqs >= qs or pds >= ds:
                continue
            examined += 1
            ov = max(pqe - qs, pde - ds, 0)
            if ov >= length:
                continue
            gq = qs + ov - pqe
            gd = ds + ov - pde
            if gq > MAX_GAP or gd > MAX_GAP:
                continue
            score = best[p] + length - ov - _GAP_COST * (gq + gd)
            if score > best[r]:
                best[r] = score
                pred[r] = p
                trim[r] = ov
    used = [False] * count
    chains: list[list[tuple[int, int, int]]] = []
    for r in sorted(range(count), key=lambda x: -best[x]):
        if used[r]:
            continue
        members: list[int] = []
        k = r
        while k != -1 and not used[k]:
            used[k] = True
            members.append(k)
            k = pred[k]
        members.reverse()
        blocks: list[tuple[int, int, int]] = []
        for pos, m in enumerate(members):
            qs, qe, ds, de = runs[m]
            ov = trim[m] if pos > 0 else 0
            blocks.append((qs + ov, ds + ov, qe - qs - ov))
        chains.append(blocks)
    return chains


def _split(
    chain: list[tuple[int, int, int]], qn: list[str], dn: list[str]
) -> list[list[tuple[int, int, int]]]:
    """Fill the gaps of a chain with LCS matches; split it at long, mostly unmatched gaps."""
    segments: list[list[tuple[int, int, int]]] = []
    cur = [chain[0]]
    for b in chain[1:]:
        pq, pd, pn = cur[-1]
        q0, d0 = pq + pn, pd + pn
        gq, gd = b[0] - q0, b[1] - d0
        inner = _lcs_blocks(qn, dn, q0, b[0], d0, b[1]) if gq and gd else []
        matched = sum(x[2] for x in inner)
        if max(gq, gd) >= SPLIT_GAP and matched < MIN_GAP_DENSITY * max(gq, gd):
            segments.append(cur)
            cur = [b]
        else:
            cur.extend(inner)
            cur.append(b)
    segments.append(cur)
    return [_merge_blocks(s) for s in segments]


def _lcs_blocks(
    qn: list[str], dn: list[str], q0: int, q1: int, d0: int, d1: int
) -> list[tuple[int, int, int]]:
    """Blocks of a longest common subsequence of qn[q0:q1] and dn[d0:d1] (small regions)."""
    a = qn[q0:q1]
    b = dn[d0:d1]
    la, lb = len(a), len(b)
    if not la or not lb:
        return []
    if la * lb > 10_000:  # never expected (gaps are bounded); stay linear if it happens
        return []
    # dp[i][j] = LCS length of a[i:], b[j:] (suffix form makes the traceback go forwards).
    dp = [[0] * (lb + 1) for _ in range(la + 1)]
    for i in range(la - 1, -1, -1):
        row, nxt = dp[i], dp[i + 1]
        ai = a[i]
        for j in range(lb - 1, -1, -1):
            if ai == b[j]:
                row[j] = nxt[j + 1] + 1
            else:
                x, y = nxt[j], row[j + 1]
                row[j] = x if x >= y else y
    blocks: list[tuple[int, int, int]] = []
    i = j = 0
    while i < la and j < lb:
        if a[i] == b[j] and dp[i][j] == dp[i + 1][j + 1] + 1:
            blocks.append((q0 + i, d0 + j, 1))
            i += 1
            j += 1
        elif dp[i + 1][j] >= dp[i][j + 1]:
            i += 1
        else:
            j += 1
    return blocks


def _merge_blocks(blocks: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    out: list[tuple[int, int, int]] = []
    for q, d, n in blocks:
        if out:
            pq, pd, pn = out[-1]
            if pq + pn == q and pd + pn == d:
                out[-1] = (pq, pd, pn + n)
                continue
        out.append((q, d, n))
    return out


def _extend_ends(
    blocks: list[tuple[int, int, int]],
    q: Tokens,
    d: Tokens,
    q_lim: tuple[int, int],
    d_lim: tuple[int, int],
) -> list[tuple[int, int, int]]:
    """Extend a passage's ends word by word, never across a paragraph break: beyond the
    last anchored words, a break is where coincidental matches begin (a reordered copy's
    next paragraph starting with the same two words as the source's)."""
    qn, dn = q.norm, d.norm
    q0, d0, _ = blocks[0]
    lo_q = max(q_lim[0], q0 - EXTEND, _para_floor(q, q0, q0 - EXTEND))
    lo_d = max(d_lim[0], d0 - EXTEND, _para_floor(d, d0, d0 - EXTEND))
    left = _extend(qn[lo_q:q0][::-1], dn[lo_d:d0][::-1])
    qe_, de_, ne_ = blocks[-1]
    q1, d1 = qe_ + ne_, de_ + ne_
    hi_q = min(q_lim[1], q1 + EXTEND, _para_ceiling(q, q1, q1 + EXTEND))
    hi_d = min(d_lim[1], d1 + EXTEND, _para_ceiling(d, d1, d1 + EXTEND))
    right = _extend(qn[q1:hi_q], dn[d1:hi_d])
    new = [(q0 - 1 - i, d0 - 1 - j, 1) for i, j in reversed(left)]
    new.extend(blocks)
    new.extend((q1 + i, d1 + j, 1) for i, j in right)
    return _merge_blocks(new)


def _para_floor(t: Tokens, i: int, lo: int) -> int:
    """Lowest k >= lo such that tokens [k, i) hold no paragraph break before token i."""
    k = i
    lo = max(lo, 0)
    while k > lo and "\n" not in t.text[t.ends[k - 1] : t.starts[k]]:
        k -= 1
    return k


def _para_ceiling(t: Tokens, i: int, hi: int) -> int:
    """Highest k <= hi such that tokens [i, k) follow token i - 1 without a paragraph break."""
    n = min(hi, len(t))
    k = i
    while k < n and not (k > 0 and "\n" in t.text[t.ends[k - 1] : t.starts[k]]):
        k += 1
    return k


def _extend(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """Matched pairs of the best-scoring alignment of prefixes of a and b (banded).

    Scores: +1 per equal content word, +0.5 per equal stop word (so a stray "the" next to
    a passage does not drag its boundary), -1 per substitution or gap. Empty if no prefix
    pair scores above zero.
    """
    la, lb = len(a), len(b)
    if not la or not lb:
        return []
    neg = float("-inf")
    band = _EXTEND_BAND
    h = [[neg] * (lb + 1) for _ in range(la + 1)]
    back = [[0] * (lb + 1) for _ in range(la + 1)]  # 1 diag, 2 up (a gap), 3 left (b gap)
    h[0][0] = 0.0
    for j in range(1, min(lb, band) + 1):
        h[0][j] = -float(j)
        back[0][j] = 3
    best, bi, bj = 0.0, 0, 0
    for i in range(1, la + 1):
        if i <= band:
            h[i][0] = -float(i)
            back[i][0] = 2
        ai = a[i - 1]
        row, prev = h[i], h[i - 1]
        brow = back[i]
        if max(prev) < best - _XDROP:
            break  # X-drop: nothing in reach can climb back to the best score
        for j in range(max(1, i - band), min(lb, i + band) + 1):
            if ai == b[j - 1]:
                s = prev[j - 1] + (0.5 if ai in STOPWORDS else 1.0)
            else:
                s = prev[j - 1] - 1.0
            t = 1
            up = prev[j] - 1.0
            if up > s:
                s, t = up, 2
            left = row[j - 1] - 1.0
            if left > s:
                s, t = left, 3
            row[j] = s
            brow[j] = t
            if s > best:
                best, bi, bj = s, i, j
    pairs: list[tuple[int, int]] = []
    i, j = bi, bj
    while i > 0 or j > 0:
        t = back[i][j]
        if t == 1:
            if a[i - 1] == b[j - 1]:
                pairs.append((i - 1, j - 1))
            i -= 1
            j -= 1
        elif t == 2:
            i -= 1
        else:
            j -= 1
    pairs.reverse()
    return pairs


def _snap(
    a: Alignment, q: Tokens, d: Tokens, q_lim: tuple[int, int], d_lim: tuple[int, int]
) -> Alignment:
    """Stretch a passage over the unmatched words between it and its paragraph's edges.

    A copy whose first words were edited ("A big storm" for "The big storm", "Although
    police" for "Although Canadian police") still starts where the source's paragraph
    starts; likewise at the end. Only when both texts have such words (an edit, not a
    lead-in of the copier's own: "BREAKING: The big storm"); words of the stretch that are
    equal are aligned. Up to _SNAP words on both sides are taken as they are; a longer
    stretch (up to _SNAP_MAX words, a heavily edited first or last sentence) only when the
    two stretches are of similar length and share content words: two outlets' own
    sentences before a shared one share none.
    """
    k_q = _to_para_start(q, a.q_start, q_lim[0], _SNAP_MAX)
    k_d = _to_para_start(d, a.d_start, d_lim[0], _SNAP_MAX)
    if k_q > 0 and k_d > 0:
        head = _lcs_blocks(q.norm, d.norm, a.q_start - k_q, a.q_start, a.d_start - k_d, a.d_start)
        if (k_q <= _SNAP and k_d <= _SNAP) or _edited_stretch(head, q.norm, k_q, k_d):
            a.blocks = _merge_blocks(head + a.blocks)
            a.q_start -= k_q
            a.d_start -= k_d
    # At the end a single unmatched word is taken as it is; more only with shared content
    # words: two words after a shared quotation are usually the outlets' own attributions
    # ('..., that," Smith wrote.' / '... that turned violent.').
    k_q = _to_para_end(q, a.q_end, q_lim[1], _SNAP_MAX)
    k_d = _to_para_end(d, a.d_end, d_lim[1], _SNAP_MAX)
    if k_q > 0 and k_d > 0:
        tail = _lcs_blocks(q.norm, d.norm, a.q_end, a.q_end + k_q, a.d_end, a.d_end + k_d)
        if k_q == k_d == 1 or _edited_stretch(tail, q.norm, k_q, k_d):
            a.blocks = _merge_blocks(a.blocks + tail)
            a.q_end += k_q
            a.d_end += k_d
    return a


def _edited_stretch(blocks: list[tuple[int, int, int]], qn: list[str], k_q: int, k_d: int) -> bool:
    """Whether two unmatched stretches at a passage's edge read as one edited stretch:
    lengths within a third of each other (or 2 words), at least a third of the words
    equal, one of them a content word."""
    if k_q > _SNAP_MAX or k_d > _SNAP_MAX or abs(k_q - k_d) > max(2, max(k_q, k_d) // 3):
        return False
    equal = [qn[i + j] for i, _, n in blocks for j in range(n)]
    return 3 * len(equal) >= max(k_q, k_d) and any(w not in STOPWORDS for w in equal)



def _chance_junction(a: Alignment, q: Tokens, d: Tokens, min_words: float) -> bool:
    """Whether a passage is made only of short stretches glued across paragraph breaks
    that one text has and the other does not.

    Eight words that end one sentence and begin another in one text, and end a paragraph
    and begin the next in the other ("... with the Concord Alliance. Velmark defence chief
    Pavel Krostan ..."), are two stock phrases meeting by chance, not a copied passage.
    A copy that reflows paragraphs keeps at least one stretch of `min_words` or more and is
    kept whole (its short first line included); a break both texts have splits nothing."""
    pairs = a.pairs()
    if len(pairs) < 2:
        return False
    longest = run = 1
    for (qa, da), (qb, db) in zip(pairs, pairs[1:]):
        if _break_between(q, qa, qb) != _break_between(d, da, db):
            run = 0
        run += 1
        longest = max(longest, run)
    return longest < len(pairs) and longest < min_words


def _break_between(t: Tokens, i: int, j: int) -> bool:
    """Whether a paragraph break separates token i from token j (i < j)."""
    return any("\n" in t.text[t.ends[k - 1] : t.starts[k]] for k in range(i + 1, j + 1))

def _to_para_start(t: Tokens, i: int, lo: int, most: int = _SNAP) -> int:
    """Words between the start of token i's paragraph and token i (most + 1 if more)."""
    for k in range(most + 1):
        j = i - k
        if j < lo:
            break
        if j == 0 or "\n" in t.text[t.ends[j - 1] : t.starts[j]]:
            return k
    return most + 1


def _to_para_end(t: Tokens, i: int, hi: int, most: int = _SNAP) -> int:
    """Words between token i (an exclusive end) and its paragraph's end (most + 1 if more)."""
    n = min(hi, len(t))
    for k in range(most + 1):
        j = i + k
        if j > n:
            break
        if j == len(t) or "\n" in t.text[t.ends[j - 1] : t.starts[j]]:
            return k
    return most + 1


def _make(blocks: list[tuple[int, int, int]]) -> Alignment:
    q0, d0, _ = blocks[0]
    q1, d1, n1 = blocks[-1]
    return Alignment(q0, q1 + n1, d0, d1 + n1, blocks)


def _acceptable(a: Alignment, q: Tokens, d: Tokens, min_words: float) -> bool:
    qlen = a.q_end - a.q_start
    dlen = a.d_end - a.d_start
    matched = a.matched
    if matched < 0.5 * qlen or matched < 0.5 * dlen:
        return False
    if q.any_spaceless:
        scale = q.weight(a.q_start, a.q_end) / qlen
        return matched * scale >= min_words
    return matched >= min_words


def _resolve_overlaps(
    passages: list[Alignment], q: Tokens, d: Tokens, min_words: float
) -> list[Alignment]:
    """Keep the best passage for each copy word: trim or drop passages overlapping better ones."""
    passages.sort(key=lambda a: (-a.matched, a.q_start))
    accepted: list[Alignment] = []
    for a in passages:
        blocks = a.blocks
        for b in accepted:
            if blocks and b.q_start < blocks[-1][0] + blocks[-1][2] and blocks[0][0] < b.q_end:
                blocks = _cut(blocks, b.q_start, b.q_end)
        if not blocks:
            continue
        if blocks is not a.blocks:
            a = _make(blocks)
            if not _acceptable(a, q, d, min_words):
                continue
        accepted.append(a)
    accepted.sort(key=lambda a: a.q_start)
    return accepted


def _cut(blocks: list[tuple[int, int, int]], lo: int, hi: int) -> list[tuple[int, int, int]]:
    """Remove copy positions [lo, hi) from blocks, keeping the larger remaining side."""
    before: list[tuple[int, int, int]] = []
    after: list[tuple[int, int, int]] = []
    for q, d, n in blocks:
        if q + n <= lo:
            before.append((q, d, n))
        elif q >= hi:
            after.append((q, d, n))
        else:
            if q < lo:
                before.append((q, d, lo - q))
            if q + n > hi:
                k = hi - q
                after.append((hi, d + k, n - k))
    mb = sum(x[2] for x in before)
    ma = sum(x[2] for x in after)
    return before if mb >= ma else after
