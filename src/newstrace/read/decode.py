"""Bytes to text: binary sniffing, charset choice and decompression with a size cap.

The decoding policy, in order (shared by the HTML, text, WARC and URL readers):

1. A byte-order mark wins (UTF-8, UTF-16, UTF-32).
2. Binary data is refused before any decoding: known magic numbers (PNG, JPEG, GIF, PDF,
   ZIP, gzip, ...), NUL bytes that are not UTF-16 text, or many control characters.
3. A declared charset (the HTTP header first, then an HTML <meta> or XML declaration) is
   used, with WHATWG's label mapping (iso-8859-1/ascii mean windows-1252, gb2312 means
   gb18030, ...). One exception: if a single-byte legacy charset is declared but the bytes
   are valid UTF-8 with multi-byte sequences, they are UTF-8 (a mislabelled page; genuine
   legacy text with several accented letters is practically never valid UTF-8).
4. Undeclared bytes: strict UTF-8 if it decodes. If not, and there are at least three
   valid multi-byte UTF-8 sequences and at most half as many invalid bytes, the text is
   damaged UTF-8 (legacy 8-bit text almost never forms valid multi-byte sequences, so
   nearly all its non-ASCII bytes are invalid):
   it is decoded with U+FFFD replacements and the offset of the first bad byte is returned
   so readers can record it. Otherwise charset-normalizer's best guess is used.
5. When nothing fits, `Undecodable` is raised naming the byte offset of the first byte
   that is not valid UTF-8.
"""

from __future__ import annotations

import codecs
import logging
import re
import zlib
from dataclasses import dataclass

logger = logging.getLogger(__name__)

_SNIFF = 8192

# Magic numbers of binary formats people feed to text tools by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"\x1f\x8b", "gzip data"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document (old Office)"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x1aE\xdf\xa3", "Matroska/WebM video"),
    (b"PAR1", "Parquet file"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# WHATWG Encoding Standard label aliases that differ from Python's codec names: browsers
# decode these labels with the superset encoding, and so must we to show what readers saw.
_WHATWG = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "latin5": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "big5": "big5hkscs",
    "x-user-defined": "cp1252",
    # A byte stream cannot really be UTF-16 if its <meta> was readable as ASCII.
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
}
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,400}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE
)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B}


class Undecodable(ValueError):
    """The bytes are not text in any encoding we can establish."""

    def __init__(self, offset: int, detail: str) -> None:
        self.offset = offset
        super().__init__(detail)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the Python codec used
    how: str  # bom | http | meta | utf-8 | utf-8-damaged | detected | mislabelled-utf-8
    first_bad_byte: int | None = None  # offset of the first byte replaced by U+FFFD
    bad_bytes: int = 0


