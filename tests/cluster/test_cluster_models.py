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
