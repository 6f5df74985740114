"""More of the same combatants: "more than 50 troops were executed, 19 more were killed in a suicide
attack and 16 others died in the assault".

A count with no noun of its own that says it adds to the count before it ("19 more", "16 others",
"weitere 19", "otros 19", "19 autres", "ещё 19", "19 آخرين"; claims.more_of_same) counts more of the
same people. When the count before it in the same sentence is of soldiers or fighters, it takes that
group, so that a report of combatant deaths does not also yield a toll of people (read as civilians).
A count with a group noun of its own ("ten soldiers and two more civilians") is left alone, as is one
after a count of any other group: others after civilians may be anyone, and "two gunmen were killed and
three others wounded" are the attackers' victims.
"""

from __future__ import annotations

from functools import lru_cache

from corroborate.model import Claim
from corroborate.text.lexicon import load_lexicon
from corroborate.text.quantities import Quantity, find_quantities
from corroborate.text.tokens import PhraseMatcher, tokenize

COMBATANTS = frozenset({"soldiers", "fighters"})


@lru_cache(maxsize=32)
def _more(lang: str | None) -> PhraseMatcher:
    full = load_lexicon(lang)
    words = full.get("claims", {}).get("more_of_same", [])
    return PhraseMatcher({w: True for w in words}, tuple(full.get("numbers", {}).get("clitics", [])))


def _adds_on(quote: str, q: Quantity, lang: str | None) -> bool:
    """Whether the word right before or right after quantity `q` says it adds to an earlier count."""
    tokens = tokenize(quote)
    more = _more(lang)
    after = q.last_token < len(tokens) and more.match(tokens, q.last_token)
    before = any(more.match(tokens, k) and k + more.match(tokens, k)[0] == q.first_token  # type: ignore[index]
                 for k in range(max(0, q.first_token - 2), q.first_token))
    if not (after or before):
        return False
    # "19 more were killed" / "16 others had died": no noun after the word ("two more civilians" has one)
    end = q.last_token + (after[0] if after else 0)
    nxt = tokens[end] if end < len(tokens) else None
    return nxt is None or nxt.kind != "word" or not quote[nxt.start].isalpha() or _is_verbish(nxt.text, lang)


def _is_verbish(word: str, lang: str | None) -> bool:
    cl = load_lexicon(lang).get("claims", {})
    aux = {w.lower() for w in cl.get("aux", [])}
    cues = {w.lower() for words in cl.get("slot_cues", {}).values() for w in words}
    return word.lower() in aux or word.lower() in cues


def carry_combatant_groups(claims: list[Claim], lang: str | None) -> list[Claim]:
    """`claims` with the no-group counts that add more of the combatants counted before them in the same
    sentence given that group (module doc); the group's count itself is not changed."""
    by_sentence: dict[int, list[Claim]] = {}
    for c in claims:
        by_sentence.setdefault(c.start, []).append(c)
    for same in by_sentence.values():
        if not any(c.group in COMBATANTS for c in same):
            continue
        quote, qlang = same[0].quote, same[0].lang or lang
        quantities = find_quantities(quote, qlang)
        previous: str | None = None  # the group of the count before, by position
        for q in quantities:
            here = [c for c in same if c.value == q.value]
            grouped = next((c.group for c in here if c.group is not None), None)
            if grouped is not None:
                previous = grouped
                continue
            bare = [c for c in here if c.group is None and c.about is None]
            if bare and previous in COMBATANTS and _adds_on(quote, q, qlang):
                for c in bare:
                    c.group = previous
            elif bare:
                previous = None
    return claims
