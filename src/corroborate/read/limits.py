"""Size limits and the helpers that enforce them without reading more than they allow."""

from __future__ import annotations

from typing import BinaryIO

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
"""Largest single document a reader accepts (a file, a JSONL line, a WARC record, an HTTP body)."""


def format_size(n: int) -> str:
    for unit, step in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= step:
            return f"{n / step:.1f} {unit}"
    return f"{n} bytes"


def too_big(size: int | None, max_bytes: int, what: str = "file") -> str:
    """The message for a document over the limit (`size` None when only 'more than' is known)."""
    amount = f"is {format_size(size)}" if size is not None else f"is larger than {format_size(max_bytes)}"
    return (f"{what} {amount}, over the {format_size(max_bytes)} limit for one document; not read. "
            "Split it into one article per file or JSONL line, or raise max_bytes")


def read_limited(stream: BinaryIO, max_bytes: int) -> bytes | None:
    """Up to `max_bytes` from `stream`; None when there is more (the rest is left unread)."""
    data = stream.read(max_bytes + 1)
    return None if len(data) > max_bytes else data
