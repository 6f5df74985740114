"""Time extraction and event-time choice, per language, on sentences written for these tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from corroborate.analyze.times import extract_times, load_lexicon, pick_event_time, times
from corroborate.model import Analysis, Article

# Friday 15 March 2024, afternoon
PUB = datetime(2024, 3, 15, 15, 30, tzinfo=UTC)


def event(text: str, lang: str, published: datetime | None = PUB):
    exprs = extract_times(text, lang, published)
    chosen = pick_event_time(text, exprs, lang, published)
    assert sum(t.is_event_time for t in exprs) == (1 if chosen else 0)
    return chosen, exprs


# (lang, text, expected event day, expected precision)
CASES = [
    ("en", "Gunmen attacked a fishing village overnight, killing nine people, officials said.", date(2024, 3, 14), "part_of_day"),
    ("en", "The bridge collapsed on Wednesday evening local time, the ministry said on Friday.", date(2024, 3, 13), "part_of_day"),
    ("en", "Two climbers died on 3 February when an avalanche struck the pass.", date(2024, 2, 3), "day"),
    ("en", "Last night a warehouse fire destroyed the depot.", date(2024, 3, 14), "part_of_day"),
    ("sv", "I går kväll brann en lagerlokal ned i hamnen, uppger räddningstjänsten.", date(2024, 3, 14), "part_of_day"),
    ("sv", "Två personer omkom natten till fredagen när en bil körde av vägen.", date(2024, 3, 14), "part_of_day"),
    ("sv", "Polisen grep i tisdags tre män för rånet.", date(2024, 3, 12), "day"),
    ("de", "Gestern Abend wurden bei einem Brand in einer Werkstatt zwei Menschen verletzt.", date(2024, 3, 14), "part_of_day"),
    ("de", "Am Mittwochnachmittag stürzte ein Kran auf eine Baustelle, ein Arbeiter starb.", date(2024, 3, 13), "part_of_day"),
    ("de", "Der Überfall ereignete sich am 2. März in einem Vorort.", date(2024, 3, 2), "day"),
    ("es", "Anoche un incendio destruyó un mercado en el centro de la ciudad.", date(2024, 3, 14), "part_of_day"),
    ("es", "El ataque ocurrió el pasado lunes, según la policía.", date(2024, 3, 11), "day"),
    ("es", "Tres personas murieron el 9 de marzo de 2024 en un accidente.", date(2024, 3, 9), "day"),
    ("fr", "Hier soir, un incendie a ravagé un entrepôt du port, selon les pompiers.", date(2024, 3, 14), "part_of_day"),
    ("fr", "Des hommes armés ont attaqué la ville dans la nuit de mercredi à jeudi.", date(2024, 3, 13), "part_of_day"),
    ("fr", "L'accident s'est produit le 1er mars sur l'autoroute.", date(2024, 3, 1), "day"),
    ("ar", "قتل ثلاثة أشخاص الليلة الماضية في هجوم على قرية.", date(2024, 3, 14), "part_of_day"),
    ("ar", "اندلع حريق في سوق المدينة يوم الأربعاء وأصيب خمسة أشخاص.", date(2024, 3, 13), "day"),
    ("ar", "وقع الانفجار في 12 مارس 2024 قرب الميناء.", date(2024, 3, 12), "day"),
    ("ru", "Вчера вечером в результате пожара на складе пострадали два человека.", date(2024, 3, 14), "part_of_day"),
    ("ru", "Нападение произошло в ночь на пятницу, сообщили в полиции.", date(2024, 3, 14), "part_of_day"),
    ("ru", "Авария случилась 5 марта на трассе под городом.", date(2024, 3, 5), "day"),
]


@pytest.mark.parametrize(("lang", "text", "day", "precision"), CASES)
def test_event_time_per_language(lang: str, text: str, day: date, precision: str) -> None:
    chosen, _ = event(text, lang)
    assert chosen is not None and chosen.value is not None
    assert chosen.value.date() == day, (chosen.text, chosen.value)
    assert chosen.precision == precision
    assert chosen.value.tzinfo is not None
    assert text[chosen.start : chosen.end] == chosen.text


def test_month_year_and_background_dates() -> None:
    text = (
        "A landslide buried three houses on Thursday morning, rescuers said. "
        "The same slope had collapsed in October 2019, killing a shepherd."
    )
    chosen, exprs = event(text, "en")
    assert chosen is not None and chosen.text == "on Thursday morning"
    older = next(t for t in exprs if t.text == "October 2019")
    assert older.precision == "month" and older.value == datetime(2019, 10, 1, tzinfo=UTC)
    assert older.value_end == datetime(2019, 11, 1, tzinfo=UTC) and older.relative is False


def test_periods_and_ago() -> None:
    _, exprs = event("Protests began earlier this month and the mayor resigned last week, two days ago.", "en")
    by_text = {t.text: t for t in exprs}
    assert by_text["earlier this month"].value == datetime(2024, 3, 1, tzinfo=UTC)
    assert by_text["last week"].value == datetime(2024, 3, 4, tzinfo=UTC)
    assert by_text["two days ago"].value == datetime(2024, 3, 13, tzinfo=UTC)


def test_date_without_year_resolves_to_the_past_across_new_year() -> None:
    pub = datetime(2025, 1, 3, 9, 0, tzinfo=UTC)
    chosen, _ = event("The ferry sank on 30 December after an engine fire.", "en", pub)
    assert chosen is not None and chosen.value == datetime(2024, 12, 30, tzinfo=UTC) and chosen.relative


def test_clock_time_refines_the_event_day() -> None:
    chosen, _ = event("Un tramway a déraillé mardi matin vers 7h50 près de la gare.", "fr")
    assert chosen is not None and chosen.precision == "minute"
    assert chosen.value == datetime(2024, 3, 12, 7, 50, tzinfo=UTC)


def test_no_published_time_keeps_relative_unresolved_and_absolute_resolved() -> None:
    _, exprs = event("The dam burst yesterday; a similar flood hit the valley on 4 May 2021.", "en", None)
    by_text = {t.text: t for t in exprs}
    assert by_text["yesterday"].value is None and by_text["yesterday"].relative
    assert by_text["4 May 2021"].value == datetime(2021, 5, 4, tzinfo=UTC)


def test_nothing_found_falls_back_to_published_day_only_when_known() -> None:
    chosen, exprs = event("A storm damaged roofs across the region.", "en")
    assert chosen is not None and chosen.text == "" and chosen.precision == "day"
    assert chosen.value == datetime(2024, 3, 15, tzinfo=UTC) and not chosen.relative and exprs == [chosen]
    chosen, exprs = event("A storm damaged roofs across the region.", "en", None)
    assert chosen is None and exprs == []


def test_dateline_and_url_dates_are_not_the_event() -> None:
    text = (
        "https://portnews.example/2024/03/01/ferry-strike\n\nPublished 15 March 2024\n\n"
        "Ferry workers walked out on Wednesday, halting crossings."
    )
    chosen, exprs = event(text, "en")
    assert chosen is not None and chosen.text == "on Wednesday"
    assert all("2024/03/01" not in t.text for t in exprs)


def test_component_fills_analysis() -> None:
    article = Article(id="t1", text="Anoche se derrumbó un puente peatonal; hubo cuatro heridos.", lang="es", published=PUB)
    analysis = Analysis(article_id="t1", lang="es")
    times(article, analysis)
    assert analysis.event_time is not None and analysis.event_time.text == "Anoche"


def test_unknown_language_uses_dateparser_fallback() -> None:
    assert load_lexicon("it") is None
    chosen, _ = event("L'incidente è avvenuto il 12 febbraio 2024 vicino al porto.", "it")
    assert chosen is not None and chosen.value is not None and chosen.value.date() == date(2024, 2, 12)


@pytest.mark.parametrize("lang", ["en", "sv", "de", "es", "fr", "ar", "ru"])
def test_every_lexicon_has_the_required_tables(lang: str) -> None:
    lex = load_lexicon(lang)
    assert lex is not None
    assert len(set(lex["weekdays"].values())) == 7
    assert set(lex["months"].values()) == set(range(1, 13))
    for key in ("relative", "periods", "ago", "units", "parts_of_day", "event_cues"):
        assert lex[key], f"{lang}.json lacks {key}"
