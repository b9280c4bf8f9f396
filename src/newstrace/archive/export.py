"""Export the archive as JSON Lines, CSV or Parquet, streaming (constant memory).

Every format carries the Article fields (as in `Article.to_dict`, so a JSONL export reads
back with `Article.from_dict`) plus the archive's bookkeeping: content_hash, added_at,
version_of (id of the version this one replaced) and superseded.

    field             JSONL / Parquet type          CSV
    text, title, url, domain, site, published, published_source, language, source, id,
    content_hash, added_at, version_of             string (null)        text ("" for null)
    authors           list of strings               JSON text
    paragraphs,
    sentences         list of [begin, end] ints     JSON text
    boilerplate       list of {kind, text}          JSON text
    extra             object (Parquet: JSON text)   JSON text
    superseded        bool                          "true"/"false"

The file is written under a temporary name and renamed at the end, so an interrupted
export never leaves a truncated file at `out_path`.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from ..errors import InputError
from .store import ARTICLE_COLUMNS, filter_clauses

if TYPE_CHECKING:
    from .store import Archive

FORMATS = ("jsonl", "csv", "parquet")
_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}
_PARQUET_BATCH = 2000

# Output field order: Article.to_dict() order, then the archive's own columns.
FIELDS = (
    "text", "title", "url", "domain", "site", "authors", "published", "published_source", "language",
    "paragraphs", "sentences", "boilerplate", "source", "extra", "id",
    "content_hash", "added_at", "version_of", "superseded",
)
_JSON_FIELDS = frozenset({"authors", "paragraphs", "sentences", "boilerplate", "extra"})
_COLUMNS = ARTICLE_COLUMNS + ("content_hash", "added_at", "version_of", "superseded")


def export(archive: "Archive", out_path: str | os.PathLike[str], format: str | None = None, *, latest_only: bool = False) -> int:
    """Write the archive's articles to `out_path`; return how many were written."""
    out = Path(out_path)
    fmt = (format or _SUFFIXES.get(out.suffix.lower(), "")).lower()
    if fmt not in FORMATS:
        raise InputError(
            str(out), "unknown export format",
            f"got {format or out.suffix or 'no suffix'!r}; use one of {', '.join(FORMATS)} or a matching file suffix",
        )
    if out.is_dir():
        raise InputError(str(out), "is a directory", "give a file name for the export")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    where, params = filter_clauses(latest_only=latest_only)
    records = _records(archive, where, params)
    try:
        if fmt == "jsonl":
            n = _write_jsonl(records, tmp)
        elif fmt == "csv":
            n = _write_csv(records, tmp)
        else:
            n = _write_parquet(records, tmp)
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return n


def _records(archive: "Archive", where: list[str], params: list[Any]) -> Iterator[dict[str, Any]]:
    for row in archive._stream(_COLUMNS, where, params):
        rec = dict(zip(_COLUMNS, row))
        for name in _JSON_FIELDS:
            rec[name] = json.loads(rec[name])
        rec["superseded"] = bool(rec["superseded"])
        yield {f: rec[f] for f in FIELDS}


def _write_jsonl(records: Iterator[dict[str, Any]], path: Path) -> int:
    n = 0
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")))
            fh.write("\n")
            n += 1
    return n


def _write_csv(records: Iterator[dict[str, Any]], path: Path) -> int:
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(FIELDS)
        for rec in records:
            row = []
            for f in FIELDS:
                v = rec[f]
                if f in _JSON_FIELDS:
                    v = json.dumps(v, ensure_ascii=False, separators=(",", ":"))
                elif f == "superseded":
                    v = "true" if v else "false"
                elif v is None:
                    v = ""
                row.append(v)
            writer.writerow(row)
            n += 1
    return n


def parquet_schema():
    """The explicit Arrow schema of a Parquet export."""
    import pyarrow as pa

    span = pa.list_(pa.int32(), 2)
    return pa.schema(
        [
            ("text", pa.string()), ("title", pa.string()), ("url", pa.string()), ("domain", pa.string()),
            ("site", pa.string()), ("authors", pa.list_(pa.string())), ("published", pa.string()),
            ("published_source", pa.string()), ("language", pa.string()),
            ("paragraphs", pa.list_(span)), ("sentences", pa.list_(span)),
            ("boilerplate", pa.list_(pa.struct([("kind", pa.string()), ("text", pa.string())]))),
            ("source", pa.string()), ("extra", pa.string()), ("id", pa.string()),
            ("content_hash", pa.string()), ("added_at", pa.string()), ("version_of", pa.string()),
            ("superseded", pa.bool_()),
        ]
    )


def _write_parquet(records: Iterator[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    n = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for rec in records:
            # Parquet has no "any JSON" type; extra stays JSON text, as in CSV.
            rec["extra"] = json.dumps(rec["extra"], ensure_ascii=False, separators=(",", ":"))
            batch.append(rec)
            if len(batch) >= _PARQUET_BATCH:
                writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
            n += len(batch)
    return n
