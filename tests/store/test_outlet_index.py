"""The corpus's outlet identities in memory: the precomputed look-ups answer as `outlets.identity_of`, a
rebuild runs in the background (callers get the last index, never wait on it), and this process's writes
are seen at once while building is cheap."""

from __future__ import annotations

import threading
import time
from collections.abc import Hashable

from corroborate.outlets import corpus_identities, display_rank, identity_of
from corroborate.store.outlet_index import OutletCache, OutletIndex

NAMES = {"Harbour Post": 40, "harbourpost.example": 12, "HARBOUR  post": 3, "Valley Courier": 9,
         "valleycourier.example": 2, "lonesite.example": 5, "www.lonesite.example": 1, "Quiet Weekly": 1}
HOSTS = [("Harbour Post", "www.harbourpost.example"), ("harbourpost.example", "harbourpost.example"),
         ("Valley Courier", "valleycourier.example"), ("lonesite.example", "lonesite.example")]


def _index() -> tuple[dict[str, str], OutletIndex]:
    identities = corpus_identities(NAMES, HOSTS)
    return identities, OutletIndex(identities, NAMES)


def test_the_index_answers_as_identity_of() -> None:
    identities, index = _index()
    asked = [*NAMES, "harbour post", "  Harbour   POST ", "harbourpost.example", "HarbourPost.Example",
             "news.harbourpost.example", "lonesite.example", "LONESITE.example", "valleycourier.example",
             "Nobody Daily", "nobody.example", "", "   "]
    for name in asked:
        assert index.identity(name) == identity_of(name, identities), name
        key = identity_of(name, identities)
        want = [name] if key is None else sorted(s for s, k in identities.items() if k == key)
        assert index.names(name) == want, name


def test_the_shown_name_is_the_most_used_that_is_not_a_domain() -> None:
    _, index = _index()
    assert index.display("harbourpost.example") == "Harbour Post"
    assert index.display("valleycourier.example") == "Valley Courier"
    assert index.display("lonesite.example") == min(["lonesite.example", "www.lonesite.example"],
                                                     key=lambda n: display_rank(n, NAMES[n]))
    assert index.display("Nobody Daily") == "Nobody Daily"


class _Corpus:
    """A stand-in corpus whose builds can be held up, counted and changed."""

    def __init__(self) -> None:
        self.version = 1
        self.builds = 0
        self.release = threading.Event()
        self.release.set()

    def build(self, previous: Hashable, _index: OutletIndex | None) -> tuple[Hashable, OutletIndex | None]:
        self.release.wait(10)
        self.builds += 1
        if previous == self.version:
            return self.version, None
        return self.version, OutletIndex({f"Outlet {self.version}": f"name:outlet {self.version}"},
                                         {f"Outlet {self.version}": 1})


def _wait_for(condition, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


def test_an_old_index_is_served_while_one_thread_rebuilds_it() -> None:
    corpus = _Corpus()
    cache = OutletCache(corpus.build, ttl=0.05, sync_seconds=0.0)
    first = cache.get()
    assert "Outlet 1" in first.identities and corpus.builds == 1
    corpus.version = 2
    corpus.release.clear()  # the rebuild is held up: callers must not wait for it
    time.sleep(0.06)
    started = time.monotonic()
    served = [cache.get() for _ in range(20)]
    assert time.monotonic() - started < 1.0
    assert all(s is first for s in served)
    corpus.release.set()
    assert _wait_for(lambda: "Outlet 2" in cache.get().identities)
    assert corpus.builds == 2  # twenty callers past the age started one rebuild


def test_an_unchanged_corpus_keeps_its_index() -> None:
    corpus = _Corpus()
    cache = OutletCache(corpus.build, ttl=0.01, sync_seconds=0.0)
    first = cache.get()
    time.sleep(0.02)
    cache.get()
    assert _wait_for(lambda: corpus.builds == 2)
    time.sleep(0.02)
    assert cache.get() is first and cache.builds == 1


def test_this_process_writes_are_seen_at_once_while_building_is_cheap() -> None:
    corpus = _Corpus()
    cache = OutletCache(corpus.build, ttl=3600)
    assert "Outlet 1" in cache.get().identities
    corpus.version = 2
    assert "Outlet 1" in cache.get().identities  # another process's write: seen after ttl
    cache.stale()
    assert "Outlet 2" in cache.get().identities


def test_after_a_costly_build_this_process_writes_rebuild_in_the_background() -> None:
    corpus = _Corpus()
    cache = OutletCache(corpus.build, ttl=3600, sync_seconds=0.0)
    first = cache.get()
    corpus.version = 2
    corpus.release.clear()
    cache.stale()
    assert cache.get() is first  # not waiting on the held-up rebuild
    corpus.release.set()
    assert _wait_for(lambda: "Outlet 2" in cache.get().identities)


def _batch(i: int, outlet: str | None, url: str | None, lang: str = "en"):
    from corroborate.model import Assignment, Story
    from corroborate.store import Batch
    from corroborate.testing import analysis, article

    a = article(i, lang=lang, outlet=outlet)
    a.url = url
    return Batch(articles=[(a, analysis(a, dim=4))], assignments=[Assignment(a.id, f"s{i}", 0.9, True)],
                 stories=[Story(f"s{i}", [a.id], title=a.title)])


def test_cached_counts_match_the_counts_and_follow_writes(store) -> None:
    from corroborate.store import Store

    for i, (outlet, url, lang) in enumerate([("Harbour Post", "https://www.harbourpost.example/a", "en"),
                                             ("harbourpost.example", "https://harbourpost.example/b", "sv"),
                                             (None, None, "de"), ("Valley Courier", "https://valley.example/c", "en")]):
        store.write_batch(_batch(i, outlet, url, lang))
    for by in ("lang", "outlet"):
        assert store.cached_counts(by) == store.counts(by)
    assert store.cached_counts("outlet")["Harbour Post"] == 2
    store.write_batch(_batch(9, "Hill Gazette", "https://hill.example/x", "fr"))  # this process: seen at once
    assert store.cached_counts("outlet") == store.counts("outlet") and store.cached_counts("lang")["fr"] == 1
    # a rebuild that reuses the hosts read earlier (a large corpus) reads those of new names only
    previous = store._outlets.get()
    previous.hosts_read = (time.monotonic(), 60.0)
    with Store(store.url) as other:  # another process writes two new outlet names
        other.write_batch(_batch(10, "Lake Times", "https://laketimes.example/y"))
        other.write_batch(_batch(11, "lake-times.example", "https://lake-times.example/z"))
    _, partial = store._read_outlet_index(None, previous)
    _, full = store._read_outlet_index(None, None)
    assert partial.identities == full.identities and partial.counts == full.counts
    assert "Lake Times" in partial.names("laketimes.example")
