"""Resolution of one matched time expression to a UTC interval, against the publication day."""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from corroborate.analyze.times.grammar import PART_HOURS, _Grammar, _norm
from corroborate.model import Precision, TimeExpr


def _midnight(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, tzinfo=UTC)


def _day_expr(d: date, part: str | None) -> tuple[datetime, datetime, Precision]:
    start = _midnight(d)
    if part and part in PART_HOURS:
        lo, hi = PART_HOURS[part]
        return start + timedelta(hours=lo), start + timedelta(hours=hi), "part_of_day"
    return start, start + timedelta(days=1), "day"


def _month_interval(y: int, m: int) -> tuple[datetime, datetime]:
    start = datetime(y, m, 1, tzinfo=UTC)
    return start, start + timedelta(days=calendar.monthrange(y, m)[1])


def _shift_month(y: int, m: int, offset: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + offset
    return k // 12, k % 12 + 1


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year_for(m: int, d: int, ref: date) -> int:
    """Year for a day/month given without one: the published year, unless that lands far in the future."""
    candidate = _safe_date(ref.year, m, d) or _safe_date(ref.year, m, 28)
    if candidate and (candidate - ref).days > 183:
        return ref.year - 1
    return ref.year


def _lookup(table: dict[str, Any], text: str, clitic: str) -> Any:
    key = _norm(text)
    if key in table:
        return table[key]
    if clitic:
        stripped = re.sub("^" + clitic, "", key)
        return table.get(stripped)
    return None


def _resolve(kind: str, m: re.Match[str], g: _Grammar, ref: date | None, pub: datetime | None) -> TimeExpr | None:
    lex, cp = g.lex, g.lex.get("clitic_prefix", "")
    text, start, end = m.group(0), m.start(), m.end()

    def expr(value: datetime | None, value_end: datetime | None, precision: Precision | None, relative: bool) -> TimeExpr:
        return TimeExpr(text, start, end, value, value_end, precision, relative)

    if kind == "iso":
        d = _safe_date(int(m["y"]), int(m["mo"]), int(m["d"]))
        if d is None:
            return None
        if m["h"] and int(m["h"]) < 24:
            v = _midnight(d) + timedelta(hours=int(m["h"]), minutes=int(m["mi"]))
            return expr(v, v + timedelta(minutes=1), "minute", False)
        return expr(*_day_expr(d, None), False)
    if kind == "numeric":
        a, b_, y = int(m["a"]), int(m["b"]), int(m["y"])
        dd, mm = (b_, a) if lex.get("date_order") == "mdy" and m["sep"] == "/" else (a, b_)
        d = _safe_date(y, mm, dd) or _safe_date(y, dd, mm)
        return expr(*_day_expr(d, None), False) if d else None
    if kind in ("day_month", "month_day"):
        month = _lookup(lex["months"], m["m"], cp)
        if month is None:
            return None
        day_first = int(m["d1"]) if kind == "day_month" and m["d1"] else int(m["d"])
        day_last = int(m["d2"]) if kind == "month_day" and m["d2"] else int(m["d"])
        if m["y"]:
            y, relative = int(m["y"]), False
        elif ref is not None:
            y, relative = _year_for(month, day_first, ref), True
        else:
            return expr(None, None, "day", True)
        d0, d1 = _safe_date(y, month, day_first), _safe_date(y, month, day_last)
        if d0 is None or d1 is None or d1 < d0:
            return None
        return expr(_midnight(d0), _midnight(d1) + timedelta(days=1), "day", relative)
    if kind == "month_year":
        month = _lookup(lex["months"], m["m"], cp)
        return expr(*_month_interval(int(m["y"]), month), "month", False) if month else None
    if kind == "month":
        month = _lookup(lex["months"], m["m"], cp)
        if month is None:
            return None
        if ref is None:
            return expr(None, None, "month", True)
        y = ref.year if month <= ref.month else ref.year - 1
        return expr(*_month_interval(y, month), "month", True)
    if kind == "weekday":
        wd = _lookup(lex["weekdays"], m["wd"], cp)
        if wd is None or _bare_abbreviation(m):
            return None
        if ref is None:
            return expr(None, None, "day", True)
        past = (m["pre"] and lex.get("weekday_prefixes", {}).get(_norm(m["pre"])) == "past") or (
            m["suf"] and lex.get("weekday_suffixes", {}).get(_norm(m["suf"])) == "past"
        )
        delta = (ref.weekday() - wd) % 7
        if past and delta == 0:
            delta = 7
        d = ref - timedelta(days=delta)
        if m["nb"]:
            return expr(*_day_expr(d - timedelta(days=1), "night"), True)
        if m["eo"]:
            return expr(*_day_expr(d, "early_morning"), True)
        part = lex["parts_of_day"].get(_norm(m["cp"])) if m["cp"] else None
        return expr(*_day_expr(d, part), True)
    if kind == "holiday":
        spec = _lookup(lex["holidays"], m["hol"], cp)
        if spec is None:
            return None
        if ref is None:
            return expr(None, None, "day", True)
        y = ref.year
        d = _safe_date(y, spec[0], spec[1])
        if d is None:
            return None
        if d > ref + timedelta(days=1):  # not yet this year: the last one
            d = _safe_date(y - 1, spec[0], spec[1]) or d
        return expr(*_day_expr(d, spec[2] if len(spec) > 2 else None), True)
    if kind == "relative":
        spec = _lookup(lex["relative"], m["rel"], cp)
        if spec is None:
            return None
        if ref is None:
            return expr(None, None, "part_of_day" if spec.get("part") else "day", True)
        return expr(*_day_expr(ref + timedelta(days=spec.get("days", 0)), spec.get("part")), True)
    if kind == "period":
        spec = lex["periods"].get(_norm(m["per"]))
        if spec is None:
            return None
        unit, off = spec["unit"], spec.get("offset", 0)
        if ref is None:
            return expr(None, None, "year" if unit == "year" else "month" if unit == "month" else "week", True)
        if unit == "week":
            monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=off)
            return expr(_midnight(monday), _midnight(monday) + timedelta(days=7), "week", True)
        if unit == "weekend":
            saturday = ref - timedelta(days=(ref.weekday() - 5) % 7)
            return expr(_midnight(saturday), _midnight(saturday) + timedelta(days=2), "week", True)
        if unit == "month":
            y, mo = _shift_month(ref.year, ref.month, off)
            return expr(*_month_interval(y, mo), "month", True)
        y = ref.year + off
        return expr(datetime(y, 1, 1, tzinfo=UTC), datetime(y + 1, 1, 1, tzinfo=UTC), "year", True)
    if kind == "ago":
        n_text = _norm(m["n"])
        n = int(n_text) if n_text.isdecimal() else lex["numbers"].get(n_text)
        unit = lex["units"].get(_norm(m["u"]))
        if n is None or unit is None:
            return None
        if pub is None or ref is None:
            return expr(None, None, "day", True)
        if unit in ("minute", "hour"):
            v = pub - timedelta(**{unit + "s": n})
            return expr(v, None, "minute" if unit == "minute" else "hour", True)
        if unit == "day":
            return expr(*_day_expr(ref - timedelta(days=n), None), True)
        if unit == "week":
            d = ref - timedelta(weeks=n)
            return expr(_midnight(d), _midnight(d) + timedelta(days=7), "week", True)
        if unit == "month":
            y, mo = _shift_month(ref.year, ref.month, -n)
            return expr(*_month_interval(y, mo), "month", True)
        return expr(datetime(ref.year - n, 1, 1, tzinfo=UTC), datetime(ref.year - n + 1, 1, 1, tzinfo=UTC), "year", True)
    return None


def _bare_abbreviation(m: re.Match[str]) -> bool:
    """True for a short weekday form ("sat", "Sun") that is likely a word or a name, not a day.

    Short forms count only capitalised and followed by "." or "," ("Tue. Jan. 24", "Sat, 5 May").
    """
    wd = m["wd"]
    has_case = wd[:1].isupper() or wd[:1].islower()
    if len(wd) > 4 or not has_case:
        return False  # a full name, or a script without case (nothing to go by)
    after = m.string[m.end("wd") : m.end("wd") + 1]
    return not (wd[0].isupper() and after in (".", ","))



def _as_utc(published: datetime | None) -> datetime | None:
    if published is None:
        return None
    return published.replace(tzinfo=UTC) if published.tzinfo is None else published.astimezone(UTC)


def _local_day(published: datetime | None) -> date | None:
    """The publication day where it was published: "today" and "Friday" are local words."""
    if published is None:
        return None
    return published.date()

