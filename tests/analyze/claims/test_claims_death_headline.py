"""A headline naming a killing ("Teen charged in fatal shooting") with no count tells that at least one
person died; an attempt does not, nor does a headline beside an article that counts its dead. The
implied count stands only in a fact no report gives a figure for. Invented headlines and texts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from corroborate.analyze.claims.death_headline import death_in_headline
from corroborate.model import Analysis, Article, Claim
from corroborate.reconcile.facts import build_facts


def _implied(title: str, lang: str, body: list[Claim] | None = None) -> list[tuple[str, int, str]]:
    return [(c.slot, c.value, c.approx) for c in death_in_headline(title, [], body or [], lang) if c.implied]


@pytest.mark.parametrize("lang,title", [
    ("en", "Teen charged in fatal shooting on Orchard Lane"),
    ("en", "Man held over the murder of his neighbour"),
    ("sv", "Man häktad för mordet i Bergsby"),
    ("de", "Festnahme nach Mord in Talheim"),
    ("es", "Detenido un joven por el asesinato de su vecino"),
    ("fr", "Un homme mis en examen pour le meurtre de sa voisine"),
    ("ru", "Задержан подозреваемый в убийстве соседа"),
    ("ar", "اعتقال مشتبه به في اغتيال موظف"),
])
def test_a_headline_naming_a_killing_gives_at_least_one_dead(lang: str, title: str) -> None:
    assert _implied(title, lang) == [("killed", 1, "at_least")]


@pytest.mark.parametrize("lang,title", [
    ("en", "Man charged with attempted murder after brawl"),
    ("en", "Police investigate non-fatal shooting near the mall"),
    ("en", "Two fatal shootings in one night"),  # several events: no single death
    ("fr", "Un homme jugé pour tentative de meurtre"),
    ("es", "Detenido por intento de asesinato en el puerto"),
    ("de", "Anklage wegen versuchten Mordes in Talheim"),
    ("ru", "Задержан подозреваемый в покушении на убийство"),
    ("sv", "Man åtalad för försök till mord"),
    ("ar", "إحباط محاولة اغتيال مسؤول"),
])
def test_an_attempt_or_a_plural_gives_no_death(lang: str, title: str) -> None:
    assert _implied(title, lang) == []


def test_an_article_that_counts_its_dead_needs_no_implied_count() -> None:
    body = [Claim(slot="killed", value=2, quote="Two people died.", start=0, end=16)]
    assert _implied("Two held over fatal shooting", "en", body) == []


def _item(aid: str, title_claims: list[Claim], claims: list[Claim]) -> tuple[Article, Analysis]:
    article = Article(id=aid, text="x", title="t", outlet=f"{aid}.example", lang="en",
                      published=datetime(2031, 5, 2, 9, tzinfo=UTC))
    return article, Analysis(article_id=aid, lang="en", claims=claims, title_claims=title_claims)


def _killed(facts) -> tuple[int | None, list[int]]:
    fact = next(f for f in facts if f.slot == "killed" and not f.qualifier)
    return fact.consensus.value, sorted(c.value for c in fact.claims)


def test_the_implied_count_stands_alone_and_yields_to_any_figure() -> None:
    implied = death_in_headline("Teen charged in fatal shooting", [], [], "en")
    assert _killed(build_facts([_item("a", implied, [])])) == (1, [1])
    # another report's figures decide; the implied count would only add support to its own low value
    three = Claim(slot="killed", value=3, quote="Three people died.", start=0, end=18)
    one = Claim(slot="killed", value=1, quote="One man died last week.", start=40, end=63, attributed_to="police")
    facts = build_facts([_item("a", implied, []), _item("b", [], [three]), _item("c", [], [one])])
    fact = next(f for f in facts if f.slot == "killed" and not f.qualifier)
    assert {c.article for c in fact.claims} == {"b", "c"}

