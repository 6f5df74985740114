"""Atom 1.0 feeds: /feeds/stories.atom (filterable like the story list) and /feeds/alerts/{id}.atom."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from .queries import story_query

router = APIRouter(prefix="/feeds", tags=["feeds"])
ATOM_NS = "http://www.w3.org/2005/Atom"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class AtomResponse(Response):
    media_type = ATOM_TYPE


def _iso(when: datetime | None) -> str:
    when = when or EPOCH
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC).isoformat(timespec="seconds")


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot carry at all (scraped titles sometimes hold them): dropped."""


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", {k: _NOT_XML.sub("", v) for k, v in attrs.items()})
    if text is not None:
        node.text = _NOT_XML.sub("", text)
    return node


def atom_feed(feed_id: str, title: str, self_url: str, page_url: str, entries: list[dict[str, Any]]) -> bytes:
    """An Atom 1.0 document. Each entry: id, title, updated (datetime), link, summary [, content]."""
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    _sub(feed, "id", feed_id)
    _sub(feed, "title", title)
    _sub(feed, "updated", _iso(max((e["updated"] or EPOCH for e in entries), default=datetime.now(UTC))))
    _sub(feed, "link", rel="self", href=self_url, type="application/atom+xml")
    _sub(feed, "link", rel="alternate", href=page_url, type="text/html")
    _sub(_sub(feed, "author"), "name", "Corroborate")
    _sub(feed, "generator", "Corroborate")
    for item in entries:
        entry = _sub(feed, "entry")
        _sub(entry, "id", item["id"])
        _sub(entry, "title", item["title"])
        _sub(entry, "updated", _iso(item["updated"]))
        _sub(entry, "link", rel="alternate", href=item["link"], type="text/html")
        _sub(entry, "summary", item["summary"], type="text")
        if item.get("content"):
            _sub(entry, "content", item["content"], type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _story_summary(s: Any) -> str:
    parts = [f"{s.n_articles} article{'s' if s.n_articles != 1 else ''} from {s.n_sources} "
             f"source{'s' if s.n_sources != 1 else ''}"]
    if s.languages:
        parts.append("languages: " + ", ".join(s.languages))
    if s.where:
        parts.append(f"where: {s.where}")
    if s.event_type:
        parts.append(f"event: {s.event_type}")
    if s.has_conflict:
        parts.append("sources conflict")
    return "; ".join(parts)


@router.get("/stories.atom", summary="Atom feed of stories (filters as GET /api/stories)", response_class=AtomResponse)
def stories_feed(
    request: Request,
    q: Annotated[str | None, Query(max_length=500)] = None,
    lang: Annotated[str | None, Query(max_length=35)] = None,
    outlet: Annotated[str | None, Query(max_length=300)] = None,
    place: Annotated[str | None, Query(max_length=300)] = None,
    event_type: Annotated[str | None, Query(max_length=100)] = None,
    conflict: bool = False,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Response:
    query = story_query(q, lang, outlet, place, None, None, event_type, conflict, "recent", 1, limit)
    items, _ = request.app.state.store.list_stories(query)
    base = str(request.base_url)
    entries = [{"id": f"{base}stories/{s.id}", "title": s.title or s.id, "link": f"{base}stories/{s.id}",
                "updated": s.last_published or s.first_published, "summary": _story_summary(s)} for s in items]
    self_url = str(request.url)
    page = f"{base}?{request.url.query}" if request.url.query else base
    return AtomResponse(atom_feed(self_url, "Corroborate stories", self_url, page, entries))


@router.get("/alerts/{watch_id}.atom", summary="Atom feed of one saved alert's events", response_class=AtomResponse)
def alerts_feed(request: Request, watch_id: int, limit: Annotated[int, Query(ge=1, le=500)] = 100) -> Response:
    from corroborate.alerts import alerts_of, get_watch

    store = request.app.state.store
    watch = get_watch(store, watch_id)
    if watch is None:
        raise HTTPException(404, f"no alert with id {watch_id}: list them with `corroborate alerts list`")
    base = str(request.base_url)
    entries = [{"id": f"urn:corroborate:alert:{a.uid}", "title": a.payload.get("summary") or a.event,
                "link": f"{base}stories/{a.story_id}", "updated": a.at, "summary": a.payload.get("summary") or a.event,
                "content": json.dumps(a.payload, ensure_ascii=False, sort_keys=True)}
               for a in alerts_of(store, watch_id, limit)]
    filters = ", ".join(f"{k}={v}" for k, v in (("query", watch.query), ("lang", watch.lang), ("place", watch.place),
                        ("event type", watch.event_type), ("min killed", watch.min_killed)) if v is not None)
    title = f"Corroborate alert {watch_id}: {','.join(watch.events)}" + (f" ({filters})" if filters else "")
    self_url = f"{base}feeds/alerts/{watch_id}.atom"
    return AtomResponse(atom_feed(self_url, title, self_url, base, entries))
