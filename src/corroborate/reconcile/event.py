"""Event-level facts of a story: type (vote), when (the best-supported event day), where (places)."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timedelta

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


def _when(items: list[tuple[Article, Analysis]]) -> WhenInfo:
    """The day most articles place the event on (ties: the earliest), at the best precision given."""
    by_day: dict[str, list[tuple[datetime, datetime | None, str]]] = defaultdict(list)
    for _, analysis in items:
        t = analysis.event_time
        if t is None or t.value is None:
            continue
        precision = t.precision or "day"
        if _PRECISION_RANK.get(precision, 3) > 3:  # week/month/year: too coarse to vote on a day
            continue
        by_day[t.value.date().isoformat()].append((t.value, t.value_end, precision))
    if not by_day:
        coarse = [a.event_time for _, a in items if a.event_time and a.event_time.value]
        if coarse:
            t = min(coarse, key=lambda x: x.value)
            return WhenInfo(t.value, t.value_end, t.precision)
        published = sorted(a.published for a, _ in items if a.published)
        if published:
            return WhenInfo(published[0], published[0] + timedelta(days=1), "day")
        return WhenInfo(None, None, None)
    day = max(sorted(by_day), key=lambda d: len(by_day[d]))
    entries = by_day[day]
    best = min(entries, key=lambda e: _PRECISION_RANK.get(e[2], 3))
    end = max((e[1] for e in entries if e[1]), default=None)
    return WhenInfo(best[0], end, best[2])


def _where(items: list[tuple[Article, Analysis]], limit: int = 8) -> list[WhereInfo]:
    """Places by the number of articles naming them, then precision, then salience in the articles."""
    from corroborate.analyze.places import rank_places

    counts: Counter[str] = Counter()
    salience: dict[str, float] = defaultdict(float)
    sample: dict[str, Place] = {}
    for article, analysis in items:
        seen: set[str] = set()
        for position, place in enumerate(rank_places(list(analysis.places), article.text)):
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
