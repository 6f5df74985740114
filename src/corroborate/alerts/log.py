"""The alert log: every alert raised, once (a unique id per alert and event), with its delivery state.

Rows are written inside the ingest batch's transaction, so an alert exists exactly when its batch is
stored; deliveries then move `webhook_state` / `jsonl_state` from "pending" to "delivered" (or "failed")."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from corroborate.alerts.text import describe
from corroborate.model import AlertEvent, AlertWatch
from corroborate.store import Store
from corroborate.store import schema as t
from corroborate.store.codec import dialect_insert
from corroborate.store.engine import read_tx, write_tx


@dataclass
class LoggedAlert:
    id: int
    uid: str
    watch_id: int
    event: str
    story_id: str
    at: datetime
    payload: dict[str, Any]
    webhook_state: str
    webhook_attempts: int
    jsonl_state: str


def alert_uid(watch_id: int, event: AlertEvent) -> str:
    return hashlib.sha1(f"{watch_id}\n{event.story}\n{event.key}".encode()).hexdigest()


def payload(watch: AlertWatch, event: AlertEvent, uid: str, at: datetime) -> dict[str, Any]:
    return {"id": uid, "alert": watch.id, "event": event.event, "story": event.story, "title": event.title,
            "summary": describe(event), "at": at.isoformat(), "path": f"/stories/{event.story}",
            "detail": event.detail}


def record(conn: sa.Connection, raised: Iterable[tuple[AlertWatch, AlertEvent]], at: datetime) -> int:
    """Insert the alerts not logged before (same watch, story and event key); returns how many were new."""
    rows = []
    for watch, event in raised:
        uid = alert_uid(watch.id, event)
        rows.append({"uid": uid, "watch_id": watch.id, "event": event.event, "story_id": event.story, "at": at,
                     "payload": json.dumps(payload(watch, event, uid, at), ensure_ascii=False, default=str),
                     "webhook_state": "pending" if watch.webhook else "none", "webhook_attempts": 0,
                     "jsonl_state": "pending" if watch.jsonl else "none"})
    if not rows:
        return 0
    unique = {r["uid"]: r for r in rows}
    stmt = dialect_insert(conn, t.alert_log).on_conflict_do_nothing(index_elements=["uid"]).returning(t.alert_log.c.id)
    return sum(conn.execute(stmt, row).first() is not None for row in unique.values())


def _row(r: Any) -> LoggedAlert:
    return LoggedAlert(r["id"], r["uid"], r["watch_id"], r["event"], r["story_id"], r["at"], json.loads(r["payload"]),
                       r["webhook_state"], r["webhook_attempts"], r["jsonl_state"])


def pending(store: Store) -> list[LoggedAlert]:
    """Alerts with a delivery still to do, oldest first."""
    log = t.alert_log
    q = sa.select(log).where(sa.or_(log.c.webhook_state == "pending", log.c.jsonl_state == "pending")).order_by(log.c.id)
    with read_tx(store.engine) as conn:
        return [_row(r) for r in conn.execute(q).mappings()]


def alerts_of(store: Store, watch_id: int, limit: int = 100) -> list[LoggedAlert]:
    """The latest `limit` alerts of one watch, newest first."""
    log = t.alert_log
    q = sa.select(log).where(log.c.watch_id == watch_id).order_by(log.c.id.desc()).limit(limit)
    with read_tx(store.engine) as conn:
        return [_row(r) for r in conn.execute(q).mappings()]


def mark(store: Store, alert_id: int, **states: Any) -> None:
    """Set delivery columns (webhook_state, webhook_attempts, jsonl_state) of one alert."""
    with write_tx(store.engine) as conn:
        conn.execute(t.alert_log.update().where(t.alert_log.c.id == alert_id).values(**states))
