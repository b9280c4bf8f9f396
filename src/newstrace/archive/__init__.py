"""The embedded archive: articles, their versions and a full-text index in one SQLite file.

    from newstrace.archive import Archive
    with Archive() as archive:                      # default_archive_path()
        archive.ingest(items)                       # Article | Rejected items from a reader
        archive.search("minister resign*", site="example.com", since="2024-01-01")
        archive.related(article)

Modules: store.py (Archive, writing and reading), migrations.py (schema, append-only),
search.py (FTS5 queries, related articles), export.py (JSONL/CSV/Parquet), paths.py.
"""

from .paths import default_archive_path
from .search import SearchHit
from .store import AddResult, Archive, IngestSummary, Version

__all__ = ["AddResult", "Archive", "IngestSummary", "SearchHit", "Version", "default_archive_path"]
