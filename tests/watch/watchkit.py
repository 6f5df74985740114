"""Test helpers for watch/alerts: a local feed server whose feeds change, a webhook receiver, invented articles."""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

ARTICLES = {
    "a": ("northpost", "Explosion at Varnholt market kills five", "2025-03-04T10:00:00Z", [
        "Five people were killed and eleven injured when a gas cylinder exploded at the covered market in "
        "Varnholt on Tuesday morning, police said.",
        "The blast tore through stalls near the main entrance shortly after nine o'clock, witnesses said. Fire "
        "crews worked for hours to clear the debris.",
        "Police spokesman Oren Talvik said the cause of the explosion was being investigated."]),
    "b": ("eastwire", "Varnholt market blast: eight dead", "2025-03-04T12:00:00Z", [
        "Eight people were killed in an explosion at the covered market in Varnholt on Tuesday, the regional "
        "health office said.",
        "The explosion happened near the main entrance of the market, where traders sell vegetables and fish. "
        "Dozens of people were at the market at the time.",
        "Hospital director Mara Quist said eleven people were being treated for burns."]),
    "c": ("valleytimes", "Varnholt market explosion toll rises to eight", "2025-03-05T09:00:00Z", [
        "The number of people killed in the explosion at the covered market in Varnholt has risen to eight, "
        "police said on Wednesday.",
        "Police spokesman Oren Talvik said three of the injured had died in hospital overnight. The blast on "
        "Tuesday morning destroyed a dozen stalls.",
        "Investigators believe a gas cylinder caused the explosion."]),
    "d": ("harbourdaily", "Eight killed in Varnholt market explosion", "2025-03-05T11:00:00Z", [
        "Eight people were killed in a gas explosion at the covered market in Varnholt on Tuesday, police said.",
        "The blast hit the stalls near the main entrance of the market shortly after nine in the morning.",
        "Eleven people were injured, according to the health office."]),
}


def page_html(key: str) -> str:
    _, title, _, paragraphs = ARTICLES[key]
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f"<!doctype html><html><head><title>{escape(title)}</title></head><body><nav>Home | World</nav>"
            f"<article><h1>{escape(title)}</h1>{body}</article><footer>Contact us</footer></body></html>")


def rss(items: list[tuple[str, str]], title: str = "Regional wire", guid_prefix: str | None = None) -> str:
    """items: (article key, link); guids are '<outlet>-<key>' (or '<guid_prefix>-<key>')."""
    parts = []
    for key, link in items:
        outlet, headline, published, paragraphs = ARTICLES[key]
        when = format_datetime(datetime.fromisoformat(published.replace("Z", "+00:00")).astimezone(UTC))
        parts.append(f"<item><title>{escape(headline)}</title><link>{escape(link)}</link>"
                     f"<guid isPermaLink=\"false\">{guid_prefix or outlet}-{key}</guid><pubDate>{when}</pubDate>"
                     f"<description>{escape(paragraphs[0])}</description></item>")
    return (f"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>{title}</title>"
            f"<link>http://example.invalid/</link><description>test</description>{''.join(parts)}</channel></rss>")


@dataclass
class Site:
    """What the local server serves: path -> (content type, body); counts requests and 304s."""

    routes: dict[str, tuple[str, str]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    not_modified: int = 0
    fail: dict[str, int] = field(default_factory=dict)  # path -> status to answer instead
    delay: dict[str, float] = field(default_factory=dict)  # path -> seconds to wait before answering
    lock: threading.Lock = field(default_factory=threading.Lock)


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            return None

        def do_GET(self) -> None:  # noqa: N802
            with site.lock:
                site.requests.append(self.path)
                status = site.fail.get(self.path)
                found = site.routes.get(self.path.split("?")[0])
                pause = site.delay.get(self.path, 0.0)
            if pause:
                time.sleep(pause)
            if status:
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if found is None:
                self.send_error(404)
                return
            ctype, body = found
            data = body.encode("utf-8")
            etag = '"' + hashlib.sha1(data).hexdigest()[:12] + '"'
            if self.headers.get("If-None-Match") == etag:
                with site.lock:
                    site.not_modified += 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(data)

    return Handler


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes


def _receiver(got: list[Received]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            return None

        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            got.append(Received({k: v for k, v in self.headers.items()}, body))
            self.send_response(204)
            self.end_headers()

    return Handler


class Server:
    """A ThreadingHTTPServer on 127.0.0.1 at a random port, in a daemon thread."""

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def feed_server(site: Site) -> Server:
    return Server(_handler(site))


def webhook_receiver(got: list[Received]) -> Server:
    return Server(_receiver(got))


def publish(site: Site, base: str, keys: list[str], links: dict[str, str] | None = None) -> None:
    """Serve each outlet's feed /feeds/<outlet>.xml listing its articles among `keys` (pages at /news/<key>,
    or the link given in `links`). Outlets without an article get an empty feed."""
    by_outlet: dict[str, list[tuple[str, str]]] = {outlet: [] for outlet, *_ in ARTICLES.values()}
    for key in keys:
        by_outlet[ARTICLES[key][0]].append((key, (links or {}).get(key, f"{base}/news/{key}")))
    with site.lock:
        for outlet, items in by_outlet.items():
            site.routes[f"/feeds/{outlet}.xml"] = ("application/rss+xml", rss(items, title=outlet.capitalize()))
        for key in keys:
            site.routes[f"/news/{key}"] = ("text/html; charset=utf-8", page_html(key))


def sources_text(base: str, interval: str = "60") -> str:
    outlets = dict.fromkeys(outlet for outlet, *_ in ARTICLES.values())
    return "# invented outlets\n" + "".join(f"{base}/feeds/{o}.xml {interval}\n" for o in outlets)
