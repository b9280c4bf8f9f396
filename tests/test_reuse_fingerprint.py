"""Tokens and fingerprints: normalisation, golden hashes, winnowing guarantee, versioning."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.errors import ArchiveError
from newstrace.reuse.fingerprint import (
    FINGERPRINT_VERSION,
    NGRAM,
    WINDOW,
    check_version,
    content_mask,
    index_fingerprints,
    ngram_hashes,
    query_fingerprints,
    winnow,
)
from newstrace.reuse.normalize import tokenize

GOLDEN_TEXT = (
    "The Harbour Council voted on Tuesday to close the old ferry terminal, "
    "ending ninety years of service to the islands."
)
# Pinned values: if this test fails, the fingerprint function changed. Archives built
# with the old function can no longer be compared: bump FINGERPRINT_VERSION (so that
# check_version refuses them) and update these values in the same change.
GOLDEN_VERSION = 1
GOLDEN_INDEX = [
    (2277177160823027503, 1),
    (1764972205938695037, 4),
    (1666043812324925791, 7),
    (1568893307420935875, 11),
    (3648866401044205335, 12),
    (4346496200112030147, 16),
]
GOLDEN_QUERY_HEAD = [(6521560112352174058, 0), (2277177160823027503, 1), (3915810036836347197, 2)]
GOLDEN_TOKEN_HASHES = [17503054284493738995, 9476805815891234660, 15861456142939173403]


def test_golden_fingerprints_are_pinned():
    assert FINGERPRINT_VERSION == GOLDEN_VERSION
    t = tokenize(GOLDEN_TEXT)
    assert index_fingerprints(t).pairs() == GOLDEN_INDEX
    assert query_fingerprints(t).pairs()[:3] == GOLDEN_QUERY_HEAD
    t2 = tokenize("Министр обороны заявил: «Мы готовы». 北京欢迎你 Café’s naïve ﬁnal")
    assert t2.hashes[:3].tolist() == GOLDEN_TOKEN_HASHES


def test_hashes_fit_sqlite_integer():
    t = tokenize(GOLDEN_TEXT * 5)
    h = ngram_hashes(t)
    assert h.dtype == np.int64
    assert (h >= 0).all()  # 63-bit: always a valid signed SQLite INTEGER


def test_normalisation_case_quotes_accents_dashes():
    a = tokenize("“Café” — it’s NAÏVE, isn't it? Full‐width ＡＢＣ and the ﬁnal word")
    b = tokenize('"cafe" - its naive, isnt it? full width abc and the final word')
    assert a.norm == b.norm
    assert a.hashes.tolist() == b.hashes.tolist()


def test_offsets_point_into_the_original_text():
    text = "Belarus’ defence chief — Oleg Belokonev — didn't say “no”."
    t = tokenize(text)
    for n, s, e in zip(t.norm, t.starts, t.ends):
        assert text[s:e]  # a real slice
    assert [text[s:e] for s, e in zip(t.starts, t.ends)][:3] == ["Belarus", "defence", "chief"]
    assert "didn't" in [text[s:e] for s, e in zip(t.starts, t.ends)]


def test_spaceless_scripts_become_character_tokens():
    t = tokenize("北京欢迎你 and ภาษาไทย")
    assert t.norm[:5] == ["北", "京", "欢", "迎", "你"]
    assert t.spaceless[:5] == [True] * 5
    assert t.weight(0, 5) == 2.5  # a character counts half a word
    # Thai vowel marks stay attached to their letter
    thai = [x for x, sp in zip(t.norm, t.spaceless) if sp][5:]
    assert "".join(thai) == "ภาษาไทย"


def test_devanagari_words_keep_their_marks():
    t = tokenize("हिन्दी समाचार")
    assert t.norm == ["हिन्दी", "समाचार"]


def test_stopword_only_ngrams_are_not_indexed():
    t = tokenize("it was one of the most of the time")
    mask = content_mask(t)
    assert not mask.any()
    assert len(index_fingerprints(t)) == 0


def test_short_texts_have_no_fingerprints_but_do_not_fail():
    for text in ["", "Word", "two words", "three more words"]:
        t = tokenize(text)
        assert len(ngram_hashes(t)) == max(0, len(t) - NGRAM + 1)
        assert len(index_fingerprints(t)) == 0


def test_check_version():
    check_version(FINGERPRINT_VERSION)
    check_version(None)
    with pytest.raises(ArchiveError, match="rebuild"):
        check_version(FINGERPRINT_VERSION + 1, where="archive.sqlite")


def _random_text(rng: random.Random, n: int) -> list[str]:
    vocab = [f"w{i}" for i in range(400)]
    return [rng.choice(vocab) for _ in range(n)]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.integers(0, 60), st.integers(0, 60))
def test_winnowing_guarantee(seed, before, after):
    """Any run of NGRAM + WINDOW - 1 shared content words yields a shared indexed fingerprint."""
    rng = random.Random(seed)
    shared = _random_text(rng, NGRAM + WINDOW - 1)
    a = tokenize(" ".join(_random_text(rng, before) + shared + _random_text(rng, after)))
    b = tokenize(" ".join(_random_text(rng, after) + shared + _random_text(rng, before)))
    ia = set(index_fingerprints(a).hashes.tolist())
    ib = set(index_fingerprints(b).hashes.tolist())
    assert ia & ib


def test_winnow_picks_rightmost_minimum_and_skips_suppressed():
    h = np.array([5, 3, 3, 9, 1, 7], dtype=np.int64)
    keep = np.array([True, True, True, True, False, True])
    # windows [5 3 3] [3 3 9] [3 9 -] [9 - 7]: the tie picks position 2, not 1; 4 never
    assert winnow(h, keep, 3).tolist() == [2, 5]
    assert winnow(h[:2], keep[:2], 4).tolist() == [1]  # shorter than a window: its minimum


def test_index_density_is_about_two_in_window_plus_one():
    rng = random.Random(7)
    t = tokenize(" ".join(_random_text(rng, 5000)))
    density = len(index_fingerprints(t)) / len(t)
    assert 0.3 < density < 0.5  # expected 2 / (WINDOW + 1) = 0.4
