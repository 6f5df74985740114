"""Revisions vs conflicts: a fact's claims read in report order.

News is a stream: a toll rises from report to report, a source corrects itself, a party disputes a
count. Each report (article, in publication order) is read against the claims that stand before it:
- a claim framed as a rise ("the toll rose to 7") supersedes the earlier claims lower than it;
- an increment ("two more died") is no toll of its own: it becomes the revision it implies (the toll
  standing in the reports certainly before it, plus N) and supersedes like a rise; with no such report it
  is a part of its own report's toll when that report states one, else it stands as it is;
- a correction ("revised the toll to 5") supersedes the earlier claims of the same source (or of an
  outlet's own voice) whatever their direction;
- with no cue, a later figure from the same source that differs, or a later higher figure from a source
  at least as authoritative for a count that only grows (data/revisions.json: killed, injured), supersedes
  the earlier ones when it comes more than `same_moment_hours` and at most `revision_window_hours` later
  and was not already out when the earlier one was stated; sources that disagree about the same moment
  stay in conflict;
- a party's claim that the dead were only combatants (`disputes`) is superseded by its own source only.
Claims of one report never supersede each other (the analyzer reads a report's own earlier/later counts).
Superseded claims stay listed with current=False; consensus and status are computed over the current ones.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

from corroborate.model import FactClaim
from corroborate.reconcile.sources import source_key

Interval = tuple[float, float]
Item = tuple[FactClaim, Interval]


@cache
def settings() -> dict[str, Any]:
    """data/revisions.json: growing slots, the same-moment window, the authority of each kind of source."""
    path = resources.files("corroborate.data") / "revisions.json"
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass
class Snapshot:
    """The claims that stood after one report."""

    article: str
    at: datetime | None
    current: list[Item]
    decided: tuple[str, Any] | None = None  # (status, consensus) when already computed


@dataclass
class Settled:
    items: list[Item]  # every claim, with `current` set (increments rewritten to the toll they imply)
    snapshots: list[Snapshot] = field(default_factory=list)  # after each report that brought claims
    superseded: int = 0  # claims a later report superseded


def settle_revisions(items: list[Item], slot: str, interval: Callable[[FactClaim], Interval],
                     toll: Callable[[list[Item]], int | None]) -> Settled:
    """`items` (claims of one fact) read in report order (module doc). `interval` reads a claim's values,
    `toll` the consensus of standing claims (the base an increment adds to)."""
    reports: dict[str, list[Item]] = {}
    for c, iv in sorted(items, key=_report_order):
        reports.setdefault(c.article, []).append((c, iv))
    if len(reports) < 2:
        return Settled([(_plain(c), iv) for c, iv in items], [Snapshot(a, _at(r), r) for a, r in reports.items()])
    growing = slot in settings()["growing_slots"]
    standing: list[Item] = []
    done: list[Item] = []
    snapshots: list[Snapshot] = []
    superseded = 0
    seen: list[Item] = []  # every claim of the earlier reports
    for article, claims in reports.items():
        claims = _read_increments(claims, standing, interval, toll)
        new = [(c, iv) for c, iv in claims if c.current]
        kept = []
        for d, div in standing:
            if any(_supersedes(c, iv, d, div, growing, seen) for c, iv in new):
                done.append((replace(d, current=False), div))
                superseded += 1
            else:
                kept.append((d, div))
        standing = kept + new
        done += [(c, iv) for c, iv in claims if not c.current]
        seen += claims
        snapshots.append(Snapshot(article, _at(claims), list(standing)))
    return Settled(done + standing, snapshots, superseded)


def _report_order(item: Item) -> tuple:
    c = item[0]
    return c.published is None, c.published or datetime.min, c.article, c.start if c.start is not None else -1


def _at(claims: list[Item]) -> datetime | None:
    return next((c.published for c, _ in claims if c.published is not None), None)


def _plain(c: FactClaim) -> FactClaim:
    return c if c.current else replace(c, current=True)


def _read_increments(claims: list[Item], standing: list[Item], interval: Callable[[FactClaim], Interval],
                     toll: Callable[[list[Item]], int | None]) -> list[Item]:
    """A report's claims with its increments read against the toll standing before it, and the previous
    figure a rise sentence recalls ("rose to 11 from 7") retired when the report states a higher one."""
    # the toll an increment adds to: what stood in reports certainly before it (two reports of one day
    # whose hours are unknown cannot be put in order)
    earlier = [(d, div) for d, div in standing if (_hours(d, claims[0][0]) or 0) > 0]
    base = toll(earlier) if earlier else None
    own = [c for c, _ in claims if c.update not in ("increment", "earlier")]
    top = max((c.value for c in own), default=None)
    out: list[Item] = []
    for c, iv in claims:
        if c.update == "increment":
            if base is not None:
                c = replace(c, value=base + c.value, increment=c.value, current=True,
                            value_max=None if c.value_max is None else base + c.value_max)
                iv = interval(c)
            elif own:
                c = replace(c, increment=c.value, current=False)  # a part of its own report's toll
        elif c.update == "earlier" and top is not None and top > c.value:
            c = replace(c, current=False)
        out.append((c, iv))
    return out


def _supersedes(c: FactClaim, civ: Interval, d: FactClaim, div: Interval, growing: bool, seen: list[Item]) -> bool:
    """Whether claim `c` of a later report supersedes the standing claim `d` of an earlier one. With no
    cue, `c` must be news: a figure no report gave before `d` was stated (else `d` contradicted it)."""
    if c.article == d.article:
        return False
    same_source = _source(c) == _source(d)
    if d.disputes and not same_source:
        return False
    higher, lower = civ[0] > div[1], civ[1] < div[0]
    if c.update in ("rise", "increment"):
        return higher
    if c.update == "correction":  # the same source, or an outlet correcting its own report
        return same_source or d.attributed_to is None or (c.attributed_to is None and c.source == d.source)
    if not (higher or lower):
        return False  # the two agree: both stand
    gap = _hours(d, c)
    if gap is None or gap <= 0 or gap > settings()["revision_window_hours"]:
        return False
    if any(e is not d and _not_after(e, d) and eiv[0] <= civ[0] <= eiv[1] for e, eiv in seen):
        return False  # the figure was out there when `d` was stated: a disagreement, not a revision
    if same_source:
        return True
    return higher and growing and gap > settings()["same_moment_hours"] and _authority(c) >= _authority(d)


def _source(c: FactClaim) -> str:

    return source_key(c)


def _not_after(e: FactClaim, d: FactClaim) -> bool:
    """Whether `e` was (or may have been) reported no later than `d`."""
    gap = _hours(d, e)
    return gap is None or gap <= 0


def _hours(earlier: FactClaim, later: FactClaim) -> float | None:
    """The least time between two claims' reports in hours (a report known only by its day may come at
    any time that day), None when either time is unknown; <= 0 when `later` may not be later."""
    if earlier.published is None or later.published is None:
        return None
    end = earlier.published + (_DAY if earlier.published_precision in _COARSE else _NONE)
    try:
        return (later.published - end).total_seconds() / 3600
    except TypeError:  # naive vs aware
        return (later.published.replace(tzinfo=None) - end.replace(tzinfo=None)).total_seconds() / 3600


_DAY, _NONE = timedelta(days=1), timedelta(0)
_COARSE = {"part_of_day", "day", "week", "month", "year"}


def _authority(c: FactClaim) -> int:
    ranks: dict[str, int] = settings()["authority"]
    return ranks.get(c.attribution_kind or "", ranks.get("", 1))
