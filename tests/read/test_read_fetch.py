"""fetch_urls against a local HTTP server started here (127.0.0.1, a free port)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from corroborate.model import Document, ReadError
from corroborate.read import USER_AGENT, fetch_urls

PAGE_DE = "<html><head><title>Hochwasser</title></head><body><p>Der Pegel der Wiesel steigt weiter.</p></body></html>"
PAGE_AR = "<html><body><p>ارتفع منسوب النهر مرة أخرى صباح اليوم.</p></body></html>"
FEED = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wiesel-Bote</title>
<item><title>Pegel steigt</title><link>/page-de</link><guid>wb-1</guid><author>x@wb.de (Jana Kurz)</author>
<pubDate>Wed, 05 Mar 2031 07:00:00 +0100</pubDate><description>Kurzmeldung zum Pegel.</description></item>
<item><title>Kaputt</title><link>/missing</link><guid>wb-2</guid><description>Nur Anriss.</description></item>
</channel></rss>"""


class Handler(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}
    agents: list[str] = []
    times: list[float] = []

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        count = Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        Handler.agents.append(self.headers.get("User-Agent", ""))
        Handler.times.append(time.monotonic())
        if self.path == "/page-de":
            self._send(200, PAGE_DE.encode("utf-8"), "text/html; charset=utf-8")
        elif self.path == "/page-ar-cp1256":
            self._send(200, PAGE_AR.encode("cp1256"), "text/html; charset=windows-1256")
        elif self.path == "/feed":
            self._send(200, FEED.encode("utf-8"), "application/rss+xml")
        elif self.path == "/feed-as-text":
            self._send(200, FEED.encode("utf-8"), "text/plain")
        elif self.path == "/flaky":
            if count == 1:
                self._send(500, b"oops", "text/plain")
            else:
                self._send(200, b"<p>recovered</p>", "text/html")
        elif self.path == "/busy":
            if count == 1:
                self._send(429, b"slow down", "text/plain", {"Retry-After": "1"})
            else:
                self._send(200, b"<p>after waiting</p>", "text/html")
        elif self.path == "/down":
            self._send(503, b"maintenance", "text/plain")
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(200, b"<p>late</p>", "text/html")
        elif self.path == "/big":
            self._send(200, b"<p>" + b"x" * 200_000 + b"</p>", "text/html")
        elif self.path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
        elif self.path == "/json":
            self._send(200, b'[{"id": "j1", "text": "Erste Meldung"}, {"id": "j2", "text": "Zweite"}]',
                       "application/json")
        elif self.path == "/redirect":
            self._send(301, b"", "text/plain", {"Location": "/page-de"})
        else:
            self._send(404, b"not here", "text/plain")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture(autouse=True)
def reset() -> None:
    Handler.hits.clear()
    Handler.agents.clear()
    Handler.times.clear()


def fetch(urls: list[str], **kwargs: object) -> list[Document | ReadError]:
    kwargs.setdefault("host_delay", 0.0)
    kwargs.setdefault("backoff", 0.05)
    return list(fetch_urls(urls, **kwargs))  # type: ignore[arg-type]


def test_page_is_fetched_with_metadata_and_polite_agent(server: str) -> None:
    (doc,) = fetch([f"{server}/page-de"])
    assert isinstance(doc, Document)
    assert doc.kind == "html" and doc.content == PAGE_DE
    assert doc.url == f"{server}/page-de" and doc.origin == f"{server}/page-de"
    assert doc.fetched is not None and doc.fetched.tzinfo is not None
    assert Handler.agents == [USER_AGENT]


def test_charset_from_header_and_redirects(server: str) -> None:
    ar, redirected = fetch([f"{server}/page-ar-cp1256", f"{server}/redirect"])
    assert isinstance(ar, Document) and ar.content == PAGE_AR
    assert isinstance(redirected, Document) and redirected.url == f"{server}/page-de"
    assert redirected.origin == f"{server}/redirect"


