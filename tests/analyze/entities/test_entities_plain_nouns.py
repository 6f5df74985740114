"""Round 2 of entity precision: lone dictionary words and page words, German adjective openings, Arabic
noun phrases after title cues; and one organisation named in several languages merged per story.
Sentences written for these tests (invented people, places and events)."""

from __future__ import annotations

import pytest

from corroborate.analyze.entities.component import entities
from corroborate.model import Analysis, Article, Mention
from corroborate.reconcile.entities import merge_entities, org_meaning
from corroborate.text.names import name_key


def run(text: str, lang: str) -> list[Mention]:
    article = Article(id="t", text=text, lang=lang)
    analysis = Analysis(article_id="t", lang=lang)
    entities(article, analysis)
    return analysis.mentions


def texts(mentions: list[Mention]) -> set[str]:
    return {m.text for m in mentions}


@pytest.mark.parametrize(
    ("text", "lang", "noun"),
    [
        ("Brenna Tolvik spoke at the opening. See the Profile of the mayor for more.", "en", "Profile"),
        ("Readers can share a Quote from Brenna Tolvik on the page.", "en", "Quote"),
        ("El ministro Ramiro Olvades habló ayer en la reunión sobre Salud y vacunas.", "es", "Salud"),
        ("La Federación anunció que Ramiro Olvades dejará el cargo.", "es", "Federación"),
        ("Le député Lucien Varbonne a parlé devant la Chambre mardi.", "fr", "Chambre"),
        ("Selon Lucien Varbonne, le rôle de l'Etat reste flou.", "fr", "Etat"),
    ],
)
def test_a_lone_common_noun_with_no_cue_is_no_entity(text: str, lang: str, noun: str) -> None:
    found = texts(run(text, lang))
    assert noun not in found
    assert any(" " in t for t in found)  # the person beside it is still found


def test_an_institution_noun_heads_a_named_organisation() -> None:
    mentions = run("La Federación Andina de Remo suspendió la regata.", "es")
    assert {m.text: m.kind for m in mentions}.get("Federación Andina de Remo") == "org"


def test_a_lone_unknown_name_is_kept() -> None:
    assert "Korvalix" in texts(run("Shares of Korvalix fell after the recall.", "en"))


def test_german_sentence_opening_adjective_and_noun_is_no_name() -> None:
    found = texts(run("Zahlreiche Brücken wurden gesperrt. Marlene Obrecht sagte, es regne weiter.", "de"))
    assert "Zahlreiche Brücken" not in found
    assert "Marlene Obrecht" in found


def test_arabic_noun_phrase_after_a_title_cue_is_no_person() -> None:
    text = "وقال المتحدث في مداخلة هاتفية إن الطريق مغلق."
    assert not [m for m in run(text, "ar") if m.kind == "person"]


# --------------------------------------------------------------------------- cross-language organisations


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Civil Protection", "Protection civile"),
        ("Protección Civil", "Civil Protection"),
        ("ministère de la Défense", "Ministry of Defence"),
        ("Ministerio de Defensa", "Ministry of Defense"),
        ("Conseil de sécurité", "Security Council"),
        ("International Committee of the Red Cross", "Comité international de la Croix-Rouge"),
    ],
)
def test_one_organisation_in_two_languages_has_one_meaning(a: str, b: str) -> None:
    assert org_meaning(a) is not None
    assert org_meaning(a) == org_meaning(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ministry of Defence", "Ministry of Health"),
        ("Ministry of Defence", "Ministry of Defence of Veloria"),  # a name part is never translated
        ("Police", "Polizei"),  # one bare word: which police is unknown
    ],
)
def test_different_or_unknown_organisations_do_not_merge(a: str, b: str) -> None:
    assert org_meaning(a) is None or org_meaning(a) != org_meaning(b)


def _story(*pairs: tuple[str, str]) -> list[tuple[Article, Analysis]]:
    items = []
    for i, (name, lang) in enumerate(pairs):
        mention = Mention(name, "org", name_key(name), 0, len(name))
        article = Article(id=f"a{i}", text=name, lang=lang)
        items.append((article, Analysis(article_id=f"a{i}", lang=lang, mentions=[mention])))
    return items


def test_a_story_merges_one_organisation_across_languages() -> None:
    entities_ = merge_entities(
        _story(("Civil Protection", "en"), ("Protection civile", "fr"), ("Protección Civil", "es"),
               ("ministère de la Défense", "fr"), ("Ministry of Defence", "en"))
    )
    assert len(entities_) == 2
    civil = next(e for e in entities_ if "Protection civile" in e.variants)
    assert set(civil.variants) == {"Civil Protection", "Protection civile", "Protección Civil"}
    assert civil.articles == ["a0", "a1", "a2"] and civil.kind == "org"


def test_a_story_keeps_apart_ministries_of_different_things() -> None:
    entities_ = merge_entities(_story(("Ministry of Health", "en"), ("ministère de la Défense", "fr")))
    assert len(entities_) == 2


def test_a_province_office_merges_across_languages_and_with_its_bare_name() -> None:
    entities_ = merge_entities(
        _story(("Tigray Civil Protection", "en"), ("Zivilschutz der Provinz Tigray", "de"),
               ("Protection civile", "fr"), ("Ministry of Health", "en"))
    )
    assert len(entities_) == 2
    civil = next(e for e in entities_ if "Protection civile" in e.variants)
    assert len(civil.articles) == 3


def test_a_bare_office_name_stays_apart_when_two_provinces_have_one() -> None:
    entities_ = merge_entities(
        _story(("Tigray Civil Protection", "en"), ("Amhara Civil Protection", "en"), ("Protection civile", "fr"))
    )
    assert len(entities_) == 3


def test_a_headline_repeated_in_the_body_marks_no_names() -> None:
    title = "Harbour Board Fines over 30 Ferry Firms in Port Row"
    text = f"{title}\n\n12-03-2021 {title} near the old pier, Ilse Maravent said on Friday."
    found = texts(run(text, "en"))
    assert not any("Fines" in t or "Port Row" in t for t in found)
    assert "Ilse Maravent" in found
