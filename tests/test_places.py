"""Gazetteer, geocoding, disambiguation and precision (sentences written for these tests)."""

from __future__ import annotations

import pytest

from corroborate.analyze.entities import entities
from corroborate.analyze.places import geocode, places, rank_places
from corroborate.model import Analysis, Article, Place


def run(text: str, lang: str) -> list[Place]:
    article = Article(id="t", text=text, lang=lang)
    analysis = Analysis(article_id="t", lang=lang)
    entities(article, analysis)
    places(article, analysis)
    for p in analysis.places:
        assert text[p.start : p.end] == p.text
    return analysis.places


@pytest.mark.parametrize("name", ["Syria", "Syrien", "Siria", "Syrie", "Сирия", "سوريا"])
def test_country_exonyms(name: str) -> None:
    place = geocode(name)
    assert place is not None and place.country == "SY" and place.precision == "country"


@pytest.mark.parametrize("name", ["Damascus", "Damaskus", "Damasco", "Damas", "Дамаск", "دمشق"])
def test_capital_exonyms(name: str) -> None:
    place = geocode(name)
    assert place is not None and place.country == "SY" and place.precision == "town"
    assert place.lat is not None and 33 < place.lat < 34


def test_state_after_comma_disambiguates() -> None:
    ill = geocode("Springfield, Ill.")
    mass = geocode("Springfield, Mass.")
    assert ill is not None and ill.admin1 == "Illinois"
    assert mass is not None and mass.admin1 == "Massachusetts"


def test_unknown_name() -> None:
    assert geocode("Qwertzuiop Xyzzy") is None


def test_state_elsewhere_in_article_disambiguates() -> None:
    found = run("Deputies in Illinois said the crash near Springfield closed two lanes.", "en")
    town = next(p for p in found if p.text == "Springfield")
    assert town.admin1 == "Illinois" and town.precision == "town"


def test_common_word_needs_a_cue() -> None:
    assert not any(p.text == "Mobile" for p in run("Mobile phone footage was shared widely.", "en"))
    found = run("The shooting happened in Mobile, Ala., late on Friday.", "en")
    mobile = next(p for p in found if p.text == "Mobile")
    assert mobile.admin1 == "Alabama"


def test_precision_levels_and_address() -> None:
    text = (
        "Gunfire was reported at 1400 Larkspur Avenue in Gary, Indiana, and in Lake County. "
        "Police across the United States are on alert."
    )
    found = {p.text: p for p in run(text, "en")}
    assert found["Gary"].precision == "town" and found["Gary"].admin1 == "Indiana"
    assert found["Lake County"].precision == "district"
    assert found["United States"].precision == "country"
    assert found["1400 Larkspur Avenue"].precision == "point"
    assert found["1400 Larkspur Avenue"].admin1 == "Indiana"
    assert rank_places(list(found.values()))[0].precision in ("point", "town")


def test_swedish_places() -> None:
    found = {p.text: p for p in run("Flera dödades i Homs i västra Syrien, enligt USA:s regering.", "sv")}
    assert found["Homs"].country == "SY"
    assert found["Syrien"].name == "Syria"
    assert found["USA:s"].country == "US"


def test_german_province() -> None:
    found = {p.text: p for p in run("In der Provinz Hama im Westen Syriens gab es Kämpfe.", "de")}
    assert found["Hama"].precision == "province"
    assert found["Syriens"].country == "SY"


def test_spanish_and_french_places() -> None:
    es = {p.text: p for p in run("Los combates en Bagdad y en Turquía continuaron.", "es")}
    assert es["Bagdad"].country == "IQ" and es["Turquía"].country == "TR"
    fr = {p.text: p for p in run("Des frappes ont visé Bagdad, loin de la frontière avec la Turquie.", "fr")}
    assert fr["Bagdad"].country == "IQ" and fr["Turquie"].country == "TR"


def test_russian_places_inflected() -> None:
    found = {p.text: p for p in run("Бои продолжились в провинции Хама на западе Сирии.", "ru")}
    assert found["Хама"].precision == "province"
    assert found["Сирии"].country == "SY"


def test_arabic_places() -> None:
    found = {
        p.text: p for p in run("قتل خمسة أشخاص في محافظة حماة غرب سوريا قرب الحدود مع تركيا.", "ar")
    }
    assert found["حماة"].precision == "province" and found["حماة"].country == "SY"
    assert found["سوريا"].precision == "country"
    assert found["تركيا"].country == "TR"


def test_unknown_village_after_locative_is_kept_without_coordinates() -> None:
    found = {p.text: p for p in run("Striden utbröt i Qarvelin nära Homs i västra Syrien.", "sv")}
    village = found["Qarvelin"]
    assert village.lat is None and village.precision == "town" and village.country == "SY"
    assert not any(p.text == "Qarvelin" for p in run("Qarvelin sa att allt var lugnt.", "sv"))


def test_dateline_town_is_a_place_and_ranks_first() -> None:
    text = (
        "Man held after shop robbery\n\nKOKOMO, Ind. (AP) — A man was arrested on Tuesday after a robbery, "
        "police in Indianapolis said. Officers from Indianapolis helped. Indianapolis detectives agreed."
    )
    article = Article(id="t", text=text, lang="en")
    analysis = Analysis(article_id="t", lang="en")
    entities(article, analysis)
    places(article, analysis)
    kokomo = next(p for p in analysis.places if p.text == "KOKOMO")
    assert kokomo.name == "Kokomo" and kokomo.admin1 == "Indiana"
    assert rank_places(analysis.places, text)[0].name == "Kokomo"


def test_dateline_without_state_and_not_a_place() -> None:
    found = {p.text: p for p in run("Brief\n\nMUNCIE — A woman was hurt in a crash on Friday.", "en")}
    assert found["MUNCIE"].admin1 == "Indiana"
    assert not run("Brief\n\nUPDATE — A woman was hurt in a crash on Friday.", "en")


def test_town_before_resident_noun() -> None:
    found = {p.text: p for p in run("A Kokomo man was charged after the crash.", "en")}
    assert found["Kokomo"].admin1 == "Indiana"
    assert not any(p.text == "Perry" for p in run("Dana Perry said the family met at the Perry home.", "en"))


def test_town_before_police_department() -> None:
    found = {p.text: p for p in run("The Kokomo Police Department opened an inquiry.", "en")}
    assert found["Kokomo"].precision == "town"


def test_surname_is_not_a_town() -> None:
    text = "Dana Perry was hurt. A witness was standing near Perry when the car hit the wall."
    assert not any(p.text == "Perry" for p in run(text, "en"))


def test_neighbourhood_names_its_city() -> None:
    found = run("The fire broke out in Queens on Sunday night.", "en")
    names = {p.name: p for p in found}
    assert names["Queens"].precision == "district"
    assert names["New York City"].precision == "town" and names["New York City"].admin1 == "New York"


@pytest.mark.parametrize(
    ("text", "lang", "surface"),
    [
        ("Three cars burned in Southeast Denver overnight.", "en", "Denver"),
        ("The crash happened in southwest Denver on Monday.", "en", "Denver"),
        ("Bränder rapporterades i norra Kokomo under natten.", "sv", "Kokomo"),
    ],
)
def test_compass_prefix_is_the_town(text: str, lang: str, surface: str) -> None:
    found = {p.text: p for p in run(text, lang)}
    assert found[surface].name == surface and found[surface].country == "US"
