"""compare_quote: the kernel of quote tracing (identical / trimmed / extended / altered / none)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.article import Article
from newstrace.claims import compare_quote, extract_quotes

EARLIER = (
    "Belarusian Foreign Minister Vladimir Makei said after meeting the US Secretary of State in Minsk: "
    "“We would welcome a more active role of the USA in Belarus,” and added that the talks would go on."
)


def test_seed_quote_is_extended(seed_text):
    """The seed's model case: the first sentence of the foreign-ministry quote has an earlier
    source; the two sentences after it do not and are marked as extra."""
    q = next(q for q in extract_quotes(Article(text=seed_text)) if q.text.startswith("We would welcome"))
    m = compare_quote(q.text, EARLIER)
    assert m.status == "extended"
    assert len(m.extra) == 1
    b, e = m.extra[0]
    extra = q.text[b:e]
    assert extra.startswith("Based on the role the United States plays")
    assert extra.endswith("was noted")
    assert "We would welcome" not in extra
    # the matched run is the first sentence, found in the earlier text
    (qb, qe, eb, ee), = m.matched
    assert q.text[qb:qe] == "We would welcome a more active role of the USA in Belarus"
    assert EARLIER[eb:ee] == "We would welcome a more active role of the USA in Belarus"
    json.dumps(m.to_dict())


def test_identical_ignores_punctuation_case_and_quote_style():
    assert compare_quote("we would welcome a more active role of the USA in Belarus.", EARLIER).status == "identical"


def test_trimmed_at_the_end_and_with_ellipsis():
    m = compare_quote("We would welcome a more active role", EARLIER)
    assert m.status == "trimmed"
    assert [EARLIER[b:e] for b, e in m.missing] == ["of the USA in Belarus"]
    assert compare_quote("We would welcome a more active role … in Belarus", EARLIER).status == "trimmed"


def test_a_changed_word_is_altered():
    assert compare_quote("We would welcome a much more active role of the USA in Belarus", EARLIER).status == "altered"
    assert compare_quote("We would welcome a more active role of Russia in Belarus", EARLIER).status == "altered"


def test_unrelated_is_none():
    m = compare_quote("Prices of gas will rise sharply next winter across Europe", EARLIER)
    assert m.status == "none"
    assert m.matched == ()


def test_earlier_quote_given_on_its_own():
    assert compare_quote("a more active role of the USA", "We would welcome a more active role of the USA in Belarus").status == "trimmed"
    m = compare_quote(
        "We would welcome a more active role of the USA in Belarus. The talks were very useful.",
        "We would welcome a more active role of the USA in Belarus",
    )
    assert m.status == "extended"


def test_empty_inputs():
    assert compare_quote("", EARLIER).status == "none"
    assert compare_quote("Some words here", "").status == "none"


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200), st.text(max_size=300))
def test_spans_are_valid(quote, earlier):
    m = compare_quote(quote, earlier)
    assert m.status in ("identical", "trimmed", "extended", "altered", "none")
    for qb, qe, eb, ee in m.matched:
        assert 0 <= qb < qe <= len(quote) and 0 <= eb < ee <= len(earlier)
    for b, e in m.extra:
        assert 0 <= b < e <= len(quote)
    for b, e in m.missing:
        assert 0 <= b < e <= len(earlier)
    assert 0.0 <= m.coverage <= 1.0
