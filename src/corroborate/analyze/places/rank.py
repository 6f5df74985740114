"""The article's places, most salient first (`rank_places`)."""

from __future__ import annotations

import re

from corroborate.analyze.places.datelines import is_dateline
from corroborate.analyze.places.mentions import mention_weight
from corroborate.model import Place

_SALIENCE_TIER = {"town": 0, "point": 1, "district": 2, "province": 3, "country": 4, "region": 5}


_STATE_BESIDE = re.compile(r",[^\S\n]*[A-Z][A-Za-z.]+")


def rank_places(places_: list[Place], text: str | None = None, lang: str | None = None) -> list[Place]:
    """Distinct places, most salient first: geocoded towns, then addresses, districts, provinces,
    countries, regions. Within a tier, given the article `text`: a dateline town first, then one
    named with its state/country beside it ("Gary, Ind.") or after a preposition in the first
    sentence; then by how often and how early the place is mentioned (a home town or a hospital's
    town counts less: mentions.mention_weight`, with the words of `lang`)."""
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
