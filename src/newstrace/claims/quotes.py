"""Quotations in an article: direct quotes in every common quote style and indirect speech,
each with its speaker, speech verb and venue.

Direct quotes are found by pairing quote marks inside a paragraph:

    straight "…"   curly “…”   single ‘…’ and '…'   guillemets «…» ‹…›   low-high „…“ / „…”

A quote left open at the end of a paragraph continues into the next paragraph only when that
paragraph opens with a quote mark (the news convention for quotes running over paragraphs);
otherwise it ends at the paragraph end and is marked `closed=False`. A quote never runs over
more than MAX_QUOTE_PARAGRAPHS paragraphs or MAX_QUOTE_CHARS characters, so an unbalanced
mark cannot swallow the rest of the article.

The speaker is read from the words around the quote, in this order: after the closing mark
(`,” Belokonev told Nasha Niva newspaper.`, `”- said the head of …`), before the opening mark
(`Smith said: “`, `According to Smith, “`), a speech verb elsewhere in the same sentence, and
finally the speaker of the quote just before it (same paragraph, or a paragraph that ended
with the speaker's introduction). Names, surnames, pronouns and roles are then resolved
against the people introduced earlier in the article (see speakers.py).
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from ..article import Article
from .language import english_reason
from .lexicon import HEARER_VERBS, MONTHS, SPEECH_VERBS
from .speakers import IRREGULAR_VERBS, Mention, PersonIndex, Speaker, Token, parse_mention, resolve, tokenize

log = logging.getLogger(__name__)

MAX_QUOTE_PARAGRAPHS = 8
MAX_QUOTE_CHARS = 6000
MAX_QUOTES = 2000  # per article; the rest are dropped with a logged warning
SHORT_QUOTE_WORDS = 3  # at most this many words: kept only with a speaker next to it (else a scare quote or a title)

_DOUBLE_OPEN = {"“": "”\"", '"': '"”', "„": "“”\"", "«": "»", "‹": "›", "”": "”\""}
_SINGLE_OPEN = {"‘": "’'", "'": "'’", "‚": "‘’"}
_QUOTE_CHARS = re.compile("[\"“”„«»‹›‘’'‚]")
_PARA_OPENERS = "\"“„«‹‘'”"
_TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
    morning afternoon evening night week month year weekend earlier later recently""".split()
) | MONTHS
_VENUE_NOUNS = frozenset(
    """statement interview conference briefing post tweet letter speech interview broadcast
    address appearance meeting session hearing message video podcast rally summit forum
    press-conference event call""".split()
)
_PARTIAL_VERBS = frozenset(
    """called calls described describes dubbed labelled labeled branded termed condemned
    condemns criticised criticized slammed hailed praised dismissed welcomed""".split()
)
_NP_STOP = frozenset(
    """who which whose that adding saying noting explaining as while when after before
    because although though obviously apparently clearly and but or so yet""".split()
)
_ADVERBS = frozenset("also later then recently earlier previously once again further additionally".split())


@dataclass(frozen=True)
class Quote:
    """One quotation.

    text: the quoted words without quote marks; parts of a quote running over paragraphs are
          joined with a blank line.
    begin/end: span of the whole quotation in Article.text, without the outer quote marks.
    parts: the (begin, end) spans of each part (one per paragraph for a direct quote).
    kind: "direct" (inside quote marks) or "indirect" (reported speech: "X said that ...").
    speaker: who said it, or None when the text does not say.
    verb: the speech verb ("said", "told", "according to"), or None.
    venue: where it was said ("Nasha Niva newspaper", "a statement", "reporters"), or None.
    closed: False for a direct quote whose closing mark is missing (cut at the paragraph end).
    sentence: index in Article.sentences of the sentence where the quote starts.
    attribution: (begin, end) of the words that attribute the quote, or None.
    """

    text: str
    begin: int
    end: int
    parts: tuple[tuple[int, int], ...]
    kind: str
    speaker: Speaker | None
    verb: str | None
    venue: str | None
    closed: bool = True
    sentence: int = -1
    attribution: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "span": [self.begin, self.end],
            "parts": [list(p) for p in self.parts],
            "kind": self.kind,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "verb": self.verb,
            "venue": self.venue,
            "closed": self.closed,
            "sentence": self.sentence,
            "attribution": list(self.attribution) if self.attribution else None,
        }


class QuoteList(list):
    """The quotes of an article (a plain list of Quote), plus analysis notes.

    not_analysed: why the article was not analysed (e.g. not English), else None.
    truncated: True when the article had more than MAX_QUOTES direct quotations and only the
    first MAX_QUOTES were kept.
    """

    def __init__(self, quotes: list[Quote] | None = None, not_analysed: str | None = None, truncated: bool = False) -> None:
        super().__init__(quotes or [])
        self.not_analysed = not_analysed
        self.truncated = truncated

    def to_dict(self) -> dict[str, Any]:
        return {"quotes": [q.to_dict() for q in self], "not_analysed": self.not_analysed, "truncated": self.truncated}


