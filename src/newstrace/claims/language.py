"""Is this article English? The claim and quote rules (and the model) only read English.

The article's own `language` field wins when a reader set it. Otherwise a cheap test: the
share of very common English function words among the words, and the share of Latin letters.
English news prose runs at 35-50 % function words; other Latin-script languages stay well
below 10 % with this list, so the 15 % cut leaves a wide margin on both sides.
"""

from __future__ import annotations

import re

from ..article import Article

_FUNCTION_WORDS = frozenset(
    """the of and to a in is that for on it with as was he she his her they be by at this are
    from or have has had an not but were which their its been will would who said we our you
    there than also after more about into over can could one up out when them what all these
    new other if no may some only""".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_FUNCTION_SHARE = 0.15
MIN_WORDS_TO_JUDGE = 12


def english_reason(article: Article) -> str | None:
    """None when the article can be analysed as English, else the reason it cannot."""
    lang = (article.language or "").strip().lower()
    if lang:
        if lang == "en" or lang.startswith("en-") or lang.startswith("en_") or lang == "english":
            return None
        return f"language is not English (the article's language is {article.language!r}); claims and quotes are analysed only in English"
    words = _WORD.findall(article.text[:20000])
    if len(words) < MIN_WORDS_TO_JUDGE:
        return None  # too short to judge; the rules are harmless on a few words
    latin = sum(1 for w in words if all("a" <= c.lower() <= "z" for c in w))
    if latin / len(words) < 0.5:
        return f"language does not look like English ({latin}/{len(words)} words in Latin letters); claims and quotes are analysed only in English"
    share = sum(1 for w in words if w.lower() in _FUNCTION_WORDS) / len(words)
    if share < MIN_FUNCTION_SHARE:
        return (
            f"language does not look like English ({share:.0%} common English words, expected at least "
            f"{MIN_FUNCTION_SHARE:.0%}); claims and quotes are analysed only in English"
        )
    return None
