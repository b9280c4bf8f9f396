"""HTML page to Article: trafilatura for the main text and metadata, our own checks for
where the date came from, the canonical URL and the page's declared language.

Paragraph structure comes from trafilatura's internal XML body (p, head, list items,
quotes, table rows) rather than its text output, so a <br> inside a paragraph does not
split it and list items do not merge.

What extraction leaves in is removed and reported: page furniture (furniture.py), and the
article's own header lines at the top of the body (title, section kicker, byline, date
line, reported as "navigation"/"byline"). When trafilatura finds no author, a short name in
an element classed byline/by/author/signature is used.

URL rule: the article's `url` is the canonical URL when the page declares one on the same
registered domain as the URL it was read from (or when no URL was given). A canonical
pointing at another domain is a syndication or copy marker, so the page keeps the address
it was actually read from and the canonical goes to `extra["canonical_url"]`: attributing
a copy to the outlet it credits would hide exactly what provenance looks for.
"""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..article import Article, Boilerplate
from ..urls import registered_domain
from .base import Reason, Rejected
from .dates import find_published, normalize_date
from .decode import Undecodable, decode, sniff_binary
from .furniture import strip_furniture
from .language import detect_language, normalize_language_tag

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MIN_TEXT_CHARS = 25
_HTML_HINT = re.compile(
    r"<(!doctype\s+html|html|head|body|meta|title|div|p|article|section|main|span|a|br|table|"
    r"h[1-6]|ul|ol|li|script|style|link|header|footer|nav|blockquote|font|center|b|i|strong|em)[\s/>]",
    re.IGNORECASE,
)
_BLOCKS = frozenset({"p", "head", "list", "item", "quote", "table", "row", "code", "div", "section"})
_SKIP = frozenset({"graphic", "note"})
_HEADER_SCAN = 5
_BYLINE_PREFIX = re.compile(r"^\s*(by|par|von|por|di|door|av|af|от|автор:?)\s+", re.IGNORECASE)
_BYLINE = re.compile(r"^\s*(by|par|von|por|di|door|av|af|от|автор:?)\s+\S", re.IGNORECASE)
_BYLINE_TAIL = re.compile(r"\s+(?:published|updated|posted|last updated|publié|mis à jour|veröffentlicht|aktualisiert)\b.*$", re.IGNORECASE)
_DATELINE = re.compile(
    r"^\s*(published|updated|posted|last updated|publié|mis à jour|veröffentlicht|aktualisiert|publicado|опубликовано)\b"
    r"|^\s*\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(\s+\d{1,2}[:h]\d{2})?\s*$",
    re.IGNORECASE,
)
_BYLINE_XPATH = (
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' byline ') or "
    "contains(concat(' ', normalize-space(@class), ' '), ' by ') or "
    "contains(concat(' ', normalize-space(@class), ' '), ' author ') or "
    "contains(concat(' ', normalize-space(@class), ' '), ' signature ') or "
    "@rel='author' or @itemprop='author']"
)
# htmldate's extensive search invents Jan 1st dates from bare years in the body text.
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}


def looks_like_html(text: str) -> bool:
    head = text[:65536].lstrip("\ufeff \t\r\n")
    if head[:1] in ("{", "["):
        return False  # JSON
    return _HTML_HINT.search(head) is not None


