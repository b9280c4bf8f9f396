"""Verdict on a claim from stance-labelled evidence, counting independent sources only.

Pure functions over plain values, so the same kernel runs in `check`, the web app and Spark.

Independence. Articles that share reused prose (one provenance cluster), articles of the same
outlet (site) and articles of the same registered domain form one *independence group*:
fifty copies of one wire report are one source, and an outlet that says a thing twice has
said it once. `independence_groups` builds the groups (union-find) from a `same_cluster`
predicate supplied by provenance. Evidence in the claiming article's own group never counts:
an article cannot corroborate itself through its copies.

Rules (on the groups other than the claiming article's own):
    corroborated  at least 2 independent groups agree, or 1 agrees and names a primary source
                  (an agreeing item with `names_primary_source`, or a claim the claiming
                  article itself attributes on the record to a named primary source:
                  `claim_source`, "according to the port authority", "Minister X said"),
                  and none disagrees. The article's own attribution never counts as a
                  source by itself: a quote stretched with invented sentences is attributed
                  too. Anonymous attribution ("our sources", "officials said") is no named
                  source
    contradicted  at least 1 independent group disagrees and none agrees
    disputed      at least 1 agrees and at least 1 disagrees
    unsupported   something relevant was found (another group discusses the claim, a single
                  independent group agrees without naming a primary source, or only copies
                  of the claiming article itself carry it), but nothing above holds
    no_evidence   nothing relevant in the archive: no evidence, or all of it unrelated

`no_evidence` is kept apart from `unsupported` on purpose. "This archive has nothing on the
subject" tells a fact-checker to look elsewhere; "the archive covers it, and only copies of
this article (or one uncorroborated source) say it" is itself a finding.

An item counts as agreeing or disagreeing when that is its stance and its score is at least
`min_score` (DEFAULT_MIN_SCORE); weaker agree/disagree labels count as "discusses".

Confidence. Each item's stance probabilities are read as the chance that it truly agrees,
disagrees, is relevant at all. A group agrees with the probability of its most confident
agreeing item (likewise for disagreeing); groups are treated as independent of one another.
Under those assumptions the probability of every verdict is computed exactly (a small dynamic
programme over groups); `confidence` is the probability of the verdict the rules gave, and
`label_probabilities` the whole distribution. It is only as calibrated as the stance
probabilities (bench/eval_stance.py reports their calibration error), and it ignores
retrieval misses: evidence the archive holds but search did not return.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable, Mapping, Sequence

from ..errors import InputError
from ..urls import registered_domain
from .stance import AGREES, DISAGREES, DISCUSSES, LABELS, UNRELATED, StancePrediction

CORROBORATED = "corroborated"
CONTRADICTED = "contradicted"
DISPUTED = "disputed"
UNSUPPORTED = "unsupported"
NO_EVIDENCE = "no_evidence"
VERDICTS: tuple[str, ...] = (CORROBORATED, CONTRADICTED, DISPUTED, UNSUPPORTED, NO_EVIDENCE)

#: Agree/disagree labels below this model probability count as "discusses". At 0.5 the label
#: outweighs the other three together. Measured by bench/eval_stance.py ("precision by minimum
#: score"): on Climate-FEVER it lifts the precision of "agrees" only from 0.30 to 0.32, so it
#: is a guard against coin-flip labels, not a cure for the model's cross-domain errors.
DEFAULT_MIN_SCORE = 0.5


@dataclass(frozen=True)
class Evidence:
    """One sentence (or passage) of another article, with its stance towards the claim."""

    sentence: str
    article_id: str
    site: str | None = None  # the outlet as people name it ("BBC News")
    domain: str | None = None  # registered domain ("bbc.co.uk"); derived from url when absent
    date: str | None = None  # ISO 8601
    url: str | None = None
    stance: str = UNRELATED  # one of stance.LABELS
    score: float = 0.0  # probability of `stance` (0..1)
    probabilities: Mapping[str, float] | None = field(default=None, compare=False, hash=False)
    independence_group: str | None = None
    names_primary_source: bool = False  # cites the original document, data or named witness
    reason: str | None = None  # why the stance layer gave this stance, in words (None: the model's label)

    def __post_init__(self) -> None:
        who = f"evidence from article {self.article_id!r}"
        if not isinstance(self.article_id, str) or not self.article_id:
            raise InputError("evidence", "article_id must be a non-empty string", repr(self.article_id))
        if self.stance not in LABELS:
            raise InputError(who, "unknown stance", f"{self.stance!r}; expected one of {LABELS}")
        if not 0.0 <= float(self.score) <= 1.0:
            raise InputError(who, "score must be a probability between 0 and 1", repr(self.score))
        if self.probabilities is not None:
            unknown = set(self.probabilities) - set(LABELS)
            if unknown:
                raise InputError(who, "unknown stance in probabilities", ", ".join(sorted(unknown)))
        if self.domain is None and self.url:
            object.__setattr__(self, "domain", registered_domain(self.url))

    @classmethod
    def from_prediction(cls, prediction: StancePrediction, *, sentence: str, article_id: str,
                        **fields: Any) -> "Evidence":
        """Evidence carrying a stance model's label, score and probabilities."""
        return cls(sentence=sentence, article_id=article_id, stance=prediction.stance,
                   score=prediction.score, probabilities=dict(prediction.probabilities), **fields)

    def stance_probabilities(self) -> dict[str, float]:
        """All four probabilities; without a model's, `score` goes to `stance` and the rest
        is spread evenly over the other labels."""
        if self.probabilities is not None:
            return {lab: float(self.probabilities.get(lab, 0.0)) for lab in LABELS}
        rest = (1.0 - self.score) / (len(LABELS) - 1)
        return {lab: (self.score if lab == self.stance else rest) for lab in LABELS}

    def to_dict(self) -> dict[str, Any]:
        d = {
            "sentence": self.sentence,
            "article_id": self.article_id,
            "site": self.site,
            "domain": self.domain,
            "date": self.date,
            "url": self.url,
            "stance": self.stance,
            "score": round(float(self.score), 6),
            "independence_group": self.independence_group,
            "names_primary_source": self.names_primary_source,
        }
        if self.reason:
            d["reason"] = self.reason
        if self.probabilities is not None:
            d["probabilities"] = {k: round(float(v), 6) for k, v in self.probabilities.items()}
        return d


