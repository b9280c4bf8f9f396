"""The Article type: what every reader produces and every analysis consumes.

Offsets (paragraphs, sentences, spans everywhere else) are character offsets into
`Article.text`, half-open [begin, end).
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field, fields, replace
from typing import Any, Iterable

from . import segment
from .urls import registered_domain

Offsets = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Boilerplate:
    """A block of page furniture removed from the text, kept so it can be reported."""

    kind: str  # copyright | comment_form | comments | share | anti_spam | newsletter | navigation | other
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "text": self.text}


@dataclass(frozen=True)
class Article:
    text: str
    title: str = ""
    url: str | None = None
    domain: str | None = None
    site: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None  # ISO 8601 date or datetime
    published_source: str | None = None  # where the date came from, e.g. "meta:article:published_time"
    language: str | None = None
    paragraphs: Offsets = ()
    sentences: Offsets = ()
    boilerplate: tuple[Boilerplate, ...] = ()
    source: str | None = None  # where it was read from: path, path#record, WARC offset, URL
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    id: str = ""

    def __post_init__(self) -> None:
        # Normalise once so that offsets computed anywhere agree on the same string.
        text = normalize_text(self.text)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "title", " ".join((self.title or "").split()))
        object.__setattr__(self, "authors", tuple(a for a in (self.authors or ()) if a))
        if self.domain is None and self.url:
            object.__setattr__(self, "domain", registered_domain(self.url))
        if not self.paragraphs:
            object.__setattr__(self, "paragraphs", segment.paragraphs(text))
        if not self.sentences:
            object.__setattr__(self, "sentences", segment.sentences(text, self.paragraphs))
        if not self.id:
            object.__setattr__(self, "id", article_id(self.url, text))

    @classmethod
    def from_paragraphs(cls, paragraphs: Iterable[str], **kw: Any) -> "Article":
        """Build an article from a list of paragraph strings (joined by blank lines)."""
        paras = [" ".join(p.split()) for p in paragraphs]
        return cls(text="\n\n".join(p for p in paras if p), **kw)

    def paragraph_texts(self) -> list[str]:
        return [self.text[b:e] for b, e in self.paragraphs]

    def sentence_texts(self) -> list[str]:
        return [self.text[b:e] for b, e in self.sentences]

    def with_changes(self, **kw: Any) -> "Article":
        """A copy with some fields changed; offsets and id are recomputed when the text
        (or the URL, for the id) changes unless given explicitly."""
        if "text" in kw:
            kw.setdefault("paragraphs", ())
            kw.setdefault("sentences", ())
        if "text" in kw or "url" in kw:
            kw.setdefault("id", "")
        if "url" in kw:
            kw.setdefault("domain", None)
        return replace(self, **kw)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if f.name == "boilerplate":
                v = [b.to_dict() for b in v]
            elif f.name in ("paragraphs", "sentences"):
                v = [list(x) for x in v]
            elif f.name == "authors":
                v = list(v)
            d[f.name] = v
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Article":
        kw = dict(d)
        kw["authors"] = tuple(kw.get("authors") or ())
        kw["paragraphs"] = tuple(tuple(x) for x in kw.get("paragraphs") or ())
        kw["sentences"] = tuple(tuple(x) for x in kw.get("sentences") or ())
        kw["boilerplate"] = tuple(Boilerplate(**b) for b in kw.get("boilerplate") or ())
        kw["extra"] = dict(kw.get("extra") or {})
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in kw.items() if k in known})


def normalize_text(text: str) -> str:
    """NFC, unified line endings, no trailing spaces, at most one blank line in a row.

    Character-level content (quotes, dashes, case) is kept: provenance normalises its own
    copy for matching, while reports must quote the article exactly.
    """
    text = unicodedata.normalize("NFC", text or "")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = text.replace("\x00", "")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    out: list[str] = []
    blank = False
    for line in lines:
        if line:
            out.append(line)
            blank = False
        elif not blank and out:
            out.append("")
            blank = True
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def article_id(url: str | None, text: str) -> str:
    """Stable content id: the same URL with the same text always gets the same id.

    Two outlets carrying identical text are still two articles (their URLs differ); a text
    read without any URL is identified by its content alone.
    """
    h = hashlib.blake2b(digest_size=8)
    h.update((url or "").strip().encode("utf-8"))
    h.update(b"\x00")
    h.update(text.encode("utf-8"))
    return h.hexdigest()
