"""Evidence for claims: stance of other articles' sentences, independence groups, verdicts.

    stance.default_model().predict(claims, evidence_sentences) -> [StancePrediction]
    verdict.assess(claim, [Evidence], same_cluster, claiming=Source(...)) -> Verdict
"""

from .stance import LABELS, StanceModel, StancePrediction, default_model
from .verdict import (
    VERDICTS,
    Evidence,
    Grouped,
    Source,
    Verdict,
    assess,
    decide,
    independence_groups,
)

__all__ = [
    "Evidence",
    "Grouped",
    "LABELS",
    "Source",
    "StanceModel",
    "StancePrediction",
    "VERDICTS",
    "Verdict",
    "assess",
    "decide",
    "default_model",
    "independence_groups",
]
