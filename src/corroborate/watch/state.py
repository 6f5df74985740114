"""The watcher's state in the database: feeds (validators, next poll, errors) and items (seen URLs).

Every change is one transaction: a poll stores the feed's new items together with its new ETag and
next poll time; an item becomes ingested/duplicate/failed in the transaction of its ingest batch."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from corroborate.model import WatchedFeed
from corroborate.store import Store
from corroborate.store import schema as t
from corroborate.store.codec import chunks, dialect_insert
from corroborate.store.engine import read_tx, write_tx
from corroborate.watch.sources import Source

STATES = ("pending", "ingested", "duplicate", "failed")


@dataclass
class WatchItem:
    key: str
    feed_url: str
    url: str | None
    entry: dict[str, Any]
    state: str
    attempts: int
    next_try: datetime | None
    article_id: str | None = None
    message: str | None = None


def _feed(row: Mapping[str, Any]) -> WatchedFeed:
    return WatchedFeed(**{k: row[k] for k in ("url", "interval_s", "active", "etag", "last_modified", "next_poll",
                                             "last_polled", "errors", "last_error", "title")})


def _item(row: Mapping[str, Any]) -> WatchItem:
    return WatchItem(row["key"], row["feed_url"], row["url"], json.loads(row["entry"] or "{}"), row["state"],
                     row["attempts"], row["next_try"], row["article_id"], row["message"])


def sync_feeds(store: Store, sources: Iterable[Source]) -> None:
    """Make the watched feeds those of `sources`: new ones are due at once, known ones keep their state
    (their interval updated), feeds no longer listed are deactivated (their seen items are kept)."""
    f = t.watch_feeds
    wanted = {s.url: s for s in sources}
    with write_tx(store.engine) as conn:
        known = set(conn.execute(sa.select(f.c.url)).scalars())
        conn.execute(f.update().where(f.c.url.not_in(list(wanted)) if wanted else sa.true()).values(active=False))
        for url, source in wanted.items():
            if url in known:
                conn.execute(f.update().where(f.c.url == url).values(interval_s=source.interval_s, active=True))
            else:
                conn.execute(f.insert().values(url=url, interval_s=source.interval_s, active=True, errors=0))


def feeds(store: Store, active_only: bool = True) -> list[WatchedFeed]:
    f = t.watch_feeds
    q = sa.select(f).order_by(f.c.url)
    if active_only:
        q = q.where(f.c.active.is_(True))
    with read_tx(store.engine) as conn:
        return [_feed(r) for r in conn.execute(q).mappings()]


def save_poll(store: Store, feed: WatchedFeed, items: list[WatchItem], first_seen: datetime) -> int:
    """Store a poll: the feed's new state and the items not seen before (by key), in one transaction.
    Returns how many items were new."""
    f, wi = t.watch_feeds, t.watch_items
    new = 0
    with write_tx(store.engine) as conn:
        if items:
            # RETURNING tells inserted rows from skipped ones on both dialects (rowcount does not, on PostgreSQL)
            stmt = dialect_insert(conn, wi).on_conflict_do_nothing(index_elements=["key"]).returning(wi.c.key)
            for item in {i.key: i for i in items}.values():
                new += conn.execute(stmt, {
                    "key": item.key, "feed_url": item.feed_url, "url": item.url,
                    "entry": json.dumps(item.entry, ensure_ascii=False, default=str), "state": "pending",
                    "attempts": 0, "next_try": None, "first_seen": first_seen}).first() is not None
        conn.execute(f.update().where(f.c.url == feed.url).values(
            etag=feed.etag, last_modified=feed.last_modified, next_poll=feed.next_poll, last_polled=feed.last_polled,
            errors=feed.errors, last_error=feed.last_error, title=feed.title))
    return new


def due_items(store: Store, now: datetime, limit: int) -> list[WatchItem]:
    """Pending items whose next try has come, first seen first."""
    wi = t.watch_items
    q = (sa.select(wi).where(wi.c.state == "pending", sa.or_(wi.c.next_try.is_(None), wi.c.next_try <= now))
         .order_by(wi.c.first_seen, wi.c.key).limit(limit))
    with read_tx(store.engine) as conn:
        return [_item(r) for r in conn.execute(q).mappings()]


def next_wakeup(store: Store) -> datetime | None:
    """The earliest next poll of an active feed or next try of a pending item."""
    f, wi = t.watch_feeds, t.watch_items
    with read_tx(store.engine) as conn:
        poll = conn.execute(sa.select(sa.func.min(f.c.next_poll)).where(f.c.active.is_(True))).scalar()
        retry = conn.execute(sa.select(sa.func.min(wi.c.next_try)).where(wi.c.state == "pending")).scalar()
    times = [x for x in (poll, retry) if x is not None]
    return min(times) if times else None


def retry_later(store: Store, item: WatchItem, next_try: datetime, message: str) -> None:
    wi = t.watch_items
    with write_tx(store.engine) as conn:
        conn.execute(wi.update().where(wi.c.key == item.key, wi.c.state == "pending").values(
            attempts=item.attempts + 1, next_try=next_try, message=message))


def give_up(store: Store, item: WatchItem, at: datetime, message: str) -> None:
    """Mark an item failed and record the failure (both or neither)."""
    wi = t.watch_items
    with write_tx(store.engine) as conn:
        conn.execute(wi.update().where(wi.c.key == item.key, wi.c.state == "pending").values(
            state="failed", attempts=item.attempts + 1, message=message, done_at=at))
        conn.execute(t.failures.insert().values(origin=item.url or item.key, message=message, at=at))


def mark_done(conn: sa.Connection, outcomes: Mapping[str, tuple[str, str | None, str | None]], at: datetime) -> None:
    """Inside an ingest transaction: item key -> (state, article id, message) for the batch's items."""
    wi = t.watch_items
    for key, (state, article_id, message) in outcomes.items():
        conn.execute(wi.update().where(wi.c.key == key, wi.c.state == "pending").values(
            state=state, article_id=article_id, message=message, done_at=at))


def item_counts(store: Store) -> dict[str, int]:
    """Items per state (every state present, 0 when none)."""
    wi = t.watch_items
    with read_tx(store.engine) as conn:
        found = dict(conn.execute(sa.select(wi.c.state, sa.func.count()).group_by(wi.c.state)).all())
    return {s: int(found.get(s, 0)) for s in STATES}


def items(store: Store, keys: Iterable[str] | None = None) -> list[WatchItem]:
    wi = t.watch_items
    with read_tx(store.engine) as conn:
        if keys is None:
            return [_item(r) for r in conn.execute(sa.select(wi).order_by(wi.c.first_seen, wi.c.key)).mappings()]
        found: list[WatchItem] = []
        for part in chunks(list(keys)):
            found += [_item(r) for r in conn.execute(sa.select(wi).where(wi.c.key.in_(part))).mappings()]
        return found
