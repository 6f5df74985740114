"""People counted by their religious or ethnic community ("14 Christians", "14 Christen", "14 христиан") are
people: a count of victims like "14 people". Invented texts."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims.extract import extract_claims


@pytest.mark.parametrize("lang,text", [
    ("en", "Gunmen killed 14 Christians in a village near the river."),
    ("sv", "Beväpnade män dödade 14 kristna i en by nära floden."),
    ("de", "Bewaffnete töteten 14 Christen in einem Dorf am Fluss."),
    ("es", "Hombres armados mataron a 14 cristianos en una aldea junto al río."),
    ("fr", "Des hommes armés ont tué 14 chrétiens dans un village près du fleuve."),
    ("ru", "Боевики убили 14 христиан в деревне у реки."),
    ("ar", "قتل مسلحون 14 مسيحيا في قرية قرب النهر."),
])
def test_a_community_counted_is_people(lang: str, text: str) -> None:
    assert [(c.slot, c.value, c.group) for c in extract_claims(text, lang)] == [("killed", 14, None)]
