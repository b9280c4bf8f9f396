"""The packaged stance model: loads without pickle, labels clear pairs sensibly, and the
numpy tree evaluator reproduces scikit-learn."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from newstrace.errors import InputError
from newstrace.evidence.features import FEATURE_NAMES, numbers, stem, tokenize
from newstrace.evidence.stance import (
    AGREES,
    DISAGREES,
    LABELS,
    UNRELATED,
    StanceModel,
    default_model,
)
from newstrace.evidence.trees import BoostedTrees, from_sklearn

CLAIM = "Belarusian general Ivan Petrov has been dismissed by President Lukashenko."
CLAIM2 = "A meteorite crashed near the airport in Managua, leaving a large crater."

AGREE = [
    (CLAIM, "President Alexander Lukashenko has dismissed General Ivan Petrov, the presidential "
            "press service confirmed on Monday."),
    (CLAIM2, "A small meteorite crashed near Managua's international airport overnight and left "
             "a crater 12 metres wide, officials confirmed."),
]
UNRELATED_PAIRS = [
    (CLAIM, "The city council approved a new budget for road repairs and school buses on Tuesday."),
    (CLAIM2, "Shares in the carmaker rose 4 per cent after it reported record quarterly profits."),
]
DENIALS = [
    (CLAIM, "The Belarusian defence ministry denied that General Ivan Petrov had been dismissed "
            "by Lukashenko."),
    (CLAIM2, "Nicaraguan officials denied that a meteorite had crashed near the Managua airport."),
]


@pytest.fixture(scope="module")
def model() -> StanceModel:
    return default_model()


def test_packaged_model_records_how_it_was_built(model):
    meta = model.meta
    assert meta["feature_names"] == list(FEATURE_NAMES)
    assert set(meta["data"]["files_sha256"]) == {"fnc1/train_bodies.csv", "fnc1/train_stances.csv"}
    assert all(len(h) == 64 for h in meta["data"]["files_sha256"].values())
    assert meta["split"]["by"] == "body id"
    assert meta["trained_with"]["script"] == "bench/train_stance.py"
    assert meta["export_max_abs_diff"] <= 1e-9


@pytest.mark.parametrize("claim,evidence", AGREE)
def test_obvious_agreement(model, claim, evidence):
    assert model.predict_one(claim, evidence).stance == AGREES


@pytest.mark.parametrize("claim,evidence", UNRELATED_PAIRS)
def test_obvious_unrelated(model, claim, evidence):
    p = model.predict_one(claim, evidence)
    assert p.stance == UNRELATED
    assert p.relatedness < 0.5


@pytest.mark.parametrize("claim,evidence", DENIALS)
def test_explicit_denial_disagrees(model, claim, evidence):
    p = model.predict_one(claim, evidence)
    assert p.stance == DISAGREES
    assert p.probabilities[DISAGREES] > p.probabilities[AGREES]


def test_batch_probabilities(model):
    pairs = AGREE + UNRELATED_PAIRS + DENIALS
    proba = model.predict_proba([c for c, _ in pairs], [e for _, e in pairs])
    assert proba.shape == (len(pairs), len(LABELS))
    assert np.allclose(proba.sum(1), 1.0)
    # One batch gives what single calls give (per-call caching must not leak between pairs).
    single = np.vstack([model.predict_proba([c], [e]) for c, e in pairs])
    assert np.allclose(proba, single)


def test_empty_side_is_unrelated_and_the_batch_goes_on(model):
    preds = model.predict([CLAIM, "", CLAIM], [AGREE[0][1], AGREE[0][1], "  ... "])
    assert preds[0].stance == AGREES
    assert preds[1].stance == UNRELATED and preds[1].score == 1.0
    assert preds[2].stance == UNRELATED


def test_bad_input_is_named(model):
    with pytest.raises(InputError, match="differ in length"):
        model.predict([CLAIM], [])
    with pytest.raises(InputError, match=r"evidence #1"):
        model.predict([CLAIM, CLAIM], ["text", None])  # type: ignore[list-item]
    with pytest.raises(InputError, match="single string"):
        model.predict(CLAIM, "text")  # type: ignore[arg-type]


def test_save_load_round_trip(model, tmp_path):
    model.save(tmp_path)
    again = StanceModel.load(tmp_path)
    pairs = AGREE + DENIALS
    a = model.predict_proba([c for c, _ in pairs], [e for _, e in pairs])
    b = again.predict_proba([c for c, _ in pairs], [e for _, e in pairs])
    assert np.array_equal(a, b)


def test_mismatched_model_file_is_refused(model, tmp_path):
    model.save(tmp_path)
    meta = json.loads((tmp_path / "stance.json").read_text())
    meta["feature_names"] = meta["feature_names"][:-1]
    (tmp_path / "stance.json").write_text(json.dumps(meta))
    with pytest.raises(InputError, match="different feature set"):
        StanceModel.load(tmp_path)
    model.save(tmp_path)
    (tmp_path / "stance.npz").write_bytes(b"not a zip file")
    with pytest.raises(InputError, match="not a readable model array file"):
        StanceModel.load(tmp_path)
    shutil.rmtree(tmp_path)
    with pytest.raises(InputError, match="not found"):
        StanceModel.load(tmp_path)


def test_numpy_trees_reproduce_sklearn():
    pytest.importorskip("sklearn", reason="scikit-learn (training only) is not installed")
    from sklearn.ensemble import HistGradientBoostingClassifier
    from threadpoolctl import threadpool_limits

    rng = np.random.default_rng(0)
    x = rng.normal(size=(600, 5))
    x[rng.random(x.shape) < 0.05] = np.nan  # missing values must follow the same branch
    y = (x[:, 0] > 0).astype(int) + (np.nan_to_num(x[:, 1]) > 0.5).astype(int) + (x[:, 2] > 1).astype(int)
    # One OpenMP thread: on a shared machine more threads cost more than they save here.
    with threadpool_limits(1):
        clf = HistGradientBoostingClassifier(max_iter=30, max_leaf_nodes=7, random_state=0).fit(x, y)
        binary = HistGradientBoostingClassifier(max_iter=10, random_state=0).fit(x, (y > 0).astype(int))
        expected, expected_binary = clf.predict_proba(x), binary.predict_proba(x)
    trees = from_sklearn(clf)
    assert np.abs(trees.predict_proba(x) - expected).max() < 1e-9
    again = BoostedTrees.from_arrays(trees.to_arrays())
    assert np.array_equal(again.predict_proba(x), trees.predict_proba(x))
    assert np.abs(from_sklearn(binary).predict_proba(x) - expected_binary).max() < 1e-9


def test_text_helpers():
    assert tokenize("He didn't say it, the minister's aide can't.") == [
        "he", "did", "not", "say", "it", "the", "minister", "aide", "can", "not"]
    assert stem("denied") == stem("denies") == stem("deny")
    assert stem("reports") == stem("reporting") == "report"
    assert stem("press") == "press"
    assert numbers("1,500 troops and 3.50 dollars, 2024") == {"1500", "3.5", "2024"}


def test_denial_and_negation_features_without_a_model():
    from newstrace.evidence.features import Idf, PairFeaturizer

    feat = PairFeaturizer(Idf.fit([["general"], ["petrov"], ["dismiss"]], min_df=1))
    claim = feat.prepare("General Petrov was dismissed.")
    names = list(FEATURE_NAMES)

    def f(text):
        return dict(zip(names, feat.features(claim, feat.prepare(text))))

    denied = f("The ministry denied that General Petrov was dismissed.")
    confirmed = f("The ministry confirmed that General Petrov was dismissed.")
    negated = f("General Petrov was not dismissed, the ministry said.")
    assert denied["denial_overlap"] == pytest.approx(1.0)
    assert confirmed["denial_overlap"] == 0.0 and confirmed["negated_overlap"] == 0.0
    assert negated["negated_overlap"] > 0.0
    # "dismissed" as in "fired" is not a denial of anything.
    assert f("Petrov was dismissed on Monday.")["claim_denial"] == 0.0
    assert np.isnan(denied["cue_agree"])  # no cue model attached
