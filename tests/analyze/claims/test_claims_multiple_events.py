"""Events named by how many they struck (claims.multiple_events): "a double shooting" counts two shot, of whom
the article's dead are not wounded; "a triple homicide", "ein Doppelmord" count the dead. Invented texts."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims.extract import extract_claims


def totals(text: str, lang: str) -> set[tuple[str, int]]:
    return {(c.slot, c.value) for c in extract_claims(text, lang) if c.group is None and c.about is None}


def test_a_double_shooting_with_one_dead_left_one_wounded() -> None:
    assert totals("A woman died in a double shooting on Birch Avenue late Sunday.", "en") == {
        ("killed", 1), ("injured", 1)}


def test_a_double_shooting_with_two_dead_left_no_wounded() -> None:
    assert totals("A double shooting on Birch Avenue left two brothers dead.", "en") == {("killed", 2)}


@pytest.mark.parametrize("lang,text,dead", [
    ("en", "Detectives are working on a triple homicide at a farmhouse.", 3),
    ("sv", "Polisen utreder ett dubbelmord i en villa utanför staden.", 2),
    ("de", "Die Polizei ermittelt nach einem Doppelmord in einem Dorf am See.", 2),
    ("es", "La policía investiga un doble homicidio en una granja del norte.", 2),
    ("fr", "La police enquête sur un double meurtre dans une ferme du village.", 2),
    ("ru", "Полиция расследует двойное убийство в пригороде.", 2),
])
def test_a_multiple_killing_counts_its_dead(lang: str, text: str, dead: int) -> None:
    assert totals(text, lang) == {("killed", dead)}


@pytest.mark.parametrize("text,dead", [
    ("Detectives charged a neighbour in the triple-homicide at the farmhouse.", 3),
    ("The coroner ruled the deaths at the farmhouse a double murder-suicide.", 3),
    ("Records show the case was a quadruple-homicide/suicide.", 5),
])
def test_hyphens_and_the_killer_s_own_death(text: str, dead: int) -> None:
    assert totals(text, "en") == {("killed", dead)}


def test_step_relatives_are_people() -> None:
    claims = extract_claims("Two stepdaughters of the farmer were killed at the cabin.", "en")
    assert {(c.slot, c.value) for c in claims if c.group is None} == {("killed", 2)}
