"""Named entities without an NER model: capitalised spans, cue words, aliases and the gazetteer.

Cased scripts: sequences of capitalised tokens (with lower-case connectors such as al-, bin, de,
von, "of") are trimmed of stopwords and cue words, then typed by evidence in this order: alias
list, organisation head words and acronyms, person cues (titles before, said-verbs after, given
names, Arabic name particles), the gazetteer (with a preposition cue for ambiguous towns).
Caseless scripts (Arabic): alias and gazetteer n-grams, title cues ("الرئيس", "المتحدث") and
names already found in the article. Person mentions that match by `same_name` (a surname alone
included) share the canonical of the fullest form. Lexicons: data/lang/<code>/entities.json.

Modules: lexicon (lexicons, aliases), spans (tokens, capitalised spans),
cues (context cues), classify (typing a span), caseless (Arabic),
mentions (all mentions of an article), places (geocoding them: `find_places`).
"""

from __future__ import annotations

from corroborate import geo as gaz
from corroborate.analyze.entities.cues import strong_place_cue
from corroborate.analyze.entities.lexicon import Lexicon, given_names, lexicon, resolve_alias
from corroborate.analyze.entities.mentions import Found, find_mentions
from corroborate.analyze.entities.places import find_places
from corroborate.model import Analysis, Article, Mention
from corroborate.text.names import name_key

__all__ = [
    "Lexicon",
    "entities",
    "find_places",
    "given_names",
    "lexicon",
    "resolve_alias",
    "strong_place_cue",
]


def _place_name(f: Found) -> str | None:
    if f.kind != "place" or not f.candidates:
        return None
    entry = gaz.best(f.candidates, gaz.Context(admin1=set(), countries=set()), None, f.base)
    return entry.name if entry else None


def entities(article: Article, analysis: Analysis) -> None:
    """Pipeline component: fill `analysis.mentions` (people, organisations, places, groups, misc)."""
    analysis.mentions = [
        Mention(
            text=f.text,
            kind=f.kind,
            key=name_key(f.canonical or f.base),
            start=f.start,
            end=f.end,
            canonical=f.canonical or _place_name(f) or f.base,
        )
        for f in find_mentions(article, analysis)
    ]
