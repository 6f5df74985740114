"""The corpus's outlet identities (which stored names are one outlet) and article counts by stored name,
kept in memory for the outlet filters and pages: looked up in O(1), rebuilt in a background thread.

Reading them costs a pass over every article (a DISTINCT of outlet and URL host: seconds at a million), so
`OutletCache` builds them once while callers wait, then serves the last build while one background thread
builds them again when they are older than `ttl` seconds (and another process may have written), so no
request ever waits on a rebuild after the first. This process's own writes (`stale()`) are seen at once
while a build is cheap (under `sync_seconds`), else by the background rebuild they start."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable, Iterable, Mapping

from corroborate.outlets import display_rank, domain_like, fold_name, outlet_site

SYNC_SECONDS = 0.25
"""A build that took less than this is simply done again after this process writes (exact at once)."""


class OutletIndex:
    """Stored outlet name -> identity (outlets.corpus_identities) and article counts by stored name, with
    the look-ups `Store.outlet_names` and `Store.outlet_display` need precomputed."""

    def __init__(self, identities: Mapping[str, str], counts: Mapping[str, int],
                 hosts: Iterable[tuple[str, str]] = (), lang_counts: Mapping[str, int] | None = None,
                 hosts_read: tuple[float, float] = (0.0, 0.0)) -> None:
        self.identities = dict(identities)
        self.counts = dict(counts)  # articles by stored outlet name ("" and NULL: under "")
        self.hosts = list(hosts)  # the (stored name, URL host) pairs the identities were made from
        self.lang_counts = dict(lang_counts or {})  # articles by language ("": none)
        self.hosts_read = hosts_read  # (when, in seconds of time.monotonic, and how long) hosts were all read
        self._first: dict[str, int] = {}  # identity -> position of its first stored name (outlets.identity_of)
        self._members: dict[str, list[str]] = {}
        self._by_site: dict[str, set[str]] = {}  # site of a domain-like stored name -> identities
        for position, (stored, key) in enumerate(self.identities.items()):
            self._first.setdefault(key, position)
            self._members.setdefault(key, []).append(stored)
            folded = fold_name(stored)
            if domain_like(folded):
                self._by_site.setdefault(outlet_site(folded), set()).add(key)
        for names in self._members.values():
            names.sort()

    def identity(self, name: str) -> str | None:
        """outlets.identity_of(name, identities), from the precomputed maps."""
        if name in self.identities:
            return self.identities[name]
        folded = fold_name(name)
        if not folded:
            return None
        wanted = {"name:" + folded}
        if domain_like(folded):
            site = outlet_site(folded)
            wanted |= {"site:" + site, *self._by_site.get(site, ())}
        present = [key for key in wanted if key in self._first]
        return min(present, key=self._first.__getitem__) if present else None

    def names(self, name: str) -> list[str]:
        """Every stored spelling of the outlet `name` stands for; [name] when none matches."""
        key = self.identity(name)
        return list(self._members[key]) if key is not None else [name]

    def display(self, name: str) -> str:
        """The name the outlet is shown under: its most used stored name that is not a domain."""
        names = [n for n in self.names(name) if n in self.counts]
        return min(names, key=lambda n: display_rank(n, self.counts[n])) if names else name


class OutletCache:
    """The last `OutletIndex` built, rebuilt in the background (see the module docstring).

    `build(previous_stamp, previous_index)` returns (stamp, index or None): None means "unchanged since
    previous_stamp" (nothing to rebuild); the stamp is whatever tells a changed corpus (counts, statistics
    counters); previous_stamp is None when the index must be rebuilt whatever the stamp."""

    def __init__(self, build: Callable[[Hashable, OutletIndex | None], tuple[Hashable, OutletIndex | None]],
                 ttl: float,
                 sync_seconds: float = SYNC_SECONDS) -> None:
        self._build = build
        self.ttl = ttl
        self.sync_seconds = sync_seconds
        self._value: OutletIndex | None = None
        self._stamp: Hashable = None
        self._built_at = 0.0
        self._took = 0.0  # how long the last build took
        self._dirty = False  # this process wrote since the last build started
        self._lock = threading.Lock()  # held while a build runs
        self._refreshing = False
        self._flag = threading.Lock()  # guards _refreshing
        self.builds = 0

    def get(self) -> OutletIndex:
        value = self._value
        if value is None or (self._dirty and self._took < self.sync_seconds):
            with self._lock:  # one caller builds, the others wait for it (no concurrent rebuilds)
                if self._value is None or (self._dirty and self._took < self.sync_seconds):
                    self._run(force=self._dirty)
                assert self._value is not None
                return self._value
        if self._dirty or time.monotonic() - self._built_at > self.ttl:
            self._start_refresh()
        return value

    def stale(self) -> None:
        """This process changed the corpus: rebuild (at once while building is cheap, else in the background)."""
        self._dirty = True

    def _start_refresh(self) -> None:
        with self._flag:
            if self._refreshing:
                return
            self._refreshing = True
        threading.Thread(target=self._refresh, daemon=True, name="outlet-index").start()

    def _refresh(self) -> None:
        try:
            with self._lock:
                self._run(force=self._dirty)
        except Exception:  # noqa: BLE001 - a failed background rebuild keeps the last index; the next call retries
            self._built_at = time.monotonic()
        finally:
            self._refreshing = False

    def _run(self, force: bool) -> None:
        """Build (the caller holds the lock)."""
        self._dirty = False
        started = time.monotonic()
        stamp, index = self._build(None if force or self._value is None else self._stamp, self._value)
        self._took = time.monotonic() - started
        self._built_at = time.monotonic()
        self._stamp = stamp
        if index is not None:
            self._value = index
            self.builds += 1
