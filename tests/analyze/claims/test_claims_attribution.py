"""Who a count is attributed to: the source's name, without adverbs, conjunctions or the next clause."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims.extract import extract_claims


def _sources(text: str, lang: str, slot: str = "killed") -> list[str | None]:
    return [c.attributed_to for c in extract_claims(text, lang) if c.slot == slot]


@pytest.mark.parametrize("lang,text,source", [
    ("en", "According to the Harbour Rescue Service the death toll rose to 9 on Monday.", "the Harbour Rescue Service"),
    ("es", "Según la Protección Civil de Norvalia la cifra asciende a 9 muertos.", "la Protección Civil de Norvalia"),
    ("fr", "Selon la Croix-Rouge de Brivonne le bilan s'élève à 9 morts.", "la Croix-Rouge de Brivonne"),
    ("en", "According to Reuters a total of 9 people were killed.", "Reuters"),
])
def test_an_article_after_a_name_starts_a_new_phrase(lang: str, text: str, source: str) -> None:
    assert _sources(text, lang) == [source]


@pytest.mark.parametrize("lang,text,source", [
    ("sv", "Kustbevakningen i Norrvik, en myndighet som övervakar farlederna, uppger också att 9 personer dödades.",
     "Kustbevakningen i Norrvik"),
    ("en", "Port officials also said that 9 people were killed.", "Port officials"),
    ("de", "Die Feuerwehr von Kaltenbach meldete auch, dass 9 Menschen getötet wurden.", "Feuerwehr von Kaltenbach"),
])
def test_an_adverb_after_the_verb_is_not_the_source(lang: str, text: str, source: str) -> None:
    assert _sources(text, lang) == [source]


@pytest.mark.parametrize("lang,text,source", [
    ("ru", "По данным местных властей, погибли 9 человек, а местный журналист сообщил, что видел 12 тел.",
     "местный журналист"),
    ("es", "Los bomberos dijeron que hubo 3 heridos, pero un médico del hospital afirmó que había 5 heridos.",
     "un médico del hospital"),
    ("fr", "La police parle de 3 blessés, mais un médecin de l'hôpital a déclaré qu'il y avait 5 blessés.",
     "un médecin de l'hôpital"),
])
def test_a_conjunction_does_not_start_the_source(lang: str, text: str, source: str) -> None:
    slot = "killed" if lang == "ru" else "injured"
    assert source in _sources(text, lang, slot)
    assert all(not (s or "").startswith(("а ", "pero ", "mais ")) for s in _sources(text, lang, slot))


@pytest.mark.parametrize("lang,text", [
    ("sv", "En talesperson för armén säger att inga soldater dödades."),
    ("es", "El portavoz del ejército afirmó que no hubo soldados muertos."),
    ("fr", "Le porte-parole de l'armée a déclaré qu'aucun soldat n'avait été tué."),
])
def test_a_clause_after_the_verb_is_not_named_as_the_source(lang: str, text: str) -> None:
    for source in _sources(text, lang):
        assert source is None or not source.lower().startswith(("att ", "que ", "qu'", "qu ")), source


@pytest.mark.parametrize(("text", "source"), [
    ("قتل 12 شخصا في القصف، وفقا لوزارة الصحة.", "وزارة الصحة"),
    ("قتل خمسة أشخاص في الحريق، وفقا لرجال الإطفاء.", "رجال الإطفاء"),
    ("قتل ستة أشخاص، وفقا للجنة الإنقاذ.", "لجنة الإنقاذ"),
    ("قتل ثلاثة أشخاص، وفقا للشرطة.", "الشرطة"),
])
def test_arabic_source_without_its_preposition(text: str, source: str) -> None:
    """"وفقا لوزارة الصحة": the source is "وزارة الصحة", not the word with its li- ("to") prefix; "للجنة"
    is li- + "لجنة" (a committee), not li- + al-."""
    assert _sources(text, "ar") == [source]


@pytest.mark.parametrize(("lang", "text", "source"), [
    ("es", "El ejército afirmó que murieron doce combatientes.", "el ejército"),
    ("fr", "L'armée a affirmé que douze combattants ont été tués.", "l'armée"),
    ("es", "Doce personas murieron, según El Diario Austral.", "El Diario Austral"),
])
def test_a_sentence_initial_article_is_not_part_of_the_name(lang: str, text: str, source: str) -> None:
    """The article of a common noun is written in capitals only at the start of a sentence; a name's
    own article ("El Diario ...") keeps its capital."""
    assert _sources(text, lang) == [source]
