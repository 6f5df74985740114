"""Event type from title and lead, per language (invented headlines)."""

from __future__ import annotations

import pytest

from corroborate.analyze.eventtype import event_type, score_event_types
from corroborate.model import Analysis, Article


@pytest.mark.parametrize(
    ("lang", "title", "lead", "expected"),
    [
        ("en", "Drone strike hits convoy", "Warplanes struck a convoy near the river on Friday.", "airstrike"),
        ("en", "Man charged after downtown shooting", "A gunman opened fire outside a bar.", "shooting"),
        ("sv", "Jordbävning skakar kuststaden", "En kraftig jordbävning drabbade staden i natt.", "disaster"),
        ("de", "Festnahme nach Messerangriff", "Die Polizei hat einen Mann festgenommen.", "arrest"),
        ("es", "Secuestran a dos periodistas", "Hombres armados secuestraron a dos reporteros.", "kidnapping"),
        ("fr", "Des milliers de manifestants dans les rues", "Une manifestation a réuni des milliers de personnes.",
         "protest"),
        ("ru", "Обстрел пригорода", "Артиллерия обстреляла жилые кварталы.", "shelling"),
        ("ar", "انفجار سيارة مفخخة في السوق", "أدى تفجير سيارة مفخخة إلى مقتل عدة أشخاص.", "bombing"),
    ],
)
def test_event_type_per_language(lang: str, title: str, lead: str, expected: str) -> None:
    art = Article(id="x", text=lead, title=title, lang=lang)
    analysis = Analysis(article_id="x", lang=lang)
    event_type(art, analysis)
    assert analysis.event_type == expected
    assert all(v > 0 for v in analysis.event_type_scores.values())


def test_title_counts_double() -> None:
    scores = score_event_types("Court hears case", "A protest was held outside.", "en")
    assert scores["trial"] == 2.0 and scores["protest"] == 1.0


def test_nothing_matches_is_other() -> None:
    art = Article(id="y", text="The committee approved the budget.", title="Budget approved", lang="en")
    analysis = Analysis(article_id="y", lang="en")
    event_type(art, analysis)
    assert analysis.event_type == "other" and analysis.event_type_scores == {}


@pytest.mark.parametrize(("lang", "title", "lead"), [
    ("en", "Explosion at chemical plant near Dunmere kills three workers",
     "An explosion tore through a chemical plant near Dunmere on Tuesday, killing three workers."),
    ("de", "Gasexplosion in Chemiewerk bei Dunmere: drei Tote", ""),
    ("fr", "Explosion dans une usine près de Dunmere : trois ouvriers tués", ""),
    ("es", "Explosión en una fábrica de Dunmere deja tres muertos", ""),
])
def test_an_explosion_at_a_plant_is_an_accident(lang: str, title: str, lead: str) -> None:
    scores = score_event_types(title, lead, lang)
    assert "bombing" not in scores and scores.get("accident")


def test_an_explosion_with_a_weapon_is_still_a_bombing() -> None:
    assert "bombing" in score_event_types("Car bomb explosion kills 12 at a factory gate", "", "en")
    assert max(score_event_types("Explosion in market kills 12", "", "en").items(), key=lambda kv: kv[1])[0] == "bombing"
