"""A day the text forecasts, plans or gives a chance of ("expected to open on 14 May") is not when the reported
event happened, in each language (`prediction_cues` in data/lang/*/times.json). Sentences written for these
tests (invented places and events)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from corroborate.analyze.times.component import extract_times, pick_event_time

# Friday 15 March 2024, afternoon
PUB = datetime(2024, 3, 15, 15, 30, tzinfo=UTC)


def chosen_day(text: str, lang: str, published: datetime | None) -> date | None:
    chosen = pick_event_time(text, extract_times(text, lang, published), lang, published)
    return chosen.value.date() if chosen is not None and chosen.value is not None else None


# the only date of the text is a plan
PLANNED = {
    "en": "The new bridge is expected to open on 14 May 2025.",
    "sv": "Den nya bron väntas öppna den 14 maj 2025.",
    "de": "Die neue Brücke wird am 14. Mai 2025 eröffnet.",
    "es": "Se espera que el nuevo puente abra el 14 de mayo de 2025.",
    "fr": "Le nouveau pont devrait ouvrir le 14 mai 2025.",
    "ar": "من المتوقع أن يفتتح الجسر الجديد في 14 مايو 2025.",
    "ru": "Новый мост будет открыт 14 мая 2025 года.",
}


@pytest.mark.parametrize("lang", sorted(PLANNED))
def test_a_planned_day_is_never_the_event_time(lang: str) -> None:
    text = PLANNED[lang]
    assert any(t.value is not None and t.value.date() == date(2025, 5, 14) for t in extract_times(text, lang, None))
    # without a publication day nothing else dates the text: no event time rather than the planned day
    assert chosen_day(text, lang, None) is None
    # with one, the publication day stands
    assert chosen_day(text, lang, PUB) == PUB.date()


# a plan first, the event after it: the event's day
PLAN_THEN_EVENT = {
    "en": "A memorial will be held on 20 March 2024. A flood killed three people in the town on 3 March 2024.",
    "sv": "En minnesstund ska hållas den 20 mars 2024. En översvämning dödade tre personer i staden den 3 mars 2024.",
    "de": "Eine Trauerfeier soll am 20. März 2024 stattfinden. Bei einem Unwetter starben am 3. März 2024 drei "
          "Menschen.",
    "es": "Se espera un homenaje el 20 de marzo de 2024. Una inundación mató a tres personas el 3 de marzo de 2024.",
    "fr": "Un hommage est prévu le 20 mars 2024. Une inondation a tué trois personnes le 3 mars 2024.",
    "ar": "من المقرر أن تقام جنازة في 20 مارس 2024. قتل ثلاثة أشخاص في فيضان في 3 مارس 2024.",
    "ru": "Прощание будет 20 марта 2024 года. Наводнение убило трёх человек 3 марта 2024 года.",
}


@pytest.mark.parametrize("lang", sorted(PLAN_THEN_EVENT))
def test_the_event_day_wins_over_a_planned_day_before_it(lang: str) -> None:
    assert chosen_day(PLAN_THEN_EVENT[lang], lang, None) == date(2024, 3, 3)


# the cue must come before the day: a plan told after the event leaves the event's day alone
EVENT_THEN_PLAN = {
    "en": "The man was shot on 3 March 2024 and police will release his name later.",
    "de": "Der Mann wurde am 3. März 2024 angegriffen, die Polizei wird seinen Namen später nennen.",
    "fr": "L'homme a été attaqué le 3 mars 2024, la police devrait publier son nom plus tard.",
}


@pytest.mark.parametrize("lang", sorted(EVENT_THEN_PLAN))
def test_a_plan_after_the_day_does_not_take_it(lang: str) -> None:
    assert chosen_day(EVENT_THEN_PLAN[lang], lang, None) == date(2024, 3, 3)


def test_a_chance_of_something_on_a_day_is_not_an_event_on_it() -> None:
    text = "Experts put the chance of the dam failing on 2 June 2031 at one in fifty."
    assert chosen_day(text, "en", None) is None


# a day without its year that an event word binds, weeks (not half a year) after the publication day: last year's
LAST_YEAR = {
    "en": ("The boy was shot on June 9 in his home. His father went on trial this week.", date(2023, 6, 9)),
    "de": ("Der Junge wurde am 9. Juni in seiner Wohnung getötet. Der Prozess begann diese Woche.",
           date(2023, 6, 9)),
    "fr": ("Le garçon a été tué le 9 juin dans son appartement. Le procès s'est ouvert cette semaine.",
           date(2023, 6, 9)),
    "sv": ("Pojken sköts ihjäl den 9 juni i sin lägenhet. Rättegången började i veckan.", date(2023, 6, 9)),
}


@pytest.mark.parametrize("lang", sorted(LAST_YEAR))
def test_a_yearless_event_day_after_publication_is_last_years(lang: str) -> None:
    text, day = LAST_YEAR[lang]
    assert chosen_day(text, lang, PUB) == day


def test_a_yearless_planned_day_after_publication_stays_ahead() -> None:
    text = "A protest was held on Tuesday. A hearing is scheduled for May 20."
    exprs = extract_times(text, "en", PUB)
    pick_event_time(text, exprs, "en", PUB)
    assert [t.value.date() for t in exprs if t.text.startswith("May")] == [date(2024, 5, 20)]


def test_a_yearless_day_that_cannot_be_moved_to_last_year_stays_whole() -> None:
    # 29 February has no last-year twin: the day keeps its year and its end
    published = datetime(2024, 1, 10, 9, 0, tzinfo=UTC)
    text = "The man was shot on Feb. 29 in his home."
    exprs = extract_times(text, "en", published)
    pick_event_time(text, exprs, "en", published)
    day = next(t for t in exprs if t.text.startswith("Feb"))
    assert day.value is not None and day.value_end is not None
    assert (day.value.year, day.value_end.year) == (2024, 2024) and day.value_end > day.value
