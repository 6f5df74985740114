"""Line shapes used by the boilerplate remover and the metadata sniffer."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[.!?…؟。！？][\"'”’»)\]]*$|[\"”»]$")
_LETTER = re.compile(r"[^\W\d_]")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w])(?:\+\d[\d\s().-]{6,}\d|\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4})(?![\w])")


@dataclass
class Line:
    """One non-empty line of the document; `gap_before` is True after a blank line."""

    text: str
    gap_before: bool = False
    removed: str | None = None  # why it was dropped, None while kept

    @property
    def kept(self) -> bool:
        return self.removed is None


def words(text: str) -> list[str]:
    return text.split()


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text[-8:]))


def letter_ratio(text: str) -> float:
    if not text:
        return 0.0
    return len(_LETTER.findall(text)) / len(text)


def is_body_like(text: str) -> bool:
    """A line that reads as prose: a sentence of five words or more, or any long line."""
    n = len(words(text))
    return (n >= 5 and ends_sentence(text)) or n >= 14


def is_headline_like(text: str) -> bool:
    """Short, has letters, no final period/colon/comma: the shape of a title."""
    n = len(words(text))
    if not 2 <= n <= 25 or len(text) > 220 or letter_ratio(text) < 0.5:
        return False
    return not re.search(r"[.:;,]$", text) or text.endswith("...")


def is_contact_line(text: str) -> bool:
    """An e-mail address with a phone number, or a line that is mostly an address or number."""
    if len(text) > 300 or ("@" not in text and sum(map(str.isdigit, text)) < 7):
        return False
    emails = _EMAIL.findall(text)
    phones = _PHONE.findall(text)
    if emails and phones:
        return True
    rest = _PHONE.sub("", _EMAIL.sub("", text))
    return bool(emails or phones) and len(words(rest)) <= 3 and not ends_sentence(text)


def is_symbol_debris(text: str) -> bool:
    """Mostly digits and symbols with hardly any words ("(555) 010-9999", "12 | 34 | 56")."""
    if len(text) > 200:
        return False
    lettered = [w for w in words(text) if any(ch.isalpha() for ch in w)]
    return letter_ratio(text) < 0.35 and len(lettered) < 4


def is_table_row(text: str) -> bool:
    """A table row as the HTML extractor writes it: "| cell | cell |" (two cells or more)."""
    return text.startswith("| ") and text.endswith(" |") and text.count(" | ") >= 1


def is_name_like(text: str) -> bool:
    """Two to four capitalised words and nothing else: a byline or an author name."""
    parts = words(text)
    if not 2 <= len(parts) <= 4:
        return False
    return all(p[:1].isupper() and p.replace("-", "").replace("'", "").replace(".", "").isalpha() for p in parts)


def is_section_name(text: str) -> bool:
    """A short lowercase label without punctuation ("middle east", "world")."""
    parts = words(text)
    return (
        1 <= len(parts) <= 4
        and text[:1].islower()
        and all(w.isalpha() or w.replace("-", "").isalpha() for w in parts)
    )
