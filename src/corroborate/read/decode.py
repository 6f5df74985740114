"""Bytes -> str for every reader: BOMs, UTF-8, declared charsets, then a legacy-charset guess.

Order of trust: a byte-order mark, strict UTF-8 (valid UTF-8 with non-ASCII bytes is almost never
meant as anything else), a charset the container declares (HTTP header, HTML meta, XML prolog) when
the bytes decode under it, then the best-scoring legacy single-byte
charset (see `legacy.py`). Latin-1 never fails, so decoding itself never fails; whether the result is
text at all is `binary_reason`'s call, made before decoding.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass

from corroborate.read.legacy import guess_legacy

log = logging.getLogger(__name__)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")

# WHATWG: pages that declare Latin-1 or ASCII are really windows-1252.
_DECLARED_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
                     "ascii": "cp1252", "iso8859-1": "cp1252", "l1": "cp1252"}

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "an executable"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg media file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
)

# C0 control bytes that do not occur in text (tab, newlines, form feed and escape do).
_BINARY_CONTROLS = bytes(b for b in range(0x20) if b not in b"\t\n\r\x0c\x1b")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warning: str | None = None  # bytes that did not decode cleanly (replaced by U+FFFD), said for the report


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of `data` announces, if any."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text without a BOM shows NULs in every other byte for ASCII-range characters."""
    if len(head) < 8:
        return None
    sample = head[: len(head) - len(head) % 2][:4096]
    even_nul = sample[0::2].count(0) / (len(sample) / 2)
    odd_nul = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def binary_reason(head: bytes) -> str | None:
    """Why the first bytes of an input say it is not text (None when it looks like text).

    Looks at known file signatures, NUL bytes, and the share of control characters.
    """
    if not head:
        return None
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return f"binary file ({what})"
    if bom_encoding(head) or _utf16_without_bom(head):
        return None
    if b"\x00" in head:
        return "binary file (contains NUL bytes)"
    controls = len(head) - len(head.translate(None, _BINARY_CONTROLS))
    if controls / len(head) > 0.05:
        return f"binary file ({controls} control bytes in the first {len(head)})"
    return None


def _normalise_name(name: str) -> str | None:
    name = name.strip().strip("\"'").lower()
    name = _DECLARED_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML meta tag or XML prolog declares in the first 4 KB."""
    head = data[:4096]
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return _normalise_name(m.group(1).decode("ascii", "replace")) if m else None


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def decode_bytes(data: bytes, declared: str | None = None, origin: str = "") -> Decoded:
    """Decode `data` to text with normalised newlines; never raises.

    `declared` is a charset from outside the bytes (an HTTP Content-Type); markup declarations
    inside the bytes are looked for too. A declaration that the bytes contradict is ignored.
    """
    encoding = _pick_encoding(data, declared)
    bom = bom_encoding(data)
    body = data[len(codecs.BOM_UTF8) if bom == "utf-8" else 0 :]
    text = body.decode(encoding, errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    if encoding not in ("utf-8", "ascii"):
        log.debug("%s: decoded as %s", origin or "input", encoding)
    bad = text.count("\ufffd") - body.decode(encoding, errors="ignore").count("\ufffd")
    warning = None
    if bad > 0:
        warning = (f"{bad} byte sequence(s) are not valid {encoding} (the encoding read from the bytes): "
                   "replaced by U+FFFD; re-save the file in UTF-8")
    return Decoded(normalise_newlines(text), encoding, warning)


def _mostly_utf8(data: bytes) -> bool:
    """Valid UTF-8 multi-byte characters outnumber the invalid sequences several times over."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    return sum(1 for ch in text if ch > "\x7f") - bad >= 4 * bad


def _pick_encoding(data: bytes, declared: str | None) -> str:
    bom = bom_encoding(data)
    if bom:
        return bom
    utf16 = _utf16_without_bom(data[:4096])
    if utf16:
        return utf16
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        if _mostly_utf8(data):
            return "utf-8"  # a few broken sequences in UTF-8 text: replaced and reported, not a legacy guess
    else:
        return "utf-8"  # valid UTF-8 with non-ASCII bytes is almost never a legacy charset
    candidates = [c for c in (_normalise_name(declared) if declared else None, declared_charset(data)) if c]
    for name in candidates:
        if name.startswith(("utf-16", "utf-32")):
            continue  # a declaration of UTF-16 in ASCII-readable bytes is wrong by construction
        try:
            data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        return name
    return guess_legacy(data)
