"""Every slot in every supported language, with number words and attribution (invented sentences).

Issue 4 asks for killed, injured, missing, arrested and displaced in en, sv, de, es, fr, ar, ru: one sentence
per (language, slot), numbers written as words, each attributed to a named source.
"""

from __future__ import annotations

import pytest

from corroborate.analyze.claims.extract import extract_claims

MATRIX = [
    # (lang, slot, sentence, value, source substring)
    ("en", "killed", "Seven people were killed in the landslide, the mayor said.", 7, "the mayor"),
    ("en", "injured", "Fourteen passengers were injured, according to the fire brigade.", 14, "the fire brigade"),
    ("en", "missing", "Nine fishermen are still missing, the coast guard said.", 9, "the coast guard"),
    ("en", "arrested", "Police arrested twelve protesters on Tuesday, the interior ministry said.", 12, "the interior ministry"),
    ("en", "displaced", "Some three thousand people were displaced by the floods, according to the Red Cross.", 3000,
     "the Red Cross"),
    ("sv", "killed", "Sju personer dödades i jordskredet, uppger kommunen.", 7, "kommunen"),
    ("sv", "injured", "Fjorton passagerare skadades, enligt räddningstjänsten.", 14, "räddningstjänsten"),
    ("sv", "missing", "Nio fiskare är fortfarande saknade, enligt kustbevakningen.", 9, "kustbevakningen"),
    ("sv", "arrested", "Tolv demonstranter greps under tisdagen, uppger polisen.", 12, "polisen"),
    ("sv", "displaced", "Tretusen människor har tvingats fly från sina hem, enligt Röda korset.", 3000, "Röda korset"),
    ("de", "killed", "Sieben Menschen wurden bei dem Erdrutsch getötet, sagte der Bürgermeister.", 7, "Bürgermeister"),
    ("de", "injured", "Vierzehn Fahrgäste wurden verletzt, teilte die Feuerwehr mit.", 14, "Feuerwehr"),
    ("de", "missing", "Laut Küstenwache werden neun Fischer noch vermisst.", 9, "Küstenwache"),
    ("de", "arrested", "Laut Innenministerium wurden zwölf Demonstranten festgenommen.", 12, "Innenministerium"),
    ("de", "displaced", "Laut Rotem Kreuz wurden dreitausend Menschen vertrieben.", 3000, "Rotem Kreuz"),
    ("es", "killed", "Siete personas murieron en el deslizamiento, según el alcalde.", 7, "el alcalde"),
    ("es", "injured", "Catorce pasajeros resultaron heridos, según los bomberos.", 14, "los bomberos"),
    ("es", "missing", "Nueve pescadores siguen desaparecidos, según la guardia costera.", 9, "la guardia costera"),
    ("es", "arrested", "La policía detuvo a doce manifestantes, según el Ministerio del Interior.", 12,
     "el Ministerio del Interior"),
    ("es", "displaced", "Tres mil personas fueron desplazadas por las inundaciones, según la Cruz Roja.", 3000,
     "la Cruz Roja"),
    ("fr", "killed", "Sept personnes ont été tuées dans le glissement de terrain, selon le maire.", 7, "le maire"),
    ("fr", "injured", "Quatorze passagers ont été blessés, selon les pompiers.", 14, "les pompiers"),
    ("fr", "missing", "Neuf pêcheurs sont toujours portés disparus, selon les garde-côtes.", 9, "les garde-côtes"),
    ("fr", "arrested", "Douze manifestants ont été interpellés mardi, selon le ministère de l'Intérieur.", 12,
     "le ministère de l'Intérieur"),
    ("fr", "displaced", "Trois mille personnes ont été déplacées par les inondations, selon la Croix-Rouge.", 3000,
     "la Croix-Rouge"),
    ("ar", "killed", "قال رئيس البلدية إن سبعة أشخاص قتلوا في الانهيار الأرضي.", 7, "رئيس البلدية"),
    ("ar", "injured", "وفقا للدفاع المدني أصيب أربعة عشر راكبا.", 14, "الدفاع المدني"),
    ("ar", "missing", "قال خفر السواحل إن تسعة صيادين ما زالوا في عداد المفقودين.", 9, "خفر السواحل"),
    ("ar", "arrested", "قالت وزارة الداخلية إن الشرطة اعتقلت اثني عشر متظاهرا.", 12, "وزارة الداخلية"),
    ("ar", "displaced", "وفقا للصليب الأحمر نزح ثلاثة آلاف شخص بسبب الفيضانات.", 3000, "الصليب الأحمر"),
    ("ru", "killed", "Семь человек погибли при оползне, сообщил мэр.", 7, "мэр"),
    ("ru", "injured", "По данным пожарных, четырнадцать пассажиров получили ранения.", 14, "пожарных"),
    ("ru", "missing", "По данным береговой охраны, девять рыбаков числятся пропавшими без вести.", 9, "береговой охраны"),
    ("ru", "arrested", "По данным МВД, задержаны двенадцать демонстрантов.", 12, "МВД"),
    ("ru", "displaced", "По данным Красного Креста, три тысячи человек были вынуждены покинуть свои дома.", 3000,
     "Красного Креста"),
]


