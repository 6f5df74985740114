"""Rules that keep related-but-different events apart, whatever the similarity says.

Two reports of the same kind of event (an attack, a raid, a fire) whose own event days lie weeks apart
are two events: the later one often recalls the earlier, so text, names and places overlap, and only the
time and the kind of event tell them apart. Follow-ups (arrests, charges, trials, funerals) are not new
events: they stay with the event they follow.

Kinds keep two events apart only when they truly differ (a fire and a shooting in one town on one day).
A story's kind is decided by its articles together: the event-type evidence (cue scores) of every member
summed, not the first report's label. An article and a story are told apart by kind only when both
carry firm evidence (a kind scoring at least `min_firm_evidence`: a title and a lead cue, or three lead
cues) and less than `min_compatible_share` of their evidence is compatible: two kinds are compatible
when they share a group in `compatible` (an explosion can be an accident and start a fire; a first
report saying only "two killed" can be an accident). So a sparse first report typed otherwise than its
updates never splits their story. The groups, the follow-up kinds, the thresholds and the gap are data
(data/cluster.json, "distinct_events").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from corroborate.cluster.signature import Signature

Evidence = dict[str, float]  # primary kind -> cue score


@dataclass(frozen=True)
class DistinctEvents:
    min_gap_days: float
    max_event_tol: float
    follow_up: frozenset[str]
    groups: dict[str, frozenset[str]]  # kind -> names of the groups it belongs to
    enabled: bool = True
    min_firm: float = 3.0
    min_compatible: float = 0.5

    @classmethod
    def from_config(cls, data: dict[str, Any]) -> DistinctEvents:
        spec = data.get("distinct_events")
        if not spec:
            return cls(0.0, 0.0, frozenset(), {}, enabled=False)
        groups: dict[str, set[str]] = {}
        for name, kinds in (spec.get("compatible") or spec.get("families") or {}).items():
            for kind in kinds:
                groups.setdefault(kind, set()).add(name)
        return cls(
            min_gap_days=float(spec.get("min_gap_days", 14)),
            max_event_tol=float(spec.get("max_event_tol_days", 2)),
            follow_up=frozenset(spec.get("follow_up_event_types", ())),
            groups={k: frozenset(v) for k, v in groups.items()},
            enabled=bool(spec.get("enabled", True)),
            min_firm=float(spec.get("min_firm_evidence", 3.0)),
            min_compatible=float(spec.get("min_compatible_share", 0.5)),
        )

    # ------------------------------------------------------------------ evidence

    def evidence(self, sig: Signature) -> Evidence:
        """The article's cue scores of primary kinds (no 'other', no follow-ups, only grouped kinds)."""
        return {k: s for k, s in sig.type_evidence().items() if s > 0 and self._primary(k) and k in self.groups}

    def story_evidence(self, members: Sequence[Signature]) -> Evidence:
        """The story's kind as its articles decide it together: their evidence summed."""
        total: Counter[str] = Counter()
        for m in members:
            total.update(self.evidence(m))
        return dict(total)

    def compatible_share(self, a: Evidence, b: Evidence) -> float:
        """Share of the evidence pairs (a kind of `a`, a kind of `b`) whose kinds may be one event."""
        ta, tb = sum(a.values()), sum(b.values())
        if not ta or not tb:
            return 1.0
        same = sum(sa * sb for ka, sa in a.items() for kb, sb in b.items() if self.groups[ka] & self.groups[kb])
        return same / (ta * tb)

    def kinds_differ(self, a: Evidence, b: Evidence) -> bool:
        """Both sides firmly typed and their kinds mostly incompatible."""
        if not a or not b or max(a.values()) < self.min_firm or max(b.values()) < self.min_firm:
            return False
        return self.compatible_share(a, b) < self.min_compatible

    # ------------------------------------------------------------------ rules

    def separates(self, sig: Signature, members: Sequence[Signature]) -> bool:
        """True when `sig` reports a different event than the story made of `members`."""
        if not self.enabled or not members or not self._primary(sig.event_type):
            return False  # untyped articles and follow-ups (arrests, trials...) never separate
        mine = self.evidence(sig)
        if not mine:
            return False
        story = self.story_evidence(members)
        if not story:
            return False
        if self.kinds_differ(mine, story):
            return True
        if not self._dated(sig):
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
        min_gap_days apart (neither story being a follow-up), or their kinds truly differ."""
        if not self.enabled or not a or not b:
            return False
        if self._story_kind(a) in self.follow_up or self._story_kind(b) in self.follow_up:
            return False
        if self.kinds_differ(self.story_evidence(a), self.story_evidence(b)):
            return True
        day_a, day_b = self._story_day(a), self._story_day(b)
        return day_a is not None and day_b is not None and abs(day_a - day_b) > self.min_gap_days

    @staticmethod
    def _story_kind(members: Sequence[Signature]) -> str | None:
        """The kind with the most evidence over all members, follow-up kinds included."""
        kinds: Counter[str] = Counter()
        for m in members:
            kinds.update({k: s for k, s in m.type_evidence().items() if k != "other"})
        return kinds.most_common(1)[0][0] if kinds else None

    def _story_day(self, members: Sequence[Signature]) -> float | None:
        days = sorted(m.event for m in members if self._dated(m))
        return days[len(days) // 2] if days else None
