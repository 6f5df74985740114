"""Approximate round numbers written as words: 'ett tjugotal', 'une vingtaine', 'una veintena'."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims.extract import extract_claims


@pytest.mark.parametrize("lang,text,slot,value", [
    ("sv", "Ett tjugotal skadade fördes till sjukhuset i Norrvik.", "injured", 20),
    ("sv", "Ett hundratal personer flydde från byn under natten.", "displaced", 100),
    ("fr", "Une vingtaine de blessés ont été évacués vers l'hôpital.", "injured", 20),
    ("es", "Una veintena de heridos fueron trasladados al hospital.", "injured", 20),
])
def test_about_a_round_number(lang: str, text: str, slot: str, value: int) -> None:
    found = [(c.slot, c.value, c.approx) for c in extract_claims(text, lang)]
    assert (slot, value, "about") in found
    assert all(v != 1 for _, v, _ in found)  # the article before the number word is not "one"


@pytest.mark.parametrize("text,value,approx", [
    ("По данным местных СМИ, погибли не менее десятка человек.", 10, "at_least"),
    ("В результате пожара погибли около десятка человек.", 10, "about"),
])
def test_russian_a_ten(text: str, value: int, approx: str) -> None:
    assert ("killed", value, approx) in [(c.slot, c.value, c.approx) for c in extract_claims(text, "ru")]
