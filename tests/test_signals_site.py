"""Site signals on synthetic articles, the Signal type, and the provenance hook."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, strategies as st

from newstrace.article import Article, Boilerplate
from newstrace.signals import Signal, site_signals, uncredited_copy_signal, url_date
from newstrace.signals.site import copyright_notices, parse_published

BODY = "The minister spoke on Monday. He said the talks would go on.\n\nOfficials did not comment."


def kinds(article: Article) -> dict[str, Signal]:
    return {s.kind: s for s in site_signals(article)}


def test_plain_text_without_metadata_gets_info_level_byline_and_date():
    got = kinds(Article(text=BODY))
    assert got["no_byline"].severity == "info" and "no page metadata" in got["no_byline"].message
    assert got["no_date"].severity == "info"
    assert "url_date_mismatch" not in got and "copyright_notice" not in got


def test_web_page_without_byline_or_date():
    got = kinds(Article(text=BODY, url="https://example.com/news/story"))
    assert got["no_byline"].severity == "low"
    assert got["no_date"].severity == "low"


def test_signed_and_dated_page_has_no_byline_or_date_signal():
    got = kinds(Article(text=BODY, url="https://example.com/2021/03/04/story", authors=("Jane Roe",), published="2021-03-04T08:00:00+01:00"))
    assert not got


@pytest.mark.parametrize("author", ["admin", "Staff", "News Desk", "editorial team", "Example", "example.com"])
def test_generic_bylines(author):
    got = kinds(Article(text=BODY, url="https://www.example.com/a", authors=(author,), published="2021-01-01"))
    assert got["generic_byline"].severity == "low"


def test_a_person_is_not_a_generic_byline():
    got = kinds(Article(text=BODY, url="https://www.example.com/a", authors=("Admin Staffordshire-Jones",), published="2021-01-01"))
    assert "generic_byline" not in got


@pytest.mark.parametrize(
    "url,published,expected",
    [
        ("https://x.com/2020/05/12/story", "2020-05-12T23:30:00-05:00", None),  # same day, other zone
        ("https://x.com/2020/05/12/story", "2020-05-13", None),  # a day of slack
        ("https://x.com/2020/05/12/story", "2020-05-15", "low"),
        ("https://x.com/2020/05/12/story", "2020-09-01T10:00:00Z", "medium"),
        ("https://x.com/news/2020-05-12-belarus-nato", "2019-05-12", "medium"),
        ("https://x.com/archive/20200512/belarus", "2020-05-20", "low"),
        ("https://x.com/2020/05/belarus", "2020-05-31", None),  # month precision
        ("https://x.com/2020/05/belarus", "2020-06-01", None),  # a day past the month
        ("https://x.com/2020/05/belarus", "2020-07-15", "medium"),
        ("https://x.com/2020/02/31/belarus", "2020-02-10", None),  # no such day: the month stands
        ("https://x.com/2020/02/31/belarus", "2021-01-01", "medium"),
        ("https://x.com/story/123456", "2021-01-01", None),
    ],
)
def test_url_date_against_published(url, published, expected):
    got = kinds(Article(text=BODY, url=url, authors=("A. Writer",), published=published))
    sig = got.get("url_date_mismatch")
    assert (sig.severity if sig else None) == expected
    if sig:
        assert sig.evidence["published"] == published and sig.evidence["days_apart"] > 1


def test_url_date_parsing():
    assert url_date("https://x.com/2020/05/12/a") == (date(2020, 5, 12), "day")
    assert url_date("x.com/2020/5/2/a") == (date(2020, 5, 2), "day")
    assert url_date("https://x.com/2020/05/") == (date(2020, 5, 1), "month")
    assert url_date("https://x.com/a-2020_05_12") == (date(2020, 5, 12), "day")
    assert url_date("https://x.com/id/1234567890") is None
    assert url_date(None) is None


def test_unreadable_published_date_is_reported():
    got = kinds(Article(text=BODY, url="https://x.com/a", authors=("A",), published="yesterday"))
    assert got["no_date"].severity == "low" and "yesterday" in got["no_date"].message
    assert parse_published("2020-05-12T10:00:00Z") == date(2020, 5, 12)
    assert parse_published("2020-05-12") == date(2020, 5, 12)


def test_copyright_from_boilerplate():
    art = Article(text=BODY, boilerplate=(Boilerplate("copyright", "© 2020, GDC. Unauthorized use is strictly prohibited."),))
    sig = kinds(art)["copyright_notice"]
    assert sig.severity == "info" and sig.evidence["holders"] == ["GDC"] and sig.evidence["years"] == [2020]
    assert sig.spans == ()


def test_copyright_line_left_in_text_is_found_with_its_span():
    text = BODY + "\n\nCopyright 2021 Example Media Ltd. All rights reserved."
    art = Article(text=text)
    sig = kinds(art)["copyright_notice"]
    (b, e), = sig.spans
    assert art.text[b:e].startswith("Copyright 2021")
    assert sig.evidence["holders"] == ["Example Media Ltd"]


def test_an_article_about_copyright_is_not_a_notice():
    art = Article(text="The copyright office said the ruling on copyright terms will be appealed.")
    assert copyright_notices(art) == []


def test_uncredited_copy_signal():
    art = Article(text="x" * 1000)
    sig = uncredited_copy_signal(art, [(0, 200), (150, 250)], source_url="https://www.source.example/2020/05/01/a", source_published="2020-05-01")
    assert sig.kind == "uncredited_copy" and sig.severity == "medium"
    assert sig.evidence["copied_chars"] == 250 and sig.evidence["source_domain"] == "source.example"
    big = uncredited_copy_signal(art, [(0, 400)], source_url="https://source.example/a")
    assert big.severity == "high"
    claimed = Article(text="x" * 1000, boilerplate=(Boilerplate("copyright", "© 2020 Copycat"),))
    assert uncredited_copy_signal(claimed, [(0, 10)]).severity == "high"
    with pytest.raises(ValueError, match=art.id):
        uncredited_copy_signal(art, [(990, 1010)])


def test_signal_validates_and_round_trips():
    with pytest.raises(ValueError, match="severity"):
        Signal("x", "severe", "m")
    with pytest.raises(ValueError, match="span"):
        Signal("x", "low", "m", spans=((5, 2),))
    with pytest.raises(ValueError, match="target"):
        Signal("x", "low", "m", target="body")


@given(
    kind=st.text(min_size=1, max_size=20),
    severity=st.sampled_from(["info", "low", "medium", "high"]),
    spans=st.lists(st.tuples(st.integers(0, 1000), st.integers(0, 1000)).map(lambda t: (min(t), max(t))), max_size=5),
    evidence=st.dictionaries(st.text(max_size=10), st.one_of(st.integers(), st.text(max_size=10), st.none(), st.lists(st.integers(), max_size=3))),
    target=st.sampled_from(["text", "title"]),
)
def test_signal_dict_round_trip(kind, severity, spans, evidence, target):
    sig = Signal(kind, severity, "message", spans=tuple(spans), evidence=evidence, target=target)
    assert Signal.from_dict(sig.to_dict()) == sig


def test_site_signals_rejects_non_articles():
    with pytest.raises(TypeError, match="Article"):
        site_signals("not an article")  # type: ignore[arg-type]
