"""A part of a count with a fate of its own, told by the verb before it ("shot four people, killing two of
them"), and a wounded count that holds its dead ("seven were wounded, two of them fatally"); a gerund after
"charged with" is the shooting of those counted; tallies over hours are background. Invented texts."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims.extract import extract_claims


def totals(text: str, lang: str) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for c in extract_claims(text, lang):
        if c.group is None and c.about is None:
            out.setdefault(c.slot, set()).add(c.value)
    return out


@pytest.mark.parametrize("lang,text", [
    ("en", "The gunman shot four people outside the bar, killing two of them."),
    ("en", "The gunman wounded four people, killing two of them."),
    ("es", "El hombre hirió a cuatro personas, matando a dos de ellas."),
    ("fr", "L'homme a blessé quatre personnes, tuant deux d'entre elles."),
    ("de", "Der Mann verletzte vier Menschen und tötete zwei von ihnen."),
    ("sv", "Mannen skadade fyra personer och dödade två av dem."),
    ("ru", "Мужчина ранил четырех человек, убив двоих из них."),
])
def test_a_killing_verb_before_a_part_counts_its_dead(lang: str, text: str) -> None:
    assert totals(text, lang) == {"killed": {2}, "injured": {2}}


@pytest.mark.parametrize("lang,text", [
    ("en", "Seven people were wounded, two of them fatally."),
    ("ar", "أصيب أربعة أشخاص بجروح، توفي اثنان منهم لاحقا."),
])
def test_a_wounded_count_holds_the_part_that_died(lang: str, text: str) -> None:
    got = totals(text, lang)
    assert got["killed"] == {2}
    assert got["injured"] == {5 if lang == "en" else 2}


def test_a_part_of_a_count_without_a_fate_changes_nothing() -> None:
    assert totals("Nine people were injured, two of them seriously.", "en") == {"injured": {9}}


def test_charged_with_shooting_counts_the_people_shot() -> None:
    assert totals("He was charged with shooting four people and killing one of them.", "en") == \
        {"killed": {1}, "injured": {3}}
    assert "arrested" not in totals("He was charged with shooting four people.", "en")


@pytest.mark.parametrize("text", [
    "He was one of three people killed and 27 wounded over an eight-hour stretch that night.",
    "Three people were killed and 11 others were wounded in Monday shootings across the South Side.",
    "Detectives are investigating three overnight shootings that left five people injured.",
])
def test_tallies_over_hours_and_days_are_background(text: str) -> None:
    assert extract_claims(text, "en") == []


def test_gun_shot_written_in_two_words_is_the_wound() -> None:
    text = "Officers found three men and one woman suffering from gun shot wounds to their arms and legs."
    assert totals(text, "en") == {"injured": {4}}


@pytest.mark.parametrize("lang,text", [
    ("en", "Around 7 p.m., a boy younger than 12 was shot in the courtyard, police said."),
    ("sv", "En pojke yngre än 12 år sköts i benet."),
    ("ru", "Мальчик младше 12 лет был ранен."),
])
def test_an_age_compared_is_no_count(lang: str, text: str) -> None:
    assert totals(text, lang)["injured"] == {1}


def test_an_age_compared_in_german_is_no_count() -> None:
    assert 12 not in totals("Ein Junge jünger als 12 Jahre wurde angeschossen.", "de").get("injured", set())


@pytest.mark.parametrize("lang,text", [
    ("en", "At least 21 people, including 11 children and five men, were killed in the strike."),
    ("es", "Al menos 21 personas, entre ellas 11 niños y cinco hombres, murieron en el ataque."),
    ("fr", "Au moins 21 personnes, dont 11 enfants et cinq hommes, ont été tuées dans la frappe."),
    ("de", "Mindestens 21 Menschen, darunter elf Kinder und fünf Männer, wurden getötet."),
    ("sv", "Minst 21 personer, varav elva barn och fem män, dödades i attacken."),
    ("ru", "Погиб 21 человек, в том числе 11 детей и пятеро мужчин."),
    ("ar", "قتل 21 شخصا بينهم 11 طفلا وخمسة رجال."),
])
def test_a_part_without_a_group_is_no_total(lang: str, text: str) -> None:
    assert totals(text, lang)["killed"] == {21}


def test_a_part_at_least_sets_the_floor_of_a_total_up_to() -> None:
    claims = [c for c in extract_claims("Air strikes killed up to 20 civilians, including at least 14 members of "
                                        "one family.", "en") if c.slot == "killed" and c.group is None]
    assert [(c.value, c.value_max, c.approx) for c in claims] == [(14, 20, "range")]
