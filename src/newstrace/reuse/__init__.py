"""Text reuse: where did an article's text come from, who copied whom, credited or not.

Modules, in the order data flows through them:
  normalize   words with character offsets, normalised for matching
  fingerprint winnowed word n-gram hashes with positions (FINGERPRINT_VERSION)
  index       the ReuseIndex protocol and an in-memory implementation
  candidates  articles sharing indexed fingerprints with a text
  align       word alignment of two texts: every shared passage, with its edits
  classify    copied prose, shared quotation or boilerplate
  credit      does a copy name or link its source (or the wire agency)?
  chronology  earliest of several articles, with ties and missing dates said plainly
  provenance  trace(article, index, lookup=...): the full answer for one article
  corpus      reuse_pairs(...): every shared passage across an archive, incrementally
  clusters    build_clusters(...) and site_network(...): pure functions over pairs
  sqlite_index  the index inside the SQLite archive (SqliteIndex) and trace_in_archive(...)
"""

from .align import Alignment, align
from .candidates import find_candidates
from .chronology import Earliest, earliest, parse_published
from .classify import BOILERPLATE, COPIED_PROSE, SHARED_QUOTATION, passage_kind, quote_regions
from .clusters import Cluster, ClusterMember, DocInfo, SiteEdge, build_clusters, site_network
from .corpus import PairPassage, reuse_pairs
from .credit import WIRE_AGENCIES, Credit, CreditEvidence, find_credit
from .fingerprint import (
    FINGERPRINT_VERSION,
    NGRAM,
    WINDOW,
    Fingerprints,
    check_version,
    index_fingerprints,
    query_fingerprints,
)
from .index import MemoryIndex, ReuseIndex
from .normalize import Tokens, tokenize
from .provenance import (
    Found,
    Match,
    PassageGroup,
    ParagraphProvenance,
    Provenance,
    SourceSummary,
    TraceSettings,
    find_matches,
    site_key,
    trace,
)
from .sqlite_index import SqliteIndex, trace_in_archive

__all__ = [
    "Alignment",
    "BOILERPLATE",
    "COPIED_PROSE",
    "Cluster",
    "ClusterMember",
    "Credit",
    "CreditEvidence",
    "DocInfo",
    "Earliest",
    "FINGERPRINT_VERSION",
    "Fingerprints",
    "Found",
    "Match",
    "MemoryIndex",
    "NGRAM",
    "PairPassage",
    "ParagraphProvenance",
    "PassageGroup",
    "Provenance",
    "ReuseIndex",
    "SHARED_QUOTATION",
    "SiteEdge",
    "SourceSummary",
    "SqliteIndex",
    "Tokens",
    "TraceSettings",
    "WINDOW",
    "WIRE_AGENCIES",
    "align",
    "build_clusters",
    "check_version",
    "earliest",
    "find_candidates",
    "find_credit",
    "find_matches",
    "index_fingerprints",
    "parse_published",
    "passage_kind",
    "query_fingerprints",
    "quote_regions",
    "reuse_pairs",
    "site_key",
    "site_network",
    "tokenize",
    "trace",
    "trace_in_archive",
]
