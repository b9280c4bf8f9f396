"""Find page furniture in a list of paragraphs: copyright footers, comment forms, share
and newsletter prompts, related-links blocks. Removed paragraphs are reported, never
silently dropped, because a footer copied along with an article is itself evidence.

Two passes, both conservative about body text:

- the tail: walking from the last paragraph inward, every paragraph that *contains* a
  furniture phrase (and is not long prose) is removed until the first that does not. A
  body paragraph that merely mentions copyright in the middle of the article is never
  reached by this walk.
- anywhere: a paragraph that *is* furniture in its entirety ("Share this:", "Leave a
  Reply", "Advertisement", a line of share-network names) is removed wherever it stands.

A "Related posts" / "Read more" / "N Comments" heading in the second half of the text
also removes what follows it when that is a list of short lines (headlines) or comments.
"""

from __future__ import annotations

import re
from typing import Sequence

from ..article import Boilerplate

_I = re.IGNORECASE

# Paragraphs that are furniture in their entirety (matched against the whole paragraph,
# trailing punctuation and spaces ignored).
_WHOLE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rx, _I))
    for kind, rx in (
        ("comment_form", r"leave a (reply|comment)( to .{1,200})?( cancel reply)?"),
        ("comment_form", r"be the first to (comment|reply)( on .{1,200})?"),
        ("comment_form", r"(no|\d+) (comments?|responses?|replies)( so far)?"),
        ("comment_form", r"comments? (are|is) (now )?closed( for this (post|article|story))?"),
        ("comment_form", r"your email address will not be published( required fields are marked ?\*?)?"),
        ("comment_form", r"required fields are marked ?\*?"),
        ("comment_form", r"(post|submit|add|write|cancel) (a )?(comment|reply)"),
        ("comment_form", r"save my name,? e-?mail,? and website in this browser for the next time i comment"),
        ("comment_form", r"you must be (logged|signed) in to (post|leave) a comment"),
        ("comment_form", r"notify me of (follow-up comments|new posts|new comments) (by|via) e-?mail"),
        ("comment_form", r"join the (discussion|conversation)"),
        ("comment_form", r"(comment|name|e-?mail|website)\s*\*"),
        ("anti_spam", r"this site uses akismet to reduce spam.{0,120}"),
        ("anti_spam", r"learn how your comment data is processed"),
        ("share", r"(share|like) this( article| story| post| page)?:?"),
        ("share", r"(share|post) (it )?(on|to|via) (facebook|twitter|x|linkedin|whatsapp|telegram|reddit|e-?mail|pinterest|tumblr|vk)( \(opens in new window\))?"),
        ("share", r"click to (share|email|print|tweet)( this)?( on \w+)?( \(opens in new window\))?"),
        ("share", r"like loading\W*"),
        ("share", r"(copy|share) (the )?link( copied)?"),
        ("newsletter", r"(sign up|subscribe)( now)?( (to|for) (our|the) .{0,60}newsletters?.{0,120})?"),
        ("newsletter", r"enter your e-?mail( address)?.{0,120}"),
        ("newsletter", r"get (the latest|our) .{0,80} (delivered )?(to|in) your inbox.{0,60}"),
        ("navigation", r"(related|more|recommended|popular|latest|trending|top)( posts| articles| stories| news| content| reading| from .{1,60})?( for you)?:?"),
        ("navigation", r"(read|see) (more|also)( from .{1,60})?:?"),
        ("navigation", r"(you|we think you) (may|might) (also )?like:?"),
        ("navigation", r"also read:?"),
        ("navigation", r"most (read|popular|viewed|shared)"),
        ("navigation", r"continue reading.{0,120}"),
        ("navigation", r"(back to top|skip to (main )?content)"),
        ("other", r"(advertisement|advertising|sponsored( content)?|ad)"),
        ("copyright", r"(©|\(c\)\s*\d{4}|copyright\s*(©|\(c\)|\d{4})).{0,300}"),
    )
)

