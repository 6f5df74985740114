"""A year after a month written short ("6 Feb 2015 Syrian air force strikes killed ...") is a date, not a
count of the dead, even when a nationality follows it. Invented texts."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims.extract import extract_claims


@pytest.mark.parametrize("text", [
    "Reuters Friday 6 Feb 2015 Syrian air force strikes killed at least 70 people.",
    "Updated 3 Oct 2016 Syrian government shelling killed at least 70 people.",
])
def test_a_year_after_a_short_month_is_no_count(text: str) -> None:
    assert {c.value for c in extract_claims(text, "en") if c.slot == "killed"} == {70}


def test_a_count_after_a_short_month_day_stays_a_count() -> None:
    assert {c.value for c in extract_claims("Dec 3 attack killed 12 civilians.", "en")
            if c.slot == "killed" and c.group is None} == {12}


@pytest.mark.parametrize("text", [
    "The magazine 972 reported that to kill the commander the army approved the strike.",
    "Channel 14 reported killing of a commander.",
])
def test_the_number_in_a_media_name_is_no_count(text: str) -> None:
    assert {c.value for c in extract_claims(text, "en") if c.slot == "killed"} <= {1}
