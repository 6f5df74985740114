"""Turns a Dossier into what the dossier page shows (from the dossier alone: no per-article reads)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from corroborate.model import ArticleRef, Dossier, Fact
from corroborate.reconcile import omitted_text

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


def claim_anchor(start: int | None, end: int | None) -> str | None:
    """The reader's element id for the text span [start, end) of a claim: "claim-START-END"."""
    if start is None or end is None or start < 0 or end <= start:
        return None
    return f"claim-{start}-{end}"


def claim_href(article_id: str, start: int | None = None, end: int | None = None) -> str:
    """Link to an article in the reader, at the claim's span when the claim has one."""
    base = f"/articles/{path_segment(article_id)}"
    anchor = claim_anchor(start, end)
    return f"{base}#{anchor}" if anchor else base


def build_matrix(dossier: Dossier) -> Matrix:
    order = {ref.id: i for i, ref in enumerate(sorted(dossier.articles, key=_published_key))}
    refs = {ref.id: ref for ref in dossier.articles}
    cited = {c.article for f in dossier.facts for c in f.claims}
    columns_ids = sorted(cited, key=lambda aid: (order.get(aid, len(order)), aid))
    columns = [
        Column(
            aid,
            _source_label(refs.get(aid)),
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
            if claim.shot_stated is not None:
                shown += f" (of {claim.shot_stated} shot)"
            cell_claim = CellClaim(
                shown,
                claim.attributed_to,
                claim.quote,
                claim_href(claim.article, claim.start, claim.end),
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


def _source_label(ref: ArticleRef | None) -> str:
    """The outlet, or (when the outlet is unknown) the article's title in quotes, so columns stay distinct."""
    if ref is None:
        return "unknown source"
    if ref.source:
        return ref.source
    return f"“{ref.title}”" if ref.title else "unknown source"


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


def build_framing(dossier: Dossier) -> tuple[list[tuple[str, str | None]], list[FramingRow]]:
    """Columns (article id, outlet or None) and rows: one per key actor (the terms each source uses for it),
    who is quoted, the kinds of sources, civilian harm, the facts other outlets report and it leaves out. Actor names that are spellings of one entity
    (e.g. the same person in Latin and Cyrillic script) share a row, named after the entity."""
    framings = dossier.framing
    columns = [(f.article, f.source) for f in framings]
    canonical = _actor_names(dossier)
    per_source: list[dict[str, list[str]]] = []
    for f in framings:
        terms: dict[str, list[str]] = {}
        for actor, words in f.terms.items():
            terms.setdefault(canonical.get(actor.casefold(), actor), []).extend(words)
        per_source.append(terms)
    actors = sorted({actor for terms in per_source for actor in terms}, key=str.casefold)
    rows = [
        FramingRow(actor, [", ".join(dict.fromkeys(terms.get(actor, []))) for terms in per_source])
        for actor in actors
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
    rows.append(FramingRow("leaves out (reported by others)", [omitted_text(f.omits) or "—" for f in framings],
                           "omits"))
    return columns, rows


def _actor_names(dossier: Dossier) -> dict[str, str]:
    """casefolded spelling -> the entity's display name, for every spelling of every entity of the story."""
    names: dict[str, str] = {}
    for entity in dossier.entities:
        for spelling in [entity.name, *entity.variants]:
            names.setdefault(spelling.casefold(), entity.name)
    return names
