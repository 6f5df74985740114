"""A figure the text says proved false ("a claim which later proved to be untrue", "erwies sich als falsch") is no
claim (claims.background.phrases). Invented texts."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims.extract import extract_claims


@pytest.mark.parametrize("lang,text", [
    ("en", "First reports said two guards had died, a claim which later proved to be untrue."),
    ("sv", "De första uppgifterna om två döda vakter visade sig vara felaktiga."),
    ("de", "Die ersten Berichte über zwei getötete Wachleute erwiesen sich als falsch."),
    ("es", "La primera información sobre dos guardias muertos resultó ser falsa."),
    ("fr", "L'information sur deux gardiens tués s'est révélée fausse."),
    ("ru", "Информация о двух погибших охранниках оказалась ложной."),
    ("ar", "الأنباء عن مقتل حارسين تبين أنها غير صحيحة."),
])
def test_a_figure_that_proved_false_is_no_claim(lang: str, text: str) -> None:
    assert extract_claims(text, lang) == []


def test_the_figure_that_stands_is_still_read() -> None:
    text = "First reports said two guards had died, a claim which later proved to be untrue. One guard was wounded."
    assert [(c.slot, c.value) for c in extract_claims(text, "en")] == [("injured", 1)]
