"""Who the victims were and how many: members of armed groups, asides and appositions around counts,
lists with ages, toll phrases, background after "a day after", one-word ages, the German perfect
murder-suicide. Invented texts."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims.extract import extract_claims


def summary(text: str, lang: str) -> set[tuple[str, int, str | None]]:
    return {(c.slot, c.value, c.group) for c in extract_claims(text, lang) if c.about is None}


def killed(text: str, lang: str, group: str | None = None) -> set[int]:
    return {c.value for c in extract_claims(text, lang) if c.slot == "killed" and c.group == group and c.about is None}


# --- members of armed organisations are fighters (claims.member_nouns + claims.armed_groups)

@pytest.mark.parametrize("lang,text,group", [
    ("en", "Four Hezbollah members were killed in the strike near Valdor.", "fighters"),
    ("en", "A drone strike killed at least eight members of the Hezbollah militia.", "fighters"),
    ("en", "Five members of the family were killed by the army.", None),
    ("sv", "Fyra Hizbollah-medlemmar dödades i attacken.", "fighters"),
    ("sv", "Tjugo medlemmar av milisen dödades.", "fighters"),
    ("sv", "Fem medlemmar av familjen dödades.", None),
    ("de", "Vier Mitglieder der Hisbollah wurden getötet.", "fighters"),
    ("de", "Fünf Mitglieder der Familie wurden getötet.", None),
    ("es", "Murieron 12 miembros del Estado Islámico.", "fighters"),
    ("es", "Cinco miembros de la familia murieron.", None),
    ("fr", "Douze membres de l'EI ont été tués.", "fighters"),
    ("fr", "Cinq membres de la famille ont été tués.", None),
    ("ar", "قتل 15 عنصرا من داعش في غارة.", "fighters"),
    ("ar", "قتل خمسة أفراد من العائلة.", None),
    ("ru", "Погибли 12 членов группировки.", "fighters"),
    ("ru", "Погибли пять членов семьи.", None),
])
def test_members_of_armed_groups_are_fighters(lang: str, text: str, group: str | None) -> None:
    groups = {c.group for c in extract_claims(text, lang) if c.slot == "killed"}
    assert group in groups
    if group is not None:
        assert None not in groups  # not counted in the toll of people (civilians) as well


# --- asides between a count and its verb; sub-counts with a relative clause after them

@pytest.mark.parametrize("lang,text,total", [
    ("en", "At least 15 people, including one child and four women, one of whom was pregnant, were killed.", 15),
    ("en", "Twelve members of the Al-Karam family, including seven children, were killed in the strike.", 12),
    ("en", "On Friday, five children from the Al-Rafi family were killed.", 5),
    ("sv", "Femton personer, bland dem sju barn, en av dem en bebis, dödades.", 15),
    ("fr", "Quinze personnes, dont sept enfants, l'un d'eux un bébé, ont été tuées.", 15),
    ("es", "Quince personas, entre ellas siete niños, una de ellas un bebé, murieron.", 15),
])
def test_aside_between_count_and_verb(lang: str, text: str, total: int) -> None:
    assert total in killed(text, lang)


def test_police_said_aside_keeps_count_and_source() -> None:
    found = extract_claims("Three people, police said, were killed on Sunday.", "en")
    assert {(c.slot, c.value) for c in found} == {("killed", 3)}


# --- lists: age appositions, appositions of a generic count, appositions of a single victim

@pytest.mark.parametrize("lang,text,total", [
    ("en", "Two children, ages 3 and 5, and their mother have been found dead in the house.", 3),
    ("en", "Two boys, ages 7 and 10, and two adults were found slain inside their home.", 4),
    ("sv", "Två barn, 3 och 5 år, och deras mamma hittades döda.", 3),
    ("de", "Zwei Kinder, 3 und 5 Jahre alt, und ihre Mutter wurden tot aufgefunden.", 3),
    ("es", "Dos niños, de 3 y 5 años, y su madre fueron hallados muertos.", 3),
    ("fr", "Deux enfants, âgés de 3 et 5 ans, et leur mère ont été retrouvés morts.", 3),
])
def test_list_with_age_apposition_adds_up(lang: str, text: str, total: int) -> None:
    assert total in killed(text, lang)


def test_an_age_after_and_without_an_article_is_the_next_person_of_the_list() -> None:
    # English leaves the article out after "and": "his niece and 4-year-old grandson" are two
    text = "The gunfire killed a man outside the bakery and also wounded his niece and 4-year-old grandson."
    assert {(c.slot, c.value) for c in extract_claims(text, "en") if c.group is None} == {("killed", 1), ("injured", 2)}


@pytest.mark.parametrize("lang,text", [
    ("en", "Three others, an 18-year-old woman and two men, ages 21 and 22, were treated for wounds."),
    ("de", "Drei weitere Personen, eine Frau und zwei Männer, wurden verletzt."),
    ("sv", "Tre personer, en kvinna och två män, skadades."),
])
def test_list_naming_a_generic_count_is_that_count(lang: str, text: str) -> None:
    assert {c.value for c in extract_claims(text, lang) if c.group is None} == {3}


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "Gunmen killed two men, a woman and a child.", 4),
    ("en", "3 women, 1 man shot on a quiet street", 4),
    ("sv", "Beväpnade män dödade två män, en kvinna och ett barn.", 4),
])
def test_comma_lists_still_add_up(lang: str, text: str, expected: int) -> None:
    assert expected in {c.value for c in extract_claims(text, lang) if c.group is None}


@pytest.mark.parametrize("lang,text", [
    ("en", "The second victim, a woman, was still hospitalized Sunday."),
    ("sv", "Offret, en man, dog."),
    ("de", "Das Opfer, ein Mann, starb."),
])
def test_apposition_of_one_victim_is_one(lang: str, text: str) -> None:
    assert all(c.value <= 1 for c in extract_claims(text, lang))


# --- toll phrases with a prepositional phrase; present-tense headlines

@pytest.mark.parametrize("lang,text,expected", [
    ("en", "The death toll from the attack rose to 45.", 45),
    ("en", "Death toll from port bomb attack at least 112", 112),
    ("es", "La cifra de muertos por el ataque ascendió a 45.", 45),
    ("es", "Un ataque aéreo mata a 14 personas en la capital.", 14),
    ("de", "Die Zahl der Toten nach dem Anschlag stieg auf 45.", 45),
    ("sv", "Dödstalet efter attacken steg till 45.", 45),
])
def test_toll_phrases_and_headline_verbs(lang: str, text: str, expected: int) -> None:
    assert expected in killed(text, lang)


def test_name_and_age_before_full_stop_is_one_victim_not_a_count_of_the_age() -> None:
    text = "Police arrested two people in connection with the shooting death of Ernesto Valdor, 17."
    assert killed(text, "en") == {1}  # the named victim of the shooting death; 17 is his age


@pytest.mark.parametrize("lang,text", [
    ("es", "Un bombardeo mata a 14 personas y hiere a otros 20 vecinos."),
    ("fr", "Des frappes tuent 14 personnes et blessent 20 autres."),
])
def test_verb_after_and_belongs_to_the_next_count(lang: str, text: str) -> None:
    assert 14 in killed(text, lang)
    assert 14 not in {c.value for c in extract_claims(text, lang) if c.slot == "injured"}


# --- "a day after": only what follows the phrase is background

@pytest.mark.parametrize("lang,text,expected", [
    ("en", "The death toll from the attack rose to 45, a day after the bombing.", {45}),
    ("en", "A day after a shooting killed three people, police arrested a man.", set()),
    ("sv", "Dödstalet efter attacken steg till 45, en dag efter bombningen.", {45}),
    ("sv", "En dag efter en skottlossning som dödade tre personer greps en man.", set()),
    ("de", "Die Zahl der Toten stieg auf 45, einen Tag nach dem Anschlag.", {45}),
    ("de", "Einen Tag nach einem Anschlag mit drei Toten wurde ein Mann festgenommen.", set()),
    ("fr", "Au lendemain d'une fusillade qui a fait trois morts, la police a arrêté un homme.", set()),
])
def test_a_day_after_drops_only_what_follows(lang: str, text: str, expected: set[int]) -> None:
    assert killed(text, lang) == expected


@pytest.mark.parametrize("lang,text", [
    ("en", "In the past two weeks more than 200 civilians have been killed in the city."),
    ("de", "In den vergangenen Wochen wurden mehr als 200 Zivilisten getötet."),
    ("es", "En las últimas semanas han muerto más de 200 civiles."),
])
def test_recent_weeks_are_background(lang: str, text: str) -> None:
    assert not [c for c in extract_claims(text, lang) if c.slot == "killed"]


# --- one-word ages (sv, de, ru) and the German perfect murder-suicide

@pytest.mark.parametrize("lang,text,expected", [
    ("sv", "En tioårig pojke sköts ihjäl i staden.", {("killed", 1, None), ("killed", 1, "children")}),
    ("de", "Ein zehnjähriger Junge wurde erschossen.", {("killed", 1, None), ("killed", 1, "children")}),
    ("ru", "Десятилетний мальчик погиб.", {("killed", 1, None), ("killed", 1, "children")}),
    ("en", "A young man was killed.", {("killed", 1, None)}),
])
def test_one_word_ages(lang: str, text: str, expected: set) -> None:
    assert summary(text, lang) == expected


@pytest.mark.parametrize("lang,text,total", [
    ("de", "Ein Mann hat seine Frau und seine zwei Kinder erschossen und sich anschließend selbst getötet.", 4),
    ("de", "Ein 45-Jähriger hat drei Menschen erschossen und sich dann das Leben genommen.", 4),
    ("de", "Drei Menschen wurden getötet, der Täter hat sich anschließend selbst erschossen.", 3),
    ("sv", "En man sköt ihjäl sin fru och två barn innan han tog sitt eget liv.", 4),
    ("en", "A man killed his wife and two children before killing himself.", 4),
])
def test_killer_who_takes_his_own_life(lang: str, text: str, total: int) -> None:
    assert total in killed(text, lang)


# --- a breakdown after "including" is not a list of its own; a count after it with its own verb

@pytest.mark.parametrize("lang,text", [
    ("en", "At least 16 people were killed, including two children and six women, and nine others were injured."),
    ("de", "Mindestens 16 Menschen wurden getötet, darunter zwei Kinder und sechs Frauen, und neun weitere wurden verletzt."),
    ("fr", "Au moins 16 personnes ont été tuées, dont deux enfants et six femmes, et neuf autres ont été blessées."),
])
def test_breakdown_then_injured_count(lang: str, text: str) -> None:
    assert summary(text, lang) == {("killed", 16, None), ("killed", 2, "children"), ("killed", 6, "women"),
                                   ("injured", 9, None)}


# --- "one of the victims died": one victim when the verb is its own; not "one of those killed was"

@pytest.mark.parametrize("lang,text,expected", [
    ("en", "One of the victims died at the hospital.", {1}),
    ("en", "The group identified one of those slain as a local commander.", set()),
    ("en", "Investigators believe Varga is one of the men who shot and killed Orlov.", set()),
    ("sv", "En av dem dog senare på sjukhuset.", {1}),
    ("de", "Einer von ihnen starb im Krankenhaus.", {1}),
    ("es", "Uno de ellos murió en el hospital.", {1}),
    ("es", "Uno de los heridos murió en el hospital.", set()),
])
def test_one_of_the_victims_died(lang: str, text: str, expected: set[int]) -> None:
    assert killed(text, lang) == expected


# --- a list of counts that a participle closes ("three adults and four children killed") adds up

@pytest.mark.parametrize("lang,text", [
    ("en", "Three adults and four children killed as shells hit a market."),
    ("en", "Neighbours counted three adults and four children killed on the road."),
    ("es", "Tres adultos y cuatro niños muertos al caer proyectiles sobre un mercado."),
    ("fr", "Trois adultes et quatre enfants tués par des obus sur un marché."),
    ("de", "Drei Erwachsene und vier Kinder getötet durch Granaten auf einem Markt."),
    ("sv", "Tre vuxna och fyra barn dödade när granater slog ned på en marknad."),
    ("ru", "Трое взрослых и четверо детей погибли при обстреле рынка."),
])
def test_a_list_closed_by_a_participle_adds_up(lang: str, text: str) -> None:
    assert killed(text, lang) == {7}
    assert killed(text, lang, "children") == {4}


def test_a_count_with_a_death_noun_stays_one_claim() -> None:
    assert summary("13 civilian deaths and four injuries were reported.", "en") >= {("killed", 13, None)}


# --- "three of the victims were girls": a part of the victims by group (English)

@pytest.mark.parametrize("text,slot,group,value", [
    ("A rocket attack killed nine people on Sunday. Three of the victims were girls.", "killed", "children", 3),
    ("Shelling killed eleven people. Four of the dead were women.", "killed", "women", 4),
    ("Eight people were hurt when the bus overturned. Two of the injured were children.", "injured", "children", 2),
])
def test_a_part_of_the_victims_by_group(text: str, slot: str, group: str, value: int) -> None:
    assert (slot, value, group) in summary(text, "en")


def test_a_part_of_a_group_that_is_no_victim_is_no_claim() -> None:
    assert ("killed", 2, "children") not in summary("Six people died in the raid. Two of the suspects were teenagers.", "en")
