"""The watcher's parts: sources files, URL keys, sitemaps, conditional GET (304), politeness, backoff, CLI."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner
from watchkit import Site, feed_server, publish, rss

from corroborate.cli import app
from corroborate.model import WatchedFeed
from corroborate.store import Store
from corroborate.watch import Source, SourcesError, parse_interval, read_sources, url_key
from corroborate.watch import state as watch_state
from corroborate.watch.feedpoll import backoff_delay, poll
from corroborate.watch.http import Fetched, PoliteClient
from corroborate.watch.sitemap import parse_sitemap

runner = CliRunner()
NOW = datetime(2031, 1, 1, tzinfo=UTC)


@pytest.fixture
def site() -> Iterator[tuple[Site, str]]:
    site = Site()
    server = feed_server(site)
    yield site, server.base
    server.close()


def test_sources_text_file(tmp_path: Path) -> None:
    path = tmp_path / "sources.txt"
    path.write_text("# feeds\n\nhttps://one.example/feed.xml\nhttps://two.example/rss 5m  # busy\n"
                    "ftp://nope.example/x\nhttps://three.example/a 10 parsecs\nhttps://four.example/b often\n",
                    encoding="utf-8")
    sources, problems = read_sources(path, default_interval=600)
    assert sources == [Source("https://one.example/feed.xml", 600), Source("https://two.example/rss", 300)]
    assert len(problems) == 3 and all(str(path) in p for p in problems)
    assert ":5:" in problems[0] and "not an http(s) URL" in problems[0]
    assert ":7:" in problems[2] and "interval 'often'" in problems[2]


def test_sources_opml(tmp_path: Path) -> None:
    path = tmp_path / "feeds.opml"
    path.write_text('<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>'
                    '<outline text="News"><outline text="A" type="rss" xmlUrl="https://a.example/rss"/>'
                    '<outline text="B" xmlUrl="https://b.example/atom" interval="1h"/></outline>'
                    '<outline text="no feed"/></body></opml>', encoding="utf-8")
    sources, problems = read_sources(path, default_interval=900)
    assert sources == [Source("https://a.example/rss", 900), Source("https://b.example/atom", 3600)]
    assert problems == []
    bad = tmp_path / "bad.opml"
    bad.write_text("<?xml version='1.0'?><opml><body><outline", encoding="utf-8")
    with pytest.raises(SourcesError, match="bad.opml"):
        read_sources(bad)
    with pytest.raises(SourcesError, match="missing.txt"):
        read_sources(tmp_path / "missing.txt")


def test_parse_interval() -> None:
    assert [parse_interval(x) for x in ("90", "90s", "2m", "1.5h", "1d")] == [90, 90, 120, 5400, 86400]
    with pytest.raises(ValueError, match="fortnight"):
        parse_interval("fortnight")


def test_url_key_ignores_cosmetic_differences() -> None:
    key = url_key("https://news.example/world/story-1")
    assert url_key("HTTPS://News.Example:443/world/story-1/?utm_source=rss&utm_medium=x#comments") == key
    assert url_key("https://news.example/world/story-1?fbclid=abc") == key
    assert url_key("https://news.example/world/Story-1") != key  # paths keep their case
    assert url_key("https://news.example/a?b=2&a=1") == url_key("https://news.example/a?a=1&b=2")
    assert url_key("https://news.example/a?id=7") != url_key("https://news.example/a?id=8")


def test_sitemaps() -> None:
    urlset = (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
              b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://s.example/a</loc>'
              b'<news:news><news:publication_date>2031-02-01T10:00:00Z</news:publication_date>'
              b'<news:title>Bridge reopens</news:title></news:news></url>'
              b'<url><loc>https://s.example/b</loc><lastmod>2031-02-02</lastmod></url></urlset>')
    parsed = parse_sitemap(urlset)
    assert parsed is not None and parsed.children == []
    assert parsed.pages == [
        {"url": "https://s.example/a", "published": "2031-02-01T10:00:00Z", "title": "Bridge reopens", "lang": None},
        {"url": "https://s.example/b", "published": "2031-02-02", "title": None, "lang": None}]
    index = b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://s.example/1.xml</loc></sitemap></sitemapindex>'
    assert parse_sitemap(index).children == ["https://s.example/1.xml"]  # type: ignore[union-attr]
    assert parse_sitemap(b"<rss><channel/></rss>") is None
    assert parse_sitemap(b"not xml at all") is None


def test_conditional_get_answers_304(site: tuple[Site, str]) -> None:
    server, base = site
    publish(server, base, ["a"])
    client = PoliteClient(host_delay=0)
    first = client.get(f"{base}/feeds/northpost.xml")
    assert isinstance(first, Fetched) and first.status == 200 and first.etag
    again = client.get(f"{base}/feeds/northpost.xml", etag=first.etag)
    assert isinstance(again, Fetched) and again.status == 304 and again.data == b"" and again.etag == first.etag
    assert server.not_modified == 1
    server.routes["/feeds/northpost.xml"] = ("application/rss+xml", rss([("a", f"{base}/news/a-updated")]))
    changed = client.get(f"{base}/feeds/northpost.xml", etag=first.etag)
    assert isinstance(changed, Fetched) and changed.status == 200  # a changed feed has a new ETag
    client.close()


def test_poll_backs_off_on_errors_and_recovers(site: tuple[Site, str]) -> None:
    server, base = site
    url = f"{base}/feeds/northpost.xml"
    publish(server, base, ["a"])
    server.fail["/feeds/northpost.xml"] = 503
    client = PoliteClient(host_delay=0)
    feed = WatchedFeed(url=url, interval_s=60)
    waits = []
    for errors in (1, 2, 3):
        feed, items, problem, _ = poll(client, feed, lambda: NOW, error_base=30, max_backoff=200)
        assert problem and problem.startswith("HTTP 503") and items == [] and feed.errors == errors
        waits.append((feed.next_poll - NOW).total_seconds())  # type: ignore[operator]
    assert waits == [60, 120, 200]  # doubling from the interval, capped
    assert backoff_delay(10, 1, 30, 1000) == 30
    del server.fail["/feeds/northpost.xml"]
    feed, items, problem, unchanged = poll(client, feed, lambda: NOW, error_base=30, max_backoff=200)
    assert problem is None and feed.errors == 0 and len(items) == 1 and not unchanged
    assert items[0].entry["title"] == "Explosion at Varnholt market kills five" and items[0].url == f"{base}/news/a"
    assert (feed.next_poll - NOW) == timedelta(seconds=60)  # type: ignore[operator]
    server.routes["/feeds/northpost.xml"] = ("text/html", "<html><body>moved</body></html>")
    feed, _, problem, _ = poll(client, feed, lambda: NOW, error_base=30, max_backoff=200)
    assert problem == "neither an RSS/Atom feed nor an XML sitemap" and feed.errors == 1
    client.close()


def test_politeness_waits_between_requests_to_one_host(site: tuple[Site, str]) -> None:
    server, base = site
    publish(server, base, ["a"])
    clock = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock[0] += seconds

    client = PoliteClient(host_delay=2.0, sleep=sleep, monotonic=lambda: clock[0])
    client.get(f"{base}/news/a")
    clock[0] += 0.5
    client.get(f"{base}/feeds/northpost.xml")
    client.get(f"http://localhost:{base.rsplit(':', 1)[1]}/news/a")  # another host name: no wait
    assert slept == [1.5]
    client.close()


def test_state_survives_and_deduplicates(tmp_path: Path) -> None:
    with Store(str(tmp_path / "w.db")) as store:
        watch_state.sync_feeds(store, [Source("https://a.example/rss", 60), Source("https://b.example/rss", 60)])
        watch_state.sync_feeds(store, [Source("https://a.example/rss", 120)])
        feeds = watch_state.feeds(store, active_only=False)
        assert [(f.url, f.interval_s, f.active) for f in feeds] == [
            ("https://a.example/rss", 120, True), ("https://b.example/rss", 60, False)]
        item = watch_state.WatchItem(url_key("https://a.example/x"), feeds[0].url, "https://a.example/x", {}, "pending", 0, None)
        assert watch_state.save_poll(store, feeds[0], [item, item], NOW) == 1
        assert watch_state.save_poll(store, feeds[0], [item], NOW) == 0
        assert [i.key for i in watch_state.due_items(store, NOW, 10)] == [item.key]
        watch_state.retry_later(store, item, NOW + timedelta(minutes=5), "HTTP 503")
        assert watch_state.due_items(store, NOW, 10) == []
        assert watch_state.next_wakeup(store) == NOW + timedelta(minutes=5)


def test_watch_cli_errors(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    result = runner.invoke(app, ["--db", db, "watch", str(empty), "--once"])
    assert result.exit_code == 2 and "no feed URL" in result.output
    result = runner.invoke(app, ["--db", db, "watch", str(tmp_path / "missing.txt"), "--once"])
    assert result.exit_code == 2 and "missing.txt" in result.output
    result = runner.invoke(app, ["--db", db, "watch", str(empty), "--interval", "soon"])
    assert result.exit_code == 2 and "soon" in result.output


def test_watch_cli_once_records_a_failing_feed(tmp_path: Path, site: tuple[Site, str]) -> None:
    server, base = site
    server.routes["/empty.xml"] = ("application/rss+xml", rss([]))
    sources = tmp_path / "s.txt"
    sources.write_text(f"{base}/gone.xml 1m\n{base}/empty.xml\n", encoding="utf-8")
    db = str(tmp_path / "c.db")
    result = runner.invoke(app, ["--db", db, "watch", str(sources), "--once", "--host-delay", "0"])
    assert result.exit_code == 0, result.output
    assert "HTTP 404" in result.output and "2 polled" in result.output
    with Store(db) as store:
        feeds = {f.url: f for f in watch_state.feeds(store)}
    assert feeds[f"{base}/gone.xml"].errors == 1 and feeds[f"{base}/empty.xml"].errors == 0
    assert feeds[f"{base}/empty.xml"].interval_s == 900 and feeds[f"{base}/gone.xml"].interval_s == 60


def test_serve_watch_runs_the_watcher_beside_the_app(tmp_path: Path, site: tuple[Site, str]) -> None:
    import time

    from fastapi.testclient import TestClient

    from corroborate.web import create_app

    server, base = site
    server.routes["/empty.xml"] = ("application/rss+xml", rss([]))
    with Store(str(tmp_path / "s.db")) as store:
        with TestClient(create_app(store=store, watch=[Source(f"{base}/empty.xml", 600)])) as client:
            deadline = time.monotonic() + 30
            while not (feeds := watch_state.feeds(store)) or feeds[0].last_polled is None:
                assert time.monotonic() < deadline, "the background watcher never polled"
                time.sleep(0.05)
            assert client.get("/feeds/stories.atom").status_code == 200
        assert feeds[0].errors == 0 and server.requests == ["/empty.xml"]


class FakeIngestor:
    """Stands in for the Ingestor (no analysis): every document is 'stored' as an article of its origin."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.hooks: list = []
        self.documents: list = []

    def ingest(self, documents: list, batch_size: int = 16):  # noqa: ANN201
        from corroborate.model import Article
        from corroborate.pipeline import BatchOutcome, IngestReport
        from corroborate.store.engine import write_tx

        self.documents += documents
        report = IngestReport(documents=len(documents), ingested=len(documents))
        outcome = BatchOutcome(list(documents), [Article(id=d.origin, text="x", origin=d.origin) for d in documents],
                               report, [], [])
        with write_tx(self.store.engine) as conn:
            for hook in self.hooks:
                hook.in_transaction(conn, outcome)
        return report


