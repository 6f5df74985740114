"""Person attributes: what an article says about a person's age and since when they hold a role.

"Amal Verdan, 45, ...", "the 45-year-old Verdan", "Verdan (45)", "Verdan, aged 45"; "Verdan, who became
leader in March 2029", "Verdan has been mayor since 2028". Patterns are per-language data
(data/lang/<code>/attributes.json): `after` patterns are read right after a person's name, `before` ones end right
before it, `anaphora` ones name nobody, open a sentence and refer to the only person named in one of the
two sentences before (never to one whose age the article states otherwise). Names are the entity mentions (people and untyped names) and, in scripts
with capitals, capitalised word runs the entity component left out. Dates are the times the times
component resolved ({DATE} must start where one does), or a bare year. The reconcile stage merges the
attributes per entity and marks disagreements (reconcile/entities.py).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from corroborate.model import Analysis, Article, PersonAttribute, TimeExpr
from corroborate.text.lexicon import load_part
from corroborate.text.names import name_key

MAX_AGE = 120
QUOTE_CHARS = 400
_CAPITALISED = re.compile(r"[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+(?:\s[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+){0,3}")
_YEAR = re.compile(r"(?:1[89]|2[01])\d\d\b")
_NEXT_YEAR = re.compile(r"\s+((?:1[89]|2[01])\d\d)\b")
_DATE = r"(?P<date>\S.{0,40}?)(?=[\s,.;:)]|$)"
_PRECISION = {"year": 4, "month": 7, "week": 0, "day": 10, "part_of_day": 10, "hour": 10, "minute": 10}
LOOKBACK = 80  # characters before a name searched by `before` patterns


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    role: str | None  # a fixed role, when the pattern has no {ROLE}


@dataclass(frozen=True)
class _Rules:
    roles: dict[str, str]  # role word (lower case) -> role
    age: dict[str, list[_Pattern]]
    since: dict[str, list[_Pattern]]
    attribution: list[re.Pattern[str]]


@lru_cache(maxsize=16)
def rules(lang: str) -> _Rules | None:
    """The language's patterns, or None when it has no attributes data."""
    data = load_part(lang, "attributes")
    if data is None:
        return None
    roles = {w.lower(): role for role, words in data.get("roles", {}).items() for w in words}
    role_re = "(?P<role>" + "|".join(re.escape(w) for w in sorted(roles, key=len, reverse=True)) + ")"

    def compile_all(specs: list[Any], anchor: str = "") -> list[_Pattern]:
        out = []
        for spec in specs:
            text, role = (spec["re"], spec.get("role")) if isinstance(spec, dict) else (spec, None)
            flags = re.IGNORECASE if "{ROLE}" in text else 0  # role words may open a sentence
            text = text.replace("{ROLE}", role_re).replace("{DATE}", _DATE)
            try:
                out.append(_Pattern(re.compile(text + anchor, flags), role))
            except re.error as exc:
                raise ValueError(f"data/lang/{lang}/attributes.json: bad pattern {text!r} ({exc})") from exc
        return out

    age, since = data.get("age", {}), data.get("since", {})
    return _Rules(
        roles=roles,
        age={"after": compile_all(age.get("after", [])), "before": compile_all(age.get("before", []), "$"),
             "anaphora": compile_all(age.get("anaphora", []))},
        since={"after": compile_all(since.get("after", [])), "anaphora": compile_all(since.get("anaphora", []))},
        attribution=[re.compile(p) for p in data.get("attribution", [])],
    )


@dataclass(frozen=True)
class _Name:
    text: str
    key: str
    start: int
    end: int
    mention: bool = True  # False: a capitalised word run the entity component did not take for a name


def attributes(article: Article, analysis: Analysis) -> None:
    """Pipeline component: fill `analysis.attributes` (after entities, times, sentences and claims)."""
    lang = (analysis.lang or article.lang or "en").lower()[:2]
    rule = rules(lang)
    if rule is None:
        return
    text = article.text
    reader = _Reader(text, analysis, rule, lang)
    found: dict[tuple[str, str, int], PersonAttribute] = {}
    for name in reader.names():
        for attr in reader.around(name):
            found.setdefault((attr.key, attr.attribute, attr.start), attr)
    named = {(a.key, a.attribute) for a in found.values()}
    for attr in reader.anaphora():
        # "the 16-year-old" after "15-year-old X": someone else (an article does not contradict itself)
        if (attr.key, attr.attribute) not in named:
            found.setdefault((attr.key, attr.attribute, attr.start), attr)
    analysis.attributes = list(found.values())


