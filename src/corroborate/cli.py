"""The `corroborate` command: a thin Typer layer over the library.

`--db` is accepted before the command and after it; default $CORROBORATE_DB, else ./corroborate.db.
Exit status: 0 success, 1 some inputs failed (the rest done), 2 usage error.
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

from corroborate import render
from corroborate.model import to_json
from corroborate.reconcile import brief_language, with_brief_in
from corroborate.reconcile.changes import parse_since, updates_since

# the click that typer runs on (typer >= 0.2x vendors its own): its exceptions are the ones raised
_errors = sys.modules[typer.BadParameter.__module__]


class StoryOrder(StrEnum):
    size = "size"
    recent = "recent"


HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}


class OneLineErrors(TyperGroup):
    """Usage errors (bad options, values out of range, a missing database) print one line and exit 2."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except _errors.NoArgsIsHelpError as exc:
            typer.echo(exc.format_message())
            sys.exit(2)
        except _errors.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else "corroborate"
            message = " ".join(exc.format_message().split())
            typer.echo(f"{where}: error: {message} (see {where} --help)", err=True)
            sys.exit(2)
        except _errors.Abort:
            typer.echo("Aborted.", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    help="Corroborate: what each source claims about an event, who it attributes it to, where they agree or conflict.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    cls=OneLineErrors,
    context_settings=HELP_OPTIONS,
)
export_app = typer.Typer(help="Export articles, stories or facts (JSONL, CSV, GeoJSON).", no_args_is_help=True,
                         context_settings=HELP_OPTIONS)
app.add_typer(export_app, name="export")

console = render.output_console()
err = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database: a SQLite path or a postgresql:// URL [env: CORROBORATE_DB; default ./corroborate.db]."),
]


# filters shared by `stories` and every export (see corroborate.export.story_query)
StoryOpt = Annotated[str | None, typer.Option("--story", help="Only this story id.")]
SinceOpt = Annotated[
    datetime | None, typer.Option("--since", formats=["%Y-%m-%d"], help="Only stories still reported on or after this day.")
]
LangOpt = Annotated[str | None, typer.Option("--lang", help="Only stories with an article in this language.")]
OutletOpt = Annotated[str | None, typer.Option("--outlet", help="Only stories with an article from this outlet.")]
EventTypeOpt = Annotated[str | None, typer.Option("--event-type", help="Only stories of this event type.")]
ConflictsOpt = Annotated[bool, typer.Option("--conflicts-only", help="Only stories with a conflicting fact.")]


def _since(value: datetime | None) -> date | None:
    return value.date() if value else None


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"corroborate {version('corroborate')}")
        except PackageNotFoundError:
            typer.echo("corroborate (version unknown: not installed)")
        raise typer.Exit(0)


