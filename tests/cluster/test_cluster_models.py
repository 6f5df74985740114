"""The clusterer's pair models: each pair is scored by the model fitted for the evidence it has."""

from __future__ import annotations

import json

import numpy as np

from corroborate.cluster.scoring import FEATURES, PairModels, config_data


def _data(**biases: float) -> dict:
    data = json.loads(json.dumps(config_data()))
    zero = dict.fromkeys(FEATURES, 0.0)
    data["models"] = {name: {"weights": zero, "bias": bias} for name, bias in biases.items()}
    return data


def test_each_kind_of_evidence_gets_its_model() -> None:
    models = PairModels.load("stream", _data(stream=2.0, stream_mono=1.0, stream_undated=-1.0,
                                             stream_mono_undated=-2.0))
    xs = np.zeros((4, len(FEATURES)))
    embedded = np.array([True, False, True, False])
    dated = np.array([True, True, False, False])
    logits = np.log(1 / models.probs(xs, embedded, dated) - 1) * -1
    assert np.allclose(logits, [2.0, 1.0, -1.0, -2.0])


def test_missing_models_fall_back_to_their_dated_counterparts() -> None:
    models = PairModels.load("stream", _data(stream=2.0, stream_mono=1.0))
    xs = np.zeros((4, len(FEATURES)))
    probs = models.probs(xs, np.array([True, False, True, False]), np.array([True, True, False, False]))
    assert probs[0] == probs[2] and probs[1] == probs[3] and probs[0] > probs[1]


def test_base_rate_shifts_log_odds_by_the_candidate_count() -> None:
    data = _data(stream=0.0, stream_undated=-3.0)
    data["models"]["stream_undated"]["base_rate"] = {"mates": 0.5, "candidates": 100.0}
    models = PairModels.load("stream", data)
    xs = np.zeros((2, len(FEATURES)))
    dated = np.array([True, False])
    embedded = np.array([True, True])

    def logits(candidates: int | None) -> np.ndarray:
        return -np.log(1 / models.probs(xs, embedded, dated, candidates) - 1)

    crowded, sparse = logits(100), logits(10)
    assert np.allclose(logits(None), [0.0, -3.0])  # no count given: no shift
    assert np.allclose(crowded, [0.0, -3.0])  # as crowded as the fit: no shift
    expected = np.log(0.05 / 0.95) - np.log(0.005 / 0.995)  # Bayes: logit(pi_now) - logit(pi_fit)
    assert np.isclose(sparse[1] - crowded[1], expected)
    assert sparse[0] == crowded[0]  # the dated model has no base rate


def test_base_rate_weight_scales_the_shift() -> None:
    data = _data(stream=0.0)
    data["models"]["stream"]["base_rate"] = {"mates": 0.5, "candidates": 100.0, "weight": 0.5}
    models = PairModels.load("stream", data)
    x = np.zeros((1, len(FEATURES)))
    yes = np.array([True])
    full = np.log(0.05 / 0.95) - np.log(0.005 / 0.995)
    assert np.isclose(-np.log(1 / models.probs(x, yes, yes, 10)[0] - 1), 0.5 * full)



def test_embedded_pairs_of_two_languages_get_the_word_overlap_their_embedding_implies() -> None:
    data = _data(stream=-2.0, stream_mono=-2.0)
    data["models"]["stream"]["weights"] = {**dict.fromkeys(FEATURES, 0.0), "lex": 4.0, "emb_x": 9.0}
    data["models"]["stream_mono"]["weights"] = data["models"]["stream"]["weights"]
    data["cross_language"] = {"implied_by_embedding": {"cosines": [0.7, 0.8, 0.9, 1.0],
                                                       "values": {"lex": [0.0, 0.0, 0.5, 1.0]}, "gap": 0.05}}
    models = PairModels.load("stream", data)
    xs = np.zeros((4, len(FEATURES)))
    emb, emb_x, lex = (FEATURES.index(f) for f in ("emb", "emb_x", "lex"))
    xs[:, emb] = [0.85, 0.85, 0.85, 0.78]
    xs[:, emb_x] = [0.85, 0.85, 0.0, 0.78]
    xs[2, FEATURES.index("same_lang")] = 1.0  # one language: its own lexical similarity (0), no imputation
    xs[1, lex] = 0.6  # two languages sharing names: its own lexical similarity where higher
    embedded = np.array([True, True, True, True])
    logits = -np.log(1 / models.probs(xs, embedded, embedded) - 1)
    # cosine 0.85 + gap 0.05 -> lex 0.5 -> -2 + 4 * 0.5; the emb_x bonus is not applied to such pairs
    assert np.allclose(logits, [0.0, -2.0 + 4 * 0.6, -2.0, -2.0 + 4 * 0.15])
    # without embeddings (the mono model) nothing is imputed
    assert np.isclose(-np.log(1 / models.probs(xs[:1], ~embedded[:1], embedded[:1])[0] - 1), -2.0 + 9.0 * 0.85)


def test_names_implied_too_and_their_time_weighted_feature_follows() -> None:
    data = _data(stream=0.0)
    data["models"]["stream"]["weights"] = {**dict.fromkeys(FEATURES, 0.0), "key_ov": 1.0, "key_close": 2.0}
    data["cross_language"] = {"implied_by_embedding": {"cosines": [0.8, 1.0], "values": {"key_ov": [0.0, 1.0]}}}
    models = PairModels.load("stream", data)
    x = np.zeros((1, len(FEATURES)))
    x[0, FEATURES.index("emb")], x[0, FEATURES.index("emb_close")] = 0.9, 0.45  # time closeness 0.5
    yes = np.array([True])
    assert np.isclose(-np.log(1 / models.probs(x, yes, yes)[0] - 1), 0.5 + 2.0 * 0.5 * 0.5)


def test_an_unknown_surface_feature_is_refused() -> None:
    import pytest

    data = _data(stream=0.0)
    data["cross_language"] = {"implied_by_embedding": {"cosines": [0.8, 1.0], "values": {"place_ov": [0.0, 1.0]}}}
    with pytest.raises(ValueError, match="place_ov"):
        PairModels.load("stream", data)
