"""Trace one article's text back through an archive: `trace(article, index, lookup=...)`.

Steps, each a module of its own:
  tokenize (normalize.py) → query fingerprints (fingerprint.py) → candidates from the
  index (candidates.py) → word alignment with each candidate (align.py) → kind of each
  passage (classify.py; boilerplate from the index, here) → passages grouped across
  sources → earliest source and derivation chain (chronology.py) → credit per source
  (credit.py) → per-paragraph map.

Boilerplate. A word of the checked article is boilerplate when an n-gram covering it is
carried by at least `boilerplate_site_docs` other indexed articles of the same site
(footers, newsletter boxes), or of the source's site for text copied from it, or by more
than `max_df` articles of any site (stock furniture such as comment-form text). Passages
are cut at boilerplate borders: the boilerplate part is reported as such and never as
reuse; the rest stays prose.

Quotations. A passage nearly all inside quotation marks in both texts is a shared
quotation. When the same pair of articles also shares copied prose, their shared
quotations are counted as part of the copy (the quote came with the copied text) and
reported as copied prose with a note.

Derivation. Within a group of articles carrying one passage, each member's parent is the
most similar strictly earlier member (similarity = matched words / passage length on the
passage); the checked article's chain follows parents back to the root. Before that, the
passage of the earliest source found is itself looked up (`max_hops` times) to find older
copies that no longer match the checked article closely enough.
"""

from __future__ import annotations

import logging
import time
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any, Callable, Hashable, MutableMapping, Sequence

import numpy as np

from ..article import Article
from ..urls import site_host
from .align import MIN_WORDS, MIN_WORDS_EDITED, Alignment, align, edit_level, establishes_pair
from .candidates import MAX_CANDIDATES, MAX_DF, STRONG_SCORE, WEAK_CANDIDATES, find_candidates
from .chronology import Earliest, When, compare, earliest, parse_published
from .classify import BOILERPLATE, COPIED_PROSE, SHARED_QUOTATION, inside_flags, passage_kind, quote_regions
from .credit import Credit, find_credit
from .fingerprint import FINGERPRINT_VERSION, NGRAM, WINDOW, query_fingerprints
from .index import ReuseIndex
from .normalize import Tokens, tokenize

log = logging.getLogger(__name__)

Key = Hashable
ArticleLookup = Callable[[Key], Article | None]

ORIGINAL = "original"
COPIED = "copied"


@dataclass
class TraceSettings:
    min_words: float = MIN_WORDS  # matched words for a passage to count
    min_words_edited: float = MIN_WORDS_EDITED  # an edited passage must be this long to report a pair
    max_df: int = MAX_DF  # fingerprints in more articles than this are stock text
    max_candidates: int = MAX_CANDIDATES  # articles aligned per check, at most
    weak_candidates: int = WEAK_CANDIDATES  # of which aligned whatever their seed score
    strong_score: float = STRONG_SCORE  # the others need this score (candidates.py)
    boilerplate_site_docs: int = 3  # other articles of one site carrying a text: boilerplate
    max_hops: int = 1  # look the earliest source's passage up again to find older copies
    hop_candidates: int = 20
    max_chain_members: int = 8  # members compared pairwise for the derivation chain
    group_overlap: float = 0.33  # share of the shorter span two passages must overlap to group
    copied_paragraph_share: float = 0.3  # share of a paragraph's words to call it copied

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class SourceRef:
    key: Key
    id: str
    url: str | None
    site: str | None
    domain: str | None
    published: str | None
    title: str = ""

    @classmethod
    def of(cls, key: Key, a: Article) -> "SourceRef":
        return cls(key, a.id, a.url, a.site, a.domain, a.published, a.title)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "id": self.id,
            "url": self.url,
            "site": self.site,
            "domain": self.domain,
            "published": self.published,
            "title": self.title,
        }


@dataclass
class Match:
    """One passage of the checked article found in one source, with its word alignment."""

    source: SourceRef
    kind: str
    query_span: tuple[int, int]  # characters in the checked article's text
    source_span: tuple[int, int]  # characters in the source's text
    query_tokens: tuple[int, int]
    source_tokens: tuple[int, int]
    matched_words: int
    longest_run: int
    edits: int
    edit_ratio: float
    edit_level: str
    opcodes: list[tuple[str, int, int, int, int]]  # token opcodes (see Alignment.opcodes)
    note: str = ""
    _char_ops: list[dict[str, Any]] = field(default_factory=list, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source.to_dict(),
            "kind": self.kind,
            "query_span": list(self.query_span),
            "source_span": list(self.source_span),
            "matched_words": self.matched_words,
            "longest_run": self.longest_run,
            "edits": self.edits,
            "edit_ratio": round(self.edit_ratio, 4),
            "edit_level": self.edit_level,
            "alignment": self._char_ops,
            "note": self.note,
        }


