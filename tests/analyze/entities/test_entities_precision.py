"""What is not an entity, and where a name really starts and ends: common nouns written with a capital,
headlines, demonyms, language names, titles inside spans. Sentences written for these tests (invented
people, places and events)."""

from __future__ import annotations

import pytest

from corroborate.analyze.entities.component import entities
from corroborate.model import Analysis, Article, Mention
from corroborate.reconcile.entities import merge_entities


def run(text: str, lang: str) -> list[Mention]:
    article = Article(id="t", text=text, lang=lang)
    analysis = Analysis(article_id="t", lang=lang)
    entities(article, analysis)
    for m in analysis.mentions:
        assert text[m.start : m.end] == m.text
    return analysis.mentions


def texts(mentions: list[Mention]) -> set[str]:
    return {m.text for m in mentions}


def kinds(mentions: list[Mention]) -> dict[str, str]:
    return {m.text: m.kind for m in mentions}


# --------------------------------------------------------------------------- common nouns


@pytest.mark.parametrize(
    ("text", "lang", "noun"),
    [
        ("Investigators said the van was found near the quarry.", "en", "Investigators"),
        ("The report came out on Monday. Research shows the research was rushed.", "en", "Research"),
        ("Die Gruppe ist seit Jahren in der Gegend aktiv.", "de", "Gruppe"),
        ("Die Touristen sagten, das Wetter sei schlecht gewesen.", "de", "Touristen"),
        ("Die Polizei fand den Wagen. Erstens sagte der Zeuge nichts.", "de", "Erstens"),
        ("El Gobierno prometió reforzar la frontera norte.", "es", "Gobierno"),
        ("Asimismo, dijo que el puente seguirá cerrado.", "es", "Asimismo"),
    ],
)
def test_common_nouns_with_a_capital_are_no_entities(text: str, lang: str, noun: str) -> None:
    assert noun not in texts(run(text, lang))


def test_a_surname_alone_is_still_the_person_named_in_full() -> None:
    text = "Talal Nuri runs the ferry. Nuri said the crossing was closed."
    found = run(text, "en")
    assert [m.kind for m in found if m.text == "Nuri"] == ["person"]


def test_german_acronyms_with_umlauts_are_organisations() -> None:
    found = kinds(run("Die SPÖ und die ÖVP stimmten dem Gesetz zu.", "de"))
    assert found.get("SPÖ") == "org" and found.get("ÖVP") == "org"


def test_german_institution_that_speaks_stays() -> None:
    assert (
        kinds(run("Der Zivilschutz teilte mit, dass die Brücke gesperrt sei.", "de")).get("Zivilschutz")
        == "org"
    )


# --------------------------------------------------------------------------- not names whatever the context


@pytest.mark.parametrize(
    ("text", "lang", "word"),
    [
        ("The statement was read out in Arabic and then in English.", "en", "Arabic"),
        ("Die Erklärung wurde auf Arabisch verlesen.", "de", "Arabisch"),
        ("Kenyan officials met the delegation on Friday.", "en", "Kenyan"),
        ("SUBSCRIBE\n\nThe mayor of the town spoke on Friday.", "en", "SUBSCRIBE"),
        ("J'ai vu les camions partir vers le nord.", "fr", "J'"),
    ],
)
def test_languages_demonyms_and_shouted_words_are_no_entities(text: str, lang: str, word: str) -> None:
    assert word not in texts(run(text, lang))


def test_lower_case_adjective_after_a_hyphen_is_cut_off() -> None:
    text = "Fighters left the IS-held villages. A Britain-based monitor counted the US-led strikes."
    found = run(text, "en")
    assert not any("-" in m.text for m in found)
    assert kinds(found).get("IS") == "org"


def test_french_demonym_before_a_name_is_no_part_of_it() -> None:
    found = texts(run("La Taïwanaise Mei-Ling Chou a gagné la finale dimanche.", "fr"))
    assert "Mei-Ling Chou" in found and not any("Taïwanaise" in t for t in found)


# --------------------------------------------------------------------------- headlines


