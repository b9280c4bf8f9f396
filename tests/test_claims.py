"""Claims: the shipped check-worthiness model, the rule layer, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstrace.article import Article
from newstrace.claims import ClaimList, ModelFileError, extract_claims, load_model
from newstrace.claims.checkworthy import MODEL_DIR
from newstrace.claims.modality import find_cues, split_clauses


def claim_containing(claims, words: str):
    found = [c for c in claims if words in c.text]
    assert found, f"no clause contains {words!r}: {[c.text for c in claims]}"
    return found[0]


# ------------------------------------------------------------------ the shipped model


def test_model_loads_with_provenance():
    model = load_model()
    assert 0.0 < model.threshold < 1.0
    hashes = model.meta["data_sha256"]
    assert set(hashes) == {
        "CT24_checkworthy_english_train.tsv",
        "CT24_checkworthy_english_dev.tsv",
        "claimbuster_kfold_25ncs.csv",
    }
    assert all(len(h) == 64 for h in hashes.values())
    assert model.meta["trained_by"] == "bench/train_checkworthy.py"
    size = sum(p.stat().st_size for p in MODEL_DIR.glob("checkworthy.*"))
    assert size < 5_000_000


def test_model_separates_clear_cases():
    model = load_model()
    factual = "Unemployment rose to 7.5 percent in March, the highest level since 2009."
    chatter = "Thank you very much, it is good to be here with all of you tonight."
    assert model.probability(factual) > model.threshold > model.probability(chatter)
    assert model.probability(factual) == model.probability(factual)  # deterministic


def test_missing_model_names_the_training_script(tmp_path: Path):
    with pytest.raises(ModelFileError, match="train_checkworthy"):
        load_model(tmp_path)


def test_wrong_feature_version_is_refused(tmp_path: Path):
    for p in MODEL_DIR.glob("checkworthy.*"):
        (tmp_path / p.name).write_bytes(p.read_bytes())
    meta = json.loads((tmp_path / "checkworthy.json").read_text())
    meta["feature_version"] = -1
    (tmp_path / "checkworthy.json").write_text(json.dumps(meta))
    with pytest.raises(ModelFileError, match="feature version"):
        load_model(tmp_path)


# ------------------------------------------------------------------ the seed article


def test_seed_causal_claim(seed_text):
    art = Article(text=seed_text)
    claims = extract_claims(art)
    c = claim_containing(claims, "The visit of the US Secretary of State to Belarus led to")
    assert c.label == "claim"
    assert c.checkworthy
    assert "led to" in c.cues
    assert "Belarus" in c.subjects and "NATO" in c.subjects
    assert art.text[c.begin : c.end] == c.text


def test_seed_speculation(seed_text):
    claims = extract_claims(Article(text=seed_text))
    c = claim_containing(claims, "NATO may well take steps to deploy")
    assert c.label == "speculation"
    assert "may well" in c.cues
    # the factual first half of the same sentence is its own clause
    first = claim_containing(claims, "located only 400 kilometers from Moscow")
    assert first is not c
    assert first.label in ("claim", "background")
    assert first.sentence == c.sentence


def test_seed_commentary_after_the_quote(seed_text):
    claims = extract_claims(Article(text=seed_text))
    assert claim_containing(claims, "obviously pointing to the fact").label == "speculation"
    assert claim_containing(claims, "naturally is a very serious threat").label == "opinion"


def test_seed_attribution(seed_text):
    claims = extract_claims(Article(text=seed_text))
    c = claim_containing(claims, "Oleg Belokonev said his country is open")
    assert c.attributed and c.source == "Oleg Belokonev"
    q = claim_containing(claims, "We would welcome a more active role")
    assert q.attributed and q.source == "the head of the Belarusian Foreign Ministry"
    causal = claim_containing(claims, "The visit of the US Secretary of State")
    assert not causal.attributed


def test_claim_spans_and_json(seed_text):
    art = Article(text=seed_text)
    claims = extract_claims(art)
    assert isinstance(claims, ClaimList) and claims.not_analysed is None
    for c in claims:
        assert art.text[c.begin : c.end] == c.text
        sb, se = art.sentences[c.sentence]
        assert sb <= c.begin < c.end <= se
        assert c.label in ("claim", "speculation", "opinion", "background")
    json.dumps(claims.to_dict())
    assert {c.label for c in claims.checkworthy()} == {"claim"}


# ------------------------------------------------------------------ the rule layer


@pytest.mark.parametrize(
    "sentence,label",
    [
        ("The army may well move its missiles to the border next year.", "speculation"),
        ("It seems the talks have stalled.", "speculation"),
        ("The decision is apparently linked to the gas dispute.", "speculation"),
        ("This is, naturally, a very serious threat to Russia.", "opinion"),
        ("The government should resign immediately.", "opinion"),
        ("The ministry said 14 police officers were arrested on Tuesday in Iguala.", "claim"),
        ("The sanctions led to a 40 percent fall in exports to Russia in 2021.", "claim"),
    ],
)
def test_rule_layer_labels(sentence, label):
    claims = extract_claims(Article(text=sentence))
    assert [c.label for c in claims] == [label]


def test_may_the_month_is_not_a_hedge():
    assert find_cues("The law was passed in May 2021 by parliament.").hedges == ()
    assert find_cues("The claim could not be independently verified.").hedges == ()


def test_clause_split_keeps_the_sentence_together_when_short():
    text = "Prices rose, and fell."
    assert split_clauses(text, 0, len(text)) == [(0, len(text))]


# ------------------------------------------------------------------ bad input


def test_non_english_not_analysed():
    text = "Der Verteidigungsminister sagte, das Land sei zu gemeinsamen Übungen mit der NATO bereit. " * 4
    claims = extract_claims(Article(text=text))
    assert list(claims) == [] and "English" in claims.not_analysed


def test_no_sentences_not_analysed():
    claims = extract_claims(Article(text="   \n\n  "))
    assert list(claims) == [] and claims.not_analysed


def test_text_without_punctuation():
    claims = extract_claims(Article(text="breaking news minister resigns after scandal in the capital"))
    assert len(claims) == 1


_WORDS = st.sampled_from(
    ["the", "NATO", "may", "well", "said", "led to", "Belarus", "400", "km", ",", ".", "“", "”", '"', "\n\n", "obviously", "which", "and the"]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_WORDS, max_size=80).map(" ".join))
def test_random_text_never_crashes(text):
    art = Article(text=text)
    claims = extract_claims(art)
    for c in claims:
        assert art.text[c.begin : c.end] == c.text
        assert 0.0 <= c.score <= 1.0


def test_reported_speech_from_a_named_speaker_is_a_claim():
    text = (
        "The harbour reopened on Tuesday. Port director Lena Vos told local radio that the port "
        "should be regarded as fully open again. “We may add a second ferry,” Vos said. "
        "According to our sources, the ferry company could be sold. Officials said more ships might come."
    )
    claims = extract_claims(Article(text=text))
    told = claim_containing(claims, "should be regarded as fully open")
    assert told.label == "claim" and told.source and "Vos" in told.source
    assert "should" in told.cues  # the modality is still recorded
    quote = claim_containing(claims, "We may add a second ferry")
    assert quote.label == "claim" and quote.attributed
    # Anonymous attribution does not make a claim of a hedge.
    assert claim_containing(claims, "ferry company could be sold").label == "speculation"
    assert claim_containing(claims, "more ships might come").label == "speculation"