@dataclass
class Member:
    """An article found only by following a source's passage further back."""

    source: SourceRef
    span: tuple[int, int]
    similarity: float
    via: Key

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source.to_dict(),
            "span": list(self.span),
            "similarity": round(self.similarity, 4),
            "via": self.via,
        }


@dataclass
class ChainLink:
    key: Key | None  # None: the checked article
    id: str
    published: str | None
    similarity_to_next: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "id": self.id,
            "checked_article": self.key is None,
            "published": self.published,
            "similarity_to_next": None if self.similarity_to_next is None else round(self.similarity_to_next, 4),
        }


@dataclass
class PassageGroup:
    """A region of the checked article shared with one or more archived articles."""

    query_span: tuple[int, int]
    kind: str
    matches: list[Match]
    earliest: Earliest
    chain: list[ChainLink] = field(default_factory=list)
    older_members: list[Member] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "query_span": list(self.query_span),
            "kind": self.kind,
            "matches": [m.to_dict() for m in self.matches],
            "earliest": self.earliest.to_dict(),
            "chain": [c.to_dict() for c in self.chain],
            "older_members": [m.to_dict() for m in self.older_members],
        }


@dataclass
class SourceSummary:
    source: SourceRef
    relation: str  # earlier | later | same_date | unknown (relative to the checked article)
    passages: int
    copied_chars: int  # characters of the checked article in prose passages from this source
    kinds: list[str]
    credit: Credit

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source.to_dict(),
            "relation": self.relation,
            "passages": self.passages,
            "copied_chars": self.copied_chars,
            "kinds": self.kinds,
            "credit": self.credit.to_dict(),
        }


@dataclass
class ParagraphProvenance:
    span: tuple[int, int]
    label: str  # original | copied | shared_quotation | boilerplate
    coverage: float  # share of the paragraph's words behind the label (0 for original)
    sources: list[Key] = field(default_factory=list)  # direct sources, for copied / quotation
    earliest: list[Key] = field(default_factory=list)  # earliest sources of those passages
    credited: bool | None = None  # copied: every direct source credited?
    copied_by: list[Key] = field(default_factory=list)  # later articles carrying this text

    def to_dict(self) -> dict[str, Any]:
        return {
            "span": list(self.span),
            "label": self.label,
            "coverage": round(self.coverage, 4),
            "sources": list(self.sources),
            "earliest": list(self.earliest),
            "credited": self.credited,
            "copied_by": list(self.copied_by),
        }


@dataclass
class Provenance:
    article_id: str
    groups: list[PassageGroup]
    sources: list[SourceSummary]
    paragraphs: list[ParagraphProvenance]
    boilerplate_spans: list[tuple[int, int]]
    candidates_examined: int
    seconds: float
    fingerprint_version: int = FINGERPRINT_VERSION
    checked_undated: bool = False

    def matches(self) -> list[Match]:
        return [m for g in self.groups for m in g.matches]

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "fingerprint_version": self.fingerprint_version,
            "checked_undated": self.checked_undated,
            "groups": [g.to_dict() for g in self.groups],
            "sources": [s.to_dict() for s in self.sources],
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "boilerplate_spans": [list(s) for s in self.boilerplate_spans],
            "candidates_examined": self.candidates_examined,
            "seconds": round(self.seconds, 4),
        }


def site_key(a: Article) -> str | None:
    """The site identity used by the index: registered domain, else host, else site name."""
    return a.domain or site_host(a.url) or (a.site.strip().lower() if a.site and a.site.strip() else None)


def tokens_for(
    key: Key, a: Article, cache: MutableMapping[Key, Tokens] | None
) -> Tokens:
    if cache is None:
        return tokenize(a.text)
    t = cache.get(key)
    if t is None or t.text != a.text:
        t = tokenize(a.text)
        cache[key] = t
    return t


@dataclass
class _Src:
    key: Key
    article: Article
    tokens: Tokens
    inside: list[bool]
    ref: SourceRef
    when: When


@dataclass
class Found:
    """What the matching stage found for one article (before grouping and dating)."""

    tokens: Tokens
    matches: list[Match]
    sources: dict[Key, _Src]
    boilerplate_mask: list[bool]  # words that are site furniture or stock text
    candidates_examined: int


