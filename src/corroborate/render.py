"""Terminal rendering for the CLI (rich): progress, summaries, tables, the dossier."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from corroborate.model import Document, Dossier, ReadError, to_json
from corroborate.reconcile import omitted_text

if TYPE_CHECKING:
    from corroborate.pipeline import AnalyseMany, IngestReport
    from corroborate.store import Store, StorySummary

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
    if report.by_lang:
        console.print("by language: " + ", ".join(f"{k} {v}" for k, v in report.by_lang.most_common()))
    if report.by_outlet:
        top = report.by_outlet.most_common(12)
        more = len(report.by_outlet) - len(top)
        console.print("by outlet: " + ", ".join(f"{k} {v}" for k, v in top) + (f", +{more} more" if more > 0 else ""))
    if report.failures:
        err.print(f"[red]{len(report.failures)} input(s) failed[/red] (the rest was ingested):")
        for failure in report.failures[:50]:
            err.print(f"  [red]✗[/red] {failure.origin}: {failure.message}")
        if len(report.failures) > 50:
            err.print(f"  ... and {len(report.failures) - 50} more")


def articles_table(store: Store, console: Console, lang=None, outlet=None, story=None, limit: int = 50) -> None:
    stories = store.article_stories()
    table = Table(title="Articles", show_lines=False)
    for col in ("id", "story", "lang", "published", "outlet", "title"):
        table.add_column(col, overflow="fold" if col == "title" else "ellipsis")
    n = 0
    for article in store.iter_articles(story=story, lang=lang, outlet=outlet, with_text=False):
        if n >= limit:
            break
        n += 1
        table.add_row(
            article.id[:24],
            stories.get(article.id, ""),
            article.lang or "",
            article.published.date().isoformat() if article.published else "",
            article.outlet or "",
            (article.title or "")[:90],
        )
    console.print(table)
    console.print(f"{n} shown of {store.count_articles()} articles.")


def stories_table(items: list[StorySummary], total: int, console: Console) -> None:
    table = Table(title=f"Stories ({total})")
    table.add_column("id", no_wrap=True)
    table.add_column("title", overflow="ellipsis", ratio=1)
    for col in ("art.", "src.", "languages", "when", "where", "type", "!"):
        table.add_column(col, no_wrap=col in ("art.", "src.", "when", "!"), overflow="ellipsis")
    for s in items:
        when = s.first_published.date().isoformat() if s.first_published else ""
        table.add_row(
            s.id,
            Text((s.title or "")[:80], no_wrap=True, overflow="ellipsis"),
            str(s.n_articles),
            str(s.n_sources),
            ",".join(s.languages),
            when,
            s.where or "",
            s.event_type or "",
            Text("⚠", style="bold red") if s.has_conflict else "",
        )
    console.print(table)


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


def dossier(d: Dossier, console: Console) -> None:
    when = d.event.when
    when_text = (when.start.date().isoformat() if when.start else "unknown") + (f" ({when.precision})" if when.precision else "")
    where = "; ".join(
        f"{w.name}{', ' + w.country if w.country else ''}{f' [{w.precision}]' if w.precision else ''}" for w in d.event.where[:5]
    )
    head = Text()
    head.append(f"{d.title or d.id}\n", style="bold")
    head.append(f"story {d.id} · {len(d.articles)} articles · {len({a.source for a in d.articles})} sources · {', '.join(d.languages)}\n")
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
            table.add_row(qualifier_label(f.slot, f.qualifier), status, str(f.consensus.value), rng, _claims_text(f))
        console.print(table)
    else:
        console.print("[dim]No casualty or count claims found.[/dim]")

    if d.entities:
        table = Table(title="Entities (all spellings)")
        for col in ("name", "kind", "spellings", "articles"):
            table.add_column(col, overflow="fold")
        for e in d.entities[:15]:
            table.add_row(e.name, e.kind, " · ".join(e.variants[:10]), str(len(e.articles)))
        console.print(table)

    if d.framing:
        table = Table(title="Framing per article")
        for col in ("article", "source", "terms", "quoted", "civilian harm", "leaves out"):
            table.add_column(col, overflow="fold")
        for fr in d.framing[:20]:
            terms = "; ".join(f"{k}: {', '.join(v)}" for k, v in list(fr.terms.items())[:4])
            table.add_row(fr.article[:20], fr.source or "", terms, ", ".join(fr.quoted[:4]),
                          "yes" if fr.civilian_harm else "no", omitted_text(fr.omits))
        console.print(table)

    if d.related:
        console.print("Related: " + "; ".join(f"{r.story} ({r.relation}, {r.score:.2f})" for r in d.related))
    table = Table(title="Articles")
    for col in ("id", "published", "lang", "source", "title"):
        table.add_column(col, overflow="fold")
    for a in d.articles:
        table.add_row(a.id[:24], a.published.isoformat()[:16] if a.published else "", a.lang or "", a.source or "", a.title or "")
    console.print(table)


def _claims_text(fact) -> Text:
    """One line per distinct value: "14  ×9  outlet (attributed to); outlet (—); ..."."""
    by_value: dict[str, list[str]] = {}
    for c in fact.claims:
        label = value_label(c.value, c.approx, c.value_max)
        if c.shot_stated is not None:
            label += f" (of {c.shot_stated} shot)"
        who = f"{c.source or 'unknown outlet'} ({c.attributed_to or '—'})"
        by_value.setdefault(label, [])
        if who not in by_value[label]:
            by_value[label].append(who)
    out = Text()
    for n, (label, sources) in enumerate(by_value.items()):
        if n:
            out.append("\n")
        out.append(f"{label:>4} ", style="bold")
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