@app.callback()
def main_options(
    ctx: typer.Context,
    db: DbOption = None,
    show_version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    ctx.obj = {"db": db}


def _db_url(ctx: typer.Context, db: str | None, must_exist: bool) -> str:
    """The database URL; a usage error (exit 2) for a bad URL, a SQLite file in a folder that does not exist,
    or (read commands, `must_exist`) a SQLite file that does not exist: it is never created by a typo."""
    from corroborate.store import resolve_db_url
    from corroborate.store.errors import StoreError

    given = db or (ctx.obj or {}).get("db")
    try:
        url = resolve_db_url(given)
    except StoreError as exc:
        raise typer.BadParameter(str(exc), param_hint="--db") from exc
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if must_exist and not path.exists():
            raise typer.BadParameter(f"database {str(path)!r} does not exist; ingest into it first, or check "
                                     "--db / $CORROBORATE_DB", param_hint="--db")
        if not path.parent.is_dir():
            raise typer.BadParameter(f"folder {str(path.parent)!r} does not exist", param_hint="--db")
    return url


def _store(ctx: typer.Context, db: str | None, must_exist: bool = True):
    from corroborate.store import Store

    return Store(_db_url(ctx, db, must_exist))


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files or folders: .txt .html .json .jsonl .warc(.gz) .rss/.atom/.xml")],
    include: Annotated[list[str], typer.Option("--include", "-i", help="Glob of files to take inside folders (repeatable).")] = [],  # noqa: B006
    exclude: Annotated[list[str], typer.Option("--exclude", "-x", help="Glob of files to skip inside folders (repeatable).")] = [],  # noqa: B006
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per transaction.")] = 64,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    skip: Annotated[
        list[str],
        typer.Option("--skip", help="Analysis component to leave out (repeatable), e.g. `--skip embed` for a "
                     "single-language corpus: 3-5x faster, but no cross-lingual grouping."),
    ] = [],  # noqa: B006
    workers: Annotated[
        int | None, typer.Option("--workers", "-w", min=1, help="Worker processes for read/clean/analyze "
                                 "[default: the number of cores]; 1 = all in this process.")
    ] = None,
    ray: Annotated[
        str | None, typer.Option("--ray", help="Analyze on a Ray cluster: `--ray local` starts one here, "
                                 "`--ray ADDRESS` joins one (needs a PostgreSQL --db).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Read, clean, analyze, cluster and store articles. Idempotent; bad inputs are reported, not fatal."""
    from corroborate.analyze import COMPONENTS
    from corroborate.read import count_documents, read_paths

    unknown = [name for name in skip if name not in COMPONENTS]
    if unknown:
        raise typer.BadParameter(f"unknown component(s) {unknown}; choose from {list(COMPONENTS)}", param_hint="--skip")
    with _store(ctx, db, must_exist=False) as store:
        total = count_documents([str(p) for p in paths], include, exclude)
        docs = read_paths([str(p) for p in paths], include, exclude)
        chunks = None if total is None else -(-total // max(1, batch_size))
        parallel = _parallel_analysis(store, workers, ray, tuple(skip), chunks)  # scale: None = this process
        try:
            report = render.run_ingest(store, docs, total, batch_size, quiet, console, skip=tuple(skip),
                                       analyse_many=parallel)
        finally:
            if parallel is not None:
                parallel.close()
    render.ingest_summary(report, console, err)
    raise typer.Exit(0 if report.ok else 1)


def _parallel_analysis(store, workers: int | None, ray: str | None, skip: tuple[str, ...], chunks: int | None = None):
    """The analysis backend for `--workers` / `--ray` (corroborate.parallel), or None for one process
    (also when the input is one chunk: nothing to share out, and starting workers costs seconds)."""
    from corroborate import parallel

    if ray is not None:
        from corroborate.parallel_ray import RayUnavailable, ray_analysis

        try:
            return ray_analysis(ray, store, skip, workers)
        except RayUnavailable as exc:
            err.print(f"[red]{escape(str(exc))}[/red]")
            raise typer.Exit(2) from exc
    n = workers or parallel.default_workers()
    n = n if chunks is None else min(n, chunks)
    return parallel.process_analysis(n, skip) if n > 1 else None


@app.command()
def reanalyze(
    ctx: typer.Context,
    workers: Annotated[
        int | None, typer.Option("--workers", "-w", min=1, help="Worker processes [default: the number of cores].")
    ] = None,
    ray: Annotated[
        str | None, typer.Option("--ray", help="Analyze on Ray: `local` or a cluster ADDRESS (needs PostgreSQL).")
    ] = None,
    batch_size: Annotated[int, typer.Option(help="Articles per transaction.")] = 64,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    db: DbOption = None,
) -> None:
    """Re-run analysis and reconciliation over stored articles not analysed by this version (resumable)."""
    from rich.progress import Progress

    from corroborate.analyze import ANALYZER_VERSION
    from corroborate.reanalyze import reanalyze as run
    from corroborate.store.reanalysis import count_pending

    with _store(ctx, db) as store:
        total = count_pending(store, ANALYZER_VERSION)
        if not total:
            console.print(f"Every stored article is analysed with analyzer version {ANALYZER_VERSION}.")
            return
        parallel = _parallel_analysis(store, workers, ray, (), -(-total // max(1, batch_size)))
        try:
            with Progress(console=console, disable=quiet) as bar:
                task = bar.add_task("reanalyze", total=total)
                report = run(store, parallel.backend if parallel else None, version=ANALYZER_VERSION,
                             batch_size=batch_size, progress=lambda n: bar.advance(task, n))
        finally:
            if parallel is not None:
                parallel.close()
    console.print(f"[bold]{report.articles}[/bold] articles analysed with version {ANALYZER_VERSION} in "
                  f"{report.seconds:.1f}s; {len(report.stories)} dossiers rebuilt.")
    for failure in report.failures[:50]:
        err.print(f"  [red]✗[/red] {escape(failure.origin)}: {escape(failure.message)}", highlight=False)
    raise typer.Exit(0 if report.ok else 1)


@app.command()
def fetch(
    ctx: typer.Context,
    urls: Annotated[list[str], typer.Argument(help="Page or feed URLs (http/https).")],
    follow: Annotated[bool, typer.Option(help="For feeds, also fetch each entry's linked page.")] = False,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds per request.")] = 20.0,
    retries: Annotated[int, typer.Option(min=0, help="Retries on connection errors and 5xx/429.")] = 2,
    db: DbOption = None,
) -> None:
    """Fetch live pages and feeds over HTTP and ingest them."""
    from corroborate.read import fetch_urls

    with _store(ctx, db, must_exist=False) as store:
        docs = fetch_urls(urls, timeout=timeout, retries=retries, follow_feed_links=follow)
        report = render.run_ingest(store, docs, None, 16, False, console)
    render.ingest_summary(report, console, err)
    raise typer.Exit(0 if report.ok else 1)


@app.command()
def articles(
    ctx: typer.Context,
    lang: Annotated[str | None, typer.Option(help="Only this language (ISO 639-1).")] = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    story: Annotated[str | None, typer.Option(help="Only this story.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Rows to show.")] = 50,
    db: DbOption = None,
) -> None:
    """List stored articles as a table."""
    with _store(ctx, db) as store:
        render.articles_table(store, console, lang=lang, outlet=outlet, story=story, limit=limit)


@app.command()
def stories(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
    limit: Annotated[int, typer.Option(min=1, help="Stories to list.")] = 50,
    order: Annotated[StoryOrder, typer.Option(help="recent or size.")] = StoryOrder.size,
    text: Annotated[str | None, typer.Option("--search", help="Only stories whose articles contain these words (text, titles, entity names).")] = None,
    story: StoryOpt = None,
    since: SinceOpt = None,
    lang: LangOpt = None,
    outlet: OutletOpt = None,
    event_type: EventTypeOpt = None,
    conflicts_only: ConflictsOpt = False,
    place: Annotated[str | None, typer.Option("--place", help="Only stories at this place (any spelling).")] = None,
    db: DbOption = None,
) -> None:
    """List stories (id, title, #articles, #sources, languages, when, where)."""
    from corroborate.export import story_query

    query = story_query(story, _since(since), lang, outlet, event_type, conflicts_only, text, place, order.value, limit)
    with _store(ctx, db) as store:
        items, total = store.list_stories(query)
    if as_json:
        for item in items:
            sys.stdout.write(json.dumps(to_json(item), ensure_ascii=False) + "\n")
        return
    render.stories_table(items, total, console)


@app.command()
def show(
    ctx: typer.Context,
    story: Annotated[str, typer.Argument(help="Story id (from `corroborate stories`) or an article id in it.")],
    as_json: Annotated[bool, typer.Option("--json", help="The dossier as JSON (docs/design.md schema).")] = False,
    db: DbOption = None,
    since: Annotated[str | None, typer.Option("--since", help="Only what changed after this ISO time (2031-03-04T13:00).")] = None,
    brief_lang: Annotated[str | None, typer.Option("--brief-lang", help="The brief rebuilt from the facts in this language (en sv de es fr ar ru); the stored brief stays English.")] = None,
) -> None:
    """Show one story's dossier: its brief first, then facts with their claims and attributions, conflicts marked."""
    try:
        brief_code = None if brief_lang is None else brief_language(brief_lang)
    except ValueError as exc:
        err.print(f"[red]--brief-lang: {escape(str(exc))}[/red]")
        raise typer.Exit(2) from None
    with _store(ctx, db) as store:
        dossier = store.get_dossier(story)
        if dossier is None and (sid := store.article_story(story)):
            dossier = store.get_dossier(sid)
    if dossier is None:
        err.print(f"[red]No story {escape(repr(story))} in this database.[/red] List them with `corroborate stories`.")
        raise typer.Exit(2)
    if brief_code is not None:  # the brief read in another language, rebuilt from the same facts
        dossier = with_brief_in(dossier, brief_code)
    if since is not None:  # evolving stories: the changes after a moment
        try:
            dossier.updates = updates_since(dossier.updates, parse_since(since))
        except ValueError as exc:
            err.print(f"[red]--since: {escape(str(exc))}[/red]")
            raise typer.Exit(2) from None
        if not as_json:
            render.brief(dossier, console)
            render.changes(dossier.updates, console, since)
            return
    if as_json:
        sys.stdout.write(json.dumps(to_json(dossier), ensure_ascii=False, indent=2) + "\n")
        return
    render.dossier(dossier, console)


@export_app.command("articles")
def export_articles(
    ctx: typer.Context,
    text: Annotated[bool, typer.Option("--text", help="Include the clean text.")] = False,
    claims: Annotated[bool, typer.Option("--claims", help="Include the article's own claims.")] = False,
    story: StoryOpt = None,
    since: SinceOpt = None,
    lang: LangOpt = None,
    outlet: OutletOpt = None,
    event_type: EventTypeOpt = None,
    conflicts_only: ConflictsOpt = False,
    db: DbOption = None,
) -> None:
    """JSONL, one line per article: id, story, lang, title, published, source, url [, text] [, claims]."""
    from corroborate.export import article_lines, story_query

    query = story_query(story, _since(since), lang, outlet, event_type, conflicts_only)
    with _store(ctx, db) as store:
        for line in article_lines(store, query, text=text, claims=claims):
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")


@export_app.command("stories")
def export_stories(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help="jsonl (one dossier per line), geojson or acled (CSV).")] = "jsonl",
    story: StoryOpt = None,
    since: SinceOpt = None,
    lang: LangOpt = None,
    outlet: OutletOpt = None,
    event_type: EventTypeOpt = None,
    conflicts_only: ConflictsOpt = False,
    db: DbOption = None,
) -> None:
    """Stories: JSONL dossiers (docs/design.md schema), a GeoJSON FeatureCollection of event places, or ACLED-style CSV."""
    from corroborate import export

    writers = {"jsonl": export.write_stories_jsonl, "geojson": export.write_stories_geojson,
               "acled": export.write_stories_acled}
    if fmt not in writers:
        raise typer.BadParameter(f"unknown format {fmt!r}; use one of {', '.join(writers)}", param_hint="--format")
    query = export.story_query(story, _since(since), lang, outlet, event_type, conflicts_only)
    with _store(ctx, db) as store:
        writers[fmt](store, query, sys.stdout)


@export_app.command("facts")
def export_facts(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help="csv: one row per fact and per claim.")] = "csv",
    story: StoryOpt = None,
    since: SinceOpt = None,
    lang: LangOpt = None,
    outlet: OutletOpt = None,
    event_type: EventTypeOpt = None,
    conflicts_only: ConflictsOpt = False,
    db: DbOption = None,
) -> None:
    """CSV, one row per fact and per claim: story, slot, qualifier, status, consensus, claim, article, source..."""
    from corroborate import export

    if fmt != "csv":
        raise typer.BadParameter(f"unknown format {fmt!r}; facts export as csv", param_hint="--format")
    query = export.story_query(story, _since(since), lang, outlet, event_type, conflicts_only)
    with _store(ctx, db) as store:
        export.write_facts_csv(store, query, sys.stdout)


@app.command()
def delete(
    ctx: typer.Context,
    article_ids: Annotated[list[str] | None, typer.Argument(help="Ids of the articles to delete.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Delete every article of this outlet.")] = None,
    db: DbOption = None,
) -> None:
    """Delete articles and recompute their stories (emptied stories disappear; dossiers rebuilt)."""
    from corroborate.maintain import delete_articles

    if not article_ids and not outlet:
        raise typer.BadParameter("name articles to delete, or --outlet NAME", param_hint="ARTICLE_IDS")
    with _store(ctx, db) as store:
        report = delete_articles(store, article_ids or [], outlet=outlet)
    for aid in report.missing:
        err.print(f"[red]No article {escape(repr(aid))} in this database: skipped.[/red]")
    if outlet and not report.deleted and not report.missing:
        err.print(f"[red]No article from the outlet {escape(repr(outlet))} in this database.[/red] List them with "
                  "`corroborate articles`.")
    console.print(f"Deleted {len(report.deleted)} article(s); {len(report.stories)} story(ies) rebuilt, "
                  f"{len(report.removed_stories)} removed.")
    raise typer.Exit(0 if report.ok and (report.deleted or not outlet) else 1)


@app.command()
def similarity(
    pairs: Annotated[Path, typer.Option("--pairs", help="JSONL {pair_id, text1, text2 [, lang1, lang2]}.", exists=True, dir_okay=False)],
) -> None:
    """Score how likely two articles report the same event: prints JSONL {pair_id, score} (0..1)."""
    from corroborate.similarity import score_pairs

    failed = False
    for result in score_pairs(pairs):
        if "error" in result:
            err.print(f"[red]{escape(str(pairs))}:{result['line']}: {escape(str(result['error']))}[/red]")
            failed = True
            continue
        sys.stdout.write(json.dumps(result) + "\n")
    raise typer.Exit(1 if failed else 0)


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Interface to bind; loopback unless you mean to expose it.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    token: Annotated[
        str | None, typer.Option(envvar="CORROBORATE_INGEST_TOKEN", help="Bearer token that enables POST /api/articles.")
    ] = None,
    watch_sources: Annotated[
        Path | None, typer.Option("--watch", help="Also watch the feeds of this SOURCES file (see `watch`) in the background.")
    ] = None,
    db: DbOption = None,
) -> None:
    """Serve the web UI and the JSON API (docs at /docs)."""
    from corroborate.web import serve as run_server

    url = _db_url(ctx, db, must_exist=True)
    sources = _watch_sources(watch_sources) if watch_sources else None
    if sources:
        import logging

        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        logging.getLogger("httpx").setLevel(logging.WARNING)  # not a line per request
    console.print(escape(f"Corroborate on http://{host}:{port}/  (API docs: /docs; database: {url})"
                         + (f"; watching {len(sources)} feed(s)" if sources else "")))
    run_server(url, host=host, port=port, ingest_token=token, watch=sources)