def test_title_case_headline_gives_no_entities_of_its_own() -> None:
    text = "Gunman Shoots Two Near Riverside Mall In Broad Daylight\n\nA gunman shot two people on Friday."
    found = run(text, "en")
    assert not any(m.text.startswith(("Gunman", "Shoots", "Broad")) for m in found)


def test_body_names_are_found_again_in_the_headline() -> None:
    text = "Police Name Talal Nuri As Suspect In Ferry Fire\n\nPolice named Talal Nuri, 34, as the suspect."
    found = [m for m in run(text, "en") if m.text == "Talal Nuri"]
    assert len(found) == 2 and {m.kind for m in found} == {"person"}


def test_headlines_run_together_by_a_scraper_are_not_one_name() -> None:
    text = "Read more: Rebels Seize Another Village From Army Near Old Bridge Reports Say today."
    assert not any(len(m.text.split()) >= 5 for m in run(text, "en"))


# --------------------------------------------------------------------------- where a name starts and ends


def test_person_inside_a_noun_and_connector_is_split_out_german() -> None:
    found = run("Die Miliz stand unter dem Kommando von Karim al-Masri.", "de")
    assert kinds(found).get("Karim al-Masri") == "person"
    assert not any("Kommando" in m.text for m in found)


def test_organisation_named_after_a_person_is_not_split_spanish() -> None:
    found = kinds(run("La Brigada de Abu Talal Nuri atacó el puesto.", "es"))
    assert found.get("Brigada de Abu Talal Nuri") == "org"


def test_title_inside_a_span_separates_company_and_person() -> None:
    found = run("Acme Holdings Chairman Jonas Berglund said the deal was off.", "en")
    assert kinds(found).get("Jonas Berglund") == "person"
    assert not any("Chairman" in m.text for m in found)


@pytest.mark.parametrize(
    ("text", "lang", "person"),
    [
        ("Bundestrainer Jonas Berglund lobte die Mannschaft.", "de", "Jonas Berglund"),
        ("Ex-Fraktionschef Ulrike Brandner trat zurück.", "de", "Ulrike Brandner"),
        ("Fotbollstränaren Greta Lindqvist var nöjd med matchen.", "sv", "Greta Lindqvist"),
    ],
)
def test_compound_titles_are_cues_not_name_parts(text: str, lang: str, person: str) -> None:
    found = kinds(run(text, lang))
    assert found.get(person) == "person", found


def test_compound_place_head_is_cut_off_german() -> None:
    found = kinds(run("Bewaffnete griffen die Grenzstadt Tinaré in der Nacht an.", "de"))
    assert "Grenzstadt Tinaré" not in found and found.get("Tinaré") == "place"


def test_french_ministry_and_civil_protection_are_whole_names() -> None:
    text = (
        "Le porte-parole du ministère de la Défense a parlé. Selon la Protection civile du Nord, "
        "six maisons ont brûlé."
    )
    found = kinds(run(text, "fr"))
    assert found.get("ministère de la Défense") == "org"
    assert found.get("Protection civile") == "org"
    assert "Défense" not in found and "Protection" not in found


def test_spanish_lower_case_ministry_is_part_of_the_name() -> None:
    found = kinds(run("Según el ministerio del Interior, hubo tres detenidos.", "es"))
    assert found.get("ministerio del Interior") == "org"


def test_apposition_makes_a_person() -> None:
    text = "The account of Odile Marchetti, a local journalist, was confirmed by the port."
    assert kinds(run(text, "en")).get("Odile Marchetti") == "person"


def test_apposition_with_an_age_makes_a_person_spanish() -> None:
    text = "El cuerpo de Ernesto Villaclara, 45, fue hallado en el río."
    assert kinds(run(text, "es")).get("Ernesto Villaclara") == "person"


# --------------------------------------------------------------------------- merging


def test_ministry_merges_across_languages_but_not_with_another_word() -> None:
    items = []
    for i, (text, lang) in enumerate(
        [
            ("Le porte-parole du ministère de la Défense a parlé.", "fr"),
            ("Un portavoz del Ministerio de Defensa habló.", "es"),
        ]
    ):
        article = Article(id=f"a{i}", text=text, lang=lang)
        analysis = Analysis(article_id=f"a{i}", lang=lang)
        entities(article, analysis)
        items.append((article, analysis))
    rows = [e for e in merge_entities(items) if e.kind == "org"]
    assert len(rows) == 1 and len(rows[0].articles) == 2, rows


