"""Spark stage `articles`: read a crawl or an export into OUT/articles/ (Parquet).

    ingest_stage(spark, ["s3a://bucket/crawl/*.warc.gz"], "hdfs:///nt/run1")

Inputs are local paths, folders, globs or any URI a Hadoop FileSystem of the session can
list and open (file:, hdfs:, s3a:, abfss:, gs: ... whatever connectors the cluster has):
WARC/WARC.gz, JSON Lines, CSV/TSV (optionally gzipped), HTML and text files, and Parquet.

Same readers as the embedded engine. Every non-Parquet file is read by
`newstrace.read.read_path` inside an executor, the function `newstrace ingest` calls for
the same file, so dispatch by extension, sniffing, size caps, WARC damage handling and
the typed rejections are those of the embedded engine, not a second extractor:
- a path without a scheme that exists on the driver is read where it is (executors must
  see the same path: local mode, or a shared mount), in `read_path`'s order: a folder's
  files sorted by name, then its sub-folders sorted, hidden names skipped (and Hadoop's
  _SUCCESS/_temporary markers);
- a URI (or a scheme-less path that is not on the driver's disk, resolved against
  fs.defaultFS as Spark does) is listed on the driver with the Hadoop FileSystem; each file
  comes to an executor whole through `SparkContext.binaryFiles`, is written to a local
  temporary file with the same name and read by `read_path`; sources then name the URI
  ("hdfs://nn/crawl/a.warc.gz@offset 1234"). Names starting with "." or "_" are skipped
  there (Hadoop's input convention). Memory: an executor holds one whole input file at
  a time per task, so keep WARC files to the usual ~1 GB.
- Parquet files (.parquet, .parq) are read by Spark; each row goes through the JSON Lines
  reader's record builder (`newstrace.read.records`, with the same FieldMap: dotted names
  reach into struct columns), so a Parquet row and the same JSON line give the same
  Article. Sources are "path:row N" (1-based, from Spark's `_metadata.row_index`).

Order. `seq` follows the order of the inputs as given; a folder or a glob expands to its
files as above (globs sorted); inside a file, record order. `newstrace ingest` with the
same inputs in the same order stores the kept articles with rowids in the same order;
`seq` is dense (0, 1, 2 ... over the kept articles), so rowid = seq + 1 for a fresh archive.

Duplicates and versions mirror `Archive.ingest` (archive/store.py, `_add_one`):
- the archive drops an article when a stored one has its id, or has the same URL (NULL
  matching NULL) and the same text hash. Article ids are `article_id(url, text)`, a hash
  of the stripped URL and the text, so "same URL and same text" implies "same id", and the
  first article of an id is never preceded by a stored one of the same URL and text. The
  archive's rule is therefore exactly: keep the lowest `seq` of each id. That is what is
  computed here (a window over id), without a second hash.
- a kept article with a real URL (`url.strip()` not empty, as `_versioned_url`) marks
  the previous current version at that exact URL superseded. Each insert supersedes the
  one before, so after a whole ingest the versions superseded are all the kept articles
  of a URL except the one with the highest `seq`. That is `superseded` here (a window over
  the URL, among kept articles with a real URL only).

Rejections (corrupt WARC records, undecodable pages, documents over max_bytes, empty
texts, bad JSON lines, a file the reader fails on as a whole ...) never fail the job:
they are rows of OUT/articles_rejects/ (source, reason, detail) with the reader's typed
reason, counted by reason in OUT/articles/_manifest.json.
"""

from __future__ import annotations

import dataclasses
import glob as globlib
import json
import logging
import os
import re
import shutil
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence
from urllib.parse import unquote

from ..article import Article
from ..read import FieldMap, Reason, Rejected, read_path
from ..read.html import DEFAULT_MAX_BYTES
from ..read.records import DEFAULT_MAX_RECORD_CHARS
from . import require_pyspark

log = logging.getLogger(__name__)

STAGE = "articles"
REJECTS = "articles_rejects"
PARQUET_SUFFIXES = (".parquet", ".parq")
# Hadoop's job markers are not inputs (a Spark output folder given as input has them).
_MARKERS = ("_SUCCESS", "_temporary")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
BROADCAST_ROWS = 1_000_000
_UNMATCHED = 1 << 40  # file index for a path the listing did not spell the same way (sorted last)

ARTICLE_COLUMNS = (
    "seq", "id", "url", "site", "domain", "title", "authors", "published", "language",
    "source", "text", "article_json", "superseded",
)
REJECT_COLUMNS = ("source", "reason", "detail")


