"""Members of security or armed forces named in the of-phrase take the forces' group ("14 members of the
security forces" are police, "23 members of the allied forces" soldiers), in every language; members of a
family stay people. Invented texts."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims.extract import extract_claims


def groups(text: str, lang: str) -> set[str | None]:
    return {c.group for c in extract_claims(text, lang) if c.slot == "killed"}


@pytest.mark.parametrize("lang,text", [
    ("en", "Fourteen members of the security forces were killed near the dam."),
    ("sv", "Fjorton medlemmar av säkerhetsstyrkorna dödades vid dammen."),
    ("de", "Vierzehn Mitglieder der Sicherheitskräfte wurden am Damm getötet."),
    ("es", "Catorce miembros de las fuerzas de seguridad murieron cerca de la presa."),
    ("fr", "Quatorze membres des forces de sécurité ont été tués près du barrage."),
    ("ru", "Четырнадцать членов сил безопасности погибли у плотины."),
    ("ar", "قتل أربعة عشر عنصرا من قوات الأمن قرب السد."),
])
def test_members_of_the_security_forces_are_police(lang: str, text: str) -> None:
    assert "police" in groups(text, lang)


def test_members_of_armed_forces_are_soldiers_and_no_count_of_people() -> None:
    claims = extract_claims("At least 23 members of the allied forces were killed in the ambush.", "en")
    assert {(c.group, c.value) for c in claims} == {("soldiers", 23)}


def test_members_of_a_family_stay_people() -> None:
    assert groups("Five members of one family were killed when the roof fell.", "en") == {None}
