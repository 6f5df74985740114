"""When did it happen? Time expressions found in the text, resolved against the published time.

Pipeline component `times(article, analysis)`: fills `analysis.times` with `TimeExpr`s (span in
`article.text`, UTC interval, precision, relative flag) and marks one `is_event_time`.

The grammar is generic; the words are data (`data/times/<lang>.json`: weekdays, months, parts of the
day, relative day words, periods, "ago" templates, event cues). A language without a lexicon falls back
to `dateparser.search.search_dates` (slow, so only then). Relative expressions need the published time:
without it they are kept with `value=None` rather than guessed; with it, they count from the
publication day where it was published (its own UTC offset).

The event time is the best-scoring expression: early in the text, precise, in a sentence that reports
an event, and bound to an event cue ("shot Friday", "the shooting on May 3") rather than to a follow-up
cue ("arraigned Thursday", "police said Friday", `followup_cues` in the lexicon). Wire datelines,
timestamp lines, later days and far-back days lose; when nothing beats the publication day, it wins.
"""

from __future__ import annotations

import calendar
import json
import re
from bisect import bisect_right
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
    weekday_date_gap: re.Pattern[str] = re.compile(r"[\s,]*")  # what may sit between "Saturday" and "May 17"
    # words a pattern cannot match without ("ago"), by pattern index: a substring test skips the regex
    literals: dict[int, tuple[str, ...]] = field(default_factory=dict)


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
    if lex.get("holidays"):
        g.patterns.append(("holiday", re.compile(rf"{b}(?P<hol>{_alt(lex['holidays'], cp)}){e}", re.I)))
    gap_words = _alt(lex.get("weekday_date_joiners", []))
    g.weekday_date_gap = re.compile(rf"[\s,]*(?:{gap_words}\s+)?", re.I)
    month_trigger = re.compile(rf"{b}{months}{e}", re.I)
    g.triggers = {"day_month": month_trigger, "month_day": month_trigger, "month_year": month_trigger,
                  "month": month_trigger, "weekday": re.compile(rf"{b}{wd}", re.I)}
    for template in lex.get("ago", []):
        body = template.replace("{num}", f"(?P<n>{nums})").replace("{unit}", f"(?P<u>{units})").replace(" ", r"\s+")
        words = re.sub(r"\{\w+\}", " ", template).split()
        if words and all(re.fullmatch(r"[^\W\d_]+", w) for w in words):
            g.literals[len(g.patterns)] = tuple(w.lower() for w in words)
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


def _local_day(published: datetime | None) -> date | None:
    """The publication day where it was published: "today" and "Friday" are local words."""
    if published is None:
        return None
    return published.date()


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
                t = _resolve(kind, m, g, ref, pub)
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
        _anchor_relative(kept, g, ref)
    return _join_weekday_dates(kept, text, g)


# how far back (characters) "the previous night" / "le lendemain" looks for the day it counts from
_ANCHOR_REACH = 300


def _anchor_relative(items: list[tuple[TimeExpr, str]], g: _Grammar, ref: date) -> None:
    """Count "the day before", "la veille", "на следующий день" from the day named just before, if any."""
    cp = g.lex.get("clitic_prefix", "")
    last: TimeExpr | None = None
    for t, kind in items:
        spec = _lookup(g.lex["relative"], t.text, cp) if kind == "relative" else None
        anchored = bool(spec and spec.get("anchored"))
        if anchored and t.value is not None and last is not None and last.value is not None \
                and t.start - last.end <= _ANCHOR_REACH:
            shift = last.value.date() - ref
            t.value += shift
            t.value_end = t.value_end + shift if t.value_end else None
        if t.value is not None and t.precision in ("day", "part_of_day"):
            last = t


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
        out.append(TimeExpr(surface, start, pos, day, day + timedelta(days=1), "day", relative=pub is not None))
    return out


# --------------------------------------------------------------------------- event time