def find_matches(
    article: Article,
    index: ReuseIndex,
    *,
    lookup: ArticleLookup,
    self_key: Key | None = None,
    settings: TraceSettings | None = None,
    token_cache: MutableMapping[Key, Tokens] | None = None,
    only: Callable[[Key], bool] | None = None,
) -> Found:
    """Every passage the article shares with indexed articles, classified, per source.

    `only(key)`, when given, limits alignment to the candidates it accepts (corpus-wide
    reuse uses it to align each pair of articles once).
    """
    cfg = settings or TraceSettings()
    q = tokens_for(self_key, article, token_cache) if self_key is not None else tokenize(article.text)
    q_inside = inside_flags(q, quote_regions(article.text))
    fps = query_fingerprints(q)
    exclude = {self_key} if self_key is not None else set()
    q_site = site_key(article)
    hashes = fps.hashes.tolist()
    positions = fps.positions.tolist()
    site_bp: set[int] = set()
    if q_site:
        sdf = index.site_doc_freq(hashes, q_site, exclude=self_key)
        site_bp = {h for h in hashes if sdf.get(h, 0) >= cfg.boilerplate_site_docs}
    # The article's own site furniture seeds no candidate: it could only match as boilerplate.
    found = find_candidates(
        fps, index, exclude=exclude, max_df=cfg.max_df, max_candidates=cfg.max_candidates, skip=site_bp,
        # With `only`, the caller has chosen the candidates (the corpus job's PairRule).
        weak_candidates=None if only is not None else cfg.weak_candidates, strong_score=cfg.strong_score,
    )
    bp_mask = [False] * len(q)
    _mark(bp_mask, [p for h, p in zip(hashes, positions) if h in found.frequent or h in site_bp], q)

    sources: dict[Key, _Src] = {}
    raw: list[tuple[_Src, Alignment]] = []
    for cand in found.candidates:
        if only is not None and not only(cand.key):
            continue
        src = _load(cand.key, lookup, token_cache)
        if src is None:
            continue
        for a in align(q, src.tokens, min_words=cfg.min_words):
            raw.append((src, a))
        sources.setdefault(cand.key, src)

    site_masks = _source_site_masks(raw, q, q_site, hashes, positions, index, cfg)
    matches: list[Match] = []
    for src, a in raw:
        mask = site_masks.get(site_key(src.article))
        for part, is_bp in _partition(a, bp_mask, mask):
            if is_bp:
                kind = BOILERPLATE
            else:
                if not _long_enough(part, q, cfg.min_words):
                    continue
                kind = passage_kind(part, q_inside, src.inside)
            matches.append(_match(src, part, kind, q))
    matches = _established(matches, q, cfg)
    _quotes_in_copies(matches)
    return Found(q, matches, sources, bp_mask, len(found.candidates))


def trace(
    article: Article,
    index: ReuseIndex,
    *,
    lookup: ArticleLookup,
    self_key: Key | None = None,
    settings: TraceSettings | None = None,
    links: Sequence[str] | None = None,
    token_cache: MutableMapping[Key, Tokens] | None = None,
) -> Provenance:
    """Where did this article's text come from? Passages, sources, credit, paragraph map.

    `lookup(key)` returns the archived Article for an index key (None if it is gone).
    `self_key` is the article's own key when it is itself in the index. `links` are the
    article's outgoing links (also read from `article.extra["links"]`), used for credit.
    Only the index is consulted to find candidates: the corpus is never rescanned.
    """
    t0 = time.perf_counter()
    cfg = settings or TraceSettings()
    found = find_matches(
        article, index, lookup=lookup, self_key=self_key, settings=cfg, token_cache=token_cache
    )
    q, matches, sources = found.tokens, found.matches, found.sources
    exclude = {self_key} if self_key is not None else set()
    when_q = parse_published(article.published)
    groups = _groups(matches, cfg.group_overlap)
    for g in groups:
        _date_group(g, article, q, when_q, sources, index, lookup, token_cache, cfg, exclude)

    summaries = _summaries(article, matches, sources, when_q, links)
    paragraphs = _paragraph_map(article, q, groups, found.boilerplate_mask, summaries, cfg.copied_paragraph_share)
    bp_spans = _mask_spans(q, found.boilerplate_mask) + [m.query_span for m in matches if m.kind == BOILERPLATE]
    return Provenance(
        article_id=article.id,
        groups=groups,
        sources=summaries,
        paragraphs=paragraphs,
        boilerplate_spans=_union(bp_spans),
        candidates_examined=found.candidates_examined,
        seconds=time.perf_counter() - t0,
        checked_undated=not when_q.dated,
    )


def _load(key: Key, lookup: ArticleLookup, cache: MutableMapping[Key, Tokens] | None) -> _Src | None:
    try:
        art = lookup(key)
    except Exception as exc:  # a broken archive row must not stop the check
        log.warning("reuse: could not load archived article %r: %s", key, exc)
        return None
    if art is None:
        log.warning("reuse: index refers to article %r, which the archive no longer has", key)
        return None
    t = tokens_for(key, art, cache)
    inside = t._cache.get("inside")
    if inside is None:
        inside = t._cache["inside"] = inside_flags(t, quote_regions(art.text))
    return _Src(key, art, t, inside, SourceRef.of(key, art), parse_published(art.published))


