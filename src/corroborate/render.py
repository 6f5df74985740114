"""Terminal rendering for the CLI (rich): progress, summaries, tables, the dossier."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from corroborate.model import Document, Dossier, Fact, ReadError, StoryUpdate, to_json
from corroborate.outlets import count_sources
from corroborate.reconcile import omitted_text
from corroborate.tables import print_table

if TYPE_CHECKING:
    from corroborate.pipeline import AnalyseMany, IngestReport
    from corroborate.store import Store, StorySummary

PIPED_WIDTH = 240  # panels' width when printing to a pipe or file; tables take their natural width there


def output_console() -> Console:
    """stdout: the terminal's width in a terminal; in a pipe or file not squeezed to 80 columns."""
    console = Console()
    if not console.is_terminal and not os.environ.get("COLUMNS"):
        console = Console(width=PIPED_WIDTH)
    return console


STATUS_STYLE = {"corroborated": "green", "conflicting": "bold red", "single-source": "yellow"}


def run_ingest(
    store: Store,
    items: Iterable[Document | ReadError],
    total: int | None,
    batch_size: int,
    quiet: bool,
    console: Console,
    skip: tuple[str, ...] = (),
    analyse_many: AnalyseMany | None = None,
) -> IngestReport:
    from corroborate.analyze import Analyzer
    from corroborate.pipeline import Ingestor

    if quiet:
        return Ingestor(store, Analyzer(skip=skip), analyse_many=analyse_many).ingest(items, batch_size=batch_size)
    with Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as progress:
        task = progress.add_task("ingest", total=total, rate="loading models")
        ingestor = Ingestor(store, Analyzer(skip=skip), analyse_many=analyse_many)
        progress.update(task, rate="")

        def advance(n: int) -> None:
            progress.advance(task, n)
            done = progress.tasks[0].completed
            elapsed = progress.tasks[0].elapsed or 1e-9
            progress.update(task, rate=f"{done / elapsed:.1f} docs/s")

        report = ingestor.ingest(items, batch_size=batch_size, progress=advance)
        progress.update(task, total=progress.tasks[0].completed)
    return report


def ingest_summary(report: IngestReport, console: Console, err: Console) -> None:
    console.print(
        f"[bold]{report.ingested}[/bold] new articles from {report.documents} documents "
        f"({report.duplicates} already stored) in {report.seconds:.1f}s; {len(report.stories)} stories touched."
    )
    if report.carried:
        console.print(f"{report.carried} word-for-word copies from other outlets kept as carried by them (one source "
                      "with the article they copy).")
    if report.updated:
        console.print(f"{len(report.updated)} of them new versions of stored articles (old versions in the history).")
    if report.by_lang:
        console.print("by language: " + ", ".join(f"{_safe(k)} {v}" for k, v in report.by_lang.most_common()))
    if report.by_outlet:
        top = report.by_outlet.most_common(12)
        more = len(report.by_outlet) - len(top)
        console.print("by outlet: " + ", ".join(f"{_safe(k)} {v}" for k, v in top) + (f", +{more} more" if more > 0 else ""))
    if report.warnings:
        err.print(f"[yellow]{len(report.warnings)} warning(s)[/yellow] (read past, the documents were ingested):")
        for warning in report.warnings[:20]:
            err.print(f"  [yellow]![/yellow] {_safe(warning.origin)}: {_safe(warning.message)}", highlight=False)
        if len(report.warnings) > 20:
            err.print(f"  ... and {len(report.warnings) - 20} more")
    if report.failures:
        err.print(f"[red]{len(report.failures)} input(s) failed[/red] (the rest was ingested):")
        for failure in report.failures[:50]:
            err.print(f"  [red]✗[/red] {_safe(failure.origin)}: {_safe(failure.message)}", highlight=False)
        if len(report.failures) > 50:
            err.print(f"  ... and {len(report.failures) - 50} more")


def _cells(*values: str | Text) -> list[Text]:
    """Table cells from stored values: text as it is (a name like "[bold]X[/]" is data, not markup)."""
    return [Text(v) if isinstance(v, str) else v for v in values]


def _safe(text: str) -> str:
    """Printable and markup-free: input names may hold undecodable bytes (surrogates) or brackets."""
    return escape(text.encode("utf-8", "replace").decode("utf-8"))


