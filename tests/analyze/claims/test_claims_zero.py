"""Zero counts restricted to a group ("no casualties among the soldiers") in several languages."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims.extract import extract_claims

CASES = {
    "en": "There were no casualties among the soldiers, the ministry said.",
    "de": "Ein Sprecher sagte, unter den Soldaten habe es keine Opfer gegeben.",
}


@pytest.mark.parametrize("lang", sorted(CASES))
def test_zero_among_group(lang: str) -> None:
    found = {(c.slot, c.group, c.value) for c in extract_claims(CASES[lang], lang)}
    assert ("killed", "soldiers", 0) in found, found
    assert not any(group is None for _, group, _ in found), found
