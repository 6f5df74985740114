"""Entities per language, with sentences written for these tests (invented people and events)."""

from __future__ import annotations

import pytest

from corroborate.analyze.entities.component import entities, resolve_alias
from corroborate.model import Analysis, Article, Mention


def run(text: str, lang: str) -> list[Mention]:
    article = Article(id="t", text=text, lang=lang)
    analysis = Analysis(article_id="t", lang=lang)
    entities(article, analysis)
    for m in analysis.mentions:
        assert text[m.start : m.end] == m.text
    return analysis.mentions


def by_text(mentions: list[Mention]) -> dict[str, Mention]:
    return {m.text: m for m in mentions}


def test_resolve_alias_multilingual() -> None:
    for surface, lang in [
        ("ISIS", "en"),
        ("Daesh", "en"),
        ("IS", "sv"),
        ("Islamischer Staat", "de"),
        ("Estado Islámico", "es"),
        ("État islamique", "fr"),
        ("ИГИЛ", "ru"),
        ("داعش", "ar"),
    ]:
        assert resolve_alias(surface, lang) == ("Islamic State", "org"), surface
    for surface, lang in [
        ("USA", "sv"),
        ("USA:s", "sv"),
        ("Vereinigte Staaten", "de"),
        ("EE.UU.", "es"),
        ("États-Unis", "fr"),
        ("США", "ru"),
        ("الولايات المتحدة", "ar"),
    ]:
        assert resolve_alias(surface, lang) == ("United States", "place"), surface
    assert resolve_alias("Syriens", "sv") == ("Syria", "place")
    assert resolve_alias("is", "en") is None
    assert resolve_alias("Nowhere Particular", "en") is None


def test_english_people_orgs_and_surname_coreference() -> None:
    text = (
        "Police Chief Harold Brandvik said the Rivermouth Fire Department arrived within minutes. "
        "ISIS claimed nothing. Later, Brandvik told reporters that Ms. Okonjo-Reyes had been released "
        "from Saint Aldric Hospital."
    )
    m = by_text(run(text, "en"))
    assert m["Harold Brandvik"].kind == "person"
    assert m["Brandvik"].kind == "person"
    assert m["Brandvik"].canonical == "Harold Brandvik"
    assert m["Brandvik"].key == m["Harold Brandvik"].key
    assert m["Rivermouth Fire Department"].kind == "org"
    assert m["ISIS"].canonical == "Islamic State"
    assert m["Okonjo-Reyes"].kind == "person"
    assert "Later" not in m


def test_swedish_genitive_and_alias() -> None:
    text = (
        "USA:s försvarsminister Karin Lindqvar bekräftade att IS-ledaren Abu Hafs al-Tamimi dödats i "
        "Syrien. Enligt Syriens regering var kurderna inte inblandade. Tamimi valdes 2021."
    )
    m = by_text(run(text, "sv"))
    assert m["USA:s"].canonical == "United States"
    assert m["Syriens"].canonical == "Syria" and m["Syrien"].canonical == "Syria"
    assert m["IS"].canonical == "Islamic State"
    assert m["Abu Hafs al-Tamimi"].kind == "person"
    assert m["Tamimi"].canonical == "Abu Hafs al-Tamimi"
    assert m["Karin Lindqvar"].kind == "person"
    assert "Enligt" not in m


def test_german_nouns_are_not_names() -> None:
    text = (
        "Bei einem Angriff in der Provinz Hama wurden am Donnerstag mehrere Menschen getötet. "
        "Der Sprecher Jonas Wehrfeld sagte, der Islamische Staat stecke dahinter. "
        "Die Vereinigten Staaten verurteilten den Angriff."
    )
    mentions = run(text, "de")
    m = by_text(mentions)
    assert m["Hama"].kind == "place"
    assert m["Jonas Wehrfeld"].kind == "person"
    assert m["Islamische Staat"].canonical == "Islamic State"
    assert m["Vereinigten Staaten"].canonical == "United States"
    texts = {x.text for x in mentions}
    assert not texts & {"Angriff", "Menschen", "Donnerstag", "Provinz"}


