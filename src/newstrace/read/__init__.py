"""Readers: every kind of input becomes an Article or a typed Rejected.

    read_source("https://...")   -> fetch_url (safe fetching, see fetch.py)
    read_source("some/path")     -> read_path
    read_path(file or directory) -> by extension, else by sniffing the content:
        .html .htm .xhtml .shtml          read_html
        .txt .text .md .markdown          read_text
        .warc .warc.gz                    read_warc (.arc, the pre-WARC format, is refused)
        .jsonl .ndjson .csv .tsv (+ .gz)  read_records
        other .gz                         decompressed (capped), then dispatched on the inner name
        directory                         recursive, sorted, hidden files and folders skipped

Nothing here raises for a bad input: a missing path is Rejected(NOT_FOUND), an unknown
format Rejected(UNSUPPORTED) or Rejected(BINARY), and so on, so batches go on.
"""

from __future__ import annotations

import gzip
import logging
import os
import zlib
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from .base import Reason, ReadItem, Rejected
from .decode import Undecodable, decode, sniff_binary
from .fetch import fetch_url
from .furniture import strip_furniture
from .html import DEFAULT_MAX_BYTES, looks_like_html, read_html
from .records import FieldMap, read_records, records_format
from .text import read_text
from .warc import read_warc

__all__ = [
    "FieldMap",
    "ReadItem",
    "Reason",
    "Rejected",
    "fetch_url",
    "read_html",
    "read_path",
    "read_paths",
    "read_records",
    "read_source",
    "read_text",
    "read_url",
    "read_warc",
    "strip_furniture",
]

logger = logging.getLogger(__name__)

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
WARC_SUFFIXES = (".warc", ".warc.gz")
_SNIFF_BYTES = 65536


def read_source(
    source: str,
    *,
    field_map: "FieldMap | str | Mapping[str, str] | None" = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_private: bool = False,
    timeout: float = 15,
    detect_lang: bool | None = None,
) -> Iterator[ReadItem]:
    """A URL (http:// or https://) is fetched; anything else is a path.

    detect_lang: None keeps each reader's default (on for pages and text files, off for
    JSONL/CSV records, where it would double the cost of reading); True/False forces it.
    """
    if source.lower().startswith(("http://", "https://")):
        yield read_url(source, max_bytes=max_bytes, allow_private=allow_private, timeout=timeout)
    else:
        yield from read_path(source, field_map=field_map, max_bytes=max_bytes, detect_lang=detect_lang)


def read_url(url: str, *, max_bytes: int = DEFAULT_MAX_BYTES, allow_private: bool = False, timeout: float = 15) -> ReadItem:
    return fetch_url(url, max_bytes=max_bytes, allow_private=allow_private, timeout=timeout)


def read_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    field_map: "FieldMap | str | Mapping[str, str] | None" = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    detect_lang: bool | None = None,
) -> Iterator[ReadItem]:
    for p in paths:
        yield from read_path(p, field_map=field_map, max_bytes=max_bytes, detect_lang=detect_lang)


def read_path(
    path: str | os.PathLike[str],
    *,
    field_map: "FieldMap | str | Mapping[str, str] | None" = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    detect_lang: bool | None = None,
) -> Iterator[ReadItem]:
    """Everything readable at `path` (a file or a directory tree)."""
    fm = FieldMap.parse(field_map)  # a bad mapping is the caller's error: raise it now
    p = Path(path)
    opts = _Options(fm, max_bytes, detect_lang)
    if p.is_dir():
        yield from _read_dir(p, opts)
        return
    yield from _read_file(p, opts)


class _Options:
    def __init__(self, fm: FieldMap, max_bytes: int, detect_lang: bool | None) -> None:
        self.fm = fm
        self.max_bytes = max_bytes
        self.page_lang = True if detect_lang is None else detect_lang
        self.record_lang = False if detect_lang is None else detect_lang


def _read_dir(root: Path, opts: _Options) -> Iterator[ReadItem]:
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            yield from _read_file(Path(dirpath) / name, opts)


def _read_file(p: Path, opts: _Options) -> Iterator[ReadItem]:
    name = str(p)
    max_bytes = opts.max_bytes
    lang = opts.page_lang
    try:
        st = p.stat()
    except OSError as exc:
        yield Rejected(name, Reason.NOT_FOUND, exc.strerror or "no such file or directory")
        return
    if not p.is_file():
        yield Rejected(name, Reason.UNSUPPORTED, "not a regular file")
        return
    lower = p.name.lower()
    if lower.endswith(WARC_SUFFIXES):
        yield from read_warc(p, max_bytes=max_bytes, detect_lang=lang)
        return
    if lower.endswith((".arc", ".arc.gz")):
        yield Rejected(name, Reason.UNSUPPORTED, "ARC (the pre-WARC format) is not read: convert it to WARC first")
        return
    if records_format(p):
        yield from read_records(p, field_map=opts.fm, detect_lang=opts.record_lang)
        return
    # single documents: refuse oversized files before reading a byte of them
    if st.st_size > max_bytes and not lower.endswith(".gz"):
        yield Rejected(name, Reason.TOO_LARGE, f"{st.st_size} bytes is over the cap of {max_bytes}")
        return
    try:
        if lower.endswith(".gz"):
            data = _gunzip_capped(p, max_bytes)
            lower = lower[:-3]
        else:
            data = p.read_bytes()
    except _TooLarge as exc:
        yield Rejected(name, Reason.TOO_LARGE, str(exc))
        return
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield Rejected(name, Reason.TRUNCATED_GZIP if isinstance(exc, EOFError) else Reason.UNDECODABLE, f"bad gzip data: {exc}")
        return
    except OSError as exc:
        yield Rejected(name, Reason.NOT_FOUND, exc.strerror or str(exc))
        return
    if not data:
        yield Rejected(name, Reason.EMPTY_TEXT, "the file is empty")
        return
    if lower.endswith(HTML_SUFFIXES):
        yield read_html(data, source=name, max_bytes=max_bytes, detect_lang=lang)
    elif lower.endswith(TEXT_SUFFIXES):
        yield read_text(data, source=name, max_bytes=max_bytes, detect_lang=lang)
    else:
        yield _sniffed(data, name, max_bytes, lang)


def _sniffed(data: bytes, name: str, max_bytes: int, lang: bool) -> ReadItem:
    binary = sniff_binary(data)
    if binary:
        return Rejected(name, Reason.BINARY, binary)
    head = data[:_SNIFF_BYTES]
    if head.lstrip().startswith(b"WARC/1."):
        return Rejected(name, Reason.UNSUPPORTED, "looks like a WARC file: name it .warc or .warc.gz")
    try:
        text = decode(head, html=True).text
    except Undecodable as exc:
        return Rejected(name, Reason.UNDECODABLE, str(exc))
    if looks_like_html(text):
        return read_html(data, source=name, max_bytes=max_bytes, detect_lang=lang)
    stripped = text.lstrip()
    if stripped[:1] in ("{", "["):
        return Rejected(name, Reason.UNSUPPORTED, "looks like JSON: name JSON Lines files .jsonl")
    return read_text(data, source=name, max_bytes=max_bytes, detect_lang=lang)


class _TooLarge(Exception):
    pass


def _gunzip_capped(p: Path, max_bytes: int) -> bytes:
    out = bytearray()
    with gzip.open(p, "rb") as f:
        while True:
            chunk = f.read(1 << 20)
            if not chunk:
                return bytes(out)
            out += chunk
            if len(out) > max_bytes:
                raise _TooLarge(f"decompressed content is over the cap of {max_bytes} bytes")

