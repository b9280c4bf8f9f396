"""Verdict rules on synthetic evidence lists: independence, own-group exclusion, labels."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.errors import InputError
from newstrace.evidence.stance import AGREES, DISAGREES, DISCUSSES, LABELS, UNRELATED
from newstrace.evidence.verdict import (
    CONTRADICTED,
    CORROBORATED,
    DISPUTED,
    NO_EVIDENCE,
    UNSUPPORTED,
    VERDICTS,
    Evidence,
    Source,
    assess,
    decide,
    independence_groups,
)

CLAIM = "General Ivanov was dismissed on Monday."


def ev(article_id, stance=AGREES, score=0.9, domain=None, site=None, primary=False, url=None):
    return Evidence(
        sentence=f"sentence from {article_id}",
        article_id=article_id,
        domain=domain if domain is not None else f"{article_id}.example",
        site=site,
        url=url,
        stance=stance,
        score=score,
        names_primary_source=primary,
    )


def never(a: str, b: str) -> bool:
    return False


def clusters(*groups: set[str]):
    """A same_cluster predicate from explicit sets of article ids."""

    def same(a: str, b: str) -> bool:
        return any(a in g and b in g for g in groups)

    return same


def test_fifty_copies_of_one_report_are_one_source():
    copies = {f"copy{i:02d}" for i in range(50)}
    evidence = [ev(a) for a in sorted(copies)]
    v = assess(CLAIM, evidence, clusters(copies), claiming=Source("claimer", domain="claimer.example"))
    assert v.agreeing_groups == ("g:copy00",)
    assert v.label == UNSUPPORTED  # one independent source, no primary source named
    assert len(v.evidence) == 50 and not v.own_group_evidence
    # A second, independent report corroborates.
    v2 = assess(CLAIM, evidence + [ev("other")], clusters(copies), claiming=Source("claimer"))
    assert v2.label == CORROBORATED
    assert len(v2.agreeing_groups) == 2


def test_same_outlet_twice_is_one_source():
    evidence = [
        ev("a1", domain="bbc.co.uk"),
        ev("a2", domain="", url="https://www.bbc.co.uk/news/world-1"),
    ]
    v = assess(CLAIM, evidence, never)
    assert len(v.agreeing_groups) == 1
    assert v.label == UNSUPPORTED
    # Same outlet name on two domains is one outlet too.
    same_site = [ev("b1", domain="bbc.com", site="BBC News"), ev("b2", domain="bbc.co.uk", site="bbc  news")]
    assert assess(CLAIM, same_site, never).label == UNSUPPORTED
    # Two different outlets corroborate.
    assert assess(CLAIM, [ev("c1", domain="bbc.co.uk"), ev("c2", domain="reuters.com")], never).label == CORROBORATED


def test_contradiction():
    v = assess(CLAIM, [ev("x", DISAGREES), ev("y", DISCUSSES)], never)
    assert v.label == CONTRADICTED
    assert v.disagreeing_groups == ("g:x",)
    assert v.agreeing_groups == ()


def test_disputed_when_independent_sources_agree_and_disagree():
    v = assess(CLAIM, [ev("x", AGREES), ev("y", AGREES), ev("z", DISAGREES)], never)
    assert v.label == DISPUTED
    assert set(v.agreeing_groups) == {"g:x", "g:y"}
    assert v.disagreeing_groups == ("g:z",)


def test_unsupported_when_only_copies_of_the_article_carry_it():
    copies = {"claimer", "copy1", "copy2", "copy3"}
    evidence = [ev(a) for a in ("copy1", "copy2", "copy3")]
    v = assess(CLAIM, evidence, clusters(copies), claiming=Source("claimer", domain="claimer.example"))
    assert v.label == UNSUPPORTED
    assert v.agreeing_groups == ()
    assert len(v.own_group_evidence) == 3 and v.evidence == ()
    assert any("own group" in r for r in v.reasons)


def test_same_outlet_as_the_claiming_article_does_not_count():
    v = assess(CLAIM, [ev("a", domain="site.example"), ev("b", domain="site.example")], never,
               claiming=Source("claimer", url="https://site.example/story"))
    assert v.label == UNSUPPORTED
    assert len(v.own_group_evidence) == 2


def test_own_group_disagreement_does_not_contradict():
    v = assess(CLAIM, [ev("copy", DISAGREES)], clusters({"claimer", "copy"}), claiming=Source("claimer"))
    assert v.label == UNSUPPORTED


def test_one_source_with_a_primary_source_corroborates():
    assert assess(CLAIM, [ev("x", primary=True)], never).label == CORROBORATED
    assert assess(CLAIM, [ev("x", primary=False)], never).label == UNSUPPORTED


def test_no_evidence_is_not_unsupported():
    v = assess(CLAIM, [], never)
    assert v.label == NO_EVIDENCE and v.confidence == 1.0
    v = assess(CLAIM, [ev("x", UNRELATED), ev("y", UNRELATED)], never)
    assert v.label == NO_EVIDENCE
    # Discussion without a position is relevant: unsupported, not "nothing found".
    assert assess(CLAIM, [ev("x", DISCUSSES)], never).label == UNSUPPORTED


def test_weak_agreement_below_min_score_is_not_counted():
    evidence = [ev("x", score=0.4), ev("y", score=0.45)]
    assert assess(CLAIM, evidence, never).label == UNSUPPORTED
    assert assess(CLAIM, evidence, never, min_score=0.3).label == CORROBORATED


def test_grouping_is_transitive_and_asks_each_pair_once():
    calls: list[tuple[str, str]] = []

    def same(a: str, b: str) -> bool:
        calls.append((a, b))
        return {a, b} in ({"a", "b"}, {"b", "c"})

    g = independence_groups([ev("a"), ev("b"), ev("c"), ev("d")], same)
    groups = {e.article_id: e.independence_group for e in g.evidence}
    assert groups["a"] == groups["b"] == groups["c"] == "g:a"
    assert groups["d"] == "g:d"
    assert len(calls) == len(set(calls)) <= 6
    assert g.members["g:a"] == ("a", "b", "c")


def test_evidence_without_groups_falls_back_to_domain():
    evidence = [ev("a", domain="x.com"), ev("b", domain="x.com"), ev("c", domain="y.com")]
    v = decide(CLAIM, evidence)
    assert v.label == CORROBORATED and len(v.agreeing_groups) == 2


def test_confidence_follows_stance_probabilities():
    sure = decide(CLAIM, [ev("a", score=0.99), ev("b", score=0.99)])
    unsure = decide(CLAIM, [ev("a", score=0.55), ev("b", score=0.55)])
    assert sure.label == unsure.label == CORROBORATED
    assert sure.confidence > 0.95 > unsure.confidence
    # Two independent groups at p each: corroboration needs both, so about p * p.
    assert math.isclose(unsure.confidence, 0.55 * 0.55, rel_tol=1e-9)


def test_verdict_serialises():
    v = assess(CLAIM, [ev("a"), ev("b", DISAGREES)], never)
    d = v.to_dict()
    assert d["label"] == DISPUTED
    assert {e["article_id"] for e in d["evidence"]} == {"a", "b"}
    assert set(d["label_probabilities"]) == set(VERDICTS)


def test_bad_evidence_is_named():
    with pytest.raises(InputError, match="unknown stance"):
        Evidence(sentence="s", article_id="art-7", stance="supports")
    with pytest.raises(InputError, match="art-7"):
        Evidence(sentence="s", article_id="art-7", stance=AGREES, score=1.5)
    with pytest.raises(InputError, match="min_score"):
        decide(CLAIM, [], min_score=2.0)


_items = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "c", "d", "e"]),
        st.sampled_from(LABELS),
        st.floats(0.0, 1.0),
        st.sampled_from(["x.com", "y.com", "z.com", "w.com"]),
        st.booleans(),
    ),
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(_items, st.randoms(use_true_random=False))
def test_label_distribution_and_order_invariance(items, rnd):
    evidence = [ev(a, s, p, domain=d, primary=pr) for a, s, p, d, pr in items]
    same = clusters({"a", "b"})
    v = assess(CLAIM, evidence, same, claiming=Source("e"))
    assert v.label in VERDICTS
    assert math.isclose(sum(v.label_probabilities.values()), 1.0, rel_tol=1e-9)
    assert 0.0 <= v.confidence <= 1.0 + 1e-12
    assert v.confidence == v.label_probabilities[v.label]
    shuffled = list(evidence)
    rnd.shuffle(shuffled)
    v2 = assess(CLAIM, shuffled, same, claiming=Source("e"))
    assert (v2.label, v2.agreeing_groups, v2.disagreeing_groups) == (
        v.label, v.agreeing_groups, v.disagreeing_groups)
    assert math.isclose(v2.confidence, v.confidence, rel_tol=1e-9, abs_tol=1e-12)


def test_evidence_from_a_stance_prediction():
    from newstrace.evidence.stance import StancePrediction

    probs = {AGREES: 0.1, DISAGREES: 0.8, DISCUSSES: 0.05, UNRELATED: 0.05}
    p = StancePrediction(stance=DISAGREES, score=0.8, probabilities=probs)
    e = Evidence.from_prediction(p, sentence="They denied it.", article_id="x", domain="x.com")
    assert (e.stance, e.score, e.domain) == (DISAGREES, 0.8, "x.com")
    v = decide(CLAIM, [e])
    assert v.label == CONTRADICTED
    # P(contradicted) = P(the one group disagrees) = 0.8 under the model.
    assert math.isclose(v.confidence, 0.8, rel_tol=1e-9)


def test_outlet_of_a_copy_joins_the_own_group_only_through_its_copy():
    # "copy" (outlet X) republished the claimant's story; "x2" is outlet X's own later report.
    same = clusters({"claimer", "copy"})
    evidence = [ev("copy", domain="x.example"), ev("x2", domain="x.example"), ev("y", domain="y.example")]
    v = assess(CLAIM, evidence, same, claiming=Source("claimer", domain="claimer.example"))
    assert [e.article_id for e in v.own_group_evidence] == ["copy"]
    assert set(v.agreeing_groups) == {"g:x2", "g:y"}
    assert v.label == CORROBORATED
    # The claiming outlet's own other articles are still its own group.
    w = assess(CLAIM, [ev("mine2", domain="claimer.example"), ev("y")], never,
               claiming=Source("claimer", domain="claimer.example"))
    assert [e.article_id for e in w.own_group_evidence] == ["mine2"]
    assert w.label == UNSUPPORTED


def test_copies_of_copies_are_own_group():
    same = clusters({"claimer", "copy"}, {"copy", "copy_of_copy"})
    v = assess(CLAIM, [ev("copy_of_copy"), ev("copy")], same, claiming=Source("claimer"))
    assert len(v.own_group_evidence) == 2 and v.label == UNSUPPORTED


def test_claim_attributed_to_a_named_primary_source():
    # The article's own attribution is no source by itself (a quote stretched with invented
    # sentences is attributed too): with nobody else carrying the claim it is unsupported,
    # and the reason says whom to ask.
    v = assess(CLAIM, [ev("copy")], clusters({"claimer", "copy"}), claiming=Source("claimer"),
               claim_source="the port authority")
    assert v.label == UNSUPPORTED and len(v.own_group_evidence) == 1
    assert any("port authority" in r and "no independent source carries it" in r for r in v.reasons)
    # One independent agreeing source is enough when the article names its primary source.
    one = ev("x", AGREES, score=0.9)
    assert assess(CLAIM, [one], never, claiming=Source("claimer")).label == UNSUPPORTED
    c = assess(CLAIM, [one], never, claiming=Source("claimer"), claim_source="Mayor Ruiz")
    assert c.label == CORROBORATED and any("Mayor Ruiz" in r for r in c.reasons)
    assert 0.0 < c.confidence <= 1.0
    # An independent source that disagrees contradicts it: the article's word does not count.
    d = assess(CLAIM, [ev("x", DISAGREES, score=0.8)], never, claiming=Source("claimer"),
               claim_source="the port authority")
    assert d.label == CONTRADICTED
