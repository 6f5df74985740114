"""A headline's count over a text that tells only of its parts.

"Four shot outside club" above a text that names single victims ("he was shot in the torso", "a woman
was grazed"): the text's counts are parts of the headline's, so they give way and the headline's count
stands (reconcile reads a headline count when the text states none for it). Only for totals (no group),
counts with a stated fate ("4 hurt", "2 killed"; "4 shot", which may include the dead, only when the
report tells of no death: no killed count, no death word in the headline, claims.headline_deaths), and
not for round-ups of several incidents ("14 shot since 8 p.m.", "6 wounded in weekend shootings":
claims.roundup in the lexicons).

A headline is often several phrases joined by a colon, a dash, a bar or a semicolon ("UPDATE: Girl, 14,
dies after shooting", "Teen shot near school - Springfield News"): each is read as its own sentence, so
a victim after the label opens a sentence as in the text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from corroborate.model import Claim
from corroborate.text.lexicon import load_lexicon
from corroborate.text.tokens import PhraseMatcher, tokenize


@lru_cache(maxsize=32)
def _roundup(lang: str | None) -> PhraseMatcher:
    full = load_lexicon(lang)
    clitics = tuple(full.get("numbers", {}).get("clitics", []))
    return PhraseMatcher({w: True for w in full.get("claims", {}).get("roundup", [])}, clitics)


# a separator between headline phrases: ":" / ";" followed by a space, or a spaced dash or bar
_HEADLINE_SEPARATOR = re.compile(r"[:;](?=\s)|\s[-–—|]\s")


def headline_sentences(title: str) -> list[tuple[int, int]]:
    """Spans of the phrases of headline `title` (the whole title when it has no separator)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _HEADLINE_SEPARATOR.finditer(title):
        if title[start:m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if title[start:].strip():
        spans.append((start, len(title)))
    return [(a + len(title[a:b]) - len(title[a:b].lstrip()), b) for a, b in spans]


@lru_cache(maxsize=32)
def _deaths(lang: str | None) -> PhraseMatcher:
    full = load_lexicon(lang)
    clitics = tuple(full.get("numbers", {}).get("clitics", []))
    return PhraseMatcher({w: True for w in full.get("claims", {}).get("headline_deaths", [])}, clitics)


def tells_of_a_death(title: str, lang: str | None) -> bool:
    """The headline speaks of a death ("fatal shooting", "man dies"; claims.headline_deaths) even when no
    count of the dead can be read from it."""
    tokens = tokenize(title)
    matcher = _deaths(lang)
    return any(matcher.match(tokens, k) for k in range(len(tokens)))


def is_roundup(title: str, lang: str | None) -> bool:
    """The headline sums several incidents ("in weekend shootings", "since Friday")."""
    tokens = tokenize(title)
    matcher = _roundup(lang)
    return any(matcher.match(tokens, k) for k in range(len(tokens)))


def without_headline_parts(text_claims: list[Claim], title_claims: list[Claim], title: str,
                           lang: str | None) -> list[Claim]:
    """`text_claims` less the totals that are all lower than a count the headline states with its fate."""
    if not title_claims or is_roundup(title, lang):
        return text_claims
    out = text_claims
    # "Four shot" (fate not said) is no more than a count with a fate when no one in the report died
    deaths = any(c.slot == "killed" and c.about is None for c in (*text_claims, *title_claims)) \
        or tells_of_a_death(title, lang)
    for t in title_claims:
        if t.group is not None or t.about is not None or t.approx != "exact" or t.value < 2 \
                or (t.fate_unknown and deaths):
            continue
        same = [c for c in out if c.slot == t.slot and c.group is None and c.about is None]
        if same and all(c.value < t.value and c.approx == "exact" for c in same):
            out = [c for c in out if not (c.slot == t.slot and c.group is None and c.about is None)]
    return out
