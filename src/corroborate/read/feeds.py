"""RSS/Atom feeds -> one Document per entry (its full content when the feed carries it, else its summary)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from corroborate.model import Document, Kind, ReadError
from corroborate.read.decode import normalise_newlines

_EMAIL_NAME = re.compile(r"^\s*\S+@\S+\s*\((.+)\)\s*$")


def _author_name(raw: str) -> str:
    m = _EMAIL_NAME.match(raw)
    return (m.group(1) if m else raw).strip()


def entry_authors(entry: Any) -> list[str]:
    raw = entry.get("author") or ""
    if _EMAIL_NAME.match(raw):  # feedparser splits "mail@host.example (Name)" wrongly for long TLDs
        return [_author_name(raw)]
    names = [_author_name(a["name"]) for a in entry.get("authors", []) if a.get("name")]
    if not names and entry.get("author"):
        names = [_author_name(entry["author"])]
    return list(dict.fromkeys(n for n in names if n))


def _body(entry: Any) -> tuple[str, Kind] | None:
    contents = [c for c in entry.get("content", []) if (c.get("value") or "").strip()]
    if contents:
        best = max(contents, key=lambda c: len(c["value"]))
        return best["value"], "text" if best.get("type") == "text/plain" else "html"
    summary = entry.get("summary") or ""
    if summary.strip():
        kind: Kind = "text" if entry.get("summary_detail", {}).get("type") == "text/plain" else "html"
        return summary, kind
    return None


def parse_feed(data: bytes, base_url: str | None = None) -> Any | None:
    """The parsed feed, or None when `data` holds no feed at all. `base_url` resolves relative links
    (here, not in feedparser, which would also rewrite entry ids into URLs)."""
    # bytes, never a str: feedparser takes a str that looks like a URL or path as one to open
    parsed = feedparser.parse(data)
    if base_url:
        for entry in parsed.entries:
            if entry.get("link"):
                entry["link"] = urljoin(base_url, entry["link"])
    if not parsed.entries and (parsed.bozo or not parsed.feed):
        return None
    return parsed


def entry_document(entry: Any, feed: Any, origin: str, fetched: datetime | None = None) -> Document | None:
    """The Document for one entry, or None when the entry has neither content nor summary."""
    body = _body(entry)
    if body is None:
        return None
    content, kind = body
    lang = None
    for c in entry.get("content", []):
        lang = lang or c.get("language")
    return Document(
        origin=origin,
        content=normalise_newlines(content),
        kind=kind,
        given_id=entry.get("id") or None,
        title=entry.get("title") or None,
        url=entry.get("link") or None,
        published=entry.get("published") or entry.get("updated") or None,
        source=feed.feed.get("title") or None,
        lang=lang or entry.get("title_detail", {}).get("language") or feed.feed.get("language") or None,
        fetched=fetched,
        authors=entry_authors(entry),
    )


def read_feed(data: bytes, origin: str, fetched: datetime | None = None, base_url: str | None = None,
              ) -> Iterator[Document | ReadError]:
    """One Document per entry; origins are "origin#N" (1-based entry number)."""
    parsed = parse_feed(data, base_url)
    if parsed is None:
        yield ReadError(origin, "not a readable RSS/Atom feed (no feed element or entries found); "
                        "check that the file is a feed")
        return
    if not parsed.entries:
        yield ReadError(origin, "feed has no entries; nothing to read")
        return
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{origin}#{number}"
        doc = entry_document(entry, parsed, where, fetched)
        if doc is None:
            title = entry.get("title") or "untitled"
            yield ReadError(where, f"feed entry '{title}' has neither content nor summary; fetch its link "
                            "instead (fetch_urls with follow_feed_links=True)")
        else:
            yield doc
