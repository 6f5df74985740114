"""Vague counts ("dozens", "hundreds", "scores") beside a figure for the same dead; nouns in scare
quotes. Invented texts."""

from __future__ import annotations

import pytest

from corroborate.analyze.claims.extract import extract_claims
from corroborate.analyze.claims.vague import drop_vague_beside_figures, is_vague


def _killed(claims: list, group: str | None = None) -> set[int]:
    return {c.value for c in claims if c.slot == "killed" and c.group == group and c.about is None}


# --- a vague headline count gives way to the text's figure for the same dead

@pytest.mark.parametrize("lang,title,body", [
    ("en", "Dozens of civilians dead in shelling on Valdor",
     "Two days of shelling on Valdor have killed 41 civilians, a monitor said."),
    ("de", "Dutzende Zivilisten bei Angriffen auf Valdor getötet",
     "Bei den Angriffen auf Valdor wurden 41 Zivilisten getötet, teilte eine Beobachtungsstelle mit."),
    ("es", "Decenas de civiles muertos en bombardeos sobre Valdor",
     "Los bombardeos sobre Valdor mataron a 41 civiles, según un observatorio."),
    ("fr", "Des dizaines de civils tués dans des bombardements à Valdor",
     "Les bombardements ont tué 41 civils à Valdor, selon un observatoire."),
    ("sv", "Dussintals civila dödade i beskjutning av Valdor",
     "Beskjutningen av Valdor dödade 41 civila, enligt en övervakningsgrupp."),
    ("ar", "مقتل عشرات المدنيين في قصف على فالدور", "أسفر القصف على فالدور عن مقتل 41 مدنيا بحسب المرصد."),
])
def test_vague_headline_gives_way_to_figure(lang: str, title: str, body: str) -> None:
    title_claims, body_claims = extract_claims(title, lang), extract_claims(body, lang)
    assert _killed(title_claims) and all(is_vague(c, lang) for c in title_claims if c.slot == "killed")
    kept_body, kept_title = drop_vague_beside_figures(body_claims, title_claims, lang)
    assert [c for c in kept_title if c.slot == "killed"] == []
    assert _killed(kept_body) == {41} and _killed(kept_body, "civilians") == {41}


@pytest.mark.parametrize("lang,text", [
    ("en", "Air strikes killed 9 people in Valdor on Monday. Hundreds of people have been killed in the "
           "province in raids on hospitals and markets."),
    ("de", "Bei Luftangriffen in Valdor wurden am Montag 9 Menschen getötet. Seit Monaten "
           "wurden Hunderte Menschen in der Provinz getötet."),
    ("fr", "Des frappes aériennes ont tué 9 personnes à Valdor lundi. Des centaines de personnes ont été "
           "tuées dans la province lors de frappes sur des hôpitaux et des marchés."),
])
def test_vague_background_toll_gives_way_to_figure(lang: str, text: str) -> None:
    claims = extract_claims(text, lang)
    assert 100 in _killed(claims) and 9 in _killed(claims)
    kept, _ = drop_vague_beside_figures(claims, [], lang)
    assert _killed(kept) == {9}


# --- what stays: a vague count with no figure, another group's figure, a figure of one

@pytest.mark.parametrize("lang,title,body", [
    ("en", "Dozens killed in strikes on Valdor",
     "Strikes on Valdor killed dozens of people on Monday, among them 7 children."),
    ("es", "Decenas de muertos en ataques sobre Valdor",
     "Los ataques sobre Valdor mataron a decenas de personas el lunes, entre ellas 7 niños."),
    ("fr", "Des dizaines de morts dans des frappes sur Valdor",
     "Des frappes sur Valdor ont tué des dizaines de personnes lundi, dont 7 enfants."),
])
def test_vague_count_without_figure_stays(lang: str, title: str, body: str) -> None:
    title_claims, body_claims = extract_claims(title, lang), extract_claims(body, lang)
    kept_body, kept_title = drop_vague_beside_figures(body_claims, title_claims, lang)
    assert _killed(kept_title) == _killed(title_claims) and _killed(kept_title)
    assert _killed(kept_body) == _killed(body_claims) and _killed(kept_body, "children") == {7}


@pytest.mark.parametrize("lang,text", [
    ("en", "A dozen people were killed in Valdor and 30 were wounded."),
    ("de", "Ein Dutzend Menschen wurden in Valdor getötet und 30 wurden verletzt."),
    ("fr", "Une douzaine de personnes ont été tuées à Valdor et 30 ont été blessées."),
])
def test_a_dozen_is_a_figure(lang: str, text: str) -> None:
    claims = extract_claims(text, lang)
    assert _killed(claims) == {12} and not any(is_vague(c, lang) for c in claims)
    kept, _ = drop_vague_beside_figures(claims, [], lang)
    assert _killed(kept) == {12}


# --- a noun in scare quotes keeps its group

@pytest.mark.parametrize("lang,text,group", [
    ("en", 'State media said government forces had killed 50 "terrorists" near Valdor.', "attackers"),
    ("de", "Staatsmedien zufolge töteten Regierungstruppen 50 „Terroristen“ bei Valdor.", "attackers"),
    ("fr", "Selon les médias d'État, l'armée a tué 50 « terroristes » près de Valdor.", "attackers"),
    ("es", 'Según los medios estatales, el ejército mató a 50 "terroristas" cerca de Valdor.', "attackers"),
])
def test_noun_in_scare_quotes_keeps_group(lang: str, text: str, group: str) -> None:
    claims = extract_claims(text, lang)
    assert _killed(claims, group) == {50}
    assert _killed(claims) == set()


# --- a bare count after "and" opens its own clause: not reached back to the earlier verb

@pytest.mark.parametrize("lang,text", [
    ("en", "12 people were killed in Valdor and 30 were wounded."),
    ("de", "12 Menschen wurden in Valdor getötet und 30 wurden verletzt."),
    ("es", "12 personas murieron en Valdor y 30 resultaron heridas."),
    ("fr", "12 personnes ont été tuées à Valdor et 30 ont été blessées."),
])
def test_bare_count_after_and_is_not_killed(lang: str, text: str) -> None:
    claims = extract_claims(text, lang)
    assert _killed(claims) == {12}
    assert {c.value for c in claims if c.slot == "injured"} == {30}


# --- "a number of them": a part of people named before, no toll

@pytest.mark.parametrize("lang,text", [
    ("en", "The army shelled a militant bunker near Valdor, killing a number of them and wounding others."),
    ("de", "Die Armee beschoss einen Bunker bei Valdor und tötete einige von ihnen."),
    ("es", "El ejército bombardeó un búnker cerca de Valdor y mató a varios de ellos."),
])
def test_vague_part_of_them_is_no_toll(lang: str, text: str) -> None:
    assert _killed(extract_claims(text, lang)) == set()
