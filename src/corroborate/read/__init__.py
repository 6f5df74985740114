"""The read stage: turn files, folders, JSON/JSONL, WARC archives, feeds and URLs into Documents.

Every reader streams and never raises for a bad input: problems come out as ReadErrors in the same
stream, naming the input (":LINE" for line-based files, "#N" for records and entries) and saying
what is wrong and what to do. Print them as `f"{err.origin}: {err.message}"` (see `describe`).
Content is always decoded to `str` with normalised newlines; no cleaning happens here.
"""

from __future__ import annotations

from corroborate.model import ReadError
from corroborate.read.decode import decode_bytes
from corroborate.read.fetch import USER_AGENT, fetch_urls
from corroborate.read.files import count_documents, read_file, read_paths
from corroborate.read.limits import MAX_DOCUMENT_BYTES


def describe(error: ReadError) -> str:
    """One line for a user: "path:LINE: what is wrong; what to do"."""
    return f"{error.origin}: {error.message}"


__all__ = [
    "MAX_DOCUMENT_BYTES",
    "USER_AGENT",
    "count_documents",
    "decode_bytes",
    "describe",
    "fetch_urls",
    "read_file",
    "read_paths",
]
