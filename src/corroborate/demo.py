"""`python -m corroborate.demo --db demo.db`: show what the demo corpus became (after `ingest`)."""

from __future__ import annotations

import argparse
import sys

from rich.console import Console
from rich.markup import escape

from corroborate import render
from corroborate.store import Store, StoryQuery


def main() -> None:
    parser = argparse.ArgumentParser(description="Print the stories and the most disputed dossier of a database.")
    parser.add_argument("--db", default="demo.db")
    args = parser.parse_args()
    # a captured or piped demo would wrap at rich's default 80 columns: the dossier table needs more
    console = Console() if sys.stdout.isatty() else Console(width=150)
    with Store(args.db) as store:
        console.rule("[bold]What was ingested")
        console.print("articles per language: " + ", ".join(f"{k} {v}" for k, v in sorted(store.counts("lang").items())), markup=False)
        console.print("articles per outlet: " + ", ".join(f"{k or '(unknown)'} {v}" for k, v in sorted(store.counts("outlet").items())),
                      markup=False)
        failures = store.failures()
        console.print(f"failed inputs: {len(failures)}" + "".join(f"\n  {f.origin}: {f.message}" for f in failures),
                      markup=False)
        console.rule("[bold]Stories")
        items, total = store.list_stories(StoryQuery(order="size", limit=20))
        render.stories_table(items, total, console)
        multi = [s for s in items if s.n_articles > 1]
        disputed = [s for s in multi if s.has_conflict] or multi or items
        if disputed:
            dossier = store.get_dossier(disputed[0].id)
            if dossier is not None:
                console.rule(f"[bold]Dossier of the biggest disputed story: {dossier.id}")
                render.dossier(dossier, console)
        _show_evolving(store, items, console, shown=disputed[0].id if disputed else None)
        related = [s for s in items if (d := store.get_story(s.id)) and d.related]
        for s in related[:2]:
            story = store.get_story(s.id)
            links = ", ".join(f"{r.story} ({r.relation}, {r.score:.2f})" for r in story.related) if story else ""
            console.print(f"[bold]{escape(s.id)}[/bold] {escape(s.title or '')} → related: {escape(links)}")
    console.rule("[bold]Next")
    console.print(f"Web UI:   .venv/bin/corroborate --db {args.db} serve   then open http://127.0.0.1:8000/")
    console.print(f"Dossier:  .venv/bin/corroborate --db {args.db} show STORY_ID [--json]")
    console.print(f"Export:   .venv/bin/corroborate --db {args.db} export stories > stories.jsonl")
    console.print(f"Watch:    .venv/bin/corroborate --db {args.db} watch feeds.txt   (`URL [15m]` per line, or OPML)")
    console.print(f"Alerts:   .venv/bin/corroborate --db {args.db} alerts add --query TEXT --on new-story,conflict,revised "
                  "[--webhook URL --secret S] [--jsonl FILE]")
    console.print("Feeds:    http://127.0.0.1:8000/feeds/stories.atom (filters as the list: ?lang=&outlet=&event_type="
                  "&conflict=true&q=) and /feeds/alerts/ID.atom")


def _show_evolving(store: Store, items: list, console: Console, shown: str | None) -> None:
    """The dossier of the story whose figures changed most over time: its brief, revised figures and
    conflicts, and what each report changed."""
    best = None
    for s in items:
        if s.id == shown or s.n_articles < 2:
            continue
        dossier = store.get_dossier(s.id)
        revised = sum(f.revised for f in dossier.facts) if dossier else 0
        if dossier is not None and revised and (best is None or revised > best[0]):
            best = (revised, dossier)
    if best is None:
        return
    dossier = best[1]
    console.rule(f"[bold]An evolving story: {dossier.id} (figures revised over time, a disputed toll)")
    render.dossier(dossier, console)
    render.changes(dossier.updates, console)


if __name__ == "__main__":
    main()
