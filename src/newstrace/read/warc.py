"""WARC files (plain or gzipped) to Articles, one per archived HTML page.

Records are parsed by FastWARC. We feed it through our own stream so that damage is
reported instead of passed over silently, which FastWARC alone does:

- a .gz that ends mid-member: every complete record before the cut is still read, then a
  Rejected(TRUNCATED_GZIP) says where the data stops;
- a record whose block is shorter than its Content-Length: Rejected (TRUNCATED_GZIP when
  the gzip stream was cut, else BAD_WARC_RECORD);
- an unparsable record: Rejected(BAD_WARC_RECORD) at its offset, then reading resumes at
  the next gzip member (per-record gzip, the standard layout) or the next "WARC/1." line;
- a record whose WARC-Type is missing or unknown: Rejected(BAD_WARC_RECORD), where a type
  filter would have dropped it unseen.

Offsets are those a CDX index uses: the compressed offset of the record's gzip member, or
the byte offset in a plain WARC. HTTP payloads are de-chunked and decompressed here
(gzip, deflate, br) within the size cap.

Which records become articles: `response` records with status 2xx and an HTML content type
(or none, when the payload looks like HTML), and `resource` records with an HTML or plain
text type. Other records (requests, metadata, images, scripts, redirects) are not inputs
and are skipped; their count is logged. An archived 4xx/5xx page is rejected with
FETCH_FAILED so error pages never pass for articles.
"""

from __future__ import annotations

import io
import logging
import re
import zlib
from collections import Counter
from pathlib import Path
from typing import Iterator

from .base import Reason, ReadItem, Rejected
from .dates import normalize_date
from .decode import TooLarge, charset_from_content_type, decompress
from .html import DEFAULT_MAX_BYTES, looks_like_html, read_html
from .text import read_text

logger = logging.getLogger(__name__)

_CHUNK = 1 << 16
_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml+xhtml")
_GZIP_MAGIC = b"\x1f\x8b\x08"


class _CorruptGzip(Exception):
    def __init__(self, member_offset: int, detail: str) -> None:
        self.member_offset = member_offset
        super().__init__(detail)


class _WarcStream(io.RawIOBase):
    """A read-only stream over a WARC file from a given offset, gunzipping member by
    member when the file is gzipped, and remembering where each member started."""

    def __init__(self, f: io.BufferedReader, start: int, gz: bool) -> None:
        super().__init__()
        f.seek(start)
        self.f = f
        self.gz = gz
        self.upos = start if not gz else 0  # position in the (decompressed) stream
        self.members: list[tuple[int, int]] = []  # (decompressed start, compressed start)
        self.truncated = False
        self._pending = b""
        self._pending_at = start
        self._d: "zlib._Decompress | None" = None  # type: ignore[name-defined]
        self._out = b""
        self._eof = False

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True  # FastWARC asks for the position; real seeking is not supported

    def tell(self) -> int:
        return self.upos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if (whence == io.SEEK_CUR and offset == 0) or (whence == io.SEEK_SET and offset == self.upos):
            return self.upos
        raise io.UnsupportedOperation("seek")

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        n = len(b)
        if not self.gz:
            data = self.f.read(n)
        else:
            while not self._out and not self._eof:
                self._out = self._inflate()
            data, self._out = self._out[:n], self._out[n:]
        b[: len(data)] = data
        self.upos += len(data)
        return len(data)

    def _inflate(self) -> bytes:
        if self._d is None:
            if not self._pending:
                self._pending = self.f.read(_CHUNK)
                if not self._pending:
                    self._eof = True  # clean end: the last member was complete
                    return b""
            self.members.append((self.upos + len(self._out), self._pending_at))
            self._d = zlib.decompressobj(31)
        if not self._pending:
            self._pending = self.f.read(_CHUNK)
            if not self._pending:
                self.truncated = True
                self._eof = True
                return b""
        try:
            out = self._d.decompress(self._pending, _CHUNK)
        except zlib.error as exc:
            raise _CorruptGzip(self.members[-1][1], f"corrupt gzip member: {exc}") from exc
        rest = self._d.unused_data if self._d.eof else self._d.unconsumed_tail
        self._pending_at += len(self._pending) - len(rest)
        self._pending = rest
        if self._d.eof:
            self._d = None
        return out

    def file_offset(self, upos: int) -> tuple[int, bool]:
        """(offset in the file, exact) for a record starting at decompressed `upos`."""
        if not self.gz:
            return upos, True
        best = None
        for ustart, cstart in self.members:
            if ustart <= upos:
                best = (ustart, cstart)
            else:
                break
        if best is None:
            return upos, False
        return (best[1], True) if best[0] == upos else (upos, False)


