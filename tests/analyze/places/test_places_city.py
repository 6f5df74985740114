"""The town of an event: abbreviated and prefixed town names, towns named by their services, datelines
of towns the gazetteer lacks, towns of a province the article names, headlines, and the stricter
handling of alternate names and of name tails. Invented events; towns real but generic."""

from __future__ import annotations

from corroborate.analyze.entities.component import entities, find_places
from corroborate.model import Analysis, Article, Place


def run(text: str, lang: str, title: str | None = None) -> list[Place]:
    article = Article(id="t", text=text, lang=lang, title=title)
    analysis = Analysis(article_id="t", lang=lang)
    entities(article, analysis)
    return find_places(article, analysis)


def names(text: str, lang: str, title: str | None = None) -> set[str]:
    return {p.name for p in run(text, lang, title)}


# --------------------------------------------------------------------------- "St. X", "Sta. X"


def test_abbreviated_saint_joins_the_name_en() -> None:
    places = run("He was arrested in St. Albans on Friday.", "en")
    assert [(p.name, p.country) for p in places] == [("St Albans", "GB")]


def test_abbreviated_saint_joins_the_name_de() -> None:
    places = run("Er wurde in St. Gallen festgenommen.", "de")
    assert [(p.name, p.country) for p in places] == [("Sankt Gallen", "CH")]


def test_abbreviated_santa_is_written_out_es() -> None:
    places = run("Un hombre fue detenido en Sta. Coloma de Gramenet el viernes.", "es")
    assert [(p.name, p.country) for p in places] == [("Santa Coloma de Gramenet", "ES")]


# --------------------------------------------------------------------------- "Fort X", "Neu X", "Nya X"


def test_prefixed_unknown_town_with_a_person_after_en() -> None:
    places = run("A Fort Dortmund man was arrested on Friday.", "en")
    assert [(p.name, p.precision, p.lat) for p in places] == [("Fort Dortmund", "town", None)]


def test_prefixed_unknown_town_is_not_its_tail_de_sv_es() -> None:
    # the tail alone is a big city elsewhere; the prefixed name is another place
    assert "Dortmund" not in names("Ein Mann aus Neu Dortmund wurde verletzt.", "de")
    assert "Dortmund" not in names("En man från Nya Dortmund skadades.", "sv")
    assert "Dortmund" not in names("Un vecino de Villa Dortmund resultó herido.", "es")


def test_prefixed_unknown_town_after_a_locative_ru() -> None:
    places = run("Ранее полиция сообщила, что в Нижний Дортмунд прибыли спасатели.", "ru")
    assert [p.name for p in places] == ["Нижний Дортмунд"]


# --------------------------------------------------------------------------- "<town> police", "Polizei <town>"


def test_town_named_by_its_police_even_a_common_word_en() -> None:
    places = run("The Nice Police Department said two men were hurt.", "en")
    assert [(p.name, p.country) for p in places] == [("Nice", "FR")]


def test_town_whose_name_holds_an_organisation_word_en() -> None:
    assert names("Residents of Gerrards Cross were told to stay inside.", "en") == {"Gerrards Cross"}


def test_town_named_by_its_police_de_es_fr() -> None:
    assert names("Die Polizei Erding meldet einen Unfall.", "de") == {"Erding"}
    assert names("La policía local de Verín informó del suceso.", "es") == {"Verin"}
    assert names("La police municipale de Vannes a confirmé l'incident.", "fr") == {"Vannes"}


# --------------------------------------------------------------------------- datelines


def test_dateline_of_an_unknown_town_with_its_state_en() -> None:
    places = run("HOLLOWBROOK, Neb. (AP) — Two men were hurt.", "en")
    assert [(p.name, p.precision, p.lat) for p in places] == [("Hollowbrook", "town", None)]


def test_dateline_of_an_unknown_town_with_an_agency_de_sv() -> None:
    assert names("KLEINHAUSEN (dpa) – Die Polizei meldet einen Unfall.", "de") == {"Kleinhausen"}
    assert names("BYHOLMA (TT) – Polisen larmades.", "sv") == {"Byholma"}


def test_dateline_of_a_common_word_is_no_town() -> None:
    assert names("UPDATE (AP) — Police said two men were hurt.", "en") == set()
    assert names("BREAKING — Police said two men were hurt.", "en") == set()


# --------------------------------------------------------------------------- towns of a named province


def test_town_of_a_province_the_article_names_en_sv_es() -> None:
    assert names("The storm in Bavaria left Erding without power.", "en") == {"Bavaria", "Erding"}
    assert names("Polisen i Skåne meddelar att oron för Ystad växer.", "sv") == {"Skane", "Ystad"}
    assert names("La policía de Galicia informó que Verín vive con miedo.", "es") == {"Galicia", "Verin"}


def test_town_without_its_province_stays_untyped() -> None:
    assert names("Polisen meddelar att oron för Ystad växer.", "sv") == set()
    assert names("Según la policía local, Verín vive con miedo.", "es") == set()


# --------------------------------------------------------------------------- "in rural X", "im benachbarten X"


def test_area_adjective_before_a_town_en_de_sv() -> None:
    assert names("He was arrested in rural Cobourg on Friday.", "en") == {"Cobourg"}
    assert names("Der Mann wurde im benachbarten Erding festgenommen.", "de") == {"Erding"}
    assert names("Mannen greps i närliggande Ystad under natten.", "sv") == {"Ystad"}


# --------------------------------------------------------------------------- headlines


