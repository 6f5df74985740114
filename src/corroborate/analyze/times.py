"""When did it happen? Time expressions found in the text, resolved against the published time.

Pipeline component `times(article, analysis)`: fills `analysis.times` with `TimeExpr`s (span in
`article.text`, UTC interval, precision, relative flag) and marks one `is_event_time`.

The grammar is generic; the words are data (`data/times/<lang>.json`: weekdays, months, parts of the
day, relative day words, periods, "ago" templates, event cues). A language without a lexicon falls back
to `dateparser.search.search_dates` (slow, so only then). Relative expressions need the published time:
without it they are kept with `value=None` rather than guessed.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

from corroborate.analyze.sentences import split as split_sentences
from corroborate.model import Analysis, Article, Precision, TimeExpr

# hour ranges of the parts of the day; night runs past midnight into the next day
PART_HOURS: dict[str, tuple[int, int]] = {
    "early_morning": (0, 6),
    "morning": (6, 12),
    "noon": (11, 14),
    "afternoon": (12, 18),
    "evening": (18, 24),
    "night": (21, 30),
}
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_NON_ASCII_DIGIT = re.compile("[٠-٩۰-۹]")
_PRECISION_BONUS: dict[str, float] = {
    "minute": 1.0, "hour": 1.0, "part_of_day": 1.0, "day": 0.5, "week": -0.5, "month": -1.5, "year": -3.0,
}
# language-independent numeric dates
_ISO = re.compile(r"(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)(?:[T ](?P<h>[0-2]\d):(?P<mi>[0-5]\d))?(?!\d)")
_NUMERIC = re.compile(r"(?<![\d./])(?P<a>[0-3]?\d)(?P<sep>[./])(?P<b>[01]?\d)(?P=sep)(?P<y>(?:19|20)\d\d)(?![\d])")


@dataclass
class _Grammar:
    lang: str
    lex: dict[str, Any]
    patterns: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    clocks: list[re.Pattern[str]] = field(default_factory=list)
    triggers: dict[str, re.Pattern[str]] = field(default_factory=dict)  # cheap pre-checks per pattern kind


def _alt(words: Any, prefix: str = "") -> str:
    """Regex alternation of lexicon phrases, longest first, spaces matching any whitespace."""
    items = sorted({w for w in words if w}, key=len, reverse=True)
    if not items:
        return r"(?!x)x"
    return "(?:" + "|".join(prefix + re.escape(w).replace(r"\ ", r"\s+") for w in items) + ")"


def _templated(template: str, weekday: str) -> str:
    return template.replace("{weekday}", weekday).replace(" ", r"\s+")


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower())


@cache
def load_lexicon(lang: str) -> dict[str, Any] | None:
    """The time lexicon for `lang` (ISO 639-1), or None when the language has none."""
    if not re.fullmatch(r"[a-z]{2,3}", lang or ""):
        return None
    path = resources.files("corroborate.data").joinpath("times", f"{lang}.json")
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"time lexicon {path} is not valid JSON ({exc}); fix the file") from exc


@cache
def _grammar(lang: str) -> _Grammar | None:
    lex = load_lexicon(lang)
    if lex is None:
        return None
    cp = lex.get("clitic_prefix", "")
    b, e = r"(?<!\w)", r"(?!\w)"
    wd = _alt(lex["weekdays"], cp)
    wd_plain = _alt(lex["weekdays"])
    months = _alt(lex["months"], cp)
    suf = f"{lex['day_suffix']}?" if lex.get("day_suffix") else ""
    joiner = r"(?:\s+" + _alt(lex["date_joiners"]) + r")?" if lex.get("date_joiners") else ""
    rng = _alt(lex["range_connectors"])
    parts = _alt(lex["parts_of_day"])
    prefixes = _alt(lex.get("weekday_prefixes", {}))
    part_joiner = lex.get("weekday_part_joiner", r"\s+")
    suffixes = _alt(lex.get("weekday_suffixes", {}))
    night = "(?:" + "|".join(_templated(t, wd_plain) for t in lex.get("night_before", [])) + ")" \
        if lex.get("night_before") else r"(?!x)x"
    early = "(?:" + "|".join(_templated(t, wd_plain) for t in lex.get("early", [])) + ")" \
        if lex.get("early") else r"(?!x)x"
    units = _alt(lex["units"])
    month_preps = _alt(lex["month_preps"])
    relative, periods = _alt(lex["relative"], cp), _alt(lex["periods"])
    nums = r"(?:\d{1,3}|" + _alt(lex["numbers"]) + ")"
    day = r"(?P<d>[0-3]?\d)"
    year = r"(?P<y>(?:19|20)\d\d)"
    g = _Grammar(lang, lex)
    g.patterns = [
        ("iso", _ISO),
        ("numeric", _NUMERIC),
        ("day_month", re.compile(
            rf"{b}(?:(?P<d1>[0-3]?\d){suf}\s*{rng}\s*)?{day}{suf}\s*{joiner}\s*(?P<m>{months}){e}"
            rf"(?:,?{joiner}\s+{year}{e})?", re.I)),
        ("month_day", re.compile(
            rf"{b}(?P<m>{months})\.?\s+{day}{suf}{e}(?:\s*{rng}\s*(?P<d2>[0-3]?\d){suf}{e})?(?:,?\s+{year}{e})?", re.I)),
        ("month_year", re.compile(rf"{b}(?P<m>{months})\.?{joiner}\s+{year}{e}", re.I)),
        ("month", re.compile(rf"{b}(?:{month_preps})\s+(?P<m>{months}){e}", re.I)),
        ("weekday", re.compile(
            rf"{b}(?:(?P<nb>{night})\s+|(?P<eo>{early})\s+)?(?:(?P<pre>{prefixes})\s+)?(?P<wd>{wd})"
            rf"(?:{part_joiner}(?P<cp>{parts}))?{e}"
            rf"(?:\s+(?P<suf>{suffixes}){e})?", re.I)),
        ("relative", re.compile(rf"{b}(?P<rel>{relative}){e}", re.I)),
        ("period", re.compile(rf"{b}(?P<per>{periods}){e}", re.I)),
    ]
    month_trigger = re.compile(rf"{b}{months}{e}", re.I)
    g.triggers = {"day_month": month_trigger, "month_day": month_trigger, "month_year": month_trigger,
                  "month": month_trigger, "weekday": re.compile(rf"{b}{wd}", re.I)}
    for template in lex.get("ago", []):
        body = template.replace("{num}", f"(?P<n>{nums})").replace("{unit}", f"(?P<u>{units})").replace(" ", r"\s+")
        g.patterns.append(("ago", re.compile(rf"{b}{body}{e}", re.I)))
    for template in lex.get("clock", []):
        body = template.replace("{h}", r"(?P<h>[01]?\d|2[0-3])").replace("{m}", r"(?P<mi>[0-5]\d)")
        g.clocks.append(re.compile(rf"{b}{body}(?![\d\w])", re.I))
    return g


# --------------------------------------------------------------------------- resolution helpers


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


# --------------------------------------------------------------------------- extraction


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
        if wd is None:
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
        n = int(n_text) if n_text.isdigit() else lex["numbers"].get(n_text)
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


def _ascii_digits(text: str) -> str:
    return text.translate(_ARABIC_DIGITS) if _NON_ASCII_DIGIT.search(text) else text


def _in_url(text: str, start: int, end: int) -> bool:
    """True when the match sits inside a URL or path token (dates in links are not statements)."""
    left = text.rfind(" ", 0, start) + 1
    left = max(left, text.rfind("\n", 0, start) + 1)
    right_candidates = [i for i in (text.find(" ", end), text.find("\n", end)) if i >= 0]
    token = text[left : min(right_candidates) if right_candidates else len(text)]
    return "://" in token or token.startswith(("/", "www.")) or "/" in token[: start - left]


def _as_utc(published: datetime | None) -> datetime | None:
    if published is None:
        return None
    return published.replace(tzinfo=UTC) if published.tzinfo is None else published.astimezone(UTC)


def extract_times(text: str, lang: str | None, published: datetime | None) -> list[TimeExpr]:
    """All time expressions of `text` in `lang`, resolved against `published` (None: relative ones stay None).

    Overlapping matches keep the longest. Languages without a lexicon use dateparser's search.
    """
    pub = _as_utc(published)
    g = _grammar(lang) if lang else None
    if g is None:
        return _dateparser_times(text, lang, pub)
    ref = pub.date() if pub else None
    scan = _ascii_digits(text)
    found: list[TimeExpr] = []
    for kind, pattern in g.patterns:
        trigger = g.triggers.get(kind)
        if trigger is not None and not trigger.search(scan):
            continue
        for m in pattern.finditer(scan):
            if m.end() > m.start() and not _in_url(scan, m.start(), m.end()):
                t = _resolve(kind, m, g, ref, pub)
                if t is not None:
                    t.text = text[t.start : t.end]
                    found.append(t)
    found.sort(key=lambda t: (-(t.end - t.start), t.start))
    kept: list[TimeExpr] = []
    for t in found:
        if all(t.end <= k.start or t.start >= k.end for k in kept):
            kept.append(t)
    return sorted(kept, key=lambda t: t.start)


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
        out.append(TimeExpr(surface, start, pos, day, day + timedelta(days=1), "day", relative=pub is not None))
    return out


# --------------------------------------------------------------------------- event time


def _score(t: TimeExpr, text: str, sentences: list[tuple[int, int]], lex: dict[str, Any], pub: datetime | None) -> float:
    si = next((i for i, (s, e) in enumerate(sentences) if s <= t.start < e), len(sentences))
    s0, s1 = sentences[si] if si < len(sentences) else (t.start, t.end)
    sentence = text[s0:s1].lower()
    score = 3.0 / (1 + si)
    if any(cue in sentence for cue in lex.get("event_cues", ())):
        score += 2.0
    line_start = text.rfind("\n", 0, t.start) + 1
    line_end = text.find("\n", t.end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    before = text[max(line_start, t.start - 40) : t.start].lower()
    if any(cue in before for cue in lex.get("published_cues", ())) or len(line.strip()) - len(t.text) < 12:
        score -= 6.0  # a dateline or timestamp line: the publication time, not the event's
    if _ISO.fullmatch(t.text):
        score -= 3.0  # machine timestamps are metadata far more often than prose
    if any(cue in text[max(0, t.start - 30) : t.start].lower() for cue in lex.get("background_cues", ())):
        score -= 1.5
    score += _PRECISION_BONUS.get(t.precision or "day", 0.0)
    if pub is not None and t.value is not None:
        days_before = (pub - t.value).total_seconds() / 86400
        if days_before > 31:
            score -= 3.0
        elif days_before > 8:
            score -= 1.0
        elif days_before < -1:
            score -= 4.0
    if t.value is None:
        score -= 1.0
    return score


def pick_event_time(
    text: str, exprs: list[TimeExpr], lang: str | None, published: datetime | None,
    sentences: list[tuple[int, int]] | None = None,
) -> TimeExpr | None:
    """Mark and return the expression that best says when the reported event happened.

    When nothing was found, the published day becomes the event time (text ""), if it is known.
    A clock time in the chosen expression's sentence refines it to the hour or minute.
    """
    pub = _as_utc(published)
    for t in exprs:
        t.is_event_time = False
    if not exprs:
        if pub is None:
            return None
        fallback = TimeExpr("", 0, 0, *_day_expr(pub.date(), None), relative=False, is_event_time=True)
        exprs.append(fallback)
        return fallback
    lex = load_lexicon(lang) if lang else None
    lex = lex or {}
    sents = sentences if sentences else split_sentences(text)
    best = max(exprs, key=lambda t: (_score(t, text, sents, lex, pub), -t.start))
    chosen = _refine_with_clock(best, text, sents, lang) or best
    if chosen is not best:
        exprs.append(chosen)
        exprs.sort(key=lambda t: t.start)
    chosen.is_event_time = True
    return chosen


def _refine_with_clock(t: TimeExpr, text: str, sentences: list[tuple[int, int]], lang: str | None) -> TimeExpr | None:
    g = _grammar(lang) if lang else None
    if g is None or t.value is None or t.precision not in ("day", "part_of_day"):
        return None
    if t.precision == "day" and t.value_end is not None and t.value_end - t.value > timedelta(days=1):
        return None  # a range of days: no single day for the clock
    s0, s1 = next(((s, e) for s, e in sentences if s <= t.start < e), (t.start, t.end))
    # the clock must sit in the same sentence and on the same line (not in a dateline above it)
    s0 = max(s0, text.rfind("\n", 0, t.start) + 1)
    line_end = text.find("\n", t.end)
    s1 = min(s1, line_end) if line_end >= 0 else s1
    scan = _ascii_digits(text)
    for pattern in g.clocks:
        m = pattern.search(scan, s0, s1)
        if not m or (m.start() < t.end and m.end() > t.start):
            continue
        hour, minute = int(m["h"]), int(m["mi"] or 0)
        ampm = (m.groupdict().get("ampm") or "").lower()
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
        day = t.value.replace(hour=0, minute=0)
        if t.precision == "part_of_day" and t.value.hour >= 18 and hour < 12:
            day += timedelta(days=1)  # "overnight ... at 1:30": after midnight
        v = day + timedelta(hours=hour, minutes=minute)
        precision: Precision = "minute" if m["mi"] else "hour"
        span = timedelta(minutes=1) if m["mi"] else timedelta(hours=1)
        return TimeExpr(text[m.start() : m.end()], m.start(), m.end(), v, v + span, precision, t.relative)
    return None


def times(article: Article, analysis: Analysis) -> None:
    """Pipeline component: fill `analysis.times` and mark the event time."""
    lang = analysis.lang or article.lang
    exprs = extract_times(article.text, lang, article.published)
    pick_event_time(article.text, exprs, lang, article.published, analysis.sentences or None)
    analysis.times = exprs
