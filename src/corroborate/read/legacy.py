"""Guess the legacy single-byte charset of bytes that are not UTF-8.

Statistical detectors misread short news texts (a Swedish paragraph in windows-1252 comes out as
windows-1250 or Big5), so this decodes the bytes under each candidate and scores how word-like the
result is: a wrong charset produces words that mix scripts (Latin and Cyrillic in one word), change
case mid-word ("пОЖАР" from KOI8-R read as windows-1251), consist mostly of accented letters
("Ïîæàð" from Cyrillic read as windows-1252), or contain C1 control characters. Lowest penalty per
letter wins; ties go to the earlier candidate, so plain Western text stays windows-1252.
"""

from __future__ import annotations

import re

CANDIDATES: tuple[str, ...] = (
    "cp1252",  # Western European (also covers Latin-1 text)
    "cp1251",  # Cyrillic, Windows
    "koi8_r",  # Cyrillic, Unix
    "cp1256",  # Arabic, Windows
    "iso8859_6",  # Arabic, ISO
    "cp1250",  # Central European
    "cp1253",  # Greek
    "cp1254",  # Turkish
    "cp1255",  # Hebrew
)
SAMPLE_BYTES = 65536

_WORD = re.compile(r"[^\W\d_]+")


def _script(ch: str) -> str:
    o = ord(ch)
    if o < 0x80 or 0xC0 <= o <= 0x24F or 0x1E00 <= o <= 0x1EFF:
        return "latin"
    if 0x400 <= o <= 0x52F:
        return "cyrillic"
    if 0x600 <= o <= 0x6FF or 0xFB50 <= o <= 0xFEFF:
        return "arabic"
    if 0x370 <= o <= 0x3FF:
        return "greek"
    if 0x590 <= o <= 0x5FF:
        return "hebrew"
    return "other"


def _penalty(text: str) -> float:
    penalty = 0.0
    letters = 0
    penalty += 5 * sum(1 for ch in text if 0x80 <= ord(ch) <= 0x9F)
    for m in _WORD.finditer(text):
        word = m.group()
        letters += len(word)
        scripts = {_script(ch) for ch in word}
        if len(scripts) > 1:
            penalty += 2 * len(word)
        if "other" in scripts:
            penalty += sum(1 for ch in word if _script(ch) == "other")
        penalty += sum(1 for a, b in zip(word, word[1:], strict=False) if a.islower() and b.isupper())
        if scripts == {"latin"} and len(word) >= 3:
            accented = sum(1 for ch in word if ord(ch) >= 0x80)
            if accented * 2 > len(word):
                penalty += accented
    return penalty / (letters + 1)


def guess_legacy(data: bytes) -> str:
    """The candidate charset under which `data` reads most like words; latin-1 when none decodes."""
    sample = data[:SAMPLE_BYTES]
    best: tuple[float, str] | None = None
    for name in CANDIDATES:
        try:
            text = sample.decode(name)
        except UnicodeDecodeError:
            continue
        score = _penalty(text)
        if best is None or score < best[0]:
            best = (score, name)
    return best[1] if best else "latin-1"
