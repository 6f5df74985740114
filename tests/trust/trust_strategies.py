"""Hypothesis strategies and profiles for the fuzz tests (tests/test_trust_fuzz*.py).

Profiles, chosen by HYPOTHESIS_PROFILE: "ci" (the default: 50 examples per target, part of `make test`)
and "fuzz" (`make fuzz`: FUZZ_EXAMPLES per target, 10,000 unless set). Every target counts the cases it
ran in CASES; `make fuzz` writes them to FUZZ_COUNTS (a JSON file) for bench/RESULTS.md.
"""

from __future__ import annotations

import atexit
import json
import os
import sys
import unicodedata
from collections import Counter

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

settings.register_profile("ci", max_examples=50, deadline=None, derandomize=True, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("fuzz", max_examples=int(os.environ.get("FUZZ_EXAMPLES", "10000")), deadline=None,
                          print_blob=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

class Cases(Counter):
    """Cases run per target; written to $FUZZ_COUNTS every 200 cases and at exit (a long run stopped early
    still leaves its figures)."""

    def hit(self, target: str) -> None:
        self[target] += 1
        if self[target] % 200 == 0:
            self.write()

    def write(self) -> None:
        path = os.environ.get("FUZZ_COUNTS")
        if not path or not self:
            return
        old = {}
        if os.path.exists(path):
            with open(path, encoding="utf-8") as fh:
                old = json.load(fh)
        old.update(self)
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(old, fh, indent=1, sort_keys=True)


CASES = Cases()
atexit.register(CASES.write)

# --------------------------------------------------------------------------- characters

DIGITS_OF_EVERY_SCRIPT = "".join(chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Nd")
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉½¾⅓⅕"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑳㉑㊿⓪⓵❶➊⑴⒈🄁"
COMBINING = "".join(chr(c) for c in range(0x300, 0x370)) + "\u0651\u064b\u0670\u093c\u20dd\u20e3"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
ODD = "\ud800\udfff\udbff\ufeff\u200b\u200d\u00ad\u2028\u2029\x00\x0b\x0c\x1b\x7f\x85\ufffd\ufffe\uffff\U0010ffff"
WORDS = ["killed", "injured", "wounded", "dead", "missing", "arrested", "displaced", "people", "civilians", "children", "police", "said", "officials", "yesterday", "today", "Monday", "night", "at", "least", "about", "more", "than", "dozens", "hundreds", "of", "the", "in", "on", "a", "attack", "explosion", "tués", "blessés", "morts", "personnes", "getötet", "Verletzte", "muertos", "heridos", "dödade", "skadade", "убиты", "ранены", "погибли", "قتلى", "جرحى", "قتل", "أشخاص", "مقتل", "死亡", "受伤", "人", "Varnok", "Ostrand", "Kettering", "Vale", "Brigade", "al-Qasmi", "Jan.", "March", "2023", "1990-01-01", "0001-01-01", "9999-12-31", "31", "December", "9999", "1", "January", "1", "10²", "²5", "①", "٣", "۱۲", "१२", "๓", "３", "1,000", "2.5", "-", ":", "."]  # noqa: SIM905 - a readable word list

any_char = st.characters(exclude_categories=())  # every plane, surrogates included
special_char = st.sampled_from(DIGITS_OF_EVERY_SCRIPT + SUPERSCRIPTS + CIRCLED + COMBINING + BIDI + ODD)
token = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.text(any_char, min_size=1, max_size=8),
    st.text(special_char, min_size=1, max_size=4),
    st.integers(min_value=-10, max_value=10**12).map(str),
    st.builds(lambda a, b: a + b, st.sampled_from(WORDS), st.text(special_char, min_size=1, max_size=2)),
)
separator = st.sampled_from([" ", " ", " ", ", ", ". ", "\n", "\n\n", "\t", "\u00a0", "\u3000", "-", ""])


@st.composite
def news_text(draw: st.DrawFn, max_tokens: int = 80) -> str:
    """Text made of news words, numbers in every script, odd characters and plain random unicode."""
    parts = draw(st.lists(st.tuples(token, separator), max_size=max_tokens))
    return "".join(t + s for t, s in parts)


DATES_AT_LIMITS = ["0001-01-01", "9999-12-31", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59+14:00",
                   "0001-01-01T00:00:00-12:00", "2023-02-30", "2023-13-01", "1989-12-31", "2999-01-01",
                   "31 December 9999", "1 January 1", "", "yesterday", "-1", "1e309", "NaN"]
any_date = st.one_of(
    st.sampled_from(DATES_AT_LIMITS),
    st.dates().map(lambda d: d.isoformat()),
    st.datetimes().map(lambda d: d.isoformat() + "Z"),
    st.text(max_size=30),
    st.none(),
)
any_lang = st.one_of(st.none(), st.sampled_from(["en", "fr", "ar", "ru", "zz", "EN", "en-GB", "xx-YY", "english",
                                                 "", "\ud800", "<script>", "e\u0301n"]), st.text(max_size=6))


@st.composite
def html_page(draw: st.DrawFn) -> str:
    """An HTML page with generated text in nested, sometimes unclosed, elements."""
    tags = ["div", "p", "span", "article", "section", "b", "i", "a", "li", "ul", "table", "td", "script", "style",
            "h1", "br", "img", "meta", "title", "!--", "body", "html", "header", "footer", "nav"]
    out = ["<!doctype html><html><head><title>", draw(news_text(max_tokens=8)), "</title></head><body>"]
    for _ in range(draw(st.integers(0, 12))):
        tag = draw(st.sampled_from(tags))
        depth = draw(st.integers(0, 6))
        closing = draw(st.booleans())
        text = draw(news_text(max_tokens=30))
        attr = draw(st.sampled_from(["", ' class="content"', ' dir="rtl"', ' lang="ar"', ' style="x"',
                                     ' href="javascript:alert(1)"', " data-x='\u202e'"]))
        out.append(f"<{tag}{attr}>" * depth + text + (f"</{tag}>" * depth if closing else ""))
    out.append(draw(st.sampled_from(["</body></html>", "", "</div></div>", "<![CDATA[", "&#xD800;&#0;&bogus;"])))
    return "".join(out)


@st.composite
def json_record(draw: st.DrawFn) -> dict:
    record: dict = {draw(st.sampled_from(["text", "html", "content", "body"])): draw(news_text())}
    for key, strategy in (("id", st.text(max_size=20)), ("title", news_text(max_tokens=10)), ("date", any_date),
                          ("lang", any_lang), ("source", st.text(max_size=20)), ("url", st.text(max_size=40)),
                          ("authors", st.lists(st.text(max_size=10), max_size=3))):
        if draw(st.booleans()):
            record[key] = draw(strategy)
    return record


def to_json(value: object) -> str:
    """JSON that keeps lone surrogates as \\u escapes (valid JSON, invalid UTF-8 text)."""
    return json.dumps(value, ensure_ascii=True)