def test_feed_yields_entries(server: str) -> None:
    first, second = fetch([f"{server}/feed"])
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.content == "Kurzmeldung zum Pegel." and first.source == "Wiesel-Bote"
    assert first.url == f"{server}/page-de"  # relative link resolved against the feed URL
    assert first.authors == ["Jana Kurz"] and first.given_id == "wb-1"
    assert first.origin == f"{server}/feed#1"
    sniffed = fetch([f"{server}/feed-as-text"])
    assert len(sniffed) == 2 and all(isinstance(i, Document) for i in sniffed)


def test_feed_links_are_followed(server: str) -> None:
    items = fetch([f"{server}/feed"], follow_feed_links=True)
    page, err, fallback = items
    assert isinstance(page, Document) and page.content == PAGE_DE
    assert (page.title, page.given_id, page.source, page.authors) == ("Pegel steigt", "wb-1", "Wiesel-Bote",
                                                                     ["Jana Kurz"])
    assert page.published == "Wed, 05 Mar 2031 07:00:00 +0100"
    assert isinstance(err, ReadError) and "HTTP 404" in err.message and "summary is used instead" in err.message
    assert isinstance(fallback, Document) and fallback.content == "Nur Anriss."


def test_404_is_reported_without_retry(server: str) -> None:
    (err,) = fetch([f"{server}/nothing"])
    assert isinstance(err, ReadError) and err.message.startswith("HTTP 404")
    assert Handler.hits["/nothing"] == 1


def test_500_then_200_is_retried(server: str) -> None:
    (doc,) = fetch([f"{server}/flaky"])
    assert isinstance(doc, Document) and doc.content == "<p>recovered</p>"
    assert Handler.hits["/flaky"] == 2


def test_429_respects_retry_after(server: str) -> None:
    started = time.monotonic()
    (doc,) = fetch([f"{server}/busy"])
    assert isinstance(doc, Document)
    assert time.monotonic() - started >= 0.9
    (_,) = fetch([f"{server}/busy"], max_retry_after=0.1)  # capped: does not wait the full second
    assert Handler.times[-1] - Handler.times[-2] < 0.8


def test_persistent_5xx_gives_up_after_retries(server: str) -> None:
    (err,) = fetch([f"{server}/down"], retries=2)
    assert isinstance(err, ReadError) and "HTTP 503" in err.message and "3 attempts" in err.message
    assert Handler.hits["/down"] == 3


def test_slow_response_times_out(server: str) -> None:
    started = time.monotonic()
    (err,) = fetch([f"{server}/slow"], timeout=0.3, retries=0)
    assert isinstance(err, ReadError) and "timed out after 0.3 s" in err.message
    assert time.monotonic() - started < 1.4


def test_size_cap_and_unsupported_types(server: str) -> None:
    big, image, j1, j2 = fetch([f"{server}/big", f"{server}/image", f"{server}/json"], max_bytes=50_000)
    assert isinstance(big, ReadError) and "limit" in big.message
    assert isinstance(image, ReadError) and "unsupported content type 'image/png'" in image.message
    assert isinstance(j1, Document) and j1.given_id == "j1" and j1.origin == f"{server}/json#1"
    assert isinstance(j2, Document) and j2.content == "Zweite"


def test_bad_urls_and_connection_refused(server: str) -> None:
    items = fetch(["ftp://example.org/x", "not a url", "http://127.0.0.1:9/"], retries=1)
    assert all(isinstance(i, ReadError) for i in items)
    assert "not an http(s) URL" in items[0].message  # type: ignore[union-attr]
    assert "connection failed" in items[2].message and "2 attempts" in items[2].message  # type: ignore[union-attr]


def test_per_host_delay(server: str) -> None:
    fetch([f"{server}/page-de", f"{server}/page-de"], host_delay=0.3)
    assert Handler.times[1] - Handler.times[0] >= 0.28


def test_given_client_is_used_and_left_open(server: str) -> None:
    with httpx.Client(headers={"User-Agent": "custom-agent/1"}) as client:
        (doc,) = fetch([f"{server}/page-de"], client=client)
        assert isinstance(doc, Document)
        assert not client.is_closed
    assert Handler.agents == ["custom-agent/1"]
