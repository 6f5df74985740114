"""A war's running toll beside the displaced millions or its years ("300000 people have been killed and
millions forced to flee", "in six years of war") is background, not a count of the reported attack.
Invented texts."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims.extract import extract_claims


def _killed(text: str, lang: str) -> set[int]:
    return {c.value for c in extract_claims(text, lang) if c.slot == "killed" and c.group is None}


@pytest.mark.parametrize("lang,event,toll,background", [
    ("en", "Air strikes killed 9 people in Valdor.", "More than 300000 people have been killed",
     " and millions forced to flee their homes."),
    ("en", "Air strikes killed 9 people in Valdor.", "Over 160000 people have been killed",
     " in over three years of turmoil in the country."),
    ("de", "Luftangriffe töteten 9 Menschen in Valdor.", "Mehr als 300000 Menschen wurden getötet",
     ", Millionen wurden vertrieben."),
    ("es", "Los bombardeos mataron a 9 personas en Valdor.", "Más de 300000 personas han muerto",
     " en seis años de guerra."),
    ("fr", "Des frappes ont tué 9 personnes à Valdor.", "Plus de 300000 personnes ont été tuées",
     " et des millions ont fui le pays."),
    ("sv", "Flyganfall dödade 9 personer i Valdor.", "Över 300000 människor har dödats",
     " och miljoner har flytt landet."),
    ("ru", "Авиаудары убили 9 человек в Валдоре.", "Более 300000 человек погибли", " за шесть лет войны."),
    ("ar", "قتل 9 أشخاص في غارات على فالدور.", "قتل أكثر من 300000 شخص", " خلال سنوات من الحرب."),
])
def test_war_toll_beside_displaced_or_years_is_background(lang: str, event: str, toll: str,
                                                          background: str) -> None:
    war = int("".join(ch for ch in toll if ch.isdigit()))
    assert _killed(f"{event} {toll}.", lang) == {9, war}  # the toll alone is read
    assert _killed(f"{event} {toll}{background}", lang) == {9}


@pytest.mark.parametrize("text", [
    "At least six people were killed and 31 wounded in 22 separate shooting incidents since Friday.",
    "Three people were killed and at least 12 wounded in shootings across the county over the weekend.",
])
def test_a_tally_of_several_shootings_is_background(text: str) -> None:
    assert extract_claims(text, "en") == []
