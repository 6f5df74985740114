"""Saved alerts: which stories and events to watch, raised after each ingest batch, delivered as JSON lines,
signed webhooks and Atom feeds (see README "Alerts")."""

from corroborate.alerts.deliver import SIGNATURE_HEADER, Deliverer, sign, verify
from corroborate.alerts.detect import story_events, wants
from corroborate.alerts.hook import AlertHook
from corroborate.alerts.log import LoggedAlert, alerts_of, pending
from corroborate.alerts.saved import add_watch, get_watch, list_watches, parse_events, remove_watch

__all__ = [
    "SIGNATURE_HEADER", "AlertHook", "Deliverer", "LoggedAlert", "add_watch", "alerts_of", "get_watch",
    "list_watches", "parse_events", "pending", "remove_watch", "sign", "story_events", "verify", "wants",
]