def read_html(
    data: bytes | str,
    *,
    url: str | None = None,
    source: str = "<html>",
    charset: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    strip_boilerplate: bool = True,
    detect_lang: bool = True,
    fallback_date: tuple[str, str] | None = None,
) -> Article | Rejected:
    """Extract the article from an HTML page.

    charset: the HTTP Content-Type charset when known (it outranks <meta>).
    fallback_date: (date, source) used only when the page itself states no date, e.g. a
    WARC record's capture date.
    """
    extra: dict[str, Any] = {}
    if isinstance(data, bytes):
        if len(data) > max_bytes:
            return Rejected(source, Reason.TOO_LARGE, f"{len(data)} bytes is over the cap of {max_bytes}")
        binary = sniff_binary(data)
        if binary:
            return Rejected(source, Reason.BINARY, binary)
        try:
            dec = decode(data, http_charset=charset, html=True)
        except Undecodable as exc:
            return Rejected(source, Reason.UNDECODABLE, str(exc))
        text = dec.text
        extra["encoding"] = dec.encoding
        if dec.how in ("mislabelled-utf-8", "utf-8-damaged", "detected"):
            extra["encoding_note"] = dec.how
        if dec.first_bad_byte is not None:
            extra["decode_errors"] = {"first_bad_byte": dec.first_bad_byte, "count": dec.bad_bytes}
            logger.warning("%s: %d undecodable bytes replaced, first at offset %d", source, dec.bad_bytes, dec.first_bad_byte)
    else:
        text = data
        if len(text) > max_bytes:
            return Rejected(source, Reason.TOO_LARGE, f"{len(text)} characters is over the cap of {max_bytes}")

    if not looks_like_html(text):
        return Rejected(source, Reason.NOT_HTML, "no HTML markup found")

    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(text)
    if tree is None:
        return Rejected(source, Reason.NOT_HTML, "no HTML tree could be parsed")

    canonical = _canonical(tree, url)
    page_url = url
    if canonical:
        if not url or registered_domain(canonical) == registered_domain(url):
            page_url = canonical
        else:
            extra["canonical_url"] = canonical
    published = find_published(tree, page_url)
    declared_lang = _declared_language(tree)

    try:
        doc = trafilatura.bare_extraction(
            tree,
            url=page_url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            date_extraction_params=dict(_DATE_PARAMS, url=page_url),
        )
    except Exception as exc:  # an extractor bug on one page must not stop a batch
        logger.exception("%s: trafilatura failed", source)
        return Rejected(source, Reason.EMPTY_TEXT, f"extraction failed: {type(exc).__name__}: {exc}")
    if doc is None or doc.body is None:
        return Rejected(source, Reason.EMPTY_TEXT, "no main text found in the page")

    title = " ".join((doc.title or "").split())
    paragraphs = body_paragraphs(doc.body)
    removed: list[Boilerplate] = []
    if strip_boilerplate:
        paragraphs, removed = strip_furniture(paragraphs)
    authors = _authors(doc.author) or _byline_from_tree(tree)
    paragraphs, header_lines = _strip_article_header(paragraphs, title, _section_names(tree, doc, page_url), authors)
    removed.extend(header_lines)
    if not paragraphs:
        detail = "no main text found in the page" if not removed else f"only page furniture ({len(removed)} blocks)"
        return Rejected(source, Reason.EMPTY_TEXT, detail)
    size = sum(len(p) for p in paragraphs)
    if size < MIN_TEXT_CHARS:
        # trafilatura's fallbacks return crumbs ("Home") from pages without an article
        return Rejected(source, Reason.EMPTY_TEXT, f"only {size} characters of main text")

    if published is None and doc.date:
        d = normalize_date(doc.date)
        if d:
            published = (d, "trafilatura")
    if published is None and fallback_date is not None:
        published = fallback_date

    language = declared_lang or normalize_language_tag(getattr(doc, "language", None))
    if language:
        extra["language_source"] = "html-lang"
    elif detect_lang:
        language = detect_language(paragraphs)
        if language:
            extra["language_source"] = "detected"

    if not page_url and doc.url and urlsplit(doc.url).scheme in ("http", "https"):
        page_url = doc.url
    domain = registered_domain(page_url) if page_url else None
    site = " ".join((doc.sitename or "").split()) or domain
    for key in ("description", "categories", "tags"):
        value = getattr(doc, key, None)
        if value:
            extra[key] = value
    return Article.from_paragraphs(
        paragraphs,
        title=title,
        url=page_url,
        domain=domain,
        site=site,
        authors=authors,
        published=published[0] if published else None,
        published_source=published[1] if published else None,
        language=language,
        boilerplate=tuple(removed),
        source=source,
        extra=extra,
    )


def body_paragraphs(body: Any) -> list[str]:
    """Paragraph strings from trafilatura's XML body."""
    out: list[str] = []
    _emit(body, out)
    return [p for p in (" ".join(x.split()) for x in out) if p]


def _emit(el: Any, out: list[str]) -> None:
    tag = el.tag
    if tag in _SKIP:
        return
    if tag == "table":
        for row in el.iter("row"):
            cells = [c for c in row if c.tag == "cell"]
            if any(child.tag in _BLOCKS for c in cells for child in c):
                # a layout table (old CMSs): its cells hold the page's paragraphs
                for c in cells:
                    _emit(c, out)
                continue
            line = " | ".join(x for x in (" ".join(_inline(c).split()) for c in cells) if x)
            if line:
                out.append(line)
        return
    if tag == "list":
        for child in el:
            if child.tag == "item":
                _emit_item(child, out)
            else:
                _emit(child, out)
        return
    if any(child.tag in _BLOCKS for child in el):
        # a container: its own loose text and the inline runs between blocks are
        # paragraphs of their own
        pending = [el.text or ""]
        for child in el:
            if child.tag in _BLOCKS:
                out.append("".join(pending))
                pending = []
                _emit(child, out)
                pending.append(child.tail or "")
            elif child.tag not in _SKIP:
                pending.append(_inline(child) + (child.tail or ""))
            else:
                pending.append(child.tail or "")
        out.append("".join(pending))
        return
    out.append(_inline(el))


