"""A count that opens a clause of its own, with its own verb and no cue ("..., and four others were driven
to a clinic"), takes no cue from the clause before it. Invented texts."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims.extract import extract_claims


@pytest.mark.parametrize("lang,text", [
    ("en", "One man died on the spot, and two others were driven to a clinic in the valley."),
    ("de", "Ein Wanderer starb am Unfallort, und zwei andere wurden in eine Klinik im Tal gebracht."),
    ("es", "Un excursionista murió en el lugar, y otros dos fueron llevados a una clínica del valle."),
    ("fr", "Un randonneur est mort sur place, et deux autres ont été conduits dans une clinique de la vallée."),
    ("ru", "Один турист погиб на месте, а двое других были доставлены в клинику в долине."),
])
def test_the_count_of_the_next_clause_is_no_toll(lang: str, text: str) -> None:
    assert not any(c.slot == "killed" and c.value == 2 for c in extract_claims(text, lang))


def test_a_cue_of_its_own_still_counts() -> None:
    claims = extract_claims("One man died on the spot, and four other riders suffered injuries.", "en")
    assert {(c.slot, c.value) for c in claims} == {("killed", 1), ("injured", 4)}
