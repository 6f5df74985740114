"""War reports: bare counts that repeat a count of combatants; members of an armed group whose name is
spelled like a verb ("members of IS were killed"). Invented texts."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims.combatants import drop_combatant_echoes
from corroborate.analyze.claims.extract import extract_claims


def _killed(claims: list, group: str | None = None) -> set[int]:
    return {c.value for c in claims if c.slot == "killed" and c.group == group and c.about is None}


# --- a headline figure with no noun that the text gives as combatants is not a toll of people

@pytest.mark.parametrize("lang,title,body", [
    ("en", "Air strikes kill 20 near Valdor",
     "Air strikes on a training camp near Valdor killed at least 20 militants, a monitor said."),
    ("fr", "Des frappes aériennes tuent 20 personnes près de Valdor",
     "Des frappes aériennes ont tué au moins 20 rebelles près de Valdor, selon un observatoire."),
    ("ru", "Авиаудары убили 20 человек под Валдором",
     "В результате авиаударов под Валдором погибли по меньшей мере 20 боевиков, сообщили наблюдатели."),
])
def test_bare_count_repeating_combatants_is_dropped(lang: str, title: str, body: str) -> None:
    title_claims, body_claims = extract_claims(title, lang), extract_claims(body, lang)
    assert 20 in _killed(title_claims)  # read on its own, the headline is a toll of people
    kept_body, kept_title = drop_combatant_echoes(body_claims, title_claims)
    assert _killed(kept_title) == set() and _killed(kept_body) == set()
    assert {c.value for c in kept_body if c.group in {"fighters", "attackers"}} == {20}


@pytest.mark.parametrize("lang,title,body", [
    ("en", "Shelling kills 12 in Valdor",
     "Shelling killed 12 civilians in Valdor. Separately, 12 soldiers died in clashes near Orlan."),
    ("fr", "Des bombardements tuent 12 personnes à Valdor",
     "Les bombardements ont tué 12 civils à Valdor. Par ailleurs, 12 soldats sont morts près d'Orlan."),
    ("es", "Los bombardeos dejan 12 muertos en Valdor",
     "Los bombardeos mataron a 12 civiles en Valdor. Además, 12 soldados murieron cerca de Orlan."),
])
def test_bare_count_kept_when_non_combatants_have_it_too(lang: str, title: str, body: str) -> None:
    title_claims, body_claims = extract_claims(title, lang), extract_claims(body, lang)
    kept_body, kept_title = drop_combatant_echoes(body_claims, title_claims)
    assert 12 in _killed(kept_title) | _killed(kept_body)


@pytest.mark.parametrize("lang,title,body", [
    ("en", "Two killed in Valdor", "Police are looking for two suspects in the killing of two men in Valdor."),
    ("de", "Zwei Tote in Valdor", "Zwei Männer wurden in Valdor getötet; zwei Angreifer wurden getötet."),
])
def test_small_counts_are_left_alone(lang: str, title: str, body: str) -> None:
    """Two dead and two attackers are too often other people: counts below three are kept."""
    title_claims, body_claims = extract_claims(title, lang), extract_claims(body, lang)
    kept_body, kept_title = drop_combatant_echoes(body_claims, title_claims)
    assert 2 in _killed(kept_title) | _killed(kept_body)


# --- an armed group spelled like a verb ("IS") after "members of"

@pytest.mark.parametrize("lang,text,group", [
    ("en", "At least 20 members of IS were killed in air strikes on Valdor.", "fighters"),
    ("en", "Five members of the family were killed in Valdor.", None),
    ("de", "Bei Valdor wurden mindestens 20 Mitglieder des IS getötet.", "fighters"),
    ("fr", "Au moins 20 membres de l'EI ont été tués dans des frappes sur Valdor.", "fighters"),
    ("ru", "По меньшей мере 20 членов ИГ погибли при авиаударах по Валдору.", "fighters"),
    ("es", "Cinco miembros de la familia murieron en Valdor.", None),
])
def test_members_of_a_group_named_like_a_verb(lang: str, text: str, group: str | None) -> None:
    """English "IS" is also the verb "is": capitalised after "members of", it names the group."""
    claims = extract_claims(text, lang)
    assert _killed(claims, group) == {20 if group else 5}


# --- a toll verb right before the count reaches back over a long phrase to its toll noun

@pytest.mark.parametrize("lang,text", [
    ("en", "Death toll in bomb attack on evacuees rises to 112"),
    ("en", "The death toll in a car bomb attack on buses carrying evacuees from two towns has risen to at least "
           "112, a monitor said."),
    ("es", "El número de muertos por el ataque al mercado de Valdor ascendió a 112."),
    ("ru", "Число погибших в результате обстрела центрального рынка города Валдор возросло до 112."),
])
def test_toll_verb_reaches_a_distant_toll_noun(lang: str, text: str) -> None:
    assert _killed(extract_claims(text, lang)) == {112}


def test_toll_verb_does_not_reach_past_a_clause() -> None:
    text = "Forces killed rebels in the north and the number of displaced people in the province rose to 4500."
    assert _killed(extract_claims(text, "en")) == set()
