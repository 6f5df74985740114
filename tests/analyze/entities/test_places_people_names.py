"""Names that are towns somewhere but name people in the article: a common word after a genitive
preposition ("a friend of Bell"), and the surname of a full name the classifier left untyped ("the shooting
of 20-year-old Delvon Kimball ... a cousin of Kimball"). Sentences and names written for these tests."""

from __future__ import annotations

import pytest

from corroborate.analyze import Analyzer
from corroborate.model import Article

ANALYZER = Analyzer(skip=("embed",))


def place_names(text: str, lang: str) -> list[str]:
    return [p.name for p in ANALYZER(Article(id="t", text=text, lang=lang)).places]


GENITIVE = [
    ("en", "A delivery driver was hurt in a robbery on Friday night, officers said.\n\n"
           "Investigators said a cousin of Bell had called them before the robbery.", "Bell"),
    ("es", "La policía dijo que un amigo de Dolores llamó al servicio de emergencias tras el tiroteo.", "Dolores"),
    ("fr", "La police a indiqué qu'un ami de Pau avait appelé les secours après la fusillade.", "Pau"),
]


@pytest.mark.parametrize(("lang", "text", "name"), GENITIVE)
def test_a_common_word_after_a_genitive_preposition_is_no_place(lang: str, text: str, name: str) -> None:
    assert name not in place_names(text, lang)


LOCATIVE = [
    ("en", "A delivery driver was hurt in a robbery in Bell on Friday night, officers said.", "Bell"),
    ("es", "La policía dijo que el tiroteo ocurrió en Dolores el sábado.", "Dolores"),
    ("fr", "La police a indiqué que la fusillade a eu lieu à Pau samedi.", "Pau"),
]


@pytest.mark.parametrize(("lang", "text", "name"), LOCATIVE)
def test_the_same_word_after_a_locative_preposition_is_a_place(lang: str, text: str, name: str) -> None:
    assert name in place_names(text, lang)


SURNAMES = [
    ("en", "Officers detained a third man over the death of 20-year-old Delvon Kimball in June.\n\n"
           "The man, a cousin of Kimball, had argued with him that evening."),
    ("es", "La policía detuvo a un tercer hombre por la muerte de Delvon Kimball en junio.\n\n"
           "El detenido, un primo de Kimball, había discutido con él esa noche."),
]


@pytest.mark.parametrize(("lang", "text"), SURNAMES)
def test_the_surname_of_an_untyped_full_name_is_no_town(lang: str, text: str) -> None:
    analysis = ANALYZER(Article(id="t", text=text, lang=lang))
    assert "Kimball" not in [p.name for p in analysis.places]
    assert [m.kind for m in analysis.mentions if m.text == "Kimball"] == ["person"]


def test_a_full_name_opening_with_a_town_keeps_its_last_word_a_place() -> None:
    # "Ruston Thurmont" is no person's name: its first word is a town, so a lone "Thurmont" stays the town
    text = ("A warehouse burned down in Thurmont on Saturday.\n\n"
            "The Ruston Thurmont depot was closed while firefighters worked.")
    assert "Thurmont" in place_names(text, "en")
