"""Language of an article: the page's own declaration, or offline detection.

Detection uses py3langid (a maintained fork of langid.py whose model ships inside the
package, so nothing is downloaded). The model is loaded on first use (about 0.8 s once),
and only the first `_SAMPLE_CHARS` characters are classified, which keeps the cost per
article small (see bench/read_bench.py for the figure). When py3langid is not installed,
detection returns None and the article's language stays unknown.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any, Iterable

logger = logging.getLogger(__name__)

# Enough text for a confident guess on news prose; more only costs time.
_SAMPLE_CHARS = 600
_MIN_CHARS = 40
# Normalised probability under which we would rather say nothing.
_MIN_CONFIDENCE = 0.5
_LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(?=$|[-_])")


@lru_cache(maxsize=1)
def _identifier() -> Any | None:
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError:
        logger.info("py3langid is not installed: language detection is off")
        return None
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(paragraphs: Iterable[str] | str) -> str | None:
    """ISO 639-1 code of the text's language, or None when unsure or unavailable."""
    if isinstance(paragraphs, str):
        sample = paragraphs[:_SAMPLE_CHARS]
    else:
        parts: list[str] = []
        size = 0
        for p in paragraphs:
            parts.append(p)
            size += len(p) + 1
            if size >= _SAMPLE_CHARS:
                break
        sample = " ".join(parts)[:_SAMPLE_CHARS]
    if len(sample.strip()) < _MIN_CHARS:
        return None
    ident = _identifier()
    if ident is None:
        return None
    lang, confidence = ident.classify(sample)
    if confidence < _MIN_CONFIDENCE:
        return None
    return str(lang)


def normalize_language_tag(tag: str | None) -> str | None:
    """Primary subtag of a BCP 47 tag, lower-cased: "de-DE" -> "de", "en_US" -> "en"."""
    if not tag:
        return None
    m = _LANG_TAG.match(tag.strip())
    return m.group(0).lower() if m else None
