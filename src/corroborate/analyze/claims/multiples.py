"""Events named by how many they struck: "a double shooting" (two shot), "a triple homicide" (three killed),
"Doppelmord", "dubbelmord" (two killed). Per language, `claims.multiple_events` maps such a phrase to its
slot and count; the claim is read like a count with that slot (the dead of the article are settled against
those shot, as for "two people were shot").
"""

from __future__ import annotations

from functools import lru_cache

from corroborate.model import Claim
from corroborate.text.lexicon import load_lexicon
from corroborate.text.tokens import PhraseMatcher, Token


@lru_cache(maxsize=32)
def _events(lang: str | None) -> PhraseMatcher | None:
    full = load_lexicon(lang)
    table = full.get("claims", {}).get("multiple_events", {})
    if not table:
        return None
    clitics = tuple(full.get("numbers", {}).get("clitics", []))
    return PhraseMatcher({phrase: (slot, int(n)) for phrase, (slot, n) in table.items()}, clitics)


def multiple_event_claims(tokens: list[Token], a: int, b: int, lang: str | None) -> list[tuple[Claim, int]]:
    """(claim, first token) for every such phrase in tokens[a:b]."""
    events = _events(lang)
    out: list[tuple[Claim, int]] = []
    if events is None:
        return out
    k = a
    while k < b:
        hit = events.match(tokens, k)
        if hit is None or k + hit[0] > b:
            k += 1
            continue
        slot, n = hit[1]
        out.append((Claim(slot=slot, value=n, quote="", start=0, end=0, approx="exact", value_max=n), k))
        k += hit[0]
    return out
