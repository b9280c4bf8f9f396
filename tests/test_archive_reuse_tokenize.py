"""The tokeniser's fast path (plain scripts) gives exactly the tokens of the full pattern.

The archive fingerprints every article at ingest, so tokenising is on the ingest path; the
fast path must never change a token, or stored fingerprints would silently disagree.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.reuse import normalize as N
from newstrace.reuse._marks import MARK_RANGES


def _full(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in N._TOKEN_RE.finditer(text)]


def _plain(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in N._PLAIN_TOKEN_RE.finditer(text)]


def test_plain_ranges_hold_no_mark_and_no_spaceless_character():
    for a, b in N._PLAIN_RANGES:
        for cp in range(a, b + 1):
            assert not N._in_ranges(cp, MARK_RANGES), hex(cp)
            assert not N._in_ranges(cp, N._SPACELESS_RANGES), hex(cp)


_PLAIN_CHARS = st.one_of(
    st.sampled_from(list("abcXYZ09 _-.,'’ʼ\n\"“”—")),
    st.sampled_from("éßøłŁçžЖжЯяΩωάñĳǅ€№ℓ…ẞạ"),
    st.characters(max_codepoint=0x2FF),
    st.characters(min_codepoint=0x370, max_codepoint=0x3FF),
    st.characters(min_codepoint=0x400, max_codepoint=0x482),
    st.characters(min_codepoint=0x2000, max_codepoint=0x206F),
)


@settings(max_examples=400, deadline=None)
@given(st.text(_PLAIN_CHARS, max_size=80))
def test_fast_path_equals_full_pattern_on_plain_text(text):
    assert N._ODD_RE.search(text) is None
    assert _plain(text) == _full(text)


@given(st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_tokenize_matches_the_full_pattern_on_any_text(text):
    toks = N.tokenize(text)
    assert [(text[s:e], s, e) for s, e in zip(toks.starts, toks.ends)] == _full(text)


def test_odd_characters_send_text_to_the_full_pattern():
    for text in ("cafe\u0301 au lait", "東京で会議", "Привет\u0483 мир", "naïve"):
        toks = N.tokenize(text)
        assert [(text[s:e], s, e) for s, e in zip(toks.starts, toks.ends)] == _full(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_token_hashes_equal_the_hashes_of_tokenize(text):
    assert N.token_hashes(text).tolist() == N.tokenize(text).hashes.tolist()


def test_token_hashes_on_mixed_scripts():
    text = "Le président a dit « non » — 東京都 ran 5-by-7-inch café's Ελλάδα naïve"
    assert N.token_hashes(text).tolist() == N.tokenize(text).hashes.tolist()
    assert len(N.token_hashes(text)) == len(N.tokenize(text)) > 10
