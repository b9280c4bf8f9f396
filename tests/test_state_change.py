"""Predicate classes and conflict states (newstrace.evidence.predicates), the state-change
rule of the sentence layer, and the claim context of corroboration; on made-up sentences
that share no words with the example world."""

from newstrace.article import Article
from newstrace.corroborate import context_names, search_words
from newstrace.evidence import Evidence, StancePrediction
from newstrace.evidence.predicates import (
    AGREEMENT,
    CONFLICT,
    ENDED,
    EXISTS,
    RENEWED,
    class_of_word,
    classes_by_word,
    conflict_state,
)
from newstrace.evidence.sentence import align, name_phrases, sentence_stance


def _pred(agrees=0.1, disagrees=0.1, discusses=0.7, unrelated=0.1):
    p = {"agrees": agrees, "disagrees": disagrees, "discusses": discusses, "unrelated": unrelated}
    label = max(p, key=p.get)
    return StancePrediction(label, p[label], p)


def _state(text):
    s = conflict_state(text)
    return s.state if s else None


# -- lexicon ---------------------------------------------------------------------------------


def test_classes_in_context():
    assert classes_by_word("The unions and the railway are at odds over pay.") == {"odds": CONFLICT}
    assert "odds" not in classes_by_word("The odds of rain are low.")
    assert "row" not in classes_by_word("The team won five games in a row.")
    assert classes_by_word("A row over fares broke out.")["row"] == CONFLICT
    assert classes_by_word("They signed a pact.")["pact"] == AGREEMENT
    assert class_of_word("Quarrel") == CONFLICT and class_of_word("odds") is None and class_of_word("ferry") is None


# -- conflict states -------------------------------------------------------------------------


def test_conflict_state_exists_only_in_the_present():
    assert _state("There are disagreements between the unions and the railway over pay.") == EXISTS
    assert _state("The unions and the railway are at odds over pay.") == EXISTS
    assert _state("The unions and the railway disagree over pay.") == EXISTS
    assert _state("The unions and the railway were at odds over pay last year.") is None  # past
    assert _state("The mayor uses every dispute with the port to win votes.") is None  # generic
    assert _state("The railway cut fares.") is None  # no conflict at all


def test_conflict_state_ended():
    for text in (
        "The railway and the unions signed a deal on Monday, ending a dispute over pay.",
        "The railway announced an end to its long pay dispute with the unions.",
        "The row over fares was settled on Friday.",
        "The two sides signed a pact after a quarrel that lasted two years.",
    ):
        assert _state(text) == ENDED, text
    s = conflict_state("The railway and the unions signed a deal on Monday, ending a dispute over pay.")
    assert s.cue == "ending a dispute"


def test_an_aim_or_a_continuing_duration_is_not_an_end():
    assert _state("Talks to end the dispute resumed on Monday.") != ENDED
    assert _state("Mediators could settle the row this week.") != ENDED
    assert _state("It is a dispute that has lasted two years and is still going.") != ENDED


def test_conflict_state_renewed_beats_ended():
    assert _state("A renewed quarrel over fares broke out on Tuesday.") == RENEWED
    assert _state("Days after they announced an end to the pay dispute, the unions and the railway "
                  "are again at odds.") == RENEWED
    assert _state("The feud between the two clubs flared up again.") == RENEWED


# -- the sentence layer ----------------------------------------------------------------------

CLAIM_HOLDS = "There are disagreements between Portvale and Lindhurst over water fees."
CLAIM_ENDED = "The deal between Portvale and Lindhurst ends months of disagreement over water fees."
ENDED_EV = "Portvale and Lindhurst signed a water agreement on Monday, ending a dispute over fees."
RENEWED_EV = "Portvale and Lindhurst are again at odds over water fees, a week after their deal."


def test_a_class_mate_covers_a_claim_word():
    a = align("Portvale and Lindhurst are in a dispute over water fees.",
              "The quarrel between Portvale and Lindhurst over water fees goes on.")
    assert "disput" in a.shared and a.coverage == 1.0
    # ... and a negated class-mate is a negation of the shared word
    b = align("Portvale and Lindhurst are in a dispute over water fees.",
              "There is no quarrel between Portvale and Lindhurst over water fees.")
    assert b.negation_conflict


def test_ended_conflict_contradicts_a_conflict_said_to_hold():
    p, a = sentence_stance(_pred(agrees=0.6, discusses=0.2), CLAIM_HOLDS, ENDED_EV, timing="before")
    assert p.stance == "disagrees"
    assert a.claim_state == EXISTS and a.evidence_state == ENDED
    assert "ended" in a.rule and "ending a dispute" in a.rule
    # No date for the claim: read as of now, after the evidence.
    assert sentence_stance(_pred(agrees=0.6, discusses=0.2), CLAIM_HOLDS, ENDED_EV)[0].stance == "disagrees"
    # Published after the claim: the end may postdate it.
    p, a = sentence_stance(_pred(agrees=0.6, discusses=0.2), CLAIM_HOLDS, ENDED_EV, timing="after")
    assert p.stance == "discusses" and "after the claim" in a.rule


def test_renewed_conflict_supports_a_conflict_said_to_hold():
    p, a = sentence_stance(_pred(disagrees=0.5, discusses=0.3), CLAIM_HOLDS, RENEWED_EV, timing="before")
    assert p.stance == "agrees" and "resumed" in a.rule
    assert sentence_stance(_pred(), CLAIM_HOLDS, RENEWED_EV, timing="after")[0].stance == "discusses"


