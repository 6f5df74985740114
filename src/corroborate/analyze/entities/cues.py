"""Context cues around a name: the words before and after it, locative prepositions, place head
words ("the village of X", "X province") and a state or country after a comma."""

from __future__ import annotations

import re
from functools import lru_cache

from corroborate import geo as gaz
from corroborate.analyze.entities.lexicon import Lexicon
from corroborate.analyze.entities.spans import Span


def prev_words(text: str, start: int, k: int = 3) -> list[str]:
    words = re.findall(r"[\w.'’-]+", text[max(0, start - 60) : start])
    return [w.lower().rstrip(".") for w in words[-k:]]


def next_words(text: str, end: int, k: int = 2) -> list[str]:
    words = re.findall(r"[\w'’-]+", text[end : end + 50])
    return [w.lower() for w in words[:k]]


def following_admin(text: str, end: int) -> str | None:
    """A state/country written right after a place ("Gary, Ind." / "Gary, Indiana") as its full name."""
    m = re.match(
        r",\s*((?:[A-Z][a-z]{0,3}\.\s?)+|[A-Z]{2}\b|[A-Z][\w]+(?:\s[A-Z][\w]+)?)", text[end : end + 40]
    )
    if not m:
        return None
    raw = m.group(1).strip()
    g = gaz.gazetteer()
    if raw in g.state_abbrev:
        return g.state_abbrev[raw]
    if raw.rstrip(".") + "." in g.state_abbrev:
        return g.state_abbrev[raw.rstrip(".") + "."]
    entries = g.lookup(raw)
    if any(e.precision in ("province", "country") for e in entries):
        return raw
    return None


def prev_skipping_compass(text: str, start: int, lex: Lexicon, k: int) -> list[str]:
    """The k words before `start`, compass words right before it left out ("in southwest <town>")."""
    prev = prev_words(text, start, k + 2)
    while prev and prev[-1] in lex.compass_words:
        prev = prev[:-1]
    return prev[-k:] if prev else []


def locative_cue(text: str, start: int, lex: Lexicon) -> bool:
    prev = prev_skipping_compass(text, start, lex, 2)
    if not prev:
        return False
    gap = text[max(0, start - 3) : start]
    if any(c in gap for c in ",.;:\n"):
        return False
    return prev[-1] in lex.locative_preps or " ".join(prev[-2:]) in lex.locative_preps


def place_cue(text: str, start: int, end: int, lex: Lexicon) -> bool:
    prev = prev_skipping_compass(text, start, lex, 3)
    nxt = next_words(text, end, 1)
    if prev and (prev[-1] in lex.place_preps or prev[-1] in lex.place_heads):
        return True
    if len(prev) >= 2 and " ".join(prev[-2:]) in lex.place_preps:
        return True
    return bool(nxt and nxt[0] in lex.place_heads)


_COMMA_PREP = re.compile(r",\s*\w+\s+(?:[^\W\d_]+[^\S\n]+)?$")  # a comma, the preposition, a compass word


def strong_place_cue(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """A cue that the name at text[start:end] is a place whatever else it could be: a locative
    preposition ("in", "near"; not "of" or "to", which also come before people), a place head word
    ("the village of X", "X province") or a state/country after a comma."""
    prev = prev_skipping_compass(text, start, lex, 3)
    nxt = next_words(text, end, 1)
    if prev:
        two = " ".join(prev[-2:])
        if prev[-1] in lex.place_heads or (len(prev) >= 2 and two in lex.place_preps):
            return True
        if prev[-1] in lex.place_preps and prev[-1] not in lex.weak_place_preps:
            gap = text[max(0, start - 3) : start]
            return not any(c in gap for c in ",.;:\n")
        if prev[-1] in lex.weak_place_preps and len(prev) >= 2 and prev[-2] in lex.place_heads:
            return True  # "the village of X"
        if prev[-1] in lex.weak_place_preps and _COMMA_PREP.search(text[max(0, start - 30) : start]):
            return True  # "<name>, 49, of X", "..., of Northwest X": where a person is from
    if nxt and (nxt[0] in lex.place_heads or nxt[0] in lex.place_modifiers):
        return True  # "X province", "X police", "a X man"
    return following_admin(text, end) is not None


def place_head_word(low: str, lex: Lexicon) -> bool:
    """A place head word, or in compounding languages a compound ending in one ("Grenzstadt",
    "Nachbardorf", "gränsstaden")."""
    if low in lex.place_heads:
        return True
    return lex.capitalised_nouns and any(
        low.endswith(h) and len(low) - len(h) >= 3 for h in lex.place_heads if len(h) >= 4
    )


def head_cue(text: str, span: Span, lex: Lexicon) -> bool:
    """A place head word before the span: "the village of X", "das Dorf X", "la aldea de X"."""
    prev = prev_words(text, span.start, 2)
    gap = text[max(0, span.start - 3) : span.start]
    if prev and not any(c in gap for c in ",.;:\n"):
        if place_head_word(prev[-1], lex):
            return True
        if len(prev) == 2 and prev[-1] in lex.weak_place_preps and prev[-2] in lex.place_heads:
            return True
    return False  # "X state" after the name is too often "Syrian state media"


@lru_cache(maxsize=4)
def _lower_words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"\w+", text) if w.islower())


def common_word(text: str, low: str) -> bool:
    """Whether the article also writes this word in lower case: a common noun, not a name."""
    return low in _lower_words(text)


_APPOSITION = re.compile(r"\s*,\s*(?:\d{1,3}\s*,|[^\W\d_]+)")


def appositive_person(text: str, end: int, lex: Lexicon) -> bool:
    """ "<Name>, a local journalist", "<Name>, 34,": an apposition that describes a person (an age,
    or a person noun within its first four words)."""
    if not _APPOSITION.match(text, end):
        return False
    if re.match(r"\s*,\s*\d{1,3}\s*,", text[end : end + 12]):
        return True
    words = re.findall(r"[\w'’-]+", text[end : end + 60])[:4]
    return any(w.lower() in lex.person_nouns for w in words)


_SEPARATORS = "|•·»›/>"


def menu_item(text: str, span: Span) -> bool:
    """A lone word between separators or alone on its line ("News | Sports | Weather"): site
    navigation, not a name."""
    before = text[max(0, span.start - 3) : span.start].strip(" \u00a0\t")
    after = text[span.end : span.end + 3].strip(" \u00a0\t")
    edge_before = not before or before[-1] in _SEPARATORS or before[-1] == "\n"
    edge_after = not after or after[0] in _SEPARATORS or after[0] == "\n"
    return edge_before and edge_after and (bool(before) or bool(after) or span.start == 0)
