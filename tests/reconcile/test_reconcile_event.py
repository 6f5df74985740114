"""The story's event day and places from its articles' analyses (reconcile/event.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from corroborate.geo import geocode
from corroborate.model import Analysis, Article, Place, TimeExpr
from corroborate.reconcile.event import event_info


def _item(i: int, published: datetime, day: datetime | None, text: str = "Friday",
          places: list[Place] | None = None) -> tuple[Article, Analysis]:
    article = Article(id=f"a{i}", text="Invented report text.", published=published, lang="en")
    analysis = Analysis(article_id=article.id, lang="en", places=places or [])
    if day is not None:
        analysis.times = [TimeExpr(text, 0, len(text), day, day + timedelta(days=1), "day", True, True)]
    return article, analysis


def d(month: int, day: int, year: int = 2024) -> datetime:
    return datetime(year, month, day, tzinfo=UTC)


def test_follow_ups_months_later_do_not_move_the_event_day() -> None:
    items = [
        _item(1, d(3, 15), d(3, 14)),  # the first report: the attack on the 14th
        _item(2, d(11, 20), d(11, 19), "Tuesday"),  # two trial reports months later, on their own day
        _item(3, d(11, 21), d(11, 19), "Tuesday"),
    ]
    assert event_info(items).when.start.date() == d(3, 14).date()


def test_a_late_article_recalling_the_event_day_still_counts() -> None:
    items = [
        _item(1, d(3, 15), d(3, 14)),
        _item(2, d(3, 16), d(3, 12), "Tuesday"),
        _item(3, d(6, 1), d(3, 12), "March 12"),  # a follow-up naming the original day supports it
    ]
    assert event_info(items).when.start.date() == d(3, 12).date()


def test_many_later_reports_outvote_one_early_article() -> None:
    """A stray early article (another event) does not decide against several reports of the same day."""
    items = [_item(1, d(3, 1), d(2, 29))] + [_item(i, d(3, 20), d(3, 19)) for i in range(2, 6)]
    assert event_info(items).when.start.date() == d(3, 19).date()


def test_an_article_without_a_time_votes_less_than_one_naming_the_day() -> None:
    items = [
        _item(1, d(3, 15), d(3, 15), ""),  # nothing named: its publication day, a weaker vote
        _item(2, d(3, 16), d(3, 14), "Thursday"),
    ]
    assert event_info(items).when.start.date() == d(3, 14).date()


def test_a_town_comes_before_the_county_and_state_around_it() -> None:
    town, county, state = geocode("Spring, Texas"), geocode("Harris County"), geocode("Texas")
    assert town is not None and county is not None and state is not None
    assert (town.precision, county.precision, state.precision) == ("town", "district", "province")
    items = [
        _item(1, d(3, 15), d(3, 14), places=[town, county, state]),
        _item(2, d(3, 15), d(3, 14), places=[county, state]),
        _item(3, d(3, 16), d(3, 14), places=[state]),
    ]
    names = [w.name for w in event_info(items).where]
    assert names[0] == town.name, names
    assert names.index(town.name) < min(names.index(county.name), names.index(state.name))


def test_a_county_elsewhere_keeps_its_rank() -> None:
    town, other_county = geocode("Spring, Texas"), geocode("Travis County")
    assert town is not None and other_county is not None
    items = [
        _item(1, d(3, 15), d(3, 14), places=[town, other_county]),
        _item(2, d(3, 15), d(3, 14), places=[other_county]),
    ]
    assert event_info(items).where[0].name == other_county.name


def test_a_day_long_before_its_article_loses_a_tie_to_a_fresh_report() -> None:
    items = [
        _item(1, d(3, 15), d(3, 14), "Thursday night"),  # the report of the event
        _item(2, d(3, 15), d(1, 2), "last New Year's Day"),  # a page whose only day is months back
    ]
    assert event_info(items).when.start.date() == d(3, 14).date()


def test_a_lone_late_report_is_still_dated_by_the_old_day_it_names() -> None:
    items = [_item(1, d(9, 13), d(3, 9), "March 9, 2024")]
    assert event_info(items).when.start.date() == d(3, 9).date()


def test_a_night_past_midnight_also_speaks_for_the_day_it_ended_on() -> None:
    night = _item(1, d(3, 16), None)
    night[1].times = [TimeExpr("overnight", 0, 9, d(3, 15) + timedelta(hours=21), d(3, 16) + timedelta(hours=6),
                               "part_of_day", True, True)]
    items = [night, _item(2, d(3, 17), d(3, 16), "Saturday"), _item(3, d(3, 17), d(3, 12), "Tuesday")]
    # 16 March: Saturday's report plus half of the night's; 12 March and 15 March have one vote each or less
    assert event_info(items).when.start.date() == d(3, 16).date()


def test_a_tie_goes_to_the_day_reported_freshest() -> None:
    """One article a week after its day, one the day after its own: the fresh report dates the event
    (the old day is more often a look back or a clustering slip)."""
    items = [
        _item(1, d(3, 20), d(3, 13), "Wednesday"),
        _item(2, d(3, 20), d(3, 19), "Tuesday"),
    ]
    assert event_info(items).when.start.date() == d(3, 19).date()
    items = [
        _item(1, d(3, 14), d(3, 13), "Wednesday"),
        _item(2, d(3, 21), d(3, 19), "Tuesday"),
    ]
    assert event_info(items).when.start.date() == d(3, 13).date()