def sniff_binary(data: bytes) -> str | None:
    """A short description when `data` is a binary format rather than text, else None."""
    head = data[:_SNIFF]
    for bom, _ in _BOMS:
        if head.startswith(bom):
            return None
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if head[4:8] == b"ftyp":
        return "MP4/MOV media"
    if head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "RIFF media (WebP/WAV/AVI)"
    if b"\x00" in head:
        if _utf16_without_bom(head):
            return None
        return f"NUL byte at offset {head.index(0)}"
    if head:
        controls = sum(1 for b in head if b in _CONTROL)
        if controls > 0.05 * len(head):
            return f"{controls} control bytes in the first {len(head)} bytes"
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    # ASCII-range UTF-16 text has a NUL in every other byte; which half says the byte order.
    n = len(head) // 2 * 2
    if n < 8:
        return None
    even = head[0:n:2].count(0)
    odd = head[1:n:2].count(0)
    half = n // 2
    if odd > 0.8 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.8 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def codec_for_label(label: str | None) -> str | None:
    """The Python codec for a charset label from HTTP or HTML, or None when unknown."""
    if not label:
        return None
    key = label.strip().strip("\"'").lower()
    key = _WHATWG.get(key, key)
    try:
        return codecs.lookup(key).name
    except LookupError:
        logger.debug("unknown charset label %r ignored", label)
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML document declares for itself (<meta> or XML declaration)."""
    head = data[:16384]
    m = _XML_DECL.match(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii", "replace") if m else None


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:\-]+)", content_type, re.IGNORECASE)
    return m.group(1) if m else None


_SINGLE_BYTE = re.compile(r"^(cp125\d|iso8859_\d+|latin_1|koi8_[ru]|mac_\w+|cp874|ascii)$")


def decode(data: bytes, *, http_charset: str | None = None, html: bool = False) -> Decoded:
    """Decode bytes following the module's policy; raises Undecodable when nothing fits.

    Callers check `sniff_binary` first: decode() does not refuse binary data by itself.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(enc, errors="replace")
            return _replaced(text, enc, "bom", data, len(bom))
    if b"\x00" in data[:_SNIFF]:
        enc16 = _utf16_without_bom(data[:_SNIFF])
        if enc16:
            return _replaced(data.decode(enc16, errors="replace"), enc16, "utf-16-sniffed", data, 0)

    for how, label in (("http", http_charset), ("meta", declared_charset(data) if html else None)):
        codec = codec_for_label(label)
        if not codec:
            continue
        if _SINGLE_BYTE.match(codec) and _is_multibyte_utf8(data):
            return Decoded(data.decode("utf-8"), "utf-8", "mislabelled-utf-8")
        try:
            return Decoded(data.decode(codec), codec, how)
        except UnicodeDecodeError:
            return _replaced(data.decode(codec, errors="replace"), codec, how, data, 0)

    try:
        return Decoded(data.decode("utf-8"), "utf-8", "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    loose = data.decode("utf-8", errors="replace")
    bad = loose.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    multibyte = sum(1 for ch in loose if ord(ch) > 0x7F and ch != "\ufffd")
    if multibyte >= 3 and multibyte >= 2 * bad:
        return Decoded(loose, "utf-8", "utf-8-damaged", first_bad, bad)

    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding and codecs.lookup(best.encoding).name != "utf-8":
        codec = codecs.lookup(best.encoding).name
        try:
            return Decoded(data.decode(codec), codec, "detected")
        except UnicodeDecodeError:
            pass
    raise Undecodable(
        first_bad,
        f"not valid UTF-8 (first bad byte at offset {first_bad}), no charset declared, "
        "and no other encoding fits",
    )


def _replaced(text: str, enc: str, how: str, data: bytes, skip: int) -> Decoded:
    bad = text.count("\ufffd")
    if not bad:
        return Decoded(text, enc, how)
    try:
        data[skip:].decode(enc)
        first = None
    except UnicodeDecodeError as exc:
        first = exc.start + skip
    return Decoded(text, enc, how, first, bad)


def _is_multibyte_utf8(data: bytes) -> bool:
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class TooLarge(ValueError):
    """Decompressed or streamed data went over the size cap."""


def decompress(data: bytes, coding: str, max_bytes: int) -> bytes:
    """Undo an HTTP Content-Encoding (gzip, deflate, br, identity) within a size cap.

    The cap applies to the output so a small compressed bomb cannot fill memory.
    """
    coding = (coding or "identity").strip().lower()
    if coding in ("", "identity", "none"):
        if len(data) > max_bytes:
            raise TooLarge(f"{len(data)} bytes is over the cap of {max_bytes}")
        return data
    if coding in ("gzip", "x-gzip", "deflate"):
        # deflate is supposed to be zlib-wrapped, but some servers send raw deflate.
        attempts = (31,) if coding != "deflate" else (15, -15)
        last: Exception | None = None
        for wbits in attempts:
            try:
                return _inflate(data, wbits, max_bytes)
            except zlib.error as exc:
                last = exc
        raise ValueError(f"bad {coding} data: {last}")
    if coding == "br":
        try:
            import brotli
        except ImportError as exc:
            raise ValueError("brotli-compressed content needs the 'brotli' package") from exc
        dec = brotli.Decompressor()
        out = bytearray()
        for i in range(0, len(data), 65536):
            out += dec.process(data[i : i + 65536])
            if len(out) > max_bytes:
                raise TooLarge(f"decompressed content is over the cap of {max_bytes} bytes")
        return bytes(out)
    raise ValueError(f"unsupported content encoding {coding!r}")


def _inflate(data: bytes, wbits: int, max_bytes: int) -> bytes:
    out = bytearray()
    d = zlib.decompressobj(wbits)
    buf = data
    while buf:
        out += d.decompress(buf, max_bytes + 1 - len(out))
        if len(out) > max_bytes:
            raise TooLarge(f"decompressed content is over the cap of {max_bytes} bytes")
        buf = d.unconsumed_tail
        if d.eof and d.unused_data and wbits == 31:
            # concatenated gzip members
            buf = d.unused_data
            d = zlib.decompressobj(wbits)
    if not d.eof:
        raise zlib.error("compressed data ends early")
    return bytes(out)