def test_failing_pages_are_retried_then_summarised_or_given_up(tmp_path: Path, site: tuple[Site, str]) -> None:
    from corroborate.watch import WatchConfig, Watcher

    server, base = site
    publish(server, base, ["a", "b"])
    server.fail["/news/a"] = 503
    server.fail["/news/b"] = 404
    server.routes["/feeds/eastwire.xml"] = ("application/rss+xml", rss([("b", f"{base}/news/b")]).replace(
        "<description>", "<nothing>").replace("</description>", "</nothing>"))  # no summary for b
    clock = [NOW]
    with Store(str(tmp_path / "r.db")) as store:
        fake = FakeIngestor(store)
        watcher = Watcher(store, WatchConfig(host_delay=0, max_attempts=3, retry_base=10), ingestor=fake,  # type: ignore[arg-type]
                          clock=lambda: clock[0])
        watcher.set_sources([Source(f"{base}/feeds/northpost.xml", 3600), Source(f"{base}/feeds/eastwire.xml", 3600)])
        first = watcher.run(max_cycles=1)[0]
        assert (first.retry_later, first.failed) == (1, 1) and fake.documents == []
        items = {i.url: i for i in watch_state.items(store)}
        assert items[f"{base}/news/a"].attempts == 1 and items[f"{base}/news/a"].next_try == NOW + timedelta(seconds=10)
        assert items[f"{base}/news/b"].state == "failed" and "HTTP 404" in (items[f"{base}/news/b"].message or "")
        assert any("HTTP 404" in f.message for f in store.failures())
        assert watcher.run(max_cycles=1)[0].fetched == 0  # not due yet
        clock[0] += timedelta(seconds=10)
        assert watcher.run(max_cycles=1)[0].retry_later == 1  # second failure: next try in 20 s
        clock[0] += timedelta(seconds=20)
        watcher.run(max_cycles=1)  # third and last: the feed's summary is ingested instead
        watcher.close()
        assert [d.content for d in fake.documents] == [
            "Five people were killed and eleven injured when a gas cylinder exploded at the covered market in "
            "Varnholt on Tuesday morning, police said."]
        assert fake.documents[0].title == "Explosion at Varnholt market kills five"
        assert watch_state.item_counts(store) == {"pending": 0, "ingested": 1, "duplicate": 0, "failed": 1}
        assert server.requests.count("/news/a") == 3 and server.requests.count("/news/b") == 1
