"""The story's event day and places from its articles' analyses (reconcile/event.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from corroborate.analyze.places import geocode
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