# -- schemas (built lazily: this module imports without pyspark) --------------------------------


def _article_fields(T) -> list:
    """The article columns both schemas share (id nullable only in the raw rows)."""
    return [
        T.StructField("url", T.StringType(), True),
        T.StructField("site", T.StringType(), True),
        T.StructField("domain", T.StringType(), True),
        T.StructField("title", T.StringType(), True),
        T.StructField("authors", T.ArrayType(T.StringType(), False), True),
        T.StructField("published", T.StringType(), True),
        T.StructField("language", T.StringType(), True),
        T.StructField("source", T.StringType(), True),
        T.StructField("text", T.StringType(), True),
    ]


def _raw_schema():
    from pyspark.sql import types as T

    return T.StructType([
        T.StructField("kind", T.StringType(), False),  # "a" article, "r" rejection
        T.StructField("file_idx", T.LongType(), False),
        T.StructField("rec_idx", T.LongType(), False),
        T.StructField("id", T.StringType(), True),
        *_article_fields(T),
        T.StructField("article_json", T.StringType(), True),
        T.StructField("versioned", T.BooleanType(), True),
        T.StructField("reason", T.StringType(), True),
        T.StructField("detail", T.StringType(), True),
    ])


def articles_schema():
    """The Spark schema of OUT/articles/ (see the module docstring and docs/spark.md)."""
    from pyspark.sql import types as T

    return T.StructType([
        T.StructField("seq", T.LongType(), False),
        T.StructField("id", T.StringType(), False),
        *_article_fields(T),
        T.StructField("article_json", T.StringType(), False),
        T.StructField("superseded", T.BooleanType(), False),
    ])


# -- rows -----------------------------------------------------------------------------------------