def _emit_item(item: Any, out: list[str]) -> None:
    parts = [item.text or ""]
    nested = []
    for child in item:
        if child.tag == "list":
            nested.append(child)
            parts.append(child.tail or "")
        elif child.tag not in _SKIP:
            parts.append(_inline(child) + (child.tail or ""))
    out.append("".join(parts))
    for lst in nested:
        _emit(lst, out)


def _inline(el: Any) -> str:
    parts = [el.text or ""]
    for child in el:
        if child.tag == "lb":
            parts.append(" ")
        elif child.tag not in _SKIP:
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _strip_article_header(
    paragraphs: list[str], title: str, sections: set[str], authors: tuple[str, ...]
) -> tuple[list[str], list[Boilerplate]]:
    """Drop the article's own header lines that extraction keeps as paragraphs: the title,
    a section kicker ("World"), the byline ("By X", "Par X") and a date line. Only the
    first few short paragraphs are looked at, never the body."""
    title_key = title.casefold()
    author_keys = {a.casefold() for a in authors}
    kept_from = 0
    removed: list[Boilerplate] = []
    for i, p in enumerate(paragraphs[:_HEADER_SCAN]):
        words = p.split()
        key = p.casefold().strip(" .:")
        if title_key and key == title_key:
            kept_from = i + 1  # the title itself: not furniture, not reported
            continue
        if len(words) > 12:
            break
        if key in sections and len(words) <= 4:
            removed.append(Boilerplate("navigation", p))
        elif _BYLINE.match(p) or key in author_keys:
            removed.append(Boilerplate("byline", p))
        elif _DATELINE.match(p):
            removed.append(Boilerplate("byline", p))
        else:
            break
        kept_from = i + 1
    return paragraphs[kept_from:], removed


def _section_names(tree: Any, doc: Any, url: str | None) -> set[str]:
    names: set[str] = set()
    for meta in tree.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() in ("article:section", "section", "category"):
            names.add((meta.get("content") or "").strip().casefold())
    for c in getattr(doc, "categories", None) or []:
        names.add(str(c).strip().casefold())
    if url:
        for seg in urlsplit(url).path.split("/")[:-1]:
            if seg and not seg.isdigit():
                names.add(seg.replace("-", " ").replace("_", " ").casefold())
    names.discard("")
    return names


def _authors(author: str | None) -> tuple[str, ...]:
    if not author:
        return ()
    names = []
    for name in author.split(";"):
        name = _clean_name(name)
        if name and name not in names:
            names.append(name)
    return tuple(names)


def _clean_name(name: str) -> str:
    name = _BYLINE_PREFIX.sub("", " ".join(name.split()))
    # "By Jane Roe<br>Published: 11/03/2025" comes out of extraction as "Jane Roe Published"
    name = _BYLINE_TAIL.split(name)[0]
    return name.strip(" ,|-–—·")


def _byline_from_tree(tree: Any) -> tuple[str, ...]:
    """A byline from a classed element ("byline", "by", "author", "signature") when the
    extractor found none; only short texts that look like a name are taken."""
    for el in tree.xpath(_BYLINE_XPATH):
        # the element's own text first: an unclosed <div class="by"> swallows the story
        for text in (el.text or "", el.text_content()):
            text = " ".join(text.split())
            if not text or len(text) > 80:
                continue
            name = _clean_name(text)
            words = name.split()
            if 1 <= len(words) <= 5 and not any(ch.isdigit() for ch in name) and name[0].isupper():
                return (name,)
    return ()


def _canonical(tree: Any, url: str | None) -> str | None:
    candidates = []
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "canonical" in rel and link.get("href"):
            candidates.append(link.get("href"))
    for meta in tree.iter("meta"):
        if (meta.get("property") or "").lower() == "og:url" and meta.get("content"):
            candidates.append(meta.get("content"))
    for href in candidates:
        full = urljoin(url or "", href.strip())
        parts = urlsplit(full)
        if parts.scheme in ("http", "https") and parts.netloc:
            return full
    return None


def _declared_language(tree: Any) -> str | None:
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    for value in (root.get("lang"), root.get("{http://www.w3.org/XML/1998/namespace}lang"), root.get("xml:lang")):
        lang = normalize_language_tag(value)
        if lang:
            return lang
    for meta in tree.iter("meta"):
        key = (meta.get("http-equiv") or meta.get("property") or meta.get("name") or "").lower()
        if key in ("content-language", "og:locale", "language", "dc.language"):
            lang = normalize_language_tag((meta.get("content") or "").split(",")[0])
            if lang:
                return lang
    return None
