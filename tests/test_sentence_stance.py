"""The sentence-level stance layer (newstrace.evidence.sentence), rule by rule, on made-up
sentences that share no words with the example world."""

from newstrace.evidence import StancePrediction
from newstrace.evidence.sentence import SentenceRules, align, quantities, sentence_stance, stem, _tokens


def _pred(agrees=0.1, disagrees=0.1, discusses=0.7, unrelated=0.1):
    p = {"agrees": agrees, "disagrees": disagrees, "discusses": discusses, "unrelated": unrelated}
    label = max(p, key=p.get)
    return StancePrediction(label, p[label], p)


def test_stem_matches_inflections():
    assert stem("exercises") == stem("exercise")
    assert stem("planned") == stem("plans") == stem("plan")
    assert stem("bridges") == stem("bridge")
    assert stem("2025") == "2025"


def test_quantities_attach_numbers_to_their_unit():
    q = quantities(_tokens("Twelve trucks and about 4,500 workers joined, 30 kilometres from the river, since 2011."))
    assert (12.0, stem("trucks")) in q
    assert (4500.0, stem("workers")) in q
    assert (30.0, stem("kilometres")) in q
    assert all(v != 2011.0 for v, _ in q)  # a year is a date, not a quantity
    assert (0.2, stem("more")) not in q and quantities(_tokens("Rents rose by a fifth.")) == []


def test_number_conflict_on_the_same_unit():
    a = align("The ferry carried 240 passengers on Friday.", "The ferry carried 180 passengers on Friday.")
    assert a.number_conflict and not a.number_match
    b = align("The ferry carried 240 passengers on Friday.", "About 245 passengers were aboard the ferry on Friday.")
    assert b.number_match and not b.number_conflict  # within 10%: the same figure
    c = align("The ferry carried 240 passengers.", "The ferry sailed 12 kilometres.")
    assert not c.number_conflict and not c.number_match  # different units say nothing


def test_number_conflict_turns_agreement_into_disagreement():
    p, a = sentence_stance(_pred(agrees=0.6, discusses=0.2), "The ferry carried 240 passengers on Friday.",
                           "The ferry carried 180 passengers on Friday, the operator said.")
    assert a.number_conflict and p.stance == "disagrees"


def test_negation_of_a_shared_word_on_one_side_conflicts():
    a = align("The council will close the library in June.", "The council will not close the library, the mayor said.")
    assert a.negation_conflict
    p, _ = sentence_stance(_pred(agrees=0.6, discusses=0.2), "The council will close the library in June.",
                           "The council will not close the library, the mayor said.")
    assert p.stance == "disagrees"
    # Both sides negated: no asymmetry.
    assert not align("The council will not close the library.", "The library will not close, the council said.").negation_conflict


def test_negation_that_governs_only_a_name_is_not_a_conflict():
    # "no Harbourside tenders" negates the tenders; the claim shares only the name.
    a = align("Harbourside intends to sell its stake to Pellam Holdings.",
              "There are no Harbourside tenders planned this year.")
    assert not a.negation_conflict
    b = align("Harbourside will hold tenders for the stake.", "There are no Harbourside tenders planned this year.")
    assert b.negation_conflict


def test_negation_scope_stops_at_a_clause_break():
    a = align("The mill reopened in May.", "Nobody was hurt, and the mill reopened in May.")
    assert not a.negation_conflict


def test_refutation_of_a_claim_that_is_about_it():
    p, a = sentence_stance(_pred(), "The governor ordered the dam gates opened on Sunday.",
                           "The governor's office denied that the dam gates were opened on his order.")
    assert a.refutation and p.stance == "disagrees"


def test_reported_speech_is_not_contradicted_by_the_contrary_fact():
    claim = "Mayor Ana Ruiz said the bridge will reopen in May."
    ev = "The bridge will not reopen in May, engineers said."
    plain, _ = sentence_stance(_pred(agrees=0.5, discusses=0.3), claim, ev)
    said, _ = sentence_stance(_pred(agrees=0.5, discusses=0.3), claim, ev, reported_speech=True)
    assert plain.stance == "disagrees"
    assert said.stance != "disagrees"


def test_causal_claim_needs_a_causal_link_to_be_agreed_with():
    claim = "The storm led to the closure of the coastal railway."
    side_by_side = "The storm hit the coast on Monday and the coastal railway was closed for repairs."
    p, a = sentence_stance(_pred(agrees=0.7, discusses=0.1), claim, side_by_side)
    assert a.causal_claim and not a.causal_evidence and p.stance == "discusses"
    linked = "The coastal railway was closed because of the storm."
    q, b = sentence_stance(_pred(agrees=0.7, discusses=0.1), claim, linked)
    assert b.causal_evidence and q.stance == "agrees"


def test_near_copy_agrees_even_when_the_model_hesitates():
    claim = "“No decision on the merger has been taken,” the bank's chairman Olaf Brin told reporters in Tarnow."
    ev = "“No decision on the merger has been taken,” Brin said."
    p, a = sentence_stance(_pred(agrees=0.2, disagrees=0.5, discusses=0.2), claim, ev)
    assert a.verbatim_words >= 8 and not a.negation_conflict
    assert p.stance == "agrees"
    assert abs(sum(p.probabilities.values()) - 1.0) < 1e-9


def test_sentence_not_about_the_claim_only_discusses():
    p, _ = sentence_stance(_pred(agrees=0.8, discusses=0.1, disagrees=0.05, unrelated=0.05),
                           "The Orlen refinery cut its diesel output by half in March.",
                           "Orlen shares rose on Tuesday.", ["Orlen"])
    assert p.stance == "discusses" and p.probabilities["agrees"] == 0.0


def test_model_disagreement_without_a_visible_conflict_is_discussion():
    claim = "The museum opened a new wing for modern art in April."
    ev = "The museum's new wing for modern art drew large crowds after it opened in April."
    p, a = sentence_stance(_pred(agrees=0.1, disagrees=0.6, discusses=0.2), claim, ev)
    assert not a.conflict
    assert p.stance != "disagrees"
    kept, _ = sentence_stance(_pred(agrees=0.1, disagrees=0.6, discusses=0.2), claim, ev,
                              rules=SentenceRules(model_disagree=True, use_near_copy=False))
    assert kept.stance == "disagrees"


def test_naming_the_same_countries_is_not_agreeing():
    from newstrace.evidence.stance import AGREES, DISCUSSES

    claim = "Pellaria intends to swap Orvost for Quenland and the Tamber Pact."
    topical = ("Asked whether Quenland wanted Pellaria to loosen its ties with Orvost, he said: "
               "\u201cThat is for the people of Pellaria to decide.\u201d")
    out, a = sentence_stance(_pred(agrees=0.7, discusses=0.2), claim, topical)
    assert not a.predicate and out.stance == DISCUSSES
    # Carrying what is said of them ("swap") and most of the names can agree.
    saying = "Pellaria will swap Orvost for Quenland as its main partner, the Tamber Pact said."
    out, a = sentence_stance(_pred(agrees=0.7, discusses=0.2), claim, saying)
    assert a.predicate and a.names_covered >= 0.5 and out.stance == AGREES