def _json_default(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def article_json(article: Article) -> str:
    """The lossless JSON of an Article (`Article.from_dict(json.loads(...))` rebuilds it)."""
    return json.dumps(article.to_dict(), ensure_ascii=False, default=_json_default)


def _article_row(file_idx: int, rec_idx: int, a: Article) -> tuple:
    return (
        "a", file_idx, rec_idx, a.id, a.url, a.site, a.domain, a.title, list(a.authors), a.published,
        a.language, a.source, a.text, article_json(a), bool(a.url and a.url.strip()), None, None,
    )


def _reject_row(file_idx: int, rec_idx: int, r: Rejected) -> tuple:
    reason = r.reason.value if isinstance(r.reason, Reason) else str(r.reason)
    return ("r", file_idx, rec_idx, None, None, None, None, None, None, None, None, r.source, None, None, None, reason, r.detail)


def _item_row(file_idx: int, rec_idx: int, item: Any) -> tuple:
    if isinstance(item, Article):
        return _article_row(file_idx, rec_idx, item)
    return _reject_row(file_idx, rec_idx, item)


def _failure(source: str, exc: BaseException) -> Rejected:
    """One rejection for a file the reader failed on as a whole (after what it read)."""
    if isinstance(exc, MemoryError):
        return Rejected(source, Reason.TOO_LARGE, "out of memory while reading the file")
    if isinstance(exc, OSError):
        return Rejected(source, Reason.NOT_FOUND, f"cannot read the file: {exc.strerror or exc}")
    return Rejected(source, Reason.UNDECODABLE, f"the reader failed on this file ({type(exc).__name__}: {exc})"[:2000])


# -- executor side --------------------------------------------------------------------------------


class _ReadOptions:
    """What every executor needs to read a file (picklable)."""

    def __init__(self, fm: FieldMap, max_bytes: int, detect_lang: bool | None) -> None:
        self.fm = fm
        self.max_bytes = max_bytes
        self.detect_lang = detect_lang

    def items(self, path: str) -> Iterator[Any]:
        return read_path(path, field_map=self.fm, max_bytes=self.max_bytes, detect_lang=self.detect_lang)


def _read_local(task: tuple[int, str], opts: _ReadOptions) -> Iterator[tuple]:
    """Rows of one local file: `read_path(path)`, as `newstrace ingest` reads it."""
    file_idx, path = task
    n = 0
    try:
        for item in opts.items(path):
            yield _item_row(file_idx, n, item)
            n += 1
    except Exception as exc:  # noqa: BLE001 - a file the reader fails on is one rejection
        yield _reject_row(file_idx, n, _failure(path, exc))


def _read_remote(pair: tuple[str, bytes], index: Mapping[str, int], opts: _ReadOptions) -> Iterator[tuple]:
    """Rows of one file fetched by binaryFiles: written to a temporary file of the same
    name, read by `read_path`, sources renamed to the URI."""
    uri, data = pair
    file_idx = index.get(_path_key(uri))
    if file_idx is None:
        # binaryFiles spelled the path differently from the listing; keep it, last.
        file_idx = _UNMATCHED
    tmpdir = tempfile.mkdtemp(prefix="newstrace-spark-")
    n = 0
    try:
        name = uri.rstrip("/").rsplit("/", 1)[-1] or "input"
        local = os.path.join(tmpdir, name)
        with open(local, "wb") as fh:
            fh.write(data)
        del data
        for item in opts.items(local):
            yield _item_row(file_idx, n, _renamed(item, local, uri))
            n += 1
    except Exception as exc:  # noqa: BLE001
        yield _reject_row(file_idx, n, _failure(uri, exc))
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def _renamed(item: Any, local: str, uri: str) -> Any:
    src = item.source or ""
    if not src.startswith(local):
        return item
    return dataclasses.replace(item, source=uri + src[len(local):])


class _RecordRows:
    """Parquet rows (dicts) through the JSON Lines reader's record builder."""

    def __init__(self, opts: _ReadOptions, names: Mapping[str, tuple[int, str]]) -> None:
        self.opts = opts
        self.names = names  # _metadata.file_path -> (file_idx, display name)

    def __call__(self, rows: Iterable[Any]) -> Iterator[tuple]:
        from ..read.records import _Builder

        build = _Builder(self.opts.fm, True, bool(self.opts.detect_lang), DEFAULT_MAX_RECORD_CHARS)
        for row in rows:
            d = row.asDict(recursive=True)
            file_path = d.pop("__file_path")
            row_index = int(d.pop("__row_index"))
            file_idx, display = self.names.get(file_path, (_UNMATCHED, file_path))
            where = f"{display}:row {row_index + 1}"
            try:
                item = build(d, where)
            except Exception as exc:  # noqa: BLE001 - one bad row never fails the job
                item = Rejected(where, Reason.MISSING_FIELD, f"cannot build an article from the row ({type(exc).__name__}: {exc})"[:2000])
            yield _item_row(file_idx, row_index, item)


# -- driver side: listing -------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class InputFile:
    """One file to read: its place in the order, its name as sources will spell it, and
    how it is read ("local": read_path on the path; "hadoop": through binaryFiles)."""

    idx: int
    path: str
    where: str  # "local" | "hadoop"

    @property
    def parquet(self) -> bool:
        return self.path.lower().endswith(PARQUET_SUFFIXES)


def _path_key(p: str) -> str:
    """A spelling-independent key for a file path or URI (file: URIs become plain paths)."""
    s = unquote(p)
    if s.startswith("file:"):
        s = "/" + s[len("file:"):].lstrip("/")
        return os.path.normpath(s)
    if not _SCHEME.match(s):
        return os.path.normpath(os.path.abspath(s))
    return s.rstrip("/")


def _skip_local(name: str) -> bool:
    return name.startswith(".") or name in _MARKERS


def _walk_local(root: Path) -> Iterator[str]:
    # The order of newstrace.read._read_dir: per folder, files sorted, then sub-folders sorted.
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not _skip_local(d))
        for name in sorted(filenames):
            if not _skip_local(name):
                yield str(Path(dirpath) / name)


def _has_glob(s: str) -> bool:
    return any(c in s for c in "*?[")


def list_inputs(spark, inputs: Sequence[str]) -> tuple[list[InputFile], list[Rejected]]:
    """The files to read, in order, and rejections for inputs that name nothing."""
    files: list[tuple[str, str]] = []
    rejected: list[Rejected] = []
    for raw in inputs:
        spec = str(raw)
        if not spec.strip():
            rejected.append(Rejected(repr(spec), Reason.NOT_FOUND, "empty input path"))
            continue
        if not _SCHEME.match(spec) or len(spec) > 1 and spec[1] == ":" and len(spec) > 2 and spec[2] in "\\/":
            local = Path(spec)
            if local.is_dir():
                files.extend((p, "local") for p in _walk_local(local))
                continue
            if local.exists():
                files.append((spec, "local"))
                continue
            if _has_glob(spec):
                matches = sorted(globlib.glob(spec, recursive=True))
                if matches:
                    for m in matches:
                        mp = Path(m)
                        if mp.is_dir():
                            files.extend((p, "local") for p in _walk_local(mp))
                        elif not _skip_local(mp.name):
                            files.append((m, "local"))
                    continue
            # not on the driver's disk: maybe on the cluster's default file system
            found, problem = _list_hadoop(spark, spec)
            if found or problem is None:
                files.extend((p, "hadoop") for p in found)
            else:
                # the embedded engine's words for a missing path
                rejected.append(Rejected(spec, Reason.NOT_FOUND, "no such file or directory" + (f" ({problem})" if problem != "missing" else "")))
            continue
        found, problem = _list_hadoop(spark, spec)
        if problem is not None:
            rejected.append(Rejected(spec, Reason.NOT_FOUND, "no such file or directory" if problem == "missing" else problem))
        files.extend((p, "hadoop") for p in found)
    return [InputFile(i, p, w) for i, (p, w) in enumerate(files)], rejected


