"""Read files and folders: the entry point `read_paths` and the progress estimate `count_documents`."""

from __future__ import annotations

import gzip
import os
import re
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from corroborate.model import Document, ReadError
from corroborate.read.decode import binary_reason, decode_bytes
from corroborate.read.feeds import read_feed
from corroborate.read.jsonfiles import json_too_big, read_json, read_jsonl
from corroborate.read.limits import MAX_DOCUMENT_BYTES, read_limited, too_big
from corroborate.read.sniff import HEAD_BYTES, compressed_inner_suffix, resolve_kind
from corroborate.read.walk import Found, expand, os_error
from corroborate.read.warcs import read_warc

_GZIP_MAGIC = b"\x1f\x8b"


def _open(path: Path) -> BinaryIO:
    """The file's bytes, transparently gunzipped when it is gzip-compressed."""
    raw = open(path, "rb")  # noqa: SIM115 - returned to the caller, who closes it
    if raw.read(2) == _GZIP_MAGIC:
        raw.seek(0)
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    raw.seek(0)
    return raw


def _head(path: Path) -> tuple[bytes, bool]:
    """The first bytes of the file's content (inflated if gzip), tolerating a truncated gzip stream,
    and whether they are the whole (uncompressed) file, which spares small files a second read."""
    with open(path, "rb") as raw:
        data = raw.read(HEAD_BYTES)
        whole = len(data) < HEAD_BYTES or not raw.read(1)
    if data.startswith(_GZIP_MAGIC):
        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, HEAD_BYTES), False
        except zlib.error:
            return data, False
    return data, whole


def given_id_for(path: Path) -> str:
    """The file name without its extension(s): "a.html" -> "a", "a.txt.gz" -> "a"."""
    name = path.name
    if compressed_inner_suffix(path):
        name = name[: -len(".gz")]
    return name[: -len(Path(name).suffix)] if Path(name).suffix else name


def read_paths(paths: Sequence[str | Path], include: Sequence[str] = (), exclude: Sequence[str] = (),
               max_bytes: int = MAX_DOCUMENT_BYTES, *, report_skipped: bool = False,
               ) -> Iterator[Document | ReadError]:
    """Stream Documents and ReadErrors for files, folders, JSON/JSONL, WARC and feed files.

    Never raises for a bad input: each problem is a ReadError naming the input (with ':LINE' or
    '#N' where it applies) and the rest goes on. Folders are walked recursively in name order;
    `include`/`exclude` are glob patterns matched against the path relative to the folder and the
    file name. With `report_skipped`, hidden files and non-articles in folders are reported too.
    """
    for found in expand(paths, include, exclude, report_skipped):
        if isinstance(found, ReadError):
            yield found
        else:
            yield from read_file(found.path, max_bytes)


def read_file(path: Path, max_bytes: int = MAX_DOCUMENT_BYTES) -> Iterator[Document | ReadError]:
    """Everything one file holds (several Documents for JSON lists, JSONL, WARC and feeds)."""
    origin = str(path)
    try:
        head, whole = _head(path)
    except IsADirectoryError:
        yield ReadError(origin, "is a directory; pass the folder itself to read_paths to walk it")
        return
    except (OSError, EOFError) as exc:
        yield os_error(path, exc) if isinstance(exc, OSError) and exc.errno else ReadError(
            origin, f"cannot be read ({exc}); check the file (a damaged .gz?)")
        return
    if not head.strip():
        what = "empty file (0 bytes)" if not head else "empty file (only whitespace)"
        yield ReadError(origin, f"{what}; nothing to read")
        return
    kind = resolve_kind(path, head)
    if kind == "warc":
        yield from read_warc(path, max_bytes)
        return
    if kind == "jsonl":
        reason = binary_reason(head)
        if reason:
            yield ReadError(origin, f"{reason}, not JSONL; leave it out or exclude it (--exclude)")
        else:
            yield from read_jsonl(lambda: _open(path), origin, max_bytes)
        return
    if kind == "xml":
        yield ReadError(origin, "XML that is neither an RSS/Atom feed nor HTML; only feeds are read from XML")
        return
    try:
        size = len(head) if whole else os.stat(path).st_size
        if size > max_bytes:  # compressed or not, it holds more than the limit
            data = None
        elif whole:
            data = head
        else:
            with _open(path) as stream:
                data = read_limited(stream, max_bytes)
    except (OSError, EOFError) as exc:
        yield ReadError(origin, f"cannot be read ({exc}); check the file")
        return
    if data is None:
        yield ReadError(origin, json_too_big(size, max_bytes) if kind == "json" else too_big(
            size if size > max_bytes else None, max_bytes))
        return
    reason = binary_reason(head)
    if reason:
        yield ReadError(origin, f"{reason}, not an article; leave it out or exclude it (--exclude)")
        return
    if kind == "json":
        yield from read_json(data, origin)
    elif kind == "feed":
        yield from read_feed(data, origin)
    else:
        decoded = decode_bytes(data, origin=origin)
        yield Document(origin=origin, content=decoded.text, kind=kind, given_id=given_id_for(path),
                       warnings=[decoded.warning] if decoded.warning else [])


# --------------------------------------------------------------------------- progress estimate

_FEED_ITEM = re.compile(rb"<(?:item|entry)[\s>]")
_WARC_RESPONSE = re.compile(rb"WARC-Type: (?:response|resource)\r?\n")
_CHUNK = 1 << 20


def _count_in_file(path: Path, pattern: re.Pattern[bytes] | None) -> int:
    """Newlines (pattern None) or pattern matches, counted in 1 MB chunks."""
    total = 0
    tail = b""
    last = b"\n"
    with _open(path) as stream:
        while chunk := stream.read(_CHUNK):
            if pattern is None:
                total += chunk.count(b"\n")
                last = chunk[-1:]
            else:
                window = tail + chunk
                total += len(pattern.findall(window)) - len(pattern.findall(tail))
                tail = window[-64:]
    if pattern is None and last != b"\n":
        total += 1
    return total


def count_documents(paths: Sequence[str | Path], include: Sequence[str] = (), exclude: Sequence[str] = ()
                    ) -> int | None:
    """A cheap estimate of how many items `read_paths` will yield, for a progress bar.

    One per file, lines for JSONL, `<item>`/`<entry>` tags for feeds and response records for WARC
    (counted from the raw bytes, not parsed); each unreadable path counts one (its ReadError).
    Typed `int | None` so a later version may answer None where counting would cost too much.
    """
    total = 0
    for found in expand(paths, include, exclude):
        if not isinstance(found, Found):
            total += 1
            continue
        try:
            head, _ = _head(found.path)
            kind = resolve_kind(found.path, head)
            if kind == "jsonl":
                total += _count_in_file(found.path, None)
            elif kind == "feed":
                total += _count_in_file(found.path, _FEED_ITEM)
            elif kind == "warc":
                total += _count_in_file(found.path, _WARC_RESPONSE)
            else:
                total += 1
        except (OSError, EOFError):
            total += 1
    return total
