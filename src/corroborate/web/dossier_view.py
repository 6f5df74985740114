"""Turns a Dossier (plus the stored analyses of its articles) into what the dossier page shows."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from corroborate.model import Analysis, ArticleRef, Dossier, Fact, FactClaim

from .safety import path_segment

APPROX_PREFIX = {"at_least": "≥ ", "at_most": "≤ ", "about": "~ ", "exact": ""}


def value_text(value: int | None, approx: str = "exact", value_max: int | None = None) -> str:
    if value is None:
        return "—"
    if approx == "range" and value_max is not None and value_max != value:
        return f"{value}–{value_max}"
    return f"{APPROX_PREFIX.get(approx, '')}{value}"


def fact_label(fact: Fact) -> tuple[str, str]:
    """(slot, qualifier text): ("killed", "children"), ("killed", "") or ("arrested", "about: US")."""
    qualifier = ", ".join(v if k == "group" else f"{k}: {v}" for k, v in sorted(fact.qualifier.items()) if v)
    return fact.slot, qualifier


@dataclass
class CellClaim:
    value: str
    attributed_to: str | None
    quote: str
    href: str
    minority: bool  # differs from the most frequent value of its row


@dataclass
class Cell:
    claims: list[CellClaim]
    disputed: bool


@dataclass
class Row:
    slot: str
    qualifier: str
    status: str
    consensus: str
    range: str
    n_sources: int
    cells: list[Cell | None]


@dataclass
class Column:
    article_id: str
    source: str
    lang: str | None
    title: str | None
    published: datetime | None


@dataclass
class Matrix:
    columns: list[Column]
    rows: list[Row]
    silent: list[ArticleRef] = field(default_factory=list)  # articles that state no figure


def claim_index(analysis: Analysis | None, claim: FactClaim, slot: str) -> int | None:
    """Position of `claim` among its article's analysed claims: the N of the reader's #claim-N anchor."""
    if analysis is None:
        return None
    for i, candidate in enumerate(analysis.claims):
        if claim.start is not None and candidate.start == claim.start and candidate.end == claim.end:
            return i
    for i, candidate in enumerate(analysis.claims):
        if candidate.slot == slot and candidate.value == claim.value and candidate.quote == claim.quote:
            return i
    return None


def claim_href(article_id: str, index: int | None) -> str:
    base = f"/articles/{path_segment(article_id)}"
    return f"{base}#claim-{index}" if index is not None else base


def build_matrix(dossier: Dossier, analyses: dict[str, Analysis]) -> Matrix:
    order = {ref.id: i for i, ref in enumerate(sorted(dossier.articles, key=_published_key))}
    refs = {ref.id: ref for ref in dossier.articles}
    cited = {c.article for f in dossier.facts for c in f.claims}
    columns_ids = sorted(cited, key=lambda aid: (order.get(aid, len(order)), aid))
    columns = [
        Column(
            aid,
            (refs[aid].source if aid in refs else None) or "unknown source",
            refs[aid].lang if aid in refs else None,
            refs[aid].title if aid in refs else None,
            refs[aid].published if aid in refs else None,
        )
        for aid in columns_ids
    ]
    position = {aid: i for i, aid in enumerate(columns_ids)}
    rows = []
    for fact in sorted(dossier.facts, key=_fact_key):
        counts = Counter(value_text(c.value, c.approx, c.value_max) for c in fact.claims)
        common = counts.most_common(1)[0][0] if counts else None
        cells: list[Cell | None] = [None] * len(columns)
        for claim in fact.claims:
            shown = value_text(claim.value, claim.approx, claim.value_max)
            cell_claim = CellClaim(
                shown,
                claim.attributed_to,
                claim.quote,
                claim_href(claim.article, claim_index(analyses.get(claim.article), claim, fact.slot)),
                minority=fact.status == "conflicting" and len(counts) > 1 and shown != common,
            )
            i = position[claim.article]
            if cells[i] is None:
                cells[i] = Cell([], disputed=fact.status == "conflicting")
            cells[i].claims.append(cell_claim)
        c = fact.consensus
        slot, qualifier = fact_label(fact)
        rows.append(
            Row(
                slot,
                qualifier,
                fact.status,
                value_text(c.value),
                "" if c.min is None else (str(c.min) if c.min == c.max else f"{c.min}–{c.max}"),
                len({cl.source or cl.article for cl in fact.claims}),
                cells,
            )
        )
    silent = [ref for ref in sorted(dossier.articles, key=_published_key) if ref.id not in cited]
    return Matrix(columns, rows, silent)


def _published_key(ref: ArticleRef) -> tuple[bool, str, str]:
    return (ref.published is None, ref.published.isoformat() if ref.published else "", ref.id)


def _fact_key(fact: Fact) -> tuple[int, str, str]:
    status_order = {"conflicting": 0, "corroborated": 1, "single-source": 2}
    return (status_order.get(fact.status, 3), fact.slot, str(sorted(fact.qualifier.items())))


@dataclass
class FramingRow:
    label: str
    cells: list[str]
    kind: str = "terms"


def build_framing(dossier: Dossier) -> tuple[list[tuple[str, str]], list[FramingRow]]:
    """Columns (article id, outlet) and rows: one per key actor (terms used), who is quoted, civilian harm."""
    framings = dossier.framing
    columns = [(f.article, f.source or "unknown source") for f in framings]
    actors = sorted({actor for f in framings for actor in f.terms})
    rows = [
        FramingRow(actor, [", ".join(dict.fromkeys(f.terms.get(actor, []))) for f in framings]) for actor in actors
    ]
    rows.append(FramingRow("quotes / cites", [", ".join(dict.fromkeys(f.quoted)) for f in framings], "quoted"))
    rows.append(
        FramingRow(
            "kinds of sources",
            [", ".join(f"{k} ×{n}" for k, n in sorted(f.quoted_kinds.items(), key=lambda kv: -kv[1])) for f in framings],
            "kinds",
        )
    )
    rows.append(FramingRow("civilian harm", ["mentioned" if f.civilian_harm else "—" for f in framings], "harm"))
    return columns, rows
