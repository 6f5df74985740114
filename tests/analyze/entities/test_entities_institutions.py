"""Institutions whose name ends in a lower-case head ("Верховный суд", "Högsta domstolen"), a lone
institution word that a transliteration matches to a place, and a person named after a place head.
Texts are invented."""

from __future__ import annotations

from corroborate.analyze import Analyzer
from corroborate.model import Article

ANALYZER = Analyzer(pipeline=("sentences", "entities"))


def _mentions(lang: str, text: str) -> dict[str, str]:
    analysis = ANALYZER(Article(id="i", text=text, lang=lang))
    return {m.text: m.kind for m in analysis.mentions}


def test_russian_courts_and_chambers_are_organisations_in_every_case() -> None:
    found = _mentions("ru", "Защита подаст апелляцию в Верховный суд Удмуртии. Приговор вынес Ленинский районный суд. "
                            "Дело возбудили после проверки Контрольной палаты области. Жалобу рассмотрят в Верховном суде.")
    assert found.get("Верховный суд") == "org" and found.get("Ленинский районный суд") == "org"
    assert found.get("Контрольной палаты") == "org" and found.get("Верховном суде") == "org"
    assert not {"Верховный", "Верховном", "Контрольной", "Ленинский"} & set(found)


def test_a_lone_institution_word_is_no_place() -> None:
    assert _mentions("ru", "Суд приговорил обвиняемого к пяти годам.").get("Суд") != "place"


def test_a_person_after_a_place_head_is_a_person() -> None:
    found = _mentions("ru", "Суд приговорил бывшего главу администрации города Олега Сомова к шести годам. "
                            "Жители города Нижний Новгород вышли на улицы.")
    assert found.get("Олега Сомова") == "person" and found.get("Нижний Новгород") == "place"


def test_swedish_supreme_court() -> None:
    assert _mentions("sv", "Målet prövas nu av Högsta domstolen, uppger advokaten.").get("Högsta domstolen") == "org"


def test_an_institution_named_by_its_adjective_keeps_its_head() -> None:
    """"the National Police said": "Police" is a cue word, yet here it ends the institution's name, and
    neither "National" nor "Nacional" is a town."""
    assert _mentions("en", "According to the National Police, nine people were injured.") == {"National Police": "org"}
    assert _mentions("en", "The Federal Police said two men were held.").get("Federal Police") == "org"
    assert _mentions("es", "Según la Policía Nacional, nueve personas resultaron heridas.") == {"Policía Nacional": "org"}


def test_company_words_make_organisations() -> None:
    assert _mentions("en", "Kessel Ridge Mining declined to comment.").get("Kessel Ridge Mining") == "org"
    assert _mentions("es", "Petroquímica Norvale no respondió.").get("Petroquímica Norvale") == "org"
