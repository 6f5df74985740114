"""The time grammar of one language: lexicon (`data/lang/<code>/times.json`) compiled into regexes.

Shared by extraction (`analyze.times`), resolution (`resolve`) and the event-time scorer
(`event`). The grammar is generic; the words are data (weekdays, months, parts of the day,
relative day words, periods, "ago" templates, clock formats, event cues).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from corroborate.text.lexicon import load_part

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
    return load_part(lang, "times")


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


def _ascii_digits(text: str) -> str:
    return text.translate(_ARABIC_DIGITS) if _NON_ASCII_DIGIT.search(text) else text
