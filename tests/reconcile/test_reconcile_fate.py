"""Story-level rule: people shot with no stated fate in one report may be another report's dead."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from corroborate.analyze.claims.extract import extract_claims
from corroborate.model import Analysis, Article, Claim
from corroborate.reconcile.facts import build_facts
from corroborate.render import _claims_text


def _item(aid: str, claims: list[Claim], lang: str = "en") -> tuple[Article, Analysis]:
    article = Article(id=aid, text="x", title=None, outlet=f"{aid}.example", lang=lang,
                      published=datetime(2024, 5, 2, 9, tzinfo=UTC))
    return article, Analysis(article_id=aid, lang=lang, claims=claims)


def _claim(slot: str, value: int, fate_unknown: bool = False, start: int = 0) -> Claim:
    return Claim(slot=slot, value=value, quote=f"{value} {slot}", start=start, end=start + 1,
                 fate_unknown=fate_unknown)


def _value(facts, slot: str) -> int | None:
    fact = next((f for f in facts if f.slot == slot and not f.qualifier), None)
    return fact.consensus.value if fact else None


def test_a_victim_shot_in_one_report_who_died_in_another_is_not_injured() -> None:
    facts = build_facts([_item("a", [_claim("injured", 1, fate_unknown=True)]),
                         _item("b", [_claim("killed", 1)])])
    assert _value(facts, "killed") == 1
    assert _value(facts, "injured") is None


def test_those_shot_minus_the_story_dead_are_the_injured() -> None:
    facts = build_facts([_item("a", [_claim("injured", 3, fate_unknown=True)]),
                         _item("b", [_claim("killed", 1)]),
                         _item("c", [_claim("killed", 1)])])
    injured = next(f for f in facts if f.slot == "injured")
    assert injured.consensus.value == 2
    assert [c.value for c in injured.claims] == [2]
    assert injured.claims[0].quote == "3 injured"  # the quote is still what the article said
    assert injured.claims[0].shot_stated == 3  # and the stated count is kept beside the reading
    assert "(of 3 shot)" in str(_claims_text(injured))


def test_an_injured_count_with_a_known_fate_keeps_every_claim_as_stated() -> None:
    facts = build_facts([_item("a", [_claim("injured", 3, fate_unknown=True)]),
                         _item("b", [_claim("killed", 1), _claim("injured", 2)])])
    injured = next(f for f in facts if f.slot == "injured")
    assert sorted(c.value for c in injured.claims) == [2, 3]


def test_without_deaths_those_shot_are_the_injured() -> None:
    facts = build_facts([_item("a", [_claim("injured", 2, fate_unknown=True)]),
                         _item("b", [_claim("injured", 2, fate_unknown=True)])])
    assert _value(facts, "injured") == 2


def test_an_article_that_gives_the_fate_of_those_shot_is_not_fate_unknown() -> None:
    got = extract_claims("Three people were shot, one fatally, near the harbour on Friday.", "en")
    injured = [c for c in got if c.slot == "injured"]
    assert [c.value for c in injured] == [2] and not injured[0].fate_unknown
    alone = extract_claims("Three people were shot near the harbour late on Friday, the police said.", "en")
    assert [(c.slot, c.value, c.fate_unknown) for c in alone] == [("injured", 3, True)]


@pytest.mark.parametrize(("lang", "shot", "died"), [
    ("en", "Three people were shot near the harbour late on Friday, the police said.",
     "One man died in hospital on Saturday, police said."),
    ("sv", "Tre personer sköts i Lindås på fredagskvällen, enligt polisen.",
     "En man dog på sjukhuset, uppger polisen."),
    ("de", "Drei Menschen wurden am Freitagabend in Kleinfeld niedergeschossen, teilte die Polizei mit.",
     "Ein Mann starb im Krankenhaus, teilte die Polizei mit."),
    ("es", "Tres personas fueron baleadas el viernes por la noche en Villalta, informó la policía.",
     "Un hombre murió en el hospital, informó la policía."),
])
def test_story_of_people_shot_and_one_later_dead(lang: str, shot: str, died: str) -> None:
    items = [_item("a", extract_claims(shot, lang), lang), _item("b", extract_claims(died, lang), lang)]
    facts = build_facts(items)
    assert _value(facts, "killed") == 1
    assert _value(facts, "injured") == 2


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Four men were wounded in a shooting at a car park in Eastholm on Friday. A 40-year-old man was "
           "shot in the arm, police said. A 31-year-old man was shot in the leg, police said."),
    ("sv", "Fyra män skadades i en skjutning i Östholm på fredagen. En 40-årig man sköts i armen, uppger "
           "polisen. En 31-årig man sköts i benet, uppger polisen."),
    ("es", "Cuatro hombres resultaron heridos en un tiroteo en Villalta el viernes. Un hombre de 40 años fue "
           "baleado en el brazo, informó la policía. Un hombre de 31 años fue baleado en la pierna, informó la policía."),
])
def test_a_report_figure_is_the_one_it_leads_with_not_a_repeated_single_victim(lang: str, text: str) -> None:
    facts = build_facts([_item("a", extract_claims(text, lang), lang)])
    assert _value(facts, "injured") == 4


def test_leading_figures_outweigh_repeated_later_ones_between_equal_sources() -> None:
    lead, later = [_claim("injured", 5, start=0)], [_claim("injured", 2, start=k) for k in (50, 90, 130)]
    facts = build_facts([_item("a", lead + later), _item("b", [_claim("injured", 5, start=0), later[0]])])
    assert _value(facts, "injured") == 5


def test_more_dead_than_shot_leaves_those_shot_as_they_were() -> None:
    # the dead are not (all) among those shot: a monthly tally, another attack's dead
    facts = build_facts([_item("a", [_claim("injured", 4, fate_unknown=True), _claim("killed", 30, start=9)])])
    assert _value(facts, "injured") == 4


@pytest.mark.parametrize("lang,text,want", [
    ("en", "Five people were shot, two of them fatally, near the depot on Sunday.", {("injured", 3), ("killed", 2)}),
    ("en", "Six men were shot, one of them fatally, outside the club.", {("injured", 5), ("killed", 1)}),
])
def test_a_part_of_those_shot_with_its_own_fate_counts_that_fate(lang: str, text: str, want: set) -> None:
    assert {(c.slot, c.value) for c in extract_claims(text, lang) if c.group is None} == want


@pytest.mark.parametrize("lang,text", [
    ("es", "Diez personas resultaron heridas, dos de ellas murieron en el hospital."),
    ("de", "Zehn Menschen wurden verletzt, zwei von ihnen starben im Krankenhaus."),
    ("ru", "Десять человек были ранены, двое из них скончались в больнице."),
])
def test_a_part_of_the_injured_who_died_is_a_count_of_the_dead(lang: str, text: str) -> None:
    assert ("killed", 2) in {(c.slot, c.value) for c in extract_claims(text, lang) if c.group is None}


@pytest.mark.parametrize("lang,text", [
    ("en", "One man died at the scene. Three other victims arrived at the hospital with gunshot wounds."),
    ("en", "A man was killed and two others were shot near the ferry landing."),
    ("fr", "Un homme est mort sur place. Trois autres personnes ont été blessées par balles."),
])
def test_others_shot_are_beside_the_dead_not_among_them(lang: str, text: str) -> None:
    got = {(c.slot, c.value) for c in extract_claims(text, lang) if c.group is None}
    injured = [v for s, v in got if s == "injured"]
    assert ("killed", 1) in got and injured and max(injured) >= 2