def _mark(mask: list[bool], starts: list[int], q: Tokens) -> None:
    """Mark the words of the n-grams starting at `starts`, snapped to paragraph borders.

    At the border of a repeated block (a footer) the indexed n-grams of different articles
    differ, because winnowing windows reach into the text around the block; so the first
    and last few words of a footer are not confirmed by the index. A marked run that stops
    less than WINDOW words from a paragraph border is therefore extended to that border.
    """
    n = len(mask)
    for p in starts:
        for k in range(p, min(p + NGRAM, n)):
            mask[k] = True
    k = 0
    while k < n:
        if not mask[k]:
            k += 1
            continue
        j = k
        while j < n and mask[j]:
            j += 1
        lo = _para_start_near(q, k)
        hi = _para_end_near(q, j)
        for x in range(lo, k):
            mask[x] = True
        for x in range(j, hi):
            mask[x] = True
        k = max(j, hi)


def _breaks_before(q: Tokens, i: int) -> bool:
    return i == 0 or i >= len(q) or "\n" in q.text[q.ends[i - 1] : q.starts[i]]


def _para_start_near(q: Tokens, i: int) -> int:
    for k in range(i, max(-1, i - WINDOW), -1):
        if _breaks_before(q, k):
            return k
    return i


def _para_end_near(q: Tokens, j: int) -> int:
    for k in range(j, min(len(q), j + WINDOW - 1) + 1):
        if _breaks_before(q, k):
            return k
    return j


def _source_site_masks(
    raw: list[tuple[_Src, Alignment]],
    q: Tokens,
    q_site: str | None,
    hashes: list[int],
    positions: list[int],
    index: ReuseIndex,
    cfg: TraceSettings,
) -> dict[str, list[bool]]:
    """Per source site: copied words that are boilerplate of *that* site."""
    by_site: dict[str, np.ndarray] = {}
    for src, a in raw:
        s = site_key(src.article)
        if not s or s == q_site:
            continue
        covered = by_site.get(s)
        if covered is None:
            covered = by_site[s] = np.zeros(len(q) + 1, dtype=bool)
        covered[a.q_start : a.q_end] = True
    out: dict[str, list[bool]] = {}
    for s, covered in by_site.items():
        sel = [(h, p) for h, p in zip(hashes, positions) if covered[p]]
        if not sel:
            continue
        sdf = index.site_doc_freq([h for h, _ in sel], s)
        # The source itself carries the text: the site's other articles must reach the threshold.
        need = cfg.boilerplate_site_docs + 1
        mask = [False] * len(q)
        _mark(mask, [p for h, p in sel if sdf.get(h, 0) >= need], q)
        if any(mask):
            out[s] = mask
    return out


def _partition(
    a: Alignment, mask: list[bool], extra: list[bool] | None
) -> list[tuple[Alignment, bool]]:
    """Split an alignment into runs of copy words that are / are not boilerplate."""
    def flag(i: int) -> bool:
        return mask[i] or (extra is not None and extra[i])

    flags = [flag(i) for i in range(a.q_start, a.q_end)]
    if not any(flags):
        return [(a, False)]
    if all(flags):
        return [(a, True)]
    flags = _smooth(flags, NGRAM)
    out: list[tuple[Alignment, bool]] = []
    start = 0
    for k in range(1, len(flags) + 1):
        if k == len(flags) or flags[k] != flags[start]:
            blocks = _clip(a.blocks, a.q_start + start, a.q_start + k)
            if blocks:
                q0, d0, _ = blocks[0]
                q1, d1, n1 = blocks[-1]
                out.append((Alignment(q0, q1 + n1, d0, d1 + n1, blocks), flags[start]))
            start = k
    return out


def _smooth(flags: list[bool], width: int) -> list[bool]:
    """Drop flag runs shorter than `width` (isolated stock phrases, n-gram edge effects)."""
    out = list(flags)
    for value in (True, False):
        k = 0
        while k < len(out):
            if out[k] == value:
                j = k
                while j < len(out) and out[j] == value:
                    j += 1
                if j - k < width and k > 0 and j < len(out):
                    for x in range(k, j):
                        out[x] = not value
                k = j
            else:
                k += 1
    return out


def _clip(blocks: list[tuple[int, int, int]], lo: int, hi: int) -> list[tuple[int, int, int]]:
    out = []
    for q, d, n in blocks:
        a, b = max(q, lo), min(q + n, hi)
        if a < b:
            out.append((a, d + (a - q), b - a))
    return out


def _long_enough(a: Alignment, q: Tokens, min_words: float) -> bool:
    m = a.matched
    if q.any_spaceless and a.q_end > a.q_start:
        m *= q.weight(a.q_start, a.q_end) / (a.q_end - a.q_start)
    return m >= min_words


