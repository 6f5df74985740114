"""Text normalisation: decoding bytes, repairing mojibake, whitespace, glued sentences."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# A UTF-8 lead byte (0xC2-0xF4) read as cp1252/latin-1, followed by 1-3 continuation bytes
# (0x80-0xBF) read the same way: the signature of UTF-8 text decoded with the wrong codec.
_CONT = "\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178\x81\x8d\x8f\x90\x9d\xa0-\xbf"
_MOJIBAKE = re.compile(f"[\xc2-\xf4][{_CONT}]{{1,3}}")
_MOJIBAKE_HINT = re.compile("[\xc2\xc3\xc5\xd0\xd1\xd8\xd9\xe2]")

_NON_ALNUM = re.compile(r"[\W_]+")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069): they can make a title read backwards
# ("Trojan Source"); the Unicode bidi algorithm orders Arabic and Hebrew text correctly without them.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")  # lone surrogates (valid JSON "\\ud800", not text): U+FFFD
# C0 controls other than tab and newlines, DEL, and the non-characters U+FFFE/U+FFFF: not text, and not XML
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]")
# "announced.The president": a lowercase letter, a full stop, then a capital with no space.
_GLUED = re.compile(r"(?<=[a-zß-öø-ÿа-яё]{2}\.)(?=[A-ZÀ-ÖØ-ÞА-ЯЁ][a-zß-öø-ÿа-яё])")


def decode_bytes(data: bytes, origin: str = "") -> str:
    """Decode bytes as UTF-8 (BOM-aware), else the charset charset-normalizer finds, else cp1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None:
            return str(best)
    except ImportError:  # pragma: no cover - charset-normalizer ships with the http stack
        pass
    return data.decode("cp1252", errors="replace")


def _to_bytes(chunk: str) -> bytes | None:
    out = bytearray()
    for ch in chunk:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) < 256:
                out.append(ord(ch))
            else:
                return None
    return bytes(out)


def _redecode(match: re.Match[str]) -> str:
    raw = _to_bytes(match.group(0))
    if raw is None:
        return match.group(0)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return match.group(0)


def fix_mojibake(text: str) -> str:
    """Repair UTF-8-read-as-cp1252 sequences (e.g. 'â€™' -> '’'); leaves clean text untouched."""
    if not _MOJIBAKE_HINT.search(text):
        return text
    return _MOJIBAKE.sub(_redecode, text)


def normalise_line(line: str) -> str:
    """NFC, no zero-width characters, single spaces, stripped."""
    line = _ZERO_WIDTH.sub("", unicodedata.normalize("NFC", strip_controls(line)))
    return _SPACES.sub(" ", line).strip()


def strip_controls(text: str) -> str:
    """`text` without bidi override/isolate characters and control characters (vertical tab and form feed
    become line breaks), lone surrogates replaced by U+FFFD."""
    text = _CONTROLS.sub("", BIDI_CONTROLS.sub("", text)).replace("\x0b", "\n").replace("\x0c", "\n")
    return _SURROGATE.sub("\ufffd", text)


def split_lines(text: str) -> list[str]:
    """Normalised lines of `text`; empty strings mark blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    return [normalise_line(line) for line in text.split("\n")]


def repair_glued_sentences(text: str) -> str:
    """Insert the missing space in 'announced.The president' (lowercase letters, '.', capital)."""
    return _GLUED.sub(" ", text)


def dedup_key(text: str) -> str:
    """Comparison key for lines: casefolded, letters and digits only."""
    return _NON_ALNUM.sub("", text.casefold())


def content_hash(text: str) -> str:
    """sha1 hex of the text lowercased with whitespace collapsed (the store's idempotency key)."""
    norm = " ".join(text.lower().split())
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()
