"""One poll of a feed or sitemap: conditional GET, then its entries as watch items (not yet fetched)."""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from corroborate.model import ReadError, WatchedFeed
from corroborate.read.feeds import entry_document, parse_feed
from corroborate.read.sniff import sniff
from corroborate.watch.http import Fetched, PoliteClient
from corroborate.watch.sitemap import parse_sitemap
from corroborate.watch.state import WatchItem
from corroborate.watch.urls import url_key

MAX_CHILD_SITEMAPS = 50


def backoff_delay(interval: float, errors: int, base: float, cap: float) -> float:
    """Seconds until the next poll after `errors` consecutive failures: doubling from max(interval, base)."""
    return min(max(interval, base) * 2 ** max(errors - 1, 0), cap)


def _feed_items(feed_url: str, fetched: Fetched) -> tuple[list[WatchItem], str | None] | None:
    parsed = parse_feed(fetched.data, base_url=fetched.url)
    if parsed is None:
        return None
    title = parsed.feed.get("title") or None
    found: list[WatchItem] = []
    for number, entry in enumerate(parsed.entries, start=1):
        summary = entry_document(entry, parsed, f"{feed_url}#{number}", fetched.fetched)
        link = entry.get("link") or None
        entry_id = entry.get("id") or None
        meta: dict[str, Any] = {
            "id": entry_id, "title": entry.get("title") or None, "published": entry.get("published")
            or entry.get("updated") or None, "source": title, "lang": summary.lang if summary else None,
            "authors": summary.authors if summary else [],
            "summary": summary.content if summary else None, "summary_kind": summary.kind if summary else None,
        }
        if link:
            key = url_key(link)
        else:
            if summary is None:
                continue
            marker = entry_id or hashlib.sha1(str(summary.content).encode("utf-8")).hexdigest()[:16]
            key = f"{url_key(feed_url)}#{marker}"
        found.append(WatchItem(key, feed_url, link, meta, "pending", 0, None))
    return found, title


def _sitemap_items(feed_url: str, pages: list[dict[str, str | None]]) -> list[WatchItem]:
    return [WatchItem(url_key(p["url"] or ""), feed_url, p["url"], {k: v for k, v in p.items() if k != "url"},
                      "pending", 0, None) for p in pages if p.get("url")]


def poll(client: PoliteClient, feed: WatchedFeed, now: Callable[[], datetime], *, error_base: float,
         max_backoff: float) -> tuple[WatchedFeed, list[WatchItem], str | None, bool]:
    """(the feed's new state, its items, a problem or None, whether the server said 304 Not Modified)."""
    fetched = client.get(feed.url, feed.etag, feed.last_modified)
    at = now()
    feed.last_polled = at
    problem: str | None = None
    found: list[WatchItem] = []
    if isinstance(fetched, ReadError):
        problem = fetched.message
    elif fetched.status == 200:
        result = _parse(client, feed.url, fetched)
        if isinstance(result, str):
            problem = result
        else:
            found, title = result
            feed.title = title or feed.title
            feed.etag, feed.last_modified = fetched.etag, fetched.last_modified
    if problem:
        feed.errors += 1
        feed.last_error = problem
        delay = backoff_delay(feed.interval_s, feed.errors, error_base, max_backoff)
    else:
        feed.errors, feed.last_error = 0, None
        delay = feed.interval_s
    feed.next_poll = at + timedelta(seconds=delay)
    return feed, found, problem, isinstance(fetched, Fetched) and fetched.status == 304


def _parse(client: PoliteClient, url: str, fetched: Fetched) -> tuple[list[WatchItem], str | None] | str:
    if not fetched.data.strip():
        return "empty response body"
    if fetched.data[:2] == b"\x1f\x8b":  # a gzipped sitemap served as a file (sitemap.xml.gz)
        try:
            fetched.data = gzip.decompress(fetched.data)
        except (OSError, EOFError) as exc:
            return f"cannot gunzip the response ({exc})"
    is_feed = sniff(fetched.data[:65536]) == "feed"
    sitemap = None if is_feed else parse_sitemap(fetched.data)
    if sitemap is not None:
        pages = list(sitemap.pages)
        for child_url in sitemap.children[:MAX_CHILD_SITEMAPS]:
            child = client.get(child_url)
            if isinstance(child, Fetched) and (inner := parse_sitemap(child.data)) is not None:
                pages += inner.pages
        return _sitemap_items(url, pages), None
    result = _feed_items(url, fetched) if is_feed else None
    if result is None:
        return "neither an RSS/Atom feed nor an XML sitemap"
    return result
