"""Related-but-different events stay apart whatever the similarity says (cluster/distinct.py)."""

from __future__ import annotations

from corroborate.cluster.distinct import DistinctEvents
from corroborate.cluster.scoring import config_data
from corroborate.cluster.signature import Signature

RULES = DistinctEvents.from_config(config_data())


def sig(day: float, kind: str | None, tol: float = 0.5) -> Signature:
    return Signature(id=f"{kind}-{day}", event=19000.0 + day, event_tol=tol, event_type=kind)


def test_the_gap_is_data_and_a_week() -> None:
    assert RULES.enabled and RULES.min_gap_days == 7


def test_two_shootings_more_than_a_week_apart_are_two_events() -> None:
    story = [sig(0, "shooting"), sig(0.5, "shooting")]
    assert RULES.separates(sig(9, "shooting"), story)
    assert not RULES.separates(sig(3, "shooting"), story)


def test_follow_ups_and_vague_days_never_separate() -> None:
    story = [sig(0, "shooting")]
    assert not RULES.separates(sig(30, "trial"), story)  # a trial follows the shooting it is about
    assert not RULES.separates(sig(30, "shooting", tol=31), story)  # "last month": too vague to tell


def test_kinds_of_different_families_separate_at_once() -> None:
    assert RULES.separates(sig(0, "disaster"), [sig(0, "shooting")])
    assert RULES.separates_stories([sig(0, "shooting")], [sig(10, "attack")])
    assert not RULES.separates_stories([sig(0, "shooting")], [sig(10, "arrest")])
