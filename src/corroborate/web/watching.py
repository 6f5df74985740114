"""`serve --watch`: the feed watcher in a background thread beside the web app (same store, the API's ingest
lock, the app's caches refreshed after each batch)."""

from __future__ import annotations

import logging
import threading
from typing import Any

from corroborate.watch import Source, WatchConfig, Watcher

log = logging.getLogger(__name__)
RESTART_AFTER = 60.0
"""Seconds before the watcher runs again after an unexpected error (logged)."""


class _RefreshCache:
    def __init__(self, cache: Any) -> None:
        self.cache = cache

    def in_transaction(self, conn: Any, outcome: Any) -> None:
        return None

    def after_commit(self, outcome: Any) -> None:
        self.cache.written()


class BackgroundWatch:
    """Start with `start()`, stop with `stop()` (waits for the current request or batch to finish)."""

    def __init__(self, store: Any, cache: Any, sources: list[Source], config: WatchConfig | None = None) -> None:
        from .api import _ingest_lock

        self.stop_event = threading.Event()
        self.watcher = Watcher(store, config, hooks=[_RefreshCache(cache)], lock=_ingest_lock,
                               stop=self.stop_event, say=lambda message: log.info("watch: %s", message))
        self.watcher.set_sources(sources)
        self.thread = threading.Thread(target=self._run, name="corroborate-watch", daemon=True)

    def _run(self) -> None:
        while not self.stop_event.is_set():
            try:
                self.watcher.run()
            except Exception:  # keep serving: log, wait, try again (the state is in the database)
                log.exception("watch: the watcher failed; running it again in %.0f s", RESTART_AFTER)
                self.stop_event.wait(RESTART_AFTER)

    def start(self) -> None:
        self.thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        self.stop_event.set()
        self.thread.join(timeout)
        self.watcher.close()
