"""Subject entities of a claim: the named things it is about, by capitalisation.

No NER model: in English news prose, names of people, places, organisations and events are
capitalised runs ("US Secretary of State", "Ministry of Foreign Affairs of Belarus", "NATO").
A run that opens a sentence loses leading words that are only capitalised because they open
it ("The", "However", "In").
"""

from __future__ import annotations

import re

from .lexicon import MONTHS, NOT_NAME_WORDS

_RUN = re.compile(
    r"(?:[A-Z][\w’'.&-]*|\d+[A-Z][\w-]*)"  # a capitalised word (or 5G, 9/11-like tokens)
    r"(?:\s+(?:(?:of|of the|for|de|del|van|von|al|bin|on|upon)\s+)?(?:[A-Z][\w’'.&-]*|\d+))*"
)
_LEADING = frozenset(w.capitalize() for w in NOT_NAME_WORDS) | {"The", "A", "An", "It", "This", "That", "But", "And", "Yet", "So"}
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


def entities(text: str, begin: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """Capitalised names in text[begin:end] as (name, begin, end), in order, de-duplicated."""
    end = len(text) if end is None else end
    out: list[tuple[str, int, int]] = []
    seen: set[str] = set()
    for m in _RUN.finditer(text, begin, end):
        words = list(re.finditer(r"\S+", m.group()))
        b = m.start()
        # drop leading words that are capitalised only because they start a sentence or are
        # function words ("The visit of the US Secretary" -> "US Secretary ...")
        while words and (words[0].group().strip(".,") in _LEADING or words[0].group().lower() in ("of", "for", "on")):
            words.pop(0)
        if not words:
            continue
        b = m.start() + words[0].start()
        e = m.start() + words[-1].end()
        name = text[b:e].rstrip(".,;:")
        e = b + len(name)
        for suffix in ("’s", "'s", "’", "'"):
            if name.endswith(suffix):
                name = name[: -len(suffix)]
                e -= len(suffix)
        low = name.lower()
        if not name or low in NOT_NAME_WORDS or low in MONTHS or low in _WEEKDAYS or len(name) < 2:
            continue
        if low in seen:
            continue
        seen.add(low)
        out.append((name, b, e))
    return out
