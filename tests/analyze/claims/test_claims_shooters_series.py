"""Counts that are no victims: the people who opened fire, a place in a photo series ("Image 3 of 5"), the
number in a name ("K-9", "F-16"); and a list of victims beside those counted before ("a girl and three
other teens were shot as well"); a dead attacker, who is not among those shot; a count before an active
verb with an object ("two men shot a woman"). Invented texts."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims.extract import extract_claims


def values(text: str, lang: str) -> set[int]:
    return {c.value for c in extract_claims(text, lang)}


@pytest.mark.parametrize("lang,text", [
    ("en", "Three teens opened fire outside the arena and wounded a man."),
    ("sv", "Tre tonåringar öppnade eld utanför arenan och skadade en man."),
    ("de", "Drei Jugendliche eröffneten das Feuer vor der Halle und verletzten einen Mann."),
    ("es", "Tres jóvenes abrieron fuego frente al estadio e hirieron a un hombre."),
    ("fr", "Trois jeunes ont ouvert le feu devant la salle et blessé un homme."),
    ("ru", "Трое подростков открыли огонь у стадиона и ранили мужчину."),
    ("ar", "ثلاثة شبان أطلقوا النار أمام الملعب وأصابوا رجلا."),
])
def test_those_who_opened_fire_are_no_victims(lang: str, text: str) -> None:
    assert 3 not in values(text, lang)


def test_the_victims_of_those_who_opened_fire_still_count() -> None:
    claims = extract_claims("Two guards opened fire at the ferry queue, killing four people.", "en")
    assert {(c.slot, c.value) for c in claims if c.group is None} == {("killed", 4)}


@pytest.mark.parametrize("lang,text", [
    ("en", "Image 4 of 7 A man was wounded outside the arena."),
    ("sv", "Bild 3 av 5 En man skadades utanför arenan."),
    ("de", "Bild 3 von 5 Ein Mann wurde vor der Halle verletzt."),
    ("es", "Foto 3 de 5 Un hombre resultó herido frente al estadio."),
    ("fr", "Photo 3 de 5 Un homme a été blessé devant la salle."),
])
def test_a_place_in_a_photo_series_is_no_count(lang: str, text: str) -> None:
    assert values(text, lang) == {1}


@pytest.mark.parametrize("text,number", [
    ("The K-9 officer said a shot rang out.", 9),
    ("The F-16 pilot was injured when the jet left the runway.", 16),
])
def test_the_number_in_a_name_is_no_count(text: str, number: int) -> None:
    assert number not in values(text, "en")


def test_a_list_beside_the_dead_is_not_reduced_by_them() -> None:
    text = ("A teenager was killed on Orchard Lane on Friday. A girl and three other teens were shot as well "
            "and taken to hospital.")
    got = {(c.slot, c.value) for c in extract_claims(text, "en") if c.group is None}
    assert got == {("killed", 1), ("injured", 4)}


@pytest.mark.parametrize("lang,text", [
    ("en", "Four visitors were shot at the depot on Friday, and the gunman killed himself."),
    ("sv", "Fyra personer sköts utanför depån i fredags, och gärningsmannen tog sitt eget liv."),
    ("de", "Vier Menschen wurden am Freitag vor dem Depot angeschossen, und der Schütze tötete sich selbst."),
    ("es", "Cuatro personas fueron baleadas frente al depósito el viernes, y el tirador se suicidó."),
    ("fr", "Quatre personnes ont été blessées par balle devant le dépôt vendredi, et le tireur s'est suicidé."),
    ("ru", "Четыре человека были ранены у депо в пятницу, а стрелок покончил с собой."),
    ("ar", "أصيب أربعة أشخاص بالرصاص أمام المستودع يوم الجمعة، وانتحر المسلح."),
])
def test_a_dead_attacker_is_not_one_of_the_people_shot(lang: str, text: str) -> None:
    claims = extract_claims(text, lang)
    assert [c.value for c in claims if c.slot == "injured" and c.group is None] == [4]


def test_a_dead_attacker_counts_among_the_dead_not_among_the_wounded_of_the_story() -> None:
    from datetime import UTC, datetime

    from corroborate.model import Analysis, Article
    from corroborate.reconcile.facts import build_facts

    reports = ["Three residents were shot by the ferry ramp late on Sunday, the police said.",
               "The gunman later killed himself near the ferry ramp, the police said."]
    items = []
    for i, text in enumerate(reports):
        art = Article(id=f"r{i}", text=text, outlet=f"r{i}.example", lang="en",
                      published=datetime(2031, 4, 6, 22 + i, tzinfo=UTC))
        items.append((art, Analysis(article_id=art.id, lang="en", claims=extract_claims(text, "en"))))
    facts = {(f.slot, f.qualifier.get("group")): f.consensus.value for f in build_facts(items) if not f.qualifier.get("about")}
    assert facts[("injured", None)] == 3 and facts[("killed", None)] == 1 and facts[("killed", "attackers")] == 1


@pytest.mark.parametrize("text,expected", [
    ("Two men shot a woman outside the laundromat on Friday.", {("injured", 1)}),
    ("Three teens shot and wounded an old man by the canal.", {("injured", 1)}),
    ("Two deputies shot the driver after the chase, officials said.", {("injured", 1)}),
    # with no object after the verb the count is of victims (headline style)
    ("Four teens shot at harbour party on Friday", {("injured", 4)}),
    ("Two men shot dead near the canal", {("killed", 2)}),
])
def test_a_count_before_an_active_verb_with_an_object_is_of_those_who_shot(text: str, expected: set) -> None:
    assert {(c.slot, c.value) for c in extract_claims(text, "en") if c.group is None} == expected


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "Two guards have shot a woman at the quay, the harbour office says.", 1),
    ("fr", "Deux hommes ont blessé une femme devant le café vendredi.", 1),
    ("es", "Dos hombres han herido a una mujer frente al café el viernes.", 1),
    # a passive perfect: the count is of victims
    ("fr", "Deux hommes ont été blessés devant le café vendredi.", 2),
    ("es", "Dos hombres han resultado heridos frente al café el viernes.", 2),
    ("en", "Before dawn two guards had been shot on the quay.", 2),
])
def test_a_count_before_a_perfect_with_an_object_is_of_those_who_shot(lang: str, text: str, expected: int) -> None:
    assert [c.value for c in extract_claims(text, lang) if c.slot == "injured" and c.group is None] == [expected]
