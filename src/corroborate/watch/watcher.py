"""`Watcher`: polls the watched feeds and sitemaps, fetches the new articles and ingests them in batches.

Crash safety (kill -9 at any point loses and duplicates nothing):
- a poll stores the feed's new items and its new validators/next poll in one transaction;
- a fetched article is ingested through the Ingestor, and its item is marked ingested / duplicate /
  failed in that batch's transaction (`WatchHook`); an item still pending after a crash is fetched again,
  and the ingest's own id/content checks would skip it if it were stored anyway;
- alerts are logged in the same transaction and delivered after it; leftovers go out at the next start.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from corroborate.model import Document, ReadError
from corroborate.read.fetch import FetchedBody, page_document
from corroborate.store import Store
from corroborate.watch import state
from corroborate.watch.feedpoll import backoff_delay, poll
from corroborate.watch.http import PoliteClient
from corroborate.watch.sources import Source

if TYPE_CHECKING:
    from corroborate.analyze import Analyzer
    from corroborate.pipeline import BatchHook, BatchOutcome, Ingestor, IngestReport

log = logging.getLogger(__name__)
PERMANENT = ("HTTP 401", "HTTP 403", "HTTP 404", "HTTP 410", "HTTP 451", "invalid URL", "not an http(s) URL",
             "unsupported content type", "limit for one document", "not an article")
"""Page problems that another try will not cure: the entry's summary is used at once, or the item fails."""


@dataclass
class WatchConfig:
    host_delay: float = 1.0  # seconds between two requests to one host
    timeout: float = 20.0  # seconds per request
    batch_size: int = 16  # articles per ingest transaction
    max_items_per_cycle: int = 200  # articles fetched per cycle (the rest wait for the next one)
    max_attempts: int = 5  # tries of an article page before it is given up (or its feed summary used)
    retry_base: float = 60.0  # first retry of a failed page or feed after this many seconds, then doubling
    max_backoff: float = 6 * 3600.0  # longest wait of a failing feed or page
    max_sleep: float = 60.0  # longest sleep between two cycles (a stop request ends it at once)


@dataclass
class CycleReport:
    polled: int = 0
    not_modified: int = 0
    feed_errors: list[str] = field(default_factory=list)
    new_items: int = 0
    fetched: int = 0
    ingested: int = 0
    duplicates: int = 0  # texts already stored: re-sends, and copies carried by another outlet (also in `carried`)
    carried: int = 0
    failed: int = 0
    retry_later: int = 0
    stories: set[str] = field(default_factory=set)


class WatchHook:
    """The Ingestor hook that marks each batch's watch items done inside the batch's transaction."""

    def __init__(self, clock: Callable[[], datetime]) -> None:
        self.clock = clock

    def in_transaction(self, conn: Any, outcome: BatchOutcome) -> None:
        stored = {a.origin: a.id for a in outcome.articles}
        failed = {f.origin: f.message for f in outcome.report.failures}
        carried = {copy.origin: aid for aid, copy in outcome.carriers}
        done: dict[str, tuple[str, str | None, str | None]] = {}
        for item in outcome.items:
            if not isinstance(item, Document):
                continue
            if item.origin in stored:
                done[item.origin] = ("ingested", stored[item.origin], None)
            elif item.origin in carried:
                done[item.origin] = ("duplicate", carried[item.origin], "the text of a stored article, carried by "
                                     "another outlet")
            elif item.origin in failed:
                done[item.origin] = ("failed", None, failed[item.origin])
            else:
                done[item.origin] = ("duplicate", None, "same id or content as a stored article")
        state.mark_done(conn, done, self.clock())

    def after_commit(self, outcome: BatchOutcome) -> None:
        return None


def _utcnow() -> datetime:
    return datetime.now(UTC)


