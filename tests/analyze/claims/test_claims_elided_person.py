"""One more victim with the noun left out ("and another was injured", "en annan skadades", "otro resultó
herido"): a singular victim beside the dead; "other injuries" stays a noun. Invented texts."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims.extract import extract_claims


def totals(text: str, lang: str) -> set[tuple[str, int]]:
    return {(c.slot, c.value) for c in extract_claims(text, lang) if c.group is None and c.about is None}


@pytest.mark.parametrize("lang,text", [
    ("en", "Two hikers were killed by the rockfall and another was injured."),
    ("en", "Two hikers were killed by the rockfall, another injured."),
    ("sv", "Två vandrare dödades av stenraset och en annan skadades."),
    ("de", "Zwei Wanderer wurden von dem Steinschlag getötet, ein weiterer wurde verletzt."),
    ("es", "Dos excursionistas murieron por el desprendimiento y otro resultó herido."),
    ("fr", "Deux randonneurs ont été tués par l'éboulement et un autre a été blessé."),
])
def test_another_with_its_noun_left_out_is_one_more_victim(lang: str, text: str) -> None:
    assert totals(text, lang) == {("killed", 2), ("injured", 1)}


@pytest.mark.parametrize("text", [
    "The quarry crew had other injuries to report.",
    "Another was arrested near the river.",
])
def test_no_victim_without_a_harm_verb(text: str) -> None:
    assert totals(text, "en") == set()
