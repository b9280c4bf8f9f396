"""Quotes and speakers: quote styles, attribution, resolution, and bad input."""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstrace.article import Article
from newstrace.claims import QuoteList, extract_quotes


def quotes_of(text: str, **kw):
    return extract_quotes(Article(text=text, **kw))


def one_direct(text: str):
    qs = [q for q in quotes_of(text) if q.kind == "direct"]
    assert len(qs) == 1, [q.text for q in qs]
    return qs[0]


# ------------------------------------------------------------------ the seed article


def test_seed_nasha_niva_quote(seed_text):
    qs = quotes_of(seed_text)
    q = next(q for q in qs if q.text.startswith("Belarus is ready for joint exercises"))
    assert q.kind == "direct"
    assert q.text.endswith("There are talks on possible formats,")
    assert q.speaker is not None
    assert q.speaker.name == "Oleg Belokonev"  # "Belokonev" resolved to the full name given earlier
    assert q.speaker.mention == "Belokonev"
    assert q.speaker.resolved_by == "surname"
    assert q.speaker.role == "Belarus defense chief"
    assert q.verb == "told"
    assert q.venue == "Nasha Niva newspaper"


def test_seed_second_belokonev_quote_keeps_speaker(seed_text):
    q = next(q for q in quotes_of(seed_text) if q.text.startswith("But we will agree"))
    assert q.speaker is not None and q.speaker.name == "Oleg Belokonev"
    assert q.speaker.resolved_by == "continuation"


def test_seed_foreign_ministry_quote(seed_text):
    q = next(q for q in quotes_of(seed_text) if q.text.startswith("We would welcome a more active role"))
    assert q.kind == "direct"
    # the closing mark follows a space ("was noted ”- said"): the quote ends at "noted"
    assert q.text.endswith("on the continent was noted")
    assert seed_text[q.begin : q.end] == q.text
    assert q.speaker is not None
    assert q.speaker.role == "the head of the Belarusian Foreign Ministry"
    assert q.speaker.name is None
    assert q.verb == "said"
    # the writer's commentary after the attribution is not part of the speaker
    assert "obviously" not in (q.speaker.mention or "")


def test_seed_indirect_speech(seed_text):
    qs = [q for q in quotes_of(seed_text) if q.kind == "indirect"]
    q = next(q for q in qs if q.text.startswith("his country is open to participating"))
    assert q.speaker.name == "Oleg Belokonev"
    assert q.speaker.role == "Belarus defense chief"
    assert q.verb == "said"
    told = next(q for q in qs if q.verb == "told")
    assert told.venue == "local media"
    assert told.text.startswith("his country should be regarded")


def test_seed_quote_list_is_json(seed_text):
    qs = quotes_of(seed_text)
    assert isinstance(qs, QuoteList) and qs.not_analysed is None
    json.dumps(qs.to_dict())


# ------------------------------------------------------------------ quote styles


@pytest.mark.parametrize(
    "open_mark,close_mark",
    [('"', '"'), ("“", "”"), ("‘", "’"), ("«", "»"), ("„", "“"), ("„", "”"), ("'", "'")],
)
def test_quote_styles_with_attribution_after(open_mark, close_mark):
    text = f"{open_mark}We will not back down on this issue, whatever happens,{close_mark} said John Smith, the defence minister."
    q = one_direct(text)
    assert q.text == "We will not back down on this issue, whatever happens,"
    assert q.speaker.name == "John Smith"
    assert q.speaker.role == "the defence minister"
    assert q.verb == "said"


def test_attribution_before_with_colon():
    q = one_direct('Prime Minister Jane Doe said on Monday: "The economy grew faster than anyone expected this year."')
    assert q.speaker.name == "Jane Doe"
    assert q.speaker.role == "Prime Minister"
    assert q.verb == "said"


def test_according_to_before_quote():
    q = one_direct('According to the ministry, "all border crossings will stay open until further notice."')
    assert q.speaker.label == "the ministry"
    assert q.verb == "according to"


def test_dash_attribution_with_role():
    q = one_direct("“We are ready to talk to anyone who wants peace in the region”— said the head of the press service, adding nothing else.")
    assert q.speaker.role == "the head of the press service"


def test_quote_split_by_attribution_shares_speaker():
    qs = quotes_of('"The first part of the statement is here," she said, "and the second part follows after a pause." Mayor Anna Berg had called the meeting.')
    direct = [q for q in qs if q.kind == "direct"]
    assert len(direct) == 2
    assert direct[0].speaker.mention == "she"
    assert direct[1].speaker.mention == "she"


def test_venues():
    assert one_direct('"Prices will rise again next year," Ivan Petrov told Reuters.').venue == "Reuters"
    q = one_direct('"We are not leaving," Maria Lopez said in an interview with the BBC.')
    assert q.venue == "the BBC"
    assert one_direct('"The report is false," the ministry said in a statement.').venue == "a statement"


# ------------------------------------------------------------------ resolution


def test_pronoun_resolves_to_recent_person():
    text = (
        "Defence Minister John Smith visited the border town on Tuesday.\n\n"
        '"We will protect every village here, no matter the cost," he said.'
    )
    q = one_direct(text)
    assert q.speaker.name == "John Smith"
    assert q.speaker.resolved_by == "pronoun"
    assert q.speaker.mention == "he"


def test_pronoun_gender_prefers_matching_person():
    text = (
        "Senator Mary Jones met Governor Tom Brown in the capital.\n\n"
        '"The talks went better than we had hoped," she said.'
    )
    assert one_direct(text).speaker.name == "Mary Jones"