def test_a_claimed_end_against_an_end_and_a_renewal():
    p, a = sentence_stance(_pred(), CLAIM_ENDED, ENDED_EV, timing="after")
    assert p.stance == "agrees" and "both say the conflict ended" in a.rule
    p, a = sentence_stance(_pred(agrees=0.6, discusses=0.2), CLAIM_ENDED, RENEWED_EV, timing="after")
    assert p.stance == "disagrees" and "resumed" in a.rule
    # A renewal reported before the claim may predate the claimed end.
    assert sentence_stance(_pred(agrees=0.6, discusses=0.2), CLAIM_ENDED, RENEWED_EV, timing="before")[0].stance == "discusses"


def test_state_change_needs_the_same_parties_and_a_direct_claim():
    other = "Ashby and Corran signed a water agreement on Monday, ending a dispute over fees."
    p, a = sentence_stance(_pred(agrees=0.6, discusses=0.2), CLAIM_HOLDS, other)
    assert p.stance != "disagrees" and a.names_covered < 1.0
    # "X said there are disagreements": that X said it is the fact; no state reasoning.
    p, _ = sentence_stance(_pred(agrees=0.6, discusses=0.2), CLAIM_HOLDS, ENDED_EV, reported_speech=True)
    assert p.stance != "disagrees"


def test_a_conflict_claim_is_not_agreed_with_by_a_sentence_without_one():
    p, a = sentence_stance(_pred(agrees=0.7, discusses=0.1), CLAIM_HOLDS,
                           "Portvale buys nearly all of its water from Lindhurst and pays fees monthly.")
    assert p.stance == "discusses" and "mentions none" in a.rule
    p, a = sentence_stance(_pred(agrees=0.7, discusses=0.1), CLAIM_ENDED,
                           "Portvale and Lindhurst are arguing in a dispute over water fees and a deal.")
    assert p.stance != "agrees"


def test_predicate_rule_drops_an_unsupported_model_disagreement():
    p, a = sentence_stance(_pred(agrees=0.2, disagrees=0.6, discusses=0.1),
                           "Portvale plans to close the old ferry terminal.",
                           "Portvale's old ferry terminal attracts tourists, Portvale officials said.")
    assert p.stance == "discusses" and a.rule


def test_context_names_are_the_claim_parties_when_it_names_none():
    a = align("The deal ends months of disagreement over water fees.",
              "Portvale and Lindhurst signed a water agreement, ending a dispute over fees.",
              context_names=["Portvale", "Lindhurst"])
    assert a.names == 2 and a.names_covered == 1.0
    p, a = sentence_stance(_pred(), "The deal ends months of disagreement over water fees.",
                           "Ashby and Corran signed a water agreement, ending a dispute over fees.",
                           ["Portvale", "Lindhurst"], context_names=["Portvale", "Lindhurst"])
    assert p.stance == "discusses"


# -- corroboration: context and query --------------------------------------------------------


class _Clause:
    def __init__(self, text, sentence):
        self.text, self.sentence, self.statement = text, sentence, None


def test_context_names_from_the_sentence_that_introduced_the_thing():
    art = Article.from_paragraphs(
        [
            "Portvale and Lindhurst signed a pact on Monday fixing water fees for 2026.",
            "Under the pact, Lindhurst will pay more. The mayor of Portvale welcomed it.",
            "The pact ends months of disagreement over the fees.",
        ],
        title="Portvale and Lindhurst agree water fees",
    )
    idx = next(i for i, (b, e) in enumerate(art.sentences) if art.text[b:e].startswith("The pact ends"))
    # "Under the pact" is itself a back reference; the introduction is "signed a pact".
    assert context_names(art, _Clause("The pact ends months of disagreement over the fees.", idx)) == [
        "Portvale", "Lindhurst"]
    # A clause that names its parties, or opens without a definite description, gets none.
    assert context_names(art, _Clause("Lindhurst will pay more under the pact.", idx)) == []
    assert context_names(art, _Clause("A pact ends months of disagreement.", idx)) == []


def test_context_names_fall_back_to_the_title():
    art = Article.from_paragraphs(["Officials were pleased.", "The accord takes effect in May."],
                                  title="Portvale and Lindhurst sign water accord")
    assert context_names(art, _Clause("The accord takes effect in May.", 1)) == ["Portvale", "Lindhurst"]


def test_search_words_add_context_then_class_mates():
    words = search_words(["disagreements", "portvale", "fees"], ["Lindhurst"])
    assert words[:4] == ["disagreements", "portvale", "fees", "lindhurst"]
    assert "dispute" in words and "quarrel" in words
    assert len(words) <= 4 + 6
    assert search_words(["ferry", "timetable"]) == ["ferry", "timetable"]


def test_name_phrases_skip_a_sentence_initial_capital_unless_known():
    s = "Under the pact, Portvale Water Board will pay Lindhurst in January."
    assert name_phrases(s) == ["Portvale Water Board", "Lindhurst"]
    assert name_phrases("Portvale signed.", {"portvale"}) == ["Portvale"]


def test_evidence_carries_the_layer_reason():
    ev = Evidence(sentence="s", article_id="a1", stance="disagrees", score=0.9, reason="why")
    assert ev.to_dict()["reason"] == "why"
    assert "reason" not in Evidence(sentence="s", article_id="a1").to_dict()