# --------------------------------------------------------------------------- watch and alerts


def _watch_sources(path: Path, default_interval: float | None = None) -> list:
    from corroborate.watch import DEFAULT_INTERVAL, SourcesError, read_sources

    try:
        sources, problems = read_sources(path, default_interval or DEFAULT_INTERVAL)
    except SourcesError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from exc
    for problem in problems:
        err.print(f"[yellow]{escape(str(problem))}[/yellow]")
    if not sources:
        err.print(f"[red]{escape(str(path))}: no feed URL to watch.[/red] Give one `URL [INTERVAL]` per line, or an OPML file.")
        raise typer.Exit(2)
    return sources


@app.command()
def watch(
    ctx: typer.Context,
    sources: Annotated[Path, typer.Argument(help="Feed/sitemap URLs, one `URL [INTERVAL]` per line (e.g. `... 15m`), or OPML.")],
    once: Annotated[bool, typer.Option("--once", help="One pass over the due feeds, then exit.")] = False,
    max_cycles: Annotated[int | None, typer.Option(min=1, help="Stop after this many passes.")] = None,
    interval: Annotated[str, typer.Option(help="Default interval between polls of a feed (s/m/h/d).")] = "15m",
    host_delay: Annotated[float, typer.Option(min=0, help="Seconds between two requests to one host.")] = 1.0,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds per request.")] = 20.0,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per transaction.")] = 16,
    db: DbOption = None,
) -> None:
    """Poll RSS/Atom feeds and XML sitemaps continuously; fetch and ingest new articles (state in the database)."""
    from corroborate.watch import CycleReport, WatchConfig, Watcher, parse_interval

    try:
        default_interval = parse_interval(interval)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--interval") from exc
    feeds = _watch_sources(sources, default_interval)
    config = WatchConfig(host_delay=host_delay, timeout=timeout, batch_size=batch_size)
    cycles = 1 if once else max_cycles
    with _store(ctx, db, must_exist=False) as store, Watcher(store, config, say=lambda m: err.print(m, markup=False, highlight=False)) as watcher:
        watcher.set_sources(feeds)
        err.print(escape(f"watching {len(feeds)} feed(s) in {store!r}") + ("" if cycles else "; Ctrl-C to stop"))
        failed = 0

        def summary(report: CycleReport) -> None:
            nonlocal failed
            failed += report.failed
            err.print(f"pass: {report.polled} polled ({report.not_modified} unchanged, {len(report.feed_errors)} "
                      f"failed), {report.new_items} new, {report.ingested} ingested, {report.duplicates} duplicates, "
                      f"{report.failed} failed, {report.retry_later} to retry", highlight=False)

        try:
            watcher.run(max_cycles=cycles, on_cycle=summary)
        except KeyboardInterrupt:
            err.print("stopped; the state is saved, run `watch` again to resume")
    raise typer.Exit(1 if failed else 0)