def test_role_resolves_to_person_introduced_with_it():
    text = (
        "Belarus defence chief Oleg Belokonev visited Minsk.\n\n"
        'The defence chief said: "Our army is ready for joint exercises with anyone."'
    )
    q = one_direct(text)
    assert q.speaker.name == "Oleg Belokonev"
    assert q.speaker.resolved_by == "role"


def test_it_said_resolves_to_organisation():
    text = (
        'The ministry said in a statement that the talks would continue.\n\n'
        '"No decision has been taken on the timing of the next round," it said.'
    )
    q = one_direct(text)
    assert q.speaker.label == "The ministry"


def test_quote_spanning_paragraphs():
    text = (
        'Nikolai Petrov, 12, said the shock changed his life.\n\n'
        '"When I woke up the next day I found coins stuck to my body.\n\n'
        '"Then when I dropped my spoon, it stuck to my chest," he said.\n\n'
        "Doctors have not commented."
    )
    q = one_direct(text)
    assert len(q.parts) == 2
    assert q.closed
    assert "Doctors" not in q.text
    assert q.speaker.name == "Nikolai Petrov"


def test_scare_quotes_and_titles_are_not_quotes():
    assert [q for q in quotes_of('She starred in "Zero Dark Thirty" and later in "Interstellar".') if q.kind == "direct"] == []


# ------------------------------------------------------------------ bad input


def test_unclosed_quote_stops_at_paragraph_end():
    text = (
        '"This quotation never closes and goes on for a while, said nobody in particular.\n\n'
        "The next paragraph is ordinary reporting about the weather in Minsk.\n\n"
        "And so is this one, about the price of gas."
    )
    qs = quotes_of(text)
    direct = [q for q in qs if q.kind == "direct"]
    assert len(direct) == 1
    q = direct[0]
    assert not q.closed
    assert "weather" not in q.text and "gas" not in q.text
    assert q.end <= text.index("\n\n")


def test_unclosed_quote_continues_only_into_a_quote_paragraph():
    text = 'He said: "first part without a close.\n\nA normal paragraph follows."\n\nEnd.'
    q = next(q for q in quotes_of(text) if q.kind == "direct")
    assert q.text == "first part without a close."
    assert not q.closed


def test_hundreds_of_quotes():
    paras = [f'"Statement number {i} is about the budget for the year," said Official{i} Smith.' for i in range(400)]
    art = Article.from_paragraphs(paras)
    t0 = time.perf_counter()
    qs = extract_quotes(art)
    assert time.perf_counter() - t0 < 60  # generous: a guard against quadratic blow-ups, not a benchmark
    direct = [q for q in qs if q.kind == "direct"]
    assert len(direct) == 400
    assert all(q.speaker is not None for q in direct)


def test_non_english_is_not_analysed_with_reason():
    text = (
        "Министр обороны Беларуси заявил, что страна готова к совместным учениям с НАТО. "
        "«Мы готовы к совместным учениям», — сказал он газете «Наша Ніва». " * 3
    )
    qs = quotes_of(text)
    assert list(qs) == []
    assert qs.not_analysed and "English" in qs.not_analysed


def test_language_metadata_wins():
    qs = quotes_of('"Wir sind bereit," sagte der Minister. ' * 5, language="de")
    assert list(qs) == [] and "de" in qs.not_analysed


def test_empty_article():
    qs = quotes_of("")
    assert list(qs) == [] and qs.not_analysed


_ALPHABET = st.sampled_from(list('ab Cd."“”‘’\'«»„,:-—\n') + ["said", " he ", "Smith", "\n\n", "told", "according to "])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=120).map("".join))
def test_random_quote_marks_never_crash(text):
    art = Article(text=text)
    qs = extract_quotes(art)
    for q in qs:
        assert 0 <= q.begin <= q.end <= len(art.text)
        for b, e in q.parts:
            assert q.begin <= b <= e <= q.end
        assert q.text == "\n\n".join(art.text[b:e] for b, e in q.parts)
        json.dumps(q.to_dict())


def test_too_many_quotes_are_capped_with_a_note(monkeypatch):
    from newstrace.claims import quotes as quotes_module

    monkeypatch.setattr(quotes_module, "MAX_QUOTES", 10)
    paras = [f'"Statement number {i} is about the budget for the year," said Official{i} Smith.' for i in range(30)]
    qs = extract_quotes(Article.from_paragraphs(paras))
    assert qs.truncated
    assert len([q for q in qs if q.kind == "direct"]) == 10


def test_speaker_sample_is_well_formed(shared_data):
    """Every hand label in bench/data/speakers_sample.jsonl points at words of its article."""
    import csv

    from conftest import REPO, SEED

    sample = (REPO / "bench" / "data" / "speakers_sample.jsonl").read_text(encoding="utf-8")
    rows = [json.loads(line) for line in sample.splitlines()]
    meta, labels = rows[0]["_meta"], rows[1:]
    assert meta["n_quotes"] == len(labels) >= 200
    ids = {r["body_id"] for r in labels}
    with (shared_data / "fnc1" / "train_bodies.csv").open(encoding="utf-8", newline="") as f:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(f) if r["Body ID"] in ids}
    bodies["seed"] = SEED.read_text(encoding="utf-8")
    assert len(ids) >= 61
    for r in labels:
        assert set(r) >= {"body_id", "quote_start", "speaker", "split"}
        assert 0 < len(r["quote_start"]) <= 50
        assert r["quote_start"] in Article(text=bodies[r["body_id"]]).text, r
