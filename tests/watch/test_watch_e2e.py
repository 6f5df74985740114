"""End to end: feeds that change three times are watched; each change is ingested once; alerts fire for a new
story, a new conflict and a revised figure, reach a webhook with a valid signature and the Atom feed; a crash
mid-cycle and a restart lose and duplicate nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from lxml import etree
from watchkit import Received, Site, feed_server, publish, rss, sources_text, webhook_receiver

from corroborate.alerts import SIGNATURE_HEADER, add_watch, verify
from corroborate.analyze import Analyzer
from corroborate.model import AlertWatch
from corroborate.store import Store
from corroborate.store import schema as t
from corroborate.store.engine import read_tx
from corroborate.watch import WatchConfig, Watcher, read_sources
from corroborate.watch import state as watch_state
from corroborate.web import create_app

SECRET = "test-secret"


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(skip=("embed",))


@pytest.fixture
def site() -> Iterator[tuple[Site, str]]:
    site = Site()
    server = feed_server(site)
    yield site, server.base
    server.close()


@pytest.fixture
def hooks_received() -> Iterator[tuple[list[Received], str]]:
    got: list[Received] = []
    server = webhook_receiver(got)
    yield got, server.base + "/hook"
    server.close()


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2025, 3, 4, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def _watcher(store: Store, analyzer: Analyzer, clock: Clock, tmp_path: Path, base: str, extra: str = "",
             **kw: object) -> Watcher:
    path = tmp_path / "sources.txt"
    path.write_text(sources_text(base, "60") + extra, encoding="utf-8")
    sources, problems = read_sources(path)
    assert not problems
    watcher = Watcher(store, WatchConfig(host_delay=0.0, batch_size=4, retry_base=30), analyzer=analyzer,
                      clock=clock, **kw)  # type: ignore[arg-type]
    watcher.set_sources(sources)
    return watcher


def _alert_events(store: Store) -> Counter[str]:
    with read_tx(store.engine) as conn:
        return Counter(conn.execute(sa.select(t.alert_log.c.event)).scalars())


def test_feeds_changing_three_times(db_url: str, analyzer: Analyzer, site: tuple[Site, str],
                                    hooks_received: tuple[list[Received], str], tmp_path: Path) -> None:
    server, base = site
    got, hook_url = hooks_received
    jsonl = tmp_path / "alerts.jsonl"
    clock = Clock()
    with Store(db_url) as store:
        watch = add_watch(store, AlertWatch(id=0, events=["new-story", "conflict", "revised"], query="varnholt",
                                            webhook=hook_url, secret=SECRET, jsonl=str(jsonl)))
        other = add_watch(store, AlertWatch(id=0, events=["new-story"], query="no such town anywhere"))
        server.routes["/feeds/mirror.xml"] = ("application/rss+xml", rss([], title="Mirror"))
        with _watcher(store, analyzer, clock, tmp_path, base, extra=f"{base}/feeds/mirror.xml 1m\n") as watcher:
            publish(server, base, ["a"])  # change 1: a new story
            first = watcher.run(max_cycles=1)[0]
            assert (first.polled, first.ingested) == (5, 1)
            clock.advance(61)
            unchanged = watcher.run(max_cycles=1)[0]  # nothing changed: every feed answers 304
            assert unchanged.polled == 5 and unchanged.not_modified == 5 and unchanged.new_items == 0
            assert server.not_modified == 5

            publish(server, base, ["a", "b"])  # change 2: another outlet, another toll
            clock.advance(61)
            second = watcher.run(max_cycles=1)[0]
            assert (second.new_items, second.ingested) == (1, 1)

            # change 3: two more outlets agree on the higher toll (one lists its link with tracking parameters
            # and a fragment); a mirror republishes one of them at another URL under another id
            publish(server, base, ["a", "b", "c", "d"], links={"d": f"{base}/news/d?utm_source=feed#top"})
            server.routes["/news/d-mirror"] = server.routes["/news/d"]
            server.routes["/feeds/mirror.xml"] = ("application/rss+xml",
                                                  rss([("d", f"{base}/news/d-mirror")], "Mirror", "mirror"))
            clock.advance(30)
            early = watcher.run(max_cycles=1)[0]  # not due yet: no request at all
            assert early.polled == 0
            clock.advance(31)
            third = watcher.run(max_cycles=1)[0]
            assert (third.new_items, third.ingested, third.duplicates) == (3, 2, 1)
            assert third.carried == 1  # the mirror is another outlet: its copy is carried by it
            clock.advance(61)
            assert watcher.run(max_cycles=1)[0].new_items == 0

        assert store.count_articles() == 4
        assert Counter(path for path in server.requests if path.startswith("/news/")) == {
            "/news/a": 1, "/news/b": 1, "/news/c": 1, "/news/d?utm_source=feed": 1, "/news/d-mirror": 1}
        assert watch_state.item_counts(store) == {"pending": 0, "ingested": 4, "duplicate": 1, "failed": 0}
        assert _alert_events(store) == {"new-story": 1, "conflict": 1, "revised": 1}

        # the webhook got each alert once, signed
        assert len(got) == 3
        for received in got:
            assert verify(received.body, SECRET, received.headers.get(SIGNATURE_HEADER))
        payloads = [json.loads(r.body) for r in got]
        assert [p["event"] for p in payloads] == ["new-story", "conflict", "revised"]
        assert len({p["story"] for p in payloads}) == 1
        revised = payloads[2]["detail"]
        assert revised["slot"] == "killed" and revised["before"]["value"] == 5 and revised["value"] == 8
        assert sorted(payloads[1]["detail"]["claimed"]) == [5, 8]
        lines = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
        assert [line["id"] for line in lines] == [p["id"] for p in payloads]

        client = TestClient(create_app(store=store))
        response = client.get(f"/feeds/alerts/{watch.id}.atom")
        assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
        root = etree.fromstring(response.content)
        atom = "{http://www.w3.org/2005/Atom}"
        assert root.tag == f"{atom}feed" and root.find(f"{atom}id") is not None and root.find(f"{atom}updated") is not None
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo and parsed.version == "atom10"
        titles = [e.title for e in parsed.entries]
        assert len(titles) == 3 and titles[-1].startswith("New story") and titles[0].startswith("Revised killed")
        assert all(e.link.endswith(f"/stories/{payloads[0]['story']}") for e in parsed.entries)
        assert feedparser.parse(client.get(f"/feeds/alerts/{other.id}.atom").content).entries == []
        assert client.get("/feeds/alerts/999.atom").status_code == 404

        stories = feedparser.parse(client.get("/feeds/stories.atom").content)
        assert not stories.bozo and len(stories.entries) == 1 and "4 articles from 4 sources" in stories.entries[0].summary
        # the story was conflicting after change 2 (5 vs 8 at the same moment); "risen to eight" later made it
        # a revision, not a conflict, so the story is in the feed but not among the conflicting ones
        assert len(feedparser.parse(client.get("/feeds/stories.atom?lang=en").content).entries) == 1
        assert feedparser.parse(client.get("/feeds/stories.atom?conflict=true&lang=en").content).entries == []
        assert feedparser.parse(client.get("/feeds/stories.atom?q=nowhere-at-all").content).entries == []


class Boom(BaseException):
    """A crash, as the process dying would be: not an error the ingest isolates to one document."""


class CrashOnce:
    """An after-batch hook that fails inside the transaction of the batch holding `key`, once."""

    def __init__(self, origin_part: str) -> None:
        self.origin_part = origin_part
        self.fired = False

    def in_transaction(self, conn: object, outcome: object) -> None:
        items = getattr(outcome, "items", [])
        if not self.fired and any(self.origin_part in getattr(i, "origin", "") for i in items):
            self.fired = True
            raise Boom("injected crash inside the batch's transaction")

    def after_commit(self, outcome: object) -> None:
        return None


def test_crash_mid_cycle_and_restart_lose_and_duplicate_nothing(
    db_url: str, analyzer: Analyzer, site: tuple[Site, str], hooks_received: tuple[list[Received], str],
    tmp_path: Path,
) -> None:
    server, base = site
    got, hook_url = hooks_received
    clock = Clock()
    publish(server, base, ["a", "b", "c", "d"])
    with Store(db_url) as store:
        add_watch(store, AlertWatch(id=0, events=["new-story", "conflict", "revised", "new-source"],
                                    webhook=hook_url, secret=SECRET))
        crash = CrashOnce("/news/c")
        watcher = _watcher(store, analyzer, clock, tmp_path, base, hooks=[crash])
        watcher.config.batch_size = 1
        with pytest.raises(Boom):
            watcher.run(max_cycles=1)
        watcher.close()
        assert crash.fired
        counts = watch_state.item_counts(store)
        assert counts["pending"] >= 1 and store.count_articles() == counts["ingested"] < 4
        delivered_before = len(got)

        # a restart: a new watcher (as after kill -9); the feeds answer 304 but the pending items are in the db
        clock.advance(61)
        with _watcher(store, analyzer, clock, tmp_path, base, wait=clock.advance) as again:
            report = again.run(max_cycles=2)
        assert report[0].not_modified == 4 and report[0].ingested == 4 - counts["ingested"]
        assert store.count_articles() == 4
        assert watch_state.item_counts(store) == {"pending": 0, "ingested": 4, "duplicate": 0, "failed": 0}
        uids = [json.loads(r.body)["id"] for r in got]
        assert len(uids) == len(set(uids)) and len(got) > delivered_before
        events = _alert_events(store)
        assert events["new-story"] == 1 and events["new-source"] == 3


@pytest.mark.slow
def test_kill_9_of_watch_and_restart(site: tuple[Site, str], tmp_path: Path) -> None:
    """`corroborate watch` in a subprocess, killed with SIGKILL while it waits for a page; a restart finishes
    the work: every article once, every alert once."""
    server, base = site
    publish(server, base, ["a", "b", "c", "d"])
    server.delay["/news/c"] = 5.0  # fetched last (feeds are polled in URL order): the kill lands while it waits
    db = str(tmp_path / "k.db")
    out = tmp_path / "alerts.jsonl"
    sources = tmp_path / "sources.txt"
    sources.write_text(sources_text(base, "1s"), encoding="utf-8")
    with Store(db) as store:
        add_watch(store, AlertWatch(id=0, events=["new-story", "conflict", "revised", "new-source"], jsonl=str(out)))
    command = [sys.executable, "-c", "from corroborate.cli import main; main()", "--db", db, "watch", str(sources),
               "--host-delay", "0", "--batch-size", "1"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parents[2] / "src"), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    try:
        deadline = time.monotonic() + 180
        while "/news/c" not in server.requests:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            assert time.monotonic() < deadline, "the watcher never reached the last page"
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(30)
    with Store(db) as store:
        assert store.count_articles() == 3
        assert watch_state.item_counts(store)["pending"] == 1
    del server.delay["/news/c"]
    done = subprocess.run([*command, "--once"], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with Store(db) as store:
        assert store.count_articles() == 4
        assert watch_state.item_counts(store) == {"pending": 0, "ingested": 4, "duplicate": 0, "failed": 0}
        logged = _alert_events(store)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len({line["id"] for line in lines}) == sum(logged.values())
    assert logged["new-story"] == 1 and logged["new-source"] == 3
    assert [p for p in server.requests if p.startswith("/news/")].count("/news/a") == 1
