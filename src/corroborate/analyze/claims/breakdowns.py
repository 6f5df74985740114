"""Breakdowns of another toll: "... killed 82 people, among them 18 children" under a headline of 15.

War reports give their event's toll in the headline ("Air strikes kill 15 near the capital") and in the
text tell of other attacks with their own breakdowns ("elsewhere strikes killed at least 82 people
among them 18 children"). A group count (children, women, civilians, ...) that breaks down a total
stated before it in the same sentence belongs to that total's event: when the headline gives a total
for the slot and the sentence's total is far from it (more than twice or less than half of every
headline total), the breakdown is another event's and is dropped. Without a headline total nothing is
dropped (the text's first toll is often the lead, but not reliably).
"""

from __future__ import annotations

from corroborate.model import Claim
from corroborate.text.quantities import find_quantities

_TOTALS = (None, "civilians")  # groups whose count is a toll of people (a breakdown's parent)
_FAR = 2  # a total more than _FAR times or less than 1/_FAR of the headline's is another toll


def _first_at(quote: str, lang: str | None, value: int, after: int = -1) -> int | None:
    """Character offset of the first quantity of `value` in `quote` starting after `after`."""
    return next((q.start for q in find_quantities(quote, lang) if q.value == value and q.start > after), None)


def _parent(c: Claim, sentence: list[Claim], lang: str | None) -> Claim | None:
    """The total in the same sentence that `c` breaks down: the nearest before it, larger than it."""
    at = _first_at(c.quote, c.lang or lang, c.value)
    if at is None:
        return None
    best: tuple[int, Claim] | None = None
    for t in sentence:
        if t.group is not None or t.slot != c.slot or t.about != c.about or t.value <= c.value:
            continue
        pos = _first_at(t.quote, t.lang or lang, t.value)
        if pos is not None and pos < at and (best is None or pos > best[0]):
            best = (pos, t)
    return best[1] if best else None


def drop_other_breakdowns(body: list[Claim], title: list[Claim], lang: str | None) -> list[Claim]:
    """`body` without the group counts that break down a total far from every headline total."""
    heads: dict[str, list[int]] = {}
    for t in title:
        if t.group in _TOTALS and t.about is None and t.value >= 2:
            heads.setdefault(t.slot, []).append(t.value)
    if not heads:
        return body
    by_sentence: dict[int, list[Claim]] = {}
    for c in body:
        by_sentence.setdefault(c.start, []).append(c)

    def other(c: Claim) -> bool:
        if c.group is None or c.slot not in heads:
            return False
        parent = _parent(c, by_sentence[c.start], lang)
        if parent is None:
            return False
        return all(parent.value > _FAR * h or parent.value * _FAR < h for h in heads[c.slot])

    return [c for c in body if not other(c)]
