"""Singular victims in more phrasings (analyze.claims_single, claims_headline, numbers): a relative
clause about the person ("a boy who was shot ... has died"), headline phrases after a label
("UPDATE: girl dies ..."), a count word as possessor ("the couple's son"), and a headline's object
without article ("Woman shoots friend"). Invented texts."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims.extract import claims, extract_claims
from corroborate.analyze.claims.headline import headline_sentences
from corroborate.model import Analysis, Article
from corroborate.text.quantities import find_quantities


def tally(text: str, lang: str) -> set[tuple[str, int]]:
    return {(c.slot, c.value) for c in extract_claims(text, lang)
            if c.slot in ("killed", "injured") and c.group is None and c.about is None}


def groups(text: str, lang: str) -> set[tuple[str, str | None]]:
    return {(c.slot, c.group) for c in extract_claims(text, lang) if c.slot in ("killed", "injured")}


def headline_tally(title: str, lang: str) -> set[tuple[str, int]]:
    article = Article(id="h1", text="No details were released.", title=title, lang=lang)
    analysis = Analysis(article_id="h1", lang=lang)
    claims(article, analysis)
    return {(c.slot, c.value) for c in analysis.title_claims
            if c.slot in ("killed", "injured") and c.group is None and c.about is None}


@pytest.mark.parametrize("lang,text", [
    ("en", "A boy who was shot in the face at a home in Millbrook has died, the coroner said."),
    ("sv", "En pojke som sköts i huvudet i Millbrook har avlidit."),
    ("fr", "Un homme qui avait été blessé par balle à Millbrook est mort."),
    ("ru", "Мужчина, который был ранен в Миллбруке, умер в больнице."),
])
def test_a_person_shot_in_a_relative_clause_who_died_is_one_dead(lang: str, text: str) -> None:
    assert tally(text, lang) == {("killed", 1)}


@pytest.mark.parametrize("lang,text", [
    ("en", "A man who was shot on Tuesday is in stable condition."),
    ("de", "Ein Mann, der angeschossen wurde, ist außer Lebensgefahr."),
    ("sv", "En man som sköts i benet vårdas på sjukhus."),
])
def test_a_relative_clause_without_a_death_stays_a_hurt_victim(lang: str, text: str) -> None:
    assert ("killed", 1) not in tally(text, lang)


@pytest.mark.parametrize("lang,text", [
    ("en", "The man who shot him was arrested on Friday."),
    ("fr", "L'homme qui a tiré a été arrêté vendredi."),
    ("sv", "Mannen som sköt honom greps på fredagen."),
])
def test_the_shooter_in_a_relative_clause_is_no_victim(lang: str, text: str) -> None:
    assert tally(text, lang) == set()


def test_headline_phrases_split_at_labels_and_outlet_names() -> None:
    title = "UPDATE: Girl dies after shooting - Millbrook Courier | News"
    assert [title[a:b] for a, b in headline_sentences(title)] == [
        "UPDATE", "Girl dies after shooting", "Millbrook Courier", "News"]
    assert headline_sentences("Three hurt in Millbrook") == [(0, 23)]
    assert [("Shot at 10:30 pm")[a:b] for a, b in headline_sentences("Shot at 10:30 pm")] == ["Shot at 10:30 pm"]


@pytest.mark.parametrize("lang,title", [
    ("en", "UPDATE: 14-year-old girl dies after shooting at Millbrook range"),
    ("sv", "UPPDATERING: 14-årig flicka dog efter skottlossning i Millbrook"),
    ("es", "ÚLTIMA HORA: Niña muere tras un tiroteo en Millbrook"),
])
def test_a_victim_after_a_headline_label_is_read(lang: str, title: str) -> None:
    assert headline_tally(title, lang) == {("killed", 1)}


@pytest.mark.parametrize("lang,text", [
    ("en", "Police said Joe Roe shot the couple's son during a dispute. The child was pronounced dead."),
    ("sv", "Polisen sa att Joe Roe sköt parets son under ett gräl. Barnet dödförklarades."),
    ("de", "Die Polizei sagte, Joe Roe habe den Sohn des Paares erschossen."),
])
def test_a_count_word_that_owns_a_noun_counts_no_one(lang: str, text: str) -> None:
    assert ("injured", 2) not in tally(text, lang) and ("killed", 2) not in tally(text, lang)


def test_the_couples_son_who_died_leaves_no_one_hurt() -> None:
    text = "Police said Joe Roe shot the couple's son during a dispute. The child was pronounced dead."
    assert tally(text, "en") == {("killed", 1)}


def test_possessive_count_words_are_no_quantities() -> None:
    assert [q.value for q in find_quantities("the couple’s car and the pair's home", "en")] == []
    assert [q.value for q in find_quantities("a couple was shot", "en")] == [2]


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "Woman accidentally shoots friend with hunting rifle", {("injured", 1, None)}),
    ("de", "Frau verletzt Freund mit Gewehr", {("injured", 1, None)}),
    ("sv", "Kvinna skadade pojkvän med gevär", {("injured", 1, None)}),
])
def test_a_headlines_bare_object_is_the_victim_not_the_subject(lang: str, text: str, expected: set) -> None:
    got = {(c.slot, c.value, c.group) for c in extract_claims(text, lang) if c.slot in ("killed", "injured")}
    assert got == expected


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "Man fatally shoots wife, son in Millbrook home", {("killed", 2)}),
    ("de", "Mann erschießt Frau und Sohn in Millbrook", {("killed", 2)}),
    ("de", "Mann verletzt Frau und Sohn in Millbrook", {("injured", 2)}),
])
def test_a_headlines_bare_objects_add_up(lang: str, text: str, expected: set) -> None:
    assert tally(text, lang) == expected


@pytest.mark.parametrize("lang,text", [
    ("en", "Police responded to a report of a wounded child on Elm Street."),
    ("en", "Teen killed by neighbor in Millbrook"),
    ("en", "15-year-old shoots, kills man in Millbrook"),
])
def test_adjectives_agents_and_shooters_are_no_extra_victims(lang: str, text: str) -> None:
    assert tally(text, lang) in (set(), {("killed", 1)})
    assert ("killed", 2) not in tally(text, lang) and ("injured", 1) not in tally(text, lang)
