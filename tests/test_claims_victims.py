"""Article-level context of casualty counts: which figures are about THIS event, and which the report
itself replaces (earlier tolls) or places elsewhere (other incidents, war totals). Invented texts."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims import extract_claims


def killed(text: str, lang: str, group: str | None = None) -> set[int]:
    return {c.value for c in extract_claims(text, lang) if c.slot == "killed" and c.group == group and c.about is None}


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "Initially, local media reported that eight people were killed in the strike on Norbury. "
           "Later, the rescue service said 11 people had been killed.", {11}),
    ("en", "The monitor said 31 people were killed in the blast, updating a previous toll of 24 people killed.", {31}),
    ("de", "Zunächst war von acht Toten die Rede. Später meldete der Rettungsdienst 11 Tote.", {11}),
    ("es", "Inicialmente se informó de ocho muertos. Más tarde, los socorristas confirmaron 11 muertos.", {11}),
    ("fr", "Initialement, les médias locaux ont fait état de huit morts. Plus tard, les secours ont annoncé 11 morts.",
     {11}),
])
def test_earlier_count_is_replaced_by_the_update(lang: str, text: str, expected: set[int]) -> None:
    assert killed(text, lang) == expected


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "Initially, local media reported that eight people were killed in the strike.", {8}),
    ("de", "Zunächst war von acht Toten die Rede.", {8}),
    ("es", "Inicialmente se informó de ocho muertos.", {8}),
])
def test_earlier_count_alone_is_still_the_articles_count(lang: str, text: str, expected: set[int]) -> None:
    assert killed(text, lang) == expected


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "An air strike on the market of Norbury killed five people on Monday. "
           "Meanwhile, three people were killed in shelling on a village to the south. "
           "Elsewhere, 12 people were killed in clashes near the border.", {5}),
    ("en", "A bomb killed nine people in Norbury. The ten-year war that has killed more than 200000 people "
           "shows no sign of ending.", {9}),
    ("de", "Ein Luftangriff auf den Markt von Norbury tötete fünf Menschen. "
           "Unterdessen wurden drei Menschen bei Beschuss eines Dorfes getötet.", {5}),
    ("es", "Un ataque aéreo contra el mercado de Norbury mató a cinco personas. "
           "Mientras tanto, tres personas murieron en un bombardeo contra una aldea.", {5}),
    ("fr", "Une frappe aérienne sur le marché de Norbury a tué cinq personnes. "
           "Par ailleurs, trois personnes ont été tuées dans un bombardement sur un village.", {5}),
])
def test_other_incidents_and_war_totals_are_not_the_events_count(lang: str, text: str, expected: set[int]) -> None:
    assert killed(text, lang) == expected
