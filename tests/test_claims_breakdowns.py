"""Breakdowns ("among them 18 children") of another toll than the headline's; war headlines in the
present tense ("töten", "تقتل"). Invented texts."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims import extract_claims
from corroborate.analyze.claims_breakdowns import drop_other_breakdowns


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
