"""A toll noun reaches its figure over a long phrase with hyphenated words ("the death toll from an attack on
a rebel-held town has risen to 53"), and "martyred" is a killed verb. Invented texts."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims.extract import extract_claims


def _claims(text: str, lang: str) -> set[tuple[str, int, str | None]]:
    return {(c.slot, c.value, c.group) for c in extract_claims(text, lang)}


@pytest.mark.parametrize("lang,text", [
    ("en", "The death toll from an attack on a rebel-held town has risen to 53."),
    ("en", "The death toll from the strike on the so-called safe zone has risen to 53."),
    ("fr", "Le bilan de l'attaque contre la ville tenue par les rebelles est passé à 53 morts."),
])
def test_a_hyphenated_word_does_not_break_a_toll_phrase(lang: str, text: str) -> None:
    assert ("killed", 53, None) in _claims(text, lang)


def test_a_dash_between_clauses_still_breaks_it() -> None:
    claims = _claims("A car bomb killed 5 people in the town - 30 were wounded.", "en")
    assert ("killed", 5, None) in claims and ("injured", 30, None) in claims
    assert ("killed", 30, None) not in claims


def test_martyred_is_killed() -> None:
    claims = _claims("Three people were martyred and eight injured in the shelling of the bakery.", "en")
    assert ("killed", 3, None) in claims and ("injured", 8, None) in claims
    assert ("injured", 3, None) not in claims


# a superlative after the figure describes the reported event; before it, it introduces the record holder
@pytest.mark.parametrize("lang,kept,dropped", [
    ("en", "The toll has reached 64 in the deadliest such attack in a year.",
     "It was the deadliest attack since a bombing in the capital that killed 64."),
    ("fr", "L'attentat a tué 64 personnes, le plus meurtrier depuis un an.",
     "C'est l'attentat le plus meurtrier depuis celui de la capitale qui avait tué 64 personnes."),
    ("de", "Der Anschlag tötete 64 Menschen, der tödlichste seit einem Jahr.",
     "Es war der tödlichste Anschlag seit dem Bombenangriff in der Hauptstadt, der 64 Menschen tötete."),
    ("es", "El atentado mató a 64 personas, el más mortífero en un año.",
     "Fue el atentado más mortífero desde el de la capital, que mató a 64 personas."),
])
def test_a_superlative_drops_only_the_figures_after_it(lang: str, kept: str, dropped: str) -> None:
    assert ("killed", 64, None) in _claims(kept, lang)
    assert ("killed", 64, None) not in _claims(dropped, lang)


# scraped text often lost its commas: "N of them <group>" still says which part of the count it is
@pytest.mark.parametrize("lang,text,group", [
    ("en", "Air strikes killed at least 31 people in the village on Friday nine of them children.", "children"),
    ("es", "Los bombardeos mataron a 31 personas en el pueblo el viernes nueve de ellas niños.", "children"),
    ("ru", "Авиаудары убили 31 человека в деревне в пятницу девять из них дети.", "children"),
])
def test_a_partitive_with_its_group_needs_no_comma(lang: str, text: str, group: str) -> None:
    claims = _claims(text, lang)
    assert ("killed", 31, None) in claims and ("killed", 9, group) in claims


def test_a_partitive_without_a_group_still_needs_its_comma() -> None:
    assert _claims("The gunman killed 31 people and police shot two of them.", "en") == {("killed", 31, None)}


# civilians with a nationality are people killed; soldiers or pilots with one may be combatants
@pytest.mark.parametrize("lang,text,total", [
    ("en", "At least 19 Lebanese civilians were killed in the strike on the farm.", 19),
    ("en", "Two French pilots were killed when their plane was hit.", None),
])
def test_a_nationality_keeps_civilians_in_the_total(lang: str, text: str, total: int | None) -> None:
    totals = {c.value for c in extract_claims(text, lang) if c.slot == "killed" and c.group is None and c.about is None}
    assert totals == ({total} if total else set())