def _match(src: _Src, a: Alignment, kind: str, q: Tokens) -> Match:
    d = src.tokens
    ops = a.opcodes()
    char_ops = []
    for tag, q1, q2, d1, d2 in ops:
        char_ops.append(
            {
                "op": tag,
                "query": list(q.char_span(q1, q2)) if q2 > q1 else [q.starts[q1] if q1 < len(q) else q.ends[-1]] * 2,
                "source": list(d.char_span(d1, d2)) if d2 > d1 else [d.starts[d1] if d1 < len(d) else d.ends[-1]] * 2,
            }
        )
    return Match(
        source=src.ref,
        kind=kind,
        query_span=q.char_span(a.q_start, a.q_end),
        source_span=d.char_span(a.d_start, a.d_end),
        query_tokens=(a.q_start, a.q_end),
        source_tokens=(a.d_start, a.d_end),
        matched_words=a.matched,
        longest_run=a.longest_run,
        edits=a.edits,
        edit_ratio=a.edit_ratio,
        edit_level=edit_level(a.edits, a.edit_ratio),
        opcodes=ops,
        _char_ops=char_ops,
    )


def _established(matches: list[Match], q: Tokens, cfg: TraceSettings) -> list[Match]:
    """Keep a source's passages only if one of them establishes the pair (see align.py).

    Per kind: short edited prose passages ride only on a strong *prose* passage, so two
    articles sharing a quotation are not made a copy by a stray phrase next to it.
    """
    strong: dict[Key, set[str]] = {}
    for m in matches:
        if m.kind == BOILERPLATE:
            continue
        words, run = float(m.matched_words), float(m.longest_run)
        a, b = m.query_tokens
        if q.any_spaceless and b > a:
            scale = q.weight(a, b) / (b - a)
            words, run = words * scale, run * scale
        if establishes_pair(words, m.edits, run, min_words=cfg.min_words, min_words_edited=cfg.min_words_edited):
            strong.setdefault(m.source.key, set()).add(m.kind)
    out = []
    for m in matches:
        kinds = strong.get(m.source.key, set())
        if m.kind == BOILERPLATE or m.kind in kinds or (m.kind == SHARED_QUOTATION and kinds):
            out.append(m)
    return out


def _quotes_in_copies(matches: list[Match]) -> None:
    prose = {m.source.key for m in matches if m.kind == COPIED_PROSE}
    for m in matches:
        if m.kind == SHARED_QUOTATION and m.source.key in prose:
            m.kind = COPIED_PROSE
            m.note = "quotation carried inside text copied from this source"


def _groups(matches: list[Match], min_overlap: float) -> list[PassageGroup]:
    """Group matches whose copy spans overlap enough; boilerplate is grouped on its own."""
    groups: list[PassageGroup] = []
    for bp in (False, True):
        ms = sorted((m for m in matches if (m.kind == BOILERPLATE) == bp), key=lambda m: m.query_tokens)
        current: list[Match] = []
        lo = hi = 0  # the group's anchor: its longest match
        for m in ms:
            a, b = m.query_tokens
            if current:
                # Overlap with the anchor, not with the union of the group: a chain of
                # partly overlapping matches must not merge a whole article into one group
                # (then one source's date would decide passages it never carried).
                overlap = min(b, hi) - max(a, lo)
                shortest = min(b - a, hi - lo)
                if overlap > 0 and overlap >= min_overlap * shortest:
                    current.append(m)
                    if b - a > hi - lo:
                        lo, hi = a, b
                    continue
                groups.append(_new_group(current))
            current = [m]
            lo, hi = a, b
        if current:
            groups.append(_new_group(current))
    groups.sort(key=lambda g: g.query_span)
    return groups


def _new_group(ms: list[Match]) -> PassageGroup:
    span = (min(m.query_span[0] for m in ms), max(m.query_span[1] for m in ms))
    kinds = {m.kind for m in ms}
    kind = COPIED_PROSE if COPIED_PROSE in kinds else (SHARED_QUOTATION if SHARED_QUOTATION in kinds else BOILERPLATE)
    ms.sort(key=lambda m: (-m.matched_words, str(m.source.key)))
    return PassageGroup(span, kind, ms, Earliest("none"))


