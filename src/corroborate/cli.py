"""The `corroborate` command: a thin Typer layer over the library.

`--db` is accepted before the command and after it; default $CORROBORATE_DB, else ./corroborate.db.
Exit status: 0 success, 1 some inputs failed (the rest done), 2 usage error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from corroborate import render
from corroborate.model import to_json

app = typer.Typer(
    help="Corroborate: what each source claims about an event, who it attributes it to, where they agree or conflict.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
export_app = typer.Typer(help="Export articles or stories as JSONL.", no_args_is_help=True)
app.add_typer(export_app, name="export")

console = Console()
err = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database: a SQLite path or a postgresql:// URL [env: CORROBORATE_DB; default ./corroborate.db]."),
]


@app.callback()
def main_options(ctx: typer.Context, db: DbOption = None) -> None:
    ctx.obj = {"db": db}


def _store(ctx: typer.Context, db: str | None):
    from corroborate.store import Store

    return Store(db or (ctx.obj or {}).get("db"))


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files or folders: .txt .html .json .jsonl .warc(.gz) .rss/.atom/.xml")],
    include: Annotated[list[str], typer.Option("--include", "-i", help="Glob of files to take inside folders (repeatable).")] = [],  # noqa: B006
    exclude: Annotated[list[str], typer.Option("--exclude", "-x", help="Glob of files to skip inside folders (repeatable).")] = [],  # noqa: B006
    batch_size: Annotated[int, typer.Option(help="Articles per transaction.")] = 64,
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
    with _store(ctx, db) as store:
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
            err.print(f"[red]{exc}[/red]")
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
        err.print(f"  [red]✗[/red] {failure.origin}: {failure.message}")
    raise typer.Exit(0 if report.ok else 1)


@app.command()
def fetch(
    ctx: typer.Context,
    urls: Annotated[list[str], typer.Argument(help="Page or feed URLs (http/https).")],
    follow: Annotated[bool, typer.Option(help="For feeds, also fetch each entry's linked page.")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds per request.")] = 20.0,
    retries: Annotated[int, typer.Option(help="Retries on connection errors and 5xx/429.")] = 2,
    db: DbOption = None,
) -> None:
    """Fetch live pages and feeds over HTTP and ingest them."""
    from corroborate.read import fetch_urls

    with _store(ctx, db) as store:
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
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 50,
    db: DbOption = None,
) -> None:
    """List stored articles as a table."""
    with _store(ctx, db) as store:
        render.articles_table(store, console, lang=lang, outlet=outlet, story=story, limit=limit)


@app.command()
def stories(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
    limit: Annotated[int, typer.Option(help="Stories to list.")] = 50,
    order: Annotated[str, typer.Option(help="recent or size.")] = "size",
    text: Annotated[str | None, typer.Option("--search", help="Only stories whose titles contain this.")] = None,
    db: DbOption = None,
) -> None:
    """List stories (id, title, #articles, #sources, languages, when, where)."""
    from corroborate.store import StoryQuery

    with _store(ctx, db) as store:
        items, total = store.list_stories(StoryQuery(text=text, order=order, limit=limit))
    if as_json:
        for item in items:
            sys.stdout.write(json.dumps(to_json(item), ensure_ascii=False) + "\n")
        return
    render.stories_table(items, total, console)


@app.command()
def show(
    ctx: typer.Context,
    story: Annotated[str, typer.Argument(help="Story id (from `corroborate stories`) or an article id in it.")],
    as_json: Annotated[bool, typer.Option("--json", help="The dossier as JSON (DESIGN.md schema).")] = False,
    db: DbOption = None,
) -> None:
    """Show one story's dossier: facts with their claims and attributions, conflicts marked."""
    with _store(ctx, db) as store:
        dossier = store.get_dossier(story)
        if dossier is None and (sid := store.article_story(story)):
            dossier = store.get_dossier(sid)
    if dossier is None:
        err.print(f"[red]No story {story!r} in this database.[/red] List them with `corroborate stories`.")
        raise typer.Exit(2)
    if as_json:
        sys.stdout.write(json.dumps(to_json(dossier), ensure_ascii=False, indent=2) + "\n")
        return
    render.dossier(dossier, console)


@export_app.command("articles")
def export_articles(
    ctx: typer.Context,
    text: Annotated[bool, typer.Option("--text", help="Include the clean text.")] = False,
    claims: Annotated[bool, typer.Option("--claims", help="Include the article's own claims.")] = False,
    db: DbOption = None,
) -> None:
    """JSONL, one line per article: id, story, lang, title, published, source, url [, text] [, claims]."""
    with _store(ctx, db) as store:
        for line in render.article_lines(store, text=text, claims=claims):
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")


@export_app.command("stories")
def export_stories(ctx: typer.Context, db: DbOption = None) -> None:
    """JSONL, one dossier per line (DESIGN.md schema)."""
    with _store(ctx, db) as store:
        for dossier in store.iter_dossiers():
            sys.stdout.write(json.dumps(to_json(dossier), ensure_ascii=False) + "\n")


@app.command()
def similarity(
    pairs: Annotated[Path, typer.Option("--pairs", help="JSONL {pair_id, text1, text2 [, lang1, lang2]}.", exists=True, dir_okay=False)],
) -> None:
    """Score how likely two articles report the same event: prints JSONL {pair_id, score} (0..1)."""
    from corroborate.similarity import score_pairs

    failed = False
    for result in score_pairs(pairs):
        if "error" in result:
            err.print(f"[red]{pairs}:{result['line']}: {result['error']}[/red]")
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
    db: DbOption = None,
) -> None:
    """Serve the web UI and the JSON API (docs at /docs)."""
    from corroborate.store import resolve_db_url
    from corroborate.web import serve as run_server

    url = resolve_db_url(db or (ctx.obj or {}).get("db"))
    console.print(f"Corroborate on http://{host}:{port}/  (API docs: /docs; database: {url})")
    run_server(url, host=host, port=port, ingest_token=token)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
