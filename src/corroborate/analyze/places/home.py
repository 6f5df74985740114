"""A province or region is read in the article's own country: "Western Region" in an article whose towns
are in one country is that country's province (the gazetteer may know it as "Western"), not a province of
the same name in another country."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from corroborate import geo as gaz

_AREAS = ("province", "region")


def home_countries(entries: Sequence[gaz.GazEntry]) -> set[str]:
    """The countries of the article's geocoded towns, districts and points, and of the countries it names."""
    return {e.cc for e in entries if e.cc and e.precision in ("town", "district", "point", "country")}


def in_home_country(base: str, entry: gaz.GazEntry, candidates: Sequence[gaz.GazEntry], home: set[str],
                    heads: Collection[str]) -> gaz.GazEntry:
    """`entry`, or the province of the same name in a `home` country when `entry` is an area elsewhere: among
    the mention's `candidates`, or under its name without a generic head word ("Western Region" ->
    "Western"; `heads`: the language's place head words)."""
    if entry.precision not in _AREAS or not home or entry.cc in home:
        return entry
    alternatives = [e for e in candidates if e.precision in _AREAS and e.cc in home]
    words = base.split()
    if not alternatives and len(words) >= 2:
        rest = " ".join(words[:-1]) if words[-1].casefold() in heads else (
            " ".join(words[1:]) if words[0].casefold() in heads else "")
        if rest:
            alternatives = [e for e in gaz.lookup(rest) if e.precision in _AREAS and e.cc in home]
    return max(alternatives, key=lambda e: e.population, default=entry)
