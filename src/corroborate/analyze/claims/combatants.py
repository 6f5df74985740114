"""Counts stated without a noun that repeat a count of combatants.

War reports name the dead once ("an air strike killed 20 militants", "At least 20 members of the militia
were killed") and elsewhere, often in the headline, give the same figure bare ("Air strikes kill 20",
"killing 20 and wounding dozens"). The bare figure is then the combatants again, not a toll of people
(civilians): a count with no group whose value equals a count of soldiers, fighters or attackers for the
same slot in the same article (headline included) is dropped, unless a count of non-combatants
(civilians, children, women, ...) has that value too. Counts of one and two are left alone: a singular
victim, a killed gunman or "two suspects" sought are too often other people than the dead counted.
"""

from __future__ import annotations

from corroborate.model import Claim

COMBATANTS = frozenset({"soldiers", "fighters", "attackers"})


def drop_combatant_echoes(body: list[Claim], title: list[Claim]) -> tuple[list[Claim], list[Claim]]:
    """(body, title) claims without the group-less counts that repeat a combatant count (module doc)."""
    both = [*body, *title]
    combatant = {(c.slot, c.value) for c in both if c.group in COMBATANTS}
    other = {(c.slot, c.value) for c in both if c.group is not None and c.group not in COMBATANTS}

    def echo(c: Claim) -> bool:
        key = (c.slot, c.value)
        return c.group is None and c.about is None and c.value >= 3 and key in combatant and key not in other

    return [c for c in body if not echo(c)], [c for c in title if not echo(c)]
