"""A headline's count over a text that tells only of its parts (analyze.claims_headline). Invented texts."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims.extract import claims
from corroborate.model import Analysis, Article


def injured_in_text(title: str, text: str, lang: str) -> set[int]:
    article = Article(id="a1", text=text, title=title, lang=lang)
    analysis = Analysis(article_id="a1", lang=lang)
    claims(article, analysis)
    return {c.value for c in analysis.claims if c.slot == "injured" and c.group is None}


@pytest.mark.parametrize("lang,title,text", [
    ("en", "Four hurt at Millbrook river festival", "A man was wounded in the torso. A woman was grazed."),
    ("de", "Vier Verletzte vor Club in Millbrook", "Ein Mann wurde verletzt."),
    ("es", "Cuatro heridos frente a un club en Millbrook", "Un hombre resultó herido."),
    ("fr", "Quatre blessés devant un club à Millbrook", "Un homme a été blessé."),
])
def test_the_texts_single_victims_give_way_to_the_headline_count(lang: str, title: str, text: str) -> None:
    assert injured_in_text(title, text, lang) == set()


@pytest.mark.parametrize("lang,title,text,expected", [
    # the text's own count stands when it is as large as the headline's
    ("en", "Four hurt at river festival", "Four people were wounded at the festival.", {4}),
    # "shot" may include the dead: with a death in the report, no override
    ("en", "Four shot at river festival", "A woman died. A man was wounded in the torso.", {1}),
    # a round-up of several incidents
    ("en", "Seven wounded in separate shootings across the valley", "A man was wounded in the torso.", {1}),
    ("es", "Seis heridos en tiroteos en la ciudad", "Un hombre resultó herido.", {1}),
    ("de", "Sechs Verletzte bei Schießereien in der Stadt", "Ein Mann wurde verletzt.", {1}),
])
def test_the_text_count_stays_when_the_headline_cannot_replace_it(lang: str, title: str, text: str,
                                                                   expected: set) -> None:
    assert injured_in_text(title, text, lang) == expected


@pytest.mark.parametrize("lang,title,text", [
    ("en", "Four shot outside Millbrook jazz club", "He was shot in the upper torso and taken to the hospital."),
    ("de", "Vier Menschen in Millbrook niedergeschossen", "Ein Mann wurde am Bein getroffen."),
    ("fr", "Quatre personnes blessées par balle à Millbrook", "Un homme a été blessé au bras."),
])
def test_a_headlines_shot_count_stands_over_single_victims_when_no_one_died(lang: str, title: str,
                                                                             text: str) -> None:
    assert injured_in_text(title, text, lang) == set()


@pytest.mark.parametrize("lang,title,text", [
    ("en", "Four shot in Millbrook fatal shooting", "Three other victims arrived at the hospital with gunshot wounds."),
    ("de", "Vier Menschen bei tödlicher Schießerei in Millbrook niedergeschossen", "Drei Männer wurden verletzt."),
    ("es", "Cuatro baleados en un tiroteo mortal en Millbrook", "Tres hombres resultaron heridos."),
])
def test_a_headlines_shot_count_may_hold_the_dead_when_it_tells_of_a_death(lang: str, title: str,
                                                                            text: str) -> None:
    assert injured_in_text(title, text, lang) == {3}
