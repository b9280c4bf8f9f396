from hypothesis import given, strategies as st

from newstrace.article import Article, article_id, normalize_text
from newstrace.segment import paragraphs, sentences


def _split(text):
    return [text[b:e] for b, e in sentences(text)]


def test_titles_and_honorifics_do_not_end_sentences():
    assert _split("Mr. Smith met Gen. Belokonev in Minsk. They talked.") == [
        "Mr. Smith met Gen. Belokonev in Minsk.",
        "They talked.",
    ]


def test_dotted_acronyms():
    assert _split("The U.S. Army said it would go. He moved to the U.S. The next day he left.") == [
        "The U.S. Army said it would go.",
        "He moved to the U.S.",
        "The next day he left.",
    ]


def test_closing_quote_after_full_stop_stays_with_sentence():
    text = 'He said: "It is over." She disagreed! “We are ready.” Prices rose 3.5 per cent.'
    assert _split(text) == ['He said: "It is over."', "She disagreed!", "“We are ready.”", "Prices rose 3.5 per cent."]


def test_initials_and_ellipsis():
    assert _split("J. R. Smith wrote it... Then what? Nobody knows.") == [
        "J. R. Smith wrote it...",
        "Then what?",
        "Nobody knows.",
    ]


def test_quote_spanning_two_sentences_is_split_inside():
    text = "“Belarus is ready for joint exercises with NATO. There are talks on possible formats,” Belokonev told Nasha Niva newspaper."
    assert _split(text) == [
        "“Belarus is ready for joint exercises with NATO.",
        "There are talks on possible formats,” Belokonev told Nasha Niva newspaper.",
    ]


def test_sentences_never_cross_paragraphs():
    text = "First para without stop\n\nSecond para. Two sentences."
    assert _split(text) == ["First para without stop", "Second para.", "Two sentences."]


def test_paragraphs_by_single_newlines_when_no_blank_lines():
    text = "One.\nTwo.\nThree."
    assert [text[b:e] for b, e in paragraphs(text)] == ["One.", "Two.", "Three."]


def test_seed_segmentation(seed_text):
    a = Article(text=seed_text)
    paras = a.paragraph_texts()
    assert paras[0].startswith("Russia’s close ally Belarus")
    sents = a.sentence_texts()
    assert "Belarus defense chief Oleg Belokonev said his country is open to participating in joint exercises with NATO." in sents
    assert any(s.startswith("“Belarus is ready for joint exercises with NATO.") for s in sents)


@given(st.text(max_size=400))
def test_offsets_are_valid_and_ordered(text):
    a = Article(text=text)
    last = 0
    for b, e in a.sentences:
        assert 0 <= b < e <= len(a.text)
        assert b >= last
        last = e
        assert a.text[b:e] == a.text[b:e].strip()
    for b, e in a.paragraphs:
        assert 0 <= b < e <= len(a.text)


@given(st.text(max_size=300))
def test_normalize_is_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


def test_article_ids_are_stable_and_url_sensitive():
    assert article_id("https://a.example/x", "Text.") == article_id("https://a.example/x", "Text.")
    assert article_id("https://a.example/x", "Text.") != article_id("https://b.example/x", "Text.")
    assert Article(text="Same text.").id == Article(text="Same  text.\r\n").id


def test_article_dict_round_trip():
    a = Article(text="Hello world. Bye.", title="T", url="https://www.kestrel.example/a", authors=("A B",))
    assert a.domain == "kestrel.example"
    assert Article.from_dict(a.to_dict()) == a
