"""Home towns and hospital towns weigh less when an article's places are ranked (places_mentions).
Sentences written for these tests; the town names are invented."""

from __future__ import annotations

import pytest

from corroborate.analyze.places.mentions import CARE_WEIGHT, RESIDENCE_WEIGHT, mention_weight
from corroborate.analyze.places.rank import rank_places
from corroborate.model import Place


def town(text: str, name: str, nth: int = 0) -> Place:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Place(name=name, text=name, start=start, end=start + len(name), key=name.lower(), country="US",
                 lat=40.0, lon=-80.0, precision="town")


CARE = [
    ("en", "The boy was flown to a hospital in Brantwick, where he died.", "Brantwick"),
    ("en", "She was taken to Brantwick Regional Medical Center in stable condition.", "Brantwick"),
    ("es", "El herido fue trasladado al hospital de Brantwick en estado grave.", "Brantwick"),
    ("de", "Der Verletzte wurde in ein Krankenhaus in Brantwick gebracht.", "Brantwick"),
    ("sv", "Mannen fördes till sjukhuset i Brantwick med svåra skador.", "Brantwick"),
]


@pytest.mark.parametrize(("lang", "text", "name"), CARE)
def test_a_hospitals_town_weighs_less(lang: str, text: str, name: str) -> None:
    assert mention_weight(text, town(text, name), lang) == CARE_WEIGHT


RESIDENCE = [
    ("en", "Police said the victim, Joe Marlow, 34, of Brantwick, died at the scene.", "Brantwick"),
    ("en", "A Brantwick man was arrested on Friday.", "Brantwick"),
    ("es", "La víctima, Ana Ruiz, de Brantwick, murió en el lugar.", "Brantwick"),
    ("fr", "La victime, Paul Morin, 34 ans, originaire de Brantwick, est morte sur place.", "Brantwick"),
    ("de", "Das Opfer, ein Mann aus Brantwick, starb am Tatort.", "Brantwick"),
]


@pytest.mark.parametrize(("lang", "text", "name"), RESIDENCE)
def test_a_home_town_weighs_less(lang: str, text: str, name: str) -> None:
    assert mention_weight(text, town(text, name), lang) == RESIDENCE_WEIGHT


PLAIN = [
    ("en", "Two men were shot in Brantwick on Friday night.", "Brantwick"),
    ("es", "Dos hombres murieron en Brantwick el viernes.", "Brantwick"),
    ("de", "In Brantwick wurden am Freitag zwei Männer verletzt.", "Brantwick"),
]


@pytest.mark.parametrize(("lang", "text", "name"), PLAIN)
def test_where_it_happened_counts_fully(lang: str, text: str, name: str) -> None:
    assert mention_weight(text, town(text, name), lang) == 1.0


def test_the_event_town_outranks_the_home_and_hospital_towns() -> None:
    text = (
        "Two men were shot outside a bar in Corlewood on Friday night. The victims, Joe Marlow, 34, of "
        "Brantwick, and Sam Ketter, 29, of Brantwick, were taken to a hospital in Ostervale, where Ketter died. "
        "Doctors in Ostervale said Marlow was stable."
    )
    ranked = rank_places(
        [town(text, "Corlewood"), town(text, "Brantwick"), town(text, "Brantwick", 1),
         town(text, "Ostervale"), town(text, "Ostervale", 1)],
        text, "en",
    )
    assert ranked[0].name == "Corlewood"
    # without the text, mentions are only counted: the home town named twice comes first
    assert rank_places([town(text, "Corlewood"), town(text, "Brantwick"), town(text, "Brantwick", 1)])[0].name \
        == "Brantwick"
