"""newstrace on Apache Spark: corpus-wide ingest and reuse with the embedded engine's kernels.

Install with `pip install 'newstrace[spark]'`. The jobs (`newstrace spark ...`) read web
archives, JSON Lines or Parquet, write Parquet stage by stage, and call the same pure
functions as the embedded engine (readers, normalisation, fingerprints, candidate rule,
alignment, credit, clustering), so a corpus processed on a cluster gives the answers
`newstrace reuse` gives on one machine. See docs/spark.md.
"""

from __future__ import annotations

from ..errors import require


def require_pyspark():
    """The pyspark module, or MissingExtraError naming `pip install 'newstrace[spark]'`."""
    return require("pyspark", feature="`newstrace spark`", extra="spark")