@pytest.mark.parametrize(("lang", "slot", "text", "value", "source"), MATRIX,
                         ids=[f"{m[0]}-{m[1]}" for m in MATRIX])
def test_every_slot_in_every_language(lang: str, slot: str, text: str, value: int, source: str) -> None:
    found = [c for c in extract_claims(text, lang) if c.slot == slot]
    assert [c.value for c in found if c.group is None] == [value], [(c.slot, c.value, c.group) for c in found]
    claim = next(c for c in found if c.group is None)
    assert claim.quote == text[claim.start : claim.end]
    assert claim.attributed_to and source in claim.attributed_to, claim.attributed_to


def test_matrix_covers_every_language_and_slot() -> None:
    cells = {(lang, slot) for lang, slot, *_ in MATRIX}
    langs = {"en", "sv", "de", "es", "fr", "ar", "ru"}
    slots = {"killed", "injured", "missing", "arrested", "displaced"}
    assert cells == {(lang, slot) for lang in langs for slot in slots}


ROLE_CASES = [
    # people named by their role: alone they are the toll, inside a larger toll they are part of it
    ("en", "Three nurses died when the clinic was shelled.", 3),
    ("en", "At least 31 people were killed in the shelling, including two medics.", 31),
    ("en", "Two medics were among at least 31 people killed in the shelling.", 31),
    ("fr", "Trois infirmiers ont été tués dans le bombardement.", 3),
    ("fr", "Au moins 31 personnes ont été tuées, dont deux secouristes.", 31),
    ("es", "Tres enfermeros murieron en el bombardeo.", 3),
    ("es", "Al menos 31 personas murieron, entre ellas dos socorristas.", 31),
    ("de", "Drei Sanitäter wurden bei dem Angriff getötet.", 3),
    ("ru", "Погибли три медика.", 3),
]


@pytest.mark.parametrize(("lang", "text", "total"), ROLE_CASES)
def test_role_nouns_alone_or_inside_a_toll(lang: str, text: str, total: int) -> None:
    totals = [c.value for c in extract_claims(text, lang) if c.slot == "killed" and c.group is None]
    assert totals == [total]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The province is home to thousands of militants who evacuated there from other regions."),
    ("fr", "Des centaines de combattants ont été évacués vers le nord du pays."),
    ("es", "Cientos de combatientes fueron evacuados hacia el norte."),
])
def test_fighters_relocating_are_not_people_displaced(lang: str, text: str) -> None:
    assert [c for c in extract_claims(text, lang) if c.slot == "displaced"] == []


@pytest.mark.parametrize(("text", "slot", "value"), [
    ("قُتل 15 شخصاً في الغارة.", "killed", 15),  # damma inside the verb, tanween on the noun
    ("أُصيب عشرون مدنيًا في القصف.", "injured", 20),
    ("نَزَحَ ثلاثة آلاف شخص.", "displaced", 3000),
])
def test_arabic_vowel_marks_stay_inside_their_words(text: str, slot: str, value: int) -> None:
    assert value in [c.value for c in extract_claims(text, "ar") if c.slot == slot and c.group is None]
