"""The gazetteer's index: entries keyed by `loose_key`, with spelling-variant skeletons behind it."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import NamedTuple

from anyascii import anyascii

from corroborate.model import PlacePrecision
from corroborate.text.names import name_key, transliterate

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


def _ascii_fold(name: str) -> str:
    return _NON_WORD.sub("", anyascii(name).lower())


_USEFUL_SCRIPT = re.compile(r"^[\s\-'’`‘.()A-Za-z\u00C0-\u024F\u1E00-\u1EFF\u0400-\u04FF\u0600-\u06FF]+$")


def _useful_names(alternates: list[str]) -> list[str]:
    """Alternate names in the scripts we read; all-lower-case ones are romanisation keys, not names."""
    return [a for a in alternates if a and not a.islower() and _USEFUL_SCRIPT.match(a)]


