"""Corroboration wiring: retrieval from the archive, independence of copies, verdicts."""

import pytest

from newstrace import Archive, Article
from newstrace.claims import extract_claims
from newstrace.corroborate import content_words, corroborate
from newstrace.evidence.sentence import SentenceRules, sentence_stance

CLAIM = "The Harbour Authority of Portvale closed the northern container terminal on Monday after a crane collapsed."

ORIGINAL = Article(
    title="Portvale terminal closed after crane collapse",
    text=CLAIM + "\n\nNo one was injured, officials said. Ships were diverted to the southern quay for the rest of the week while engineers inspect the remaining cranes.",
    url="https://portvale-news.example/terminal-closed",
    site="Portvale News",
    published="2025-05-05",
)
# A verbatim copy of the original on another site: the same source, not a second one.
COPY = Article(
    title="Terminal closed",
    text=ORIGINAL.text + "\n\nShare this story.",
    url="https://copycat.example/terminal",
    site="Copycat Daily",
    published="2025-05-06",
)
UNRELATED = Article(
    title="Portvale marathon",
    text="Runners crowded the streets of Portvale on Sunday for the city marathon, which was won by a local teacher in a course record.",
    url="https://sport.example/marathon",
    site="Sport Weekly",
    published="2025-05-04",
)


@pytest.fixture
def archive(tmp_path):
    a = Archive(tmp_path / "a.sqlite")
    a.ingest([ORIGINAL, COPY, UNRELATED])
    yield a
    a.close()


def _claim_check(article, archive, **kw):
    claims = extract_claims(article)
    checks = corroborate(article, archive, claims, **kw)
    return [c for c in checks if c.claim.text.startswith("The Harbour Authority")]


def test_copies_of_the_article_never_corroborate_it(archive):
    [cc] = _claim_check(ORIGINAL, archive)
    v = cc.verdict
    assert v.label in ("unsupported", "no_evidence")
    assert v.label != "corroborated"
    # The copy is found, but it sits in the article's own group and is never counted.
    assert any(e.article_id == COPY.id for e in v.own_group_evidence) or not v.evidence
    d = cc.to_dict()
    assert d["claim_span"] == [cc.claim.begin, cc.claim.end]
    assert all(e["when"] in ("before", "after", "same_day", "unknown") for e in d["evidence"] + d["own_group_evidence"])


def test_unrelated_article_is_not_evidence(archive):
    [cc] = _claim_check(ORIGINAL, archive)
    assert all(e.article_id != UNRELATED.id for e in cc.verdict.evidence)


def test_empty_archive_gives_no_evidence(tmp_path):
    with Archive(tmp_path / "empty.sqlite") as empty:
        [cc] = _claim_check(ORIGINAL, empty)
    assert cc.verdict.label == "no_evidence"


def test_article_without_checkworthy_claims_gives_nothing(archive):
    art = Article(text="Hello.")
    assert corroborate(art, archive, extract_claims(art)) == []


def test_relevance_gate_turns_off_topic_agreement_into_discussion():
    from newstrace.evidence import StancePrediction

    pred = StancePrediction("agrees", 0.7, {"agrees": 0.7, "disagrees": 0.1, "discusses": 0.1, "unrelated": 0.1})
    claim = "The Harbour Authority closed the northern terminal."
    off, _ = sentence_stance(pred, claim, "Portvale held a marathon.", ["Harbour Authority"], SentenceRules())
    assert off.stance == "discusses" and off.probabilities["agrees"] == 0.0
    on, _ = sentence_stance(pred, claim, "The Harbour Authority shut the northern terminal on Monday.", ["Harbour Authority"])
    assert on.stance == "agrees" and on.probabilities["agrees"] == 0.7


def test_content_words_drop_function_words():
    assert content_words("The visit of the Secretary led to exercises in 2025.") == ["visit", "secretary", "led", "exercises", "2025"]


def test_named_source_needs_an_on_record_attribution_in_the_clause():
    from newstrace.corroborate import named_source, reports_speech

    text = ("Fourteen barges are moored here, according to the river authority. "
            "According to our sources, the barges will leave. The barges will leave on Friday.")
    claims = extract_claims(Article(text=text))
    named = next(c for c in claims if c.text.startswith("Fourteen barges"))
    anon = next(c for c in claims if c.text.startswith("According to our sources"))
    plain = next(c for c in claims if c.text.startswith("The barges will leave on Friday"))
    assert reports_speech(named) and named_source(named) == "the river authority"
    assert named_source(anon) is None
    assert named_source(plain) is None and not reports_speech(plain)
