"""schema.org ClaimReview JSON-LD for the claims of a report that have a verdict.

A newstrace verdict says what independent articles in the archive say about a claim; it
is not a ruling on truth. The numeric rating therefore measures *independent support
found in the archive*, on a 1-5 scale (bestRating 5, worstRating 1):

    corroborated   5   at least two independent sources agree (or one naming a primary source)
    disputed       3   independent sources agree and others disagree
    unsupported    2   the archive discusses it, but no independent confirmation
    contradicted   1   independent sources disagree and none agrees
    no_evidence    -   nothing in the archive: no ClaimReview by default (a review that
                       says "we found nothing" is not a fact-check); with
                       include_no_evidence=True it is written without a ratingValue

`alternateName` carries the verdict in words, which is what readers of ClaimReview show.
Only absolute http(s) URLs are written into url fields. The claim's `author` is left out:
the article attributing a statement to someone ("X said ...") does not establish who made
the claim under review.
"""

from __future__ import annotations

from typing import Any, Mapping

from . import sections as S
from .model import Report, as_dict

BEST_RATING = 5
WORST_RATING = 1
RATING_VALUE: dict[str, int | None] = {
    "corroborated": 5,
    "disputed": 3,
    "unsupported": 2,
    "contradicted": 1,
    "no_evidence": None,
}
ALTERNATE_NAME: dict[str, str] = {
    "corroborated": "Corroborated by independent sources",
    "disputed": "Disputed: independent sources disagree",
    "unsupported": "Unsupported: no independent confirmation found",
    "contradicted": "Contradicted by independent sources",
    "no_evidence": "No evidence found in the archive",
}


def claimreview(
    report: Report | Mapping[str, Any],
    *,
    author_name: str,
    author_url: str | None = None,
    review_url: str | None = None,
    include_no_evidence: bool = False,
) -> list[dict[str, Any]]:
    """One ClaimReview dict per claim with a verdict; [] when the report has no verdicts.

    review_url: where the review is published (e.g. the HTML report's URL); each review's
    `url` is review_url + "#claim-N", the claim's anchor in the HTML report. Without it
    the reviews carry no `url`.
    """
    if not isinstance(author_name, str) or not author_name.strip():
        raise ValueError("claimreview: author_name must name the organisation publishing the review")
    d = as_dict(report)
    if "verdicts" not in d:
        return []
    art = d.get("article") or {}
    claims = S.claims_of(d)
    verdicts = S.verdict_by_claim(d)
    author: dict[str, Any] = {"@type": "Organization", "name": author_name.strip()}
    if S.safe_url(author_url):
        author["url"] = S.safe_url(author_url)
    date = str(d.get("generated_at") or "")[:10] or None
    appearance = _work(art.get("url"), art.get("title"), art.get("published"), S.outlet_name(art) if (
        art.get("site") or art.get("domain")) else None)
    base = S.safe_url(review_url)
    out = []
    for i in sorted(verdicts):
        v = verdicts[i]
        label = v["label"]
        if label == "no_evidence" and not include_no_evidence:
            continue
        claim = claims[i]
        rating: dict[str, Any] = {
            "@type": "Rating",
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": ALTERNATE_NAME.get(label, label.replace("_", " ")),
        }
        value = RATING_VALUE.get(label)
        if value is not None:
            rating["ratingValue"] = value
        item: dict[str, Any] = {"@type": "Claim"}
        if appearance:
            item["appearance"] = [appearance]
        first = _first_appearance(d, claim, art)
        if first:
            item["firstAppearance"] = first
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            # The stand-alone statement: a relative clause or presupposition reads as a claim
            # only with its antecedent (claims.Claim.statement).
            "claimReviewed": str(claim.get("statement") or claim.get("text") or v.get("claim") or ""),
            "itemReviewed": item,
            "author": author,
            "reviewRating": rating,
        }
        if date:
            review["datePublished"] = date
        if base:
            review["url"] = f"{base.split('#')[0]}#claim-{i + 1}"
        out.append(review)
    return out


def _work(url: Any, title: Any, published: Any, outlet: str | None) -> dict[str, Any] | None:
    safe = S.safe_url(url)
    if safe is None:
        return None
    w: dict[str, Any] = {"@type": "CreativeWork", "url": safe}
    if title:
        w["headline"] = str(title)
    if published:
        w["datePublished"] = str(published)
    if outlet:
        w["publisher"] = {"@type": "Organization", "name": outlet}
    return w


def _first_appearance(d: Mapping[str, Any], claim: Mapping[str, Any], art: Mapping[str, Any]) -> dict[str, Any] | None:
    """The earliest source of the copied passage the claim sits in, when provenance has
    decided it (every carrier dated, one strictly first); None otherwise.

    A claim in the article's own prose is not given a first appearance: the archive not
    holding it earlier does not show that it appeared here first.
    """
    prov = S.provenance_of(d)
    sp = S.span_of(claim)
    if prov is None or sp is None:
        return None
    refs = S.source_refs(prov)
    mid = (sp[0] + sp[1]) // 2
    best = None
    for g in prov.get("groups") or []:
        gs = S.span_of(g, "query_span")
        if g.get("kind") != "copied_prose" or gs is None:
            continue
        # The passage must hold most of the claim, not brush its edge.
        overlap = min(gs[1], sp[1]) - max(gs[0], sp[0])
        if overlap <= 0 or (overlap < 0.5 * (sp[1] - sp[0]) and not gs[0] <= mid < gs[1]):
            continue
        e = g.get("earliest") or {}
        if e.get("status") != "decided" or len(e.get("keys") or []) != 1:
            continue
        t = S.order_key(e.get("date"))
        if best is None or (t is not None and t < best[0]):
            best = (t if t is not None else float("inf"), e["keys"][0])
    if best is None:
        return None
    key = best[1]
    if key is None:
        return _work(art.get("url"), art.get("title"), art.get("published"), S.outlet_name(art))
    ref = refs.get(str(key)) or {}
    return _work(ref.get("url"), ref.get("title"), ref.get("published"), S.outlet_name(ref))