# Phrases that mark a paragraph as furniture when it stands in the trailing block.
_TAIL: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rx, _I))
    for kind, rx in (
        ("copyright", r"^\W{0,3}(©|\(c\)\s*\d{4}|copyright\b)"),
        ("copyright", r"all rights reserved"),
        ("copyright", r"unauthori[sz]ed (use|reproduction|copying|duplication|distribution)"),
        ("copyright", r"(may|must) not be (re)?(produced|published|broadcast|rewritten|redistributed|copied)"),
        ("copyright", r"without (the )?(express(ed)? )?(and )?(prior )?written (permission|consent)"),
        ("comment_form", r"\bleave a (reply|comment)\b"),
        ("comment_form", r"\bbe the first to comment\b"),
        ("comment_form", r"your email address will not be published"),
        ("comment_form", r"required fields are marked"),
        ("comment_form", r"\bpost comment\b"),
        ("comment_form", r"you must be logged in to post a comment"),
        ("anti_spam", r"\bakismet\b"),
        ("anti_spam", r"how your comment data is processed"),
        ("share", r"^(share this|like this|click to share)"),
        ("newsletter", r"\b(sign up|subscribe) (to|for) (our|the) .{0,60}newsletter"),
        ("newsletter", r"delivered (straight )?to your inbox"),
        ("navigation", r"^(tags?|filed under|categories|category|topics?)\s*:"),
        ("navigation", r"^posted in .{1,120}$"),
        ("navigation", r"^(previous|next) (post|article|story)\b"),
    )
)
_TAIL_MAX_CHARS = 1200
# Every _TAIL pattern contains one of these (lower-case) substrings.
_TAIL_KEYWORDS = (
    "©", "(c)", "copyright", "all rights reserved", "unauthori", "may not be", "must not be",
    "written permission", "written consent", "leave a reply", "leave a comment",
    "first to comment", "will not be published", "required fields", "post comment",
    "logged in to post", "akismet", "comment data is processed", "share this", "like this",
    "click to share", "newsletter", "your inbox", "tags", "tag:", "filed under", "categor",
    "topic", "posted in", "previous post", "previous article", "previous story", "next post",
    "next article", "next story",
)
_NEWSLETTER_VERB = re.compile(r"\b(sign(?:-| )?up|subscribe)\b")
# "All rights reserved" in the languages of the fixtures and the example world
_RIGHTS_RESERVED = (
    "all rights reserved", "tous droits réservés", "alle rechte vorbehalten",
    "todos los derechos reservados", "tutti i diritti riservati", "все права защищены",
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")  # a longer paragraph is prose even if it ends with a notice

_SHARE_WORDS = frozenset(
    """share tweet email e-mail print facebook twitter x linkedin whatsapp telegram reddit
    pinterest tumblr vk messenger copy link pocket flipboard mastodon bluesky threads sms""".split()
)

# Headings after which the rest of the text is a list of links or reader comments.
_SECTION_HEADINGS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rx, _I))
    for kind, rx in (
        ("navigation", r"(related|more|recommended|popular|latest|trending|top)( posts| articles| stories| news| content| reading| from .{1,60})?( for you)?:?"),
        ("navigation", r"(read|see) (more|also)( from .{1,60})?:?"),
        ("navigation", r"(you|we think you) (may|might) (also )?like:?"),
        ("navigation", r"most (read|popular|viewed|shared)"),
        ("comments", r"(\d+|no) (comments?|responses?|replies|thoughts)( (on|to) .{1,200})?"),
        ("comments", r"comments?( \(\d+\))?:?"),
        ("comments", r"reader comments"),
    )
)
_SHARE_LINE = re.compile(
    r"(?:(?:" + "|".join(sorted(_SHARE_WORDS, key=len, reverse=True)) + r")(?:[\s,|/•·]+|$))+", _I
)
_SHORT_LINE_WORDS = 20
# "Home | News | Sport", "Home · Politics · Contact": a menu flattened into a paragraph
_MENU_SEPARATORS = re.compile(r"\s+[|·•»]\s+|\s*[|·•]\s*")


