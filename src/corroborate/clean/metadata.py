"""Metadata sniffed from the text itself: leading date/URL prefixes, datelines, timestamps, title."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from corroborate.clean.dates import ISO_DATE, is_date_line, is_date_token, parse_date, parse_iso
from corroborate.clean.lines import Line, ends_sentence, is_body_like, is_headline_like
from corroborate.clean.patterns import PatternSet
from corroborate.clean.urls import LEADING_URL, normalise_url
from corroborate.model import Precision

HEAD_LINES = 5  # how far from the start prefixes and datelines are looked for

# "date 2022-02-03 ..." / "2022-02-03T10:00Z ...": an optional one-word label, then an ISO date.
_LEADING_DATE = re.compile(r"^(?:[^\W\d_]{2,15}\s*:?\s+)?(?=\d{4}-\d{2}-\d{2})")
_DATE_TOKEN = re.compile(r"\s*(?:[^\W\d_]+\.?|\d+(?:[:./-]\d+)*(?:\s*[ap]\.?m\.?)?|[,/–-])(?=\s|$|,)", re.IGNORECASE)


@dataclass
class Sniffed:
    url: str | None = None
    published: datetime | None = None
    precision: Precision | None = None
    title: str | None = None
    removed: list[str] = field(default_factory=list)


@dataclass
class _DateCandidate:
    value: datetime
    precision: Precision
    kind: str  # "prefix", "dateline", "line"


def sniff_head(lines: list[Line], patterns: PatternSet, languages: list[str] | None = None) -> Sniffed:
    """Strip metadata prefixes from the first lines and collect url/published. Mutates `lines`:
    prefix text is cut off the line, a line left empty is marked removed."""
    out = Sniffed()
    dates: list[_DateCandidate] = []
    head = [ln for ln in lines[:HEAD_LINES * 3] if ln.kept][:HEAD_LINES]
    for line in head:
        changed = True
        while changed and line.text:
            changed = False
            m = _LEADING_DATE.match(line.text)
            if m:
                iso = ISO_DATE.match(line.text, m.end())
                parsed = parse_iso(iso.group(0)) if iso else None
                if iso and parsed:
                    dates.append(_DateCandidate(parsed[0], parsed[1], "prefix"))
                    out.removed.append(line.text[: iso.end()].strip())
                    line.text = line.text[iso.end():].strip()
                    changed = True
                    continue
            m = LEADING_URL.match(line.text)
            if m:
                out.url = out.url or normalise_url(m.group("url"))
                out.removed.append(m.group("url"))
                line.text = line.text[m.end():].strip()
                changed = True
        if line.text:
            dates.extend(_cut_datelines(line, patterns, languages, out.removed))
        if not line.text:
            line.removed = "metadata"
    dates.extend(_date_lines(lines, languages))
    best = _choose_date(dates)
    if best:
        out.published, out.precision = best.value, best.precision
    return out


def _cut_datelines(line: Line, patterns: PatternSet, languages: list[str] | None,
                   removed: list[str]) -> list[_DateCandidate]:
    """'Title Posted: Friday, May 7, 2021 10:21 AM EST Updated: ...' -> dates; the line keeps 'Title'.

    A dateline counts only when it starts the line or runs to its end (or to the next dateline), so a
    body sentence that mentions a publication date is left alone."""
    found: list[_DateCandidate] = []
    spans: list[tuple[int, int]] = []
    for m in patterns.dateline.finditer(line.text):
        end = m.end()
        while True:
            t = _DATE_TOKEN.match(line.text, end)
            if not t or not is_date_token(t.group(0)):
                break
            end = t.end()
        span = line.text[m.end():end].strip(" ,–-")
        rest = line.text[end:].strip()
        if not span or not (m.start() == 0 or not rest or patterns.dateline.match(rest)):
            continue
        parsed = parse_date(span, languages)
        if parsed:
            found.append(_DateCandidate(parsed[0], parsed[1], "dateline"))
            spans.append((m.start(), end))
    for start, end in reversed(spans):
        removed.append(line.text[start:end].strip())
        line.text = (line.text[:start] + " " + line.text[end:]).strip()
    return found


def _date_lines(lines: list[Line], languages: list[str] | None) -> list[_DateCandidate]:
    """Standalone dates: ISO timestamps anywhere, other date lines before the first prose line."""
    found: list[_DateCandidate] = []
    in_head = True
    for line in lines:
        if not line.kept:
            continue
        if is_body_like(line.text):
            in_head = False
        text = line.text.strip("()[] ")
        if ISO_DATE.fullmatch(text):
            parsed = parse_iso(text)
        elif in_head and len(text) <= 60 and is_date_line(text):
            parsed = parse_date(text, languages)
        else:
            continue
        if parsed:
            found.append(_DateCandidate(parsed[0], parsed[1], "line"))
    return found


def _choose_date(dates: list[_DateCandidate]) -> _DateCandidate | None:
    """Prefer an explicit prefix date, then a dateline, then the earliest standalone date; a day-only
    choice is refined by the earliest timestamp of the same day."""
    if not dates:
        return None
    for kind in ("prefix", "dateline", "line"):
        group = [d for d in dates if d.kind == kind]
        if group:
            best = min(group, key=lambda d: d.value)
            break
    if best.precision == "day":
        same_day = [d for d in dates if d.precision != "day" and d.value.date() == best.value.date()]
        if same_day:
            best = min(same_day, key=lambda d: d.value)
    return best


def take_title(lines: list[Line]) -> str | None:
    """The first kept line when it looks like a headline or is repeated right below; it leaves the
    body together with its repeats."""
    kept = [ln for ln in lines if ln.kept]
    if not kept:
        return None
    first = kept[0]
    duplicated = len(kept) > 1 and kept[1].text == first.text and not ends_sentence(first.text)
    if not (duplicated or is_headline_like(first.text)) or len(kept) == 1:
        return None
    return first.text
