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


RUNS_INTO_THE_VERB = {
    "en": "On Friday, 17 members of the Doran family, including six women, the eldest of whom was a midwife, and "
          "five boys and four men were killed as the roof fell.",
    "es": "El viernes, 17 miembros de la familia Doran, entre ellos seis mujeres, dos de las cuales estaban "
          "embarazadas, y cinco niños y cuatro hombres murieron cuando cayó el techo.",
    "fr": "Vendredi, 17 membres de la famille Doran, dont six femmes, deux d'entre elles enceintes, et cinq enfants "
          "et quatre hommes ont été tués quand le toit s'est effondré.",
    "de": "Am Freitag wurden 17 Mitglieder der Familie Doran, darunter sechs Frauen, zwei davon schwanger, und fünf "
          "Kinder und vier Männer getötet, als das Dach einstürzte.",
    "sv": "I fredags dödades 17 medlemmar av familjen Doran, bland dem sex kvinnor, två av dem gravida, och fem barn "
          "och fyra män, när taket rasade.",
}


@pytest.mark.parametrize("lang", sorted(RUNS_INTO_THE_VERB))
def test_a_breakdown_whose_last_parts_run_into_the_verb(lang: str) -> None:
    """The parts after ", and" are more of the breakdown, not a toll of their own (five boys and four men are no
    nine dead beside the seventeen)."""
    found = {(c.value, c.group) for c in extract_claims(RUNS_INTO_THE_VERB[lang], lang) if c.slot == "killed"}
    assert found == {(17, None), (6, "women"), (5, "children")}