def _list_hadoop(spark, spec: str) -> tuple[list[str], str | None]:
    """Files under a Hadoop path or glob, in walk order; (files, None) or ([], problem)."""
    jvm = spark._jvm
    conf = spark._jsc.hadoopConfiguration()
    try:
        path = jvm.org.apache.hadoop.fs.Path(spec)
        fs = path.getFileSystem(conf)
        statuses = fs.globStatus(path)
    except Exception as exc:  # noqa: BLE001 - py4j wraps every Java error
        return [], f"cannot list it: {_java_message(exc)}"
    if statuses is None or len(statuses) == 0:
        return [], "missing"
    out: list[str] = []
    for st in sorted(statuses, key=lambda s: s.getPath().toString()):
        if st.isDirectory():
            out.extend(_walk_hadoop(fs, st.getPath()))
        elif not _skip_hadoop(st.getPath().getName()):
            out.append(st.getPath().toString())
    return out, None


def _skip_hadoop(name: str) -> bool:
    return name.startswith((".", "_"))


def _walk_hadoop(fs, path) -> Iterator[str]:
    entries = sorted(fs.listStatus(path), key=lambda s: s.getPath().getName())
    for st in entries:
        if not st.isDirectory() and not _skip_hadoop(st.getPath().getName()):
            yield st.getPath().toString()
    for st in entries:
        if st.isDirectory() and not _skip_hadoop(st.getPath().getName()):
            yield from _walk_hadoop(fs, st.getPath())


def _java_message(exc: BaseException) -> str:
    java = getattr(exc, "java_exception", None)
    if java is not None:
        try:
            return str(java.toString())
        except Exception:  # noqa: BLE001
            pass
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


# -- driver side: reading -------------------------------------------------------------------------


def _raw_frame(spark, files: list[InputFile], driver_rejects: list[Rejected], opts: _ReadOptions, partitions: int | None):
    """One DataFrame of every article and rejection read (schema `_raw_schema`)."""
    sc = spark.sparkContext
    rdds = []
    n_tasks = partitions or max(1, min(len(files), sc.defaultParallelism * 4))
    local = [(f.idx, f.path) for f in files if f.where == "local" and not f.parquet]
    if local:
        rdds.append(sc.parallelize(local, min(len(local), n_tasks)).flatMap(lambda t: _read_local(t, opts)))
    remote = [f for f in files if f.where == "hadoop" and not f.parquet]
    if remote:
        index = {_path_key(f.path): f.idx for f in remote}
        data = sc.binaryFiles(",".join(_escape_commas(f.path) for f in remote), minPartitions=min(len(remote), n_tasks))
        rdds.append(data.flatMap(lambda pair: _read_remote(pair, index, opts)))
    parquet = [f for f in files if f.parquet]
    if parquet:
        prdd, p_rejects = _parquet_rows(spark, parquet, opts)
        driver_rejects = [*driver_rejects, *p_rejects]
        if prdd is not None:
            rdds.append(prdd)
    if driver_rejects:
        rows = [_reject_row(-1, i, r) for i, r in enumerate(driver_rejects)]
        rdds.append(sc.parallelize(rows, 1))
    schema = _raw_schema()
    if not rdds:
        return spark.createDataFrame([], schema)
    rdd = rdds[0] if len(rdds) == 1 else sc.union(rdds)
    return spark.createDataFrame(rdd, schema, verifySchema=False)  # rows are built above to the schema


def _escape_commas(path: str) -> str:
    # binaryFiles takes a comma-separated list; Hadoop globs read "\," as a literal comma.
    return path.replace(",", "\\,")


def _parquet_uri(f: InputFile) -> str:
    if f.where == "local":
        return Path(os.path.abspath(f.path)).as_uri()
    return f.path


