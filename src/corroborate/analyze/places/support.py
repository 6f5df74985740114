"""Which countries an article is about, and the country of a town the gazetteer lacks.

A small town in a country that nothing else in the article points to is more often a surname, a
newspaper or a homonym than a place ("the death of al-X" is no Georgian village). `Support` records,
per country, which mentions point to it: countries, provinces and states, big towns, and towns
named with a strong cue ("in X", "the village of X", a dateline). A town needs support from some
other mention, or a strong cue of its own.

A town the gazetteer lacks ("in <village>") takes the country of the nearest town or province in
its sentence, then that of a country named there as a location ("in Syria", "Syria's
north-west"), then that of the nearest town or province in an adjacent sentence, then that of the article's top-ranked town or province, and
only then the country the article names most, where a locative mention weighs more than an actor
("US forces", "the United States said").
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field

from corroborate.model import Place

BIG_TOWN = 100_000
_LOCAL = ("town", "district", "point")
_AREA = ("town", "district", "province")
_LOCATIVE_WEIGHT = 3.0
_ACTOR_WEIGHT = 1.0


@dataclass
class Support:
    """Per country, the loose keys of the mentions that point to it ("" for implicit evidence such
    as a US state abbreviation after a comma)."""

    by_country: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, country: str | None, key: str) -> None:
        if country:
            self.by_country[country].add(key)

    def any(self) -> bool:
        return bool(self.by_country)

    def from_others(self, country: str | None, key: str) -> bool:
        """Whether a mention other than `key` points to `country`."""
        return bool(country) and any(k != key for k in self.by_country.get(country or "", ()))


def needs_cue(place: Place, population: int, primary: bool) -> bool:
    """Whether a geocoded place is minor enough to need support or a strong cue (small towns and
    neighbourhoods; not countries, provinces or big towns named by their own name)."""
    return place.precision in ("town", "district") and not (primary and population >= BIG_TOWN)


class SentenceIndex:
    """Sentence number of a character offset."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in spans] or [0]

    def of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)


def nearby_country(
    start: int,
    resolved: list[Place],
    sentences: SentenceIndex,
    locative_countries: list[Place],
) -> str | None:
    """Country of the nearest town/province in the sentence of `start`, else of a country named
    as a location in that sentence, else of the nearest town/province in an adjacent sentence."""
    sent = sentences.of(start)
    areas = [p for p in resolved if p.country and p.precision in _AREA and p.lat is not None]
    for distance in (0, 1):
        near = [p for p in areas if abs(sentences.of(p.start) - sent) == distance]
        if near:
            return min(near, key=lambda p: (abs(p.start - start), p.start < start)).country
        if distance == 0:
            same = [p for p in locative_countries if p.country and sentences.of(p.start) == sent]
            if same:
                return min(same, key=lambda p: abs(p.start - start)).country
    return None


def nearby_province(start: int, resolved: list[Place], sentences: SentenceIndex, country: str | None) -> Place | None:
    """The province of `country` named nearest to `start` in its sentence or an adjacent one ("the town
    of X in Y province"): where a town the gazetteer lacks lies, to locate it on a map at the
    province's coordinates."""
    if not country:
        return None
    sent = sentences.of(start)
    provinces = [p for p in resolved if p.country == country and p.precision == "province" and p.lat is not None]
    for distance in (0, 1):
        near = [p for p in provinces if abs(sentences.of(p.start) - sent) == distance]
        if near:
            return min(near, key=lambda p: abs(p.start - start))
    return None


def article_country(ranked: list[Place], country_mentions: list[tuple[Place, bool]]) -> str | None:
    """The article's country for a place with nothing near it: that of the top-ranked town or
    province, else the country most named, locative mentions weighing more than actors."""
    for p in ranked:
        if p.precision in _AREA and p.country and p.lat is not None:
            return p.country
    weights: dict[str, float] = defaultdict(float)
    first: dict[str, int] = {}
    for p, locative in country_mentions:
        if p.country:
            weights[p.country] += _LOCATIVE_WEIGHT if locative else _ACTOR_WEIGHT
            first.setdefault(p.country, p.start)
    if not weights:
        return None
    return max(weights, key=lambda c: (weights[c], -first[c]))


def is_local(place: Place) -> bool:
    return place.precision in _LOCAL
