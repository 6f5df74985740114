"""Store codec: the fast JSON encoder matches model.to_json; embeddings round-trip exactly."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from corroborate.model import Analysis, Dossier, from_json, to_json
from corroborate.store.codec import (
    analysis_row,
    dumps,
    fold,
    like_escape,
    lines,
    load_as,
    row_analysis,
    search_fold,
)
from corroborate.testing import analysis, article, dossier


def test_dumps_equals_model_to_json() -> None:
    arts = [article(1, lang="ar"), article(2, lang="sv")]
    for obj in (analysis(arts[0]), dossier("s1", arts, conflict=True), arts[1]):
        assert json.loads(dumps(obj)) == to_json(obj)
    assert from_json(Dossier, json.loads(dumps(dossier("s1", arts)))) == dossier("s1", arts)


def test_load_as_equals_model_from_json() -> None:
    arts = [article(1, lang="ru"), article(2, lang="es")]
    for cls, obj in ((Analysis, analysis(arts[0], dim=4)), (Dossier, dossier("s9", arts, conflict=True))):
        text = dumps(obj)
        assert load_as(cls, text) == from_json(cls, json.loads(text)) == obj
    assert load_as(Analysis, dumps(analysis(arts[1]))).sentences == [(0, 40), (41, 80)]


def test_dumps_rejects_unknown_types_clearly() -> None:
    with pytest.raises(TypeError, match="cannot store a set as JSON"):
        dumps({"x": {1, 2}})


def test_embedding_round_trips_exactly() -> None:
    an = analysis(article(1), dim=384)
    an.embedding[:3] = [math.pi, -0.0, 1e-300]
    row = analysis_row(an)
    assert '"embedding":null' in row["json"] and len(row["embedding"]) == 384 * 8
    assert row_analysis(row["json"], row["embedding"]) == an
    assert an.embedding is not None  # the caller's object is not modified


def test_numpy_embedding_is_accepted() -> None:
    an = analysis(article(1), dim=8)
    values = list(an.embedding)
    an.embedding = np.asarray(values, dtype=np.float32)
    row = analysis_row(an)
    back = row_analysis(row["json"], row["embedding"])
    assert back.embedding == [float(np.float32(v)) for v in values]
    no_emb = Analysis(article_id="x")
    assert row_analysis(analysis_row(no_emb)["json"], None) == no_emb


def test_folding_helpers() -> None:
    assert fold("  STRASSE  Straße ") == "strasse strasse"
    assert fold("ПАРОМ") == "паром"
    assert lines(["Öl", "öl", None, "", "Bay"]) == "\nol\nbay\n"  # search columns: no case, no diacritics
    assert search_fold("Gävle ŁÓDŹ Beïda Паром Йошкар") == "gavle lodz beida паром иошкар"
    assert like_escape("50%_a\\b") == "50\\%\\_a\\\\b"
