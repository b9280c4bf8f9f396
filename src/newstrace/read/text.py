"""Plain text and Markdown to Article: title line, paragraphs, furniture removed.

Title rule: the first non-blank line becomes the title when it stands alone (a blank line
or the end of the text follows it), is at most 200 characters and 30 words, does not end
with a full stop, comma, colon or semicolon, and is followed by at least one more
paragraph. A Markdown heading ("# Title") is always a title. A `title` passed by the caller
wins; if the first line repeats it, that line is dropped from the text.

Paragraphs: blocks separated by blank lines; the hard-wrapped lines inside a block are
joined with spaces, except Markdown list items, which stay separate paragraphs. A text
without any blank line is one paragraph per line, unless a line ends mid-sentence and the
next starts in lower case (a hard wrap), in which case they are joined.
"""

from __future__ import annotations

import re
from typing import Any

from ..article import Article, normalize_text
from .base import Reason, Rejected
from .decode import Undecodable, decode, sniff_binary
from .furniture import strip_furniture
from .language import detect_language

__all__ = ["read_text", "strip_furniture", "split_paragraphs"]

_TITLE_MAX_CHARS = 200
_TITLE_MAX_WORDS = 30
_LIST_ITEM = re.compile(r"^\s*([-*+•]|\d{1,3}[.)])\s+")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_BLANK = re.compile(r"\n[ \t\f\v]*\n")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def read_text(
    data: str | bytes,
    *,
    source: str = "<text>",
    url: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    strip_boilerplate: bool = True,
    detect_lang: bool = True,
    **meta: Any,
) -> Article | Rejected:
    """Read a plain-text (or Markdown) article.

    `meta` may carry any Article field (title, authors, published, published_source,
    language, site, domain, extra). A text whose body is empty after furniture removal
    is rejected with EMPTY_TEXT.
    """
    extra: dict[str, Any] = dict(meta.pop("extra", None) or {})
    if isinstance(data, bytes):
        if len(data) > max_bytes:
            return Rejected(source, Reason.TOO_LARGE, f"{len(data)} bytes is over the cap of {max_bytes}")
        binary = sniff_binary(data)
        if binary:
            return Rejected(source, Reason.BINARY, binary)
        try:
            dec = decode(data)
        except Undecodable as exc:
            return Rejected(source, Reason.UNDECODABLE, str(exc))
        text = dec.text
        extra["encoding"] = dec.encoding
        if dec.first_bad_byte is not None:
            extra["decode_errors"] = {"first_bad_byte": dec.first_bad_byte, "count": dec.bad_bytes}
    else:
        text = data
        if len(text) > max_bytes:
            return Rejected(source, Reason.TOO_LARGE, f"{len(text)} characters is over the cap of {max_bytes}")

    text = normalize_text(text)
    given_title = " ".join((meta.pop("title", None) or "").split())
    title, body = split_title(text)
    if given_title:
        if not (title and title.casefold() == given_title.casefold()):
            body = text  # the first line is not a repeat of the given title: keep it
        title = given_title
    paragraphs = split_paragraphs(body)
    removed: list = []
    if strip_boilerplate:
        paragraphs, removed = strip_furniture(paragraphs)
    if not any(p.strip() for p in paragraphs):
        detail = "no text" if not removed else f"only page furniture ({len(removed)} blocks)"
        return Rejected(source, Reason.EMPTY_TEXT, detail)
    if detect_lang and not meta.get("language"):
        lang = detect_language(paragraphs)
        if lang:
            meta["language"] = lang
            extra["language_source"] = "detected"
    return Article.from_paragraphs(
        paragraphs,
        title=title,
        url=url,
        boilerplate=tuple(removed),
        source=source,
        extra=extra,
        **meta,
    )


def split_title(text: str) -> tuple[str, str]:
    """(title, rest) following the module's title rule; title is "" when there is none."""
    stripped = text.lstrip("\n")
    first, sep, rest = stripped.partition("\n")
    if _MD_HEADING.match(first) and rest.strip():
        return _MD_HEADING.sub("", first).strip().strip("#").strip(), rest
    if not rest.strip():
        return "", text
    if not rest.startswith("\n"):
        return "", text  # the first line is part of a wrapped paragraph
    line = first.strip()
    words = line.split()
    if (
        line
        and len(line) <= _TITLE_MAX_CHARS
        and len(words) <= _TITLE_MAX_WORDS
        and line[-1] not in ".,:;"
        and not _LIST_ITEM.match(line)
    ):
        return line.strip("*_ "), rest
    return "", text


def split_paragraphs(text: str) -> list[str]:
    """Paragraph strings from a normalised text (see the module docstring for the rules)."""
    if not text.strip():
        return []
    if _BLANK.search(text):
        out: list[str] = []
        for block in _BLANK.split(text):
            out.extend(_block_paragraphs(block.split("\n")))
        return [p for p in out if p]
    return _unwrap_lines(text.split("\n"))


def _block_paragraphs(lines: list[str]) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if _MD_HEADING.match(line):
            if current:
                out.append(" ".join(current))
                current = []
            out.append(_MD_HEADING.sub("", line).strip().strip("#").strip())
            continue
        if _LIST_ITEM.match(line) and current:
            out.append(" ".join(current))
            current = []
        current.append(line)
    if current:
        out.append(" ".join(current))
    return out


def _unwrap_lines(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if out and _continues(out[-1], line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(_MD_HEADING.sub("", line) if _MD_HEADING.match(line) else line)
    return out


def _continues(previous: str, line: str) -> bool:
    if _LIST_ITEM.match(line) or _MD_HEADING.match(line):
        return False
    return previous[-1] not in ".!?:\"”’»)" and (line[0].islower() or line[0] in ",;")
