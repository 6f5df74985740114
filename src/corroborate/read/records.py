"""One JSON object (a JSONL line, a JSON list item, a JSON API response) -> Document.

Field names vary between scrapers and APIs, so each Document field accepts a few common synonyms;
the first one present with a usable value wins.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from corroborate.model import Document, Kind
from corroborate.read.decode import normalise_newlines

TEXT_FIELDS = ("text", "content", "body", "article", "maintext", "full_text", "article_text")
HTML_FIELDS = ("html", "raw_html", "content_html", "body_html")
ID_FIELDS = ("id", "doc_id", "article_id", "_id", "uuid", "guid")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link", "uri", "source_url", "canonical_url")
DATE_FIELDS = ("date", "published", "published_at", "publish_date", "publication_date", "pubDate",
               "datePublished", "date_published", "pub_date", "created_at", "timestamp")
SOURCE_FIELDS = ("source", "outlet", "publisher", "source_name", "site_name", "site", "domain")
LANG_FIELDS = ("lang", "language", "locale")
AUTHOR_FIELDS = ("authors", "author", "byline", "creator")
FETCHED_FIELDS = ("fetched", "fetched_at", "crawled", "crawled_at", "scraped_at", "retrieved")

# Wrappers that APIs put a list of articles under.
LIST_FIELDS = ("articles", "items", "documents", "docs", "data", "results", "entries")

# Markup sniff for fields that may carry either text or HTML ("content", "body").
_LOOKS_HTML = re.compile(r"^\s*<(?:!doctype|html|head|body|div|p|article|section|span|h[1-6]|br|figure)[\s/>]",
                         re.IGNORECASE)


class RecordProblem(ValueError):
    """A JSON value that cannot become a Document; the message says what to change."""


def _first(obj: dict[str, Any], names: tuple[str, ...]) -> tuple[str, Any] | None:
    for name in names:
        value = obj.get(name)
        if value is not None and value != "" and value != []:
            return name, value
    return None


def _as_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):
        for key in ("name", "title", "value", "id", "href"):
            if isinstance(value.get(key), (str, int, float)):
                return str(value[key])
        return None
    if isinstance(value, (list, tuple)):
        return _as_str(value[0]) if value else None
    if isinstance(value, bool):
        return None
    return str(value).strip() or None


def _authors(value: Any) -> list[str]:
    if isinstance(value, str):
        return [a.strip() for a in re.split(r"\s*(?:;|\||\n)\s*", value) if a.strip()]
    if isinstance(value, (list, tuple)):
        return [name for item in value if (name := _as_str(item))]
    name = _as_str(value)
    return [name] if name else []


def _datetime(value: Any) -> datetime | None:
    text = _as_str(value)
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _body(obj: dict[str, Any]) -> tuple[str, Kind]:
    text_found = _first(obj, TEXT_FIELDS)
    if text_found is not None:
        name, value = text_found
        if isinstance(value, str) and value.strip():
            kind: Kind = "html" if name != "text" and _LOOKS_HTML.match(value) else "text"
            return normalise_newlines(value), kind
    html_found = _first(obj, HTML_FIELDS)
    if html_found is not None and isinstance(html_found[1], str) and html_found[1].strip():
        return normalise_newlines(html_found[1]), "html"
    present = [n for n in TEXT_FIELDS + HTML_FIELDS if n in obj]
    if present:
        raise RecordProblem(
            f"field '{present[0]}' is empty or not a string; give the article text as a non-empty string"
        )
    fields = ", ".join(sorted(obj)[:12]) or "none"
    raise RecordProblem(
        f"no 'text' or 'html' field (fields found: {fields}); add one holding the article's body"
    )


def document_from_record(obj: Any, origin: str) -> Document:
    """Map one JSON object to a Document; raises RecordProblem when it holds no article text."""
    if not isinstance(obj, dict):
        raise RecordProblem(
            f"expected a JSON object with a 'text' or 'html' field, found a {type(obj).__name__}"
        )
    content, kind = _body(obj)
    given = _first(obj, ID_FIELDS)
    fields = {
        "title": _first(obj, TITLE_FIELDS),
        "url": _first(obj, URL_FIELDS),
        "published": _first(obj, DATE_FIELDS),
        "source": _first(obj, SOURCE_FIELDS),
        "lang": _first(obj, LANG_FIELDS),
    }
    authors = _first(obj, AUTHOR_FIELDS)
    fetched = _first(obj, FETCHED_FIELDS)
    return Document(
        origin=origin,
        content=content,
        kind=kind,
        given_id=_as_str(given[1]) if given else None,
        authors=_authors(authors[1]) if authors else [],
        fetched=_datetime(fetched[1]) if fetched else None,
        **{k: _as_str(v[1]) if v else None for k, v in fields.items()},
    )


def records_in(value: Any) -> list[Any] | None:
    """The list of article objects a parsed JSON document holds, or None when it is a single object."""
    if isinstance(value, list):
        return value
    if isinstance(value, dict) and not _first(value, TEXT_FIELDS + HTML_FIELDS):
        for name in LIST_FIELDS:
            if isinstance(value.get(name), list):
                return value[name]
    return None
