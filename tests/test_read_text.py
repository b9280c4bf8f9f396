"""Plain-text reader and the furniture detector, on the seed article and written inputs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newstrace.article import Article
from newstrace.read import Reason, Rejected, read_text, strip_furniture
from newstrace.read.furniture import classify_tail, classify_whole
from newstrace.read.text import split_paragraphs, split_title

SHARED = Path(os.environ.get("NEWSTRACE_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
SEED = SHARED / "seeds" / "000_c2f207795f66fbd6.txt"


@pytest.mark.skipif(not SEED.exists(), reason=f"shared data not found at {SHARED} (set NEWSTRACE_SHARED)")
def test_seed_title_body_and_exactly_four_footer_blocks() -> None:
    raw = SEED.read_bytes()
    art = read_text(raw, source=str(SEED))
    assert isinstance(art, Article)
    first_line = raw.decode("utf-8").splitlines()[0].strip()
    assert art.title == first_line == "Russia’s close ally Belarus explores training opportunity with NATO"

    paras = art.paragraph_texts()
    assert paras[0].startswith("Belarus intends to replace Russia")
    assert paras[-1].startswith("Belarus is a border state with Russia")
    assert "missile defense systems in Belarus" in paras[-1]
    assert len(paras) == 9
    assert "©" not in art.text and "Akismet" not in art.text and "Leave a Reply" not in art.text

    removed = [(b.kind, b.text) for b in art.boilerplate]
    assert len(removed) == 4
    assert removed[0][0] == "copyright" and removed[0][1].startswith("© 2020, GDC.")
    assert "Unauthorized use and/or duplication" in removed[0][1]
    assert removed[1] == ("comment_form", "Be the first to comment")
    assert removed[2] == ("comment_form", "Leave a Reply")
    assert removed[3][0] == "anti_spam" and removed[3][1].startswith("This site uses Akismet to reduce spam.")
    assert art.language == "en"
    assert art.source == str(SEED)


@pytest.mark.skipif(not SEED.exists(), reason=f"shared data not found at {SHARED} (set NEWSTRACE_SHARED)")
def test_seed_sentences_split_inside_paragraphs() -> None:
    art = read_text(SEED.read_text(encoding="utf-8"))
    assert isinstance(art, Article)
    sents = art.sentence_texts()
    assert sents[0] == "Belarus intends to replace Russia with the United States and NATO."
    assert sents[1].startswith("Belarus defense chief Oleg Belokonev said")
    # the quoted two-sentence remark stays two sentences, each with its quote mark
    assert "“Belarus is ready for joint exercises with NATO." in sents
    for b, e in art.sentences:
        assert not any(pb < b < pe < e for pb, pe in art.paragraphs)  # never crosses a paragraph


def test_mid_article_copyright_mention_is_kept() -> None:
    text = (
        "Court rules on news archive\n\n"
        "A court ruled on Monday that the archive's copyright notice did not cover quotations. "
        "All rights reserved, the judge said, was a phrase that meant little here.\n\n"
        "The publisher said it would appeal the ruling within the month.\n\n"
        "Copyright 2021 Example Media. All rights reserved."
    )
    art = read_text(text)
    assert isinstance(art, Article)
    assert "copyright notice did not cover quotations" in art.text
    assert [b.kind for b in art.boilerplate] == ["copyright"]
    assert art.paragraph_texts()[-1] == "The publisher said it would appeal the ruling within the month."


def test_standalone_furniture_anywhere_and_trailing_block() -> None:
    paras = [
        "Share this:",
        "The council approved the budget on Tuesday after a long debate.",
        "Advertisement",
        "Opposition members said the cuts to libraries went too far.",
        "Facebook Twitter WhatsApp Email",
        "Sign up for our newsletter",
        "Your email address will not be published. Required fields are marked *",
        "Post Comment",
    ]
    kept, removed = strip_furniture(paras)
    assert kept == [paras[1], paras[3]]
    assert [b.kind for b in removed] == ["share", "other", "share", "newsletter", "comment_form", "comment_form"]


def test_related_links_section_is_removed_with_its_headlines() -> None:
    paras = [
        "The ferry service will resume on Monday after repairs to the pier.",
        "Engineers found corrosion in two of the supporting piles last month.",
        "The operator said timetables would be published on its website.",
        "Related posts",
        "Pier repairs to cost £2m",
        "Ferry operator fined over delays",
    ]
    kept, removed = strip_furniture(paras)
    assert kept == paras[:3]
    assert [b.kind for b in removed] == ["navigation"] * 3


def test_headline_list_without_heading_in_body_is_kept() -> None:
    paras = ["Officials gave three reasons:", "- cost", "- delays", "The plan was dropped."]
    kept, removed = strip_furniture(paras)
    assert kept == paras and removed == []


@pytest.mark.parametrize(
    "line,kind",
    [
        ("Leave a Reply Cancel reply", "comment_form"),
        ("Be the first to comment on \"Belarus explores training\"", "comment_form"),
        ("Save my name, email, and website in this browser for the next time I comment.", "comment_form"),
        ("You must be logged in to post a comment.", "comment_form"),
        ("Comments are closed.", "comment_form"),
        ("This site uses Akismet to reduce spam. Learn how your comment data is processed.", "anti_spam"),
        ("Click to share on Twitter (Opens in new window)", "share"),
        ("Like this:", "share"),
        ("Like Loading...", "share"),
        ("Subscribe to our daily newsletter", "newsletter"),
        ("Enter your email address to get updates", "newsletter"),
        ("Read more:", "navigation"),
        ("You may also like", "navigation"),
        ("Home | News | Sport | Weather", "navigation"),
        ("© 2024 Harbour City Chronicle Ltd", "copyright"),
        ("Copyright © 2023 Riverside Notes. Proudly powered by WordPress.", "copyright"),
        ("Example Media 2021. All rights reserved.", "copyright"),
    ],
)
def test_whole_line_furniture_kinds(line: str, kind: str) -> None:
    assert classify_whole(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "Copyright law was at the heart of the case, the lawyer said.",
        "The minister said the newsletter had misquoted him.",
        "Leave aside the cost, and the plan still fails.",
        "More than 400 people attended the meeting on Sunday.",
        "Labour | 412 | +211",
        "Read the full statement below.",
    ],
)
def test_body_sentences_are_not_furniture(line: str) -> None:
    assert classify_whole(line) is None


def test_tail_phrases_inside_a_longer_notice() -> None:
    assert classify_tail("© 2020, GDC. © GDC and Unauthorized use and/or duplication of this material is prohibited.") == "copyright"
    assert classify_tail("Posted in Politics") == "navigation"
    assert classify_tail("The mayor said the plan was final.") is None


def test_title_rule() -> None:
    assert split_title("Short headline here\n\nBody text.")[0] == "Short headline here"
    assert split_title("A full sentence that ends with a stop.\n\nBody text.")[0] == ""
    assert split_title("Only one line")[0] == ""
    assert split_title("# Markdown title\n\nBody text.")[0] == "Markdown title"
    # a first line that is part of a wrapped paragraph is not a title
    assert split_title("The first line of a wrapped\nparagraph continues here.\n\nMore.")[0] == ""
    too_long = " ".join(["word"] * 31)
    assert split_title(f"{too_long}\n\nBody.")[0] == ""


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "Flood defences to be raised\n\n"
        "The Environment Agency will raise the flood wall along the\n"
        "river by half a metre, it said on Thursday.\n\n"
        "Work starts in spring and should take\n"
        "eighteen months.\n"
    )
    art = read_text(text)
    assert isinstance(art, Article)
    assert art.title == "Flood defences to be raised"
    assert art.paragraph_texts() == [
        "The Environment Agency will raise the flood wall along the river by half a metre, it said on Thursday.",
        "Work starts in spring and should take eighteen months.",
    ]


def test_text_without_blank_lines_one_paragraph_per_line_unless_wrapped() -> None:
    text = "First paragraph ends here.\nSecond paragraph starts and\ncontinues on the next line.\nThird one."
    assert split_paragraphs(text) == [
        "First paragraph ends here.",
        "Second paragraph starts and continues on the next line.",
        "Third one.",
    ]


def test_markdown_lists_stay_separate() -> None:
    paras = split_paragraphs("Key points:\n- one thing\n- another thing\n\nEnd of story.")
    assert paras == ["Key points:", "- one thing", "- another thing", "End of story."]


def test_given_title_wins_and_repeated_first_line_is_dropped() -> None:
    text = "Bridge closes for repairs\n\nThe old bridge will close for six weeks from Monday."
    art = read_text(text, title="Bridge closes for repairs", url="https://example.org/bridge")
    assert isinstance(art, Article)
    assert art.title == "Bridge closes for repairs"
    assert art.text == "The old bridge will close for six weeks from Monday."
    assert art.domain == "example.org"


def test_meta_fields_pass_through() -> None:
    art = read_text(
        "Some article text that is long enough to be a paragraph of news.",
        published="2020-05-01",
        published_source="record:date",
        authors=("A. Writer",),
        language="en",
    )
    assert isinstance(art, Article)
    assert art.published == "2020-05-01" and art.authors == ("A. Writer",) and art.language == "en"


def test_cp1251_bytes_are_decoded_and_language_detected() -> None:
    text = (
        "Новый мост откроют в ноябре\n\n"
        "Новый автомобильный мост через реку откроют для движения в конце ноября, "
        "сообщили в городской администрации. Строительство продолжалось почти три года."
    )
    art = read_text(text.encode("cp1251"), source="ru.txt")
    assert isinstance(art, Article)
    assert art.title == "Новый мост откроют в ноябре"
    assert "автомобильный мост" in art.text
    assert art.language == "ru"
    assert art.extra["encoding"] == "cp1251"


def test_bad_inputs_are_rejected_with_reasons() -> None:
    assert read_text(b"", source="empty.txt") == Rejected("empty.txt", Reason.EMPTY_TEXT, "no text")
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
    r = read_text(png, source="img.txt")
    assert isinstance(r, Rejected) and r.reason is Reason.BINARY and "PNG" in r.detail
    only_footer = read_text("Leave a Reply\n\nPost Comment", source="f.txt")
    assert isinstance(only_footer, Rejected) and only_footer.reason is Reason.EMPTY_TEXT
    big = read_text(b"x" * 101, source="big.txt", max_bytes=100)
    assert isinstance(big, Rejected) and big.reason is Reason.TOO_LARGE


def test_damaged_utf8_is_decoded_and_the_bad_offset_recorded() -> None:
    good = "Zoë Lefèvre said the café would stay open. Prices rise by 5 € next week.\n\nThe end is near."
    data = good.encode("utf-8")
    data = data[:10] + b"\xff" + data[10:]
    art = read_text(data, source="damaged.txt")
    assert isinstance(art, Article)
    assert art.extra["decode_errors"] == {"first_bad_byte": 10, "count": 1}
    assert "café" in art.text and "\ufffd" in art.text


def test_bytes_that_fit_no_encoding_are_undecodable_with_offset() -> None:
    import random

    rnd = random.Random(7)
    junk = bytes(rnd.randrange(0x80, 0x100) for _ in range(3000))
    data = b"Title\n\n" + junk
    with pytest.raises(UnicodeDecodeError) as exc:
        data.decode("utf-8")
    r = read_text(data, source="junk.txt")
    assert isinstance(r, Rejected)
    assert r.reason is Reason.UNDECODABLE
    assert f"first bad byte at offset {exc.value.start}" in r.detail


# --- invariants on arbitrary input -------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from newstrace.read import read_html  # noqa: E402
from newstrace.read.decode import Undecodable, decode  # noqa: E402


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=120), max_size=12))
def test_strip_furniture_partitions_its_input(paras: list[str]) -> None:
    kept, removed = strip_furniture(paras)
    assert len(kept) + len(removed) == len(paras)
    it = iter(paras)
    assert all(any(k is p for p in it) for k in kept)  # kept keeps document order


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600))
def test_readers_never_raise_on_arbitrary_bytes(data: bytes) -> None:
    for result in (read_text(data, source="x"), read_html(data, source="x")):
        assert isinstance(result, (Article, Rejected))
        if isinstance(result, Rejected):
            assert result.source == "x" and result.detail


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["utf-8", "utf-16", "cp1252", "cp1251", "latin-1"]))
def test_decode_round_trips_declared_text(text: str, enc: str) -> None:
    try:
        data = text.encode(enc)
    except UnicodeEncodeError:
        return
    try:
        out = decode(data, http_charset=enc)
    except Undecodable:
        raise AssertionError("a declared, valid encoding must decode")
    if enc == "utf-16" or text.isascii() or enc in ("utf-8",):
        assert out.text == text
