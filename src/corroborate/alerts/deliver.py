"""Delivering logged alerts: JSON lines to a file or stdout, and webhook POSTs signed with HMAC-SHA256.

The webhook body is the alert's JSON; `X-Corroborate-Signature: sha256=<hex HMAC of the body with the
alert's secret>` and `X-Corroborate-Alert: <alert id>` (receivers can drop a repeat after a crash)."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from corroborate.alerts.log import LoggedAlert, mark, pending
from corroborate.alerts.saved import list_watches
from corroborate.model import AlertWatch
from corroborate.store import Store

log = logging.getLogger(__name__)
SIGNATURE_HEADER = "X-Corroborate-Signature"
MAX_WEBHOOK_ATTEMPTS = 8
"""Delivery rounds after which a webhook alert is marked failed (each round retries `retries` times)."""


def sign(body: bytes, secret: str) -> str:
    """The signature header's value: 'sha256=' + hex HMAC-SHA256 of `body` keyed with `secret`."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify(body: bytes, secret: str, header: str | None) -> bool:
    return bool(header) and hmac.compare_digest(sign(body, secret), header or "")


def body_of(alert: LoggedAlert) -> bytes:
    return json.dumps(alert.payload, ensure_ascii=False, sort_keys=True).encode("utf-8")


@dataclass
class Deliverer:
    """Delivers pending alerts. One lock per process: deliveries of two batches never interleave."""

    store: Store
    timeout: float = 10.0
    retries: int = 2
    backoff: float = 0.5
    sleep: Callable[[float], None] = time.sleep
    client: httpx.Client | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def deliver_pending(self) -> int:
        """Deliver every pending alert; returns how many deliveries succeeded."""
        with self._lock:
            alerts = pending(self.store)
            if not alerts:
                return 0
            watches = {w.id: w for w in list_watches(self.store)}
            done = 0
            down: set[str] = set()  # webhooks that failed this round: their other alerts wait for the next
            for alert in alerts:
                watch = watches.get(alert.watch_id)
                if watch is None:
                    continue
                if alert.jsonl_state == "pending" and watch.jsonl:
                    done += self._jsonl(alert, watch.jsonl)
                if alert.webhook_state == "pending" and watch.webhook and watch.webhook not in down:
                    delivered = self._webhook(alert, watch)
                    done += delivered
                    if not delivered:
                        down.add(watch.webhook)
            return done

    def _jsonl(self, alert: LoggedAlert, target: str) -> int:
        line = json.dumps(alert.payload, ensure_ascii=False) + "\n"
        try:
            if target == "-":
                sys.stdout.write(line)
                sys.stdout.flush()
            else:
                with Path(target).open("a", encoding="utf-8") as out:
                    out.write(line)
        except OSError as exc:
            log.warning("alert %s: cannot append to %s (%s); will retry", alert.uid, target, exc)
            return 0
        mark(self.store, alert.id, jsonl_state="delivered")
        return 1

    def _webhook(self, alert: LoggedAlert, watch: AlertWatch) -> int:
        body = body_of(alert)
        headers = {"Content-Type": "application/json", "X-Corroborate-Alert": alert.uid,
                   "User-Agent": "Corroborate-alerts/0.1"}
        if watch.secret:
            headers[SIGNATURE_HEADER] = sign(body, watch.secret)
        problem = ""
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                client = self.client or httpx
                response = client.post(watch.webhook or "", content=body, headers=headers, timeout=self.timeout)
            except httpx.HTTPError as exc:
                problem = f"{exc.__class__.__name__}: {exc}"
                continue
            if response.status_code < 300:
                mark(self.store, alert.id, webhook_state="delivered", webhook_attempts=alert.webhook_attempts + 1)
                return 1
            problem = f"HTTP {response.status_code}"
            if 400 <= response.status_code < 500 and response.status_code not in (408, 429):
                break  # the receiver refuses this alert: retrying will not help
        attempts = alert.webhook_attempts + 1
        state = "failed" if attempts >= MAX_WEBHOOK_ATTEMPTS else "pending"
        log.warning("alert %s: webhook %s failed (%s); %s", alert.uid, watch.webhook, problem,
                    "given up" if state == "failed" else "will retry after the next batch")
        mark(self.store, alert.id, webhook_state=state, webhook_attempts=attempts)
        return 0
