"""Fetch live pages and feeds over HTTP(S), politely: a named User-Agent, a delay between requests to
the same host, retries with exponential backoff on connection errors, timeouts, 5xx and 429 (honouring
Retry-After up to a cap), and a size cap on every body."""

from __future__ import annotations

import email.utils
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx

from corroborate.model import Document, ReadError
from corroborate.read.decode import binary_reason, decode_bytes
from corroborate.read.feeds import entry_document, parse_feed
from corroborate.read.jsonfiles import read_json
from corroborate.read.limits import MAX_DOCUMENT_BYTES, format_size, too_big
from corroborate.read.sniff import sniff
from corroborate.read.warcs import charset_of, content_kind

USER_AGENT = "Corroborate/0.1 (+offline news event intelligence)"
HOST_DELAY = 1.0
"""Seconds between two requests to the same host."""
MAX_RETRY_AFTER = 30.0
"""Longest Retry-After wait honoured; longer requests are cut to this."""
BACKOFF = 0.5
"""First retry waits this long, then twice as long each time."""

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
               "text/xml", "application/feed+json")
_JSON_TYPES = ("application/json", "application/ld+json")


@dataclass
class FetchedBody:
    """A fetched page or feed as read from the wire (shared with the watcher, which fetches its own)."""

    url: str  # after redirects
    content_type: str
    data: bytes
    fetched: datetime


@dataclass
class _Fetcher:
    client: httpx.Client
    timeout: float
    retries: int
    max_bytes: int
    host_delay: float
    backoff: float
    max_retry_after: float
    set_agent: bool
    last_request: dict[str, float] = field(default_factory=dict)

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        last = self.last_request.get(host)
        if last is not None:
            pause = last + self.host_delay - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        self.last_request[host] = time.monotonic()

    def _retry_wait(self, attempt: int, response: httpx.Response | None) -> float:
        wait = self.backoff * (2**attempt)
        header = response.headers.get("Retry-After") if response is not None else None
        if header:
            seconds: float | None
            try:
                seconds = float(header)
            except ValueError:
                try:
                    when = email.utils.parsedate_to_datetime(header)
                    seconds = (when - datetime.now(UTC)).total_seconds()
                except (TypeError, ValueError):
                    seconds = None
            if seconds is not None:
                wait = max(0.0, seconds)
        return min(wait, self.max_retry_after)

    def get(self, url: str) -> FetchedBody | ReadError:
        scheme = urlsplit(url).scheme.lower()
        if scheme not in ("http", "https"):
            return ReadError(url, "not an http(s) URL; give a full URL such as https://example.org/news/1, "
                             "or read local files with read_paths")
        headers = {"User-Agent": USER_AGENT} if self.set_agent else None
        problem = ""
        last_response: httpx.Response | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self._retry_wait(attempt - 1, last_response))
            last_response = None
            self._wait_for_host(url)
            try:
                with self.client.stream("GET", url, headers=headers, timeout=self.timeout,
                                        follow_redirects=True) as response:
                    if response.status_code == 429 or response.status_code >= 500:
                        last_response = response
                        problem = f"HTTP {response.status_code} {response.reason_phrase}"
                        continue
                    if response.status_code >= 400:
                        return ReadError(url, f"HTTP {response.status_code} {response.reason_phrase}; check "
                                         "the URL (the server refused or does not have it)")
                    return self._read_body(url, response)
            except httpx.TimeoutException:
                problem = f"timed out after {self.timeout:g} s"
            except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
                return ReadError(url, f"invalid URL ({exc}); check it")
            except httpx.TransportError as exc:
                problem = f"connection failed ({exc.__class__.__name__}: {exc})"
            except httpx.TooManyRedirects:
                return ReadError(url, "too many redirects; check the URL in a browser")
        tries = f"{self.retries + 1} attempt{'s' if self.retries else ''}"
        return ReadError(url, f"{problem} ({tries}); try again later or raise timeout/retries")

    def _read_body(self, url: str, response: httpx.Response) -> FetchedBody | ReadError:
        declared = response.headers.get("Content-Length")
        if declared and declared.isdecimal() and int(declared) > self.max_bytes:
            return ReadError(url, too_big(int(declared), self.max_bytes, what="response"))
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                return ReadError(url, too_big(None, self.max_bytes, what="response"))
            chunks.append(chunk)
        return FetchedBody(str(response.url), response.headers.get("Content-Type", ""), b"".join(chunks),
                     datetime.now(UTC))


def _media(content_type: str) -> str:
    return content_type.split(";")[0].strip().lower()


