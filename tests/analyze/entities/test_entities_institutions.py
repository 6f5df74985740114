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