def _date_group(
    g: PassageGroup,
    article: Article,
    q: Tokens,
    when_q: When,
    sources: dict[Key, _Src],
    index: ReuseIndex,
    lookup: ArticleLookup,
    cache: MutableMapping[Key, Tokens] | None,
    cfg: TraceSettings,
    exclude: set[Key],
) -> None:
    """Earliest source of a group (following passages back) and the checked article's chain."""
    if g.kind == BOILERPLATE:
        g.earliest = Earliest("none", note="boilerplate is not traced")
        return
    # members: key -> (source, token range of the passage in its own text).
    # Similarity of a member to the checked article on this passage: its matched words
    # minus its edits, over the group's length (so a member carrying only a fragment
    # of the passage, however exactly, is less similar than one carrying all of it).
    members: dict[Key, tuple[_Src, tuple[int, int]]] = {}
    sim_q: dict[Key, float] = {}
    group_len = max(1, max(m.query_tokens[1] for m in g.matches) - min(m.query_tokens[0] for m in g.matches))
    for m in g.matches:
        k = m.source.key
        lo, hi = members[k][1] if k in members else m.source_tokens
        members[k] = (sources[k], (min(lo, m.source_tokens[0]), max(hi, m.source_tokens[1])))
        sim_q[k] = sim_q.get(k, 0.0) + (m.matched_words - m.edits) / group_len
    older: list[Member] = []
    for _ in range(cfg.max_hops):
        first = earliest([(k, src.when) for k, (src, _) in members.items()])
        if not first.keys:
            break
        new = False
        for ek in first.keys[:2]:
            esrc, erange = members[ek]
            for mem, src, rng in _older_copies(esrc, erange, members, index, lookup, cache, cfg, exclude):
                members[mem.source.key] = (src, rng)
                sources.setdefault(mem.source.key, src)
                older.append(mem)
                new = True
        if not new:
            break
    g.older_members = older
    dated_members = [(k, src.when) for k, (src, _) in members.items()]
    if when_q.dated:
        dated_members.append((None, when_q))
    g.earliest = earliest(dated_members)
    q_range = (min(m.query_tokens[0] for m in g.matches), max(m.query_tokens[1] for m in g.matches))
    g.chain = _chain(article, q, q_range, when_q, members, sim_q, cfg)


def _older_copies(
    esrc: _Src,
    erange: tuple[int, int],
    members: dict[Key, tuple[_Src, tuple[int, int]]],
    index: ReuseIndex,
    lookup: ArticleLookup,
    cache: MutableMapping[Key, Tokens] | None,
    cfg: TraceSettings,
    exclude: set[Key],
) -> list[tuple[Member, _Src, tuple[int, int]]]:
    fps = query_fingerprints(esrc.tokens)
    found = find_candidates(
        fps,
        index,
        exclude=set(members) | exclude | {esrc.key},
        max_df=cfg.max_df,
        max_candidates=cfg.hop_candidates,
        positions=erange,
    )
    out = []
    for cand in found.candidates:
        src = _load(cand.key, lookup, cache)
        if src is None or compare(src.when, esrc.when) == 1:
            continue  # only older (or undatable) copies can tell us more about the origin
        als = align(esrc.tokens, src.tokens, min_words=cfg.min_words, q_range=erange)
        if not als:
            continue
        best = max(als, key=lambda a: a.matched)
        # An older article counts when it carries a real part of the passage, not a phrase.
        strong = establishes_pair(
            best.matched, best.edits, best.longest_run, min_words=cfg.min_words, min_words_edited=cfg.min_words_edited
        )
        if not strong or best.matched < 0.3 * (erange[1] - erange[0]):
            continue
        sim = best.matched / max(1, max(best.q_end - best.q_start, best.d_end - best.d_start))
        mem = Member(src.ref, src.tokens.char_span(best.d_start, best.d_end), sim, esrc.key)
        out.append((mem, src, (best.d_start, best.d_end)))
    return out


