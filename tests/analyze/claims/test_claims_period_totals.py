"""A count over a stretch of weeks, months or years ("in the last nine months", "in den letzten neun
Monaten") is a running total, no count of the event reported (claims.background.period); a day's tally
("over the past 36 hours") still counts. Invented texts."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims.extract import extract_claims


@pytest.mark.parametrize("lang,text", [
    ("en", "In the last nine months 31 people were killed on that road."),
    ("sv", "Under de senaste nio månaderna har 31 personer dödats på vägen."),
    ("de", "In den letzten neun Monaten wurden 31 Menschen auf der Straße getötet."),
    ("es", "En los últimos nueve meses murieron 31 personas en esa carretera."),
    ("fr", "Au cours des derniers mois, 31 personnes ont été tuées sur cette route."),
    ("ru", "За последние девять месяцев на этой дороге погиб 31 человек."),
    ("ar", "قتل 31 شخصا على هذا الطريق خلال الأشهر الماضية."),
])
def test_a_total_over_months_is_background(lang: str, text: str) -> None:
    assert extract_claims(text, lang) == []


def test_a_day_s_tally_still_counts() -> None:
    claims = extract_claims("Shelling killed 29 residents over the past 36 hours, the monitor said.", "en")
    assert [(c.slot, c.value) for c in claims] == [("killed", 29)]
