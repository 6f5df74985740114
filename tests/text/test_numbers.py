"""Quantities: digits, number words per language, vague quantities and bounds (text written here)."""

from __future__ import annotations

import pytest

from corroborate.text.quantities import find_quantities, parse_quantity


@pytest.mark.parametrize(
    ("text", "lang", "value", "value_max", "approx"),
    [
        ("17", "en", 17, 17, "exact"),
        ("seventeen", "en", 17, 17, "exact"),
        ("twenty-three", "en", 23, 23, "exact"),
        ("one hundred and five", "en", 105, 105, "exact"),
        ("1,000", "en", 1000, 1000, "exact"),
        ("1 500", "fr", 1500, 1500, "exact"),
        ("1.000", "de", 1000, 1000, "exact"),
        ("siebzehn", "de", 17, 17, "exact"),
        ("dreiundzwanzig", "de", 23, 23, "exact"),
        ("sjutton", "sv", 17, 17, "exact"),
        ("tjugotre", "sv", 23, 23, "exact"),
        ("семнадцать", "ru", 17, 17, "exact"),
        ("пятерых", "ru", 5, 5, "exact"),
        ("трое", "ru", 3, 3, "exact"),
        ("семи", "ru", 7, 7, "exact"),
        ("سبعة عشر", "ar", 17, 17, "exact"),
        ("سبع عشرة", "ar", 17, 17, "exact"),
        ("خمسة وعشرون", "ar", 25, 25, "exact"),
        ("١٧", "ar", 17, 17, "exact"),
        ("۱۷", "ar", 17, 17, "exact"),
        ("veintitrés", "es", 23, 23, "exact"),
        ("treinta y tres", "es", 33, 33, "exact"),
        ("quatre-vingt-dix", "fr", 90, 90, "exact"),
        ("vingt et un", "fr", 21, 21, "exact"),
        ("at least a dozen", "en", 12, None, "at_least"),
        ("a dozen", "en", 12, 12, "exact"),
        ("dozens", "en", 12, None, "at_least"),
        ("tens of", "en", 10, None, "at_least"),
        ("scores of", "en", 20, None, "at_least"),
        ("hundreds", "en", 100, None, "at_least"),
        ("several", "en", 3, None, "at_least"),
        ("more than 20", "en", 20, None, "at_least"),
        ("up to 40", "en", 40, 40, "at_most"),
        ("between 10 and 15", "en", 10, 15, "range"),
        ("10-15", "en", 10, 15, "range"),
        ("nearly 200", "en", 200, 200, "about"),
        ("minst 17", "sv", 17, None, "at_least"),
        ("mellan fem och tio", "sv", 5, 10, "range"),
        ("mindestens 17", "de", 17, None, "at_least"),
        ("Dutzende", "de", 12, None, "at_least"),
        ("al menos 17", "es", 17, None, "at_least"),
        ("decenas", "es", 10, None, "at_least"),
        ("au moins 17", "fr", 17, None, "at_least"),
        ("une dizaine", "fr", 10, 10, "about"),
        ("по меньшей мере 17", "ru", 17, None, "at_least"),
        ("десятки", "ru", 10, None, "at_least"),
        ("عشرات", "ar", 10, None, "at_least"),
        ("أكثر من 20", "ar", 20, None, "at_least"),
    ],
)
def test_parse_quantity(text: str, lang: str, value: int, value_max: int | None, approx: str) -> None:
    q = parse_quantity(text, lang)
    assert q is not None, text
    assert (q.value, q.value_max, q.approx) == (value, value_max, approx)


def test_spans_point_into_the_text() -> None:
    text = "Officials said at least 7 people died and about 30 were hurt."
    found = find_quantities(text, "en")
    assert [text[q.start : q.end] for q in found] == ["at least 7", "about 30"]


def test_no_quantity() -> None:
    assert parse_quantity("no numbers here", "en") is None
    assert parse_quantity("a man", "en") is None


def test_unknown_language_falls_back_to_english() -> None:
    q = parse_quantity("twelve", "xx")
    assert q is not None and q.value == 12


@pytest.mark.parametrize(("text", "lang"), [
    ("17-09-2019 Ten civilians were killed.", "en"),
    ("2019/09/17: ten civilians were killed.", "en"),
    ("12.03.2024 Zehn Zivilisten wurden getötet.", "de"),
    ("17-09-2019 قتل عشرة مدنيين", "ar"),
])
def test_a_numeric_date_is_no_count(text: str, lang: str) -> None:
    assert [q.value for q in find_quantities(text, lang)] == [10]


def test_separated_figures_that_are_no_date_stay_counts() -> None:
    assert [(q.value, q.value_max) for q in find_quantities("10-15 people", "en")] == [(10, 15)]
    assert [q.value for q in find_quantities("1.000.000", "de")] == [1000000]
