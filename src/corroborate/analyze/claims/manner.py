"""How someone died by their own hand ("blew himself up", "died at own hands", "s'est fait exploser").

Per language, `claims.self_death` lists the phrases (with `claims.self_kill`, the killer's own death in
shootings). The first sentence of an article holding one gives a claim of slot "killed_self" (value 1):
reports of a story agreeing or not on how the person died show as one fact.
"""

from __future__ import annotations

from functools import lru_cache

from corroborate.model import Claim
from corroborate.text.lexicon import load_lexicon
from corroborate.text.tokens import PhraseMatcher, tokenize


@lru_cache(maxsize=32)
def _phrases(lang: str | None) -> PhraseMatcher | None:
    full = load_lexicon(lang)
    claims = full.get("claims", {})
    words = [*claims.get("self_death", []), *claims.get("self_kill", [])]
    if not words:
        return None
    return PhraseMatcher({w: True for w in words}, tuple(full.get("numbers", {}).get("clitics", [])))


def self_death(text: str, sentences: list[tuple[int, int]], lang: str | None) -> list[Claim]:
    """One "killed_self" claim for the first sentence of `text` that tells a death by one's own hand."""
    phrases = _phrases(lang)
    if phrases is None:
        return []
    for s, e in sentences:
        tokens = tokenize(text[s:e])
        if any(phrases.match(tokens, k) for k in range(len(tokens))):
            return [Claim(slot="killed_self", value=1, quote=text[s:e], start=s, end=e, lang=lang)]
    return []
