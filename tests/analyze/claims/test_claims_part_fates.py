"""A part of a count with a fate of its own, told by the verb before it ("shot five people, killing three of
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
    ("en", "A sniper shot four people near the bridge, killing two of them."),
    ("en", "A sniper wounded four people, killing two of them."),
    ("es", "El hombre hirió a cuatro personas, matando a dos de ellas."),
    ("fr", "L'homme a blessé quatre personnes, tuant deux d'entre elles."),
    ("de", "Der Mann verletzte vier Menschen und tötete zwei von ihnen."),
    ("sv", "Mannen skadade fyra personer och dödade två av dem."),
    ("ru", "Мужчина ранил четырех человек, убив двоих из них."),
])
def test_a_killing_verb_before_a_part_counts_its_dead(lang: str, text: str) -> None:
    assert totals(text, lang) == {"killed": {2}, "injured": {2}}


@pytest.mark.parametrize("lang,text", [
    ("en", "Seven people were injured in the attack, two of them fatally."),
    ("ar", "أصيب أربعة أشخاص بجروح، توفي اثنان منهم لاحقا."),
])
def test_a_wounded_count_holds_the_part_that_died(lang: str, text: str) -> None:
    got = totals(text, lang)
    assert got["killed"] == {2}
    assert got["injured"] == {5 if lang == "en" else 2}


def test_a_part_of_a_count_without_a_fate_changes_nothing() -> None:
    assert totals("Nine people were injured, two of them seriously.", "en") == {"injured": {9}}


def test_charged_with_shooting_counts_the_people_shot() -> None:
    assert totals("She is accused of shooting five people and killing two of them.", "en") == \
        {"killed": {2}, "injured": {3}}
    assert "arrested" not in totals("She was charged with shooting five people.", "en")


@pytest.mark.parametrize("text", [
    "She was one of two people killed and 19 hurt over a six-hour stretch on Saturday.",
    "Two people died and nine more were hurt in Sunday shootings around the east side.",
    "Officers are looking into four overnight shootings that left six people hurt.",
])
def test_tallies_over_hours_and_days_are_background(text: str) -> None:
    assert extract_claims(text, "en") == []


def test_gun_shot_written_in_two_words_is_the_wound() -> None:
    text = "Deputies found two men and two women suffering from gun shot wounds behind the store."
    assert totals(text, "en") == {"injured": {4}}


@pytest.mark.parametrize("lang,text", [
    ("en", "On Sunday a girl younger than 10 was shot in the arm, officers said."),
    ("sv", "En pojke yngre än 12 år sköts i benet."),
    ("ru", "Мальчик младше 12 лет был ранен."),
])
def test_an_age_compared_is_no_count(lang: str, text: str) -> None:
    assert totals(text, lang)["injured"] == {1}


def test_an_age_compared_in_german_is_no_count() -> None:
    assert 12 not in totals("Ein Junge jünger als 12 Jahre wurde angeschossen.", "de").get("injured", set())


@pytest.mark.parametrize("lang,text", [
    ("en", "At least 17 people, including nine children and four men, died when the ferry sank."),
    ("es", "Al menos 17 personas, entre ellas nueve niños y cuatro hombres, murieron al hundirse el ferry."),
    ("fr", "Au moins 17 personnes, dont neuf enfants et quatre hommes, sont mortes dans le naufrage."),
    ("de", "Mindestens 17 Menschen, darunter neun Kinder und vier Männer, starben beim Untergang der Fähre."),
    ("sv", "Minst 17 personer, varav nio barn och fyra män, dog när färjan sjönk."),
    ("ru", "Погибли 17 человек, в том числе девять детей и четверо мужчин."),
    ("ar", "قتل 17 شخصا بينهم تسعة أطفال وأربعة رجال."),
])
def test_a_part_without_a_group_is_no_total(lang: str, text: str) -> None:
    assert totals(text, lang)["killed"] == {17}


def test_a_part_at_least_sets_the_floor_of_a_total_up_to() -> None:
    claims = [c for c in extract_claims("The blast killed up to 30 people, including at least 12 members of one "
                                        "clan.", "en") if c.slot == "killed" and c.group is None]
    assert [(c.value, c.value_max, c.approx) for c in claims] == [(12, 30, "range")]


@pytest.mark.parametrize("lang,text", [
    ("en", "Seven children were injured, two of them fatally."),
    ("es", "Siete niños resultaron heridos, dos de ellos murieron después."),
    ("de", "Sieben Kinder wurden verletzt, zwei von ihnen starben."),
    ("sv", "Sju barn skadades, två av dem dog senare."),
    ("ru", "Ранены семь детей, двое из них скончались."),
])
def test_a_part_with_a_fate_keeps_the_group_of_its_count(lang: str, text: str) -> None:
    claims = {(c.slot, c.value, c.group) for c in extract_claims(text, lang) if c.about is None}
    assert {("injured", 5, "children"), ("killed", 2, "children"), ("injured", 5, None), ("killed", 2, None)} <= claims
    assert ("injured", 7, "children") not in claims
