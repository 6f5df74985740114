"""Words that describe victims without changing the count: sex adjectives before the noun ("three male
medics"), ages in days, weeks or months ("a 20-day-old girl"), and babies as persons."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims.extract import extract_claims

SEX_ADJECTIVE = {
    "en": "Three male medics were killed when their ambulance was hit.",
    "de": "Drei männliche Sanitäter wurden getötet, als ihr Krankenwagen getroffen wurde.",
    "sv": "Tre manliga läkare dödades när ambulansen träffades.",
}


@pytest.mark.parametrize("lang", sorted(SEX_ADJECTIVE))
def test_sex_adjective_keeps_the_count(lang: str) -> None:
    found = {(c.slot, c.value) for c in extract_claims(SEX_ADJECTIVE[lang], lang) if c.group is None}
    assert ("killed", 3) in found, found


INFANT = {
    "en": "A 20-day-old girl was killed when a shell hit the house.",
    "fr": "Un bébé de 20 jours a été tué lorsqu'un obus a frappé la maison.",
    "es": "Un bebé de 20 días murió cuando un proyectil alcanzó la casa.",
    "de": "Ein drei Monate altes Baby wurde getötet, als eine Granate das Haus traf.",
}


@pytest.mark.parametrize("lang", sorted(INFANT))
def test_infant_with_age_in_days_or_months_is_one_child_killed(lang: str) -> None:
    found = {(c.slot, c.group, c.value) for c in extract_claims(INFANT[lang], lang)}
    assert ("killed", "children", 1) in found, found
    assert ("killed", None, 1) in found, found
    assert not any(value == 20 for _, _, value in found), found


@pytest.mark.parametrize("lang,text,groups", [
    ("en", "The driver was hurt when the lorry overturned near the mill.", {None}),
    ("sv", "Föraren skadades när lastbilen välte vid kvarnen.", {None}),
    ("de", "Eine Radfahrerin wurde verletzt, als der Lastwagen an der Mühle umkippte.", {None, "women"}),
    ("es", "El conductor resultó herido cuando el camión volcó junto al molino.", {None}),
    ("fr", "Une passagère a été blessée quand le camion s'est renversé près du moulin.", {None, "women"}),
    ("ru", "Водитель был ранен, когда грузовик перевернулся у мельницы.", {None}),
])
def test_people_named_by_what_they_were_doing_are_victims_in_every_language(lang: str, text: str, groups: set) -> None:
    claims = [c for c in extract_claims(text, lang) if c.slot == "injured"]
    assert {c.value for c in claims} == {1} and {c.group for c in claims} == groups
