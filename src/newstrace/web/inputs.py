"""Turn what a client sent (pasted text, an HTML string or upload, a URL) into one Article.

Every refusal is an ApiError whose code is the reader's typed reason (`fetch_refused`,
`binary`, `empty_text`, ...) and whose status says whose problem it is: 413 for size, 415
for a kind of file the service does not read, 400/422 for bad or empty input, 502 when the
remote site failed. URL fetching goes through `newstrace.read.fetch_url`, so the same
private/loopback/link-local refusal applies as on the command line.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..article import Article
from ..read import Reason, Rejected, fetch_url, read_html, read_text
from ..read.decode import Undecodable, decode, sniff_binary
from ..read.html import looks_like_html
from .errors import ApiError

REASON_STATUS: dict[Reason, int] = {
    Reason.TOO_LARGE: 413,
    Reason.BINARY: 415,
    Reason.NOT_HTML: 415,
    Reason.UNSUPPORTED: 415,
    Reason.EMPTY_TEXT: 422,
    Reason.UNDECODABLE: 422,
    Reason.FETCH_REFUSED: 400,
    Reason.FETCH_FAILED: 502,
}

HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain", "text/markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")


@dataclass(frozen=True)
class FetchSettings:
    allow_private: bool = False
    timeout: float = 15.0
    max_bytes: int = 10 * 1024 * 1024


def _accept(item: Article | Rejected) -> Article:
    if isinstance(item, Article):
        return item
    status = REASON_STATUS.get(item.reason, 400)
    message = str(item)
    if item.reason is Reason.FETCH_REFUSED:
        message += ". The service does not fetch private, loopback or link-local addresses"
    raise ApiError(status, item.reason.value, message, {"input": item.source, "reason": item.reason.value, "detail": item.detail})


def _clean_url(value: str | None, field: str) -> str | None:
    if value is None or not value.strip():
        return None
    v = value.strip()
    if not v.lower().startswith(("http://", "https://")):
        raise ApiError(422, "validation_error", f"{field} must be an http:// or https:// URL, got {v[:80]!r}")
    return v


def from_text(text: str, *, title: str | None = None, source_url: str | None = None, max_bytes: int) -> Article:
    if not text or not text.strip():
        raise ApiError(422, "empty_text", "the pasted text is empty: paste the article's text")
    url = _clean_url(source_url, "source_url")
    meta = {"title": title} if title and title.strip() else {}
    return _accept(read_text(text, source="pasted text", url=url, max_bytes=max_bytes, **meta))


def from_html(html: str | bytes, *, source_url: str | None = None, source: str = "pasted HTML", max_bytes: int) -> Article:
    if not html or not (html.strip() if isinstance(html, str) else html.strip()):
        raise ApiError(422, "empty_text", f"{source}: the HTML is empty")
    url = _clean_url(source_url, "source_url")
    return _accept(read_html(html, url=url, source=source, max_bytes=max_bytes))


def from_url(url: str, fetch: FetchSettings) -> Article:
    u = (url or "").strip()
    if not u:
        raise ApiError(422, "validation_error", "url is empty: give the article's http:// or https:// address")
    return _accept(fetch_url(u, allow_private=fetch.allow_private, timeout=fetch.timeout, max_bytes=fetch.max_bytes))


def from_upload(data: bytes, *, filename: str | None, content_type: str | None, max_bytes: int) -> Article:
    """An uploaded file: an HTML page, or a plain-text article declared as such."""
    name = filename or "upload"
    source = f"uploaded file {name!r}"
    if not data:
        raise ApiError(422, "empty_text", f"{source} is empty")
    ctype = (content_type or "").split(";")[0].strip().lower()
    lower = name.lower()
    binary = sniff_binary(data)
    if binary:
        raise ApiError(415, "binary", f"{source} is not an HTML page or a text file: {binary}",
                       {"input": name, "content_type": ctype or None})
    if ctype in HTML_TYPES or lower.endswith(HTML_SUFFIXES):
        return from_html(data, source=source, max_bytes=max_bytes)
    if ctype in TEXT_TYPES or lower.endswith(TEXT_SUFFIXES):
        return _accept(read_text(data, source=source, max_bytes=max_bytes))
    if ctype in ("", "application/octet-stream"):
        # Browsers send octet-stream for unknown extensions: look at the content itself.
        try:
            head = decode(data[:65536], html=True).text
        except Undecodable:
            head = ""
        if looks_like_html(head):
            return from_html(data, source=source, max_bytes=max_bytes)
    raise ApiError(415, "unsupported_media_type",
                   f"{source} ({ctype or 'no content type'}) is not an HTML page: upload a saved .html page or a .txt article",
                   {"input": name, "content_type": ctype or None})
