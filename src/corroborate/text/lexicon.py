"""The one loader of language data: `data/lang/<code>/<part>.json`.

Each part (numbers, claims, attribution, entities, times, framing, events) is declared in
`data/schema.json` with its allowed keys and its fallback for a language that lacks it: another
language's file, `union` (the caller builds a union of the cased languages) or null (nothing: the
feature is off for that language). `data/lang/xx/` holds the language-independent lists.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from importlib import resources
from importlib.abc import Traversable
from typing import Any

FALLBACK_LANG = "en"
LEXICON_PARTS = ("numbers", "claims", "attribution")  # what `load_lexicon` bundles
_CODE = re.compile(r"[a-z]{2,3}")


def lang_dir() -> Traversable:
    return resources.files("corroborate.data") / "lang"


def _read(path: Traversable) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"language data {path} is not valid JSON ({exc}); fix the file") from exc
    except OSError as exc:
        raise RuntimeError(f"cannot read language data {path}: {exc}; reinstall the package data") from exc


@cache
def schema() -> dict[str, Any]:
    return _read(resources.files("corroborate.data") / "schema.json")


def language_code(lang: str | None) -> str | None:
    """'en-GB', 'EN', 'en_US' -> 'en'; None for anything that is not a language code."""
    code = (lang or "").lower().split("-")[0].split("_")[0]
    return code if _CODE.fullmatch(code) else None


def languages() -> tuple[str, ...]:
    """The languages with data (every part present), in the schema's order."""
    return tuple(schema()["languages"])


def has_part(lang: str | None, part: str) -> bool:
    code = language_code(lang)
    return code is not None and (lang_dir() / code / f"{part}.json").is_file()


@lru_cache(maxsize=256)
def load_part(lang: str | None, part: str) -> dict[str, Any] | None:
    """One part of a language's data, or its declared fallback (None when the fallback is null or
    `union`). Keys starting with '_' are documentation and are left out. Treat the result as read-only."""
    spec = schema()["parts"].get(part)
    if spec is None:
        raise KeyError(f"unknown language-data part {part!r}; the parts are {sorted(schema()['parts'])}")
    code = language_code(lang)
    if code is None or not has_part(code, part):
        code = spec["fallback"] if spec["fallback"] not in (None, "union") else None
        if code is None:
            return None
    data = _read(lang_dir() / code / spec["file"])
    return {k: v for k, v in data.items() if not k.startswith("_")}


@lru_cache(maxsize=32)
def load_lexicon(lang: str | None) -> dict[str, Any]:
    """The count lexicon of `lang` ({numbers, claims, attribution}); English parts where it has none."""
    return {part: load_part(lang, part) or {} for part in LEXICON_PARTS}


@cache
def common_list(name: str) -> tuple[str, ...]:
    """A language-independent word list from `data/lang/xx/words.json` (clause joiners, relative
    pronouns ... in every supported language at once), in file order."""
    data = _read(lang_dir() / "xx" / "words.json")
    if name not in data or name.startswith("_"):
        raise KeyError(f"no list {name!r} in data/lang/xx/words.json; the lists are {sorted(data)}")
    return tuple(data[name])


@cache
def common_words(name: str) -> frozenset[str]:
    """`common_list` as a set, for membership tests."""
    return frozenset(common_list(name))


def boilerplate_files() -> list[Traversable]:
    """Every language's boilerplate pattern file, `xx` (language-independent debris) included."""
    return sorted((d / "boilerplate.txt" for d in lang_dir().iterdir() if (d / "boilerplate.txt").is_file()),
                  key=lambda p: str(p))