def _combine(table: tuple[tuple[str, re.Pattern[str]], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    # One alternation instead of dozens of separate regexes: most paragraphs fail every
    # branch at their first characters, so a single pass costs about one regex call.
    kinds: dict[str, str] = {}
    branches = []
    for i, (kind, rx) in enumerate(table):
        inner = re.sub(r"(?<!\\)\((?!\?)", "(?:", rx.pattern)
        kinds[f"k{i}"] = kind
        branches.append(f"(?P<k{i}>{inner})")
    return re.compile("|".join(branches), _I), kinds


_WHOLE_RX, _WHOLE_KINDS = _combine(_WHOLE)
# The words a _WHOLE pattern can start with: a set lookup spares the regex for almost
# every body paragraph. Keep in step with _WHOLE (a test checks every pattern's examples).
_WHOLE_FIRST_WORDS = frozenset(
    """leave be no comments comment your required post submit add write cancel save you
    notify join name email e-mail website this learn share like click copy sign subscribe
    enter get related more recommended popular latest trending top read see we also most
    continue back skip advertisement advertising sponsored ad copyright""".split()
)
_TAIL_RX, _TAIL_KINDS = _combine(_TAIL)
_SECTION_RX, _SECTION_KINDS = _combine(_SECTION_HEADINGS)


def _bare(paragraph: str) -> str:
    if "  " in paragraph or "\n" in paragraph or "\t" in paragraph:
        paragraph = " ".join(paragraph.split())
    return paragraph.strip(" \t.:;!-–—|·•»«")


def classify_whole(paragraph: str) -> str | None:
    """The furniture kind when the paragraph is furniture in its entirety, else None."""
    if len(paragraph) > 600:
        return None  # cheap exit for body prose: every pattern below is shorter
    bare = _bare(paragraph)
    if not bare or len(bare) > 400:
        return None
    first = bare.split(" ", 1)[0].lower()
    if first in _WHOLE_FIRST_WORDS or first[:1].isdigit() or first[:1] in "©(":
        m = _WHOLE_RX.fullmatch(bare)
        if m:
            return _WHOLE_KINDS[m.lastgroup or ""]
    # phrases that may stand anywhere in a short notice, checked as substrings because an
    # unanchored regex branch would scan every body paragraph
    low = bare.lower()
    if len(bare) <= 200 and low.endswith(_RIGHTS_RESERVED):
        return "copyright"  # "Example Media 2021. All rights reserved." (bare has no final stop)
    if len(bare) <= 300 and ("newsletter" in low or "your inbox" in low) and _NEWSLETTER_VERB.search(low):
        return "newsletter"  # a promo box inside the body: "Get the Morning Brief ... Sign up free"
    if len(bare) <= 160:
        if _SHARE_LINE.fullmatch(bare):
            return "share"
        if ("|" in bare or "·" in bare or "•" in bare) and not any(ch.isdigit() for ch in bare):
            items = [x.strip() for x in _MENU_SEPARATORS.split(bare)]
            if len(items) >= 3 and all(x and len(x.split()) <= 3 and not x.endswith(".") for x in items):
                return "navigation"
    return None


def classify_tail(paragraph: str) -> str | None:
    """The furniture kind when the paragraph, standing in the trailing block, carries a
    furniture phrase anywhere in it."""
    kind = classify_whole(paragraph)
    if kind:
        return kind
    if len(paragraph) > _TAIL_MAX_CHARS:
        return None
    low = paragraph.lower()
    if len(paragraph) <= 150 and "@" in paragraph and _EMAIL.search(paragraph):
        return "other"  # "Letters to the editor: letters@example.com" closing the page
    if any(r in low for r in _RIGHTS_RESERVED[1:]):
        return "copyright"
    if not any(k in low for k in _TAIL_KEYWORDS):
        return None  # a substring pre-check is ~5x cheaper than the regex search
    m = _TAIL_RX.search(_bare(paragraph))
    return _TAIL_KINDS[m.lastgroup or ""] if m else None


def strip_furniture(paragraphs: Sequence[str]) -> tuple[list[str], list[Boilerplate]]:
    """Split paragraphs into (kept, removed). Removed blocks keep document order."""
    n = len(paragraphs)
    kinds: list[str | None] = [None] * n

    # 1. the trailing block, from the end inward
    end = n
    while end > 0:
        kind = classify_tail(paragraphs[end - 1])
        if kind is None:
            break
        kinds[end - 1] = kind
        end -= 1

    # 2. a links/comments section that runs up to the trailing block
    for i in range(max(1, n // 2), end):
        if len(paragraphs[i]) > 220:
            continue
        heading = _bare(paragraphs[i])
        m = _SECTION_RX.fullmatch(heading) if len(heading) <= 200 else None
        if m is None:
            continue
        skind = _SECTION_KINDS[m.lastgroup or ""]
        rest = range(i + 1, end)
        if skind == "comments" or all(_is_short_line(paragraphs[j]) or classify_whole(paragraphs[j]) for j in rest):
            for j in range(i, end):
                kinds[j] = classify_whole(paragraphs[j]) or skind
            end = i
            break

    # 3. whole-paragraph furniture anywhere
    for i in range(end):
        kinds[i] = classify_whole(paragraphs[i])

    kept = [p for p, k in zip(paragraphs, kinds) if k is None]
    removed = [Boilerplate(kind=k, text=" ".join(p.split())) for p, k in zip(paragraphs, kinds) if k is not None]
    return kept, removed


def _is_short_line(paragraph: str) -> bool:
    # Headline-like: few words and no sentence-final full stop.
    words = paragraph.split()
    return len(words) <= _SHORT_LINE_WORDS and not paragraph.rstrip().endswith(".")
