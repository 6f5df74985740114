"""The brief in each of the seven languages: grounded in the facts (every number a linked fact value), no
English template words outside English, dates in the language's own month names, and the same figures and
links whatever the language it is read in. Texts are the invented stories of test_reconcile_evolving."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from importlib import resources

import pytest
from test_reconcile_evolving import LANGS, _check_grounded, _story

from corroborate.analyze import Analyzer
from corroborate.model import BriefSentence, Dossier
from corroborate.reconcile import brief_language, brief_languages, build_brief, with_brief_in

# March in each language, as a journalist writes it in a date ("4 March", "4. März", "4 марта"); written
# here, not read from the data, so that the test checks the data
MARCH = {"en": "March", "sv": "mars", "de": "März", "es": "marzo", "fr": "mars", "ar": "مارس", "ru": "марта"}
RISING = [("first", "a.example", 0), ("rise", "b.example", 5), ("increment", "a.example", 23)]
DISPUTED = [("civ", "c.example", 0), ("army", "d.example", 1)]
SAME_MOMENT = [("same_a", "first.example", 0), ("same_b", "second.example", 0.5)]
CORRECTED = [("corr_a", "wire.example", 0), ("corr_b", "wire.example", 4)]


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(skip=("embed",))


def _english_words() -> set[str]:
    """The words of the English templates (placeholders, month names and 'UTC' left out)."""
    path = resources.files("corroborate.data") / "lang" / "en" / "brief.json"
    data = {k: v for k, v in json.loads(path.read_text(encoding="utf-8")).items() if not k.startswith("_")}
    months = {m.lower() for m in data.pop("months")}
    strings: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            strings.append(re.sub(r"\{[^}]*\}|%\w", " ", value))
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(data)
    words = {w.lower() for s in strings for w in re.findall(r"[A-Za-z]{3,}", s)}
    return words - months - {"utc"}


ENGLISH = _english_words()
COGNATES = {"fr": {"source", "sources"}}  # words English and that language share


def _english_in(text: str, lang: str) -> list[str]:
    return [w for w in re.findall(r"\w+", text) if w.lower() in ENGLISH - COGNATES.get(lang, set())]


def _figures(sentence: BriefSentence) -> list[str]:
    """The numbers of a sentence outside its moments (a time is written each language's way)."""
    text = sentence.text
    for lk in sorted((lk for lk in sentence.links if lk.kind == "time"), key=lambda lk: -lk.start):
        text = text[:lk.start] + " " + text[lk.end:]
    return re.findall(r"\d+", text)


def _in(d: Dossier, lang: str) -> Dossier:
    shown = with_brief_in(d, lang)
    assert shown.facts == d.facts  # only the brief changes
    return shown


def test_every_project_language_has_brief_templates() -> None:
    assert set(brief_languages()) == set(LANGS)


def test_the_english_words_list_is_not_empty() -> None:
    assert {"according", "disagree", "revised"} <= ENGLISH and "march" not in ENGLISH


@pytest.mark.parametrize("lang", LANGS)
def test_a_rising_toll_briefed_in_its_language(analyzer: Analyzer, lang: str) -> None:
    d = _in(_story(analyzer, lang, RISING), lang)
    _check_grounded(d)
    known = d.brief[0]
    assert known.kind == "known" and known.text.strip()
    assert re.search(r"(?<!\d)9(?!\d)", known.text) and re.search(r"(?<!\d)3(?!\d)", known.text)
    times = [known.text[lk.start:lk.end] for lk in known.links if lk.kind == "time"]
    assert times and MARCH[lang] in times[0] and "2031" in times[0], known.text
    assert any(s.kind == "unknown" for s in d.brief)  # nobody counts the injured
    if lang != "en":
        assert not any(_english_in(s.text, lang) for s in d.brief), [s.text for s in d.brief]
        assert "March" not in known.text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("reports", [DISPUTED, SAME_MOMENT, CORRECTED], ids=["party", "same-moment", "corrected"])
def test_disputes_and_corrections_briefed_in_each_language(analyzer: Analyzer, lang: str, reports: list) -> None:
    d = _in(_story(analyzer, lang, reports), lang)
    _check_grounded(d)
    assert all(s.text.strip() for s in d.brief)
    if reports is not CORRECTED:
        assert d.brief[0].kind == "disputed"
    if lang != "en":
        assert not any(_english_in(s.text, lang) for s in d.brief), [s.text for s in d.brief]


@pytest.mark.parametrize("lang", LANGS)
def test_the_same_figures_and_links_in_every_language(analyzer: Analyzer, lang: str) -> None:
    """An English story's brief read in another language: same sentences, kinds, facts and linked values."""
    for reports in (RISING, DISPUTED):
        d = _story(analyzer, "en", reports)
        shown = _in(d, lang)
        _check_grounded(shown)

        def shape(brief: list) -> list:
            return [(s.kind, s.facts, [(lk.kind, lk.fact, lk.value) for lk in s.links]) for s in brief]

        assert shape(shown.brief) == shape(d.brief)
        assert [_figures(s) for s in shown.brief] == [_figures(s) for s in d.brief]


@pytest.mark.parametrize("lang", LANGS)
def test_a_story_without_figures_still_gets_a_brief(lang: str) -> None:
    brief = build_brief([], lang)
    assert len(brief) == 2 and all(s.text and not re.search(r"\d", s.text) for s in brief)
    if lang != "en":
        assert not any(_english_in(s.text, lang) for s in brief)


@pytest.mark.parametrize("lang", LANGS)
def test_every_month_has_its_own_name(lang: str) -> None:
    from corroborate.reconcile.brief import _when, templates

    t = templates(lang)
    shown = [_when(datetime(2031, month, 5, 9, 30, tzinfo=UTC), t) for month in range(1, 13)]
    assert len(set(shown)) == 12 and all("2031" in s and "30" in s for s in shown)
    assert all(name in s for name, s in zip(t["months"], shown, strict=True))
    midnight = _when(datetime(2031, 3, 5, tzinfo=UTC), t)
    assert MARCH[lang] in midnight and ":" not in midnight  # a date alone carries no clock time


def test_an_unknown_language_is_refused_with_the_choices(analyzer: Analyzer) -> None:
    assert brief_language("FR-ca") == "fr" and brief_language("ru") == "ru"
    for bad in ("xx", "", "klingon", "../en"):
        with pytest.raises(ValueError, match="choose one of en, sv"):
            brief_language(bad)
    with pytest.raises(ValueError, match="'zz'"):
        with_brief_in(_story(analyzer, "en", RISING), "zz")


def _group_names() -> set[str]:
    """The group names the claims lexicons give (the English keys a fact's qualifier carries)."""
    from corroborate.text.lexicon import load_part

    names: set[str] = set()
    for lang in LANGS:
        claims = load_part(lang, "claims") or {}
        for part in ("persons", "group_modifiers", "role_nouns", "armed_groups"):
            names |= {v for v in (claims.get(part) or {}).values() if isinstance(v, str) and v}
    return names


@pytest.mark.parametrize("lang", [c for c in LANGS if c != "en"])
def test_every_count_and_group_has_words_in_each_language(lang: str) -> None:
    """No slot or group name falls through to its English key in another language's brief."""
    from corroborate.model import SLOTS
    from corroborate.reconcile.brief import templates
    from corroborate.text.lexicon import load_part

    t = templates(lang)
    things = set((load_part("en", "claims") or {}).get("counted_things", {}))
    assert set(SLOTS) | things <= set(t["slot_labels"])
    assert set(SLOTS) <= set(t["group_labels"])
    assert _group_names() and _group_names() <= set(t.get("group_names", {}))
    words = [*t["slot_labels"].values(), *t.get("group_names", {}).values()]
    assert not [w for w in words if _english_in(w, lang)], words
