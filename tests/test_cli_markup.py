"""Stored names are data, never rich markup: hostile outlet, entity, title and attribution strings print
as written in `stories`, `articles` and `show`, and a bracket in them crashes nothing."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from corroborate import testing
from corroborate.cli import app
from corroborate.model import Assignment, Carrier, Entity, Story
from corroborate.store import Batch, Store

OUTLET = "[bold red]Evil Gazette[/]"
ENTITY = "[link=https://evil.example]Quint[/link] [/]"
TITLE = "Ferry [/bold] sinks [blink]near[/blink] Velmora"
WHO = "[red]the harbour office[/red"
CARRIER = "[/][i]Copy Wire"


def _hostile_db(path: Path) -> str:
    db = str(path / "hostile.db")
    arts = [testing.article(1, outlet=OUTLET), testing.article(2, outlet="plain.example")]
    arts[0].title = TITLE
    dossier = testing.dossier("s-[x]", arts)
    dossier.title = TITLE
    dossier.entities.append(Entity(name=ENTITY, kind="org", variants=[ENTITY, "[/]"], articles=[arts[0].id],
                                   key="quint evil"))
    dossier.facts[0].claims[0].attributed_to = WHO
    dossier.framing[0].terms = {"[b]ferry[/b]": ["[/]boat"]}
    dossier.framing[0].quoted = ["[/]"]
    dossier.articles[0].carried_by = [Carrier(CARRIER, None, None)]
    story = Story(id="s-[x]", article_ids=[a.id for a in arts], title=TITLE)
    with Store(db) as store:
        store.write_batch(Batch(articles=[(a, testing.analysis(a)) for a in arts],
                                assignments=[Assignment(a.id, story.id, 0.9, i == 0) for i, a in enumerate(arts)],
                                stories=[story], dossiers=[dossier]))
    return db


def test_hostile_names_print_as_written(tmp_path: Path) -> None:
    db = _hostile_db(tmp_path)
    runner = CliRunner()
    env = {"COLUMNS": "400"}
    shown = runner.invoke(app, ["--db", db, "show", "s-[x]"], env=env)
    assert shown.exit_code == 0, shown.output
    for text in (OUTLET, ENTITY, TITLE, WHO, "[b]ferry[/b]", "[/]boat", "carried by " + CARRIER):
        assert text in shown.output, text
    listed = runner.invoke(app, ["--db", db, "stories"], env=env)
    assert listed.exit_code == 0 and "s-[x]" in listed.output and TITLE in listed.output
    articles = runner.invoke(app, ["--db", db, "articles", "--outlet", OUTLET], env=env)
    assert articles.exit_code == 0 and OUTLET in articles.output and TITLE in articles.output
    missing = runner.invoke(app, ["--db", db, "show", "[/]nope"], env=env)
    assert missing.exit_code == 2 and "[/]nope" in missing.output
    gone = runner.invoke(app, ["--db", db, "delete", "[bold]x[/]"], env=env)
    assert gone.exit_code == 1 and "[bold]x[/]" in gone.output
