"""Event-level facts of a story: type (vote), when (the best-supported event day), where (places)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from corroborate.geo import town_admin2
from corroborate.model import Analysis, Article, EventInfo, Place, WhenInfo, WhereInfo

_PRECISION_RANK = {"minute": 0, "hour": 1, "part_of_day": 2, "day": 3, "week": 4, "month": 5, "year": 6}
# Order of the dossier's places at equal support: the town first, then finer and coarser ones.
_PLACE_RANK = {"town": 0, "district": 1, "point": 2, "province": 3, "country": 4, "region": 5}


def event_info(items: list[tuple[Article, Analysis]]) -> EventInfo:
    return EventInfo(type=_event_type(items), when=_when(items), where=_where(items))


def _event_type(items: list[tuple[Article, Analysis]]) -> str | None:
    votes: Counter[str] = Counter()
    for _, analysis in items:
        if analysis.event_type_scores:
            total = sum(analysis.event_type_scores.values()) or 1.0
            for kind, score in analysis.event_type_scores.items():
                votes[kind] += score / total
        elif analysis.event_type:
            votes[analysis.event_type] += 1.0
    votes.pop("other", None)
    return votes.most_common(1)[0][0] if votes else None


# articles published this long after the story's first report tell what came next (an arrest, a trial),
# not when the event itself happened: they vote on its day only when the early ones name none
_FIRST_REPORT_WINDOW = timedelta(days=7)
# an article that names no time votes for its publication day, which is a weaker statement
_PUBLISHED_DAY_VOTE = 0.5
# ... and a follow-up's vote for a later day counts this much: it takes several to outvote one first report
_FOLLOW_UP_VOTE = 0.4


# a day over a month before the article's own publication is a look back (background, or the event a
# late follow-up reports on): alone it still dates the story, against a fresh report it counts less
_LONG_BEFORE = timedelta(days=31)
_LONG_BEFORE_VOTE = 0.5


# the share of a night's vote that goes to the day after it (the hours past midnight)
_PAST_MIDNIGHT_VOTE = 0.5


class _Vote(NamedTuple):
    day: str
    value: datetime
    end: datetime | None
    precision: str
    weight: float


def _when(items: list[tuple[Article, Analysis]]) -> WhenInfo:
    """The day the articles that report the event itself place it on.

    Each article votes for the day of its event time (week/month/year picks are too coarse to vote);
    an article that names no time votes half for its publication day. Articles published more than a
    week after the story's first report are follow-ups and vote only when the early ones give no day.
    Ties: the day more articles mention at all, then the one reported soonest after it, then the earliest.
    """
    votes: list[tuple[datetime | None, _Vote]] = []
    for article, analysis in items:
        t = analysis.event_time
        if t is None or t.value is None:
            continue
        precision = t.precision or "day"
        if _PRECISION_RANK.get(precision, 3) > 3:
            continue
        weight = _PUBLISHED_DAY_VOTE if not t.text else 1.0
        published = _aware(article.published)
        if published is not None and published - t.value > _LONG_BEFORE:
            weight *= _LONG_BEFORE_VOTE
        votes.append((published, _Vote(t.value.date().isoformat(), t.value, t.value_end, precision, weight)))
    if not votes:
        coarse = [a.event_time for _, a in items if a.event_time and a.event_time.value]
        if coarse:
            t = min(coarse, key=lambda x: x.value)
            return WhenInfo(t.value, t.value_end, t.precision)
        published = sorted(a.published for a, _ in items if a.published)
        if published:
            return WhenInfo(published[0], published[0] + timedelta(days=1), "day")
        return WhenInfo(None, None, None)
    early = _first_reports(votes)
    support: Counter[str] = Counter()
    for v in early:
        support[v.day] += v.weight
        if v.precision == "part_of_day" and v.end is not None and v.end.date() > v.value.date() \
                and v.end.date() - v.value.date() == timedelta(days=1) and v.end.hour > 0:
            # a night runs past midnight: "overnight" also speaks for the day it ended on
            support[v.end.date().isoformat()] += v.weight * _PAST_MIDNIGHT_VOTE
    mentioned = _days_mentioned(items)
    # how soon after the day the articles voting for it were published: a fresh report of the day
    # weighs more than a look back at an earlier one
    lag: dict[str, float] = {}
    for published, v in votes:
        if published is not None:
            days = max(0.0, (published - v.value).total_seconds() / 86400)
            lag[v.day] = min(lag.get(v.day, days), days)

    def rank(day: str) -> tuple[float, int, float, str]:
        return (-support[day], -mentioned[day], lag.get(day, 0.0), day)

    day = min(support, key=rank)
    entries = [v for v in early if v.day == day]
    best = min(entries, key=lambda v: _PRECISION_RANK.get(v.precision, 3))
    end = max((v.end for v in entries if v.end), default=None)
    return WhenInfo(best.value, end, best.precision)


def _first_reports(votes: list[tuple[datetime | None, _Vote]]) -> list[_Vote]:
    """The votes, a follow-up's discounted: an article published over a week after the first report
    that places the event after that report (its own arrest, hearing or funeral) counts `_FOLLOW_UP_VOTE`."""
    dated = [published for published, _ in votes if published is not None]
    if not dated:
        return [v for _, v in votes]
    first = min(dated)
    latest_day = (first + timedelta(days=1)).date().isoformat()
    out = []
    for published, v in votes:
        if published is not None and published - first > _FIRST_REPORT_WINDOW and v.day > latest_day:
            v = v._replace(weight=v.weight * _FOLLOW_UP_VOTE)
        out.append(v)
    return out


def _aware(published: datetime | None) -> datetime | None:
    """Publication times compared across articles: a naive one is taken as UTC."""
    if published is None or published.tzinfo is not None:
        return published
    return published.replace(tzinfo=UTC)


def _days_mentioned(items: list[tuple[Article, Analysis]]) -> Counter[str]:
    """For each day, how many articles name it in any day-or-finer time expression."""
    mentioned: Counter[str] = Counter()
    for _, analysis in items:
        days = {
            t.value.date().isoformat()
            for t in analysis.times
            if t.value is not None and t.text and _PRECISION_RANK.get(t.precision or "day", 3) <= 3
        }
        mentioned.update(days)
    return mentioned


def _where(items: list[tuple[Article, Analysis]], limit: int = 8) -> list[WhereInfo]:
    """Places by the number of articles naming them, then precision, then salience in the articles."""
    from corroborate.analyze.places import rank_places

    counts: Counter[str] = Counter()
    salience: dict[str, float] = defaultdict(float)
    sample: dict[str, Place] = {}
    for article, analysis in items:
        seen: set[str] = set()
        for position, place in enumerate(rank_places(list(analysis.places), article.text, analysis.lang or article.lang)):
            key = place.key or place.name.lower()
            if key in seen:
                continue
            seen.add(key)
            counts[key] += 1
            salience[key] += 1.0 / (1 + position)
            current = sample.get(key)
            if current is None or (current.lat is None and place.lat is not None):
                sample[key] = place
    ranked = sorted(
        counts,
        key=lambda k: (-counts[k], _PLACE_RANK.get(sample[k].precision or "region", 6), -salience[k], sample[k].name),
    )
    ranked = _towns_before_their_county(_countries_with_places(_supported_abroad(ranked, sample, counts, len(items)),
                                                                sample), sample)
    return [
        WhereInfo(
            name=sample[k].name,
            country=sample[k].country,
            lat=sample[k].lat,
            lon=sample[k].lon,
            precision=sample[k].precision,
            articles=counts[k],
        )
        for k in ranked[:limit]
    ]


_CONTAINERS = ("district", "province")


def _supported_abroad(ranked: list[str], sample: dict[str, Place], counts: Counter[str], n_articles: int) -> list[str]:
    """In a story of three or more reports, a place that one report alone names, in a country nothing else
    that two reports place something in, lacks support ("Eindhoven" read from a word of one report on an African village)."""
    if n_articles < 3:
        return ranked
    supported = {sample[k].country for k in ranked if counts[k] > 1}
    return [k for k in ranked if counts[k] > 1 or sample[k].precision in ("country", "region")
            or not sample[k].country or sample[k].country in supported]


def _countries_with_places(ranked: list[str], sample: dict[str, Place]) -> list[str]:
    """A country is where the event happened only when the story places a town, district or province
    in it; one named only as an actor ("the United States said", "US forces") is not an event place,
    unless the story names no place inside any country."""
    inner = {sample[k].country for k in ranked if sample[k].precision in ("town", "district", "province", "point")}
    inner.discard(None)
    if not inner:
        return ranked
    return [k for k in ranked if sample[k].precision != "country" or sample[k].country in inner]


def _towns_before_their_county(ranked: list[str], sample: dict[str, Place]) -> list[str]:
    """A county or state never comes before the town the story names inside it: "Harris County" (2 articles)
    and "Spring" (1) -> the town, then the county. The town moves up to just before its container."""
    out = list(ranked)
    for key in ranked:
        container = sample[key]
        if container.precision not in _CONTAINERS:
            continue
        at = out.index(key)
        inside = [k for k in out[at + 1 :] if sample[k].precision == "town" and sample[k].lat is not None
                  and _inside(sample[k], container, town_admin2)]
        if inside:
            out.remove(inside[0])
            out.insert(at, inside[0])
    return out


def _inside(town: Place, container: Place, town_admin2: Callable[[Place], str | None]) -> bool:
    if not town.country or town.country != container.country or not town.admin1 or town.admin1 != container.admin1:
        return False
    return container.precision == "province" or town_admin2(town) == container.name
