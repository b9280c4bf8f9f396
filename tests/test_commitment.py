"""Ties between parties said to be cut or kept (newstrace.evidence.predicates.tie) and the
"ties" rule of the sentence layer; on made-up sentences that share no words with the
example world."""

import pytest

from newstrace.evidence import StancePrediction
from newstrace.evidence.predicates import CUT, KEPT, opposed_ties, tie
from newstrace.evidence.sentence import sentence_stance


def _pred(agrees=0.1, disagrees=0.1, discusses=0.7, unrelated=0.1):
    p = {"agrees": agrees, "disagrees": disagrees, "discusses": discusses, "unrelated": unrelated}
    label = max(p, key=p.get)
    return StancePrediction(label, p[label], p)


def _read(text):
    t = tie(text)
    return None if t is None else (t.kind, t.holder, t.partner, t.hedged)


# -- reading ties ------------------------------------------------------------------------------


@pytest.mark.parametrize("text, holder, partner", [
    ("Portvale intends to replace Lindhurst with Ashby and the Corran League.", "Portvale", "Lindhurst"),
    ("Portvale broke with Lindhurst last year.", "Portvale", "Lindhurst"),
    ("Portvale has cut ties with Lindhurst over water fees.", "Portvale", "Lindhurst"),
    ("The Portvale council turned away from its old ally Lindhurst.", "Portvale", "Lindhurst"),
    ("Portvale is no longer committed to Lindhurst, the mayor said.", "Portvale", "Lindhurst"),
    ("Portvale plans to abandon Lindhurst.", "Portvale", "Lindhurst"),
])
def test_cut_ties(text, holder, partner):
    assert _read(text) == (CUT, holder, partner, False)


@pytest.mark.parametrize("text, holder, partner", [
    ("Mayor Dunne said Portvale’s obligations to Lindhurst were “not in question”.", "Portvale", "Lindhurst"),
    ("Portvale's commitments to Lindhurst remain unchanged, officials said.", "Portvale", "Lindhurst"),
    ("Portvale remains firmly committed to Lindhurst.", "Portvale", "Lindhurst"),
    ("Portvale reaffirmed its commitment to Lindhurst on Monday.", "Portvale", "Lindhurst"),
    ("Lindhurst is Portvale's closest ally.", "Portvale", "Lindhurst"),
    ("Portvale will not abandon Lindhurst, the mayor said.", "Portvale", "Lindhurst"),
])
def test_kept_ties(text, holder, partner):
    assert _read(text) == (KEPT, holder, partner, False)


def test_conditions_questions_and_possibilities_are_hedged():
    assert tie("Portvale could turn away from Lindhurst.").hedged
    assert tie("If Lindhurst is Portvale's ally, the deal is off.").hedged
    assert tie("Is Portvale about to abandon Lindhurst?").hedged


def test_what_is_not_a_tie():
    # Who "our" is the sentence does not say.
    assert tie("“We will agree if Ashby understands that Lindhurst is our strategic ally.”") is None
    # A name that modifies a noun is no party; an engine is replaced, not a partner.
    assert tie("Portvale Air will replace the Corran engines next year.") is None
    # Loosening ties is asked about, not stated; "obligations to" with nothing said of them.
    assert tie("Asked whether Ashby wanted Portvale to loosen its ties with Lindhurst, he smiled.") is None
    assert tie("The talks touched on Portvale's obligations to Lindhurst.") is None
    # A plain departure is not a break.
    assert tie("The mayor of Portvale left Lindhurst on Tuesday.") is None


def test_opposed_ties_need_the_same_parties_in_the_same_roles():
    cut = tie("Portvale intends to replace Lindhurst with Ashby.")
    assert opposed_ties(cut, tie("Portvale's obligations to Lindhurst are not in question."))
    # the new partner is not the abandoned one
    assert not opposed_ties(cut, tie("Portvale's obligations to Ashby are not in question."))
    # Lindhurst's obligations are Lindhurst's, not Portvale's
    assert not opposed_ties(cut, tie("Lindhurst's obligations to Portvale are not in question."))
    # an alliance is mutual
    assert opposed_ties(cut, tie("Portvale is Lindhurst's closest ally."))
    assert not opposed_ties(cut, tie("Portvale broke with Lindhurst."))


# -- the sentence layer ------------------------------------------------------------------------

CLAIM_CUT = "Portvale intends to replace Lindhurst with Ashby and the Corran League."
KEPT_EV = ("Mayor Dunne said Portvale’s obligations to Lindhurst were “not in question” and that talks "
           "were routine.")


def test_a_kept_tie_contradicts_a_claimed_cut():
    for timing in ("before", "after", None):
        p, a = sentence_stance(_pred(agrees=0.2, discusses=0.6), CLAIM_CUT, KEPT_EV, timing=timing)
        assert p.stance == "disagrees", timing
        assert a.claim_tie == CUT and a.evidence_tie == KEPT and a.tie_opposed
        assert "Portvale cuts its tie to Lindhurst" in a.rule and "not in question" in a.rule
    p, a = sentence_stance(_pred(), CLAIM_CUT, KEPT_EV, timing="before")
    assert "published before the claim" in a.rule


def test_the_tie_rule_needs_the_abandoned_party_and_an_unhedged_direct_claim():
    other = "Mayor Dunne said Portvale’s obligations to Ashby were “not in question”."
    assert sentence_stance(_pred(), CLAIM_CUT, other)[0].stance != "disagrees"
    hedged = "Mayor Dunne said Portvale would go ahead only if Lindhurst is Portvale's ally."
    assert sentence_stance(_pred(), CLAIM_CUT, hedged)[0].stance != "disagrees"
    # "X said Portvale intends to ...": that X said it is the fact.
    p, a = sentence_stance(_pred(), CLAIM_CUT, KEPT_EV, reported_speech=True)
    assert p.stance != "disagrees" and not a.rule.startswith("the claim says Portvale")


def test_a_cut_contradicts_a_claimed_tie_unless_it_may_postdate_it():
    claim = "Portvale remains committed to Lindhurst."
    ev = "Portvale broke with Lindhurst in a letter to the council."
    p, a = sentence_stance(_pred(agrees=0.5, discusses=0.3), claim, ev, timing="before")
    assert p.stance == "disagrees" and "was cut ('broke with Lindhurst')" in a.rule
    p, a = sentence_stance(_pred(agrees=0.5, discusses=0.3), claim, ev, timing="after")
    assert p.stance == "discusses" and "may postdate" in a.rule


def test_a_claimed_cut_is_agreed_with_only_by_a_sentence_naming_both_parties():
    ev = "The new ferries will replace the old boats on routes to Portvale and Ashby from 2027."
    p, a = sentence_stance(_pred(agrees=0.7, discusses=0.1), CLAIM_CUT, ev)
    assert p.stance != "agrees" and not a.tie_parties_named
    assert a.rule == "the claim says Portvale cuts its tie to Lindhurst; the sentence does not name both"
    # A sentence naming both may still agree as before (the other rules decide).
    same = "Portvale intends to replace Lindhurst with Ashby and the Corran League, the paper said."
    assert sentence_stance(_pred(agrees=0.7, discusses=0.1), CLAIM_CUT, same)[0].stance == "agrees"