@dataclass(frozen=True)
class Source:
    """The claiming article, as far as grouping needs it."""

    article_id: str
    site: str | None = None
    domain: str | None = None
    url: str | None = None

    @classmethod
    def of(cls, article: Any) -> "Source":
        """From an `Article` (or anything with id/site/domain/url attributes)."""
        return cls(article_id=article.id, site=getattr(article, "site", None),
                   domain=getattr(article, "domain", None), url=getattr(article, "url", None))


@dataclass(frozen=True)
class Grouped:
    evidence: tuple[Evidence, ...]  # the input, with independence_group filled in
    own_group: str | None  # the claiming article's group (None when no claiming article given)
    members: Mapping[str, tuple[str, ...]]  # group id -> article ids, sorted


def independence_groups(
    evidence: Sequence[Evidence],
    same_cluster: Callable[[str, str], bool],
    *,
    claiming: Source | None = None,
) -> Grouped:
    """Assign independence groups: articles are merged when `same_cluster(a, b)` says they
    share reused prose, or when they have the same site or the same registered domain.

    The claiming article's group is built first and closed on its own: the claiming outlet
    and everything sharing prose with a member. Other articles are grouped among
    themselves and never join it through their outlet alone.

    A group's id is "g:" + its smallest article id, so it is stable for the same input.
    `same_cluster` is called at most once per unordered pair of distinct article ids.
    """
    # article id -> every (kind, name) it is known by; an article seen with several
    # sentences may carry its names on some of them only.
    names: dict[str, set[tuple[str, str]]] = {}

    def note(article_id: str, site: str | None, domain: str | None, url: str | None) -> None:
        known = names.setdefault(article_id, set())
        if (s := _site_key(site)) is not None:
            known.add(("site", s))
        if (d := _domain_key(domain, url)) is not None:
            known.add(("domain", d))

    if claiming is not None:
        note(claiming.article_id, claiming.site, claiming.domain, claiming.url)
    for ev in evidence:
        note(ev.article_id, ev.site, ev.domain, ev.url)
    ids = sorted(names)
    parent = {a: a for a in ids}
    asked: dict[frozenset[str], bool] = {}

    def linked(a: str, b: str) -> bool:
        key = frozenset((a, b))
        if key not in asked:
            asked[key] = bool(same_cluster(a, b))
        return asked[key]

    def find(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    # The claiming article's own group: its outlet, and every article that shares prose with
    # it or with another member (its sources, its copies, copies of those). An outlet's other
    # articles join it only through the claiming outlet itself: a newspaper that ran the
    # claimant's wire story in one article still reports independently in its other articles.
    own: set[str] = set()
    if claiming is not None:
        own = {claiming.article_id}
        mine = names[claiming.article_id]
        own |= {a for a in ids if names[a] & mine}
        frontier = sorted(own)
        while frontier:
            nxt = []
            for a in ids:
                if a not in own and any(linked(a, o) for o in frontier):
                    nxt.append(a)
            own.update(nxt)
            frontier = nxt
        for a in own:
            union(min(own), a)

    by_name: dict[tuple[str, str], str] = {}
    for a in ids:
        if a in own:
            continue
        for name in names[a]:
            union(by_name.setdefault(name, a), a)
    for i, a in enumerate(ids):
        if a in own:
            continue
        for b in ids[i + 1 :]:
            if b not in own and find(a) != find(b) and linked(a, b):
                union(a, b)

    groups: dict[str, list[str]] = {}
    for a in ids:
        groups.setdefault(find(a), []).append(a)
    gid = {a: "g:" + min(members) for members in groups.values() for a in members}
    out = tuple(replace(ev, independence_group=gid[ev.article_id]) for ev in evidence)
    members = {"g:" + min(m): tuple(sorted(m)) for m in groups.values()}
    own = gid[claiming.article_id] if claiming is not None else None
    return Grouped(evidence=out, own_group=own, members=members)


def _site_key(site: str | None) -> str | None:
    return " ".join(site.lower().split()) if site and site.strip() else None


def _domain_key(domain: str | None, url: str | None) -> str | None:
    if domain and domain.strip():
        return (registered_domain(domain.strip()) or domain.strip()).lower()
    return registered_domain(url) if url else None


# ---------------------------------------------------------------------------------------------
# Verdict


@dataclass(frozen=True)
class Verdict:
    claim: str
    label: str  # one of VERDICTS
    confidence: float  # probability of `label` under the stance model (see module docstring)
    label_probabilities: Mapping[str, float]
    agreeing_groups: tuple[str, ...]
    disagreeing_groups: tuple[str, ...]
    independent_groups: tuple[str, ...]  # groups other than the claim's own with relevant evidence
    evidence: tuple[Evidence, ...]  # counted candidates: agree/disagree first, by score
    own_group_evidence: tuple[Evidence, ...]  # from the claiming article's own group; never counted
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "label": self.label,
            "confidence": round(self.confidence, 4),
            "label_probabilities": {k: round(v, 4) for k, v in self.label_probabilities.items()},
            "agreeing_groups": list(self.agreeing_groups),
            "disagreeing_groups": list(self.disagreeing_groups),
            "independent_groups": list(self.independent_groups),
            "evidence": [e.to_dict() for e in self.evidence],
            "own_group_evidence": [e.to_dict() for e in self.own_group_evidence],
            "reasons": list(self.reasons),
        }


