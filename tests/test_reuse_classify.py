"""Quotation regions and passage kinds."""

from __future__ import annotations

from test_reuse_texts import DISTRACTOR, ORIGINAL

from newstrace.reuse.align import align
from newstrace.reuse.classify import (
    COPIED_PROSE,
    SHARED_QUOTATION,
    inside_flags,
    passage_kind,
    quote_regions,
)
from newstrace.reuse.normalize import tokenize


def _quoted(text: str) -> list[str]:
    return [text[b:e] for b, e in quote_regions(text)]


def test_quote_styles():
    assert _quoted("He said “yes, we will” and left.") == ["yes, we will"]
    assert _quoted('He said "yes, we will" and left.') == ["yes, we will"]
    assert _quoted("Er sagte „ja, wir werden“ und ging.") == ["ja, wir werden"]
    assert _quoted("Il a dit « oui, nous le ferons » puis est parti.") == [" oui, nous le ferons "]
    assert _quoted("Han sa »ja, vi vil« och gick.") == ["ja, vi vil"]
    assert _quoted("彼は「はい」と言った。") == ["はい"]
    assert _quoted("She called it ‘a disgrace’ and the board’s chair agreed.") == ["a disgrace"]


def test_apostrophes_are_not_quotes():
    assert _quoted("The board’s chair didn’t agree with Belarus’ minister.") == []


def test_unclosed_quote_runs_to_the_end_of_its_paragraph_only():
    text = "“This is the first part of a long statement.\n\n“And this continues it,” she said.\n\nNo quote here."
    got = _quoted(text)
    assert got[0] == "This is the first part of a long statement."
    assert got[1] == "And this continues it,"
    assert len(got) == 2


def test_stray_closing_mark_is_ignored():
    assert _quoted("No opener here” but text goes on.") == []


def test_shared_quotation_vs_copied_prose():
    q, d = tokenize(DISTRACTOR), tokenize(ORIGINAL)
    qi = inside_flags(q, quote_regions(DISTRACTOR))
    di = inside_flags(d, quote_regions(ORIGINAL))
    (a,) = align(q, d)
    assert passage_kind(a, qi, di) == SHARED_QUOTATION

    copy = ORIGINAL.split("\n\n")[1] + " " + ORIGINAL.split("\n\n")[2]
    q2 = tokenize(copy)
    (b,) = align(q2, d)
    assert passage_kind(b, inside_flags(q2, quote_regions(copy)), di) == COPIED_PROSE


def test_two_quotes_joined_by_the_same_words_are_copied_structure():
    src = "“First we will rebuild the pier and the road,” she said. “Then we will reopen the old station.”"
    copy = "Reporters heard it. " + src
    q, d = tokenize(copy), tokenize(src)
    (a,) = align(q, d)
    kind = passage_kind(a, inside_flags(q, quote_regions(copy)), inside_flags(d, quote_regions(src)))
    assert kind == COPIED_PROSE


def test_quote_in_one_text_and_prose_in_the_other_is_prose():
    src = "The minister said the new bridge across the river would open before the winter."
    copy = "“The new bridge across the river would open before the winter,” the minister said."
    q, d = tokenize(copy), tokenize(src)
    (a,) = align(q, d)
    kind = passage_kind(a, inside_flags(q, quote_regions(copy)), inside_flags(d, quote_regions(src)))
    assert kind == COPIED_PROSE
