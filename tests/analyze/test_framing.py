"""Framing per language: who is quoted (and what kind of source), loaded terms, civilian harm."""

from __future__ import annotations

import pytest

from corroborate.analyze.framing import framing, source_kind
from corroborate.model import Analysis, Article, Claim, Mention

CASES = {
    "en": ("According to the Northern Rescue Service, eleven villagers died. "
           "“We heard the shots at dawn,” a witness said. The terrorists fled, the interior ministry said.",
           "Northern Rescue Service", "terrorists", "villagers"),
    "sv": ("Enligt räddningstjänsten dödades elva personer, varav tre barn. "
           "– Vi hörde skotten, säger ett vittne. Terroristerna flydde.",
           "räddningstjänsten", "terroristerna", "barn"),
    "de": ("Laut dem Zivilschutz starben elf Menschen, darunter drei Kinder. "
           "Die Terroristen flohen, sagte ein Sprecher der Polizei.",
           "dem Zivilschutz", "terroristen", "kinder"),
    "es": ("Según la defensa civil, murieron once personas, entre ellas tres niños. "
           "Los terroristas huyeron, dijo un portavoz del ministerio.",
           "la defensa civil", "terroristas", "niños"),
    "fr": ("Selon la défense civile, onze personnes ont été tuées, dont trois enfants. "
           "Les terroristes ont fui, a déclaré un porte-parole du ministère.",
           "la défense civile", "terroristes", "enfants"),
    "ar": ("وفقا للدفاع المدني قتل أحد عشر شخصا بينهم ثلاثة أطفال. وقال متحدث باسم الشرطة إن المسلحين فروا.",
           "للدفاع المدني", "مسلحين", "أطفال"),
    "ru": ("По данным спасателей, погибли одиннадцать человек, в том числе трое детей. "
           "Боевики скрылись, заявил представитель полиции.",
           "спасателей", "боевики", "детей"),
}


@pytest.mark.parametrize("lang", sorted(CASES))
def test_framing_per_language(lang: str) -> None:
    text, source, loaded, civilian_word = CASES[lang]
    article = Article(id="x", text=text, lang=lang)
    analysis = Analysis(article_id="x", lang=lang)
    framing(article, analysis)
    f = analysis.framing
    assert any(source.lower() in q.lower() or q.lower() in source.lower() for q in f.quoted), f.quoted
    if lang != "ar":
        assert loaded in f.loaded_terms, f.loaded_terms
    assert f.civilian_harm, civilian_word
    assert sum(f.quoted_kinds.values()) == len(f.quoted)


def test_terms_group_surface_forms_by_canonical_actor() -> None:
    text = "The Front attacked. Fighters of the NLF retreated."
    analysis = Analysis(article_id="x", lang="en", mentions=[
        Mention("Front", "org", "front", 4, 9, canonical="Northern Liberation Front"),
        Mention("NLF", "org", "nlf", 36, 39, canonical="Northern Liberation Front"),
    ])
    framing(Article(id="x", text=text, lang="en"), analysis)
    assert analysis.framing.terms == {"Northern Liberation Front": ["Front", "NLF"]}
    assert not analysis.framing.civilian_harm


def test_claim_attributions_are_quoted_and_civilian_claims_count_as_harm() -> None:
    claim = Claim("killed", 2, "q", 0, 1, group="women", attributed_to="the Harbour Observatory")
    analysis = Analysis(article_id="x", lang="en", claims=[claim])
    framing(Article(id="x", text="Two died.", lang="en"), analysis)
    assert analysis.framing.quoted[0] == "the Harbour Observatory"
    assert analysis.framing.quoted_kinds == {"monitor": 1}
    assert analysis.framing.civilian_harm


def test_source_kinds() -> None:
    assert source_kind("a Pentagon spokesman", "en") == "official"
    assert source_kind("state television", "en") == "state_media"
    assert source_kind("local journalists and activists", "en") == "media"
    assert source_kind("lokala journalister", "sv") == "media"
    assert source_kind("очевидцы", "ru") == "witness"


@pytest.mark.parametrize(("lang", "text", "nobody"), [
    ("fr", "Selon lui, d'autres victimes ont pu être emportées par la rivière.", "lui"),
    ("fr", "Le préfet a déclaré qu'il n'y avait aucun blessé parmi les soldats.", "qu'il"),
    ("es", "El portavoz afirmó que no hubo bajas entre los soldados.", "que"),
    ("en", "Survivors of the raid on the hamlet of Lowmoor said the gunmen came at night.", "Lowmoor"),
])
def test_speakers_that_name_nobody_are_not_quoted(lang: str, text: str, nobody: str) -> None:
    from corroborate.model import Place

    at = text.find("Lowmoor")
    places = [Place(name="Lowmoor", text="Lowmoor", start=at, end=at + 7)] if at >= 0 else []
    analysis = Analysis(article_id="x", lang=lang, places=places)
    framing(Article(id="x", text=text, lang=lang), analysis)
    assert not any(q.startswith(nobody) or q == nobody for q in analysis.framing.quoted), analysis.framing.quoted
