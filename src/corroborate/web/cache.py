"""Small in-process caches for the web app: rendered responses keyed by a story's version, and
immutable articles. One instance per app (created in `create_app`), shared by every worker thread."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

V = TypeVar("V")
MISSING = "missing"  # the version of a story that does not exist
LIST_TTL = 3.0  # seconds a story list page may lag behind another process's ingest


class LRU(Generic[V]):
    """A thread-safe LRU of at most `size` entries. An entry is served while it was stored under the same
    `version` the caller asks with and is younger than `ttl` seconds (None: no age limit)."""

    def __init__(self, size: int, ttl: float | None = None) -> None:
        if size < 1:
            raise ValueError(f"cache size must be at least 1 (got {size})")
        self.size = size
        self.ttl = ttl
        self._items: OrderedDict[Hashable, tuple[Hashable, float, V]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, version: Hashable = None) -> V | None:
        with self._lock:
            item = self._items.get(key)
            if item is None or item[0] != version or (self.ttl is not None and time.monotonic() - item[1] > self.ttl):
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return item[2]

    def put(self, key: Hashable, value: V, version: Hashable = None) -> V:
        with self._lock:
            self._items[key] = (version, time.monotonic(), value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def get_or_make(self, key: Hashable, make: Callable[[], V], version: Hashable = None) -> V:
        """The cached value, or `make()` stored under `version`. Two threads missing together both compute
        (cheap enough, and no thread ever waits on another's work)."""
        found = self.get(key, version)
        return found if found is not None else self.put(key, make(), version)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


class Refreshing(Generic[V]):
    """Values that are slow to make (counts over every article): made once while callers wait, then served
    as they are while one background thread makes them again once they are older than `ttl` seconds, so
    no request waits on a recount and concurrent misses never recount together."""

    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._items: dict[Hashable, tuple[float, V]] = {}
        self._lock = threading.Lock()
        self._refreshing: set[Hashable] = set()

    def get_or_make(self, key: Hashable, make: Callable[[], V]) -> V:
        item = self._items.get(key)
        if item is None:
            with self._lock:  # the first time: one caller makes it, the others wait for it
                item = self._items.get(key)
                if item is None:
                    item = self._items[key] = (time.monotonic(), make())
            return item[1]
        if time.monotonic() - item[0] > self.ttl:
            with self._lock:
                start = key not in self._refreshing
                self._refreshing.add(key)
            if start:
                threading.Thread(target=self._refresh, args=(key, make), daemon=True).start()
        return item[1]

    def _refresh(self, key: Hashable, make: Callable[[], V]) -> None:
        try:
            self._items[key] = (time.monotonic(), make())
        finally:
            with self._lock:
                self._refreshing.discard(key)

    def clear(self) -> None:
        """Forget every value (an ingest in this process: the next caller makes it again, and waits)."""
        with self._lock:
            self._items = {}


class WebCache:
    """The app's caches and the cheap version look-up they are keyed by."""

    def __init__(self, store: Any, size: int = 256) -> None:
        self.store = store
        # Pages also show other stories' titles (related links): refresh those at least every minute.
        self.dossier_page: LRU[str] = LRU(size, ttl=60.0)
        # articles change only by a new version or a delete: cleared by `written`, and a minute old at most
        # when another process wrote them
        self.articles: LRU[Any] = LRU(size, ttl=60.0)
        self.article_bodies: LRU[Any] = LRU(size, ttl=60.0)  # highlighted reader text, same lifetime
        self.story_titles: LRU[tuple[str | None]] = LRU(size * 4, ttl=30.0)
        # language/outlet counts on the story list and the outlet list: counts over every article
        self.facets: Refreshing[Any] = Refreshing(ttl=10.0)
        # Story list pages: a few seconds old at most (an ingest in this process clears them at once).
        self.story_lists: LRU[Any] = LRU(size, ttl=LIST_TTL)
        # entity and outlet views, merged over many stories: as fresh as the story lists
        self.aggregates: LRU[Any] = LRU(size, ttl=LIST_TTL)

    def list_stories(self, query: Any) -> tuple[list[Any], int]:
        """`Store.list_stories(query)`, answered from the last few seconds' results when the same page was
        asked for; the count and the page together cost two queries that scan the filtered stories."""
        key = tuple(getattr(query, name) for name in query.__dataclass_fields__)
        return self.story_lists.get_or_make(key, lambda: self.store.list_stories(query))

    def entity(self, key: str, limit: int) -> dict[str, Any] | None:
        """`Store.entity(key, limit=limit)`, answered from the last few seconds' result (None: no such entity,
        never kept)."""
        return self.aggregates.get_or_make(("entity", key, limit), lambda: self.store.entity(key, limit=limit))

    def outlet(self, name: str) -> dict[str, Any] | None:
        """`Store.outlet(name)`, answered from the last few seconds' result (None is never kept)."""
        return self.aggregates.get_or_make(("outlet", name), lambda: self.store.outlet(name))

    def written(self) -> None:
        """Forget everything that may show another story's data (call after an ingest in this process)."""
        self.story_lists.clear()
        self.aggregates.clear()
        self.articles.clear()
        self.article_bodies.clear()
        self.facets.clear()
        self.story_titles.clear()

    def dossier_json(self, story_id: str) -> str | None:
        """The story's dossier as the JSON text the store keeps (codec.dumps of the Dossier, the same text
        as json.dumps(model.to_json(dossier))), without decoding it; None when there is none."""
        return self.store.dossier_text(story_id)

    def story_version(self, story_id: str) -> Hashable:
        """When the story was last written (changes with every new article, merge or dossier), MISSING when
        there is no such story. One indexed primary-key read."""
        if not hasattr(self.store, "story_updated_at"):  # a stand-in store: a fresh version each time, never cached
            return object()
        stamp = self.store.story_updated_at(story_id)
        return MISSING if stamp is None else stamp

    def story_title(self, story_id: str) -> str | None:
        def make() -> tuple[str | None]:
            story = self.store.get_story(story_id)
            return (story.title if story else None,)

        return self.story_titles.get_or_make(story_id, make)[0]