# --------------------------------------------------------------------------- scraped-text structure


@pytest.mark.parametrize(
    ("text", "lang", "word"),
    [
        ("Home | News | Sports | Weather\nThe council met on Friday.", "en", "Sports"),
        ("Inicio • Deportes • Salud\nEl consejo se reunió el viernes.", "es", "Salud"),
        ("The company, Brandt and Co. said profits fell.", "en", "Co"),
        ("The clip was posted with its URL and an RSS link at 9 EST.", "en", "URL"),
    ],
)
def test_menus_abbreviations_and_common_acronyms_are_no_entities(text: str, lang: str, word: str) -> None:
    assert word not in texts(run(text, lang))


def test_two_spaces_are_a_boundary_between_names() -> None:
    found = texts(run("Ein Bericht von Agentur Nordwind  Ulrike Brandner schrieb ihn.", "de"))
    assert not any("Nordwind" in t and "Brandner" in t for t in found)


@pytest.mark.parametrize(
    ("text", "lang", "kept"),
    [
        ("Fifteen people were hurt, officials said.", "en", None),
        ("Drei Monate später kam der Bericht.", "de", None),
        ("Vier Ministerien Nordlands prüfen den Fall.", "de", "Nordlands"),
    ],
)
def test_number_words_are_cut_from_names(text: str, lang: str, kept: str | None) -> None:
    found = texts(run(text, lang))
    assert not any(t.split()[0] in ("Fifteen", "Drei", "Vier") for t in found), found
    if kept:
        assert kept in found


def test_people_nouns_before_a_name_name_where_they_live() -> None:
    found = kinds(run("The mine was old. Residents of Tarvale said the shaft was unsafe.", "en"))
    assert found.get("Tarvale") == "place" and "Residents" not in found
    found = kinds(run("Жители Тиркали сказали, что боевики ушли.", "ru"))
    assert found.get("Тиркали") == "place"


def test_civilians_alone_are_no_entity() -> None:
    assert "Civilians" not in texts(run("Civilians fled the town before dawn.", "en"))


def test_county_and_province_names_are_places_not_people() -> None:
    assert (
        kinds(run("Sheriff deputies in Marlow County said the road was shut.", "en")).get("Marlow County")
        == "place"
    )


def test_arabic_place_prefixes_are_no_person_names() -> None:
    found = kinds(run("Shells hit Tal al-Harir and Deir Qubal overnight.", "en"))
    assert found.get("Tal al-Harir") != "person" and found.get("Deir Qubal") != "person"


def test_title_in_the_previous_sentence_is_no_cue() -> None:
    text = "Männen är kända av polisen.\n\nVäktaren som skadades fick vård."
    assert "Väktaren" not in texts(run(text, "sv"))


def test_inverted_attribution_leaves_the_town_untyped_as_person() -> None:
    found = kinds(run("Tillslag gjordes i Norrvik och Västerhamn, uppger polisen.", "sv"))
    assert found.get("Västerhamn") != "person"


def test_plural_possessive_inside_an_organisation_name() -> None:
    found = kinds(run("The Harbour Dockers' Union said the strike would go on.", "en"))
    assert found.get("Harbour Dockers' Union") == "org"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Die Staatsanwaltschaft Nordstadt hat Ermittlungen aufgenommen.", "Staatsanwaltschaft Nordstadt"),
        ("Das Wetteramt Nordlicht warnte vor Sturm.", "Wetteramt Nordlicht"),
    ],
)
def test_german_compound_institutions_are_organisations(text: str, name: str) -> None:
    assert kinds(run(text, "de")).get(name) == "org"


def test_german_noun_phrase_before_an_auxiliary_is_no_person() -> None:
    found = kinds(run("Heftiger Starkregen hat viele Keller geflutet.", "de"))
    assert "person" not in found.values()
