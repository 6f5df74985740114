"""A report's own headline figure is its claim: within one report it decides between readings of the
toll that agree with it ("at least 14" in the headline, a cited 15 in the text: 14)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from corroborate.analyze.claims.extract import extract_claims
from corroborate.analyze.claims.headline import headline_sentences
from corroborate.model import Analysis, Article
from corroborate.reconcile.facts import build_facts


def _item(aid: str, title: str, text: str, lang: str) -> tuple[Article, Analysis]:
    article = Article(id=aid, text=text, title=title, outlet=f"{aid}.example", lang=lang,
                      published=datetime(2024, 5, 2, 9, tzinfo=UTC))
    analysis = Analysis(article_id=aid, lang=lang, claims=extract_claims(text, lang),
                        title_claims=extract_claims(title, lang, headline_sentences(title)))
    return article, analysis


def _killed(items: list[tuple[Article, Analysis]]) -> int | None:
    fact = next(f for f in build_facts(items) if f.slot == "killed" and not f.qualifier)
    return fact.consensus.value


@pytest.mark.parametrize(("lang", "title", "text"), [
    ("en", "Air strikes kill at least 14 in a northern village",
     "Air strikes on the village of Velmora killed at least 14 people, a monitoring group said. The rescue "
     "service said that 15 people were killed in the two raids."),
    ("de", "Luftangriffe töten mindestens 14 Menschen in einem Dorf",
     "Bei Luftangriffen auf das Dorf Velmora wurden mindestens 14 Menschen getötet, teilte eine "
     "Beobachtungsstelle mit. Der Rettungsdienst sagte, 15 Menschen seien getötet worden."),
    ("es", "Ataques aéreos matan al menos a 14 personas en una aldea",
     "Al menos 14 personas murieron en los ataques aéreos contra la aldea de Velmora, según un observatorio. "
     "El servicio de rescate dijo que 15 personas murieron en los dos ataques."),
    ("fr", "Des frappes aériennes tuent au moins 14 personnes dans un village",
     "Au moins 14 personnes ont été tuées dans les frappes sur le village de Velmora, selon un observatoire. "
     "Les secouristes ont indiqué que 15 personnes ont été tuées."),
])
def test_the_headline_figure_decides_between_compatible_readings(lang: str, title: str, text: str) -> None:
    assert _killed([_item("a", title, text, lang)]) == 14


@pytest.mark.parametrize(("lang", "title", "text"), [
    ("en", "Strikes kill at least 14 in a northern village",
     "At least 14 people were killed in the strikes on Velmora. The rescue service said 15 people were killed."),
    ("de", "Angriffe töten mindestens 14 Menschen in einem Dorf",
     "Mindestens 14 Menschen wurden bei den Angriffen auf Velmora getötet. Der Rettungsdienst sagte, 15 "
     "Menschen seien getötet worden."),
])
def test_several_reports_keep_the_consensus_of_sources(lang: str, title: str, text: str) -> None:
    other = ("en", "", "The rescue service said 15 people were killed in the strikes on Velmora.")
    items = [_item("a", title, text, lang), _item("b", other[1], other[2], other[0])]
    assert _killed(items) == 15


@pytest.mark.parametrize(("lang", "title", "text"), [
    ("en", "Strike kills 14 in a northern village",
     "A strike on Velmora killed 14 people. Last month 40 people were killed in a raid on Dorhaven."),
    ("es", "Un ataque mata a 14 personas en una aldea",
     "Un ataque contra Velmora mató a 14 personas. El mes pasado 40 personas murieron en Dorhaven."),
])
def test_an_incompatible_figure_is_not_replaced_by_the_headline(lang: str, title: str, text: str) -> None:
    # the headline already agrees with the consensus; the other toll is not a reading of the same one
    assert _killed([_item("a", title, text, lang)]) == 14
