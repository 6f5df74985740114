"""What kind of input a file is: by extension first, by its first bytes when the extension says nothing."""

from __future__ import annotations

import json
import re
import zlib
from pathlib import Path
from typing import Literal

from corroborate.read.decode import bom_encoding

InputKind = Literal["text", "html", "json", "jsonl", "warc", "feed", "xml"]

HEAD_BYTES = 65536

EXTENSIONS: dict[str, InputKind] = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".json": "json",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl",
    ".warc": "warc", ".arc": "warc",
    ".rss": "feed", ".atom": "feed",
    ".xml": "xml",
}

# Folder walks read only these (and their .gz); other files in a folder only when an --include glob names them.
FOLDER_EXTENSIONS = (".txt", ".html", ".htm", ".json", ".jsonl", ".warc", ".rss", ".atom", ".xml")


def listed_for_folders(path: Path) -> bool:
    """True for the extensions a folder ingest reads by default (README: The command line)."""
    suffix = compressed_inner_suffix(path) or path.suffix.lower()
    return suffix in FOLDER_EXTENSIONS


# Folder walks skip these silently: they are never articles.
NON_ARTICLE_EXTENSIONS = frozenset({
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".ico", ".svg", ".heic",
    ".avif", ".zip", ".tar", ".tgz", ".gz", ".bz2", ".xz", ".zst", ".7z", ".rar", ".jar", ".mp3",
    ".mp4", ".m4a", ".wav", ".ogg", ".webm", ".mov", ".avi", ".mkv", ".flac", ".pdf", ".doc",
    ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".exe", ".dll", ".so", ".dylib", ".bin",
    ".o", ".a", ".pyc", ".class", ".wasm", ".css", ".js", ".map", ".woff", ".woff2", ".ttf",
    ".otf", ".eot", ".db", ".sqlite", ".sqlite3", ".parquet", ".pkl", ".npy", ".npz",
})

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(rb"(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)
_HTML_HINT = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title>|<article[\s>]|<div[\s>]|<p[\s>]",
    re.IGNORECASE,
)


def compressed_inner_suffix(path: Path) -> str | None:
    """For `x.jsonl.gz` the suffix of the compressed content (".jsonl"); None when not gzip-named."""
    suffixes = [s.lower() for s in path.suffixes]
    if len(suffixes) >= 2 and suffixes[-1] == ".gz":
        return suffixes[-2]
    return None


def kind_by_extension(path: Path) -> InputKind | None:
    suffix = path.suffix.lower()
    inner = compressed_inner_suffix(path)
    if inner is not None:
        return EXTENSIONS.get(inner)
    return EXTENSIONS.get(suffix)


def is_non_article(path: Path) -> bool:
    """True for images, media, archives and the like (a `.warc.gz` or `.jsonl.gz` is not one)."""
    return kind_by_extension(path) is None and path.suffix.lower() in NON_ARTICLE_EXTENSIONS


def _text_head(head: bytes) -> bytes:
    """ASCII-compatible view of the head, so UTF-16 input sniffs like UTF-8."""
    bom = bom_encoding(head)
    if bom and bom.startswith(("utf-16", "utf-32")):
        usable = head[: len(head) - len(head) % 4]
        return usable.decode(bom, errors="ignore").encode("utf-8", errors="ignore")
    return head.removeprefix(b"\xef\xbb\xbf")


def sniff(head: bytes) -> InputKind:
    """Kind from content alone. Defaults to text; the binary check happens elsewhere."""
    if head.startswith(b"\x1f\x8b"):
        try:
            inner = _gunzip_head(head)
        except zlib.error:
            return "text"
        return "warc" if inner.startswith((b"WARC/", b"filedesc://")) else sniff(inner) if inner else "text"
    data = _text_head(head).lstrip()
    if data.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if data[:1] in (b"{", b"["):
        return _sniff_json(data)
    lowered = data[:4096]
    if _HTML_START.match(lowered):
        return "html"
    if _FEED_ROOT.search(lowered) and (lowered.startswith(b"<?xml") or lowered[:1] == b"<"):
        return "feed"
    if _HTML_HINT.search(lowered):
        return "html"
    if lowered.startswith(b"<?xml"):
        return "xml"
    return "text"


def _gunzip_head(head: bytes, limit: int = 8192) -> bytes:
    decompressor = zlib.decompressobj(16 + 15)
    return decompressor.decompress(head, limit)


def _sniff_json(data: bytes) -> InputKind:
    """A first line that is a whole JSON object, followed by another line, is JSONL."""
    first, sep, rest = data.partition(b"\n")
    if sep and rest.strip():
        try:
            json.loads(first)
        except ValueError:
            return "json"
        return "jsonl"
    return "json"


def resolve_kind(path: Path, head: bytes) -> InputKind:
    """Extension when it names a kind we read, else content; `.xml` decides between feed and other XML."""
    kind = kind_by_extension(path)
    if kind == "xml":
        sniffed = sniff(head)
        return "feed" if sniffed == "feed" else "html" if sniffed == "html" else "xml"
    return kind if kind is not None else sniff(head)
