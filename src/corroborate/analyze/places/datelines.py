"""News datelines: the town an agency story was filed from, written at the start of a line.

"SPRINGFIELD, Ill. (AP) — ...", "GARY — ...", "FAR ROCKAWAY, Queens — ...", "Springfield, Ill. – ...".
An all-capitals name may stand alone before the dash; a Title Case one needs a state or country
after a comma, since "Police: ..." or "Update - ..." also start lines.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_DASH = r"(?:—|–|--|-|:)"
_ADMIN = r"(?:,[^\S\n]*(?P<admin>[A-Z][A-Za-z.]*(?:[ ][A-Z][A-Za-z.]*)?))"
_PAREN = r"(?:[^\S\n]*\([^()\n]{1,40}\))?"
_DATELINE = re.compile(
    r"^[^\S\n]*(?:"
    r"(?P<caps>[A-Z][A-Z'’.-]*(?:[ ][A-Z][A-Z'’.-]*){0,3})" + _ADMIN.replace("admin", "cadmin") + "?"
    r"|(?P<title>[A-Z][a-z'’.-]+(?:[ ][A-Z][a-z'’.-]+){0,2})" + _ADMIN + r")" + _PAREN + r"[^\S\n]*" + _DASH + r"[^\S\n]",
    re.M,
)
_AFTER = re.compile(_ADMIN.replace("?P<admin>", "") + "?" + _PAREN + r"[^\S\n]*" + _DASH + r"[^\S\n]")


class Dateline(NamedTuple):
    start: int
    end: int
    name: str  # as written ("SPRINGFIELD")
    admin: str | None  # the state/country after the comma, as written ("Ill.")
    agency: bool = False  # an agency or station in parentheses follows ("(AP)", "(dpa)")


def datelines(text: str) -> list[Dateline]:
    """The datelines of a text (usually one, near the top)."""
    out = []
    for m in _DATELINE.finditer(text):
        group = "caps" if m.group("caps") else "title"
        name = m.group(group).rstrip(".")
        if group == "caps" and len(name) < 3:
            continue
        start = m.start(group)
        agency = bool(re.match(r"[^\S\n]*\(", text[m.end(group) : m.end()].split(",")[-1]))
        out.append(Dateline(start, start + len(name), name, m.group("cadmin") or m.group("admin"), agency))
    return out


def is_dateline(text: str, start: int, end: int) -> bool:
    """Whether the mention text[start:end] is written as a dateline."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and bool(_AFTER.match(text, end))
