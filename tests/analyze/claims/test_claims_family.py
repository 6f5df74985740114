"""A count after a parent noun ("a father of five", "une mère de trois enfants", "отец пятерых детей") is the
size of a family, not a number of victims: the parent is the one victim. Invented texts."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims.extract import extract_claims


@pytest.mark.parametrize("lang,text", [
    ("en", "A father of five was killed in the shooting on Mill Street."),
    ("en", "A mother of three children was shot dead on Friday night."),
    ("fr", "Une mère de trois enfants a été tuée dans la fusillade."),
    ("es", "Un padre de cuatro hijos murió en el tiroteo del sábado."),
    ("de", "Ein Vater von drei Kindern wurde bei dem Unfall getötet."),
    ("sv", "En pappa till fyra barn dödades i skottlossningen."),
    ("ru", "Отец пятерых детей погиб при обстреле."),
])
def test_a_parent_of_several_is_one_victim(lang: str, text: str) -> None:
    totals = {c.value for c in extract_claims(text, lang) if c.slot == "killed" and c.group is None}
    assert totals == {1}


def test_a_violent_weekend_is_a_tally() -> None:
    assert extract_claims("Four people were killed during a violent weekend across the county.", "en") == []


@pytest.mark.parametrize("lang,text", [
    ("en", "A man was killed along with his wife in the strike on the farm."),
    ("es", "Un hombre murió junto con su esposa en el ataque."),
    ("fr", "Un homme a été tué avec sa femme dans la frappe."),
    ("de", "Ein Mann wurde zusammen mit seiner Frau getötet."),
    ("sv", "En man dödades tillsammans med sin fru i attacken."),
])
def test_a_victim_killed_with_a_companion_is_one_of_two(lang: str, text: str) -> None:
    got = {(c.value, c.group) for c in extract_claims(text, lang) if c.slot == "killed"}
    assert (2, None) in got and (1, "women") in got


@pytest.mark.parametrize("text,total", [
    ("A woman was killed together with her husband and her daughter.", 3),
    ("She was killed along with her five sons.", 6),  # the count path adds her to the count
    ("A boy who shot himself with his grandfather's gun has died.", 1),  # an owner, no companion
])
def test_companions_add_up_once(text: str, total: int) -> None:
    assert {c.value for c in extract_claims(text, "en") if c.slot == "killed" and c.group is None} == {total}