@cache
def _cue_patterns(lang: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """Regexes for the event cues and the follow-up cues of `lang` (word starts, or anywhere where words fuse)."""
    lex = load_lexicon(lang) or {}
    lead = "" if lex.get("cues_inside_words") else r"(?<!\w)" + (lex.get("clitic_prefix") or "")

    def build(words: Any) -> re.Pattern[str] | None:
        return re.compile(lead + _alt(words), re.I) if words else None

    return build(lex.get("event_cues")), build(lex.get("followup_cues"))


@dataclass
class _Context:
    """What the scorer needs about the whole article; cues are found only around the expressions."""

    text: str
    sentences: list[tuple[int, int]]
    lex: dict[str, Any]
    pub: datetime | None
    ref: date | None  # the publication day where it was published
    event_re: re.Pattern[str] | None
    followup_re: re.Pattern[str] | None
    clocks: tuple[re.Pattern[str], ...] = ()
    scan: str = ""  # the text with ASCII digits, for the clock patterns
    _cues: dict[tuple[int, int], tuple[list[tuple[int, int]], list[tuple[int, int]]]] = field(default_factory=dict)

    def cues(self, lo: int, hi: int) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """(event cue spans, follow-up cue spans) inside text[lo:hi]."""
        key = (lo, hi)
        if key not in self._cues:
            ev = [m.span() for m in self.event_re.finditer(self.text, lo, hi)] if self.event_re else []
            fu = [m.span() for m in self.followup_re.finditer(self.text, lo, hi)] if self.followup_re else []
            # an event word inside a follow-up phrase ("pronounced dead", "died of his injuries") is the follow-up
            ev = [(s, e) for s, e in ev if not any(fs < e and s < fe for fs, fe in fu)]
            self._cues[key] = (ev, fu)
        return self._cues[key]


def _context(text: str, sentences: list[tuple[int, int]], lang: str | None, published: datetime | None) -> _Context:
    lex = (load_lexicon(lang) if lang else None) or {}
    event_re, followup_re = _cue_patterns(lang) if lex and lang else (None, None)
    g = _grammar(lang) if lex and lang else None
    return _Context(text, sentences, lex, _as_utc(published), _local_day(published), event_re, followup_re,
                    tuple(g.clocks) if g else (), _ascii_digits(text))


# what may stand between a day and its clock time: "10:45 p.m. Saturday", "Saturday at about 9:30"
_CLOCK_GAP = re.compile(r"[^\S\n]*,?[^\S\n]*(?:[^\W\d]+\.?[^\S\n]+){0,2}")


def _clock_beside(t: TimeExpr, ctx: _Context) -> bool:
    """Whether a clock time sits right before or after `t`: the precise time of something that happened."""
    for pattern in ctx.clocks:
        for m in pattern.finditer(ctx.scan, max(0, t.start - 30), t.start):
            if _CLOCK_GAP.fullmatch(ctx.scan, m.end(), t.start):
                return True
        m = pattern.search(ctx.scan, t.end, min(len(ctx.scan), t.end + 40))
        if m and _CLOCK_GAP.fullmatch(ctx.scan, t.end, m.start()):
            return True
    return False


def _nearest(cues: list[tuple[int, int]], t: TimeExpr, lo: int, hi: int, text: str = "") -> float | None:
    """Distance from `t` to the closest cue inside [lo, hi), or None when there is none.

    A cue after the expression counts half as far again: a verb binds the time phrase that follows it
    ("was shot Friday", "said Friday") more often than one before it; after a comma, farther still
    ("shot Friday, police said": the time belongs to the clause it closes).
    """
    best: float | None = None
    for s, e in cues:
        if e <= lo or s >= hi:
            continue
        if e <= t.start:
            d: float = t.start - e
        elif s >= t.end:
            d = 1.5 * (s - t.end) + (_COMMA_GAP if _COMMA.search(text, t.end, s) else 0)
        else:
            d = 0
        if best is None or d < best:
            best = d
    return best


# a day named with its clock time ("10:45 p.m. Saturday") dates an incident, seldom a later step
_CLOCK_BONUS = 3.0
# extra distance of a cue after the expression with a comma in between
_COMMA_GAP = 30.0
_COMMA = re.compile("[,،、]")
# score of "the event happened on the publication day": a weak expression must beat it to be chosen
_PUBLISHED_DAY_SCORE = -1.0
# what follows the date of a wire dateline: "(Reuters) -", "(AP) —"
_DATELINE_TAIL = re.compile(r"\s*\((?:[A-Z][\w.&-]*\s?){1,4}\)\s*[-–—:]")
# how close (in characters, same clause) a cue must be to bind to a time expression
_CUE_REACH = 70
# a sentence end inside the cue window; "p.m. Monday" and "Jan. 5" are not ends
_CLAUSE_END = re.compile(r"(?<!\b[ap]\.m)(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})(?<!\b[A-Z])[.!?؟;]+[\"'”’»)]*\s+|\n")


def _clause(text: str, t: TimeExpr) -> tuple[int, int]:
    """The stretch around `t` a cue may bind from: within reach, on its line, not across a sentence end."""
    lo, hi = max(0, t.start - _CUE_REACH), min(len(text), t.end + _CUE_REACH)
    for m in _CLAUSE_END.finditer(text, lo, t.start):
        lo = m.end()
    m = _CLAUSE_END.search(text, t.end, hi)
    return lo, (m.start() if m else hi)


def _score(t: TimeExpr, ctx: _Context) -> float:
    text, sentences, lex, pub = ctx.text, ctx.sentences, ctx.lex, ctx.pub
    si = bisect_right(sentences, (t.start, len(text) + 1)) - 1
    if si < 0 or t.start >= sentences[si][1]:
        si = len(sentences)  # between sentences (trimmed whitespace): weigh as late
    s0, s1 = sentences[si] if si < len(sentences) else (t.start, t.end)
    score = 3.0 / (1 + si) ** 0.5
    c0, c1 = _clause(text, t)
    event_cues, followup_cues = ctx.cues(min(s0, c0), max(s1, c1))
    if _nearest(event_cues, t, s0, s1, text) is not None:
        score += 1.0  # the sentence reports an event
    # the cue closest to the expression says what it dates: the event itself, or a later step
    # ("arrested on Saturday in the shooting on May 3", "police said Friday")
    near_event = _nearest(event_cues, t, c0, c1, text)
    near_followup = _nearest(followup_cues, t, c0, c1, text)
    if near_event is not None and (near_followup is None or near_event <= near_followup):
        score += 2.0 if near_event <= _CUE_REACH // 3 else 1.5
    elif near_followup is not None:
        score -= 2.0
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
    if t.precision in ("day", "part_of_day") and _clock_beside(t, ctx):
        score += _CLOCK_BONUS
    if t.value is not None and _DATELINE_TAIL.match(text, t.end):
        score -= 3.0  # "CITY, May 3 (Agency) -": the filing day
    if pub is not None and t.value is not None:
        days_before = (pub - t.value).total_seconds() / 86400
        if days_before > 31:
            score -= 3.0
        elif days_before > 8:
            score -= 1.0
        elif ctx.ref is not None and t.value.date() > ctx.ref:
            score -= 4.0  # reports tell what happened: a later day is a plan or a schedule
    if t.value is None:
        score -= 1.0
    return score


def pick_event_time(
    text: str, exprs: list[TimeExpr], lang: str | None, published: datetime | None,
    sentences: list[tuple[int, int]] | None = None,
) -> TimeExpr | None:
    """Mark and return the expression that best says when the reported event happened.

    When nothing was found, or only what scores below the plain publication day (a lone timestamp line),
    the published day becomes the event time (text ""), if it is known.
    A clock time in the chosen expression's sentence refines it to the hour or minute.
    """
    pub = _as_utc(published)
    for t in exprs:
        t.is_event_time = False
    best: TimeExpr | None = None
    if exprs:
        sents = sentences if sentences else split_sentences(text)
        ctx = _context(text, sents, lang, published)
        scored = [(_score(t, ctx), -t.start, i) for i, t in enumerate(exprs)]
        top_score, _, top = max(scored)
        # nothing in the text beats the plain publication day (an old holiday, a lone timestamp line)
        best = exprs[top] if pub is None or top_score >= _PUBLISHED_DAY_SCORE else None
    if best is None:
        if pub is None:
            return None
        fallback = TimeExpr("", 0, 0, *_day_expr(_local_day(published) or pub.date(), None), relative=False,
                            is_event_time=True)
        exprs.append(fallback)
        return fallback
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
