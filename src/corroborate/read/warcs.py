"""WARC (and .warc.gz) archives: every successful HTML/text response or resource record -> Document.

Records of other types (request, metadata, warcinfo), non-2xx responses and payloads that are not
HTML or text (images, scripts, styles) are passed over silently: a crawl is full of them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from corroborate.model import Document, Kind, ReadError
from corroborate.read.decode import binary_reason, decode_bytes
from corroborate.read.limits import read_limited, too_big

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)


def content_kind(content_type: str | None) -> Kind | None:
    """html/text for article-like media types, None for everything else."""
    media = (content_type or "").split(";")[0].strip().lower()
    if media in _HTML_TYPES:
        return "html"
    if media in _TEXT_TYPES:
        return "text"
    return None


def charset_of(content_type: str | None) -> str | None:
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def read_warc(path: Path, max_bytes: int) -> Iterator[Document | ReadError]:
    """Documents from one WARC file; origins are "path#N" with N the record's 1-based position.

    warcio treats a cut-off archive as a normal end, so the end is checked: the last record must
    be complete and no partial record may follow it.
    """
    origin = str(path)
    number = 0
    record: ArcWarcRecord | None = None
    try:
        with open(path, "rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                number += 1
                item = _record_document(record, f"{origin}#{number}", max_bytes)
                if item is not None:
                    yield item
            size = os.fstat(stream.fileno()).st_size
            if record is not None and (record.rec_headers.get_header("Content-Length") is None
                                       or getattr(record.raw_stream, "limit", 0) > 0):
                number -= 1
                raise ValueError("the last record is cut short")
            if records.offset < size:
                raise ValueError(f"{size - records.offset} bytes of an incomplete record at the end")
    except Exception as exc:  # noqa: BLE001 - warcio raises assorted types on damaged input; report, go on
        detail = str(exc) if isinstance(exc, (ArchiveLoadFailed, ValueError, OSError)) else "unparseable headers"
        yield ReadError(f"{origin}#{number + 1}", f"WARC archive is damaged or truncated after record "
                        f"{number} ({detail}); the records before it were read. Re-create or repair the archive")


def _record_document(record: ArcWarcRecord, where: str, max_bytes: int) -> Document | ReadError | None:
    if record.rec_type not in ("response", "resource"):
        return None
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode()
        if not status or not status.startswith("2"):
            return None
        content_type = record.http_headers.get_header("Content-Type")
    else:
        content_type = record.rec_headers.get_header("Content-Type")
    kind = content_kind(content_type)
    if kind is None:
        return None
    data = read_limited(record.content_stream(), max_bytes)
    if data is None:
        return ReadError(where, too_big(None, max_bytes, what="WARC record payload"))
    if not data.strip():
        return None
    reason = binary_reason(data[:65536])
    if reason:
        return ReadError(where, f"{reason} although labelled {content_type}; skipped")
    decoded = decode_bytes(data, declared=charset_of(content_type), origin=where)
    return Document(
        origin=where,
        content=decoded.text,
        warnings=[decoded.warning] if decoded.warning else [],
        kind=kind,
        url=record.rec_headers.get_header("WARC-Target-URI"),
        fetched=_warc_date(record.rec_headers.get_header("WARC-Date")),
    )
