"""JSON Lines and CSV/TSV exports to Articles, through a field mapping.

Records already carry extracted text, so this is the fast path of ingest: the text goes
straight into Article (one normalisation, one segmentation). Furniture is looked for on
the paragraphs Article already found, and the article is rebuilt only in the rare case
where something is removed. Language detection is off by default here (it would cost
more than the rest of the reading, see bench/read_bench.py) and on with detect_lang=True.

Every problem names the file and the line: "export.jsonl:line 17". A record's own id goes
to `extra["record_id"]`; Article.id stays the content hash so that ids from different
exports can never collide.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import logging
import re
import sys
import zlib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Iterator, Mapping

from ..article import Article
from .base import Reason, ReadItem, Rejected
from .dates import normalize_date
from .furniture import strip_furniture
from .language import detect_language

logger = logging.getLogger(__name__)

DEFAULT_MAX_RECORD_CHARS = 20 * 1024 * 1024
RECORD_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".csv", ".csv.gz", ".tsv", ".tsv.gz")


@dataclass(frozen=True)
class FieldMap:
    """Which record field holds each Article field. Dotted names reach into nested JSON
    objects ("meta.published")."""

    id: str = "id"
    url: str = "url"
    title: str = "title"
    text: str = "text"
    date: str = "date"
    source: str = "source"  # the outlet's name -> Article.site
    authors: str = "authors"
    language: str = "language"

    @classmethod
    def parse(cls, spec: "str | Mapping[str, str] | FieldMap | None") -> "FieldMap":
        """FieldMap from "text=body,date=published_at" (the CLI's --map) or a mapping."""
        if spec is None:
            return cls()
        if isinstance(spec, FieldMap):
            return spec
        if isinstance(spec, str):
            pairs: dict[str, str] = {}
            for part in spec.split(","):
                part = part.strip()
                if not part:
                    continue
                key, eq, value = part.partition("=")
                if not eq or not key.strip() or not value.strip():
                    raise ValueError(f"bad field mapping {part!r}: expected FIELD=COLUMN, e.g. text=body")
                pairs[key.strip()] = value.strip()
            spec = pairs
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(spec) - known)
        if unknown:
            raise ValueError(f"unknown field(s) in mapping: {', '.join(unknown)}; known fields: {', '.join(sorted(known))}")
        return cls(**dict(spec))


def read_records(
    path: str | Path,
    *,
    field_map: "FieldMap | str | Mapping[str, str] | None" = None,
    fmt: str | None = None,
    strip_boilerplate: bool = True,
    detect_lang: bool = False,
    max_record_chars: int = DEFAULT_MAX_RECORD_CHARS,
) -> Iterator[ReadItem]:
    """Articles (or Rejected) from a .jsonl/.ndjson/.csv/.tsv file, optionally gzipped.

    fmt: "jsonl", "csv" or "tsv" to override the choice made from the file name.
    """
    path = Path(path)
    fm = FieldMap.parse(field_map)
    kind = fmt or records_format(path)
    if kind is None:
        yield Rejected(str(path), Reason.UNSUPPORTED, "not a .jsonl, .ndjson, .csv or .tsv file")
        return
    build = _Builder(fm, strip_boilerplate, detect_lang, max_record_chars)
    try:
        raw = _open_binary(path)
    except OSError as exc:
        yield Rejected(str(path), Reason.NOT_FOUND, exc.strerror or str(exc))
        return
    with raw:
        try:
            if kind == "jsonl":
                yield from _read_jsonl(raw, str(path), build)
            else:
                yield from _read_csv(raw, str(path), build, "\t" if kind == "tsv" else None)
        except _GzipProblem as exc:
            yield exc.rejected