def articles_table(store: Store, console: Console, lang=None, outlet=None, story=None, limit: int = 50) -> None:
    stories = store.article_stories()
    rows = []
    for article in store.iter_articles(story=story, lang=lang, outlet=outlet, with_text=False):
        if len(rows) >= limit:
            break
        rows.append([
            article.id,
            stories.get(article.id, ""),
            article.lang or "",
            article.published.date().isoformat() if article.published else "",
            article.outlet or "",
            article.title or "",
        ])
    columns = [("id", "id"), ("story", "id"), ("lang", "fixed"), ("published", "fixed"), ("title", "flex"),
               ("outlet", "flex")]
    print_table(console, "Articles", columns, [[*r[:4], r[5], r[4]] for r in rows])
    console.print(f"{len(rows)} shown of {store.count_articles()} articles.")


def stories_table(items: list[StorySummary], total: int, console: Console) -> None:
    rows = [[
        s.id,
        s.title or "",
        str(s.n_articles),
        str(s.n_sources),
        ",".join(s.languages),
        s.first_published.date().isoformat() if s.first_published else "",
        s.where or "",
        s.event_type or "",
        Text("⚠", style="bold red") if s.has_conflict else "",
    ] for s in items]
    columns = [("id", "id"), ("title", "flex"), ("art.", "fixed"), ("src.", "fixed"), ("languages", "flex"),
               ("when", "fixed"), ("where", "flex"), ("type", "flex"), ("!", "fixed")]
    print_table(console, f"Stories ({total})", columns, rows)


def qualifier_label(slot: str, qualifier: dict[str, str]) -> str:
    parts = [slot]
    if qualifier.get("group"):
        parts.append(qualifier["group"])
    if qualifier.get("about"):
        parts.append(f"({qualifier['about']})")
    return " ".join(parts)


def value_label(value: int, approx: str, value_max: int | None) -> str:
    if approx == "at_least":
        return f"≥{value}"
    if approx == "at_most":
        return f"≤{value}"
    if approx == "about":
        return f"~{value}"
    if approx == "range" and value_max is not None:
        return f"{value}–{value_max}"
    return str(value)


def brief(d: Dossier, console: Console) -> None:
    """The dossier's brief: what is known, disputed and unknown, one sentence a line."""
    marks = {"known": ("✓", "green"), "disputed": ("⚠", "bold red"), "unknown": ("?", "yellow")}
    text = Text()
    for n, sentence in enumerate(d.brief):
        mark, style = marks.get(sentence.kind, ("·", ""))
        text.append(("\n" if n else "") + f"{mark} ", style=style)
        text.append(sentence.text)
    if d.brief:
        console.print(Panel(text, title="Brief", border_style="blue"))


def changes(updates: list[StoryUpdate], console: Console, since: str | None = None) -> None:
    """What each report changed, in time order."""
    title = escape(f"What changed since {since}" if since else "What changed, report by report")
    if not updates:
        console.print(f"[dim]{title}: nothing.[/dim]")
        return
    table = Table(title=title)
    for col in ("when", "article", "changes"):
        table.add_column(col, overflow="fold")
    for u in updates:
        table.add_row(*_cells(u.at.isoformat()[:16] if u.at else "", u.article[:24], "\n".join(c.text for c in u.changes)))
    console.print(table)


def fact_path(fact: Fact) -> str:
    """A revised figure as its path ("3 → 7 → 11"); else the consensus."""
    if fact.revised:
        steps = [h.value for h in fact.history if h.value is not None]
        path = [v for n, v in enumerate(steps) if not n or v != steps[n - 1]]
        if len(path) > 1:
            return " → ".join(str(v) for v in path)
    return str(fact.consensus.value)


