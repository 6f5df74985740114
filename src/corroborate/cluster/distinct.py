"""Rules that keep related-but-different events apart, whatever the similarity says.

Two reports of the same kind of event (an attack, a raid, a fire) whose own event days lie weeks apart
are two events: the later one often recalls the earlier, so text, names and places overlap, and only the
time and the kind of event tell them apart. Follow-ups (arrests, charges, trials, funerals) are not new
events: they stay with the event they follow. Event kinds from different families (a fire and an
attack in the same place and week) are different events too. The families, the follow-up kinds and the
gap are data (data/cluster.json, "distinct_events").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from corroborate.cluster.signature import Signature


@dataclass(frozen=True)
class DistinctEvents:
    min_gap_days: float
    max_event_tol: float
    follow_up: frozenset[str]
    family: dict[str, str]
    enabled: bool = True

    @classmethod
    def from_config(cls, data: dict[str, Any]) -> DistinctEvents:
        spec = data.get("distinct_events")
        if not spec:
            return cls(0.0, 0.0, frozenset(), {}, enabled=False)
        family = {kind: name for name, kinds in spec.get("families", {}).items() for kind in kinds}
        return cls(
            min_gap_days=float(spec.get("min_gap_days", 14)),
            max_event_tol=float(spec.get("max_event_tol_days", 2)),
            follow_up=frozenset(spec.get("follow_up_event_types", ())),
            family=family,
            enabled=bool(spec.get("enabled", True)),
        )

    def separates(self, sig: Signature, members: Sequence[Signature]) -> bool:
        """True when `sig` reports a different event than the story made of `members`."""
        if not self.enabled or not members:
            return False
        kind = self._primary(sig.event_type)
        if kind is None:
            return False
        kinds = Counter(k for k in (self._primary(m.event_type) for m in members) if k)
        if not kinds:
            return False
        story_kind = kinds.most_common(1)[0][0]
        if self.family.get(kind) and self.family.get(story_kind) and self.family[kind] != self.family[story_kind]:
            return True
        if self.family.get(kind) != self.family.get(story_kind) or not self._dated(sig):
            return False
        days = sorted(m.event for m in members if self._dated(m) and self._primary(m.event_type))
        if not days:
            return False
        story_day = days[len(days) // 2]
        return abs(sig.event - story_day) > self.min_gap_days  # type: ignore[operator]

    def _primary(self, kind: str | None) -> str | None:
        if not kind or kind == "other" or kind in self.follow_up:
            return None
        return kind

    def _dated(self, sig: Signature) -> bool:
        return sig.event is not None and sig.event_tol <= self.max_event_tol

    def separates_stories(self, a: Sequence[Signature], b: Sequence[Signature]) -> bool:
        """True when two stories must not be merged: their own event days lie more than
        min_gap_days apart (neither story being a follow-up), or their kinds differ in family."""
        if not self.enabled or not a or not b:
            return False
        if self._story_kind(a, primary=False) in self.follow_up or self._story_kind(b, primary=False) in self.follow_up:
            return False
        kind_a, kind_b = self._story_kind(a), self._story_kind(b)
        if kind_a and kind_b and self.family.get(kind_a) and self.family.get(kind_b) \
                and self.family[kind_a] != self.family[kind_b]:
            return True
        day_a, day_b = self._story_day(a), self._story_day(b)
        return day_a is not None and day_b is not None and abs(day_a - day_b) > self.min_gap_days

    def _story_kind(self, members: Sequence[Signature], primary: bool = True) -> str | None:
        kinds = Counter(m.event_type for m in members if m.event_type and m.event_type != "other")
        if primary:
            kinds = Counter({k: n for k, n in kinds.items() if k not in self.follow_up})
        return kinds.most_common(1)[0][0] if kinds else None

    def _story_day(self, members: Sequence[Signature]) -> float | None:
        days = sorted(m.event for m in members if self._dated(m))
        return days[len(days) // 2] if days else None
