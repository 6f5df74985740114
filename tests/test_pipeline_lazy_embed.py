"""The pipeline embeds only when another language is among an article's candidates (invented events).

The encoder is replaced by a counting fake (same text -> same vector, texts about the invented fire ->
one direction), so these tests check when the pipeline embeds, not how well the encoder matches.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import numpy as np
import pytest

from corroborate.analyze import Analyzer
from corroborate.analyze import embed as embed_module
from corroborate.model import Document
from corroborate.pipeline import Ingestor
from corroborate.store import Store

FIRE_MARKERS = ("Brennholm", "incendio", "Feuer", "حريق", "пожар")


def fake_vectors(texts: list[str], max_chars: int = 480) -> np.ndarray:
    out = np.zeros((len(texts), 384), dtype=np.float32)
    for i, text in enumerate(texts):
        if not text.strip():
            continue
        fire = any(m in text for m in FIRE_MARKERS)
        rng = np.random.default_rng(1 if fire else zlib.crc32(text.encode()))
        v = rng.normal(size=384) + 0.05 * np.random.default_rng(zlib.crc32(text.encode())).normal(size=384)
        out[i] = v / np.linalg.norm(v)
    return out


@pytest.fixture
def embedded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def counting(texts: list[str], max_chars: int = 480) -> np.ndarray:
        calls.extend(texts)
        return fake_vectors(texts, max_chars)

    monkeypatch.setattr(embed_module, "embed_texts", counting)
    return calls


def doc(i: str, text: str, lang: str, day: int = 3) -> Document:
    return Document(origin=f"test:{i}", content=text, kind="text", given_id=i, title=text.split(".")[0],
                    published=f"2031-05-{day:02d}T09:00:00Z", source=f"Outlet {i}", lang=lang)


EN = [
    doc("en1", "Fire destroys timber yard in Brennholm. A fire destroyed the timber yard of the Brennholm "
        "sawmill on Monday night, the fire service said. Nobody was hurt, according to the mill owner Ilse "
        "Varnow.", "en"),
    doc("en2", "Brennholm sawmill blaze under investigation. Investigators are examining the Brennholm timber "
        "yard after Monday's fire, which the owner Ilse Varnow said started near the drying sheds.", "en"),
    doc("en3", "Council approves new bridge toll. The regional council of Ostmark approved a toll for the new "
        "river bridge on Tuesday, to be collected from next spring.", "en"),
]
ES = doc("es1", "Un incendio destruye un aserradero. Un incendio destruyó el lunes por la noche el depósito de "
         "madera del aserradero, informaron los bomberos. La propietaria Ilse Varnow dijo que no hubo heridos.", "es")
DE = doc("de1", "Feuer zerstört Sägewerk. Ein Feuer hat in der Nacht zum Dienstag das Holzlager des Sägewerks "
         "zerstört, teilte die Feuerwehr mit. Die Besitzerin Ilse Varnow sprach von einem großen Schaden.", "de")


def test_single_language_ingest_never_embeds(tmp_path: Path, embedded: list[str]) -> None:
    store = Store(str(tmp_path / "en.db"))
    report = Ingestor(store).ingest(EN)
    assert report.ok and report.ingested == 3
    assert embedded == []
    assert all(an.embedding is None for an in store.iter_analyses())
    stories = store.article_stories()
    assert stories["en1"] == stories["en2"] != stories["en3"]


def test_new_language_embeds_it_and_backfills_stored_articles_after_restart(
    tmp_path: Path, embedded: list[str]
) -> None:
    db = str(tmp_path / "multi.db")
    Ingestor(Store(db)).ingest(EN)
    assert embedded == []
    store = Store(db)
    ingestor = Ingestor(store)  # a new run: the clusterer is restored from the store
    report = ingestor.ingest([ES, DE])
    assert report.ok
    stories = store.article_stories()
    assert stories["es1"] == stories["de1"] == stories["en1"], stories
    assert stories["en3"] != stories["en1"]
    assert ingestor.clusterer.embedded >= 3  # the two new articles and stored English members
    stored = {an.article_id: an.embedding for an in store.iter_analyses()}
    assert stored["es1"] is not None and stored["de1"] is not None


def test_eager_mode_embeds_every_article(tmp_path: Path, embedded: list[str]) -> None:
    store = Store(str(tmp_path / "eager.db"))
    Ingestor(store, Analyzer(), lazy_embed=False).ingest(EN)
    assert len(embedded) == 3
    assert all(an.embedding is not None for an in store.iter_analyses())


def test_skipping_embed_never_embeds_even_across_languages(tmp_path: Path, embedded: list[str]) -> None:
    store = Store(str(tmp_path / "skip.db"))
    Ingestor(store, Analyzer(skip=("embed",))).ingest([*EN, ES, DE])
    assert embedded == []
