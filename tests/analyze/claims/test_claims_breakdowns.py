"""Breakdowns ("among them 18 children") of another toll than the headline's; war headlines in the
present tense ("töten", "تقتل"). Invented texts."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims.breakdowns import drop_other_breakdowns
from corroborate.analyze.claims.extract import extract_claims


def _killed(claims: list, group: str | None = None) -> set[int]:
    return {c.value for c in claims if c.slot == "killed" and c.group == group and c.about is None}


# --- a breakdown of another attack's toll is that attack's

@pytest.mark.parametrize("lang,title,body", [
    ("en", "Air strikes kill 15 near Valdor",
     "Air strikes killed 15 people near Valdor on Monday. Shelling on Orlan on Sunday killed at least 82 "
     "people, among them 18 children."),
    ("de", "Luftangriffe töten 15 Menschen bei Valdor",
     "Bei Luftangriffen nahe Valdor wurden am Montag 15 Menschen getötet. In Orlan wurden am Sonntag bei "
     "Beschuss mindestens 82 Menschen getötet, darunter 18 Kinder."),
    ("fr", "Des frappes tuent 15 personnes près de Valdor",
     "Des frappes ont tué 15 personnes près de Valdor lundi. À Orlan, des bombardements ont tué au moins "
     "82 personnes, dont 18 enfants."),
    ("es", "Los bombardeos matan a 15 personas cerca de Valdor",
     "Los bombardeos mataron a 15 personas cerca de Valdor el lunes. En Orlan, los ataques mataron al "
     "menos a 82 personas, entre ellas 18 niños."),
])
def test_breakdown_of_another_toll_is_dropped(lang: str, title: str, body: str) -> None:
    title_claims, body_claims = extract_claims(title, lang), extract_claims(body, lang)
    assert _killed(title_claims) == {15}
    assert _killed(body_claims, "children") == {18}
    kept = drop_other_breakdowns(body_claims, title_claims, lang)
    assert _killed(kept, "children") == set()
    assert _killed(kept) == {15, 82}  # the totals stay: reconcile weighs them


# --- kept: a breakdown of a total near the headline's (a revised toll), or with no headline total

@pytest.mark.parametrize("lang,title,body", [
    ("en", "Air strikes kill 40 near Valdor", "Air strikes near Valdor killed 44 people, including 9 children."),
    ("de", "Luftangriffe töten 40 Menschen bei Valdor",
     "Bei Luftangriffen nahe Valdor wurden 44 Menschen getötet, darunter 9 Kinder."),
    ("fr", "Des frappes tuent 40 personnes près de Valdor",
     "Des frappes ont tué 44 personnes près de Valdor, dont 9 enfants."),
    ("en", "Strikes hit market in Valdor", "Shelling on Orlan killed at least 82 people, among them 18 children."),
    ("es", "Bombardeos sobre un mercado de Valdor",
     "Los ataques mataron al menos a 82 personas en Orlan, entre ellas 18 niños."),
])
def test_breakdown_of_the_headline_toll_stays(lang: str, title: str, body: str) -> None:
    title_claims, body_claims = extract_claims(title, lang), extract_claims(body, lang)
    children = _killed(body_claims, "children")
    assert children
    assert _killed(drop_other_breakdowns(body_claims, title_claims, lang), "children") == children


# --- war headlines in the present tense

@pytest.mark.parametrize("lang,title", [
    ("en", "Air strikes kill 20 in Valdor"),
    ("de", "Luftangriffe töten 20 Menschen bei Valdor"),
    ("es", "Los bombardeos matan a 20 en Valdor"),
    ("ar", "غارات جوية تقتل 20 شخصا في فالدور"),
    ("sv", "Flyganfall dödar 20 i Valdor"),
])
def test_present_tense_headline_is_a_toll(lang: str, title: str) -> None:
    assert _killed(extract_claims(title, lang)) == {20}


# --- "22 people, seven of them children": a part of the count before, not a second list element

@pytest.mark.parametrize("lang,text", [
    ("en", "Air strikes killed 22 people, seven of them children."),
    ("de", "Luftangriffe töteten 22 Menschen, sieben von ihnen Kinder."),
    ("sv", "Flyganfall dödade 22 personer, sju av dem barn."),
    ("ru", "Авиаудары убили 22 человека, семеро из них дети."),
])
def test_part_of_them_is_not_added(lang: str, text: str) -> None:
    claims = extract_claims(text, lang)
    assert _killed(claims) == {22}
    assert _killed(claims, "children") == {7}


# --- a toll verb right before the count reaches its toll noun over the words between

@pytest.mark.parametrize("lang,text", [
    ("en", "The death toll from the attack has risen to 86."),
    ("de", "Die Zahl der Toten nach dem Angriff auf den Markt stieg auf 86."),
    ("es", "La cifra de muertos por el ataque contra el mercado ascendió a 86."),
    ("sv", "Dödstalet efter attacken mot marknaden har stigit till 86."),
])
def test_toll_verb_reaches_toll_noun(lang: str, text: str) -> None:
    assert _killed(extract_claims(text, lang)) == {86}


# --- "19 more" / "16 others" after a count of soldiers or fighters are more of them

@pytest.mark.parametrize("lang,text", [
    ("en", "The monitor said more than 50 troops were executed, 19 more were killed in a suicide attack "
           "and at least 16 others had died in the assault."),
    ("es", "Más de 50 soldados fueron ejecutados y otros 19 murieron en un atentado suicida."),
    ("fr", "Plus de 50 soldats ont été exécutés et 19 autres ont été tués dans un attentat suicide."),
    ("ru", "Более 50 солдат были казнены, ещё 19 погибли при взрыве."),
    ("de", "Mehr als 50 Soldaten wurden hingerichtet, weitere 19 wurden getötet."),
])
def test_more_after_soldiers_are_soldiers(lang: str, text: str) -> None:
    claims = extract_claims(text, lang)
    assert 19 in _killed(claims, "soldiers")
    assert _killed(claims) == set()


@pytest.mark.parametrize("lang,text,total", [
    ("en", "Ten soldiers were killed and two more civilians died.", {2}),
    ("en", "Two gunmen were killed and three others died in the crossfire.", {3}),
    ("en", "Five civilians were killed and 12 others died later in hospital.", {12}),
    ("es", "Murieron diez soldados y otros dos civiles.", {2}),
    ("fr", "Dix soldats ont été tués. Trois autres personnes sont mortes dans les bombardements.", {3}),
])
def test_others_with_own_noun_or_after_others_stay_people(lang: str, text: str, total: set[int]) -> None:
    assert _killed(extract_claims(text, lang)) >= total
