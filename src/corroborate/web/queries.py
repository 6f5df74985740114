"""Building the store's StoryQuery from request parameters (shared by the API and the pages)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from corroborate.store import StoryQuery

ORDERS = ("recent", "size")
COUNT_AHEAD = 1000  # a listing counts its matches up to this many past the page asked for ("1,025+ stories")


def story_query(
    q: str | None,
    lang: str | None,
    outlet: str | None,
    place: str | None,
    date_from: date | None,
    date_to: date | None,
    event_type: str | None,
    conflict: bool,
    order: str,
    page: int,
    per_page: int,
) -> StoryQuery:
    from corroborate.store import StoryQuery

    return StoryQuery(
        text=(q or "").strip() or None,
        lang=(lang or "").strip() or None,
        outlet=(outlet or "").strip() or None,
        place=(place or "").strip() or None,
        date_from=date_from,
        date_to=date_to,
        event_type=(event_type or "").strip() or None,
        conflict_only=conflict,
        order=order if order in ORDERS else "recent",
        limit=per_page,
        offset=(page - 1) * per_page,
        count_limit=page * per_page + COUNT_AHEAD,
    )
