"""Tables that fit the terminal they are printed in (the CLI's `stories` and `articles`).

Columns are of three kinds: "id" (never cut: as wide as the longest id), "fixed" (short values: counts,
dates, codes) and "flex" (text that may be shortened with "…"). In a terminal the title column (the first
flex column) keeps at least a third of the width (12 to 40 characters); the other flex columns give way
first, then the title takes whatever is left. Piped or redirected output gets every column at its natural
width: nothing is squeezed to 80 columns.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Literal

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

ColumnKind = Literal["id", "fixed", "flex"]


def fitted(console: Console) -> bool:
    """True when output goes to a terminal (or COLUMNS says how wide it is)."""
    return console.is_terminal or bool(os.environ.get("COLUMNS"))


def fit_widths(natural: Sequence[int], kinds: Sequence[ColumnKind], width: int) -> list[int]:
    """Column widths within `width` (one space between columns and at the edges). Only flex columns shrink:
    the first flex one (the title) keeps max(12, width // 3) (at most 40) while the others shrink evenly."""
    widths = list(natural)
    flex = [i for i, k in enumerate(kinds) if k == "flex"]
    budget = width - (len(widths) + 1) - sum(w for i, w in enumerate(widths) if i not in flex)
    if not flex or sum(widths[i] for i in flex) <= budget:
        return widths
    title, others = flex[0], flex[1:]
    keep = min(natural[title], max(12, min(40, width // 3)))
    level = _level([natural[i] for i in others], max(budget - keep, len(others)))
    for i in others:
        widths[i] = max(1, min(natural[i], level))
    widths[title] = max(1, budget - sum(widths[i] for i in others))
    return widths


def _level(values: list[int], total: int) -> int:
    """The largest cap L with sum(min(v, L)) <= total (water filling)."""
    level = 0
    for cap in range(1, max(values, default=0) + 1):
        if sum(min(v, cap) for v in values) > total:
            break
        level = cap
    return level


def print_table(console: Console, title: str, columns: Sequence[tuple[str, ColumnKind]],
                rows: Sequence[Sequence[str | Text]]) -> None:
    natural = [max([cell_len(name), *(cell_len(str(row[i])) for row in rows)]) for i, (name, _) in enumerate(columns)]
    kinds = [kind for _, kind in columns]
    widths = fit_widths(natural, kinds, console.width) if fitted(console) else natural
    table = Table(title=title, box=box.SIMPLE_HEAD, padding=(0, 0), collapse_padding=True)
    for (name, kind), w in zip(columns, widths, strict=True):
        table.add_column(name, width=w, no_wrap=True, overflow="fold" if kind == "id" else "ellipsis")
    for row in rows:
        table.add_row(*(Text(cell) if isinstance(cell, str) else cell for cell in row))  # ids are data, not markup
    if fitted(console):
        console.print(table)
        return
    screen = console.width
    console.width = max(screen, sum(widths) + len(widths) + 1)  # a pipe has no width: the table's own
    try:
        console.print(table)
    finally:
        console.width = screen
