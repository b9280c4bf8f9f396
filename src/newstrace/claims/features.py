"""Sentence features for the check-worthiness model: hashed n-grams plus hand features.

Pure Python + numpy so that scoring needs no scikit-learn: training (bench/train_checkworthy.py)
and scoring call the same functions, which is what keeps the shipped weights valid. The hash
is CRC-32 (stable across processes and Python versions, unlike `hash()`).

Changing anything here changes what the stored weights mean: bump FEATURE_VERSION, and the
model loader refuses weights trained with another version.
"""

from __future__ import annotations

import math
import re
import zlib
from dataclasses import dataclass

import numpy as np

from .lexicon import (
    CAUSAL_RE,
    FIRST_PERSON,
    HEDGE_RE,
    OPINION_RE,
    SPEECH_RE,
)

FEATURE_VERSION = 1

_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
_DIGITS = re.compile(r"\d")
_NUMBER = re.compile(r"\d")
_NUMERIC = re.compile(
    r"\d[\d,.]*\s*(?:%|percent|per cent|million|billion|trillion|thousand|hundred|dollars?|"
    r"km|kilomet(?:er|re)s?|miles?|years?|months?|days?|people|jobs|times)\b|[$€£]\s?\d",
    re.IGNORECASE,
)
_NUMBER_WORDS = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|billion|"
    r"trillion|half|third|quarter|dozen|percent|twice|double|triple)\b",
    re.IGNORECASE,
)
_CAP_WORD = re.compile(r"(?<=[\w,;:] )[A-Z][\w’'-]+")
_PAST = re.compile(r"\b\w{3,}ed\b")
_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b")
_COMPARATIVE = re.compile(r"\b(?:more|less|fewer|most|least|\w+est|higher|lower|larger|smaller|bigger)\b", re.I)

HAND_FEATURES = (
    "has_digit",
    "numeric_expression",
    "number_word",
    "year",
    "capitalised_words",
    "speech_verb",
    "hedge",
    "opinion_marker",
    "causal_marker",
    "first_person",
    "second_person",
    "question",
    "exclamation",
    "log_length",
    "short",
    "past_tense",
    "comparative",
)


@dataclass(frozen=True)
class FeatureSpec:
    """How text becomes hashed n-grams; stored with the model so scoring matches training."""

    bits: int = 20
    word_min: int = 1
    word_max: int = 2
    char_min: int = 2
    char_max: int = 5

    @property
    def size(self) -> int:
        return 1 << self.bits

    def to_dict(self) -> dict[str, int]:
        return {
            "bits": self.bits,
            "word_min": self.word_min,
            "word_max": self.word_max,
            "char_min": self.char_min,
            "char_max": self.char_max,
        }


def tokens(text: str) -> list[str]:
    """Lower-case word and punctuation tokens; every digit becomes 0 so numbers generalise."""
    return [_DIGITS.sub("0", t) for t in _TOKEN.findall(text.lower())]


def ngram_counts(text: str, spec: FeatureSpec) -> dict[int, int]:
    """Hashed counts of word n-grams and within-word character n-grams of one text."""
    mask = spec.size - 1
    counts: dict[int, int] = {}
    toks = tokens(text)
    crc = zlib.crc32
    for n in range(spec.word_min, spec.word_max + 1):
        for i in range(len(toks) - n + 1):
            h = crc(("w" + " ".join(toks[i : i + n])).encode("utf-8")) & mask
            counts[h] = counts.get(h, 0) + 1
    for tok in toks:
        padded = " " + tok + " "
        length = len(padded)
        for n in range(spec.char_min, min(spec.char_max, length) + 1):
            for i in range(length - n + 1):
                h = crc(("c" + padded[i : i + n]).encode("utf-8")) & mask
                counts[h] = counts.get(h, 0) + 1
    return counts


def hand_features(text: str) -> np.ndarray:
    """Dense features in [0, 1] that n-grams capture poorly: numbers, names, attribution."""
    words = text.split()
    n = max(len(words), 1)
    low = text.lower()
    toks = set(re.findall(r"[\w’']+", low))
    caps = len(_CAP_WORD.findall(text))
    values = (
        1.0 if _NUMBER.search(text) else 0.0,
        1.0 if _NUMERIC.search(text) else 0.0,
        1.0 if _NUMBER_WORDS.search(text) else 0.0,
        1.0 if _YEAR.search(text) else 0.0,
        min(caps / 4.0, 1.0),
        1.0 if SPEECH_RE.search(text) else 0.0,
        min(len(HEDGE_RE.findall(text)) / 2.0, 1.0),
        min(len(OPINION_RE.findall(text)) / 2.0, 1.0),
        1.0 if CAUSAL_RE.search(text) else 0.0,
        1.0 if toks & FIRST_PERSON else 0.0,
        1.0 if toks & {"you", "your", "yours"} else 0.0,
        1.0 if text.rstrip().endswith("?") else 0.0,
        1.0 if "!" in text else 0.0,
        min(math.log1p(n) / math.log1p(80), 1.0),
        1.0 if n <= 6 else 0.0,
        min(len(_PAST.findall(low)) / 3.0, 1.0),
        1.0 if _COMPARATIVE.search(text) else 0.0,
    )
    return np.asarray(values, dtype=np.float32)


def ngram_matrix(texts: list[str], spec: FeatureSpec) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """CSR parts (indptr, indices, raw counts) of the hashed n-gram counts of many texts."""
    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    for text in texts:
        counts = ngram_counts(text, spec)
        keys = sorted(counts)
        indices.extend(keys)
        data.extend(counts[k] for k in keys)
        indptr.append(len(indices))
    return (
        np.asarray(indptr, dtype=np.int64),
        np.asarray(indices, dtype=np.int32),
        np.asarray(data, dtype=np.float32),
    )