def dossier(d: Dossier, console: Console) -> None:
    brief(d, console)
    when = d.event.when
    when_text = (when.start.date().isoformat() if when.start else "unknown") + (f" ({when.precision})" if when.precision else "")
    where = "; ".join(
        f"{w.name}{', ' + w.country if w.country else ''}{f' [{w.precision}]' if w.precision else ''}" for w in d.event.where[:5]
    )
    head = Text()
    head.append(f"{d.title or d.id}\n", style="bold")
    head.append(f"story {d.id} · {len(d.articles)} articles · {count_sources((a.source, a.url, a.id) for a in d.articles)} sources · {', '.join(d.languages)}\n")
    if carried := sum(len(a.carried_by) for a in d.articles):
        head.append(f"(word-for-word copies: carried by {carried} more outlet{'s' if carried != 1 else ''}, counted once)\n")
    head.append(f"event: {d.event.type or 'unknown'} · when: {when_text}\nwhere: {where or 'unknown'}")
    console.print(Panel(head, title="Dossier", border_style="red" if d.has_conflict else "green"))

    if d.facts:
        table = Table(title="Facts (each value with the outlets reporting it and whom they attribute it to)", show_lines=True)
        table.add_column("fact", no_wrap=True)
        table.add_column("status", no_wrap=True)
        table.add_column("consensus", justify="right", no_wrap=True)
        table.add_column("range", no_wrap=True)
        table.add_column("claims", overflow="fold", ratio=1)
        for f in d.facts:
            rng = "" if f.consensus.min is None else f"{f.consensus.min}–{f.consensus.max}"
            status = Text(("⚠ " if f.status == "conflicting" else "") + f.status, style=STATUS_STYLE.get(f.status, ""))
            if f.revised:
                status.append("\n↻ revised", style="bold blue")
            table.add_row(*_cells(qualifier_label(f.slot, f.qualifier), status, fact_path(f), rng, _claims_text(f)))
        console.print(table)
    else:
        console.print("[dim]No casualty or count claims found.[/dim]")

    if d.entities:
        table = Table(title="Entities (all spellings)")
        for col in ("name", "kind", "spellings", "articles"):
            table.add_column(col, overflow="fold")
        for e in d.entities[:15]:
            table.add_row(*_cells(e.name, e.kind, " · ".join(e.variants[:10]), str(len(e.articles))))
        console.print(table)

    if d.framing:
        table = Table(title="Framing per article")
        for col in ("article", "source", "terms", "quoted", "civilian harm", "leaves out"):
            table.add_column(col, overflow="fold")
        for fr in d.framing[:20]:
            terms = "; ".join(f"{k}: {', '.join(v)}" for k, v in list(fr.terms.items())[:4])
            table.add_row(*_cells(fr.article, fr.source or "", terms, ", ".join(fr.quoted[:4]),
                                  "yes" if fr.civilian_harm else "no", omitted_text(fr.omits)))
        console.print(table)

    if d.related:
        console.print("Related: " + "; ".join(f"{r.story} ({r.relation}, {r.score:.2f})" for r in d.related),
                      markup=False, highlight=False)
    table = Table(title="Articles")
    table.add_column("id", no_wrap=True, min_width=max((len(a.id) for a in d.articles), default=2))
    for col in ("published", "lang", "source", "title"):
        table.add_column(col, overflow="fold")
    for a in d.articles:
        source = a.source or ""
        if a.carried_by:
            source += "\ncarried by " + ", ".join(c.outlet or c.url or "an unknown outlet" for c in a.carried_by)
        table.add_row(*_cells(a.id, a.published.isoformat()[:16] if a.published else "", a.lang or "", source, a.title or ""))
    console.print(table)


def _claims_text(fact) -> Text:
    """One line per distinct value: "14  ×9  outlet (attributed to); outlet (—); ..."."""
    by_value: dict[str, list[str]] = {}
    for c in fact.claims:
        label = value_label(c.value, c.approx, c.value_max)
        if c.shot_stated is not None:
            label += f" (of {c.shot_stated} shot)"
        if c.increment is not None:
            label += f" (+{c.increment})"
        if not c.current:
            label += " (superseded)"
        who = f"{c.source or 'unknown outlet'} ({c.attributed_to or '—'})"
        by_value.setdefault(label, [])
        if who not in by_value[label]:
            by_value[label].append(who)
    out = Text()
    for n, (label, sources) in enumerate(by_value.items()):
        if n:
            out.append("\n")
        out.append(f"{label:>4} ", style="dim strike" if label.endswith("(superseded)") else "bold")
        out.append(f"×{len(sources)} ", style="dim")
        out.append("; ".join(sources))
    return out


def article_lines(store: Store, text: bool = False, claims: bool = False) -> Iterator[dict[str, Any]]:
    stories = store.article_stories()
    for article in store.iter_articles(with_text=text):
        line: dict[str, Any] = {
            "id": article.id,
            "story": stories.get(article.id),
            "lang": article.lang,
            "title": article.title,
            "published": article.published.isoformat() if article.published else None,
            "source": article.outlet,
            "url": article.url,
        }
        if text:
            line["text"] = article.text
        if claims:
            analysis = store.get_analysis(article.id)
            line["claims"] = [
                {
                    "slot": c.slot,
                    "qualifier": {k: v for k, v in (("group", c.group), ("about", c.about)) if v},
                    "value": c.value,
                    "approx": c.approx,
                    "value_max": c.value_max,
                    "attributed_to": c.attributed_to,
                    "quote": c.quote,
                    "span": [c.start, c.end],
                }
                for c in (analysis.claims if analysis else [])
            ]
        yield to_json(line)