def read_warc(
    path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    strip_boilerplate: bool = True,
    detect_lang: bool = True,
) -> Iterator[ReadItem]:
    """Articles from the HTML pages archived in a WARC file (see the module docstring)."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    path = Path(path)
    name = str(path)
    try:
        f = open(path, "rb")
    except OSError as exc:
        yield Rejected(name, Reason.NOT_FOUND, exc.strerror or str(exc))
        return
    skipped: Counter[str] = Counter()
    with f:
        gz = f.read(3) == _GZIP_MAGIC
        start = 0
        while True:
            stream = _WarcStream(f, start, gz)
            last_good: tuple[int, int] | None = None  # (file offset, decompressed position)
            try:
                # All record types come through so that a record whose WARC-Type was
                # damaged is reported rather than filtered out unseen.
                for rec in ArchiveIterator(stream, parse_http=False, stream_detect=False):
                    offset, exact = stream.file_offset(rec.stream_pos)
                    where = f"{name}@offset {offset}" if exact else f"{name}@uncompressed offset {offset}"
                    rtype = rec.record_type
                    if int(rtype) in (int(WarcRecordType.unknown), int(WarcRecordType.no_type)):
                        yield Rejected(where, Reason.BAD_WARC_RECORD, f"unknown or missing WARC-Type {rec.headers.get('WARC-Type')!r}")
                        continue
                    if rtype not in (WarcRecordType.response, WarcRecordType.resource):
                        skipped[f"{rtype} records"] += 1
                        continue
                    expected = rec.content_length
                    head = rec.reader.read(_CHUNK)
                    if expected > max_bytes + _CHUNK:
                        # Never load a huge block just to learn it is a video.
                        item = _oversized(rec, head, where, max_bytes, skipped)
                        if item is not None:
                            yield item
                        last_good = (offset if exact else _member_or(stream, rec.stream_pos, start), rec.stream_pos)
                        continue
                    block = head + rec.reader.read() if len(head) == _CHUNK else head
                    if len(block) < expected:
                        if stream.truncated:
                            yield Rejected(where, Reason.TRUNCATED_GZIP, f"the gzip data ends inside this record ({len(block)} of {expected} bytes); every complete record before it was read")
                        else:
                            yield Rejected(where, Reason.BAD_WARC_RECORD, f"record truncated: {len(block)} of {expected} bytes")
                        return
                    last_good = (offset if exact else _member_or(stream, rec.stream_pos, start), rec.stream_pos)
                    item = _record_item(rec, block, where, max_bytes, strip_boilerplate, detect_lang, skipped)
                    if item is not None:
                        yield item
            except (OSError, ValueError, _CorruptGzip) as exc:
                bad_at = _bad_record_offset(f, stream, gz, start, last_good)
                yield Rejected(f"{name}@offset {bad_at}", Reason.BAD_WARC_RECORD, str(exc) or type(exc).__name__)
                resume = _resync(f, bad_at + 1, gz)
                if resume is None:
                    break
                logger.info("%s: resuming after a bad record at offset %d", name, resume)
                start = resume
                continue
            if stream.truncated:
                cut_member = stream.members[-1][1] if stream.members else start
                yield Rejected(
                    f"{name}@offset {cut_member}",
                    Reason.TRUNCATED_GZIP,
                    f"the gzip data ends inside the member that starts here (file size {path.stat().st_size} bytes); "
                    "every complete record before it was read",
                )
            break
    if skipped:
        logger.info("%s: skipped %s", name, ", ".join(f"{n} {k}" for k, n in sorted(skipped.items())))


def _oversized(rec, head: bytes, where: str, max_bytes: int, skipped: Counter[str]) -> ReadItem | None:
    from fastwarc.warc import WarcRecordType

    if rec.record_type == WarcRecordType.response:
        try:
            status, headers, body = _split_http(head)
        except ValueError:
            status, headers, body = None, {}, head
        ctype = headers.get("content-type", "")
    else:
        ctype, body = rec.headers.get("Content-Type") or "", head
    if _is_html(ctype, body):
        return Rejected(where, Reason.TOO_LARGE, f"record of {rec.content_length} bytes is over the cap of {max_bytes}")
    skipped["large non-HTML records"] += 1
    return None


def _member_or(stream: _WarcStream, upos: int, start: int) -> int:
    for ustart, cstart in reversed(stream.members):
        if ustart <= upos:
            return cstart
    return start


def _bad_record_offset(f: io.BufferedReader, stream: _WarcStream, gz: bool, start: int, last_good: tuple[int, int] | None) -> int:
    """Best estimate of where the unparsable record starts."""
    if last_good is None:
        return start
    good_offset, good_upos = last_good
    if gz:
        later = [c for _, c in stream.members if c > good_offset]
        return later[0] if later else good_offset
    # plain WARC: the end of the last good record = its header + block + CRLF CRLF
    f.seek(good_offset)
    head = f.read(1 << 16)
    end = head.find(b"\r\n\r\n")
    m = re.search(rb"(?im)^content-length:\s*(\d+)", head[: end if end >= 0 else len(head)])
    if end < 0 or not m:
        return good_offset
    return good_offset + end + 4 + int(m.group(1)) + 4


def _resync(f: io.BufferedReader, pos: int, gz: bool) -> int | None:
    """Offset of the next plausible record start at or after `pos`, or None."""
    marker = _GZIP_MAGIC if gz else b"WARC/1."
    f.seek(pos)
    carry = b""
    base = pos
    while True:
        chunk = f.read(1 << 20)
        if not chunk:
            return None
        data = carry + chunk
        i = data.find(marker)
        while i >= 0:
            at = base - len(carry) + i
            if gz or at == 0 or _line_start(f, at):
                return at
            i = data.find(marker, i + 1)
        carry = data[-(len(marker) - 1) :]
        base += len(chunk)
        f.seek(base)


def _line_start(f: io.BufferedReader, at: int) -> bool:
    here = f.tell()
    f.seek(at - 1)
    prev = f.read(1)
    f.seek(here)
    return prev == b"\n"


def _record_item(rec, block: bytes, where: str, max_bytes: int, strip_boilerplate: bool, detect_lang: bool, skipped: Counter[str]) -> ReadItem | None:
    from fastwarc.warc import WarcRecordType

    url = (rec.headers.get("WARC-Target-URI") or "").strip().strip("<>") or None
    warc_date = normalize_date(rec.headers.get("WARC-Date"))
    fallback = (warc_date, "warc-date") if warc_date else None
    if rec.record_type == WarcRecordType.response:
        try:
            status, headers, body = _split_http(block)
        except ValueError as exc:
            return Rejected(where, Reason.BAD_WARC_RECORD, f"unparsable HTTP response: {exc}")
        if status is None:
            skipped["non-HTTP responses"] += 1
            return None
        if 300 <= status < 400 or status < 200:
            skipped["redirects and interim responses"] += 1
            return None
        ctype = headers.get("content-type", "")
        if not _is_html(ctype, body):
            skipped["non-HTML responses"] += 1
            return None
        if status >= 400:
            return Rejected(where, Reason.FETCH_FAILED, f"archived response has HTTP status {status} ({url})")
        try:
            if "chunked" in headers.get("transfer-encoding", "").lower():
                body = _dechunk(body)
            body = decompress(body, headers.get("content-encoding", ""), max_bytes)
        except TooLarge as exc:
            return Rejected(where, Reason.TOO_LARGE, str(exc))
        except ValueError as exc:
            return Rejected(where, Reason.BAD_WARC_RECORD, f"cannot decode HTTP payload: {exc}")
        return read_html(
            body,
            url=url,
            source=where,
            charset=charset_from_content_type(ctype),
            max_bytes=max_bytes,
            strip_boilerplate=strip_boilerplate,
            detect_lang=detect_lang,
            fallback_date=fallback,
        )
    # resource record: the block is the document itself
    ctype = rec.headers.get("Content-Type") or ""
    if _is_html(ctype, block):
        return read_html(
            block,
            url=url,
            source=where,
            charset=charset_from_content_type(ctype),
            max_bytes=max_bytes,
            strip_boilerplate=strip_boilerplate,
            detect_lang=detect_lang,
            fallback_date=fallback,
        )
    if ctype.split(";")[0].strip().lower() == "text/plain":
        meta = {"published": fallback[0], "published_source": fallback[1]} if fallback else {}
        return read_text(block, source=where, url=url, max_bytes=max_bytes, strip_boilerplate=strip_boilerplate, detect_lang=detect_lang, **meta)
    skipped["non-HTML resources"] += 1
    return None


def _is_html(content_type: str, body: bytes) -> bool:
    mime = content_type.split(";")[0].strip().lower()
    if mime:
        return mime in _HTML_TYPES
    return looks_like_html(body[:4096].decode("latin-1"))


def _split_http(block: bytes) -> tuple[int | None, dict[str, str], bytes]:
    """(status, lower-cased headers, body) of an HTTP/1.x response block."""
    if not block.startswith(b"HTTP/"):
        return None, {}, block
    end = block.find(b"\r\n\r\n")
    sep = 4
    if end < 0:
        end = block.find(b"\n\n")
        sep = 2
    if end < 0:
        raise ValueError("no end of HTTP headers")
    head = block[:end].decode("latin-1")
    lines = head.replace("\r\n", "\n").split("\n")
    parts = lines[0].split(None, 2)
    if len(parts) < 2 or not parts[1].isdigit():
        raise ValueError(f"bad status line {lines[0][:80]!r}")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if colon:
            key = name.strip().lower()
            headers[key] = f"{headers[key]}, {value.strip()}" if key in headers else value.strip()
    return int(parts[1]), headers, block[end + sep :]


def _dechunk(body: bytes) -> bytes:
    out = bytearray()
    pos = 0
    while True:
        eol = body.find(b"\r\n", pos)
        if eol < 0:
            # Some crawlers store the body already de-chunked but keep the header.
            if pos == 0:
                return body
            raise ValueError("chunked body ends early")
        size_text = body[pos:eol].split(b";")[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            if pos == 0:
                return body
            raise ValueError(f"bad chunk size {size_text[:20]!r}") from None
        if size == 0:
            return bytes(out)
        start = eol + 2
        out += body[start : start + size]
        pos = start + size + 2