def _parquet_rows(spark, files: list[InputFile], opts: _ReadOptions):
    """(RDD of rows, rejections) for the Parquet inputs: read by Spark, each row through
    the record builder. A file Spark cannot read is one rejection naming it."""
    from pyspark.sql import functions as F

    uris = [_parquet_uri(f) for f in files]
    by_key = {_path_key(u): f for u, f in zip(uris, files)}
    rejects: list[Rejected] = []
    try:
        df = spark.read.option("mergeSchema", "true").option("ignoreCorruptFiles", "true").parquet(*uris)
    except Exception:  # noqa: BLE001 - e.g. no file readable at all: check them one by one
        df = None
    fm = opts.fm
    cols: list[str] = []
    if df is not None:
        present = set(df.columns)
        top = {}
        for name in (fm.id, fm.url, fm.title, fm.text, fm.date, fm.source, fm.authors, fm.language):
            if name in present:
                top[name] = F.col(f"`{name}`").alias(name)
            elif name.split(".")[0] in present:
                head = name.split(".")[0]
                top[head] = F.col(f"`{head}`").alias(head)
        if fm.text not in present and fm.text.split(".")[0] not in present:
            for f in files:
                rejects.append(Rejected(f.path, Reason.MISSING_FIELD,
                                        f"Parquet schema has no column {fm.text!r} (columns: {', '.join(df.columns)}); "
                                        f"name the text column with a field map, e.g. text={df.columns[-1] if df.columns else 'body'}"))
            return None, rejects
        cols = list(top)
        df = df.select(*top.values(), F.col("_metadata.file_path").alias("__file_path"), F.col("_metadata.row_index").alias("__row_index"))
        seen = [r[0] for r in df.select("__file_path").distinct().collect()]
    else:
        seen = []
    names: dict[str, tuple[int, str]] = {}
    for fp in seen:
        f = by_key.get(_path_key(fp))
        if f is not None:
            names[fp] = (f.idx, f.path)
    found = {names[fp][0] for fp in names}
    for f, uri in zip(files, uris):
        if f.idx not in found:
            rejects.append(_parquet_problem(spark, f, uri))
    log.debug("parquet inputs: %d files with rows, columns %s", len(found), cols)
    if df is None or not found:
        return None, rejects
    return df.rdd.mapPartitions(_RecordRows(opts, names)), rejects


def _parquet_problem(spark, f: InputFile, uri: str) -> Rejected:
    """Why a Parquet file gave no rows: unreadable, or empty."""
    try:
        n = spark.read.parquet(uri).count()
    except Exception as exc:  # noqa: BLE001
        return Rejected(f.path, Reason.UNDECODABLE, f"not a readable Parquet file: {_java_message(exc)}"[:2000])
    return Rejected(f.path, Reason.EMPTY_TEXT, "the file has no records" if n == 0 else "no row could be read")


# -- driver side: order, duplicates, versions ------------------------------------------------------


def _finish(spark, raw, start_seq: int = 0):
    """(articles frame in the contract's columns, kept rows, superseded rows, flags frame).

    See the module docstring for the rule mirrored from the archive. Only narrow rows
    (id, URL, position) are shuffled to decide; the wide rows are joined once at the end.
    The caller unpersists the flags frame."""
    from pyspark import StorageLevel
    from pyspark.sql import Window
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    arts = raw.filter(F.col("kind") == "a")
    narrow = arts.select("id", "url", "versioned", "file_idx", "rec_idx")
    first = Window.partitionBy("id").orderBy("file_idx", "rec_idx")
    kept = narrow.withColumn("_n", F.row_number().over(first)).filter(F.col("_n") == 1).drop("_n")
    # superseded: a later kept article at the same real URL
    by_url = Window.partitionBy("url")
    key = F.struct("file_idx", "rec_idx")
    versioned = kept.filter(F.col("versioned")).withColumn("_latest", F.max(key).over(by_url)).select(
        "file_idx", "rec_idx", (key < F.col("_latest")).alias("superseded")
    )
    plain = kept.filter(~F.col("versioned")).select("file_idx", "rec_idx", F.lit(False).alias("superseded"))
    flags = versioned.unionByName(plain).persist(StorageLevel.MEMORY_AND_DISK)
    # dense seq: kept articles counted per file on the driver, ranked inside each file
    per_file = flags.groupBy("file_idx").agg(F.count(F.lit(1)).alias("n"), F.sum(F.col("superseded").cast("long")).alias("s"))
    counts = sorted((int(r["file_idx"]), int(r["n"]), int(r["s"] or 0)) for r in per_file.collect())
    offsets, total = [], start_seq
    for file_idx, n, _ in counts:
        offsets.append((file_idx, total))
        total += n
    superseded = sum(s for _, _, s in counts)
    off = spark.createDataFrame(offsets, T.StructType([T.StructField("file_idx", T.LongType(), False),
                                                       T.StructField("_offset", T.LongType(), False)]))
    in_file = Window.partitionBy("file_idx").orderBy("rec_idx")
    ranked = (
        flags.join(F.broadcast(off), "file_idx")
        .withColumn("seq", F.col("_offset") + F.row_number().over(in_file) - 1)
        .select("file_idx", "rec_idx", "seq", "superseded")
    )
    # The decisions are ~40 bytes an article: broadcast them (no shuffle of the wide rows)
    # up to BROADCAST_ROWS articles, a shuffle join beyond.
    if total - start_seq <= BROADCAST_ROWS:
        ranked = F.broadcast(ranked)
    out = arts.join(ranked, ["file_idx", "rec_idx"]).select(*ARTICLE_COLUMNS)
    return out, total - start_seq, superseded, flags