alerts_app = typer.Typer(help="Saved alerts: add, list, remove; delivered after each ingest batch.", no_args_is_help=True)
app.add_typer(alerts_app, name="alerts")


@alerts_app.command("add")
def alerts_add(
    ctx: typer.Context,
    query: Annotated[str | None, typer.Option(help="Text in a title, entity or place of the story.")] = None,
    lang: Annotated[str | None, typer.Option(help="A language of the story (ISO 639-1).")] = None,
    place: Annotated[str | None, typer.Option(help="A place name of the story.")] = None,
    event_type: Annotated[str | None, typer.Option(help="The story's event type.")] = None,
    min_killed: Annotated[int | None, typer.Option(min=0, help="Only stories with at least this many killed.")] = None,
    on: Annotated[str, typer.Option(help="Events, comma-separated: new-story, conflict, revised, new-language, new-source.")] = "new-story,conflict,revised",
    webhook: Annotated[str | None, typer.Option(help="POST each alert as JSON to this URL.")] = None,
    secret: Annotated[str | None, typer.Option(envvar="CORROBORATE_ALERT_SECRET", help="HMAC-SHA256 key of the webhook's signature header.")] = None,
    jsonl: Annotated[str | None, typer.Option(help="Append each alert as a JSON line to this file ('-': standard output).")] = None,
    db: DbOption = None,
) -> None:
    """Save an alert; prints its id and its Atom feed's path."""
    from corroborate.alerts import add_watch, parse_events
    from corroborate.model import AlertWatch

    try:
        events = parse_events(on)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--on") from exc
    if webhook and not webhook.lower().startswith(("http://", "https://")):
        raise typer.BadParameter(f"{webhook!r} is not an http(s) URL", param_hint="--webhook")
    with _store(ctx, db, must_exist=False) as store:
        saved = add_watch(store, AlertWatch(id=0, events=events, query=query, lang=lang, place=place,
                                            event_type=event_type, min_killed=min_killed, webhook=webhook,
                                            secret=secret, jsonl=jsonl))
    console.print(f"alert {saved.id} saved: {','.join(saved.events)}; Atom feed at /feeds/alerts/{saved.id}.atom")