def decide(
    claim: str,
    evidence: Iterable[Evidence],
    *,
    own_group: str | None = None,
    min_score: float = DEFAULT_MIN_SCORE,
    claim_source: str | None = None,
) -> Verdict:
    """Apply the rules in the module docstring to grouped evidence.

    `claim_source`: the named primary source the claiming article itself attributes the
    claim to on the record ("according to the port authority", "Minister X said"); it
    counts as one agreeing source that names a primary source (see the module docstring).

    Evidence without an `independence_group` is grouped by its domain, else its site, else
    its article (call `independence_groups` first to merge copies). `own_group` is the
    claiming article's group; its evidence is listed but never counted.
    """
    if not 0.0 <= min_score <= 1.0:
        raise InputError("min_score", "must be between 0 and 1", repr(min_score))
    items = list(evidence)
    own_items: list[Evidence] = []
    counted: list[Evidence] = []
    for ev in items:
        if ev.independence_group is None:
            ev = replace(ev, independence_group=_fallback_group(ev))
        (own_items if own_group is not None and ev.independence_group == own_group else counted).append(ev)

    def counts_as(ev: Evidence, stance: str) -> bool:
        return ev.stance == stance and ev.score >= min_score

    agree: dict[str, bool] = {}  # group -> names a primary source
    disagree: set[str] = set()
    relevant_groups: set[str] = set()
    for ev in counted:
        g = ev.independence_group
        assert g is not None
        if ev.stance != UNRELATED:
            relevant_groups.add(g)
        if counts_as(ev, AGREES):
            agree[g] = agree.get(g, False) or ev.names_primary_source
        elif counts_as(ev, DISAGREES):
            disagree.add(g)
    any_relevant = bool(relevant_groups) or any(ev.stance != UNRELATED for ev in own_items)

    reasons: list[str] = []
    n_agree, n_dis = len(agree), len(disagree)
    primary = any(agree.values())
    primary = primary or bool(claim_source)
    if not any_relevant:
        label = NO_EVIDENCE
        reasons.append(f"none of {len(items)} evidence items is about the claim"
                       if items else "the archive returned no evidence for the claim")
    elif n_agree and n_dis:
        label = DISPUTED
        reasons.append(f"{n_agree} independent source(s) agree and {n_dis} disagree")
    elif n_dis:
        label = CONTRADICTED
        reasons.append(f"{n_dis} independent source(s) disagree and none agrees")
    elif n_agree >= 2 or (n_agree == 1 and primary):
        label = CORROBORATED
        reasons.append(
            f"{n_agree} independent sources agree" if n_agree >= 2
            else "1 independent source agrees and names a primary source" if any(agree.values())
            else f"1 independent source agrees and the article names its primary source ({claim_source})"
        )
    else:
        label = UNSUPPORTED
        if claim_source and not n_agree:
            reasons.append(f"the article attributes the claim to {claim_source} on the record, but no "
                           "independent source carries it: check the primary source itself")
        if n_agree == 1:
            reasons.append("only 1 independent source agrees and it names no primary source; "
                           "corroboration needs 2, or 1 naming a primary source")
        elif relevant_groups:
            reasons.append(f"{len(relevant_groups)} independent source(s) discuss the claim "
                           "without agreeing or disagreeing")
        else:
            reasons.append("only the claiming article's own group (its copies, its outlet) carries it")
    if own_items:
        reasons.append(f"{len(own_items)} item(s) from the claiming article's own group were not counted")

    probs = _label_distribution(counted, own_items, claim_source=bool(claim_source))
    ordered = sorted(counted, key=_evidence_order)
    return Verdict(
        claim=claim,
        label=label,
        confidence=probs[label],
        label_probabilities=probs,
        agreeing_groups=tuple(sorted(agree)),
        disagreeing_groups=tuple(sorted(disagree)),
        independent_groups=tuple(sorted(relevant_groups)),
        evidence=tuple(ordered),
        own_group_evidence=tuple(sorted(own_items, key=_evidence_order)),
        reasons=tuple(reasons),
    )


