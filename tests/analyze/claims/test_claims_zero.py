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


@pytest.mark.parametrize("lang,text", [
    ("en", "A man was hurt in the crash, but neither his wife nor his son was injured."),
    ("sv", "En man skadades i olyckan, men varken hans fru eller hans son skadades."),
    ("de", "Ein Mann wurde bei dem Unfall verletzt, aber weder seine Frau noch sein Sohn wurde verletzt."),
    ("es", "Un hombre resultó herido en el choque, pero ni su esposa ni su hijo resultaron heridos."),
    ("fr", "Un homme a été blessé dans l'accident, mais ni sa femme ni son fils n'ont été blessés."),
    ("ru", "Мужчина был ранен в аварии, но ни его жена, ни его сын не пострадали."),
    ("ar", "أصيب رجل في الحادث، لكن لم تصب زوجته ولا ابنه."),
])
def test_the_people_after_neither_were_spared(lang: str, text: str) -> None:
    assert [c.value for c in extract_claims(text, lang) if c.slot == "injured" and c.group is None] == [1]


def test_neither_alone_states_no_victim() -> None:
    assert extract_claims("Neither the driver nor the other passenger was hurt in the collision.", "en") == []
