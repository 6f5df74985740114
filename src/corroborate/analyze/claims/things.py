"""Counts of things an event involves: aircraft, helicopters, drones, vehicles ("saw three helicopters",
"minst fem amerikanska helikoptrar").

Per language, `claims.counted_things` maps a slot name (the English plural, e.g. "helicopters") to the
nouns that count it. A number of two or more right before such a noun, with at most two words between
("five US helicopters"), is a claim of that slot with the number's bound ("at least five"); a partitive
("one of the helicopters") or a lone article ("a helicopter") counts nothing.
"""

from __future__ import annotations

from functools import lru_cache

from corroborate.model import Claim
from corroborate.text.lexicon import load_lexicon
from corroborate.text.quantities import find_quantities
from corroborate.text.tokens import PhraseMatcher, tokenize

_GAP = 2


@lru_cache(maxsize=32)
def _things(lang: str | None) -> PhraseMatcher | None:
    full = load_lexicon(lang)
    table = full.get("claims", {}).get("counted_things", {})
    if not table:
        return None
    clitics = tuple(full.get("numbers", {}).get("clitics", []))
    return PhraseMatcher({w: slot for slot, words in table.items() for w in words}, clitics)


def count_things(text: str, sentences: list[tuple[int, int]], lang: str | None) -> list[Claim]:
    """Claims counting the things of `claims.counted_things` in `text` (module doc)."""
    things = _things(lang)
    if things is None or not text:
        return []
    tokens = tokenize(text)
    out: list[Claim] = []
    for q in find_quantities(text, lang or "en"):
        if q.value < 2:
            continue
        for k in range(q.last_token, min(len(tokens), q.last_token + _GAP + 1)):
            if tokens[k].kind != "word":
                break
            hit = things.match(tokens, k)
            if hit:
                s, e = next(((a, b) for a, b in sentences if a <= q.start < b), (q.start, q.end))
                out.append(Claim(slot=hit[1], value=q.value, quote=text[s:e], start=s, end=e,
                                 approx=q.approx, value_max=q.value_max, lang=lang))
                break
    return out
