"""Every input limit in one place, the same for the CLI (`ingest`), `fetch` and `POST /api/articles`.

- bytes per document: a file, a JSONL line, a WARC record, a fetched body or an API request body
  (`MAX_DOCUMENT_BYTES`; the API allows `MAX_REQUEST_BYTES` per request, which may hold several articles);
- characters of text analysed: a longer clean text is cut at `MAX_TEXT_CHARS` (at a line or space
  boundary) and the cut is reported as a warning;
- time per document: a soft budget (`MAX_ANALYSIS_SECONDS`) checked between analyzer components; a
  document over it is reported and its remaining components are skipped (it is still stored).
"""

from __future__ import annotations

from typing import BinaryIO

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
"""Largest single document a reader accepts (a file, a JSONL line, a WARC record, an HTTP body)."""

MAX_REQUEST_BYTES = MAX_DOCUMENT_BYTES
"""Largest body `POST /api/articles` reads (checked from Content-Length, then while streaming)."""

MAX_TEXT_CHARS = 100_000
"""Characters of clean text kept and analysed per article (a long news article is 5-30 thousand)."""

MAX_ANALYSIS_SECONDS = 60.0
"""Soft time budget per document for the analyzer components, checked between components."""


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


def cut_text(text: str, max_chars: int = MAX_TEXT_CHARS) -> tuple[str, str | None]:
    """`text` cut to at most `max_chars` at the last line break or space before the limit, and the warning
    to report (None when nothing was cut)."""
    if len(text) <= max_chars:
        return text, None
    cut = text.rfind("\n", max_chars // 2, max_chars)
    if cut < 0:
        cut = text.rfind(" ", max_chars // 2, max_chars)
    cut = cut if cut > 0 else max_chars
    return text[:cut].rstrip(), (f"text is {len(text):,} characters, over the {max_chars:,} analysed per article: "
                                 f"cut at {cut:,}")
