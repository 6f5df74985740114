"""Sentence boundaries as character spans, language-agnostic.

A boundary is sentence-final punctuation (Latin, Arabic, CJK) followed by space and an
upper-case letter, a quote, a digit or a non-Latin letter, or a blank line. Abbreviations listed
in data/abbreviations.txt do not end a sentence.
"""

from __future__ import annotations

import re
from importlib import resources

_BOUNDARY = re.compile(r"(?<=[.!?؟。…])[\"'”’»)]*\s+(?=[\"'“‘«(\[]?[^\s\"'a-z])|\n\s*\n|\n(?=[\"'“‘«(\[]?[A-ZÀ-ÖØ-Þ\u0400-\u042F\u0600-\u06FF])")
def _load_abbreviations() -> re.Pattern[str]:
    lines = resources.files("corroborate.data").joinpath("abbreviations.txt").read_text(encoding="utf-8").splitlines()
    words = [w.strip() for w in lines if w.strip() and not w.startswith("#")]
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternatives})\.$")


_ABBREV = _load_abbreviations()


def split(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of the sentences of `text`, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if _ABBREV.search(text[max(start, m.start() - 12) : m.start()]) or re.search(
            r"\b[A-Z]\.$", text[max(start, m.start() - 3) : m.start()]
        ):
            continue
        _append(text, start, m.start(), spans)
        start = m.end()
    _append(text, start, len(text), spans)
    return spans


def _append(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


