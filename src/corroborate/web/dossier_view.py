"""Turns a Dossier into what the dossier page shows (from the dossier alone: no per-article reads)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from corroborate.model import ArticleRef, Dossier, Fact, FactClaim
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
    superseded: bool = False  # a later report revised it (shown greyed)


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
    revised: bool = False
    path: str = ""  # a revised figure as its path: "3 → 7 → 11"
    index: int = 0  # the fact's index in Dossier.facts (anchor "fact-INDEX")


@dataclass
class Column:
    article_id: str
    source: str
    lang: str | None
    title: str | None
    published: datetime | None


@dataclass
class BriefPart:
    text: str
    href: str | None = None  # a figure: the quote of a claim that gives it
    title: str | None = None  # that quote
    kind: str = ""  # "figure", "time" or "" (plain words)


@dataclass
class BriefLine:
    kind: str  # known | disputed | unknown
    parts: list[BriefPart]


@dataclass
class Matrix:
    columns: list[Column]
    rows: list[Row]
    silent: list[ArticleRef] = field(default_factory=list)  # articles that state no figure
    brief: list[BriefLine] = field(default_factory=list)


def build_brief_lines(dossier: Dossier) -> list[BriefLine]:
    """The dossier's brief as text parts, each figure linked to the quote of a claim of its fact."""
    lines = []
    for sentence in dossier.brief:
        parts, at = [], 0
        for link in sorted(sentence.links, key=lambda lk: lk.start):
            if link.start > at:
                parts.append(BriefPart(sentence.text[at:link.start]))
            shown = sentence.text[link.start:link.end]
            claim = _claim_of(dossier, link.fact, link.value) if link.kind == "figure" else None
            parts.append(BriefPart(shown, claim_href(claim.article, claim.start, claim.end) if claim else None,
                                   f"“{claim.quote}”" if claim else None, link.kind))
            at = link.end
        if at < len(sentence.text):
            parts.append(BriefPart(sentence.text[at:]))
        lines.append(BriefLine(sentence.kind, parts))
    return lines


def _claim_of(dossier: Dossier, fact: int | None, value: int | None) -> FactClaim | None:
    if fact is None or not 0 <= fact < len(dossier.facts):
        return None
    claims = dossier.facts[fact].claims
    return next((c for c in claims if c.value == value and c.current), None) or next(
        (c for c in claims if c.value == value), None)


def fact_path(fact: Fact) -> str:
    """A revised figure as its path ("3 → 7 → 11"), else ""."""
    if not fact.revised:
        return ""
    steps = [h.value for h in fact.history if h.value is not None]
    path = [v for n, v in enumerate(steps) if not n or v != steps[n - 1]]
    return " → ".join(str(v) for v in path) if len(path) > 1 else ""


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
    index = {id(f): i for i, f in enumerate(dossier.facts)}
    for fact in sorted(dossier.facts, key=_fact_key):
        counts = Counter(value_text(c.value, c.approx, c.value_max) for c in fact.claims if c.current)
        common = counts.most_common(1)[0][0] if counts else None
        cells: list[Cell | None] = [None] * len(columns)
        for claim in fact.claims:
            shown = base = value_text(claim.value, claim.approx, claim.value_max)
            if claim.shot_stated is not None:
                shown += f" (of {claim.shot_stated} shot)"
            if claim.increment is not None:
                shown += f" (+{claim.increment})"
            cell_claim = CellClaim(
                shown,
                claim.attributed_to,
                claim.quote,
                claim_href(claim.article, claim.start, claim.end),
                minority=fact.status == "conflicting" and len(counts) > 1 and base != common and claim.current,
                superseded=not claim.current,
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
                revised=fact.revised,
                path=fact_path(fact),
                index=index[id(fact)],
            )
        )
    silent = [ref for ref in sorted(dossier.articles, key=_published_key) if ref.id not in cited]
    return Matrix(columns, rows, silent, build_brief_lines(dossier))


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
