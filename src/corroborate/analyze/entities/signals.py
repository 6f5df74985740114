"""Word-level signals about a span: demonyms, adjective openings, town names and institutions,
name particles, words that are never names; and `Found`, a typed span."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from corroborate import geo as gaz
from corroborate.analyze.entities.cues import (
    head_cue,
    locative_cue,
    next_words,
    prev_words,
)
from corroborate.analyze.entities.lexicon import (
    Lexicon,
    given_names,
    not_entities,
    person_nouns,
)
from corroborate.analyze.entities.spans import (
    NAME_PARTICLE,
    Span,
    Tok,
    is_title,
)
from corroborate.model import EntityKind
from corroborate.text.lexicon import common_words

ARABIC_NAME_TOKENS = common_words("name_particles")
# capitals only; letters beyond A-Z (ÖVP, SPÖ) in short ones, where an all-capitals word is no shouting
_ACRONYM = re.compile(r"^(?:[A-ZА-Я]{2,6}|[^\W\d_a-zа-я]{2,3}|(?:[A-Z]\.){2,4})$")


@dataclass
class Found:
    start: int
    end: int
    text: str
    base: str  # the surface without inflection endings
    kind: EntityKind
    canonical: str | None
    evidence: str  # alias, org, person, place, misc (for later merging)
    candidates: list[gaz.GazEntry] | None = None


_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")


def adjective_opening(span: Span, lex: Lexicon) -> bool:
    """ "Zahlreiche Straßen ...", "Hohe Fieber ...": where every noun is capitalised, two words opening a
    sentence whose first has an adjective ending are an adjective and its noun, not a name."""
    toks = span.toks
    first = toks[0].low
    return (
        lex.capitalised_nouns
        and span.sentence_initial
        and len(toks) == 2
        and len(first) >= 4
        and first.endswith(_ADJECTIVE_ENDINGS)
        and first not in given_names()
    )


def compound_org_head(low: str, lex: Lexicon) -> bool:
    """An organisation head word, or where nouns compound one ending in it ("Staatsanwaltschaft",
    "Wetteramt", "Landespolizei"); the part before it four letters or more."""
    if low in lex.org_heads:
        return True
    return lex.capitalised_nouns and any(
        low.endswith(h) and len(low) - len(h) >= 4 for h in lex.org_heads if len(h) >= 3
    )


def _same_sentence(text: str, start: int, word: str) -> bool:
    """Whether the word before `start` is in the same sentence: no line break or sentence mark
    between them, a full stop only after an abbreviated title ("Dr.", "Gen.")."""
    gap = text[max(0, start - 4) : start]
    if "\n" in gap or any(c in gap for c in "!?;:"):
        return False
    return "." not in gap or len(word) <= 4


def demonym(word: str, lex: Lexicon) -> bool:
    """Whether a capitalised word is a nationality or regional adjective of a country or region the
    gazetteer knows ("Kenyan", "Taïwanaise"), and not itself one: how a text qualifies, not a name."""
    return _demonym(word, lex.lang, lex.demonym_endings)


def _broad(name: str) -> bool:
    return any(e.precision in ("country", "province", "region") for e in gaz.lookup(name))


@lru_cache(maxsize=8192)
def _demonym(word: str, _lang: str, endings: tuple[tuple[str, str], ...]) -> bool:
    low = word.lower()
    for ending, replacement in endings:
        stem = word[: len(word) - len(ending)] + replacement
        if low.endswith(ending) and len(stem) >= 4 and len(low) - len(ending) >= 3 and _broad(stem):
            return not _broad(word)
    return False


def _broad_or_big(name: str) -> bool:
    """A country, province or a city of 100,000 people or more, by this very name."""
    key = gaz.loose_key(name)
    return any(
        e.precision in ("country", "province", "region") or e.population >= 100000 and gaz.is_primary(e, key)
        for e in gaz.lookup(name)
    )


def not_a_name(surface: str, toks: list[Tok], lex: Lexicon) -> bool:
    """Spans that are no entity whatever their context: language names ("Arabic"), demonyms
    ("Kenyan"), and capitalised words too long for an acronym ("SUBSCRIBE") unless a place."""
    if all(t.low in lex.language_names for t in toks) or surface in not_entities():
        return True
    if len(toks) != 1:
        return False
    word = toks[0].text
    if toks[0].low in person_nouns(lex.lang):
        return True  # "Civilians", "Residents": people, not a name
    if word.isupper() and len(word) > 6 and word.isalpha():
        return not gaz.lookup(word)
    parts = word.split("-")  # "Kurdish-Arab", "Franco-German"
    return word[:1].isupper() and all(p[:1].isupper() and demonym(p, lex) for p in parts)


def _town_only(f: Found) -> bool:
    """Whether a found place can only be a town or neighbourhood (not a country, province, alias)."""
    return f.evidence == "place" and all(e.precision in ("town", "district") for e in f.candidates or ())


def _cue_word(low: str, lex: Lexicon) -> bool:
    """Whether a token is a lexicon word (a head, compass or cue word), not part of a proper name."""
    return any(
        low in words
        for words in (
            lex.stopwords,
            lex.place_heads,
            lex.province_heads,
            lex.district_heads,
            lex.compass_words,
            lex.person_before,
            lex.org_heads,
            lex.common_words,
            lex.connectors,
        )
    )


def town_named(name: str, min_population: int = 10000) -> bool:
    """Whether `name` is, as written, the own name of a town of `min_population` people or more."""
    key = gaz.loose_key(name)
    return any(
        e.precision == "town" and e.population >= min_population and gaz.is_primary(e, key)
        for e in gaz.lookup(name)
    )


def town_institution(text: str, span: Span, lex: Lexicon) -> bool:
    """Whether a town's own service is named beside the span: after it ("<X> police", "<X> Sheriff's
    Office") or before it ("Polizei <X>", "policía de <X>", "полиция <X>")."""
    nxt = next_words(text, span.end, 1)
    if nxt and nxt[0] in lex.town_institutions:
        return True
    prev = prev_words(text, span.start, 3)
    return any(" ".join(prev[-k:]) in lex.town_institutions for k in (1, 2, 3) if len(prev) >= k)


