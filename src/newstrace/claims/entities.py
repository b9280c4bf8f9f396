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
# Organisations that NOT_NAME_WORDS lists because they are never a person's name are still
# subjects of a claim.
_ORG_NAMES = frozenset("nato eu un bbc cnn reuters ap afp".split())
_STOP = NOT_NAME_WORDS - _ORG_NAMES
# Words capitalised only because they open a sentence; stripped from the front of a run.
_FUNCTION = frozenset(
    """the a an this that these those it he she they we i you his her their our my its but and
    or so yet however meanwhile when while if as after before since then there here in on at
    for from by with without about of to into over under according although also though
    because despite during even still now first last next where what which who how why once
    until unless whether both either neither each every some any many much more most other
    such only just not no all one two three four five six seven eight nine ten""".split()
)
_LEADING = frozenset(w.capitalize() for w in _FUNCTION) | frozenset(m.capitalize() for m in MONTHS) | {
    d.capitalize() for d in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
}
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
        if not name or low in _STOP or low in MONTHS or low in _WEEKDAYS or len(name) < 2:
            continue
        if low in seen:
            continue
        seen.add(low)
        out.append((name, b, e))
    return out
