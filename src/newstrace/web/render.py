"""Server-side HTML: the Jinja environment (autoescaping on) and the helpers templates use.

Everything that comes from an article (title, byline, URL, text, snippets) is untrusted.
Templates only ever print it through autoescaping; the few helpers here that build markup
(highlighting spans) escape each piece of text themselves and return Markup. A link is only
made from an http(s) URL; anything else (javascript:, data:, ...) is shown as plain text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterable, Sequence

from markupsafe import Markup, escape

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"

_SAFE_URL = re.compile(r"^https?://[^\s\x00-\x1f\x7f<>\"'`]+$", re.IGNORECASE)


def safe_href(url: Any) -> str | None:
    """The URL when it is a plain http(s) URL that is safe to put in href, else None."""
    if not isinstance(url, str):
        return None
    u = url.strip()
    return u if _SAFE_URL.match(u) else None


def short_date(value: Any) -> str:
    if not value:
        return "no date"
    s = str(value)
    return s[:10] if len(s) >= 10 and s[4:5] == "-" else s


def marked(text: str, spans: Iterable[Sequence[int]], cls: str = "") -> Markup:
    """`text` escaped, with the given (begin, end) ranges wrapped in <mark>."""
    out: list[str] = []
    pos = 0
    attr = f' class="{escape(cls)}"' if cls else ""
    for b, e in sorted((int(s[0]), int(s[1])) for s in spans):
        b, e = max(b, pos), min(e, len(text))
        if b >= e:
            continue
        out.append(str(escape(text[pos:b])))
        out.append(f"<mark{attr}>{escape(text[b:e])}</mark>")
        pos = e
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def hit_snippet(hit: dict[str, Any]) -> Markup:
    return marked(hit.get("snippet_text") or "", hit.get("highlights") or ())


def annotated_paragraphs(article: dict[str, Any], layers: dict[str, list[Sequence[int]]],
                         labels: dict[int, Any] | None = None) -> list[dict[str, Any]]:
    """Paragraphs of an article dict, with spans of several kinds marked.

    layers: css class -> spans in article text offsets (claims, quotes, cues ...). Spans may
    nest or overlap: the text is cut at every span border and each piece carries the classes
    of all spans covering it, so nothing is dropped and the markup stays flat.
    labels: paragraph index -> data shown beside the paragraph (its provenance).
    """
    text = article.get("text") or ""
    paras = article.get("paragraphs") or [[0, len(text)]]
    spans: list[tuple[int, int, str]] = []
    for cls, ss in layers.items():
        for s in ss:
            b, e = int(s[0]), int(s[1])
            if 0 <= b < e:
                spans.append((b, e, cls))
    out = []
    for i, (pb, pe) in enumerate(paras):
        inside = [(max(b, pb), min(e, pe), c) for b, e, c in spans if b < pe and e > pb]
        cuts = sorted({pb, pe, *(b for b, _, _ in inside), *(e for _, e, _ in inside)})
        pieces: list[str] = []
        for b, e in zip(cuts, cuts[1:]):
            classes = sorted({c for sb, se, c in inside if sb <= b and e <= se})
            chunk = escape(text[b:e])
            if classes:
                pieces.append(f'<span class="hl {escape(" ".join(classes))}">{chunk}</span>')
            else:
                pieces.append(str(chunk))
        out.append({"index": i, "html": Markup("".join(pieces)), "label": (labels or {}).get(i)})
    return out


def pretty_json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, default=str)


def make_env() -> Any:
    from jinja2 import ChainableUndefined, Environment, FileSystemLoader, select_autoescape

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html"], default_for_string=True, default=True),
        # Report sections are JSON with optional keys: a missing key renders as nothing.
        undefined=ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_href"] = safe_href
    env.filters["short_date"] = short_date
    env.filters["pretty_json"] = pretty_json
    env.filters["hit_snippet"] = hit_snippet
    env.globals["safe_href"] = safe_href
    return env
