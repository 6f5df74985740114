"""Claims per language: slots, groups, sub-counts, zero claims, attribution (invented sentences)."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims.extract import claims, extract_claims
from corroborate.model import Analysis, Article


def summary(text: str, lang: str) -> set[tuple[str, int, str | None]]:
    return {(c.slot, c.value, c.group) for c in extract_claims(text, lang)}


CASES = [
    # (lang, text, expected claims (slot, value, group), expected source substring, kind)
    ("en", "Rescue workers said 9 people were killed, including three children and two women, in the blast.",
     {("killed", 9, None), ("killed", 3, "children"), ("killed", 2, "women")}, "Rescue workers", "rescue"),
    ("en", "The explosion killed eleven soldiers and wounded 30 civilians, according to the defence ministry.",
     {("killed", 11, "soldiers"), ("injured", 30, "civilians"), ("injured", 30, None)}, "the defence ministry", "official"),
    ("en", "Police arrested four suspects on Monday, the sheriff's office said.",
     {("arrested", 4, "attackers")}, None, None),
    ("en", "The flood left 27 dead and 15 missing, the regional hospital reported.",
     {("killed", 27, None), ("missing", 27, None)} - {("missing", 27, None)} | {("missing", 15, None)},
     "the regional hospital", "medical"),
    ("sv", "Enligt räddningstjänsten dödades minst åtta personer, varav tre barn.",
     {("killed", 8, None), ("killed", 3, "children")}, "räddningstjänsten", "rescue"),
    ("sv", "Fem poliser skadades och två män greps, uppger polisen.",
     {("injured", 5, "police"), ("injured", 5, None), ("arrested", 2, None)}, "polisen", "official"),
    ("de", "Laut dem Gesundheitsministerium gab es 14 Tote, darunter sechs Kinder.",
     {("killed", 14, None), ("killed", 6, "children")}, "Gesundheitsministerium", "medical"),
    ("de", "Bei dem Anschlag wurden dreiundzwanzig Menschen verletzt, sagte ein Polizeisprecher.",
     {("injured", 23, None)}, "Polizeisprecher", "official"),
    ("es", "Murieron 17 civiles, entre ellos cinco mujeres, según testigos locales.",
     {("killed", 17, "civilians"), ("killed", 17, None), ("killed", 5, "women")}, "testigos locales", "witness"),
    ("es", "La policía detuvo a tres hombres armados tras el tiroteo.",
     {("arrested", 3, "attackers")}, None, None),
    ("fr", "L'attaque a fait 21 morts, dont quatre enfants, selon l'agence de presse locale.",
     {("killed", 21, None), ("killed", 4, "children")}, "l'agence de presse locale", "media"),
    ("fr", "Au moins douze personnes ont été blessées, a déclaré le porte-parole de la police.",
     {("injured", 12, None)}, "le porte-parole de la police", "official"),
    ("ru", "По данным спасателей, погибли 15 человек, в том числе семеро детей.",
     {("killed", 15, None), ("killed", 7, "children")}, "спасателей", "rescue"),
    ("ru", "Ранены трое полицейских, сообщил представитель МВД.",
     {("injured", 3, "police"), ("injured", 3, None)}, "представитель МВД", "official"),
    ("ar", "قال المرصد إن الغارة أسفرت عن مقتل 11 شخصا بينهم خمسة أطفال وثلاث نساء.",
     {("killed", 11, None), ("killed", 5, "children"), ("killed", 3, "women")}, "المرصد", "monitor"),
    ("ar", "أفادت وزارة الصحة بإصابة عشرين مدنيا.",
     {("injured", 20, "civilians"), ("injured", 20, None)}, "وزارة الصحة", "medical"),
]


@pytest.mark.parametrize(("lang", "text", "expected", "source", "kind"), CASES)
def test_claims_per_language(lang: str, text: str, expected: set, source: str | None, kind: str | None) -> None:
    found = extract_claims(text, lang)
    assert {(c.slot, c.value, c.group) for c in found} == expected
    for c in found:
        assert c.quote == text[c.start : c.end]
        assert c.lang == lang
        if source:
            assert c.attributed_to and source in c.attributed_to
            assert c.attribution_kind == kind


def test_vague_and_bounded_counts() -> None:
    found = extract_claims("Nearly a dozen people were killed and dozens more were injured.", "en")
    got = {(c.slot, c.value, c.approx, c.value_max) for c in found}
    assert ("killed", 12, "about", 12) in got
    assert ("injured", 12, "at_least", None) in got


def test_death_toll_and_bare_counts() -> None:
    assert summary("The death toll rose to 31 on Sunday.", "en") == {("killed", 31, None)}
    # those shot minus those killed are the injured
    assert summary("The gunman shot four, killing two.", "en") == {("killed", 2, None), ("injured", 2, None)}


def test_zero_claims_with_restriction() -> None:
    found = extract_claims('"The operation went well," the army spokesman said. "There were no French casualties."', "en")
    zero = {(c.slot, c.value, c.about) for c in found}
    assert zero == {("killed", 0, "France"), ("injured", 0, "France")}
    assert all(c.attributed_to == "the army spokesman" for c in found)
    assert summary("Nobody was hurt in the fire.", "en") == {("injured", 0, None)}


def test_nationality_goes_to_about() -> None:
    found = extract_claims("Two American soldiers were wounded in the ambush.", "en")
    assert [(c.slot, c.value, c.group, c.about) for c in found] == [("injured", 2, "soldiers", "US")]


@pytest.mark.parametrize(
    "text",
    [
        "The victim, aged 46, was killed in 2019.",
        "Three helicopters were destroyed and the damage cost $5 million.",
        "The shooting happened at 6:30 and damaged the bridge.",
        "Prices rose 12% after the attack that killed the mayor.",
        "Turnout was 40 percent.",
    ],
)
def test_no_false_counts(text: str) -> None:
    assert extract_claims(text, "en") == []


def test_pipeline_component_fills_analysis() -> None:
    art = Article(id="a1", text="Officials said 5 people died in the crash.", lang="en")
    analysis = Analysis(article_id="a1", lang="en")
    claims(art, analysis)
    assert [(c.slot, c.value, c.attributed_to, c.attribution_kind) for c in analysis.claims] == [
        ("killed", 5, "Officials", "official")
    ]


SINGLE_CASES = [
    # one victim described or named counts 1; coordinated victims add up
    ("en", "A 19-year-old man was shot and killed outside the bakery on Friday.", {("killed", 1, None)}),
    ("en", "Jane Roe, 34, died at the scene.", {("killed", 1, None)}),
    ("en", "The blast killed a woman and a child.",
     {("killed", 2, None), ("killed", 1, "women"), ("killed", 1, "children")}),
    ("en", "A teenager was shot Sunday and is in stable condition.", {("injured", 1, None)}),
    ("de", "Ein 19-jähriger Mann wurde erschossen.", {("killed", 1, None)}),
    ("de", "Eine Frau wurde schwer verletzt.", {("injured", 1, None), ("injured", 1, "women")}),
    ("es", "Un joven de 19 años murió en el tiroteo.", {("killed", 1, None)}),
    ("es", "Una mujer resultó herida en el ataque.", {("injured", 1, None), ("injured", 1, "women")}),
    ("sv", "En 19-årig man sköts ihjäl i natt.", {("killed", 1, None)}),
    ("fr", "Un homme a été tué par balle dans la nuit.", {("killed", 1, None)}),
    ("ru", "В результате обстрела погиб мужчина.", {("killed", 1, None)}),
    ("ar", "أسفرت الغارة عن مقتل رجل.", {("killed", 1, None)}),
]


@pytest.mark.parametrize(("lang", "text", "expected"), SINGLE_CASES)
def test_single_victims(lang: str, text: str, expected: set) -> None:
    assert summary(text, lang) == expected


def test_single_victim_is_not_a_second_count() -> None:
    text = "Three people were killed in the attack. A 40-year-old man died at the scene."
    assert summary(text, "en") == {("killed", 3, None)}


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Two men were shot, one fatally.", {("injured", 1, None), ("killed", 1, None)}),
        ("en", "Four people were shot. Police found a woman dead in the car.",
         {("injured", 3, None), ("killed", 1, None), ("killed", 1, "women")}),
        ("es", "Cinco personas fueron baleadas; una murió después.", {("injured", 4, None), ("killed", 1, None)}),
    ],
)
def test_people_shot_split_into_killed_and_injured(lang: str, text: str, expected: set) -> None:
    assert summary(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "More than 150,000 people have been killed since the conflict began in 2011."),
        ("en", "It was the city's deadliest day; 310 people have been killed so far this year."),
        ("en", "In 2009, a crash on the same road killed 12 people. The bus crash on May 3, 2014 killed 4 people."),
        ("sv", "Sedan 2011 har över 300 000 människor dödats."),
        ("de", "Seit 2011 wurden mehr als 300.000 Menschen getötet."),
        ("es", "Más de 300.000 personas han muerto desde 2011."),
        ("fr", "Plus de 300 000 personnes ont été tuées depuis 2011."),
        ("ru", "С начала войны погибли более 300 тысяч человек."),
        ("ar", "قتل أكثر من 300 ألف شخص منذ بداية النزاع."),
    ],
)
def test_background_totals_are_dropped(lang: str, text: str) -> None:
    values = {c.value for c in extract_claims(text, lang)}
    assert not values & {150000, 310, 300000, 12}


def test_partitive_is_not_a_total() -> None:
    text = "Eighteen people were killed. Ten of those killed were taken to the main hospital."
    assert summary(text, "en") == {("killed", 18, None)}


# --------------------------------------------------------------------------- round 3: lists, bounds, partial counts

LISTS = [
    ("en", "A woman and her four sons were killed in the strike.", 5),
    ("en", "A father, his wife and their three children were killed when the shell hit.", 5),
    ("en", "Tomas (12), Lina (9) and their mother were killed.", 3),
    ("en", "The raid killed two men and five women.", 7),
    ("de", "Eine Frau und ihre vier Söhne wurden getötet.", 5),
    ("es", "Una mujer y sus cuatro hijos murieron en el ataque.", 5),
    ("fr", "Une femme et ses quatre fils ont été tués.", 5),
    ("sv", "En kvinna och hennes fyra söner dödades.", 5),
]


@pytest.mark.parametrize(("lang", "text", "total"), LISTS)
def test_victim_lists_add_up(lang: str, text: str, total: int) -> None:
    found = extract_claims(text, lang)
    totals = [c.value for c in found if c.slot == "killed" and c.group is None]
    assert totals == [total]


def test_victim_list_keeps_group_sums() -> None:
    found = summary("A father, his wife and their three children were killed when the shell hit.", "en")
    assert ("killed", 3, "children") in found and ("killed", 1, "women") in found


def test_breakdown_after_including_is_not_a_second_total() -> None:
    text = "At least 18 civilians, including five children and three women, were killed in the strike."
    found = extract_claims(text, "en")
    assert {(c.slot, c.value, c.group, c.approx) for c in found} == {
        ("killed", 18, "civilians", "at_least"), ("killed", 18, None, "at_least"), ("killed", 5, "children", "exact"),
        ("killed", 3, "women", "exact")}


def test_count_with_of_phrase_and_breakdown_finds_its_verb() -> None:
    text = "At least five members of the Varga family, including two women and three children, were killed."
    assert ("killed", 5, None) in summary(text, "en")


BODIES = [
    ("en", "A reporter said he saw 12 bodies in the street."),
    ("en", "\"I counted twelve bodies,\" the witness said."),
    ("de", "Ein Journalist hat zwölf Leichen gezählt."),
    ("es", "Un periodista dijo que vio 12 cadáveres en la calle."),
    ("fr", "Un témoin a compté douze cadavres."),
    ("ru", "Журналист видел 12 тел."),
    ("ar", "شاهد صحفي 12 جثة."),
]


@pytest.mark.parametrize(("lang", "text"), BODIES)
def test_body_count_is_a_lower_bound(lang: str, text: str) -> None:
    found = extract_claims(text, lang)
    assert [(c.slot, c.value, c.approx, c.value_max) for c in found] == [("killed", 12, "at_least", None)]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "At least a dozen people were killed."),
    ("de", "Mindestens ein Dutzend Menschen wurden getötet."),
    ("es", "Al menos una docena de personas murieron."),
    ("fr", "Au moins une douzaine de personnes ont été tuées."),
])
def test_at_least_a_dozen(lang: str, text: str) -> None:
    found = extract_claims(text, lang)
    assert [(c.slot, c.value, c.approx) for c in found] == [("killed", 12, "at_least")]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "There were no US casualties, a spokesman said."),
    ("de", "Es gab keine amerikanischen Opfer."),
])
def test_no_national_casualties(lang: str, text: str) -> None:
    found = {(c.slot, c.value, c.about) for c in extract_claims(text, lang)}
    assert found == {("killed", 0, "US"), ("injured", 0, "US")}


def test_glued_sentences_are_split() -> None:
    text = "Twelve people were killed.The family said five were injured."
    found = extract_claims(text, "en")
    killed = next(c for c in found if c.slot == "killed")
    injured = next(c for c in found if c.slot == "injured")
    assert killed.quote == "Twelve people were killed."
    assert injured.attributed_to == "the family" and killed.attributed_to is None


def test_years_and_ages_are_not_counts() -> None:
    assert summary("On the 8th of October 2023 killed six members of the family.", "en") == {("killed", 6, None)}
    found = summary("A 13 year-old girl was killed in the attack.", "en")
    assert all(v == 1 for _, v, _ in found) and ("killed", 1, "children") in found


def test_partial_count_dropped_when_total_is_stated() -> None:
    text = "The strike killed 15 people. Six other victims were killed in the second house."
    assert {v for s, v, g in summary(text, "en") if s == "killed" and g is None} == {15}
    assert ("killed", 2, None) in summary("Two other people were killed in the crash.", "en")


def test_killed_along_with_counts_the_subject() -> None:
    assert ("killed", 6, None) in summary("She was killed along with her five sons.", "en")
    assert summary("Three people were killed with knives.", "en") == {("killed", 3, None)}


def test_each_source_keeps_its_own_count() -> None:
    text = "Local media reported that five civilians were killed, while the news agency put the toll at seven."
    found = {(c.value, c.attributed_to) for c in extract_claims(text, "en") if c.slot == "killed"}
    assert found == {(5, "Local media"), (7, "the news agency")}


def test_zero_casualties_among_a_group_is_that_groups_count() -> None:
    found = extract_claims("There were no casualties among the soldiers, the ministry said.", "en")
    assert {(c.slot, c.group, c.value) for c in found} == {("killed", "soldiers", 0), ("injured", "soldiers", 0)}


# --- victims of local crime news: hospital transport, names, headlines, active "shot"

LOCAL_NEWS_CASES = [
    # taken to hospital: a count is injured, a single victim is hurt with fate unknown
    ("en", "Four others were taken to the hospital.", {("injured", 4, None)}),
    ("en", "A man was taken to the hospital with a wound to his leg.", {("injured", 1, None)}),
    ("en", "A woman was rushed to the hospital, where she died.", {("killed", 1, None), ("killed", 1, "women")}),
    ("de", "Drei weitere Personen wurden ins Krankenhaus eingeliefert.", {("injured", 3, None)}),
    ("es", "Tres personas fueron trasladadas al hospital.", {("injured", 3, None)}),
    ("sv", "En man fördes till sjukhus.", {("injured", 1, None)}),
    # a name opening the sentence, with a singular auxiliary or as a full name
    ("en", "Halvorsen was shot in the arm on Sunday.", {("injured", 1, None)}),
    ("en", "Halvorsen is in stable condition.", {("injured", 1, None)}),
    ("en", "17-year-old Marko Velden died from a gunshot wound he received Thursday.", {("killed", 1, None)}),
    ("de", "Halvorsen wurde schwer verletzt.", {("injured", 1, None)}),
    ("es", "Halvorsen resultó herido en el ataque.", {("injured", 1, None)}),
    ("fr", "Halvorsen a été blessé par balle.", {("injured", 1, None)}),
    # headlines without article; place names before the noun; adverbs before the cue
    ("en", "Teen shot near high school.", {("injured", 1, None)}),
    ("es", "Joven herido en un tiroteo.", {("injured", 1, None)}),
    ("en", "A Millbrook man was killed Friday.", {("killed", 1, None)}),
    ("en", "Police found a boy suffering from a gunshot wound.", {("injured", 1, None)}),
    ("en", "A boy was accidentally shot by his cousin.", {("injured", 1, None)}),
    ("de", "Ein Junge wurde versehentlich angeschossen.", {("injured", 1, None), ("injured", 1, "children")}),
    ("sv", "En pojke sköts av misstag.", {("injured", 1, None)}),
    # a single victim killed along with others is not a toll of one
    ("en", "Halvorsen was killed along with relatives.", set()),
    ("de", "Halvorsen wurde zusammen mit Verwandten getötet.", set()),
    ("es", "Halvorsen murió junto a sus familiares.", set()),
]


@pytest.mark.parametrize(("lang", "text", "expected"), LOCAL_NEWS_CASES)
def test_local_news_victims(lang: str, text: str, expected: set) -> None:
    assert summary(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "A man shot at police officers."),
        ("en", "Nobody was taken to the hospital after the shooting."),
        ("de", "Ein Mann schoss auf seinen Bruder."),
        ("en", "Officials were briefed on Friday."),
    ],
)
def test_shooter_or_bystander_is_no_victim(lang: str, text: str) -> None:
    assert {c for c in summary(text, lang) if c[1] > 0} == set()


def test_title_case_headline_subject_is_no_victim() -> None:
    assert summary("Army Units Kill Dozens Of Fighters In Night Raid.", "en") == {("killed", 12, "fighters")}


def test_shooter_is_not_counted_the_person_shot_is() -> None:
    assert summary("A 15-year-old boy shot his brother with a rifle.", "en") == {("injured", 1, None)}


# --------------------------------------------------------------------------- local crime news (GVA-style)


def totals(text: str, lang: str) -> set[tuple[str, int]]:
    """Slot totals (no group, no side) of a sentence."""
    return {(c.slot, c.value) for c in extract_claims(text, lang) if c.group is None and c.about is None}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # "other" before a noun modifies it: the count takes the noun's verb
    ("en", "A driver is dead and two other men are injured after the collision.", {("killed", 1), ("injured", 2)}),
    ("sv", "En kvinna dödades och tre andra män skadades.", {("killed", 1), ("injured", 3)}),
    ("de", "Eine Frau starb und drei weitere Männer wurden verletzt.", {("killed", 1), ("injured", 3)}),
    ("es", "Una mujer murió y otros tres hombres resultaron heridos.", {("killed", 1), ("injured", 3)}),
    # a count opening a new clause takes its own verb, not the one before the conjunction
    ("en", "One person died and two others are being treated for injuries at the clinic.", {("killed", 1), ("injured", 2)}),
    ("es", "Una persona murió y otras tres resultaron heridas.", {("killed", 1), ("injured", 3)}),
    ("fr", "Une personne est morte et trois autres ont été blessées.", {("killed", 1), ("injured", 3)}),
    # a count of one ("un homme") is a singular person, not a second total beside the victims
    ("en", "One man was killed and two were wounded in the brawl.", {("killed", 1), ("injured", 2)}),
    ("fr", "Un homme a tué ses deux fils.", {("killed", 2)}),
    ("es", "Un hombre mató a sus dos hijos.", {("killed", 2)}),
    ("de", "Ein Mann tötete seine zwei Söhne.", {("killed", 2)}),
    # a count of a group ("four teenagers", "vier Polizisten") is also a count of people
    ("en", "Six students were shot, two fatally.", {("killed", 2), ("injured", 4)}),
    ("de", "Vier Polizisten wurden verletzt.", {("injured", 4)}),
    ("fr", "Quatre policiers ont été blessés.", {("injured", 4)}),
    # the longest cue before the victims decides: "fatally shot" is killed, not "shot"
    ("en", "Prosecutors say the farmer fatally shot his wife and three children.", {("killed", 4)}),
    ("de", "Der Mann erschoss seine Frau und vier Kinder.", {("killed", 5)}),
    ("sv", "Mannen sköt ihjäl sin fru och fyra barn.", {("killed", 5)}),
])
def test_local_news_counts(lang: str, text: str, expected: set) -> None:
    assert totals(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "A man killed his two daughters before killing himself.", 3),
    ("es", "Un hombre mató a sus dos hijos y luego se suicidó.", 3),
    ("fr", "Un homme a tué ses deux fils avant de se suicider.", 3),
    ("sv", "En man dödade sina två söner och tog livet av sig.", 3),
    ("de", "Ein Mann tötete seine zwei Söhne und nahm sich dann das Leben.", 3),
    # the victims are the subject: the count may already hold the killer, it is left as it is
    ("en", "Two boys and their grandmother were found dead; the uncle killed himself.", 3),
])
def test_killer_who_takes_his_own_life_is_counted(lang: str, text: str, expected: int) -> None:
    assert max(v for slot, v in totals(text, lang) if slot == "killed") == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "The hunter slipped on the ridge and accidentally shot himself in the foot.", {("injured", 1)}),
    ("de", "Der Junge fand die Waffe und schoss sich versehentlich ins Bein.", {("injured", 1)}),
    ("es", "El niño encontró la pistola y se disparó accidentalmente en la pierna.", {("injured", 1)}),
    # a killed cue in the sentence: the self-inflicted shot was fatal, no one is injured
    ("en", "The teenager died after he accidentally shot himself.", {("killed", 1)}),
])
def test_self_inflicted_shot_counts_one(lang: str, text: str, expected: set) -> None:
    assert totals(text, lang) == expected


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Five people from the ferry went to the hospital."),
    ("sv", "Fem personer kom till sjukhus."),
    ("de", "Fünf Menschen kamen ins Krankenhaus."),
    ("fr", "Cinq personnes ont été transportées à l'hôpital."),
    ("ru", "Пять человек попали в больницу."),
    ("ar", "نقل خمسة أشخاص إلى المستشفى."),
])
def test_people_taken_to_hospital_are_hurt(lang: str, text: str) -> None:
    assert totals(text, lang) == {("injured", 5)}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Nine people were killed and 31 wounded in shootings across the city since Friday."),
    ("sv", "Sex personer dödades i separata skottlossningar i helgen."),
    ("de", "Im ganzen Stadtgebiet wurden am Wochenende sechs Menschen getötet."),
    ("es", "Seis personas murieron en incidentes separados durante el fin de semana."),
    ("ru", "По всему городу погибли шесть человек."),
])
def test_citywide_and_separate_incident_tolls_are_background(lang: str, text: str) -> None:
    assert extract_claims(text, lang) == []


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # a day of the month is no count
    ("en", "The March 14 shooting killed two men.", {("killed", 2)}),
    ("en", "Police said the Oct. 9 death of the toddler was an accident.", {("killed", 1)}),
    ("en", "Retired sculptor dies at 88", set()),
    ("en", "Troopers found two men on Hwy 61 with gunshot wounds.", {("injured", 2)}),
    ("de", "Bei der Schießerei am 14. März starben zwei Männer.", {("killed", 2)}),
    ("fr", "La fusillade du 14 mars a tué deux hommes.", {("killed", 2)}),
    # "lives" as a verb, and lower-case words between a number and a noun, make no count
    ("en", "Tom Vale lives across the street and heard the shots.", set()),
    ("en", "Nurse Tom Vale, 41 probably saved many lives that night.", set()),
    ("es", "Juan Pérez vive enfrente y oyó los disparos.", set()),
])
def test_numbers_that_are_no_counts(lang: str, text: str, expected: set) -> None:
    assert totals(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "A twelve-year-old girl and two adults were wounded.", {("injured", 3)}),
    ("en", "Seventeen-year-old Tom Vale died at the hospital.", {("killed", 1)}),
    ("en", "7-year-old dies after fall from balcony", {("killed", 1)}),
    # "shot, killed" in a headline: the fate follows the shot
    ("en", "Teen shot, killed outside bakery", {("killed", 1)}),
    ("sv", "Tonåring skjuten, dödad nära skolan", {("killed", 1)}),
])
def test_singular_victims_in_local_news(lang: str, text: str, expected: set) -> None:
    assert totals(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "Police investigate the death of a woman and her nephew.", 2),
    ("es", "La policía investiga la muerte de un hombre y su hijo.", 2),
    ("fr", "La police enquête sur la mort d'un homme.", 1),
])
def test_victims_in_the_of_phrase_of_a_death(lang: str, text: str, expected: int) -> None:
    assert totals(text, lang) == {("killed", expected)}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Two brothers were charged in the shooting death of a clerk."),
    ("fr", "Deux hommes ont été inculpés pour la mort d'un garçon."),
    ("sv", "Två män åtalades för mordet."),
])
def test_people_charged_are_no_victims(lang: str, text: str) -> None:
    assert ("killed", 2) not in totals(text, lang) and ("arrested", 2) in totals(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The mayor said 4 people including a 70-year-old man were hurt in the stampede."),
    ("en", "Four passengers -- including a baby -- were hurt."),
    ("de", "Vier Menschen – darunter ein Kind – wurden verletzt."),
    ("sv", "Fyra personer – bland dem ett barn – skadades."),
    ("fr", "Quatre personnes – dont un enfant – ont été blessées."),
])
def test_breakdown_between_dashes_or_without_commas_keeps_the_total(lang: str, text: str) -> None:
    assert totals(text, lang) == {("injured", 4)}


def test_one_counted_person_joins_a_victim_list() -> None:
    assert totals("The explosion left two women and one man injured.", "en") == {("injured", 3)}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # the victims of a killer ("a man killed his girlfriend and her daughter"), not the killer too
    ("en", "Detectives say a man killed his girlfriend and her son in the cabin.", {("killed", 2)}),
    ("de", "Ein Mann tötete seine Freundin und ihre Tochter.", {("killed", 2)}),
    ("fr", "Un homme a tué sa compagne et sa fille.", {("killed", 2)}),
    ("sv", "En man dödade sin flickvän och hennes dotter.", {("killed", 2)}),
    # a second person noun after a joiner needs no article of its own
    ("en", "A grandmother and grandson were found fatally shot in the orchard.", {("killed", 2)}),
    # "the fatal shooting of X": X is the victim; a count before such a cue is not
    ("en", "Detectives are interviewing three men about the fatal shooting of a 40-year-old man.",
     {("killed", 1)}),
    ("en", "Harbor police charged a woman with murder in the fatal shooting of a 31-year-old man.", {("killed", 1)}),
    # attempted murder: the victims were shot, not killed
    ("en", "Two brothers were indicted for the attempted murders of three cousins.", {("injured", 3)}),
])
def test_victims_of_a_killer(lang: str, text: str, expected: set) -> None:
    assert {t for t in totals(text, lang) if t[0] in {"killed", "injured"}} == expected
