"""Input hygiene for metadata given with a document: publication dates and language codes.

A value that cannot be right is reported (a warning in the ingest report) and treated as unknown; it is
never silently replaced by a nearby value.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from corroborate.clean.dates import ISO_DATE, parse_date
from corroborate.model import Precision

EARLIEST_PUBLICATION = datetime(1990, 1, 1, tzinfo=UTC)
"""Publication dates before this (or after tomorrow) are treated as unknown and reported."""

_LANG_CODE = re.compile(r"[A-Za-z]{2}(?:[-_][A-Za-z0-9]{2,8})*")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")

Dated = tuple[datetime | None, Precision | None]


def language_code(given: str | None, warnings: list[str]) -> str | None:
    """The ISO 639-1 code of a given `lang` ("en", "EN", "en-GB", "pt_BR" -> its first part); None, with
    a warning, for anything else (the language is then detected)."""
    if given is None or not given.strip():
        return None
    value = given.strip()
    if _LANG_CODE.fullmatch(value):
        return value[:2].lower()
    warnings.append(f"lang {value[:40]!r} is not a language code (ISO 639-1, e.g. 'en'): ignored, detected instead")
    return None


def publication_date(candidates: list[str | None], sniffed: Dated, languages: list[str] | None,
                     warnings: list[str], now: datetime | None = None) -> Dated:
    """The first given date that reads as a plausible publication date, else the one sniffed from the
    text; impossible, unreadable or out-of-range dates are reported and skipped."""
    for candidate in candidates:
        if candidate is None or not str(candidate).strip():
            continue
        text = str(candidate).strip()
        problem = impossible_iso(text)
        parsed = None if problem else parse_date(text, languages)
        if problem:
            warnings.append(f"publication date {text[:60]!r} is impossible ({problem}): date unknown")
        elif parsed is None:
            warnings.append(f"publication date {text[:60]!r} could not be read: date unknown")
        elif plausible(parsed[0], warnings, text, now):
            return parsed
    if sniffed[0] is not None and plausible(sniffed[0], warnings, "found in the text", now):
        return sniffed
    return None, None


def plausible(when: datetime, warnings: list[str], said: str, now: datetime | None = None) -> bool:
    latest = (now or datetime.now(UTC)) + timedelta(days=1)
    if EARLIEST_PUBLICATION <= when <= latest:
        return True
    warnings.append(f"publication date {when.date().isoformat()} ({said[:60]}) is outside "
                    f"[{EARLIEST_PUBLICATION.date().isoformat()}, tomorrow]: date unknown")
    return False


def impossible_iso(text: str) -> str | None:
    """What is impossible in an ISO 8601 date or timestamp ("month 13", "day 30 of month 2", "hour 25")."""
    m = ISO_DATE.match(text)
    if not m:
        return None
    year, month, day = (int(part) for part in m.group("date").split("-"))
    if not 1 <= month <= 12:
        return f"month {month}"
    try:
        datetime(year, month, day)
    except ValueError:
        return f"day {day} of month {month}"
    clock = _TIME.match(m.group("time") or "")
    if clock:
        hour, minute, second = int(clock[1]), int(clock[2]), int(clock[3] or 0)
        if hour > 24 or minute > 59 or second > 60:
            return f"time {clock[0]}"
    return None
