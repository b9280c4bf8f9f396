"""Language signals: wording in the article that a careful reader would question.

Every signal points at character spans of `Article.text` (or of the title, `target="title"`).
All of it is rule-based: hand-written lexicons (`lexicons.py`) plus a few context filters.
Nothing is learned and nothing is downloaded.

- `speculation`: hedges and guesses (may, might, could, likely, apparently, reportedly, "is
  believed to") and, worse, guesses put as certainties (obviously, naturally, "pointing to the fact
  that"). Cues inside quotation marks are the speaker's words and get severity `info`.
- `loaded_language`: alarm, sensational, pejorative and contemptuous words ("very serious threat",
  "shocking", "regime", "puppet"), with neutral uses filtered ("tax regime").
- `unattributed_assertion`: a sentence in the outlet's own voice that asserts an intention, a
  cause, an accusation, a certainty or a figure, and names no source (no reporting verb, no
  "according to"); vague passives ("it is believed") count as no source.
- `headline_not_in_body`: content words and names of the title that the body never uses.
- `headline_drift` (called by provenance with the source's title): what a copy's headline adds to
  its source's: new names, escalating words, dropped hedges.

How well they do (`.venv/bin/python bench/eval_signals.py --half test`): on 115 hand-labelled
FNC-1 sentences (test half; labelled by the author of these rules, one labeller, few positives,
so the figures are indicative only):

    speculation             30 positives  precision 0.78  recall 0.83
    loaded_language          6 positives  precision 1.00  recall 0.33
    unattributed_assertion  25 positives  precision 0.69  recall 0.36

`headline_not_in_body` against FNC-1's unrelated pairs (25,462 pairs with odd body ids): at
severity medium, precision 0.98 and recall 0.96, with 5.2% of related pairs flagged; at any
severity 36% of related pairs are flagged (a missing name is common). Unrelated FNC-1 headlines are
random, so this proxy is easy and says nothing about subtle exaggeration. There is no labelled
data for `headline_drift`; no figure is claimed for it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from ..article import Article
from . import lexicons as lx
from .model import Signal

Span = tuple[int, int]

_FLAGS = re.IGNORECASE


def _cue_regex(pattern: str) -> re.Pattern[str]:
    # Word boundaries that also treat hyphens as part of a word ("well-known" is not "well").
    return re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w-])", _FLAGS)


class _CueTable:
    """A lexicon compiled into one alternation, so a text is scanned once, not once per cue.

    Multi-word cues come first: at a given position the regex takes the first alternative that
    matches, and "may well" or "could not verify" must win over "may" or "could".
    """

    def __init__(self, entries: Sequence[tuple[str, str, int]]) -> None:
        order = sorted(range(len(entries)), key=lambda i: (" " not in entries[i][0], i))
        self.meta = [(entries[i][1], entries[i][2]) for i in order]
        self.rx = re.compile(r"\b(?:" + "|".join(f"({entries[i][0]})" for i in order) + r")\b", _FLAGS)
        if self.rx.groups != len(entries):
            raise ValueError("lexicon patterns must not contain capturing groups; use (?:...)")


_SPEC = _CueTable(lx.SPECULATION)
_LOADED = _CueTable(lx.LOADED)
_STRONG = _CueTable([(p, cat, 0) for p, cat in lx.STRONG_CLAIM])
_ATTRIBUTION = _cue_regex(lx.ATTRIBUTION)
_WEASEL = _cue_regex(lx.WEASEL)
_FIGURE = re.compile(lx.FIGURE, _FLAGS)
_IF = _cue_regex(r"if")
_MODAL_AFTER_IF = re.compile(r"(?<![\w-])(?:would|could|might|may|will)(?![\w-])|[’']ll\b", _FLAGS)
_WORD = re.compile(r"\w+(?:[’'\-.]\w+)*")


@dataclass(frozen=True)
class Cue:
    """One matched cue: where, what, which category, how strong, inside a quotation or not."""

    begin: int
    end: int
    text: str
    category: str
    weight: int
    in_quote: bool

    def to_dict(self) -> dict:
        return {"span": [self.begin, self.end], "text": self.text, "category": self.category, "weight": self.weight, "in_quote": self.in_quote}


# --------------------------------------------------------------------------- quotations


def quote_spans(text: str, paragraphs: Sequence[Span] | None = None) -> list[Span]:
    """Spans of text inside quotation marks, paragraph by paragraph.

    Handles curly, straight, guillemet and low-9 double quotes, and single quotes used as
    quotation marks (not apostrophes). A quote left open at the end of a paragraph runs to the
    paragraph's end when it opens the paragraph (news style for quotes that go on over several
    paragraphs); a stray mark elsewhere opens nothing. A closing mark
    with no opening in its paragraph closes a quote that began at the paragraph's start.
    """
    if paragraphs is None:
        paragraphs = ((0, len(text)),)
    out: list[Span] = []
    for pb, pe in paragraphs:
        doubles = _pair_quotes(text, pb, pe, _double_marks(text, pb, pe), extend_open=False)
        out.extend(doubles)
        singles = _pair_quotes(text, pb, pe, _single_marks(text, pb, pe, doubles), extend_open=False)
        out.extend(singles)
    out.sort()
    merged: list[Span] = []
    for b, e in out:
        if merged and b <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((b, e))
    return merged


_DOUBLE_MARK = re.compile("[“”«»„\"]")
_SINGLE_MARK = re.compile("[‘’']")


def _double_marks(text: str, pb: int, pe: int) -> list[tuple[int, str]]:
    marks = []
    for q in _DOUBLE_MARK.finditer(text, pb, pe):
        i, c = q.start(), q.group(0)
        if c in "“«„":
            marks.append((i, "open"))
        elif c in "”»":
            marks.append((i, "close"))
        elif c == '"':
            # Straight quotes: the side the space is on says which way they face; a mark with
            # spaces on both sides can only close an open quote (a stray one opens nothing).
            prev = text[i - 1] if i > pb else " "
            nxt = text[i + 1] if i + 1 < pe else " "
            if (prev.isspace() or prev in "([—–-:") and not nxt.isspace():
                marks.append((i, "open"))
            elif not prev.isspace() and nxt.isspace():
                marks.append((i, "close"))
            elif prev.isspace() and nxt.isspace():
                marks.append((i, "close_weak"))
            else:
                marks.append((i, "toggle"))
    return marks


def _single_marks(text: str, pb: int, pe: int, inside: list[Span]) -> list[tuple[int, str]]:
    marks = []
    for q in _SINGLE_MARK.finditer(text, pb, pe):
        i, c = q.start(), q.group(0)
        if any(b <= i < e for b, e in inside):
            continue
        prev = text[i - 1] if i > pb else " "
        nxt = text[i + 1] if i + 1 < pe else " "
        if prev.isalnum() and nxt.isalnum():
            continue  # apostrophe inside a word: don't, O'Neal
        if (prev.isspace() or prev in "([—–-:") and (nxt.isalnum() or nxt in "“\""):
            marks.append((i, "open"))
        elif not prev.isspace() and (nxt.isspace() or nxt in ".,;:!?)—–-\"”"):
            if prev in "sS" and nxt.isspace() and c != "‘":
                # "the students' union": a plural possessive unless a quote is open.
                marks.append((i, "close_weak"))
            else:
                marks.append((i, "close"))
    return marks


def _pair_quotes(text: str, pb: int, pe: int, marks: list[tuple[int, str]], extend_open: bool) -> list[Span]:
    spans: list[Span] = []
    open_at: int | None = None
    seen_any = False
    for pos, kind in marks:
        if kind == "toggle":
            kind = "close" if open_at is not None else "open"
        if kind == "open":
            if open_at is None:
                open_at = pos
        elif kind in ("close", "close_weak"):
            if open_at is not None:
                spans.append((open_at, pos + 1))
                open_at = None
            elif kind == "close" and not seen_any:
                spans.append((pb, pos + 1))
        seen_any = True
    if open_at is not None and (extend_open or open_at == pb):
        spans.append((open_at, pe))
    return spans


class _QuoteIndex:
    def __init__(self, spans: list[Span]) -> None:
        self.spans = spans
        self.starts = [b for b, _ in spans]

    def covers(self, b: int, e: int) -> bool:
        """True when [b, e) lies inside one quotation."""
        i = bisect.bisect_right(self.starts, b) - 1
        return i >= 0 and self.spans[i][0] <= b and e <= self.spans[i][1]

    def overlap(self, b: int, e: int) -> int:
        """Characters of [b, e) that are inside quotations."""
        n = 0
        for qb, qe in self.spans:
            if qb >= e:
                break
            n += max(0, min(e, qe) - max(b, qb))
        return n


# --------------------------------------------------------------------------- cue matching


def _scan(text: str, sentences: Sequence[Span], table: _CueTable, quotes: _QuoteIndex, accept) -> list[list[Cue]]:
    """Cues of `table` per sentence (same order as `sentences`), from one pass over the text."""
    out: list[list[Cue]] = [[] for _ in sentences]
    if not sentences:
        return out
    starts = [b for b, _ in sentences]
    for m in table.rx.finditer(text):
        b, e = m.span()
        if (b > 0 and text[b - 1] == "-") or (e < len(text) and text[e] == "-"):
            continue  # part of a hyphenated word: "well-known", "so-called-ness"
        i = bisect.bisect_right(starts, b) - 1
        if i < 0:
            continue
        sb, se = sentences[i]
        if e > se or not accept(text, m, sb, se):
            continue
        cat, w = table.meta[m.lastindex - 1]  # type: ignore[operator]
        out[i].append(Cue(b, e, m.group(0), cat, w, quotes.covers(b, e)))
    return out


def _prev_word(text: str, pos: int, floor: int) -> str:
    m = re.search(r"([\w’'-]+)\W*$", text[max(floor, pos - 40) : pos])
    return m.group(1).lower() if m else ""


def _next_words(text: str, pos: int, limit: int, n: int = 2) -> list[str]:
    return re.findall(r"[\w’'-]+", text[pos : min(limit, pos + 60)])[:n]


def _accept_speculation(text: str, m: re.Match[str], sb: int, se: int) -> bool:
    word = m.group(0)
    low = word.lower()
    after = _next_words(text, m.end(), se)
    if low == "may":
        if word[0] == "M":
            # Capital "May" is the month or a name, unless it opens the sentence before a lower-case word.
            return m.start() == sb and bool(after) and after[0].islower()
        return True
    if low == "might":
        return _prev_word(text, m.start(), sb) not in lx.MIGHT_NOUN and not (after and after[0].lower() == "of")
    if low == "could":
        return not (after and after[0].lower() in ("not", "n't", "never", "hardly", "barely"))
    if low == "naturally":
        return not (after and after[0].lower() in lx.NATURALLY_LITERAL)
    if low == "clearly":
        before = text[max(sb, m.start() - 2) : m.start()]
        rest = text[m.end() : m.end() + 20].lstrip().lower()
        return m.start() == sb or "," in before or text[m.end() : m.end() + 1] == "," or rest.startswith(lx.CLEARLY_INFERENCE)
    return True


def _accept_loaded(text: str, m: re.Match[str], sb: int, se: int) -> bool:
    low = m.group(0).lower()
    if low.startswith("regime"):
        return _prev_word(text, m.start(), sb) not in lx.REGIME_NEUTRAL
    if low == "lies":
        # "lies" as a verb (the town lies on a river) is far more common than the noun.
        prev = _prev_word(text, m.start(), sb)
        return prev in ("outright", "more", "blatant", "spreading", "spread", "told", "tell", "of", "and", "with", "these", "his", "her", "their")
    return True


def _severity(cues: Iterable[Cue]) -> str:
    cues = list(cues)
    outside = [c for c in cues if not c.in_quote]
    if not outside:
        return "info"
    if sum(c.weight for c in outside) >= 2 and any(c.weight >= 2 for c in outside):
        return "medium"
    return "low"


# --------------------------------------------------------------------------- per-sentence signals


def speculation_signals(text: str, sentences: Sequence[Span], quotes: _QuoteIndex) -> list[Signal]:
    out = []
    per_sentence = _scan(text, sentences, _SPEC, quotes, _accept_speculation)
    for (sb, se), cues in zip(sentences, per_sentence):
        sent = text[sb:se]
        # A question in the outlet's own voice invites the reader to guess ("Why would ...?").
        if sent.rstrip("\"'”’)]").endswith("?") and len(sent.split()) >= 5 and not quotes.covers(se - 1, se):
            cues.append(Cue(sb, se, sent, "question", 1, False))
        # A conditional with a modal after it: "if X, Y would ...".
        mi = _IF.search(text, sb, se)
        if mi and _MODAL_AFTER_IF.search(text, mi.end(), se):
            cues.append(Cue(mi.start(), mi.end(), mi.group(0), "conditional", 1, quotes.covers(mi.start(), mi.end())))
        if not cues:
            continue
        cues.sort(key=lambda c: c.begin)
        sev = _severity(cues)
        cats = sorted({c.category for c in cues})
        words = ", ".join(f"'{c.text}'" for c in cues if c.category != "question") or "a question"
        where = "inside a quotation" if sev == "info" else "in the outlet's own voice"
        what = "guesswork stated as certainty" if "insinuation" in cats and sev != "info" else "speculative or hedged wording"
        out.append(
            Signal(
                kind="speculation",
                severity=sev,
                message=f"{what} {where}: {words}",
                spans=tuple((c.begin, c.end) for c in cues),
                evidence={"sentence": [sb, se], "categories": cats, "cues": [c.to_dict() for c in cues]},
            )
        )
    return out


def loaded_signals(text: str, sentences: Sequence[Span], quotes: _QuoteIndex, loaded: list[list[Cue]] | None = None) -> list[Signal]:
    out = []
    if loaded is None:
        loaded = _scan(text, sentences, _LOADED, quotes, _accept_loaded)
    for (sb, se), cues in zip(sentences, loaded):
        if not cues:
            continue
        sev = _severity(cues)
        cats = sorted({c.category for c in cues})
        where = "inside a quotation" if sev == "info" else "in the outlet's own voice"
        out.append(
            Signal(
                kind="loaded_language",
                severity=sev,
                message=f"loaded or emotive wording {where}: " + ", ".join(f"'{c.text}' ({c.category})" for c in cues),
                spans=tuple((c.begin, c.end) for c in cues),
                evidence={"sentence": [sb, se], "categories": cats, "cues": [c.to_dict() for c in cues]},
            )
        )
    return out


_YEAR = re.compile(r"^(?:1[89]\d\d|20\d\d)$")


def _figures(text: str, b: int, e: int) -> list[re.Match[str]]:
    return [m for m in _FIGURE.finditer(text, b, e) if not _YEAR.match(m.group(0).strip())]


def unattributed_signals(text: str, sentences: Sequence[Span], quotes: _QuoteIndex, loaded: list[list[Cue]] | None = None) -> list[Signal]:
    out = []
    if loaded is None:
        loaded = _scan(text, sentences, _LOADED, quotes, _accept_loaded)
    strong = _scan(text, sentences, _STRONG, quotes, lambda *_: True)
    for (sb, se), loaded_here, strong_here in zip(sentences, loaded, strong):
        sent = text[sb:se]
        if len(sent.split()) < 5 or sent.rstrip("\"'”’)]").endswith("?"):
            continue
        # Direct speech is attributed by the quotation itself (its speaker is nearby).
        if quotes.overlap(sb, se) >= min(20, (se - sb) // 3):
            continue
        weasels = list(_WEASEL.finditer(text, sb, se))
        masked = list(sent)
        for w in weasels:
            for i in range(w.start() - sb, w.end() - sb):
                masked[i] = " "
        if _ATTRIBUTION.search("".join(masked)):
            continue
        cues: list[tuple[int, int, str, str]] = []
        cues.extend((c.begin, c.end, c.text, c.category) for c in strong_here)
        cues.extend((m.start(), m.end(), m.group(0), "figure") for m in _figures(text, sb, se))
        cues.extend((m.start(), m.end(), m.group(0), "vague_source") for m in weasels)
        # A pejorative label in the outlet's own voice is an evaluation asserted as fact.
        cues.extend(
            (c.begin, c.end, c.text, "evaluation")
            for c in loaded_here
            if c.category in ("pejorative", "contempt") and not c.in_quote
        )
        if not cues:
            continue
        cues.sort()
        cats = sorted({c[3] for c in cues})
        sev = "medium" if "vague_source" in cats or len(cats) >= 2 else "low"
        lead = "a vague source" if "vague_source" in cats else "no source named"
        out.append(
            Signal(
                kind="unattributed_assertion",
                severity=sev,
                message=f"claim with {lead} ({', '.join(cats)}): " + ", ".join(f"'{c[2]}'" for c in cues),
                spans=tuple((c[0], c[1]) for c in cues),
                evidence={
                    "sentence": [sb, se],
                    "categories": cats,
                    "cues": [{"span": [c[0], c[1]], "text": c[2], "category": c[3]} for c in cues],
                },
            )
        )
    return out


# --------------------------------------------------------------------------- headlines


@dataclass(frozen=True)
class _Tok:
    begin: int
    end: int
    surface: str
    stem: str
    entity: bool


def _stem(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.rstrip("'").replace(".", "")
    if w.isdigit():
        return w
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and (w.endswith("ches") or w.endswith("shes") or w.endswith("sses") or w.endswith("xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss") and not w.endswith("us"):
        return w[:-1]
    if len(w) > 5 and w.endswith("ing"):
        return w[:-3]
    if len(w) > 4 and w.endswith("ed"):
        return w[:-2]
    return w


def _title_case(words: list[str]) -> bool:
    # Most headline styles capitalise every word; then capitals say nothing about names.
    content = [w for w in words if w[0].isalpha() and w.lower() not in lx.STOPWORDS]
    if len(content) < 3:
        return False
    return sum(w[0].isupper() for w in content) / len(content) >= 0.8


def _headline_tokens(title: str) -> list[_Tok]:
    words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(title)]
    tc = _title_case([w for _, _, w in words])
    out = []
    for i, (b, e, w) in enumerate(words):
        stem = _stem(w)
        if not stem or stem in lx.STOPWORDS or (len(stem) < 3 and not stem.isdigit()):
            continue
        entity = w.isdigit() or (len(w) > 1 and w.isupper()) or (not tc and i > 0 and w[0].isupper())
        out.append(_Tok(b, e, w, stem, entity))
    return out


class _Vocab:
    """Stems of a text, with a prefix index for near matches (Russia ~ Russian)."""

    def __init__(self, text: str) -> None:
        self.stems = {_stem(m.group(0)) for m in _WORD.finditer(text)}
        self.by_prefix: dict[str, set[str]] = {}
        for s in self.stems:
            if len(s) >= 5:
                self.by_prefix.setdefault(s[:5], set()).add(s)

    def has(self, stem: str) -> bool:
        if stem in self.stems:
            return True
        if len(stem) < 5 or stem.isdigit():
            return False
        for other in self.by_prefix.get(stem[:5], ()):
            k = max(5, min(len(stem), len(other)) - 2)
            if other[:k] == stem[:k]:
                return True
        return False


@lru_cache(maxsize=256)
def _vocab(text: str) -> _Vocab:
    return _Vocab(text)


# A headline whose content words are mostly absent from its body is not about the body. The cuts
# were set on the dev half of FNC-1 headline/body pairs (even body ids; bench/eval_signals.py):
# with 70% missing, 4.1% of related pairs were flagged and 95.5% of unrelated ones; with 50%,
# 20% of related pairs were flagged, so 50-70% (or a missing name) is only "low".
MISSING_SHARE_MEDIUM = 0.7
MISSING_SHARE_LOW = 0.5


def headline_claims_missing(title: str, body: str) -> Signal | None:
    """Content words and names of `title` that never occur in `body`, as a title-targeted Signal.

    None when the title has fewer than two content words or its words are found in the body.
    Severity medium when at least 70% of its content words are missing; low when at least half
    are, or when a name or number of the title is missing.
    """
    toks = _headline_tokens(title or "")
    if len(toks) < 2 or not body:
        return None
    vocab = _vocab(body)
    missing = [t for t in toks if not vocab.has(t.stem)]
    share = len(missing) / len(toks)
    names = [t for t in missing if t.entity]
    if share >= MISSING_SHARE_LOW:
        sev = "medium" if share >= MISSING_SHARE_MEDIUM else "low"
        msg = f"{len(missing)} of the headline's {len(toks)} content words never occur in the body: "
    elif names:
        sev = "low"
        msg = "the headline names what the body never mentions: "
        missing = names
    else:
        return None
    return Signal(
        kind="headline_not_in_body",
        severity=sev,
        message=msg + ", ".join(f"'{t.surface}'" for t in missing),
        spans=tuple((t.begin, t.end) for t in missing),
        evidence={"missing": [t.surface for t in missing], "content_words": len(toks), "missing_share": round(share, 3)},
        target="title",
    )


def headline_drift(article_title: str, source_title: str) -> Signal | None:
    """How a copy's headline departs from its source's; None when it adds nothing of note.

    Reports names and numbers the copy adds, escalating words it adds (confirms, threat, secret,
    shocking ...), hedges of the source it drops (may, reportedly, considers ...), and the word
    overlap. Severity: high when it both adds names and escalates or drops a hedge, medium for
    either, low for other added content words. Spans are in `article_title` (target "title").
    """
    copy = _headline_tokens(article_title or "")
    src = _headline_tokens(source_title or "")
    if not copy or not src:
        return None
    src_vocab = _Vocab(source_title)
    copy_vocab = _Vocab(article_title)
    added = [t for t in copy if not src_vocab.has(t.stem)]
    removed = [t for t in src if not copy_vocab.has(t.stem)]
    shared = len(copy) - len(added)
    overlap = shared / max(1, len(copy) + len(src) - shared)
    new_names = [t for t in added if t.entity]
    escalating = [t for t in added if t.surface.lower() in lx.ESCALATION or t.stem in lx.ESCALATION]
    esc_spans = {(t.begin, t.end) for t in escalating}
    in_source = {m.group(0).lower() for m in _LOADED.rx.finditer(source_title)}
    loaded_added = [
        (m.start(), m.end(), m.group(0))
        for m in _LOADED.rx.finditer(article_title)
        if m.group(0).lower() not in in_source and (m.start(), m.end()) not in esc_spans
    ]
    src_words = {w.lower() for w in _WORD.findall(source_title)}
    copy_words = {w.lower() for w in _WORD.findall(article_title)}
    dropped_hedges = sorted(w for w in src_words & lx.HEDGES if w not in copy_words)
    if not added and not dropped_hedges:
        return None
    escalates = bool(escalating or loaded_added or dropped_hedges)
    if escalates and new_names:
        sev = "high"
    elif escalates or new_names:
        sev = "medium"
    else:
        sev = "low"
    parts = []
    if new_names:
        parts.append("adds " + ", ".join(f"'{t.surface}'" for t in new_names))
    if escalating or loaded_added:
        words = [t.surface for t in escalating] + [w for _, _, w in loaded_added]
        parts.append("escalates with " + ", ".join(f"'{w}'" for w in words))
    if dropped_hedges:
        parts.append("drops the source's hedging or attribution " + ", ".join(f"'{w}'" for w in dropped_hedges))
    others = [t for t in added if t not in new_names and t not in escalating]
    if others:
        parts.append("other new words " + ", ".join(f"'{t.surface}'" for t in others))
    spans = sorted({(t.begin, t.end) for t in added} | {(b, e) for b, e, _ in loaded_added})
    return Signal(
        kind="headline_drift",
        severity=sev,
        message=f"the headline departs from its source's ({overlap:.0%} of content words shared): " + "; ".join(parts),
        spans=tuple(spans),
        evidence={
            "source_title": source_title,
            "added": [t.surface for t in added],
            "removed": [t.surface for t in removed],
            "added_names": [t.surface for t in new_names],
            "escalating": [t.surface for t in escalating] + [w for _, _, w in loaded_added],
            "dropped_hedges": dropped_hedges,
            "overlap": round(overlap, 3),
        },
        target="title",
    )


# --------------------------------------------------------------------------- entry point


def language_signals(article: Article) -> list[Signal]:
    """All language signals of an article, in text order (title signals last)."""
    if not isinstance(article, Article):
        raise TypeError(f"language_signals needs an Article, got {type(article).__name__}")
    text = article.text
    quotes = _QuoteIndex(quote_spans(text, article.paragraphs))
    sents = article.sentences
    loaded = _scan(text, sents, _LOADED, quotes, _accept_loaded)
    out = speculation_signals(text, sents, quotes) + loaded_signals(text, sents, quotes, loaded) + unattributed_signals(text, sents, quotes, loaded)
    out.sort(key=lambda s: (s.evidence["sentence"][0], s.kind))
    if article.title:
        sig = headline_claims_missing(article.title, text)
        if sig is not None:
            out.append(sig)
    return out
