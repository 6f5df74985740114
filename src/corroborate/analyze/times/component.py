"""When did it happen? Time expressions found in the text, resolved against the published time.

Pipeline component `times(article, analysis)`: fills `analysis.times` with `TimeExpr`s (span in
`article.text`, UTC interval, precision, relative flag) and marks one `is_event_time`.

The grammar is generic; the words are data (`data/lang/<code>/times.json`: weekdays, months, parts of the
day, relative day words, periods, "ago" templates, event cues). A language without a lexicon falls back
to `dateparser.search.search_dates` (slow, so only then). Relative expressions need the published time:
without it they are kept with `value=None` rather than guessed; with it, they count from the
publication day where it was published (its own UTC offset).

Modules: `grammar` (lexicon -> regexes), `resolve` (one match -> interval), `event`
(which expression dates the reported event). This module finds and merges the expressions.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from corroborate.analyze.times.event import pick_event_time
from corroborate.analyze.times.grammar import PART_HOURS, _ascii_digits, _Grammar, _grammar, load_lexicon
from corroborate.analyze.times.resolve import _as_utc, _local_day, _lookup, _midnight, _resolve
from corroborate.model import Analysis, Article, TimeExpr

__all__ = ["PART_HOURS", "extract_times", "load_lexicon", "pick_event_time", "times"]


def _in_url(text: str, start: int, end: int) -> bool:
    """True when the match sits inside a URL or path token (dates in links are not statements)."""
    left = text.rfind(" ", 0, start) + 1
    left = max(left, text.rfind("\n", 0, start) + 1)
    right_candidates = [i for i in (text.find(" ", end), text.find("\n", end)) if i >= 0]
    token = text[left : min(right_candidates) if right_candidates else len(text)]
    return "://" in token or token.startswith(("/", "www.")) or "/" in token[: start - left]


def extract_times(text: str, lang: str | None, published: datetime | None) -> list[TimeExpr]:
    """All time expressions of `text` in `lang`, resolved against `published` (None: relative ones stay None).

    Overlapping matches keep the longest; a weekday right before a date ("Saturday, May 17") joins it.
    Languages without a lexicon use dateparser's search.
    """
    pub = _as_utc(published)
    g = _grammar(lang) if lang else None
    if g is None:
        return _dateparser_times(text, lang, pub)
    ref = _local_day(published)
    scan = _ascii_digits(text)
    found: list[tuple[TimeExpr, str]] = []
    lowered = scan.lower() if g.literals else ""
    for i, (kind, pattern) in enumerate(g.patterns):
        if i in g.literals and not all(w in lowered for w in g.literals[i]):
            continue
        trigger = g.triggers.get(kind)
        if trigger is not None and not trigger.search(scan):
            continue
        for m in pattern.finditer(scan):
            if m.end() > m.start() and not _in_url(scan, m.start(), m.end()):
                try:
                    t = _resolve(kind, m, g, ref, pub)
                except (OverflowError, ValueError):  # a day at the calendar's ends (year 1 or 9999)
                    t = None
                if t is not None:
                    t.text = text[t.start : t.end]
                    found.append((t, kind))
    found.sort(key=lambda tk: (-(tk[0].end - tk[0].start), tk[0].start))
    kept: list[tuple[TimeExpr, str]] = []
    for t, kind in found:
        if all(t.end <= k.start or t.start >= k.end for k, _ in kept):
            kept.append((t, kind))
    kept.sort(key=lambda tk: tk[0].start)
    if ref is not None:
        _anchor_relative(kept, g, ref, text)
    return _join_weekday_dates(kept, text, g)


# how far back (characters) "the previous night" / "le lendemain" looks for the day it counts from
_ANCHOR_REACH = 300


def _anchor_relative(items: list[tuple[TimeExpr, str]], g: _Grammar, ref: date, text: str) -> None:
    """Count "the day before", "la veille", "на следующий день" from the day named just before, if any,
    else from a date right after it in the same sentence ("the night before, on Thursday, May 2")."""
    cp = g.lex.get("clitic_prefix", "")
    last: TimeExpr | None = None
    for i, (t, kind) in enumerate(items):
        spec = _lookup(g.lex["relative"], t.text, cp) if kind == "relative" else None
        if spec and spec.get("anchored") and t.value is not None:
            anchor = last if last is not None and t.start - last.end <= _ANCHOR_REACH else _date_after(items, i, text)
            if anchor is not None and anchor.value is not None:
                shift = anchor.value.date() - ref
                t.value += shift
                t.value_end = t.value_end + shift if t.value_end else None
        if t.value is not None and t.precision in ("day", "part_of_day"):
            last = t


# how far (characters, same sentence) a date after an anchored expression may be its anchor
_FORWARD_ANCHOR_REACH = 80
_SENTENCE_BREAK = re.compile(r"[.!?؟]\s|\n")


def _date_after(items: list[tuple[TimeExpr, str]], i: int, text: str) -> TimeExpr | None:
    t = items[i][0]
    for d, kind in items[i + 1 :]:
        if d.start - t.end > _FORWARD_ANCHOR_REACH or _SENTENCE_BREAK.search(text, t.end, d.start):
            return None
        if kind in _DATE_KINDS and d.value is not None and d.precision == "day":
            return d
    return None


_DATE_KINDS = frozenset({"day_month", "month_day", "numeric", "iso"})


def _join_weekday_dates(items: list[tuple[TimeExpr, str]], text: str, g: _Grammar) -> list[TimeExpr]:
    """Merge "Saturday night, May 17" into one expression: the date decides the day, the weekday the part."""
    out: list[TimeExpr] = []
    i = 0
    while i < len(items):
        t, kind = items[i]
        if kind == "weekday" and i + 1 < len(items):
            d, dkind = items[i + 1]
            gap = g.weekday_date_gap.fullmatch(text, t.end, d.start)
            if dkind in _DATE_KINDS and gap is not None and d.value is not None and d.precision == "day":
                value, value_end, precision = d.value, d.value_end, d.precision
                if t.precision == "part_of_day" and t.value is not None and t.value_end is not None:
                    value = d.value + (t.value - _midnight(t.value.date()))
                    value_end = value + (t.value_end - t.value)
                    precision = "part_of_day"
                out.append(TimeExpr(text[t.start : d.end], t.start, d.end, value, value_end, precision, d.relative))
                i += 2
                continue
        out.append(t)
        i += 1
    return out


def _dateparser_times(text: str, lang: str | None, pub: datetime | None) -> list[TimeExpr]:
    from dateparser.search import search_dates

    settings: dict[str, Any] = {"RETURN_AS_TIMEZONE_AWARE": True, "TIMEZONE": "UTC", "PREFER_DATES_FROM": "past"}
    if pub is not None:
        settings["RELATIVE_BASE"] = pub.replace(tzinfo=None)
    head = text[:2000]
    try:
        hits = search_dates(head, languages=[lang] if lang else None, settings=settings) or []
    except Exception:  # dateparser raises assorted errors on unsupported languages; no dates is the honest answer
        return []
    out: list[TimeExpr] = []
    pos = 0
    for surface, value in hits:
        start = head.find(surface, pos)
        if start < 0 or len(surface.strip()) < 3 or surface.strip().isdigit():
            continue
        pos = start + len(surface)
        day = _midnight(value.astimezone(UTC).date())
        if day.year >= 9999:  # no next day to end the interval
            continue
        out.append(TimeExpr(surface, start, pos, day, day + timedelta(days=1), "day", relative=pub is not None))
    return out


def times(article: Article, analysis: Analysis) -> None:
    """Pipeline component: fill `analysis.times` and mark the event time."""
    lang = analysis.lang or article.lang
    published = article.published if article.published and 1 < article.published.year < 9999 else None
    exprs = extract_times(article.text, lang, published)
    chosen = pick_event_time(article.text, exprs, lang, published, analysis.sentences or None, article.title)
    if chosen is not None and not chosen.text and article.title:
        headline = _headline_time(article.title, lang, published)
        if headline is not None:
            exprs.remove(chosen)
            exprs.insert(0, headline)
    analysis.times = exprs


def _headline_time(title: str, lang: str | None, published: datetime | None) -> TimeExpr | None:
    """When the body names no time, the headline's ("Victim of Friday night shooting dies"), if it names
    a day or finer that beats the publication day. Its span is empty (0, 0): the headline is not part of the text."""
    found = extract_times(title, lang, published)
    chosen = pick_event_time(title, found, lang, published, [(0, len(title))])
    if chosen is None or not chosen.text or chosen.precision not in ("minute", "hour", "part_of_day", "day"):
        return None  # "this week" says less than the publication day
    return TimeExpr(chosen.text, 0, 0, chosen.value, chosen.value_end, chosen.precision, chosen.relative,
                    is_event_time=True)
