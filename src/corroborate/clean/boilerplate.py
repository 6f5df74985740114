"""Line-level boilerplate removal for scraped text.

Two layers: rules that are safe anywhere (data-file patterns, bare dates, URLs, contact footers,
symbol debris, repeated lines) and shape heuristics that only act at the head and tail of the
document, outside the run of prose, so a body sentence is never dropped from the middle.
"""

from __future__ import annotations

from collections import Counter

from corroborate.clean.dates import is_date_line
from corroborate.clean.lines import (
    Line,
    ends_sentence,
    is_body_like,
    is_contact_line,
    is_name_like,
    is_section_name,
    is_symbol_debris,
    is_table_row,
    words,
)
from corroborate.clean.patterns import PatternSet
from corroborate.clean.textnorm import dedup_key


def same_as_title(text: str, title: str | None) -> bool:
    """The line repeats the title (exactly, or the title with an outlet suffix, or vice versa)."""
    if not title:
        return False
    a, b = dedup_key(text), dedup_key(title)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 20 and long_.startswith(short) and len(short) >= 0.6 * len(long_)


def apply_anywhere_rules(lines: list[Line], patterns: PatternSet, title: str | None) -> None:
    """Mark lines that are boilerplate wherever they appear."""
    for i, line in enumerate(lines):
        if not line.kept:
            continue
        text = line.text
        if patterns.is_boilerplate(text):
            line.removed = "pattern"
        elif is_table_row(text):  # figures in a table's cells are content, not date or symbol debris
            continue
        elif is_date_line(text):
            line.removed = "date"
        elif is_contact_line(text) and not is_body_like(text):  # "call 555-0100 with tips." stays
            line.removed = "contact"
        elif is_symbol_debris(text):
            line.removed = "symbols"
        elif same_as_title(text, title):
            line.removed = "title"
        elif is_section_name(text) and _stands_alone(lines, i):
            line.removed = "section"


def _stands_alone(lines: list[Line], i: int) -> bool:
    """Not the continuation of a wrapped sentence: the previous kept line ended a sentence (or there
    is none) and the next line does not continue in lowercase."""
    prev = next((ln for ln in reversed(lines[:i]) if ln.kept), None)
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if prev is not None and not ends_sentence(prev.text) and not lines[i].gap_before:
        return False
    return not (nxt is not None and nxt.text[:1].islower() and not nxt.gap_before)


def apply_repetition_rule(lines: list[Line]) -> list[str]:
    """Lines seen two or more times: short ones (names, labels, footers) go everywhere; sentences keep
    their first occurrence. Returns name-like lines that repeated (likely author bylines)."""
    keys = [dedup_key(ln.text) for ln in lines]
    counts = Counter(keys)
    seen: set[str] = set()
    names: list[str] = []
    for line, key in zip(lines, keys, strict=True):
        if not key or counts[key] < 2:
            continue
        if is_body_like(line.text):
            if key in seen and line.kept:
                line.removed = "repeated"
        else:
            if is_name_like(line.text) and line.text not in names:
                names.append(line.text)
            if line.kept:
                line.removed = "repeated"
        seen.add(key)
    return names


def repeated_names_of(lines: list[Line]) -> list[str]:
    """Name-like lines seen two or more times (likely author bylines), in order; nothing is removed."""
    keys = [dedup_key(ln.text) for ln in lines]
    counts = Counter(keys)
    names: list[str] = []
    for line, key in zip(lines, keys, strict=True):
        if counts[key] >= 2 and not is_body_like(line.text) and is_name_like(line.text) and line.text not in names:
            names.append(line.text)
    return names


def apply_edge_rules(lines: list[Line]) -> None:
    """Before the first and after the last prose line, drop lines that are not prose."""
    kept = [i for i, ln in enumerate(lines) if ln.kept]
    body = [i for i in kept if is_body_like(lines[i].text)]
    if not body:
        return
    first, last = body[0], body[-1]
    for i in kept:
        if first <= i <= last:
            continue
        text = lines[i].text
        if not is_body_like(text) and not (ends_sentence(text) and len(words(text)) >= 3):
            lines[i].removed = "edge"
