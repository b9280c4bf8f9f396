"""Corpus-wide reuse: every passage shared between archived articles, as pair records.

`reuse_pairs(keys, index, lookup=...)` aligns each article of `keys` with its candidates
from the index and returns one `PairPassage` per shared passage, each unordered pair of
articles once. It is incremental: after adding new articles to the index, call it with
just the new keys; pairs among older articles are not recomputed (they are the caller's
stored pairs), pairs between new and old articles and among new ones are. Clustering
(clusters.py) then runs over all stored pairs, which is cheap and linear.

Boilerplate passages are dropped here: they are never reuse.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Callable, Hashable, Iterable, MutableMapping, Sequence

from ..article import Article
from .classify import BOILERPLATE, COPIED_PROSE
from .credit import find_credit
from .index import ReuseIndex
from .normalize import Tokens
from .provenance import ArticleLookup, TraceSettings, find_matches

log = logging.getLogger(__name__)

Key = Hashable


@dataclass
class PairPassage:
    """One passage shared by articles a and b (character spans into each one's text)."""

    a: Key
    b: Key
    a_span: tuple[int, int]
    b_span: tuple[int, int]
    kind: str  # copied_prose | shared_quotation
    matched_words: int
    edits: int
    edit_ratio: float
    edit_level: str
    a_credits_b: bool | None = None  # does a name / link to b (or b's wire agency)?
    b_credits_a: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "a_span": list(self.a_span),
            "b_span": list(self.b_span),
            "kind": self.kind,
            "matched_words": self.matched_words,
            "edits": self.edits,
            "edit_ratio": round(self.edit_ratio, 4),
            "edit_level": self.edit_level,
            "a_credits_b": self.a_credits_b,
            "b_credits_a": self.b_credits_a,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "PairPassage":
        return cls(
            a=d["a"],
            b=d["b"],
            a_span=tuple(d["a_span"]),  # type: ignore[arg-type]
            b_span=tuple(d["b_span"]),  # type: ignore[arg-type]
            kind=d["kind"],
            matched_words=int(d["matched_words"]),
            edits=int(d["edits"]),
            edit_ratio=float(d["edit_ratio"]),
            edit_level=d["edit_level"],
            a_credits_b=d.get("a_credits_b"),
            b_credits_a=d.get("b_credits_a"),
        )


def reuse_pairs(
    keys: Sequence[Key],
    index: ReuseIndex,
    *,
    lookup: ArticleLookup,
    settings: TraceSettings | None = None,
    token_cache: MutableMapping[Key, Tokens] | None = None,
    accept: Callable[[Key, Key], bool] | None = None,
) -> list[PairPassage]:
    """Passages shared between each article of `keys` and any indexed article.

    Every article of `keys` must already be in the index. A pair of two articles of `keys`
    is aligned once (from the one listed first); a pair with an article outside `keys` is
    aligned from the article of `keys`.

    `accept(k, c)`, when given, replaces that rule: article k of `keys` is aligned with
    candidate c only if it returns True. The archive's reuse job uses it to align every
    pair from the later-added article, whatever runs the articles were processed in.
    """
    order = {k: i for i, k in enumerate(keys)}
    out: list[PairPassage] = []
    for k in keys:
        art = _get(lookup, k)
        if art is None:
            continue
        pos = order[k]

        def wanted(c: Key, pos: int = pos, k: Key = k) -> bool:
            if accept is not None:
                return accept(k, c)
            return c not in order or order[c] > pos

        found = find_matches(
            art, index, lookup=lookup, self_key=k, settings=settings, token_cache=token_cache, only=wanted
        )
        by_source: dict[Key, list] = {}
        for m in found.matches:
            if m.kind != BOILERPLATE:
                by_source.setdefault(m.source.key, []).append(m)
        for src_key, ms in by_source.items():
            src = found.sources[src_key].article
            ab = ba = None
            if any(m.kind == COPIED_PROSE for m in ms):
                ab = find_credit(art, src, copied_spans=[m.query_span for m in ms]).credited
                ba = find_credit(src, art, copied_spans=[m.source_span for m in ms]).credited
            for m in ms:
                out.append(
                    PairPassage(
                        a=k,
                        b=src_key,
                        a_span=m.query_span,
                        b_span=m.source_span,
                        kind=m.kind,
                        matched_words=m.matched_words,
                        edits=m.edits,
                        edit_ratio=m.edit_ratio,
                        edit_level=m.edit_level,
                        a_credits_b=ab,
                        b_credits_a=ba,
                    )
                )
    return out


def _get(lookup: ArticleLookup, key: Key) -> Article | None:
    try:
        art = lookup(key)
    except Exception as exc:  # one unreadable article must not stop a corpus run
        log.warning("reuse: could not load article %r: %s", key, exc)
        return None
    if art is None:
        log.warning("reuse: article %r is not in the archive; skipped", key)
    return art


def pairs_to_dicts(pairs: Iterable[PairPassage]) -> list[dict[str, Any]]:
    return [p.to_dict() for p in pairs]
