"""'at least' written after the counted noun ("15 civilians, at least, were killed") is a lower bound;
the next count's own bound ("..., at least three of them children") is not."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims.extract import extract_claims

TRAILING = {
    "en": "Fourteen villagers, at least, were killed in the shelling on Tuesday.",
    "de": "Vierzehn Zivilisten, mindestens, wurden bei dem Beschuss getötet.",
    "ru": "При обстреле погибли 14 мирных жителей как минимум.",
    "ar": "قتل 14 شخصا على الأقل في القصف على القرية.",
    "es": "Murieron 14 personas al menos en el bombardeo de la aldea.",
}


def _killed(text: str, lang: str) -> list[tuple[int, str, int | None]]:
    return [(c.value, c.approx, c.value_max) for c in extract_claims(text, lang)
            if c.slot == "killed" and c.group in (None, "civilians")]


@pytest.mark.parametrize("lang", sorted(TRAILING))
def test_trailing_at_least_is_a_lower_bound(lang: str) -> None:
    found = _killed(TRAILING[lang], lang)
    assert (14, "at_least", None) in found, found
    assert not any(approx == "exact" for _, approx, _ in found), found


NEXT_COUNT = {
    "en": "Fourteen people were killed, at least three of them children.",
    "de": "Vierzehn Menschen wurden getötet, mindestens drei von ihnen Kinder.",
    "es": "Murieron catorce personas, al menos tres de ellas niños.",
}


@pytest.mark.parametrize("lang", sorted(NEXT_COUNT))
def test_at_least_of_the_next_count_stays_there(lang: str) -> None:
    found = _killed(NEXT_COUNT[lang], lang)
    assert (14, "exact", 14) in found, found