class _Reader:
    def __init__(self, text: str, analysis: Analysis, rule: _Rules, lang: str) -> None:
        self.text, self.analysis, self.rule, self.lang = text, analysis, rule, lang
        spans = analysis.sentences or [(0, len(text))]
        self.sentences = sorted(spans)
        self.starts = [s for s, _ in self.sentences]
        self.people = sorted((m for m in analysis.mentions if m.kind in ("person", "misc")), key=lambda m: m.start)
        self.times = [t for t in analysis.times if t.value is not None and _PRECISION.get(t.precision or "day")]

    # ------------------------------------------------------------------ names

    def names(self) -> list[_Name]:
        names = [_Name(m.text, m.key or _key(m.text), m.start, m.end) for m in self.people]
        taken = [(m.start, m.end) for m in self.analysis.mentions]
        for m in _CAPITALISED.finditer(self.text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                names.append(_Name(m.group(0), _key(m.group(0)), m.start(), m.end(), mention=False))
        return names

    def around(self, name: _Name) -> list[PersonAttribute]:
        out = []
        ends = [name.end]  # where the role patterns may start: after the name or after its age ("X, 45, was ...")
        possessive = name.text.endswith(("'s", "’s"))  # "a friend of X's, a 14-year-old": not X's age
        for p in () if possessive else self.rule.age["after"]:
            m = p.regex.match(self.text, name.end)
            if m:
                out += self._age(name, m)
                ends.append(m.end() - 1 if m.group(0).endswith(",") else m.end())
        lo = max(0, name.start - LOOKBACK)
        for p in self.rule.age["before"] if name.mention else ():  # "the 45-year-old Verdan": a named person
            m = p.regex.search(self.text[lo : name.start])
            if m:
                out += self._age(name, m, offset=lo)
        ends += [e + 1 for e in ends if self.text[e : e + 1] == ","]
        for p in self.rule.since["after"]:
            for end in ends:
                m = p.regex.match(self.text, end)
                if m:
                    out += self._since(name, m, p)
                    break
        return out

    def anaphora(self) -> list[PersonAttribute]:
        out = []
        for kind in ("age", "since"):
            for p in getattr(self.rule, kind).get("anaphora", []):
                for m in p.regex.finditer(self.text):
                    if not self._opens_sentence(m.start()) or self._named_after(m.end()):
                        continue  # "the 45-year-old Verdan": the `before` patterns read it
                    who = self._referent(m.start())
                    if who is not None:
                        out += self._age(who, m) if kind == "age" else self._since(who, m, p)
        return out

    def _opens_sentence(self, at: int) -> bool:
        """Only a sentence's subject refers back ("The 61-year-old had retired"); "X and the 12-year-old"
        is as often someone else."""
        i = max(0, bisect.bisect_right(self.starts, at) - 1)
        return not self.text[self.sentences[i][0] : at].strip(" \n\t\"'“”«»–—-")

    def _named_after(self, at: int) -> bool:
        """A person named right after `at`, with only lower-case words between."""
        for m in self.people:
            if at <= m.start <= at + 30:
                between = self.text[at : m.start]
                return not between.strip() or between == between.lower()
        return False

    def _referent(self, at: int) -> _Name | None:
        """The only person named in the sentence before `at`, else in the sentence before it, else in
        the one before that (people only: untyped names are as often places or organisations)."""
        i = max(0, bisect.bisect_right(self.starts, at) - 1)
        spans = [(self.sentences[i][0], at)] + [self.sentences[k] for k in (i - 1, i - 2) if k >= 0]
        for lo, hi in spans:
            people = [m for m in self.people if lo <= m.start and m.end <= hi and m.kind == "person"]
            keys = {m.key for m in people}
            if len(keys) == 1:
                m = people[-1]
                return _Name(m.text, m.key, m.start, m.end)
            if keys:
                return None
        return None

    # ------------------------------------------------------------------ values

    def _age(self, name: _Name, m: re.Match[str], offset: int = 0) -> list[PersonAttribute]:
        try:
            age = int(m.group("age"))
        except (IndexError, ValueError):
            return []
        if not 0 < age <= MAX_AGE:
            return []
        return [self._attribute(name, "age", str(age), offset + m.start())]

    def _since(self, name: _Name, m: re.Match[str], p: _Pattern) -> list[PersonAttribute]:
        role = p.role or self.rule.roles.get((m.groupdict().get("role") or "").lower())
        date = self._date(m.start("date"), m.end("date"))
        if role is None or date is None:
            return []
        return [self._attribute(name, f"{role} since", date, m.start())]

    def _date(self, start: int, end: int) -> str | None:
        """The date starting at `start` as ISO text of its precision ("2019-10-31", "2019-10", "2019")."""
        best: TimeExpr | None = None
        for t in self.times:
            near = abs(t.start - start) <= 4 or t.start <= start < t.end  # "depuis mars": the cue is in it
            if near and t.start < end + 4 and (best is None or t.end > best.end):
                best = t
        if best is not None and best.value is not None:
            iso = best.value.date().isoformat()[: _PRECISION[best.precision or "day"]]
            # a month read as this year's when the text gives its year right after ("seit März 2026")
            year = _NEXT_YEAR.match(self.text, best.end)
            return year.group(1) + iso[4:] if year else iso
        year = _YEAR.match(self.text, start)
        return year.group(0) if year else None

    def _attribute(self, name: _Name, attribute: str, value: str, at: int) -> PersonAttribute:
        s, e = self._sentence(at)
        quote = self.text[s:e].strip()[:QUOTE_CHARS]
        return PersonAttribute(person=name.text, key=name.key, attribute=attribute, value=value, quote=quote,
                               start=s, end=s + len(quote), attributed_to=self._source(s, e), lang=self.lang)

    def _sentence(self, at: int) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(self.starts, at) - 1)
        s, e = self.sentences[i]
        return (s, e) if s <= at < e else (at, min(len(self.text), at + QUOTE_CHARS))

    def _source(self, s: int, e: int) -> str | None:
        """Whom the sentence attributes what it says to: a claim's attribution there, else a cue."""
        for c in self.analysis.claims:
            if c.attributed_to and s <= c.start < e:
                return c.attributed_to
        for cue in self.rule.attribution:
            m = cue.search(self.text, s, e)
            if m:
                return " ".join(m.group("source").split()[:6]).strip(" '\"”’") or None
        return None


def _key(name: str) -> str:
    return name_key(name)
