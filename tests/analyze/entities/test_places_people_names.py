"""Names that are towns somewhere but name people in the article: a common word after a genitive
preposition ("a friend of Bell"), and the surname of a full name the classifier left untyped ("the shooting
of 20-year-old Tavon Mercer ... a friend of Mercer"). Sentences and names written for these tests."""

from __future__ import annotations

import pytest

from corroborate.analyze import Analyzer
from corroborate.model import Article

ANALYZER = Analyzer(skip=("embed",))


def place_names(text: str, lang: str) -> list[str]:
    return [p.name for p in ANALYZER(Article(id="t", text=text, lang=lang)).places]


GENITIVE = [
    ("en", "A 24-year-old man was shot outside a bar on Friday night, police said.\n\n"
           "Investigators said a cousin of Bell had called them before the shooting.", "Bell"),
    ("es", "La policía dijo que un amigo de Dolores llamó al servicio de emergencias tras el tiroteo.", "Dolores"),
    ("fr", "La police a indiqué qu'un ami de Pau avait appelé les secours après la fusillade.", "Pau"),
]


@pytest.mark.parametrize(("lang", "text", "name"), GENITIVE)
def test_a_common_word_after_a_genitive_preposition_is_no_place(lang: str, text: str, name: str) -> None:
    assert name not in place_names(text, lang)


LOCATIVE = [
    ("en", "A 24-year-old man was shot outside a bar in Bell on Friday night, police said.", "Bell"),
    ("es", "La policía dijo que el tiroteo ocurrió en Dolores el sábado.", "Dolores"),
    ("fr", "La police a indiqué que la fusillade a eu lieu à Pau samedi.", "Pau"),
]


@pytest.mark.parametrize(("lang", "text", "name"), LOCATIVE)
def test_the_same_word_after_a_locative_preposition_is_a_place(lang: str, text: str, name: str) -> None:
    assert name in place_names(text, lang)


SURNAMES = [
    ("en", "Police arrested a fourth suspect in the fatal shooting of 20-year-old Tavon Mercer in June.\n\n"
           "The suspect was a close friend of Mercer and was standing beside him when the shots were fired."),
    ("es", "La policía detuvo a un cuarto sospechoso por la muerte de Tavon Mercer en junio.\n\n"
           "El sospechoso era un amigo de Mercer y estaba a su lado cuando sonaron los disparos."),
]


@pytest.mark.parametrize(("lang", "text"), SURNAMES)
def test_the_surname_of_an_untyped_full_name_is_no_town(lang: str, text: str) -> None:
    analysis = ANALYZER(Article(id="t", text=text, lang=lang))
    assert "Mercer" not in [p.name for p in analysis.places]
    assert [m.kind for m in analysis.mentions if m.text == "Mercer"] == ["person"]


def test_a_full_name_opening_with_a_town_keeps_its_last_word_a_place() -> None:
    # "Urbana Dunmore" is no person's name: its first word is a town, so a lone "Dunmore" stays the town
    text = ("Two people were wounded in a shooting in Dunmore on Saturday.\n\n"
            "The Urbana Dunmore station was closed while officers searched the area.")
    assert "Dunmore" in place_names(text, "en")