def records_format(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    for suffix, kind in ((".jsonl", "jsonl"), (".ndjson", "jsonl"), (".csv", "csv"), (".tsv", "tsv")):
        if name.endswith(suffix):
            return kind
    return None


def _open_binary(path: Path) -> io.BufferedIOBase:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")  # type: ignore[return-value]


class _GzipProblem(Exception):
    def __init__(self, rejected: Rejected) -> None:
        self.rejected = rejected


def _lines(raw: Any, path: str) -> Iterator[tuple[int, bytes]]:
    n = 0
    try:
        for n, line in enumerate(raw, 1):
            yield n, line
    except EOFError:
        raise _GzipProblem(Rejected(path, Reason.TRUNCATED_GZIP, f"compressed stream ends early, after line {n}"))
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise _GzipProblem(Rejected(path, Reason.UNDECODABLE, f"corrupt gzip data after line {n}: {exc}"))


def _read_jsonl(raw: Any, path: str, build: "_Builder") -> Iterator[ReadItem]:
    seen = 0
    for n, line in _lines(raw, path):
        if n == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        seen += 1
        where = f"{path}:line {n}"
        try:
            rec = json.loads(line)
        except UnicodeDecodeError as exc:
            yield Rejected(where, Reason.UNDECODABLE, f"invalid UTF-8 at byte {exc.start} of the line")
            continue
        except ValueError as exc:
            msg = getattr(exc, "msg", str(exc))
            col = getattr(exc, "colno", None)
            yield Rejected(where, Reason.BAD_JSON, f"{msg} at column {col}" if col else msg)
            continue
        if not isinstance(rec, dict):
            yield Rejected(where, Reason.BAD_JSON, f"a JSON {type(rec).__name__}, not an object")
            continue
        yield build(rec, where)
    if not seen:
        yield Rejected(path, Reason.EMPTY_TEXT, "the file has no records")


_CSV_LIMIT_RAISED = False


def _raise_csv_limit() -> None:
    # Article bodies can exceed csv's default 128 KiB field limit. The limit is
    # process-wide, so raise it once; 2**31-1 is the largest value every platform accepts.
    global _CSV_LIMIT_RAISED
    if not _CSV_LIMIT_RAISED:
        csv.field_size_limit(max(csv.field_size_limit(), min(sys.maxsize, 2**31 - 1)))
        _CSV_LIMIT_RAISED = True


def _read_csv(raw: Any, path: str, build: "_Builder", delimiter: str | None) -> Iterator[ReadItem]:
    _raise_csv_limit()
    text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")
    try:
        yield from _read_csv_rows(text, path, build, delimiter)
    finally:
        text.close()  # closes `raw` too


def _read_csv_rows(text: io.TextIOWrapper, path: str, build: "_Builder", delimiter: str | None) -> Iterator[ReadItem]:
    lines = _CountingLines(text, path)
    try:
        header_line = next(iter(lines), None)
    except _GzipProblem:
        raise
    if header_line is None or not header_line.strip():
        yield Rejected(path, Reason.EMPTY_TEXT, "the file is empty")
        return
    if delimiter is None:
        # the delimiter that splits the header into the most columns
        delimiter = max(",;\t|", key=lambda d: len(next(csv.reader([header_line], delimiter=d))))
    header = next(csv.reader([header_line], delimiter=delimiter))
    header = [h.strip() for h in header]
    text_col = build.fm.text
    if text_col not in header:
        yield Rejected(
            path,
            Reason.MISSING_FIELD,
            f"CSV header has no column {text_col!r} (columns: {', '.join(header)}); "
            f"name the text column with a field map, e.g. text={header[-1] if header else 'body'}",
        )
        return
    reader = csv.reader(lines, delimiter=delimiter)
    seen = 0
    while True:
        start = lines.line_no + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Rejected(f"{path}:line {start}", Reason.BAD_CSV, str(exc))
            continue
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        seen += 1
        where = f"{path}:line {start}"
        if len(row) != len(header):
            yield Rejected(where, Reason.BAD_CSV, f"row has {len(row)} fields, the header has {len(header)}")
            continue
        bad = next((v for v in row if _has_surrogates(v)), None)
        if bad is not None:
            yield Rejected(where, Reason.UNDECODABLE, "a field is not valid UTF-8")
            continue
        yield build(dict(zip(header, row)), where)
    if not seen:
        yield Rejected(path, Reason.EMPTY_TEXT, "the file has no records")


class _CountingLines:
    """Lines of a text stream, counting physical lines so rows spanning several lines
    (quoted newlines) are reported at the line where they start."""

    def __init__(self, text: io.TextIOWrapper, path: str) -> None:
        self.text = text
        self.path = path
        self.line_no = 0

    def __iter__(self) -> Iterator[str]:
        try:
            for line in self.text:
                self.line_no += 1
                yield line
        except EOFError:
            raise _GzipProblem(
                Rejected(self.path, Reason.TRUNCATED_GZIP, f"compressed stream ends early, after line {self.line_no}")
            )
        except (gzip.BadGzipFile, zlib.error) as exc:
            raise _GzipProblem(Rejected(self.path, Reason.UNDECODABLE, f"corrupt gzip data after line {self.line_no}: {exc}"))


_SURROGATE = re.compile("[\udc80-\udcff]")


def _has_surrogates(value: str) -> bool:
    # surrogateescape turns each undecodable byte into one lone surrogate
    return not value.isascii() and _SURROGATE.search(value) is not None


class _Builder:
    """Turns one record (a dict) into an Article or a Rejected."""

    def __init__(self, fm: FieldMap, strip_boilerplate: bool, detect_lang: bool, max_chars: int) -> None:
        self.fm = fm
        self.strip_boilerplate = strip_boilerplate
        self.detect_lang = detect_lang
        self.max_chars = max_chars

    def __call__(self, rec: dict[str, Any], where: str) -> ReadItem:
        fm = self.fm
        text = _get(rec, fm.text)
        if text is _MISSING or text is None:
            return Rejected(where, Reason.MISSING_FIELD, f"record has no field {fm.text!r}")
        if not isinstance(text, str):
            return Rejected(where, Reason.MISSING_FIELD, f"field {fm.text!r} is a {type(text).__name__}, not text")
        if not text.strip():
            return Rejected(where, Reason.EMPTY_TEXT, f"field {fm.text!r} is blank")
        if len(text) > self.max_chars:
            return Rejected(where, Reason.TOO_LARGE, f"text of {len(text)} characters is over the cap of {self.max_chars}")

        extra: dict[str, Any] = {}
        rid = _get(rec, fm.id)
        if rid is not _MISSING and rid not in (None, ""):
            extra["record_id"] = rid
        published = published_source = None
        raw_date = _get(rec, fm.date)
        if raw_date is not _MISSING and raw_date not in (None, ""):
            published = normalize_date(raw_date)
            if published:
                published_source = f"record:{fm.date}"
            else:
                extra["date_raw"] = str(raw_date)
        language = _text_or_none(_get(rec, fm.language))
        if self.detect_lang and not language:
            language = detect_language(text)  # on the raw text: only its first 600 characters are read
            if language:
                extra["language_source"] = "detected"
        kw: dict[str, Any] = dict(
            title=_text_or_none(_get(rec, fm.title)) or "",
            url=_text_or_none(_get(rec, fm.url)),
            site=_text_or_none(_get(rec, fm.source)),
            authors=_authors(_get(rec, fm.authors)),
            published=published,
            published_source=published_source,
            language=language,
            source=where,
            extra=extra,
        )
        article = Article(text=text, **kw)
        if not article.text:
            return Rejected(where, Reason.EMPTY_TEXT, f"field {fm.text!r} is blank")
        if self.strip_boilerplate:
            paragraphs = article.paragraph_texts()
            kept, removed = strip_furniture(paragraphs)
            if removed:
                if not kept:
                    return Rejected(where, Reason.EMPTY_TEXT, f"only page furniture ({len(removed)} blocks)")
                article = Article.from_paragraphs(kept, boilerplate=tuple(removed), **kw)
        return article


_MISSING = object()


def _get(rec: dict[str, Any], name: str) -> Any:
    if name in rec:
        return rec[name]
    if "." in name:
        cur: Any = rec
        for part in name.split("."):
            if not isinstance(cur, dict) or part not in cur:
                return _MISSING
            cur = cur[part]
        return cur
    return _MISSING


def _text_or_none(value: Any) -> str | None:
    if value is _MISSING or value is None:
        return None
    s = str(value).strip()
    return s or None


def _authors(value: Any) -> tuple[str, ...]:
    if value is _MISSING or value is None:
        return ()
    if isinstance(value, (list, tuple)):
        items = [v.get("name") if isinstance(v, dict) else v for v in value]
    elif isinstance(value, dict):
        items = [value.get("name")]
    else:
        items = str(value).replace("|", ";").split(";")
    return tuple(s for s in (" ".join(str(v).split()) for v in items if v) if s)