def _chain(
    article: Article,
    q: Tokens,
    q_range: tuple[int, int],
    when_q: When,
    members: dict[Key, tuple[_Src, tuple[int, int]]],
    sim_q: dict[Key, float],
    cfg: TraceSettings,
) -> list[ChainLink]:
    """Root → … → checked article: who each article of the chain copied.

    The parent of an article X is decided by shared innovations, the principle of textual
    criticism: among the members older than X, the oldest one (R) is the reference; an
    older copy P is X's parent when X carries P's own changes to R (P's substituted or
    inserted words, P's deletions) more than it lacks them. A sibling that edited R
    independently shares none of its changes with X and loses; with no such copy, X
    copied R. The walk then repeats from the parent. Ties on the oldest date are broken by
    similarity to X. An undated checked article is placed after every dated member (it is
    the one being checked now); undated members cannot be placed and are left out.
    """
    checked = ChainLink(None, article.id, article.published)
    dated = [k for k, (src, _) in members.items() if src.when.dated]
    if not dated:
        return [checked]
    # Keep the computation small: the members most similar to the checked article, plus
    # the older ones found by following passages back.
    dated.sort(key=lambda k: -sim_q.get(k, 0.0))
    pool = dated[: cfg.max_chain_members] + [k for k in dated[cfg.max_chain_members :] if k not in sim_q][:4]
    view: dict[Key | None, tuple[Tokens, tuple[int, int]]] = {k: (members[k][0].tokens, members[k][1]) for k in pool}
    view[None] = (q, q_range)
    when: dict[Key | None, When] = {k: members[k][0].when for k in pool}
    aligned: dict[tuple[Key | None, Key | None], list[Alignment]] = {}

    def pairs(a: Key | None, b: Key | None) -> list[Alignment]:
        if (a, b) not in aligned:
            (ta, ra), (tb, rb) = view[a], view[b]
            aligned[(a, b)] = align(ta, tb, min_words=cfg.min_words, q_range=ra, d_range=rb)
        return aligned[(a, b)]

    def similarity(a: Key | None, b: Key | None) -> float:
        als = pairs(a, b)
        (_, ra), (_, rb) = view[a], view[b]
        good = sum(max(0, x.matched - x.edits) for x in als)
        return good / max(1, ra[1] - ra[0], rb[1] - rb[0])

    def older_than(k: Key, cur: Key | None) -> bool:
        if cur is None:
            return not when_q.dated or compare(when[k], when_q) == -1
        return compare(when[k], when[cur]) == -1

    links = [checked]
    cur: Key | None = None
    visited: set[Key] = set()
    while True:
        older = [k for k in pool if k not in visited and older_than(k, cur)]
        if not older:
            break
        first = min(_order(when[k]) for k in older)
        roots = [k for k in older if _order(when[k]) == first]
        root = max(roots, key=lambda k: (similarity(cur, k), str(k)))
        scored = [(_shared_innovations(cur, k, root, pairs, view), k) for k in older if k != root]
        best = max(scored, key=lambda x: (x[0], similarity(cur, x[1])), default=(0, None))
        nxt = best[1] if best[0] > 0 else root
        if similarity(cur, nxt) <= 0:
            break
        links.append(ChainLink(nxt, members[nxt][0].ref.id, members[nxt][0].ref.published, similarity(cur, nxt)))
        visited.add(nxt)
        cur = nxt
    links.reverse()
    # A link's similarity_to_next is its similarity to the article after it in the chain.
    return links


def _shared_innovations(
    x: Key | None,
    p: Key,
    r: Key,
    pairs: Callable[[Key | None, Key | None], list[Alignment]],
    view: dict[Key | None, tuple[Tokens, tuple[int, int]]],
) -> int:
    """Changes P made to R that X carries, minus changes P made that X does not carry.

    A change is a word of P not aligned to R (substituted or inserted) or a word of R that P
    dropped, counted within the stretch of R that P covers.
    """
    xr = [y for a in pairs(x, r) for y in a.pairs()]
    pr = [y for a in pairs(p, r) for y in a.pairs()]
    xp = [y for a in pairs(x, p) for y in a.pairs()]
    if not pr:
        return 0
    x_from_r = {i for i, _ in xr}
    r_in_x = {j for _, j in xr}
    p_from_r = {i for i, _ in pr}
    r_in_p = {j for _, j in pr}
    x_of_p = {j: i for i, j in xp}
    p_lo, p_hi = min(i for i, _ in pr), max(i for i, _ in pr) + 1
    r_lo, r_hi = min(j for _, j in pr), max(j for _, j in pr) + 1
    shared = only_p = 0
    for j in range(p_lo, p_hi):  # P's own words
        if j in p_from_r:
            continue
        i = x_of_p.get(j)
        if i is not None and i not in x_from_r:
            shared += 1
        else:
            only_p += 1
    x_span = (min(r_in_x), max(r_in_x)) if r_in_x else (0, -1)
    for j in range(max(r_lo, x_span[0]), min(r_hi, x_span[1] + 1)):  # R's words P dropped
        if j in r_in_p:
            continue
        if j in r_in_x:
            only_p += 1
        else:
            shared += 1
    return shared - only_p


def _order(w: When) -> float:
    if w.instant is not None:
        return w.instant.timestamp()
    if w.day is not None:
        return float(w.day.toordinal() * 86400)
    return float("inf")


def _summaries(
    article: Article,
    matches: list[Match],
    sources: dict[Key, _Src],
    when_q: When,
    links: Sequence[str] | None,
) -> list[SourceSummary]:
    by_key: dict[Key, list[Match]] = {}
    for m in matches:
        by_key.setdefault(m.source.key, []).append(m)
    out = []
    for k, ms in by_key.items():
        src = sources[k]
        c = compare(src.when, when_q)
        relation = {-1: "earlier", 0: "same_date", 1: "later"}.get(c, "unknown") if c is not None else "unknown"
        prose = [m for m in ms if m.kind == COPIED_PROSE]
        spans = [m.query_span for m in ms if m.kind != BOILERPLATE]
        if spans:
            credit = find_credit(article, src.article, links=links, copied_spans=spans)
        else:
            credit = Credit(False)  # shares only boilerplate: credit is not a question
        out.append(
            SourceSummary(
                source=src.ref,
                relation=relation,
                passages=len([m for m in ms if m.kind != BOILERPLATE]),
                copied_chars=sum(e - b for b, e in _union([m.query_span for m in prose])),
                kinds=sorted({m.kind for m in ms}),
                credit=credit,
            )
        )
    out.sort(key=lambda s: (-s.copied_chars, str(s.source.key)))
    return out