def test_headline_town_when_the_text_names_none_en_de_sv() -> None:
    body = "Two men were hurt on Friday night, police said."
    en = run(body, "en", title="Harrogate man charged after shooting")
    assert [(p.name, p.start, p.end) for p in en] == [("Harrogate", 0, 0)]
    de = run("Zwei Männer wurden am Freitag verletzt.", "de", title="Schüsse in Erding: zwei Verletzte")
    assert [p.name for p in de] == ["Erding"]
    sv = run("Två män skadades under fredagen.", "sv", title="Två skadade i skottlossning i Ystad")
    assert [p.name for p in sv] == ["Ystad"]


def test_headline_repeated_in_the_text_adds_nothing() -> None:
    title = "Harrogate man charged after shooting"
    places = run(title + "\n\nA man was charged in Harrogate on Friday.", "en", title=title)
    assert len(places) == 2 and all(p.end > 0 for p in places)


def test_title_case_headline_takes_only_sure_places() -> None:
    assert names("Two men were hurt.", "en", title="Teen Charged With Friend's Shooting Death") == set()


# --------------------------------------------------------------------------- stricter name matching


def test_alternate_name_of_a_foreign_capital_needs_a_cue_en_de_es() -> None:
    assert names("Traffic stopped on Wenen after the crash.", "en") == set()
    assert names("Wien meldet einen Unfall.", "de") == set()
    assert names("In Wien wurde ein Mann verletzt.", "de") == {"Vienna"}
    assert names("Un hombre murió en Londres.", "es") == {"London"}


def test_street_or_person_tail_is_no_town() -> None:
    assert names("Police were called to the Brackenfold Street home.", "en") == set()
    assert names("The victim, Zorabel Morley, was hurt.", "en") == set()
    assert names("Bei Kämpfen in der Provinz Hama im Westen Syriens starben Zivilisten.", "de") >= {"Syria"}


# --------------------------------------------------------------------------- the outlet's town in a page title


def test_outlet_town_after_the_headline_ranks_after_the_text_towns_en_de_sv() -> None:
    from corroborate.analyze.places.rank import rank_places

    cases = [
        ("en", "A man was wounded in Harrogate on Friday night, police said.",
         "Man wounded in late-night shooting - WXYZ.com | York News, Weather", "Harrogate", "York"),
        ("de", "Ein Mann wurde am Freitag in Erding verletzt, teilte die Polizei mit.",
         "Mann bei Schüssen schwer verletzt - Nachrichten aus Landshut", "Erding", "Landshut"),
        ("sv", "En man skadades i Ystad på fredagskvällen, uppger polisen.",
         "Skottlossning under natten: en skadad | Nyheter från Malmö", "Ystad", "Malmo"),
    ]
    for lang, body, title, scene, outlet in cases:
        article_places = run(body, lang, title=title)
        ranked = [p.name for p in rank_places(article_places, body, lang)]
        assert outlet in ranked and ranked.index(scene) < ranked.index(outlet), (lang, ranked)
        assert next(p for p in article_places if p.name == outlet).start == len(body)


def test_outlet_town_alone_still_places_the_story() -> None:
    places = run("Two men were hurt on Friday night, police said.", "en",
                 title="Two hurt in late-night shooting - WXYZ.com | York News, Weather")
    assert [p.name for p in places] == ["York"]


def test_a_short_label_before_a_dash_is_part_of_the_headline() -> None:
    places = run("Two men were hurt on Friday night, police said.", "en", title="Update - two men hurt in Manchester")
    assert [(p.name, p.start) for p in places] == [("Manchester", 0)]


# --------------------------------------------------------------------------- a city implied by its district


def test_a_city_implied_only_by_its_district_ranks_after_the_district_and_named_towns() -> None:
    from corroborate.analyze.places.rank import rank_places

    cases = [
        ("en", "A man was stabbed in Kreuzberg on Friday. He is from Potsdam.", ["Kreuzberg", "Potsdam", "Berlin"]),
        ("de", "Ein Mann wurde am Freitag in Kreuzberg verletzt. Er stammt aus Potsdam.",
         ["Kreuzberg", "Potsdam", "Berlin"]),
        ("sv", "En man skadades på fredagen på Södermalm. Han kommer från Uppsala.",
         ["Sodermalm", "Uppsala", "Stockholm"]),
    ]
    for lang, text, order in cases:
        assert [p.name for p in rank_places(run(text, lang), text, lang)] == order, lang


def test_a_city_the_text_names_itself_keeps_its_rank() -> None:
    from corroborate.analyze.places.rank import rank_places

    text = "Ein Mann wurde am Freitag in Berlin verletzt, in Kreuzberg. Er stammt aus Potsdam."
    assert [p.name for p in rank_places(run(text, "de"), text, "de")][0] == "Berlin"


# --------------------------------------------------------------------------- street names are not towns

STREETS = [
    ("en", "A boy was shot near Manchester Road in Leeds on Friday.", {"Leeds"}),
    ("en", "A man was shot near Ripon and Selby streets in Leeds on Friday.", {"Leeds"}),
    ("es", "Un hombre fue herido en la calle Toledo, en Madrid.", {"Madrid"}),
    ("fr", "Un homme a été blessé rue de Lyon, à Marseille.", {"Marseille"}),
]


def test_a_town_name_inside_a_street_name_is_no_town() -> None:
    for lang, text, expected in STREETS:
        assert names(text, lang) == expected, lang


def test_a_town_with_its_streets_or_a_street_word_elsewhere_stays() -> None:
    assert names("Two men were hurt in Leeds streets on Friday.", "en") == {"Leeds"}
    assert names("Un homme a été blessé à Lyon, dans une rue du centre.", "fr") == {"Lyon"}