@alerts_app.command("list")
def alerts_list(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines (secrets left out).")] = False,
    db: DbOption = None,
) -> None:
    """List the saved alerts."""
    from corroborate.alerts import list_watches

    with _store(ctx, db) as store:
        watches = list_watches(store)
    for w in watches:
        data = {k: v for k, v in to_json(w).items() if k != "secret"}
        data["signed"] = bool(w.secret)
        if as_json:
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
            continue
        filters = ", ".join(f"{k}={data[k]}" for k in ("query", "lang", "place", "event_type", "min_killed")
                            if data[k] is not None) or "all stories"
        targets = ", ".join(x for x in (w.webhook and f"webhook {w.webhook}" + (" (signed)" if w.secret else ""),
                                        w.jsonl and f"jsonl {w.jsonl}", f"/feeds/alerts/{w.id}.atom") if x)
        console.print(f"[bold]{w.id}[/bold]  on {escape(','.join(w.events))}  {escape(filters)}  -> {escape(targets)}",
                      highlight=False)
    if not watches and not as_json:
        console.print("no alerts; add one with `corroborate alerts add --query TEXT`")


@alerts_app.command("remove")
def alerts_remove(ctx: typer.Context, alert_id: Annotated[int, typer.Argument(help="Id from `alerts list`.")],
                  db: DbOption = None) -> None:
    """Remove a saved alert and its log."""
    from corroborate.alerts import remove_watch

    with _store(ctx, db) as store:
        if not remove_watch(store, alert_id):
            err.print(f"[red]No alert {alert_id}.[/red] List them with `corroborate alerts list`.")
            raise typer.Exit(2)
    console.print(f"alert {alert_id} removed")


@alerts_app.command("log")
def alerts_log(ctx: typer.Context, alert_id: Annotated[int, typer.Argument(help="Id from `alerts list`.")],
               limit: Annotated[int, typer.Option(min=1, help="Latest alerts to print.")] = 50,
               db: DbOption = None) -> None:
    """The alerts raised for one saved alert, newest first, as JSON lines."""
    from corroborate.alerts import alerts_of, get_watch

    with _store(ctx, db) as store:
        if get_watch(store, alert_id) is None:
            err.print(f"[red]No alert {alert_id}.[/red] List them with `corroborate alerts list`.")
            raise typer.Exit(2)
        for logged in alerts_of(store, alert_id, limit):
            sys.stdout.write(json.dumps(logged.payload, ensure_ascii=False) + "\n")


@alerts_app.command("deliver")
def alerts_deliver(ctx: typer.Context, db: DbOption = None) -> None:
    """Deliver the alerts still pending (a webhook that was down; also done after every batch)."""
    from corroborate.alerts import Deliverer, pending

    with _store(ctx, db) as store:
        done = Deliverer(store).deliver_pending()
        left = len(pending(store))
    console.print(f"{done} delivered, {left} still pending")
    raise typer.Exit(1 if left else 0)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