def _paragraph_map(
    article: Article,
    q: Tokens,
    groups: list[PassageGroup],
    bp_mask: list[bool],
    summaries: list[SourceSummary],
    share: float,
) -> list[ParagraphProvenance]:
    relation = {s.source.key: s.relation for s in summaries}
    credited = {s.source.key: s.credit.credited for s in summaries}
    n = len(q)
    bp = np.zeros(n + 1, dtype=bool)
    bp[:n] = bp_mask
    prose = np.zeros(n + 1, dtype=bool)
    quote = np.zeros(n + 1, dtype=bool)
    # Paragraphs as token ranges, to find the paragraphs a match overlaps by bisection.
    para_tokens = [(bisect_left(q.starts, pb), bisect_left(q.starts, pe)) for pb, pe in article.paragraphs]
    firsts = [a for a, _ in para_tokens]
    prose_src: list[set[Key]] = [set() for _ in para_tokens]
    quote_src: list[set[Key]] = [set() for _ in para_tokens]
    later: list[set[Key]] = [set() for _ in para_tokens]
    older_of: list[dict[Key, str | None]] = [{} for _ in para_tokens]
    published = {s.source.key: s.source.published for s in summaries}
    for g in groups:
        for m in g.matches:
            a, b = m.query_tokens
            if m.kind == BOILERPLATE:
                bp[a:b] = True
                continue
            if m.kind == SHARED_QUOTATION:
                quote[a:b] = True
            elif relation.get(m.source.key) != "later":
                prose[a:b] = True
            for p in range(max(0, bisect_left(firsts, a) - 1), bisect_left(firsts, b)):
                pa, pb = para_tokens[p]
                if pa >= b or pb <= a:
                    continue
                if m.kind == SHARED_QUOTATION:
                    quote_src[p].add(m.source.key)
                elif relation.get(m.source.key) == "later":
                    later[p].add(m.source.key)
                else:
                    prose_src[p].add(m.source.key)
                    # Older copies found by following this source's passage further back.
                    for mem in g.older_members:
                        if mem.via == m.source.key:
                            older_of[p][mem.source.key] = mem.source.published
    copied_w = prose & ~bp
    quoted_w = quote & ~bp & ~prose
    out = []
    for p, ((pb, pe), (i0, i1)) in enumerate(zip(article.paragraphs, para_tokens)):
        words = i1 - i0
        if words <= 0:
            out.append(ParagraphProvenance((pb, pe), ORIGINAL, 0.0))
            continue
        share_bp = float(bp[i0:i1].sum()) / words
        share_copied = float(copied_w[i0:i1].sum()) / words
        share_quoted = float(quoted_w[i0:i1].sum()) / words
        later_keys = sorted(later[p], key=str)
        if share_bp >= 0.5:
            out.append(ParagraphProvenance((pb, pe), BOILERPLATE, share_bp))
        elif share_copied >= share:
            srcs = sorted(prose_src[p], key=str)
            # The earliest of the articles carrying *this paragraph*, not of the whole passage
            # group: one long copy can join groups whose other members never carried it.
            carriers = {k: published.get(k) for k in srcs} | older_of[p]
            first = earliest([(k, parse_published(d)) for k, d in carriers.items()])
            out.append(
                ParagraphProvenance(
                    (pb, pe), COPIED, share_copied, srcs, sorted(first.keys, key=str),
                    all(credited.get(k, False) for k in srcs), later_keys,
                )
            )
        elif share_quoted >= share:
            out.append(ParagraphProvenance((pb, pe), SHARED_QUOTATION, share_quoted, sorted(quote_src[p], key=str)))
        else:
            out.append(ParagraphProvenance((pb, pe), ORIGINAL, 0.0, copied_by=later_keys))
    return out


def _mask_spans(q: Tokens, mask: list[bool]) -> list[tuple[int, int]]:
    spans = []
    k = 0
    n = len(mask)
    while k < n:
        if mask[k]:
            j = k
            while j < n and mask[j]:
                j += 1
            spans.append(q.char_span(k, j))
            k = j
        else:
            k += 1
    return spans


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for b, e in sorted(spans):
        if out and b <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((b, e))
    return out
