"""Vague counts beside a stated figure for the same dead.

A report that states a figure ("38 civilians were killed") and elsewhere a vague quantity for the same
slot and group ("Dozens of civilians dead", "scores of people were killed", "hundreds have died") gives
the figure as its count: the vague word is either that count told loosely (often the headline) or a
background toll with no number (numbers.py reads "dozens" as 12, "hundreds" as 100, open above, and
such a reading would otherwise compete with, or be taken for, the report's own figure). A claim read
from an open-ended vague word (numbers.vague with an at_least reading) is dropped when the article,
headline included, gives a claim of the same slot, group family and `about` read from a number.
Civilians and people with no group count the same dead (a "civilians" figure is also a total); "a
dozen" (an exact reading) is a figure, not a vague word.
"""

from __future__ import annotations

from corroborate.model import Claim
from corroborate.text.quantities import _numlex, find_quantities
from corroborate.text.tokens import tokenize

_SAME_DEAD = {"civilians"}  # groups whose count is also one of people with no group


def _family(c: Claim) -> tuple:
    return c.slot, None if c.group in _SAME_DEAD else c.group, c.about


def _vague_values(quote: str, lang: str | None) -> tuple[set[int], set[int]]:
    """(values read only from open vague words, values read from numbers) in `quote`."""
    nl = _numlex(lang)
    tokens = tokenize(quote)
    vague: set[int] = set()
    firm: set[int] = set()
    for q in find_quantities(quote, lang):
        span = range(q.first_token, q.last_token)
        hit = next((nl.vague.match(tokens, k) for k in span if nl.vague.match(tokens, k)), None)
        if hit is not None and hit[1][1] == "at_least":
            vague.add(q.value)
        else:
            firm.add(q.value)
    return vague - firm, firm


def is_vague(claim: Claim, lang: str | None) -> bool:
    """Whether `claim` was read from an open-ended vague quantity ("dozens", "hundreds", "scores")."""
    if claim.approx != "at_least":
        return False
    vague, _ = _vague_values(claim.quote, claim.lang or lang)
    return claim.value in vague


def drop_vague_beside_figures(body: list[Claim], title: list[Claim], lang: str | None
                              ) -> tuple[list[Claim], list[Claim]]:
    """(body, title) claims without the vague counts whose slot and group the article also gives as a
    figure (module doc)."""
    both = [*body, *title]
    vague = {id(c) for c in both if is_vague(c, lang)}
    if not vague:
        return body, title
    figured = {_family(c) for c in both if id(c) not in vague and c.value >= 2}

    def keep(c: Claim) -> bool:
        return id(c) not in vague or _family(c) not in figured

    return [c for c in body if keep(c)], [c for c in title if keep(c)]
