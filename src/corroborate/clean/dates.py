"""Publication dates: parsing strings to UTC datetimes with a precision, spotting date-only lines."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import cache, lru_cache

from corroborate.model import Precision
from corroborate.text.lexicon import common_words

# Languages whose month and weekday names mark a line as a bare date (dateparser's locale data).
DATE_WORD_LANGUAGES = ("en", "sv", "de", "es", "fr", "ar", "ru", "it", "pt", "nl", "pl", "tr", "da", "nb", "fi", "uk")
# Languages dateparser tries when the document's language is not given (each one costs time).
PARSE_LANGUAGES = ("en", "sv", "de", "es", "fr", "ar", "ru")

ISO_DATE = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ](?P<time>\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?"
)
_TIME_OF_DAY = re.compile(r"\b\d{1,2}[:.h]\d{2}\b(?!\.\d)|\b\d{1,2}\s*(?:[ap]\.?m\b\.?)", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")
_TOKEN = re.compile(r"[^\W\d_]+\.?|\d+|[^\w\s]", re.UNICODE)
_TZ_WORDS = {"utc", "gmt", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "cet", "cest", "msk", "eet", "eest"}
_TIME_WORDS = common_words("time_words")
# Little words written inside dates ("17 de septiembre de 2023", "17 сентября 2023 г.", "at 10:21").
_CONNECTORS = common_words("date_connectors")
_DOTTED_DAY_FIRST = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{2,4}\b")


def parse_iso(text: str) -> tuple[datetime, Precision] | None:
    """An ISO 8601 date or timestamp at the start of `text`, as UTC; None if there is none."""
    m = ISO_DATE.match(text.strip())
    if not m:
        return None
    try:
        day = datetime.strptime(m.group("date"), "%Y-%m-%d")
    except ValueError:
        return None
    if not m.group("time"):
        return day.replace(tzinfo=UTC), "day"
    tz = m.group("tz") or "Z"
    tz = "+00:00" if tz.upper() in {"Z", "UTC", "GMT"} else tz
    if len(tz) == 5:  # +0000 -> +00:00
        tz = f"{tz[:3]}:{tz[3:]}"
    stamp = f"{m.group('date')}T{m.group('time').replace(',', '.')}{tz}"
    try:
        return datetime.fromisoformat(stamp).astimezone(UTC), "minute"
    except ValueError:
        return day.replace(tzinfo=UTC), "day"


def parse_date(text: str, languages: list[str] | None = None) -> tuple[datetime, Precision] | None:
    return _parse_date(text.strip(), tuple(languages or ()))


@lru_cache(maxsize=4096)
def _parse_date(text: str, languages: tuple[str, ...]) -> tuple[datetime, Precision] | None:
    """Parse a publication date in any common format/language to (UTC datetime, precision).

    Without a time of day the result is midnight UTC of the stated date with precision "day" (the
    date is not shifted by a timezone it never had). Returns None when no full date (day, month,
    year) can be read, so a vague string never invents a date.
    """
    text = text.strip()
    if not text:
        return None
    iso = parse_iso(text)
    if iso and ISO_DATE.fullmatch(text):
        return iso
    import dateparser

    settings: dict[str, object] = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"}
    if _DOTTED_DAY_FIRST.search(text):  # 03.02.2022 is day-first wherever dots are used
        settings["DATE_ORDER"] = "DMY"
    try:
        # An explicit language list: dateparser's own language guessing costs seconds on a miss.
        langs = list(dict.fromkeys([*languages, *PARSE_LANGUAGES]))
        parsed = dateparser.parse(text, languages=langs, settings=settings)
    except ValueError:  # a language code dateparser does not know: retry with ours
        parsed = dateparser.parse(text, languages=list(PARSE_LANGUAGES), settings=settings)
    except (OverflowError, TypeError):
        parsed = None
    if parsed is None:
        return iso
    if not _TIME_OF_DAY.search(text):
        return datetime(parsed.year, parsed.month, parsed.day, tzinfo=UTC), "day"
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC), "minute"


@cache
def date_words() -> frozenset[str]:
    """Month and weekday names (full and abbreviated) in DATE_WORD_LANGUAGES, casefolded."""
    from dateparser.languages.loader import default_loader

    keys = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    words: set[str] = set()
    for code in DATE_WORD_LANGUAGES:
        try:
            info = default_loader.get_locale(code).info
        except (KeyError, ValueError):
            continue
        for key in keys:
            for word in info.get(key, []):
                words.add(word.casefold().rstrip("."))
    return frozenset(words)


def is_date_token(token: str) -> bool:
    """A single token that can be part of a written date or time ("Friday", "10:21", "AM", "EST")."""
    token = token.strip().strip(",")
    low = token.casefold().rstrip(".")
    if not token:
        return True
    if any(ch.isdigit() for ch in token):
        return True
    return (low in date_words() or low in _TZ_WORDS or low in _TIME_WORDS or low in _CONNECTORS
            or token.casefold() in _TIME_WORDS)


def is_date_line(line: str, extra_words: frozenset[str] = frozenset()) -> bool:
    """True when `line` is only a date and/or time ("2022-02-03T12:54+0000", "Friday, 3 June 2021",
    "10:21 AM EST", "03.02.2022"); `extra_words` may add labels such as "updated"."""
    line = line.strip().strip("()[]")
    if not line or len(line) > 60:
        return False
    if ISO_DATE.fullmatch(line) or _NUMERIC_DATE.match(line):
        return True
    words = date_words()
    has_date_part = False
    for token in _TOKEN.findall(line):
        low = token.casefold().rstrip(".")
        if token.isdigit() or low in words:
            has_date_part = True
        elif not (is_date_token(token) or low in extra_words or (len(token) == 1 and not token.isalpha())):
            return False
    return has_date_part