def _is_feed(body: FetchedBody) -> bool:
    media = _media(body.content_type)
    head = body.data[:65536]
    return (media in _FEED_TYPES or media in ("", "text/plain", "text/html", "application/octet-stream")) and \
        sniff(head) == "feed"


def fetch_urls(urls: Sequence[str], timeout: float = 20.0, retries: int = 2, follow_feed_links: bool = False,
               client: httpx.Client | None = None, *, max_bytes: int = MAX_DOCUMENT_BYTES,
               host_delay: float = HOST_DELAY, backoff: float = BACKOFF,
               max_retry_after: float = MAX_RETRY_AFTER) -> Iterator[Document | ReadError]:
    """Stream Documents (pages; feed entries; JSON articles) and ReadErrors for `urls`, in order.

    A feed URL yields one Document per entry; with `follow_feed_links` each entry's link is fetched
    and its page becomes the Document (the entry's metadata kept; its summary used if the page
    fails). Never raises for a bad URL or server. A `client` passed in is used and left open.
    """
    own = client is None
    http = client or httpx.Client(headers={"User-Agent": USER_AGENT}, follow_redirects=True)
    agent = http.headers.get("User-Agent", "")
    fetcher = _Fetcher(http, timeout, retries, max_bytes, host_delay, backoff, max_retry_after,
                       set_agent=not agent or agent.startswith("python-httpx"))
    try:
        for url in urls:
            yield from _fetch_one(fetcher, url.strip(), follow_feed_links)
    finally:
        if own:
            http.close()


def _fetch_one(fetcher: _Fetcher, url: str, follow_feed_links: bool) -> Iterator[Document | ReadError]:
    body = fetcher.get(url)
    if isinstance(body, ReadError):
        yield body
        return
    if not body.data.strip():
        yield ReadError(url, "empty response body; nothing to read")
        return
    if _is_feed(body):
        yield from _feed_entries(fetcher, url, body, follow_feed_links)
        return
    media = _media(body.content_type)
    if media in _JSON_TYPES:
        yield from read_json(body.data, url)
        return
    yield page_document(url, body)


def page_document(origin: str, body: FetchedBody) -> Document | ReadError:
    kind = content_kind(body.content_type)
    if kind is None and _media(body.content_type) in ("", "application/octet-stream"):
        sniffed = sniff(body.data[:65536])
        kind = "html" if sniffed == "html" else "text" if sniffed == "text" else None
    if kind is None:
        return ReadError(origin, f"unsupported content type '{body.content_type}' ({format_size(len(body.data))})"
                         "; only HTML, plain text, RSS/Atom feeds and JSON are read")
    reason = binary_reason(body.data[:65536])
    if reason:
        return ReadError(origin, f"{reason} although served as {body.content_type}; not an article")
    decoded = decode_bytes(body.data, declared=charset_of(body.content_type), origin=origin)
    return Document(origin=origin, content=decoded.text, kind=kind, url=body.url, fetched=body.fetched,
                    warnings=[decoded.warning] if decoded.warning else [])


def _feed_entries(fetcher: _Fetcher, url: str, body: FetchedBody, follow: bool) -> Iterator[Document | ReadError]:
    parsed = parse_feed(body.data, base_url=body.url)
    if parsed is None or not parsed.entries:
        yield ReadError(url, "feed has no readable entries; check the feed URL")
        return
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{url}#{number}"
        summary_doc = entry_document(entry, parsed, where, body.fetched)
        link = entry.get("link")
        if follow and link:
            page = fetcher.get(link)
            page_doc = page_document(link, page) if not isinstance(page, ReadError) else page
            if isinstance(page_doc, Document):
                yield Document(
                    origin=link, content=page_doc.content, kind=page_doc.kind,
                    given_id=summary_doc.given_id if summary_doc else entry.get("id") or None,
                    title=entry.get("title") or None, url=page_doc.url,
                    published=entry.get("published") or entry.get("updated") or None,
                    source=parsed.feed.get("title") or None,
                    lang=summary_doc.lang if summary_doc else None,
                    fetched=page_doc.fetched,
                    authors=summary_doc.authors if summary_doc else [],
                )
                continue
            yield ReadError(page_doc.origin, f"{page_doc.message} (link of feed entry {where}"
                            f"{'; its summary is used instead' if summary_doc else ''})")
        if summary_doc is not None:
            yield summary_doc
        elif not follow:
            yield ReadError(where, "feed entry has neither content nor summary; use follow_feed_links=True "
                            "to fetch its page")