class Watcher:
    """Polls feeds and ingests what is new. `clock`, `sleep`, `client` and `ingestor` are injectable."""

    def __init__(self, store: Store, config: WatchConfig | None = None, *, ingestor: Ingestor | None = None,
                 client: PoliteClient | None = None, clock: Callable[[], datetime] = _utcnow,
                 sleep: Callable[[float], None] = time.sleep, stop: threading.Event | None = None,
                 say: Callable[[str], None] | None = None, analyzer: Analyzer | None = None,
                 hooks: Sequence[BatchHook] = (), lock: AbstractContextManager[Any] | None = None,
                 wait: Callable[[float], object] | None = None) -> None:
        self.store = store
        self.config = config or WatchConfig()
        self.clock = clock
        self.stop = stop or threading.Event()
        self.say = say or (lambda message: log.info("%s", message))
        self.client = client or PoliteClient(host_delay=self.config.host_delay, timeout=self.config.timeout, sleep=sleep)
        self._ingestor = ingestor  # injected: used for every cycle (tests)
        self._analyzer = analyzer
        self._hooks = list(hooks)  # extra after-batch hooks (the web app's cache refresh)
        self._lock = lock or nullcontext()  # held while ingesting (the web app's ingest lock)
        self._wait = wait or self.stop.wait  # between cycles; a stop request ends the default wait at once

    # ------------------------------------------------------------------ setup

    def set_sources(self, sources: list[Source]) -> None:
        state.sync_feeds(self.store, sources)

    def _new_ingestor(self) -> Ingestor:
        """A fresh Ingestor per cycle with work (its clusterer restored from the database, so ingests by
        others in between are seen), sharing one analyzer (it takes seconds to load)."""
        from corroborate.analyze import Analyzer
        from corroborate.pipeline import Ingestor, default_hooks

        if self._analyzer is None:
            self._analyzer = Analyzer()
        hooks = [*default_hooks(self.store), WatchHook(self.clock), *self._hooks]
        return Ingestor(self.store, self._analyzer, hooks=hooks)

    def _deliver_leftovers(self) -> None:
        from corroborate.alerts import Deliverer

        Deliverer(self.store).deliver_pending()

    # ------------------------------------------------------------------ the loop

    def run(self, max_cycles: int | None = None,
            on_cycle: Callable[[CycleReport], object] | None = None) -> list[CycleReport]:
        """Cycle until `stop` is set or `max_cycles` cycles ran, sleeping until the next feed or retry is due.
        Returns the reports of the cycles (kept only with `max_cycles`); `on_cycle` gets each one."""
        reports: list[CycleReport] = []
        done = 0
        while not self.stop.is_set():
            report = self.cycle()
            done += 1
            if on_cycle is not None:
                on_cycle(report)
            if max_cycles is not None:
                reports.append(report)
            if max_cycles is not None and done >= max_cycles:
                break
            self.sleep_until_due()
        return reports

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def sleep_until_due(self) -> None:
        """Wait until the next feed poll or page retry is due (at most `max_sleep`; `stop` ends it)."""
        wake = state.next_wakeup(self.store)
        seconds = self.config.max_sleep if wake is None else (wake - self.clock()).total_seconds()
        seconds = min(max(seconds, 0.0), self.config.max_sleep)
        if seconds > 0:
            self._wait(seconds)

    def cycle(self) -> CycleReport:
        """One pass: deliver leftover alerts, poll every due feed, fetch and ingest the due articles."""
        report = CycleReport()
        self._deliver_leftovers()
        now = self.clock()
        for feed in state.feeds(self.store):
            if self.stop.is_set():
                return report
            if feed.next_poll is not None and feed.next_poll > now:
                continue
            self._poll(feed, report)
        self._process_items(report)
        return report

    def _poll(self, feed: Any, report: CycleReport) -> None:
        feed, found, problem, unchanged = poll(self.client, feed, self.clock, error_base=self.config.retry_base,
                                    max_backoff=self.config.max_backoff)
        report.polled += 1
        new = state.save_poll(self.store, feed, found, self.clock())
        report.new_items += new
        if problem:
            report.feed_errors.append(f"{feed.url}: {problem}")
            self.say(f"{feed.url}: {problem} (error {feed.errors}; next poll {feed.next_poll:%H:%M:%S} UTC)")
        elif unchanged:
            report.not_modified += 1
        elif new:
            self.say(f"{feed.url}: {new} new item{'s' if new != 1 else ''}")

    def _process_items(self, report: CycleReport) -> None:
        items = state.due_items(self.store, self.clock(), self.config.max_items_per_cycle)
        size = max(1, self.config.batch_size)
        ingestor: Ingestor | None = self._ingestor
        for start in range(0, len(items), size):
            if self.stop.is_set():
                return
            docs = [doc for item in items[start : start + size] if (doc := self._document(item, report))]
            if not docs:
                continue
            with self._lock:
                if ingestor is None:
                    ingestor = self._new_ingestor()
                elif not any(isinstance(h, WatchHook) for h in ingestor.hooks):
                    ingestor.hooks.append(WatchHook(self.clock))
                result = ingestor.ingest(docs, batch_size=len(docs))
            self._count(result, report)

    def _count(self, result: IngestReport, report: CycleReport) -> None:
        report.ingested += result.ingested
        report.duplicates += result.duplicates + result.carried
        report.carried += result.carried
        report.failed += len(result.failures)
        report.stories |= result.stories

    def _document(self, item: state.WatchItem, report: CycleReport) -> Document | None:
        """The item's page as a Document (its feed summary when it has no link or the page is given up);
        None when it is to be retried later or failed for good (recorded)."""
        if not item.url:
            return _summary_document(item)
        fetched = self.client.get(item.url)
        report.fetched += 1
        page: Document | ReadError
        if isinstance(fetched, ReadError):
            page = fetched
        else:
            page = page_document(item.key, FetchedBody(fetched.url, fetched.content_type, fetched.data, fetched.fetched))
        if isinstance(page, Document):
            return _with_entry(page, item)
        permanent = any(p in page.message for p in PERMANENT)
        if not permanent and item.attempts + 1 < self.config.max_attempts:
            delay = backoff_delay(0, item.attempts + 1, self.config.retry_base, self.config.max_backoff)
            state.retry_later(self.store, item, self.clock() + timedelta(seconds=delay), page.message)
            report.retry_later += 1
            return None
        summary = _summary_document(item)
        if summary is not None:
            return summary
        state.give_up(self.store, item, self.clock(), f"{page.message} (link of a watched feed entry)")
        report.failed += 1
        return None


def _with_entry(page: Document, item: state.WatchItem) -> Document:
    entry = item.entry
    page.origin = item.key
    page.given_id = entry.get("id") or None
    page.title = entry.get("title") or None
    page.published = entry.get("published") or None
    page.source = entry.get("source") or None
    page.lang = entry.get("lang") or None
    page.authors = list(entry.get("authors") or [])
    return page


def _summary_document(item: state.WatchItem) -> Document | None:
    entry = item.entry
    if not entry.get("summary"):
        return None
    return Document(origin=item.key, content=entry["summary"], kind=entry.get("summary_kind") or "html",
                    given_id=entry.get("id") or None, title=entry.get("title") or None, url=item.url,
                    published=entry.get("published") or None, source=entry.get("source") or None,
                    lang=entry.get("lang") or None, authors=list(entry.get("authors") or []))