# -- the stage ------------------------------------------------------------------------------------


def ingest_stage(
    spark,
    inputs: Sequence[str],
    out: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    field_map: "FieldMap | str | Mapping[str, str] | None" = None,
    partitions: int | None = None,
    detect_lang: bool | None = None,
) -> dict[str, Any]:
    """Read `inputs` into OUT/articles/ and OUT/articles_rejects/; return the manifest
    written to OUT/articles/_manifest.json (written last: its presence means the stage
    finished).

    max_bytes: the readers' cap for one page or file (default 20 MiB).
    field_map: FieldMap for JSONL/CSV/Parquet records ("text=body,date=published_at").
    partitions: read tasks (default: the number of files, at most 4 x the default
    parallelism). detect_lang: as `newstrace.read.read_path` (None: the readers' defaults).
    A bad field map raises ValueError; nothing else about the inputs raises.
    """
    require_pyspark()
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    from .. import __version__
    from .job import write_text  # manifests go through Hadoop's FileSystem, as every stage's

    if isinstance(inputs, (str, os.PathLike)):
        inputs = [str(inputs)]
    if max_bytes < 1:
        raise ValueError(f"max_bytes must be positive, not {max_bytes}")
    if partitions is not None and partitions < 1:
        raise ValueError(f"partitions must be at least 1, not {partitions}")
    fm = FieldMap.parse(field_map)
    t0 = time.perf_counter()
    files, driver_rejects = list_inputs(spark, [str(i) for i in inputs])
    opts = _ReadOptions(fm, max_bytes, detect_lang)
    raw = _raw_frame(spark, files, driver_rejects, opts, partitions).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        reasons: dict[str, int] = {}
        read_articles = 0
        for r in raw.groupBy("kind", "reason").count().collect():
            if r["kind"] == "a":
                read_articles += int(r["count"])
            else:
                reasons[r["reason"]] = reasons.get(r["reason"], 0) + int(r["count"])
        articles, kept, superseded, flags = _finish(spark, raw)
        base = out.rstrip("/")
        articles.sortWithinPartitions("seq").write.mode("overwrite").parquet(f"{base}/{STAGE}")
        (
            raw.filter(F.col("kind") == "r")
            .orderBy("file_idx", "rec_idx")
            .select(*REJECT_COLUMNS)
            .coalesce(1)
            .write.mode("overwrite")
            .parquet(f"{base}/{REJECTS}")
        )
        flags.unpersist()
    finally:
        raw.unpersist()
    manifest = {
        "stage": STAGE,
        "rows": kept,
        "rejected": dict(sorted(reasons.items())),
        "duplicates": read_articles - kept,
        "superseded": superseded,
        "files": len(files),
        "inputs": [str(i) for i in inputs],
        "newstrace_version": __version__,
        "config": {
            "max_bytes": max_bytes,
            "field_map": dataclasses.asdict(fm),
            "detect_lang": detect_lang,
            "partitions": partitions,
        },
        "seconds": round(time.perf_counter() - t0, 3),
    }
    write_text(spark, f"{base}/{STAGE}/_manifest.json", json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    log.info("articles: %d kept, %d duplicates, %d superseded, %d rejected from %d files",
             kept, manifest["duplicates"], superseded, sum(reasons.values()), len(files))
    return manifest
