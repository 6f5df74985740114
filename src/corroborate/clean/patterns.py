"""Boilerplate pattern files (`data/lang/<code>/boilerplate.txt`, `xx` for any language): loading and matching.

Every language file is loaded and applied: a boilerplate phrase of one language is boilerplate
whatever language the article is in, and patterns are specific enough not to hit body sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "lang"
SECTIONS = ("remove", "dateline", "not_article")


MAX_LINE = 400  # boilerplate lines are short; longer lines are prose and are not searched
NOT_ARTICLE_CHARS = 1200  # an error page is short: longer text is read as an article whatever it says
_FIRST_SENTENCE = re.compile(r"[^\n.!?。؟]{0,300}[.!?。؟]?")


@dataclass(frozen=True)
class PatternSet:
    anchored: re.Pattern[str]  # patterns starting with ^, tried at the line start only
    # The others, searched through the lowercased line one by one: a single alternation would be
    # tried at every position, while separate patterns let the regex engine skip to their literal.
    floating: tuple[re.Pattern[str], ...]
    dateline: re.Pattern[str]
    languages: tuple[str, ...] = field(default=())
    not_article: re.Pattern[str] | None = None  # signs of an error or unavailable page (searched)

    def is_boilerplate(self, line: str) -> bool:
        if len(line) > MAX_LINE:
            return False
        if self.anchored.match(line):
            return True
        low = line.lower()
        return any(p.search(low) for p in self.floating)

    def not_article_sign(self, title: str | None, text: str) -> str | None:
        """The phrase that marks a short page as an error or unavailable page (searched in the title and
        the first sentence of the text: a report that mentions such a page says so later), else None."""
        if self.not_article is None or len(text) > NOT_ARTICLE_CHARS:
            return None
        first = _FIRST_SENTENCE.match(text.lstrip())
        for where in (title or "", first.group(0) if first else ""):
            hit = self.not_article.search(where)
            if hit:
                return hit.group(0)
        return None


def parse_pattern_file(path: Path) -> dict[str, list[str]]:
    """Read one pattern file into {section: [regex, ...]}; each regex is checked on load."""
    sections: dict[str, list[str]] = {name: [] for name in SECTIONS}
    current = "remove"
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]") and line[1:-1] in SECTIONS:
            current = line[1:-1]
            continue
        try:
            re.compile(line, re.IGNORECASE)
        except re.error as exc:
            raise ValueError(f"{path}:{number}: invalid regular expression {line!r}: {exc}; fix or remove it") from exc
        sections[current].append(line)
    return sections


@cache
def load_patterns(data_dir: Path = DATA_DIR) -> PatternSet:
    """Every language's pattern file (`data_dir/<code>/boilerplate.txt`), compiled into one alternation
    per section (cached)."""
    files = sorted(data_dir.glob("*/boilerplate.txt"))
    if not files:
        raise FileNotFoundError(f"no boilerplate pattern files (*/boilerplate.txt) in {data_dir}; the package data is missing")
    merged: dict[str, list[str]] = {name: [] for name in SECTIONS}
    for path in files:
        for section, items in parse_pattern_file(path).items():
            merged[section].extend(items)
    anchored = [p[1:] for p in merged["remove"] if p.startswith("^")]
    anchored_re = re.compile("|".join(f"(?:{p})" for p in anchored), re.IGNORECASE)
    floating_re = tuple(re.compile(p) for p in merged["remove"] if not p.startswith("^"))
    labels = sorted(merged["dateline"], key=len, reverse=True)
    # A dateline label at a word start, optionally followed by ':' — the date comes after it.
    dateline = re.compile(r"(?:^|(?<=[\s(\[|]))(?:" + "|".join(labels) + r")\b\s*:?\s*", re.IGNORECASE)
    not_article = re.compile("|".join(f"(?:{p})" for p in merged["not_article"]), re.IGNORECASE) if merged["not_article"] else None
    return PatternSet(anchored=anchored_re, floating=floating_re, dateline=dateline,
                      languages=tuple(p.parent.name for p in files if p.parent.name != "xx"), not_article=not_article)