def prefixed_name(span: Span, lex: Lexicon) -> bool:
    """Whether a multi-word span starts with a word that starts town names ("Fort", "Bad", "San")."""
    first = span.toks[0].low
    return len(span.toks) >= 2 and (first in lex.name_prefixes or first + "." in lex.name_prefixes)


def _unknown_town_cue(text: str, span: Span, lex: Lexicon, prev: list[str], nxt: list[str]) -> bool:
    if locative_cue(text, span.start, lex) or head_cue(text, span, lex) or town_institution(text, span, lex):
        return True
    if not nxt or nxt[0] not in lex.place_modifiers or nxt[0] in lex.org_heads:
        return False  # "<X> Hospital" is an institution's name, not its town
    return not (nxt[0] in lex.family_modifiers and bool(prev) and prev[-1] in lex.family_articles)


def name_before(toks: list[Tok], lex: Lexicon) -> bool:
    """Whether these tokens, right before a name, make it part of a person's name (given name,
    title, Arabic name particle)."""
    return any(
        t.low in given_names()
        or t.low.rstrip(".") in lex.person_before
        or t.low in ARABIC_NAME_TOKENS
        or NAME_PARTICLE.match(t.text)
        for t in toks
    )


def _person_by_form(toks: list[Tok], lex: Lexicon) -> bool:
    """Whether tokens read as a person's name by their form: a title first ("Bundestrainer <X>"), a
    given name first and a surname after it, or an Arabic-style name with its particle."""
    if not toks:
        return False
    if is_title(toks[0].low, lex) and len(toks) >= 2:
        return True
    if len(toks) >= 2 and toks[0].low in given_names():
        return True
    return len(toks) >= 2 and any(NAME_PARTICLE.match(t.text) for t in toks)


