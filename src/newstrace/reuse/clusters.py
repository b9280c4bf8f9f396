"""Reuse clusters and the site-level copy network, from pair passages. Pure functions.

A cluster is a set of article regions connected by shared passages: each pair passage
links a region of article a with a region of article b, and regions of one article that
overlap (by at least a third of the shorter) are the same region. Union-find over these
regions gives the clusters. Copied prose and shared quotations are clustered separately;
boilerplate never enters (corpus.py drops it).

For each cluster: its passages, its members with their dates and spans, the earliest
source (chronology.py: ties and undated members are reported, not resolved), and per
member whether it credits the earliest source (known only when the two share a passage
directly; otherwise None).

The site network counts, for each pair of sites, the copies whose cluster has a decided
earliest source on another site: copier site → source site, how many copies, how many
characters, and the credited share. No I/O and no global state, so a Spark job can call
these functions on partitions of stored pairs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Hashable, Iterable, Mapping, Sequence

from ..article import Article
from .chronology import DECIDED, Earliest, earliest, parse_published
from .classify import COPIED_PROSE
from .corpus import PairPassage

Key = Hashable


@dataclass(frozen=True)
class DocInfo:
    """What clustering needs to know about an article."""

    key: Key
    site: str | None
    published: str | None
    id: str = ""
    url: str | None = None

    @classmethod
    def of(cls, key: Key, a: Article) -> "DocInfo":
        from .provenance import site_key

        return cls(key, site_key(a), a.published, a.id, a.url)


@dataclass
class ClusterMember:
    key: Key
    site: str | None
    published: str | None
    spans: list[tuple[int, int]]  # regions of this article in the cluster
    chars: int
    credits_earliest: bool | None = None  # None: no direct passage with the earliest source

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "site": self.site,
            "published": self.published,
            "spans": [list(s) for s in self.spans],
            "chars": self.chars,
            "credits_earliest": self.credits_earliest,
        }


@dataclass
class Cluster:
    id: str
    kind: str  # copied_prose | shared_quotation
    members: list[ClusterMember]
    passages: list[PairPassage]
    earliest: Earliest

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "earliest": self.earliest.to_dict(),
            "members": [m.to_dict() for m in self.members],
            "passages": [p.to_dict() for p in self.passages],
        }


@dataclass
class SiteEdge:
    copier: str
    source: str
    copies: int  # articles of `copier` carrying a cluster whose earliest source is on `source`
    chars: int  # characters those copies carry
    credited: int  # copies that credit the earliest source
    credit_unknown: int  # copies with no direct passage with the earliest source
    clusters: list[str] = field(default_factory=list)

    @property
    def credited_share(self) -> float | None:
        known = self.copies - self.credit_unknown
        return self.credited / known if known else None

    def to_dict(self) -> dict[str, Any]:
        share = self.credited_share
        return {
            "copier": self.copier,
            "source": self.source,
            "copies": self.copies,
            "chars": self.chars,
            "credited": self.credited,
            "credit_unknown": self.credit_unknown,
            "credited_share": None if share is None else round(share, 4),
            "clusters": list(self.clusters),
        }


class _UnionFind:
    def __init__(self) -> None:
        self.parent: list[int] = []

    def add(self) -> int:
        self.parent.append(len(self.parent))
        return len(self.parent) - 1

    def find(self, x: int) -> int:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def build_clusters(
    pairs: Iterable[PairPassage],
    docs: Mapping[Key, DocInfo],
    *,
    min_overlap: float = 0.33,
) -> list[Cluster]:
    """Cluster pair passages into reuse clusters (one list for prose and quotations)."""
    plist = list(pairs)
    out: list[Cluster] = []
    for kind in (COPIED_PROSE, "shared_quotation"):
        sel = [p for p in plist if p.kind == kind]
        out.extend(_clusters_of_kind(sel, docs, kind, min_overlap))
    out.sort(key=lambda c: (-len(c.members), c.id))
    return out


def _clusters_of_kind(
    pairs: Sequence[PairPassage], docs: Mapping[Key, DocInfo], kind: str, min_overlap: float
) -> list[Cluster]:
    # 1. Regions per article: (span, pair index, side) merged where they overlap enough.
    per_doc: dict[Key, list[tuple[int, int, int, int]]] = {}
    for i, p in enumerate(pairs):
        per_doc.setdefault(p.a, []).append((p.a_span[0], p.a_span[1], i, 0))
        per_doc.setdefault(p.b, []).append((p.b_span[0], p.b_span[1], i, 1))
    uf = _UnionFind()
    node_of: dict[tuple[int, int], int] = {}  # (pair index, side) -> node
    node_doc: list[Key] = []
    node_spans: list[list[tuple[int, int]]] = []
    for key in sorted(per_doc, key=str):
        items = sorted(per_doc[key])
        lo = hi = -1
        node = -1
        for b, e, i, side in items:
            if node >= 0:
                overlap = min(e, hi) - max(b, lo)
                if overlap > 0 and overlap >= min_overlap * min(e - b, hi - lo):
                    node_of[(i, side)] = node
                    node_spans[node].append((b, e))
                    hi = max(hi, e)
                    continue
            node = uf.add()
            node_doc.append(key)
            node_spans.append([(b, e)])
            node_of[(i, side)] = node
            lo, hi = b, e
    # 2. Each pair passage joins its two regions.
    for i in range(len(pairs)):
        uf.union(node_of[(i, 0)], node_of[(i, 1)])
    # 3. Collect.
    groups: dict[int, list[int]] = {}
    for n in range(len(node_doc)):
        groups.setdefault(uf.find(n), []).append(n)
    pairs_of: dict[int, list[int]] = {}
    for i in range(len(pairs)):
        pairs_of.setdefault(uf.find(node_of[(i, 0)]), []).append(i)
    clusters = []
    for root, nodes in groups.items():
        clusters.append(_cluster(kind, nodes, node_doc, node_spans, [pairs[i] for i in pairs_of.get(root, [])], docs))
    return clusters


def _cluster(
    kind: str,
    nodes: list[int],
    node_doc: list[Key],
    node_spans: list[list[tuple[int, int]]],
    passages: list[PairPassage],
    docs: Mapping[Key, DocInfo],
) -> Cluster:
    spans_by_doc: dict[Key, list[tuple[int, int]]] = {}
    for n in nodes:
        spans_by_doc.setdefault(node_doc[n], []).extend(node_spans[n])
    first = earliest([(k, parse_published(_info(docs, k).published)) for k in sorted(spans_by_doc, key=str)])
    members = []
    for k in sorted(spans_by_doc, key=str):
        spans = _union(spans_by_doc[k])
        info = _info(docs, k)
        members.append(
            ClusterMember(
                key=k,
                site=info.site,
                published=info.published,
                spans=spans,
                chars=sum(e - b for b, e in spans),
                credits_earliest=_credits(k, first, passages),
            )
        )
    ident = hashlib.blake2b(
        repr(sorted((str(m.key), tuple(m.spans)) for m in members)).encode("utf-8") + kind.encode(),
        digest_size=8,
    ).hexdigest()
    passages.sort(key=lambda p: (str(p.a), p.a_span, str(p.b), p.b_span))
    return Cluster(ident, kind, members, passages, first)


def _credits(k: Key, first: Earliest, passages: list[PairPassage]) -> bool | None:
    if len(first.keys) != 1 or first.keys[0] == k:
        return None
    e = first.keys[0]
    verdicts = []
    for p in passages:
        if p.a == k and p.b == e:
            verdicts.append(p.a_credits_b)
        elif p.b == k and p.a == e:
            verdicts.append(p.b_credits_a)
    known = [v for v in verdicts if v is not None]
    if not known:
        return None
    return any(known)


def _info(docs: Mapping[Key, DocInfo], k: Key) -> DocInfo:
    info = docs.get(k)
    return info if info is not None else DocInfo(k, None, None)


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for b, e in sorted(spans):
        if out and b <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((b, e))
    return out


def site_network(clusters: Iterable[Cluster]) -> list[SiteEdge]:
    """Who copies whom: copier site → earliest source's site, over clusters of copied prose
    whose earliest source is decided. Copies within one site are not edges."""
    edges: dict[tuple[str, str], SiteEdge] = {}
    for c in clusters:
        if c.kind != COPIED_PROSE or c.earliest.status != DECIDED:
            continue
        src_key = c.earliest.keys[0]
        src = next((m for m in c.members if m.key == src_key), None)
        if src is None or not src.site:
            continue
        for m in c.members:
            if m.key == src_key or not m.site or m.site == src.site:
                continue
            e = edges.get((m.site, src.site))
            if e is None:
                e = edges[(m.site, src.site)] = SiteEdge(m.site, src.site, 0, 0, 0, 0)
            e.copies += 1
            e.chars += m.chars
            if m.credits_earliest is None:
                e.credit_unknown += 1
            elif m.credits_earliest:
                e.credited += 1
            if c.id not in e.clusters:
                e.clusters.append(c.id)
    return sorted(edges.values(), key=lambda e: (-e.copies, e.copier, e.source))
