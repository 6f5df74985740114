"""Looking names up in the gazetteer and choosing among candidates (geocoding)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from corroborate.geo.build import gazetteer
from corroborate.geo.index import _PRECISION_RANK, GazEntry, loose_key
from corroborate.model import Place
from corroborate.text.names import name_key


def lookup(name: str, fuzzy: bool = False) -> list[GazEntry]:
    """All gazetteer entries for a name (see `Gazetteer.lookup`)."""
    return gazetteer().lookup(name, fuzzy=fuzzy)


@dataclass
class Context:
    """What the rest of the article says about where things are: states/provinces and countries."""

    admin1: set[str]
    countries: set[str]
    country_hint: str | None = None


def is_primary(entry: GazEntry, key: str) -> bool:
    """Whether `key` (a loose_key) is the entry's own name rather than one of its alternate names.
    Provinces, countries and regions are indexed under their own names and exonyms only; towns and
    neighbourhoods also under geonames' alternate names, which include near-homonyms of surnames."""
    if entry.precision == "town" or entry.parent is not None:
        return loose_key(entry.name) == key
    return True


def known_as(entry: GazEntry, key: str, surface: str) -> bool:
    """Whether a mention written `surface` (loose key `key`) may name `entry`: by its own name, or by
    an alternate name of a big town; alternate names of three letters or fewer ("Boy", "Sam" are
    abbreviations in geonames) only when written as an acronym."""
    if is_primary(entry, key):
        return True
    if entry.population < 100000:
        return False
    return len(key.replace(" ", "")) > 3 or surface.isupper()


def _score(entry: GazEntry, ctx: Context, following: str | None, key: str | None) -> float:
    score = math.log10(entry.population + 10)
    if key is not None and is_primary(entry, key):
        score += 3
    if following and entry.admin1 and loose_key(entry.admin1) == loose_key(following):
        score += 20
    if following and entry.cc and following.upper() == entry.cc:
        score += 15
    if entry.admin1 and loose_key(entry.admin1) in ctx.admin1 and entry.precision != "province":
        score += 4
    if entry.cc and entry.cc in ctx.countries:
        score += 3
    if (
        entry.admin1
        and ctx.admin1
        and loose_key(entry.admin1) not in ctx.admin1
        and entry.cc in ctx.countries
    ):
        score -= 1
    if ctx.country_hint and entry.cc == ctx.country_hint:
        score += 3
    return score


def best(
    candidates: list[GazEntry], ctx: Context, following: str | None = None, name: str | None = None
) -> GazEntry | None:
    """Pick the most plausible entry for a mention named `name`; `following` is a state/country
    written right after it."""
    if not candidates:
        return None
    key = loose_key(name) if name else None
    return max(candidates, key=lambda e: (_score(e, ctx, following, key), -_PRECISION_RANK[e.precision]))


def geocode(name: str, lang: str | None = None, country_hint: str | None = None) -> Place | None:
    """Geocode one place name ("Springfield, Ill.", "Syrien", "دمشق") without article context."""
    gaz = gazetteer()
    following = None
    head = name
    if "," in name:
        head, tail = (p.strip() for p in name.split(",", 1))
        following = gaz.state_abbrev.get(tail, tail)
    candidates = gaz.lookup(head, fuzzy=True)
    ctx = Context(admin1=set(), countries=set(), country_hint=country_hint.upper() if country_hint else None)
    entry = best(candidates, ctx, following, head)
    if entry is None:
        return None
    return to_place(entry, name, 0, len(name))


def town_admin2(place: Place) -> str | None:
    """The county/district (admin2) of a geocoded town, found again by its name, country and position."""
    if place.lat is None or place.lon is None:
        return None
    for entry in lookup(place.name):
        if entry.cc == place.country and entry.lat is not None and entry.lon is not None \
                and abs(entry.lat - place.lat) < 1e-6 and abs(entry.lon - place.lon) < 1e-6:
            return entry.admin2
    return None


def to_place(entry: GazEntry, text: str, start: int, end: int) -> Place:
    return Place(
        name=entry.name,
        text=text,
        start=start,
        end=end,
        key=name_key(entry.name),
        country=entry.cc,
        admin1=entry.admin1,
        lat=entry.lat,
        lon=entry.lon,
        precision=entry.precision,
        geonameid=entry.geonameid,
    )


