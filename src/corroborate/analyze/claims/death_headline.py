"""A headline naming a killing as its event tells that someone died, however many.

"Teen charged in fatal shooting", "Man held over girlfriend's murder": with no killed count of its own,
such a headline gives a killed claim of at least one when the article counts no dead anywhere (a
figure of the body decides the value; "at least one" beside it would only add support to the lowest). Per language, `claims.death_events.phrases` lists the
singular nouns of a death ("fatal shooting", "murder", "meurtre", "asesinato") and `not_after` the
words that deny it within the two tokens before ("attempted murder", "tentative de meurtre",
"non-fatal shooting"). Plural nouns ("fatal shootings") are not listed: they tell of several events.
"""

from __future__ import annotations

from functools import lru_cache

from corroborate.model import Claim
from corroborate.text.lexicon import load_lexicon
from corroborate.text.tokens import PhraseMatcher, Token, tokenize


@lru_cache(maxsize=32)
def _matchers(lang: str | None) -> tuple[PhraseMatcher, PhraseMatcher] | None:
    full = load_lexicon(lang)
    spec = full.get("claims", {}).get("death_events", {})
    if not spec.get("phrases"):
        return None
    clitics = tuple(full.get("numbers", {}).get("clitics", []))
    return (PhraseMatcher({w: True for w in spec["phrases"]}, clitics),
            PhraseMatcher({w: True for w in spec.get("not_after", [])}, clitics))


def _denied(tokens: list[Token], k: int, not_after: PhraseMatcher) -> bool:
    words = [j for j in range(max(0, k - 3), k) if tokens[j].kind != "punct"][-2:]
    return any(not_after.match(tokens, j) for j in words)


def death_in_headline(title: str, title_claims: list[Claim], body_claims: list[Claim],
                      lang: str | None) -> list[Claim]:
    """`title_claims` plus a killed claim of at least one when the headline names a killing and the
    article counts no dead (module doc)."""
    if not title or any(c.slot == "killed" for c in [*title_claims, *body_claims]):
        return title_claims
    matchers = _matchers(lang)
    if matchers is None:
        return title_claims
    phrases, not_after = matchers
    tokens = tokenize(title)
    if not any(phrases.match(tokens, k) and not _denied(tokens, k, not_after) for k in range(len(tokens))):
        return title_claims
    return [*title_claims, Claim(slot="killed", value=1, quote=title, start=0, end=len(title),
                                 approx="at_least", lang=lang, implied=True)]
