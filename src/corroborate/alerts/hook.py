"""`AlertHook`: the Ingestor's after-batch hook that raises and delivers saved alerts."""

from __future__ import annotations

import logging
import threading
from typing import Protocol

import sqlalchemy as sa

from corroborate.alerts.deliver import Deliverer
from corroborate.alerts.detect import story_events, wants
from corroborate.alerts.log import pending, record
from corroborate.alerts.saved import load_watches
from corroborate.model import AlertEvent, AlertWatch, Dossier
from corroborate.store import Store
from corroborate.store import schema as t
from corroborate.store.codec import load_as, now

log = logging.getLogger(__name__)


class BatchOutcome(Protocol):
    """What the hook reads of an ingest batch (pipeline.BatchOutcome): the refreshed dossiers."""

    dossiers: list[Dossier]


def _stored_dossiers(conn: sa.Connection, ids: list[str]) -> dict[str, Dossier]:
    d = t.dossiers
    rows = conn.execute(sa.select(d.c.story_id, d.c.json).where(d.c.story_id.in_(ids))).all() if ids else []
    return {sid: load_as(Dossier, text) for sid, text in rows}


class AlertHook:
    """Compares each touched story's stored dossier with its new one (inside the batch's transaction, so
    the alerts are logged exactly when the batch is), then delivers what is pending after the commit."""

    def __init__(self, store: Store, deliverer: Deliverer | None = None, background: bool = False) -> None:
        """`background`: deliver in a thread of its own (the HTTP API: a slow or dead webhook must not hold
        the ingest request, nor the ingest lock, through its retries)."""
        self.store = store
        self.deliverer = deliverer or Deliverer(store)
        self.raised = 0  # alerts logged by this hook (for reports)
        self._deliver = True  # leftovers of an earlier run may be pending: look once, then after each alert
        self.background = background
        self._thread: threading.Thread | None = None
        self._again = False
        self._lock = threading.Lock()  # guards _again and _thread: a request never finds a thread about to end

    def in_transaction(self, conn: sa.Connection, outcome: BatchOutcome) -> None:
        if not outcome.dossiers:
            return
        watches = load_watches(conn)
        if not watches:
            return
        before = _stored_dossiers(conn, [d.id for d in outcome.dossiers])
        raised: list[tuple[AlertWatch, AlertEvent]] = []
        for dossier in outcome.dossiers:
            events = story_events(before.get(dossier.id), dossier)
            if not events:
                continue
            for watch in watches:
                if wants(watch, dossier):
                    raised.extend((watch, e) for e in events if e.event in watch.events)
        new = record(conn, raised, now())
        self.raised += new
        self._deliver = self._deliver or new > 0

    def after_commit(self, outcome: BatchOutcome) -> None:
        if not self._deliver:
            return
        if not self.background:
            self._deliver_now()
            return
        with self._lock:
            self._again = True
            if self._thread is None:
                self._thread = threading.Thread(target=self._deliver_while_asked, name="corroborate-alerts",
                                                daemon=True)
                self._thread.start()

    def _deliver_now(self) -> None:
        self.deliverer.deliver_pending()
        self._deliver = bool(pending(self.store))  # what failed is retried after the next batch

    def _deliver_while_asked(self) -> None:
        while True:
            with self._lock:
                if not self._again:
                    self._thread = None
                    return
                self._again = False
            try:
                self._deliver_now()
            except Exception:  # a delivery round must never take the server down; the alerts stay pending
                log.exception("alerts: delivery failed; pending alerts are retried after the next batch")

    def wait(self, timeout: float | None = None) -> None:
        """Wait for a background delivery round to end (tests, shutdown)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
