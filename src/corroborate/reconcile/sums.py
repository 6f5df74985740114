"""Counts that add up to a report's total are parts of it.

"At least 27 people died in the raids ... nine passengers were killed when a van was hit, 18 others
died in the market": the report states a total and then its parts. Read as competing tolls, the parts
can outvote the total (a part repeated in a quote counts twice). When a single report's consensus
figure and another count it states add up to a third count it states before them (its total, which a
report leads with), the consensus is the total; the parts stay among the fact's claims.
"""

from __future__ import annotations

from dataclasses import replace

from corroborate.model import Fact


def prefer_stated_totals(facts: list[Fact]) -> list[Fact]:
    """`facts` with the consensus of each single-report fact raised to the total its parts add up to."""
    out = []
    for fact in facts:
        total = _total_of_parts(fact)
        if total is not None:
            high = max(total, fact.consensus.max if fact.consensus.max is not None else total)
            consensus = replace(fact.consensus, value=total, max=high)
            claims = sorted(fact.claims, key=lambda c: (c.value != total, c.value, c.article))
            fact = replace(fact, consensus=consensus, claims=claims)
        out.append(fact)
    return out


def _total_of_parts(fact: Fact) -> int | None:
    """The count the consensus figure and another count stated elsewhere in the same report add up to,
    when the report states that count too; None otherwise."""
    value = fact.consensus.value
    if value is None or value <= 0 or len({c.article for c in fact.claims}) != 1:
        return None
    stated = [c for c in fact.claims if c.start is not None]
    part = [c for c in stated if c.value == value and c.approx == "exact"]
    if not part:
        return None
    for other in stated:
        if other.approx != "exact" or other.value <= 0 or other.value == value:  # a repeat is no part
            continue
        first = min(other.start, *(p.start for p in part))  # type: ignore[type-var]
        # the total leads: a report states its toll, then its parts ("at least 31 ... 10 ... 21 others")
        if any(c.value == value + other.value and c.start < first for c in stated):  # type: ignore[operator]
            return value + other.value
    return None
