"""A single victim named in apposition ("a 13-year-old girl, Jane Roe, was killed"; scraped text without
the commas: "a girl Jane Roe-Doe was killed") is still one victim, in the languages that capitalise names.
Invented names and texts."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims.extract import extract_claims


def _claims(text: str, lang: str) -> set[tuple[str, int, str | None]]:
    return {(c.slot, c.value, c.group) for c in extract_claims(text, lang)}


@pytest.mark.parametrize("lang,text", [
    ("en", "A 13-year-old girl, Jane Roe, was killed in the strike."),
    ("en", "A girl Jane Roe-Doe was killed in the strike on the house."),
    ("es", "Una niña de 13 años, María López, murió en el ataque."),
    ("fr", "Une fillette, Marie Dubois, a été tuée dans la frappe."),
    ("sv", "En 13-årig flicka, Anna Berg, dödades i attacken."),
    ("ru", "Девочка, Анна Петрова, погибла при ударе."),
])
def test_a_named_victim_is_one_victim(lang: str, text: str) -> None:
    assert _claims(text, lang) == {("killed", 1, None), ("killed", 1, "children")}


@pytest.mark.parametrize("text,claims", [
    # a capitalised article opens no name: the grandmother and her nephew stay two victims
    ("Buy Photo A grandmother was killed and her nephew was shot.",
     {("killed", 1, None), ("killed", 1, "women"), ("injured", 1, None)}),
    # a title-case headline is no apposition
    ("Riverton Man Found Dead In Barn After Storm", {("killed", 1, None)}),
])
def test_capitalised_words_that_are_no_name_are_left_alone(text: str, claims: set) -> None:
    assert _claims(text, "en") == claims


@pytest.mark.parametrize("text", [
    "Two men were charged in the shooting death of a student who was shot in the back.",
    "Police are investigating the killing of a man who was shot outside a bar.",
])
def test_the_object_of_a_killing_who_was_shot_died(text: str) -> None:
    claims = _claims(text, "en")
    assert ("killed", 1, None) in claims and not any(slot == "injured" for slot, _, _ in claims)


def test_a_victim_who_was_shot_without_a_killing_is_hurt() -> None:
    assert _claims("A boy who was shot in the leg is in stable condition.", "en") == {("injured", 1, None)}


# a headline's list of victims goes without articles; in body text such a run is more likely scraping debris
@pytest.mark.parametrize("lang,title", [
    ("en", "Man, woman killed in crash"),
    ("es", "Hombre y mujer mueren en un accidente"),
    ("fr", "Homme et femme tués dans un accident"),
    ("sv", "Man och kvinna dödade i olycka"),
])
def test_a_headline_list_without_articles_counts_each_victim(lang: str, title: str) -> None:
    from corroborate.analyze.claims.headline import headline_sentences

    got = {(c.slot, c.value, c.group) for c in extract_claims(title, lang, headline_sentences(title), headline=True)}
    assert got == {("killed", 2, None), ("killed", 1, "women")}


def test_a_body_sentence_does_not_read_a_glued_headline_as_a_list() -> None:
    text = "Toddler, woman fatally shot in Eastfield A woman and a 3-year-old girl were fatally shot."
    assert ("killed", 2, None) in _claims(text, "en") and ("killed", 4, None) not in _claims(text, "en")


# German closes the clause with the participle: "wurde ... getötet" holds its adverbials in between
@pytest.mark.parametrize("text,claims", [
    ("Ein 13-jähriges Mädchen wurde bei dem Angriff getötet.",
     {("killed", 1, None), ("killed", 1, "children")}),
    ("Eine Frau wurde bei dem Unfall schwer verletzt.", {("injured", 1, None), ("injured", 1, "women")}),
])
def test_a_german_verb_bracket_reaches_its_participle(text: str, claims: set) -> None:
    assert _claims(text, "de") == claims


def test_the_bracket_ends_at_the_clause() -> None:
    claims = _claims("Ein Mädchen wurde verletzt, als der Täter drei Menschen tötete.", "de")
    assert ("injured", 1, None) in claims and ("killed", 1, None) not in claims


@pytest.mark.parametrize("lang,text", [
    # a name with a lower-case particle and a byname in brackets after the person phrase
    ("en", "On Saturday evening a 66-year-old man Karim Nabil al-Qassab (Abu Tarek) was killed when the market was shelled."),
    ("fr", "Une femme de 60 ans, Amina ben Salah (Oum Ali), a été tuée dans la frappe."),
    ("es", "Un hombre de 60 años, Hassan al-Wardi (Abu Tarek), murió en el ataque."),
    # an apposition with a person noun after a name opening the sentence is that person, not a second one
    ("en", "Tom Rivers, a 28-year-old student, was killed in the crash on the ring road."),
    ("en", "Tom Rivers, a student, was killed in the crash on the ring road."),
    # a full name right after the killed cue, set off by an apposition
    ("en", "The strike on the camp killed Samir Omar Qassab, a 28 year old photographer."),
    ("sv", "Attacken dödade Rami Tawfel, en 28-årig lärare."),
    # a full name in the of-phrase of a death noun, a title's full stop inside
    ("en", "Neighbours confirmed the death of Dr. Lena Maria Ostrova in the fire on the ferry."),
    ("en", "Police are investigating the killing of Tom Rivers."),
    ("de", "Der Angriff tötete Rami Tawfel, einen 28-jährigen Lehrer."),
])
def test_a_named_victim_with_particles_bynames_or_appositions_is_one(lang: str, text: str) -> None:
    assert ("killed", 1, None) in _claims(text, lang)
    assert all(value == 1 for _, value, _ in _claims(text, lang))


@pytest.mark.parametrize("text", [
    "The blast killed Saturday, a day of mourning.",  # one capitalised word: no name
    "Police named John Doe, a neighbour, as a witness.",  # no killed cue before the name
    "Officials mourned the deaths of Port Avery residents after the storm.",  # a place before a plural noun
])
def test_a_capitalised_word_after_a_cue_is_no_victim_without_a_full_name(text: str) -> None:
    assert _claims(text, "en") == set()
