"""Saved alerts (the `alert_watches` table): add, list, remove."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa

from corroborate.model import ALERT_EVENTS, AlertWatch
from corroborate.store import Store
from corroborate.store import schema as t
from corroborate.store.codec import now
from corroborate.store.engine import read_tx, write_tx

DEFAULT_EVENTS = ("new-story", "conflict", "revised")


def parse_events(text: str | Sequence[str] | None) -> list[str]:
    """'new-story,conflict' -> ['new-story', 'conflict']; raises ValueError naming an unknown event."""
    if text is None:
        return list(DEFAULT_EVENTS)
    parts = text.split(",") if isinstance(text, str) else list(text)
    events = [p.strip().lower() for p in parts if p.strip()]
    unknown = [e for e in events if e not in ALERT_EVENTS]
    if unknown or not events:
        raise ValueError(f"unknown alert event(s) {unknown or [text]}; choose from {', '.join(ALERT_EVENTS)}")
    return list(dict.fromkeys(events))


def row_watch(row: Mapping[str, Any]) -> AlertWatch:
    return AlertWatch(
        id=row["id"], events=[e for e in row["events"].split(",") if e], query=row["query"], lang=row["lang"],
        place=row["place"], event_type=row["event_type"], min_killed=row["min_killed"], webhook=row["webhook"],
        secret=row["secret"], jsonl=row["jsonl"], created_at=row["created_at"],
    )


def add_watch(store: Store, watch: AlertWatch) -> AlertWatch:
    """Save `watch` (its id is ignored) and return it with the id the database gave it."""
    if watch.webhook and not watch.webhook.lower().startswith(("http://", "https://")):
        raise ValueError(f"webhook {watch.webhook!r} is not an http(s) URL")
    events = parse_events(watch.events)
    values = {"query": watch.query, "lang": watch.lang, "place": watch.place, "event_type": watch.event_type,
              "min_killed": watch.min_killed, "events": ",".join(events), "webhook": watch.webhook,
              "secret": watch.secret, "jsonl": watch.jsonl, "created_at": now()}
    with write_tx(store.engine) as conn:
        new_id = conn.execute(t.alert_watches.insert().values(**values).returning(t.alert_watches.c.id)).scalar_one()
    return AlertWatch(id=int(new_id), **{**values, "events": events})


def list_watches(store: Store) -> list[AlertWatch]:
    with read_tx(store.engine) as conn:
        return load_watches(conn)


def load_watches(conn: sa.Connection) -> list[AlertWatch]:
    rows = conn.execute(sa.select(t.alert_watches).order_by(t.alert_watches.c.id)).mappings()
    return [row_watch(r) for r in rows]


def get_watch(store: Store, watch_id: int) -> AlertWatch | None:
    with read_tx(store.engine) as conn:
        row = conn.execute(sa.select(t.alert_watches).where(t.alert_watches.c.id == watch_id)).mappings().first()
    return row_watch(row) if row else None


def remove_watch(store: Store, watch_id: int) -> bool:
    """Delete the alert and its log; False when there is no such alert."""
    with write_tx(store.engine) as conn:
        conn.execute(t.alert_log.delete().where(t.alert_log.c.watch_id == watch_id))
        gone = conn.execute(t.alert_watches.delete().where(t.alert_watches.c.id == watch_id)).rowcount
    return bool(gone)
