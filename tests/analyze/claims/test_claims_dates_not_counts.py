"""A year after a month written short ("9 Mar 2017 Iraqi army shelling killed ...") is a date, not a
count of the dead, even when a nationality follows it. Invented texts."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims.extract import extract_claims


@pytest.mark.parametrize("text", [
    "Wire report Thursday 9 Mar 2017 Iraqi army shelling killed at least 40 people.",
    "Updated 3 Oct 2019 Turkish drone strikes killed at least 40 people.",
])
def test_a_year_after_a_short_month_is_no_count(text: str) -> None:
    assert {c.value for c in extract_claims(text, "en") if c.slot == "killed"} == {40}


def test_a_count_after_a_short_month_day_stays_a_count() -> None:
    assert {c.value for c in extract_claims("Dec 3 attack killed 12 civilians.", "en")
            if c.slot == "killed" and c.group is None} == {12}


@pytest.mark.parametrize("text", [
    "The magazine 451 wrote that to kill the commander the army approved the strike.",
    "Channel 14 reported killing of a commander.",
])
def test_the_number_in_a_media_name_is_no_count(text: str) -> None:
    assert {c.value for c in extract_claims(text, "en") if c.slot == "killed"} <= {1}
