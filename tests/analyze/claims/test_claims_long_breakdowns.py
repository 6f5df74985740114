"""A breakdown between the count and its verb that runs over several comma-separated items ("19
civilians, including nine children, among them two infants, four siblings and a mother, were killed")
still leaves the count to the verb; a list that goes on with "and injuring ..." does not take that verb."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims.extract import extract_claims

LONG = {
    "en": "At least 19 villagers, including nine children, among them two infants, four siblings, and a "
          "mother with her four sons, were killed in the strike on Monday.",
    "de": "Mindestens 19 Zivilisten, darunter neun Kinder, unter ihnen zwei Säuglinge, vier Geschwister, und "
          "eine Mutter mit ihren vier Söhnen, wurden bei dem Angriff getötet.",
    "es": "Al menos 19 civiles, entre ellos nueve niños, dos bebés, cuatro hermanos, y una madre con sus "
          "cuatro hijos, murieron en el ataque del lunes.",
}


@pytest.mark.parametrize("lang", sorted(LONG))
def test_count_before_a_long_breakdown_takes_the_verb(lang: str) -> None:
    found = {(c.slot, c.value) for c in extract_claims(LONG[lang], lang) if c.group in (None, "civilians")}
    assert ("killed", 19) in found, found


GOES_ON = {
    "en": "The shell hit the market, killing at least 16 villagers, including four women, eight children, "
          "and a baby, and injuring 30 others.",
    "de": "Die Granate traf den Markt und tötete mindestens 16 Zivilisten, darunter vier Frauen, acht Kinder, "
          "und verletzte 30 weitere.",
    "es": "El proyectil alcanzó el mercado, matando al menos a 16 civiles, entre ellos cuatro mujeres, "
          "ocho niños, y un bebé, e hiriendo a otras 30 personas.",
}


@pytest.mark.parametrize("lang", sorted(GOES_ON))
def test_list_going_on_with_a_conjunction_keeps_the_left_verb(lang: str) -> None:
    found = {(c.slot, c.value) for c in extract_claims(GOES_ON[lang], lang) if c.group in (None, "civilians")}
    assert ("killed", 16) in found, found
    assert ("injured", 16) not in found, found