@dataclass
class _Span:
    parts: list[tuple[int, int]]
    open_pos: int  # position of the opening mark
    close_pos: int | None  # position of the closing mark, None when unclosed
    para: int  # paragraph index of the opening mark
    attribution: tuple[int, int] | None = None
    mention: Mention | None = None
    verb: str | None = None
    venue: str | None = None
    how: str = ""
    speaker: Speaker | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def begin(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


# ---------------------------------------------------------------------------- quote marks


def _is_wordchar(c: str) -> bool:
    return c.isalnum()


def _opens(text: str, i: int, pb: int, strict: bool = False) -> bool:
    """A mark at i is placed like an opening mark: after a space/start/bracket, before a word."""
    prev = text[i - 1] if i > pb else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev in ".,;:!?" and nxt.isalnum() and not strict:
        return True  # a missing space: 'on Monday."The company has ...'
    return (prev.isspace() or prev in "([{—–-:;,/" or prev in _PARA_OPENERS) and not nxt.isspace()


def _closes(text: str, i: int, pe: int) -> bool:
    """A mark at i is placed like a closing mark: not in the middle of a word."""
    nxt = text[i + 1] if i + 1 < pe else " "
    return not _is_wordchar(nxt)


def find_quote_spans(text: str, paragraphs: tuple[tuple[int, int], ...]) -> list[_Span]:
    """Direct quotation spans, paired mark by mark within and across paragraphs."""
    spans: list[_Span] = []
    cur: _Span | None = None
    cur_mark = ""  # the opening mark of the current quote
    cur_single = False
    part_start = 0
    para_count = 0
    for pi, (pb, pe) in enumerate(paragraphs):
        if cur is not None:
            # Continuing from the previous paragraph: this paragraph opens with a quote mark.
            part_start = pb + 1
            para_count += 1
        for m in _QUOTE_CHARS.finditer(text, pb, pe):
            i, c = m.start(), m.group()
            if cur is not None and i < part_start:
                continue
            if cur is None:
                spaced = c == '"' and i > pb and text[i - 1].isspace() and i + 2 < pe and text[i + 1] == " " and text[i + 2].isalnum()
                if c in _DOUBLE_OPEN and (c not in '"”' or _opens(text, i, pb) or spaced):
                    if c == "”" and not _opens(text, i, pb):
                        continue
                    cur, cur_mark, cur_single = _Span([], i, None, pi), c, False
                    part_start, para_count = i + 1, 1
                elif c in _SINGLE_OPEN and _opens(text, i, pb) and not re.match(r"\d\ds?\b|[a-z]\b|em\b|tis\b|cause\b|til\b|n\b", text[i + 1 : i + 6]):
                    cur, cur_mark, cur_single = _Span([], i, None, pi), c, True
                    part_start, para_count = i + 1, 1
                continue
            closers = _SINGLE_OPEN[cur_mark] if cur_single else _DOUBLE_OPEN[cur_mark]
            if cur_single and c in _DOUBLE_OPEN and c not in closers:
                continue  # a double mark inside a single-quoted stretch: leave it
            if not cur_single and c in _SINGLE_OPEN | {"’": ""} and c not in closers:
                continue  # nested single quotes and apostrophes inside a double quote
            if c in closers and (not cur_single or _closes(text, i, pe)):
                if c == cur_mark and c == '"' and _opens(text, i, pb, strict=True) and not _closes(text, i, pe):
                    # a straight mark placed like an opener while one is open: the previous
                    # quote was never closed; end it at the space before this mark.
                    _finish(text, cur, part_start, i, None, spans)
                    cur, part_start, para_count = _Span([], i, None, pi), i + 1, 1
                    continue
                _finish(text, cur, part_start, i, i, spans)
                cur = None
        if cur is not None:
            nxt = paragraphs[pi + 1] if pi + 1 < len(paragraphs) else None
            long = (pe - cur.open_pos) > MAX_QUOTE_CHARS or para_count >= MAX_QUOTE_PARAGRAPHS
            if nxt and text[nxt[0]] in _PARA_OPENERS and not long and not cur_single:
                cur.parts.append((part_start, pe))
            else:
                _finish(text, cur, part_start, pe, None, spans)
                cur = None
    return spans


def _finish(text: str, span: _Span, b: int, e: int, close_pos: int | None, out: list[_Span]) -> None:
    span.parts.append((b, e))
    span.parts = [_trim(text, pb, pe) for pb, pe in span.parts]
    span.parts = [p for p in span.parts if p[1] > p[0]]
    span.close_pos = close_pos
    if span.parts:
        out.append(span)


def _trim(text: str, b: int, e: int) -> tuple[int, int]:
    while b < e and text[b].isspace():
        b += 1
    while e > b and text[e - 1].isspace():
        e -= 1
    return b, e


# ---------------------------------------------------------------------------- attribution


def _np_end(toks: list[Token], i: int, text: str) -> int:
    """Index just past the noun phrase starting at toks[i] (speaker after a verb)."""
    j = i
    n = len(toks)
    appositive_used = False
    while j < n:
        t = toks[j]
        low = t.low
        if t.text in ".;:!?()[]—–\"“”«»„" or (t.text == "-" and j > i):
            break
        if t.text == ",":
            nxt = toks[j + 1] if j + 1 < n else None
            if nxt is None or appositive_used:
                break
            if nxt.low in ("the", "a", "an") or (nxt.cap and nxt.low not in _NP_STOP and j + 1 < n):
                # an appositive: "John Smith, the defence minister" / "the minister, John Smith"
                k = j + 1
                while k < n and toks[k].text not in ",.;:!?()—–\"“”":
                    k += 1
                if k - (j + 1) <= 12:
                    appositive_used = True
                    j = k
                    continue
            break
        if j > i and low in _NP_STOP:
            break
        if j > i and low in ("in", "on", "at", "during", "to", "last", "this", "late", "early") and j + 1 < n:
            nx = toks[j + 1].low
            if low in ("last", "this", "late", "early") or nx in _TIME_WORDS or nx in ("a", "an") or toks[j + 1].text[:1].isdigit():
                break
            if nx == "the" and j + 2 < n and toks[j + 2].low in _VENUE_NOUNS | _TIME_WORDS:
                break
        if j > i and (low in SPEECH_VERBS or low in _TIME_WORDS):
            break
        j += 1
    return j


_AUX = frozenset(
    "is are was were be been being has have had will would can could may might shall should must do does did also".split()
)
_CHAIN_VERBS = frozenset("begun began begins begin started starts start continued continues kept keeps went goes".split())
_DETERMINERS = frozenset("the a an his her its their our my your this that these those".split())
_SUBJECT_BREAK = frozenset(
    "and but so as while that because when if although though or with by after before despite without which who whom whose where what".split()
)


def _subject_start(toks: list[Token], end: int, text: str = "") -> int:
    """Index of the first token of the subject noun phrase that ends just before toks[end]."""
    k = end
    while k > 0:
        t = toks[k - 1]
        if t.text in ".;:!?\"“”«»„()[]—–" or t.text == "-":
            break
        if text and k < len(toks) and "\n" in text[t.end : toks[k].begin]:
            break  # a line break: captions and headings are not part of the subject
        if t.text == ",":
            # a parenthetical inside the subject: "Smith, the minister, said" / "Chandler,
            # born David Fitch, tells ..." — skip it when it is short and opened by a comma
            m = k - 1
            while m > 0 and toks[m - 1].text not in ",.;:!?\"“”«»„":
                m -= 1
            if m > 0 and toks[m - 1].text == "," and m < k - 1 and k - 1 - m <= 16:
                k = m - 1
                continue
            break
        if t.low in _SUBJECT_BREAK and k < end:
            # "O'Brien and Wright said": two names joined by "and" are one subject
            if t.low == "and" and k - 2 >= 0 and toks[k - 2].cap and toks[k].cap:
                k -= 1
                continue
            break
        if t.low in _SUBJECT_BREAK:
            break
        k -= 1
    return k


def _clause_subject(text: str, toks: list[Token], start: int = 0) -> Mention | None:
    """The subject of the clause starting at toks[start]: the words before its first verb.

    Skips an opening adverbial ("In a statement to DeepDotWeb, Comcast defended ...").
    """
    i = start
    if i < len(toks) and (toks[i].low in ("in", "on", "at", "during", "after", "before", "speaking", "according", "with", "for", "as", "earlier", "later", "meanwhile", "however", "but", "and", "yet", "still") or toks[i].low.endswith("ly")):
        j = i
        while j < len(toks) and j < i + 15 and toks[j].text != ",":
            j += 1
        if j < len(toks) and toks[j].text == ",":
            i = j + 1
        elif toks[i].low in ("but", "and", "yet", "however", "still", "meanwhile"):
            i += 1
    k = i
    while k < len(toks) and k < i + 10:
        t = toks[k]
        if t.low in _AUX or t.text in ",.;:!?\"“”«»„()—–" or t.low in SPEECH_VERBS | _PARTIAL_VERBS:
            break
        if not t.cap and k > i and (t.low.endswith("ed") or t.low in ("says", "tells", "claims", "insists") or t.low in IRREGULAR_VERBS):
            break
        k += 1
    if k == i or k >= i + 10 or k >= len(toks):
        return None
    if toks[i].low in ("it", "this", "that", "there", "which", "what", "who"):
        return None
    return parse_mention(text, toks[i].begin, toks[k - 1].end)


def _mention_before_verb(text: str, toks: list[Token], verb_i: int) -> Mention | None:
    j = verb_i
    # "was quoted as saying": the subject is before "was quoted as"
    if toks[verb_i].low == "saying" and j >= 2 and toks[j - 1].low == "as" and toks[j - 2].low == "quoted":
        j -= 2
        while j > 0 and toks[j - 1].low in _AUX:
            j -= 1
    elif j > 0 and toks[j - 1].low in ("was", "were", "is", "are", "been", "be", "being"):
        # passive: "was described by officials as ..." -> the agent after "by"
        k = verb_i + 1
        if k < len(toks) and toks[k].low == "by":
            e = k + 1
            while e < len(toks) and e < k + 8 and toks[e].text not in ",.;:!?\"“”" and toks[e].low not in ("as", "that", "to", "in", "on"):
                e += 1
            if e > k + 1:
                return parse_mention(text, toks[k + 1].begin, toks[e - 1].end)
        return None
    # skip adverbs and auxiliaries between subject and verb: "Belokonev recently told",
    # "representatives have branded", "he also said"
    while j > 0 and (toks[j - 1].low in _ADVERBS or toks[j - 1].low in _AUX or toks[j - 1].low in _CHAIN_VERBS or (toks[j - 1].low.endswith("ly") and not toks[j - 1].cap)):
        j -= 1
    if j > 0 and toks[j - 1].low in _DETERMINERS:
        return None  # "the alleged truce", "his claims": the verb form is a noun or adjective here
    if j > 0 and toks[j - 1].low == "and" and toks[verb_i].low not in ("saying",):
        # "Dr Harvey agreed and said ...": the subject of the first verb
        k = j - 1
        while k > 0 and toks[k - 1].text not in ".;:!?\"“”":
            k -= 1
        return _clause_subject(text, toks, k) if j - 1 - k <= 16 else None
    if toks[verb_i].low == "saying" and j > 0 and (toks[j - 1].low in ("by", "while", "after", "before") or toks[j - 1].text == ","):
        # "X acknowledged rumours by saying ...", "..., saying ...": the clause's subject
        k = j - 1
        while k > 0 and toks[k - 1].text not in ".;:!?\"“”":
            k -= 1
        return _clause_subject(text, toks, k)
    s = _subject_start(toks, j, text)
    if j <= s or j - s > 24:
        return None
    head_end = next((i for i in range(s, j) if toks[i].text == ","), j)
    if any(t.low in _AUX and t.low != "also" for t in toks[s:head_end]):
        return None  # a clause ("violence has continued since ..."), not a noun phrase
    if toks[s].low in ("which", "who", "that", "this", "there", "what", "where") and not toks[s].text.isupper():
        return None  # a relative clause; but "WHO director Christy Feig" is a subject
    return parse_mention(text, toks[s].begin, toks[j - 1].end)


def _venue_after(text: str, toks: list[Token], verb_i: int, limit: int | None = None) -> tuple[str | None, int]:
    """Venue or audience after the verb, and the token index where the venue ends."""
    n = len(toks) if limit is None else limit
    verb = toks[verb_i].low
    j = verb_i + 1
    if verb in HEARER_VERBS and j < n:
        k = j
        while k < n:
            t = toks[k]
            if t.text in ",.;:!?\"“”«»„()—–" or t.low in ("that", "in", "on", "at", "about", "last", "this", "during", "after", "before", "when", "while", "if", "to"):
                break
            if k > j and (t.low in ("he", "she", "they", "it", "we", "i", "his", "her", "their", "its", "our", "my", "there") or t.low in _TIME_WORDS):
                break
            if k > j and t.low in ("the", "a", "an") and toks[j].low in ("the", "a", "an"):
                break
            if k > j and t.cap and not toks[k - 1].cap and toks[k - 1].low not in ("the", "a", "an", "of"):
                break  # "told reporters Russia will ..." : a new capitalised subject
            k += 1
        if k > j and toks[j].low not in ("him", "her", "them", "me", "us", "you"):
            return text[toks[j].begin : toks[k - 1].end], k
        return None, j
    # "said in an interview with X", "said on Twitter", "said in a statement", "speaking to X"
    k = j
    while k < min(n, j + 12):
        t = toks[k]
        if t.text in ".;!?\"“”«»„":
            break
        if t.low in ("in", "on", "at", "to", "with") and k + 1 < n:
            rest = toks[k + 1 : min(n, k + 10)]
            words = [x.low for x in rest]
            if words and words[0] in ("a", "an", "the") and len(words) > 1 and words[1] in _VENUE_NOUNS | {"press", "news"}:
                # "in an interview with the BBC" -> the BBC; "in a statement" -> a statement
                m = 2
                while m < len(words) and words[m] in _VENUE_NOUNS | {"news", "conference"}:
                    m += 1  # "a press conference", "a news briefing"
                if m < len(words) and words[m] in ("with", "to", "on", "for") and words[1] in ("interview", "post", "message", "letter", "appearance", "comments"):
                    e = m + 1
                    while e < len(rest) and rest[e].text not in ",.;:!?\"“”" and rest[e].low not in ("that", "on", "in", "last", "this"):
                        e += 1
                    if e > m + 1:
                        return text[rest[m + 1].begin : rest[e - 1].end], k + 1 + e
                return text[rest[0].begin : rest[m - 1].end], k + 1 + m
            if t.low in ("on", "to") and rest and (rest[0].cap or rest[0].low in ("state", "national", "local", "social", "public")) and rest[0].low not in _TIME_WORDS:
                e = 0
                while e < len(rest) and rest[e].text not in ",.;:!?\"“”" and rest[e].low not in ("that", "on", "in", "last", "this", "and") and rest[e].low not in _TIME_WORDS:
                    e += 1
                if e:
                    return text[rest[0].begin : rest[e - 1].end], k + 1 + e
        if t.low == "that" or t.text == ",":
            break
        if not (t.low in ("in", "on", "at", "to", "with", "last", "this", "late", "early", "a", "an", "the", "earlier", "later")
                or t.low in _TIME_WORDS or t.text[:1].isdigit()):
            break  # only adjuncts may stand between the verb and its venue ("said on Monday in ...")
        k += 1
    return None, j


def _verb_index(toks: list[Token], start: int, stop: int, verbs: frozenset[str] = SPEECH_VERBS) -> int | None:
    for i in range(start, min(stop, len(toks))):
        if toks[i].low in verbs and not toks[i].cap:
            return i
        if toks[i].low in verbs and i == start:
            return i
    return None


def _attribution_after(text: str, span: _Span, limit: int) -> bool:
    """`,” Belokonev told Nasha Niva newspaper.` / `”- said the head of …` / `," he said.`"""
    assert span.close_pos is not None
    start = span.close_pos + 1
    nl = text.find("\n", start, limit)
    if nl >= 0:
        limit = nl  # a line break ends the attribution (captions, tweets, lists)
    toks = tokenize(text, start, limit)
    for k, t in enumerate(toks):
        if t.text in ".!?;" or t.text in "“\"„«":
            toks = toks[:k]
            break
    i = 0
    while i < len(toks) and toks[i].text in (",", "-", "–", "—", "…"):
        i += 1
    if i >= len(toks):
        return False
    inner = text[span.begin : span.close_pos].rstrip()
    # news style puts a comma (or ? ! or a dash) inside the quote before the attribution;
    # after a full stop an attribution must be short and end the sentence
    soft_end = i > 0 or (inner[-1:] in ",?!—–-…:" if inner else False)
    if toks[i].low in SPEECH_VERBS:
        # verb first: "said the head of ...", "said Smith, the minister"
        e = _np_end(toks, i + 1, text)
        if e <= i + 1:
            return False
        mention = parse_mention(text, toks[i + 1].begin, toks[e - 1].end)
        if mention is None:
            return False
        span.mention, span.verb = mention, toks[i].low
        venue, _ = _venue_after(text, toks, i) if toks[i].low not in HEARER_VERBS else (None, 0)
        span.venue = venue
        span.attribution = (toks[i].begin, toks[e - 1].end)
        span.how = "after"
        return True
    v = _verb_index(toks, i + 1, i + 16)
    if v is None:
        return False
    if any(t.low in _AUX and t.low != "also" for t in toks[i:v]) and not (v >= 2 and toks[v - 1].low == "as" and toks[v - 2].low == "quoted"):
        return False  # "Though some outlets have confirmed ...": a clause, not an attribution
    if not soft_end:
        venue_end = _venue_after(text, toks, v)[1]
        if v - i > 5 or any(t.low == "that" for t in toks[v + 1 :]) or len(toks) - max(venue_end, v + 1) > 4:
            return False
    mention = _mention_before_verb(text, toks, v)
    if mention is None or mention.begin != toks[i].begin:
        return False
    span.mention, span.verb = mention, toks[v].low
    venue, vend = _venue_after(text, toks, v)
    span.venue = venue
    span.attribution = (toks[i].begin, toks[max(v, vend - 1)].end)
    span.how = "after"
    return True


def _attribution_before(text: str, span: _Span, window_start: int) -> bool:
    """`Smith said: “`, `Smith told reporters on Monday: “`, `According to Smith, “`, `, he said, “`."""
    toks = tokenize(text, window_start, span.open_pos)
    if not toks:
        return False
    # "according to X, “..."
    for k in range(len(toks) - 2, -1, -1):
        if toks[k].low == "according" and k + 1 < len(toks) and toks[k + 1].low == "to":
            e = k + 2
            while e < len(toks) and toks[e].text not in ",:":
                e += 1
            if e > k + 2 and e >= len(toks) - 1:
                mention = parse_mention(text, toks[k + 2].begin, toks[e - 1].end)
                if mention:
                    span.mention, span.verb, span.how = mention, "according to", "before"
                    span.attribution = (toks[k].begin, toks[e - 1].end)
                    return True
            break
    # the last speech verb, with at most a short tail (venue, time, "that", ":" or ",") after it
    for v in range(len(toks) - 1, max(-1, len(toks) - 14), -1):
        if toks[v].low not in SPEECH_VERBS or (v + 1 < len(toks) and toks[v + 1].low in _AUX):
            continue  # not a verb, or a noun use ("other reports have described ...")
        tail = toks[v + 1 :]
        if any(t.text in ".!?;" for t in tail):
            break
        if any(t.low in SPEECH_VERBS for t in tail):
            continue
        mention = _mention_before_verb(text, toks, v)
        if mention is None:
            # inverted: `said Smith: “...` is rare; accept a named mention right after the verb
            if tail and tail[-1].text in ":,":
                e = _np_end(toks, v + 1, text)
                if e > v + 1:
                    mention = parse_mention(text, toks[v + 1].begin, toks[e - 1].end)
                    if mention and not (mention.name or mention.pronoun):
                        mention = None
            if mention is None:
                return False
        span.mention, span.verb, span.how = mention, toks[v].low, "before"
        venue, vend = _venue_after(text, toks, v)
        span.venue = venue
        span.attribution = (mention.begin, toks[max(v, min(vend, len(toks)) - 1)].end)
        return True
    return False


def _attribution_in_sentence(text: str, span: _Span, sb: int, se: int, quote_spans: list[tuple[int, int]]) -> bool:
    """A speech verb elsewhere in the quote's sentence: `Smith called the plan "a disaster".`"""
    toks = [t for t in tokenize(text, sb, se) if not any(qb - 1 <= t.begin < qe + 1 for qb, qe in quote_spans)]
    # the verb nearest before the quote first, then those after it, then the rest
    before = [v for v, t in enumerate(toks) if t.end <= span.open_pos]
    order = before[::-1] + [v for v, t in enumerate(toks) if t.begin > span.open_pos]
    for v in order:
        t = toks[v]
        if v + 1 < len(toks) and toks[v + 1].low in _AUX:
            continue  # "other reports have described ...": a noun here
        if t.low in SPEECH_VERBS | _PARTIAL_VERBS and not t.cap:
            mention = _mention_before_verb(text, toks, v)
            if mention is not None and (mention.name or mention.pronoun or mention.role):
                span.mention, span.verb, span.how = mention, t.low, "sentence"
                venue, vend = _venue_after(text, toks, v)
                span.venue = venue
                span.attribution = (mention.begin, t.end)
                return True
    for k in range(len(toks) - 2):
        if toks[k].low == "according" and toks[k + 1].low == "to":
            e = k + 2
            while e < len(toks) and toks[e].text not in ",.;:!?" and e < k + 10:
                e += 1
            mention = parse_mention(text, toks[k + 2].begin, toks[e - 1].end) if e > k + 2 else None
            if mention is not None and (mention.name or mention.role):
                span.mention, span.verb, span.how = mention, "according to", "sentence"
                span.attribution = (toks[k].begin, toks[e - 1].end)
                return True
    return False


def _paragraph_intro(text: str, pb: int, pe: int) -> tuple[Mention, str, str | None, tuple[int, int]] | None:
    """A paragraph ending with `Smith said:` (or `Comcast defended its actions:`) introduces
    the quote that opens the next paragraph."""
    if not text[pb:pe].rstrip().endswith(":"):
        return None
    fake = _Span([(pe, pe)], pe - 1, None, -1)
    start = pb
    for m in re.finditer(r"[.!?][\"”’]?\s+(?=[A-Z\"“])", text[pb : pe - 1]):
        start = pb + m.end()
    if _attribution_before(text, fake, start) and fake.mention and fake.attribution:
        return fake.mention, fake.verb or "", fake.venue, fake.attribution
    toks = tokenize(text, start, pe)
    mention = _clause_subject(text, toks, 0)
    if mention is not None and (mention.name or mention.role) and mention.kind in ("person", "organisation"):
        return mention, "", None, (mention.begin, mention.end)
    return None


# ---------------------------------------------------------------------------- indirect speech

_INDIRECT_VERBS = frozenset(
    """said says told tells added adds stated states noted notes explained explains claimed
    claims argued argues insisted insists warned warns announced announces confirmed confirms
    reported reports believes believed thinks thought suggested suggests admitted admits
    acknowledged acknowledges denied denies alleged alleges maintained maintains stressed
    stresses emphasised emphasized predicted predicts revealed reveals assured assures
    indicated indicates""".split()
)


def _indirect_in_sentence(text: str, sb: int, se: int) -> list[_Span]:
    toks = tokenize(text, sb, se)
    if len(toks) < 5:
        return []
    out: list[_Span] = []
    # "According to X, clause." / "Clause, according to X."
    for k in range(len(toks) - 1):
        if toks[k].low == "according" and toks[k + 1].low == "to":
            if k == 0 or (k == 1 and toks[0].text in ("“", '"')):
                e = k + 2
                while e < len(toks) and toks[e].text != ",":
                    e += 1
                if e < len(toks) - 3:
                    mention = parse_mention(text, toks[k + 2].begin, toks[e - 1].end)
                    body = _trim(text, toks[e + 1].begin, _strip_end(text, toks[-1]))
                    if mention:
                        out.append(_Span([body], -1, body[1], -1, (toks[k].begin, toks[e - 1].end), mention, "according to", None, "according"))
            elif toks[k - 1].text == "," and k >= 4:
                mention = parse_mention(text, toks[k + 2].begin, _strip_end(text, toks[-1]))
                body = _trim(text, toks[0].begin, toks[k - 1].begin)
                if mention and k + 2 < len(toks):
                    out.append(_Span([body], -1, body[1], -1, (toks[k].begin, _strip_end(text, toks[-1])), mention, "according to", None, "according"))
            return out
    for v, t in enumerate(toks):
        if t.low not in _INDIRECT_VERBS or t.cap:
            continue
        if v + 1 < len(toks) and toks[v + 1].low in ("to", "by", "about", "of"):
            continue  # "said to be", "reported by"
        mention = _mention_before_verb(text, toks, v)
        if mention is None or not (mention.name or mention.pronoun in ("he", "she", "they", "it", "we", "i") or mention.role):
            # "clause, X said." at the end of the sentence
            continue
        if mention.pronoun == "it" and v > 0 and toks[v - 1].low == "it":
            continue  # "it said" is too often not speech ("it is said", impersonal)
        venue, j = _venue_after(text, toks, v)
        # skip short adjuncts before the clause: "on Monday", "last week", "in a statement"
        k = j
        while k < len(toks) and k < j + 6 and toks[k].low != "that" and (toks[k].low in _TIME_WORDS or toks[k].low in ("on", "in", "at", "last", "this", "a", "an", "the", ",") or toks[k].text[:1].isdigit()):
            k += 1
        if k < len(toks) and toks[k].low == "that":
            k += 1
        elif k != j and not (k < len(toks) and toks[k].low in ("he", "she", "they", "it", "we", "i")):
            k = j
        if k >= len(toks) - 2:
            # nothing reported after the verb: maybe "Clause, X said." at the end
            if v >= 4 and toks[_mention_token_index(toks, mention) - 1].text == ",":
                mi = _mention_token_index(toks, mention)
                body = _trim(text, toks[0].begin, toks[mi - 1].begin)
                out.append(_Span([body], -1, body[1], -1, (mention.begin, t.end), mention, t.low, venue, "clause-before"))
            break
        first = toks[k]
        if first.text in "“\"„«‘" or first.low in ("to", "him", "her", "them", "me", "us"):
            continue
        body = _trim(text, first.begin, _strip_end(text, toks[-1]))
        if len(text[body[0] : body[1]].split()) < 3:
            continue
        out.append(_Span([body], -1, body[1], -1, (mention.begin, toks[max(v, j - 1)].end), mention, t.low, venue, "indirect"))
        break
    return out


def _mention_token_index(toks: list[Token], mention: Mention) -> int:
    for i, t in enumerate(toks):
        if t.begin >= mention.begin:
            return i
    return len(toks)


def _strip_end(text: str, last: Token) -> int:
    """End of a sentence without its final punctuation."""
    e = last.end
    while e > 0 and text[e - 1] in ".!?;:,”\"’' ":
        e -= 1
    return e


# ---------------------------------------------------------------------------- main entry


def extract_quotes(article: Article, *, indirect: bool = True) -> QuoteList:
    """All direct quotes (and, with indirect=True, reported speech) of an article, in order."""
    reason = english_reason(article)
    if reason:
        return QuoteList([], reason)
    text = article.text
    if not article.sentences:
        return QuoteList([], "no sentences: the article text is empty")
    spans = find_quote_spans(text, article.paragraphs)
    truncated = len(spans) > MAX_QUOTES
    if truncated:
        log.warning("article %s has %d quotations; only the first %d are analysed", article.id, len(spans), MAX_QUOTES)
        spans = spans[:MAX_QUOTES]
    sent_starts = [b for b, _ in article.sentences]
    para_starts = [b for b, _ in article.paragraphs]
    quote_ranges = [(s.open_pos, (s.close_pos if s.close_pos is not None else s.end)) for s in spans]

    def sentence_of(pos: int) -> int:
        return max(0, bisect.bisect_right(sent_starts, pos) - 1)

    def para_of(pos: int) -> int:
        return max(0, bisect.bisect_right(para_starts, pos) - 1)

    kept: list[_Span] = []
    for n, s in enumerate(spans):
        pi = para_of(s.open_pos)
        pb, pe = article.paragraphs[pi]
        prev_close = None
        if n > 0 and spans[n - 1].close_pos is not None and spans[n - 1].close_pos >= pb:
            prev_close = spans[n - 1].close_pos
        next_open = spans[n + 1].open_pos if n + 1 < len(spans) else len(text)
        found = False
        if s.close_pos is not None:
            cpi = para_of(s.close_pos)
            limit = min(article.paragraphs[cpi][1], next_open)
            found = _attribution_after(text, s, limit)
        if not found:
            si = sentence_of(s.open_pos)
            window = article.sentences[si][0]
            if prev_close is not None and prev_close + 1 > window:
                window = prev_close + 1
            # an attribution before a quote may start in the previous sentence only if that
            # sentence was cut by the segmenter at the quote mark; stay within the sentence
            found = _attribution_before(text, s, max(window, pb))
        if not found:
            si = sentence_of(s.open_pos)
            sb, se = article.sentences[si]
            inner = text[s.begin : s.end].rstrip("”’\"' ")
            if s.close_pos is not None and inner.endswith((".", "!", "?")):
                se = min(se, s.close_pos + 1)  # the quote ended its sentence; what follows is another
            found = _attribution_in_sentence(text, s, sb, se, quote_ranges)
        words = len(text[s.begin : s.end].split())
        if not found and words <= SHORT_QUOTE_WORDS:
            continue  # a scare quote, a title or a term in quote marks
        if not found:
            intro = _paragraph_intro(text, *article.paragraphs[pi - 1]) if pi > 0 and s.open_pos == pb else None
            if intro:
                s.mention, s.verb, s.venue, s.attribution = intro
                s.how = "intro"
        kept.append(s)

    # Resolve speakers in reading order; quotes without their own attribution take the
    # speaker of the previous quote in the same paragraph (or of the paragraph before,
    # when this paragraph opens with the quote).
    people = PersonIndex(sentence_starts=tuple(sent_starts))
    scanned_to = 0
    prev: _Span | None = None
    quotes: list[Quote] = []
    items: list[_Span] = list(kept)
    if indirect:
        direct_sentences = {sentence_of(s.open_pos) for s in kept} | {sentence_of(s.end) for s in kept}
        for si, (sb, se) in enumerate(article.sentences):
            if si in direct_sentences or any(qb < se and qe > sb for qb, qe in quote_ranges):
                continue
            items.extend(_indirect_in_sentence(text, sb, se))
    items.sort(key=lambda s: (s.attribution[0] if s.how in ("indirect", "according", "clause-before") and s.attribution else s.begin))
    for s in items:
        anchor = s.attribution[0] if s.attribution and s.attribution[0] < s.begin else s.begin
        people.scan(text, scanned_to, anchor)
        scanned_to = max(scanned_to, anchor)
        speaker: Speaker | None = None
        if s.mention is not None:
            speaker = resolve(s.mention, people, s.mention.begin)
        elif prev is not None and prev.speaker is not None and s.open_pos >= 0:
            same_para = para_of(prev.begin) == para_of(s.open_pos) or para_of(prev.end) == para_of(s.open_pos)
            here, there = para_of(s.open_pos), para_of(prev.end)
            between = [text[b:e] for b, e in article.paragraphs[there + 1 : here]]
            # photo captions and credits between two parts of one speaker's quote do not
            # break the run ("Isaac Brekken/WireImage")
            adjacent = (
                0 < here - there <= 3
                and s.open_pos == article.paragraphs[here][0]
                and all(len(p.split()) <= 20 and not p.rstrip().endswith((".", "!", "?", ":", "”", '"')) for p in between)
            )
            if same_para or adjacent:
                p = prev.speaker
                speaker = Speaker(p.name, p.role, p.kind, p.mention, p.mention_begin, p.mention_end, "continuation")
                s.verb = s.verb or prev.verb
                s.venue = s.venue or prev.venue
        s.speaker = speaker
        if speaker is not None:
            prev = s
        elif s.open_pos >= 0:
            prev = None
        kind = "direct" if s.open_pos >= 0 else "indirect"
        quotes.append(
            Quote(
                text="\n\n".join(text[b:e] for b, e in s.parts),
                begin=s.begin,
                end=s.end,
                parts=tuple(s.parts),
                kind=kind,
                speaker=speaker,
                verb=s.verb,
                venue=s.venue,
                closed=s.close_pos is not None if kind == "direct" else True,
                sentence=sentence_of(s.begin),
                attribution=s.attribution,
            )
        )
    quotes.sort(key=lambda q: q.begin)
    return QuoteList(quotes, None, truncated)