def test_spanish_aliases_and_person_cue() -> None:
    text = (
        "El portavoz Ernesto Villaraza dijo que EE.UU. atacó posiciones del Estado Islámico cerca de "
        "Bagdad. Villaraza no dio más detalles."
    )
    m = by_text(run(text, "es"))
    assert m["EE.UU."].canonical == "United States"
    assert m["Estado Islámico"].canonical == "Islamic State"
    assert m["Ernesto Villaraza"].kind == "person"
    assert m["Villaraza"].canonical == "Ernesto Villaraza"
    assert m["Bagdad"].kind == "place" and m["Bagdad"].canonical == "Baghdad"


def test_french_aliases() -> None:
    text = "Selon le ministre Fabrice Lemarquis, les États-Unis ont frappé l'État islamique près de Raqqa."
    m = by_text(run(text, "fr"))
    assert m["États-Unis"].canonical == "United States"
    assert any(x.canonical == "Islamic State" for x in m.values())
    assert m["Fabrice Lemarquis"].kind == "person"


def test_russian_inflection_and_split_of_alias_and_person() -> None:
    text = (
        "Представитель Кремля Грегори Маклауд заявил, что в Сирии убит главарь ИГИЛ "
        "Абу Хафс ат-Тамими. Президент США одобрил операцию."
    )
    m = by_text(run(text, "ru"))
    assert m["Кремля"].canonical == "Kremlin"
    assert m["Грегори Маклауд"].kind == "person"
    assert m["Сирии"].canonical == "Syria"
    assert m["ИГИЛ"].canonical == "Islamic State"
    assert m["Абу Хафс ат-Тамими"].kind == "person"
    assert m["США"].canonical == "United States"


def test_arabic_caseless_names_from_cues_aliases_and_repeats() -> None:
    text = (
        "أعلنت الولايات المتحدة مقتل زعيم تنظيم داعش أبو حفص التميمي في غارة شمال سوريا. "
        "وقال الرئيس الفرنسي فابريس لوماركي إن التميمي كان مطلوبا."
    )
    mentions = run(text, "ar")
    m = by_text(mentions)
    assert m["الولايات المتحدة"].canonical == "United States"
    assert m["داعش"].canonical == "Islamic State"
    assert m["سوريا"].canonical == "Syria"
    assert m["أبو حفص التميمي"].kind == "person"
    assert m["فابريس لوماركي"].kind == "person"
    repeats = [x for x in mentions if x.text == "التميمي"]
    assert repeats and repeats[0].canonical == "أبو حفص التميمي"
    # the same person written in Latin script gets the same key
    assert m["أبو حفص التميمي"].key == run("Abu Hafs al-Tamimi was named leader.", "en")[0].key


def test_empty_text() -> None:
    assert run("", "en") == []


@pytest.mark.parametrize(
    ("text", "lang", "surface"),
    [
        ("Rescuers from the Green Helmets said four people were hurt.", "en", "Green Helmets"),
        ("The Coastal Defence said the road was closed.", "en", "Coastal Defence"),
        ("Der Zivilschutz teilte mit, dass die Straße gesperrt sei.", "de", "Zivilschutz"),
        ("La Defensa Civil dijo que la carretera estaba cerrada.", "es", "Defensa Civil"),
        ("La Défense civile a dit que la route était fermée.", "fr", "Défense civile"),
    ],
)
def test_institutions_before_said_are_organisations(text: str, lang: str, surface: str) -> None:
    found = {m.text: m for m in run(text, lang)}
    assert found[surface].kind == "org"


def test_person_before_said_stays_a_person() -> None:
    found = {m.text: m for m in run("Ellen Marsh said the road was closed.", "en")}
    assert found["Ellen Marsh"].kind == "person"


def test_particle_surname_is_not_a_place_mention() -> None:
    mentions = by_text(run("The group confirmed the death of al-Zugdidi in a raid near Hama.", "en"))
    assert mentions["al-Zugdidi"].kind != "place"
    assert mentions["Hama"].kind == "place"


def test_lone_name_particle_is_not_a_place() -> None:
    mentions = run("Fighters of Al Farouq Front were killed near Homs.", "en")
    assert not any(m.text == "Al" for m in mentions)


def test_village_head_word_keeps_unknown_village() -> None:
    for text, lang in [
        ("Witnesses said the village of Umm Zawrak was hit.", "en"),
        ("Zeugen sagten, das Dorf Umm Zawrak sei getroffen worden.", "de"),
        ("Testigos dijeron que la aldea de Umm Zawrak fue alcanzada.", "es"),
    ]:
        assert by_text(run(text, lang))["Umm Zawrak"].kind == "place", lang
