"""How much one place mention says about where the event happened.

A town named as a victim's home ("Jane Roe, 34, of Springfield", "a Springfield man") or as the seat of
the hospital the wounded were taken to ("flown to a hospital in Springfield", "Springfield General
Hospital") is seldom where it happened; such mentions weigh less when the article's places are ranked.
The words are data (`data/lang/<code>/entities.json`: `care_words`, `residence_preps` after a comma,
`residence_preps_bare` anywhere, `residence_nouns` after the town).
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from corroborate.model import Place
from corroborate.text.lexicon import load_part

# weight of a mention that names a victim's or suspect's home, and of one that names a hospital's town
RESIDENCE_WEIGHT = 0.5
CARE_WEIGHT = 0.5
_LANGS = ("en", "sv", "de", "es", "fr", "ar", "ru")
_NEVER = re.compile(r"(?!x)x")


class _Cues(NamedTuple):
    care_after: re.Pattern[str]  # at the mention's end: " Children's Hospital", " Regional Medical Center"
    care_before: re.Pattern[str]  # ending where the mention starts: "taken to a hospital in "
    residence_before: re.Pattern[str]  # ", 34, of ", ", from "
    residence_after: re.Pattern[str]  # " man", " resident"
    residence_bare: re.Pattern[str]  # "aus ", "från ": origin even without a comma


def _alt(words: list[str]) -> str:
    items = sorted({re.escape(w).replace(r"\ ", r"\s+") for w in words if w}, key=len, reverse=True)
    return "(?:" + "|".join(items) + ")" if items else r"(?!x)x"


@cache
def _cues(lang: str | None) -> _Cues:
    code = (lang or "en").lower()[:2]
    data = load_part(code if code in _LANGS else "en", "entities") or {}
    care, preps, nouns = data.get("care_words", []), data.get("residence_preps", []), data.get("residence_nouns", [])
    bare = data.get("residence_preps_bare", [])
    return _Cues(
        # up to three capitalised words of the facility's name between the town and the care word
        re.compile(rf"(?:[^\S\n]+[A-Z][\w'’.-]*){{0,3}}[^\S\n]+(?i:{_alt(care)})(?!\w)") if care else _NEVER,
        re.compile(rf"(?i:{_alt(care)})[\w'’]*[^\S\n]+(?:\w+[^\S\n]+)?$") if care else _NEVER,
        re.compile(rf",[^\S\n]*(?:\d{{1,3}}[^\S\n]*,[^\S\n]*)?(?i:{_alt(preps)})[^\S\n]+$") if preps else _NEVER,
        re.compile(rf"[^\S\n]+(?i:{_alt(nouns)})(?!\w)") if nouns else _NEVER,
        re.compile(rf"(?<!\w)(?i:{_alt(bare)})[^\S\n]+$") if bare else _NEVER,
    )


def mention_weight(text: str, place: Place, lang: str | None) -> float:
    """1.0 for a plain mention; less for a home town or a hospital's town (see the module doc)."""
    if place.precision != "town" or place.end <= place.start or text[place.start : place.end] != place.text:
        return 1.0
    cues = _cues(lang)
    before = text[max(0, place.start - 40) : place.start]
    if cues.care_after.match(text, place.end) or cues.care_before.search(before):
        return CARE_WEIGHT
    if cues.residence_before.search(before) or cues.residence_bare.search(before) \
            or cues.residence_after.match(text, place.end):
        return RESIDENCE_WEIGHT
    return 1.0
