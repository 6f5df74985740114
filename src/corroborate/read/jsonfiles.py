"""JSON (one object, a list, or an API wrapper around a list) and JSONL (one object per line) files.

JSONL is streamed line by line with a per-line size cap, so neither a huge file nor one huge line
is ever held in memory whole. Origins are "path:LINE" for JSONL and "path#N" for items of a JSON list.
"""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Callable, Iterator
from typing import BinaryIO

from corroborate.model import Document, ReadError
from corroborate.read.decode import bom_encoding, decode_bytes
from corroborate.read.limits import format_size, too_big
from corroborate.read.records import RecordProblem, document_from_record, records_in

_SKIP_CHUNK = 1 << 16


def _json_problem(exc: json.JSONDecodeError) -> str:
    return f"invalid JSON ({exc.msg} at column {exc.colno}); fix or remove the line"


def read_jsonl(open_stream: Callable[[], BinaryIO], origin: str, max_bytes: int) -> Iterator[Document | ReadError]:
    """One Document per non-blank line; each bad line is a ReadError and reading goes on."""
    with open_stream() as raw:
        bom = bom_encoding(raw.read(4))
        raw.seek(0)
        if bom and bom.startswith(("utf-16", "utf-32")):
            family = "utf-16" if bom.startswith("utf-16") else "utf-32"
            text_stream = io.TextIOWrapper(raw, encoding=family, newline=None)
            yield from _lines(lambda limit: text_stream.readline(limit).encode("utf-8"), origin, max_bytes)
        else:
            yield from _lines(raw.readline, origin, max_bytes)


def _lines(readline: Callable[[int], bytes], origin: str, max_bytes: int) -> Iterator[Document | ReadError]:
    line_no = 0
    while True:
        line = readline(max_bytes + 1)
        if not line:
            return
        line_no += 1
        where = f"{origin}:{line_no}"
        if len(line) > max_bytes and not line.endswith(b"\n"):
            skipped = len(line)
            while True:  # drop the rest of the overlong line without keeping it
                rest = readline(_SKIP_CHUNK)
                skipped += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
            yield ReadError(where, too_big(skipped, max_bytes, what="line"))
            continue
        if line_no == 1:
            line = line.removeprefix(codecs.BOM_UTF8)
        if not line.strip():
            continue
        warning = None
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            decoded = decode_bytes(line, origin=where)
            text, warning = decoded.text, decoded.warning
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            yield ReadError(where, _json_problem(exc))
            continue
        try:
            doc = document_from_record(value, where)
            if warning:
                doc.warnings.append(warning)
            yield doc
        except RecordProblem as exc:
            yield ReadError(where, str(exc))


def read_json(data: bytes, origin: str) -> Iterator[Document | ReadError]:
    """A whole JSON file: one object, a list of objects, or {"articles": [...]}-style wrappers."""
    text = decode_bytes(data, origin=origin).text
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        yield ReadError(f"{origin}:{exc.lineno}",
                        f"invalid JSON ({exc.msg} at column {exc.colno}); fix the file "
                        "(or use JSONL, one article per line, so one bad article does not stop the rest)")
        return
    items = records_in(value)
    if items is None:
        try:
            yield document_from_record(value, origin)
        except RecordProblem as exc:
            yield ReadError(origin, str(exc))
        return
    if not items:
        yield ReadError(origin, "empty JSON list: no articles in it")
        return
    for number, item in enumerate(items, start=1):
        where = f"{origin}#{number}"
        try:
            yield document_from_record(item, where)
        except RecordProblem as exc:
            yield ReadError(where, str(exc))


def json_too_big(size: int, max_bytes: int) -> str:
    return (f"JSON file is {format_size(size)}, over the {format_size(max_bytes)} limit (a JSON file is parsed "
            "whole); convert it to JSONL, one article per line, which is streamed, or raise max_bytes")
