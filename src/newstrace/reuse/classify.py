"""What kind of sharing a passage is: copied prose, a shared quotation, or site boilerplate.

Quotation regions are found per paragraph: “…”, „…“, «…», »…«, ‹…›, 「…」, 『…』, "…"
(straight quotes toggle) and British single quotes ‘…’ outside any double-quoted region.
An opening mark left unclosed at the end of a paragraph quotes to the end of that
paragraph (the news convention for quotes running over several paragraphs); a closing
mark with no opener is ignored. Regions cover the words between the marks.

A passage is a *shared quotation* when, in both texts, its matched words inside quotation
marks form one stretch and at most max(4, 25%) of them lie outside the marks (which
allows a shared "he said" or "Igor Berg told reporters").
Whether it is *boilerplate* depends on the index (how many articles of one site carry
it) and is decided in provenance.py.
"""

from __future__ import annotations

import re

import numpy as np

from .align import Alignment
from .normalize import Tokens

COPIED_PROSE = "copied_prose"
SHARED_QUOTATION = "shared_quotation"
BOILERPLATE = "boilerplate"
KINDS = (COPIED_PROSE, SHARED_QUOTATION, BOILERPLATE)

_QUOTE_OUTSIDE_MAX = 4
_QUOTE_OUTSIDE_SHARE = 0.25

# opener -> closers that end it
_PAIRS: dict[str, str] = {
    "“": "”“",  # English “…”, and German „…“ reuses “ as a closer (handled below)
    "„": "“”",
    "«": "»",
    "»": "«",  # Danish/Swedish »…«
    "‹": "›",
    "「": "」",
    "『": "』",
    '"': '"',
    "＂": "＂",
}
_DOUBLE_RE = re.compile(r"[“”„«»‹›「」『』\"＂]")
_SINGLE_OPEN_RE = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))‘")
_PARA_RE = re.compile(r"[^\n]+")


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character regions [begin, end) inside quotation marks, in text order."""
    regions: list[tuple[int, int]] = []
    for para in _PARA_RE.finditer(text):
        pb, pe = para.span()
        doubles = _double_regions(text, pb, pe)
        regions.extend(doubles)
        regions.extend(_single_regions(text, pb, pe, doubles))
    regions.sort()
    return regions


def _double_regions(text: str, pb: int, pe: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    opener: str | None = None
    start = 0
    for m in _DOUBLE_RE.finditer(text, pb, pe):
        c = m.group()
        if opener is not None:
            if c in _PAIRS[opener]:
                out.append((start, m.start()))
                opener = None
            continue
        if c in _PAIRS and not (c == "»" and _looks_closing(text, m.start(), pb)):
            opener = c
            start = m.end()
    if opener is not None and start < pe:
        out.append((start, pe))
    return out


def _looks_closing(text: str, pos: int, pb: int) -> bool:
    # "»" opens only in Danish/Swedish style, where it follows a space or starts the paragraph.
    return pos > pb and not text[pos - 1].isspace()


def _single_regions(
    text: str, pb: int, pe: int, doubles: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = pb
    while True:
        m = _SINGLE_OPEN_RE.search(text, pos, pe)
        if not m:
            break
        start = m.end()
        if any(b <= start <= e for b, e in doubles):
            pos = start
            continue
        # The closer is a ’ not followed by a letter (a following letter means an apostrophe).
        end = None
        k = text.find("’", start, pe)
        while k != -1:
            nxt = text[k + 1] if k + 1 < pe else " "
            if not nxt.isalnum():
                end = k
                break
            k = text.find("’", k + 1, pe)
        if end is None:
            break
        out.append((start, end))
        pos = end + 1
    return out


def inside_flags(tokens: Tokens, regions: list[tuple[int, int]]) -> list[bool]:
    """For each token: does it start inside a quotation region?"""
    if not regions or not len(tokens):
        return [False] * len(tokens)
    begins = np.array([b for b, _ in regions], dtype=np.int64)
    ends = np.array([e for _, e in regions], dtype=np.int64)
    starts = np.array(tokens.starts, dtype=np.int64)
    k = np.searchsorted(begins, starts, side="right") - 1
    inside = (k >= 0) & (starts < ends[np.maximum(k, 0)])
    return inside.tolist()


def passage_kind(a: Alignment, q_inside: list[bool], d_inside: list[bool]) -> str:
    """copied_prose or shared_quotation, from where the matched words lie in both texts.

    A shared quotation is one stretch of quoted words (it may run over paragraphs) with at
    most a few matched words outside the marks, in both texts. Two quoted stretches joined
    by the same matched words outside the marks ('..." he said. "...') are the structure of
    a copied text, not two outlets quoting one speaker, and count as copied prose.
    """
    matched = 0
    out_q = out_d = 0
    segments_q = segments_d = 0
    prev_q = prev_d = False
    for q, d, n in a.blocks:
        for k in range(n):
            matched += 1
            iq, id_ = q_inside[q + k], d_inside[d + k]
            out_q += not iq
            out_d += not id_
            if iq and not prev_q:
                segments_q += 1
            if id_ and not prev_d:
                segments_d += 1
            prev_q, prev_d = iq, id_
    if not matched:
        return COPIED_PROSE
    limit = max(_QUOTE_OUTSIDE_MAX, _QUOTE_OUTSIDE_SHARE * matched)
    if out_q <= limit and out_d <= limit and segments_q <= 1 and segments_d <= 1:
        return SHARED_QUOTATION
    return COPIED_PROSE