def assess(
    claim: str,
    evidence: Sequence[Evidence],
    same_cluster: Callable[[str, str], bool],
    *,
    claiming: Source | None = None,
    min_score: float = DEFAULT_MIN_SCORE,
    claim_source: str | None = None,
) -> Verdict:
    """`independence_groups` then `decide`: the usual entry point."""
    grouped = independence_groups(evidence, same_cluster, claiming=claiming)
    return decide(claim, grouped.evidence, own_group=grouped.own_group, min_score=min_score,
                  claim_source=claim_source)


def _fallback_group(ev: Evidence) -> str:
    if ev.domain:
        return "domain:" + ev.domain.lower()
    if ev.site and ev.site.strip():
        return "site:" + " ".join(ev.site.lower().split())
    return "article:" + ev.article_id


_STANCE_ORDER = {AGREES: 0, DISAGREES: 0, DISCUSSES: 1, UNRELATED: 2}


def _evidence_order(ev: Evidence) -> tuple:
    return (_STANCE_ORDER[ev.stance], -ev.score, ev.article_id)


def _label_distribution(counted: Sequence[Evidence], own_items: Sequence[Evidence],
                        *, claim_source: bool = False) -> dict[str, float]:
    """Probability of each verdict if every group's true stance were drawn from the model's
    probabilities (groups independent; within a group, its most confident item). A claim
    the article attributes to a named primary source needs one agreeing group, as if every
    group named it."""
    per_group: dict[str, list[float]] = {}  # group -> [p_agree, p_disagree, p_relevant, primary]
    for ev in counted:
        p = ev.stance_probabilities()
        g = per_group.setdefault(ev.independence_group or "", [0.0, 0.0, 0.0, 0.0])
        g[0] = max(g[0], p[AGREES])
        g[1] = max(g[1], p[DISAGREES])
        g[2] = max(g[2], 1.0 - p[UNRELATED])
        if ev.names_primary_source or claim_source:
            g[3] = 1.0
    # State: (agreeing level 0/1/2 where 2 = corroborating, any disagreement, anything relevant).
    # Copies of the claiming article only decide whether anything relevant exists at all.
    p_own_unrelated = 1.0
    for ev in own_items:
        p_own_unrelated *= ev.stance_probabilities()[UNRELATED]
    state: dict[tuple[int, int, int], float] = {(0, 0, 0): p_own_unrelated, (0, 0, 1): 1.0 - p_own_unrelated}
    for a, d, rel, primary in per_group.values():
        rel = max(rel, min(1.0, a + d))
        if a + d > 1.0:  # a group is one voice: keep its agree/disagree odds exclusive
            a, d = a / (a + d), d / (a + d)
        neutral = max(0.0, rel - a - d)
        unrel = max(0.0, 1.0 - rel)
        nxt: dict[tuple[int, int, int], float] = {}
        for (lvl, dis, r), p in state.items():
            for (nl, nd, nr), q in (
                ((2 if primary else min(2, lvl + 1), dis, 1), a),
                ((lvl, 1, 1), d),
                ((lvl, dis, 1), neutral),
                ((lvl, dis, r), unrel),
            ):
                if q > 0.0:
                    nxt[(nl, nd, nr)] = nxt.get((nl, nd, nr), 0.0) + p * q
        state = nxt
    out = dict.fromkeys(VERDICTS, 0.0)
    for (lvl, dis, r), p in state.items():
        if not r:
            out[NO_EVIDENCE] += p
        elif lvl and dis:
            out[DISPUTED] += p
        elif dis:
            out[CONTRADICTED] += p
        elif lvl == 2:
            out[CORROBORATED] += p
        else:
            out[UNSUPPORTED] += p
    total = sum(out.values()) or 1.0
    return {k: v / total for k, v in out.items()}
