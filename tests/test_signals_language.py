"""Language signals: the seed article, must/must-not cases, headlines, quotations."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from newstrace.article import Article, Boilerplate
from newstrace.signals import headline_claims_missing, headline_drift, language_signals, quote_spans, site_signals
from newstrace.signals.model import Signal


def seed_article(seed_text: str) -> Article:
    """The seed as a plain-text reader sees it: first line the title, the footer as boilerplate."""
    title, _, rest = seed_text.partition("\n")
    paras = [p.strip() for p in rest.split("\n\n") if p.strip()]
    cut = next(i for i, p in enumerate(paras) if p.startswith("©"))
    kinds = {"©": "copyright", "Be the first": "comment_form", "Leave a Reply": "comment_form", "This site uses Akismet": "anti_spam"}
    bp = tuple(Boilerplate(next(k for p0, k in kinds.items() if p.startswith(p0)), p) for p in paras[cut:])
    return Article.from_paragraphs(paras[:cut], title=title, boilerplate=bp, source="seeds/000_c2f207795f66fbd6.txt")


def of_kind(sigs: list[Signal], kind: str) -> list[Signal]:
    return [s for s in sigs if s.kind == kind]


def covering(art: Article, sigs: list[Signal], phrase: str) -> list[Signal]:
    """Signals with a span inside the first occurrence of `phrase`."""
    b = art.text.index(phrase)
    e = b + len(phrase)
    return [s for s in sigs if any(b <= sb and se <= e for sb, se in s.spans)]


def spans_text(art: Article, sig: Signal) -> list[str]:
    src = art.text if sig.target == "text" else art.title
    return [src[b:e] for b, e in sig.spans]


# --------------------------------------------------------------------------- the seed


def test_seed_speculation(seed_text):
    art = seed_article(seed_text)
    spec = of_kind(language_signals(art), "speculation")
    may = covering(art, spec, "may well take steps")
    assert may and "may well" in spans_text(art, may[0])
    obviously = covering(art, spec, "obviously pointing to the fact that")
    assert obviously
    sig = obviously[0]
    assert {"obviously", "pointing to the fact that"} <= set(spans_text(art, sig))
    assert sig.severity == "medium" and "insinuation" in sig.evidence["categories"]
    assert "naturally" in spans_text(art, sig)


def test_seed_loaded_wording(seed_text):
    art = seed_article(seed_text)
    loaded = covering(art, of_kind(language_signals(art), "loaded_language"), "very serious threat")
    assert loaded and spans_text(art, loaded[0]) == ["very serious threat"]
    assert loaded[0].evidence["categories"] == ["alarm"]


def test_seed_unattributed_claims(seed_text):
    art = seed_article(seed_text)
    sigs = of_kind(language_signals(art), "unattributed_assertion")
    assert covering(art, sigs, "Belarus intends to replace Russia")
    assert covering(art, sigs, "led to a successful outcome")
    # The attributed sentences are not flagged.
    assert not covering(art, sigs, "Belarus defense chief Oleg Belokonev said his country is open")


def test_seed_site_signals(seed_text):
    got = {s.kind: s for s in site_signals(seed_article(seed_text))}
    assert got["no_byline"].severity == "info"
    assert got["no_date"].severity == "info"
    assert got["copyright_notice"].evidence["holders"][0] == "GDC"


def test_seed_headline_is_mostly_in_its_body(seed_text):
    art = seed_article(seed_text)
    assert not of_kind(language_signals(art), "headline_not_in_body")


def test_all_seed_spans_are_inside_their_sentence(seed_text):
    art = seed_article(seed_text)
    for s in language_signals(art):
        if s.target == "text":
            sb, se = s.evidence["sentence"]
            assert (sb, se) in art.sentences
            assert all(sb <= b < e <= se for b, e in s.spans)


# --------------------------------------------------------------------------- speculation


def spec_words(text: str) -> list[str]:
    art = Article(text=text)
    return [w for s in of_kind(language_signals(art), "speculation") for w in spans_text(art, s)]


@pytest.mark.parametrize(
    "text,cue",
    [
        ("The talks may resume next week, officials hope.", "may"),
        ("The plant might close by the end of the year.", "might"),
        ("The deal could collapse before the vote.", "could"),
        ("It is likely that prices will rise again.", "likely"),
        ("The suspect apparently fled across the border.", "apparently"),
        ("The minister reportedly met the envoy twice.", "reportedly"),
        ("The leader is believed to be in hiding abroad.", "is believed to"),
        ("The fire seems to have started in the kitchen.", "seems"),
        ("Naturally, the opposition will be blamed for this.", "Naturally"),
    ],
)
def test_speculation_cues(text, cue):
    assert cue in spec_words(text)


@pytest.mark.parametrize(
    "text",
    [
        "The agreement was signed on May 12 in Minsk by both sides.",
        "Theresa May met the delegation in London on Tuesday.",
        "The company could not be reached for comment on Friday.",
        "The country showed its military might in a parade.",
        "The gas is naturally occurring in the region's rocks.",
        "The army crossed the river at dawn and took the town.",
    ],
)
def test_not_speculation(text):
    assert spec_words(text) == []


def test_speculation_inside_quotes_is_info_and_outside_is_not():
    art = Article(text='“We may leave the talks,” the minister said. The talks may well fail, obviously.')
    sev = {s.evidence["sentence"][0]: s.severity for s in of_kind(language_signals(art), "speculation")}
    assert sorted(sev.values()) == ["info", "medium"]


# --------------------------------------------------------------------------- loaded wording


def loaded_words(text: str) -> list[str]:
    art = Article(text=text)
    return [w for s in of_kind(language_signals(art), "loaded_language") for w in spans_text(art, s)]


def test_loaded_wording_categories():
    art = Article(text="The shocking decision by the puppet regime in the capital is a very serious threat to peace.")
    (sig,) = of_kind(language_signals(art), "loaded_language")
    assert spans_text(art, sig) == ["shocking", "puppet", "regime", "very serious threat"]
    assert sig.evidence["categories"] == ["alarm", "pejorative", "sensational"]
    assert sig.severity == "medium"


@pytest.mark.parametrize(
    "text",
    [
        "The new tax regime takes effect in January, the ministry said.",
        "The sanctions regime was extended for six months on Monday.",
        "The village lies on the bank of the river near the border.",
        "The blast damaged three buildings near the station.",
    ],
)
def test_not_loaded(text):
    assert loaded_words(text) == []


# --------------------------------------------------------------------------- unattributed claims


def unattributed(text: str) -> list[Signal]:
    return of_kind(language_signals(Article(text=text)), "unattributed_assertion")


def test_unattributed_claims_are_flagged():
    (sig,) = unattributed("The government intends to close the border with its neighbour next month.")
    assert "intention" in sig.evidence["categories"]
    (weasel,) = unattributed("It is believed the general secretly met the envoy in Vienna.")
    assert weasel.severity == "medium" and "vague_source" in weasel.evidence["categories"]
    (fig,) = unattributed("More than 4,000 soldiers have crossed into the region this week.")
    assert "figure" in fig.evidence["categories"]


@pytest.mark.parametrize(
    "text",
    [
        "The government intends to close the border next month, the interior minister said.",
        "According to the ministry, more than 4,000 soldiers crossed into the region.",
        "“We intend to close the border next month,” he told reporters on Friday.",
        "The minister arrived in Minsk on Tuesday for two days of talks.",
        "Why would the government close the border next month?",
    ],
)
def test_attributed_or_plain_sentences_are_not_flagged(text):
    assert unattributed(text) == []


# --------------------------------------------------------------------------- headlines


BODY = (
    "Belarus defense chief Oleg Belokonev said his country is open to joint exercises with NATO. "
    "He told the Nasha Niva newspaper that talks on possible formats were under way."
)


def test_headline_in_body_gives_nothing():
    assert headline_claims_missing("Belarus open to joint exercises with NATO, defense chief says", BODY) is None


def test_headline_unrelated_to_body_is_medium():
    sig = headline_claims_missing("Apple to launch a cheaper iPhone in March", BODY)
    assert sig is not None and sig.severity == "medium" and sig.target == "title"
    assert sig.evidence["missing_share"] >= 0.7


def test_headline_naming_what_the_body_never_mentions():
    title = "Belarus open to joint exercises with NATO, says Lukashenko"
    sig = headline_claims_missing(title, BODY)
    assert sig is not None and sig.severity == "low"
    assert [title[b:e] for b, e in sig.spans] == ["Lukashenko"]


def test_headline_signal_in_language_signals():
    art = Article(text=BODY, title="Apple to launch a cheaper iPhone in March")
    (sig,) = of_kind(language_signals(art), "headline_not_in_body")
    assert sig.target == "title"


def test_headline_drift_identical_or_restyled_is_none():
    src = "Russia's close ally Belarus explores training opportunity with NATO"
    assert headline_drift(src, src) is None
    assert headline_drift("Russia’s close ally Belarus explores training opportunity with NATO", src) is None


def test_headline_drift_escalation_and_new_names():
    src = "Belarus may host NATO exercises, minister says"
    copy = "Belarus confirms NATO missiles will be deployed near Moscow"
    sig = headline_drift(copy, src)
    assert sig is not None and sig.severity == "high" and sig.target == "title"
    assert "Moscow" in sig.evidence["added_names"]
    assert "confirms" in sig.evidence["escalating"]
    assert "may" in sig.evidence["dropped_hedges"]
    assert all(copy[b:e] in sig.evidence["added"] + sig.evidence["escalating"] for b, e in sig.spans)


def test_headline_drift_dropped_hedge_only_is_medium():
    sig = headline_drift("Belarus will join NATO exercises", "Belarus may join NATO exercises")
    assert sig is not None and sig.severity == "medium" and sig.evidence["dropped_hedges"] == ["may"]


def test_headline_drift_empty_inputs():
    assert headline_drift("", "Belarus may join NATO exercises") is None
    assert headline_drift("Belarus joins NATO", "") is None


# --------------------------------------------------------------------------- quotations


def test_quote_spans():
    text = '“One,” he said. She said "two words" and \'three\' — it wasn\'t four. The students\' union met.'
    got = [text[b:e] for b, e in quote_spans(text)]
    assert got == ["“One,”", '"two words"', "'three'"]


def test_quote_open_at_paragraph_start_runs_to_its_end():
    text = "“We are ready. We will talk.\n\nThe minister left."
    art = Article(text=text)
    assert [art.text[b:e] for b, e in quote_spans(art.text, art.paragraphs)] == ["“We are ready. We will talk."]


def test_stray_straight_quote_opens_nothing():
    text = 'He said "yes" and left. " The next day the talks may resume, officials said.'
    assert [text[b:e] for b, e in quote_spans(text)] == ['"yes"']


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(["may well", "obviously", "regime", "“", "”", '"', "'", "It is believed", "said", "4,000 people", "\n\n", "The", "talks", ".", "?", "if", "would", "May 12"]), max_size=40))
def test_language_signals_spans_are_always_valid(words):
    art = Article(text=" ".join(words), title=" ".join(reversed(words)))
    for s in language_signals(art):
        limit = len(art.text) if s.target == "text" else len(art.title)
        assert all(0 <= b < e <= limit for b, e in s.spans)


def test_language_signals_rejects_non_articles():
    with pytest.raises(TypeError, match="Article"):
        language_signals("text")  # type: ignore[arg-type]
