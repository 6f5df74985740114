"""End-to-end through the CLI: ingest a small multilingual set, list, show, export; --db both sides; exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate.cli import app

runner = CliRunner()

ARTICLES = [
    ("harbour-1.txt", "Gunmen kill nine in raid on Lakeside market\n\nPublished 2024-03-14\n\n"
     "Gunmen attacked the central market of Lakeside, Kenya, on Wednesday night, killing nine people, "
     "including three children, according to the Kenya Red Cross. Police said the attackers fled on motorbikes. "
     "Residents described hours of gunfire. The regional governor, Amina Wekesa, condemned the attack."),
    ("harbour-2.txt", "Nine dead after night attack on Lakeside market\n\nPublished 2024-03-14\n\n"
     "Nine people were killed when gunmen stormed the market in Lakeside, Kenya, late on Wednesday, the Kenya Red Cross said. "
     "Among the dead were two children, a police spokesman said. Governor Amina Wekesa called for calm and promised an inquiry."),
    ("nordic-1.txt", "Nio döda i attack mot marknad i Kenya\n\nPublicerad 2024-03-14\n\n"
     "Beväpnade män attackerade marknaden i Lakeside i Kenya sent på onsdagskvällen. Enligt Röda korset dödades nio personer, "
     "varav tre barn. Guvernören Amina Wekesa fördömde attacken."),
    ("flood-1.txt", "Floods cut roads across Bavaria\n\nPublished 2024-06-02\n\n"
     "Heavy rain flooded towns across Bavaria, Germany, on Saturday. Two people were reported missing near Passau, "
     "according to the fire brigade. Hundreds of residents were evacuated overnight."),
]


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES:
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "broken.jsonl").write_text('{"id": "ok-1", "text": "A short but valid article about nothing in particular happened here today."}\n{not json\n', encoding="utf-8")
    return folder


def test_ingest_list_show_export(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    result = runner.invoke(app, ["--db", db, "ingest", "--quiet", str(corpus)])
    assert result.exit_code == 1, result.output  # one malformed JSON line
    assert "broken.jsonl:2" in result.output
    again = runner.invoke(app, ["ingest", "--quiet", str(corpus / "harbour-1.txt"), "--db", db])
    assert again.exit_code == 0, again.output
    assert "0 new articles" in again.output

    listed = runner.invoke(app, ["stories", "--json", "--db", db])
    assert listed.exit_code == 0
    stories = [json.loads(line) for line in listed.output.splitlines()]
    assert stories and all("id" in s for s in stories)

    exported = runner.invoke(app, ["--db", db, "export", "articles", "--claims"])
    lines = [json.loads(line) for line in exported.output.splitlines()]
    by_id = {line["id"]: line for line in lines}
    assert {"harbour-1", "harbour-2", "nordic-1", "flood-1", "ok-1"} <= set(by_id)
    assert all(set(line) >= {"id", "story", "lang", "title", "published", "source", "url", "claims"} for line in lines)
    assert by_id["nordic-1"]["lang"] == "sv"
    market = {by_id[i]["story"] for i in ("harbour-1", "harbour-2", "nordic-1")}
    assert len(market) == 1, market
    assert by_id["flood-1"]["story"] not in market

    story = market.pop()
    shown = runner.invoke(app, ["show", story, "--json", "--db", db])
    assert shown.exit_code == 0, shown.output
    dossier = json.loads(shown.output)
    assert set(dossier) >= {"id", "title", "languages", "articles", "event", "entities", "facts", "framing", "related"}
    children = [f for f in dossier["facts"] if f["slot"] == "killed" and f["qualifier"].get("group") == "children"]
    assert children and children[0]["status"] == "conflicting"
    readable = runner.invoke(app, ["--db", db, "show", story])
    assert "conflicting" in readable.output

    stories_jsonl = runner.invoke(app, ["--db", db, "export", "stories"])
    assert len(stories_jsonl.output.splitlines()) == len(stories)


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert runner.invoke(app, ["no-such-command"]).exit_code == 2
    assert runner.invoke(app, ["--db", str(tmp_path / "x.db"), "show", "nope"]).exit_code == 2


def test_every_command_has_help() -> None:
    for args in (["--help"], ["ingest", "--help"], ["fetch", "--help"], ["articles", "--help"], ["stories", "--help"],
                 ["show", "--help"], ["export", "articles", "--help"], ["export", "stories", "--help"],
                 ["similarity", "--help"], ["serve", "--help"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, args
        assert "--db" in result.output or args[0] in ("--help", "similarity") or args == ["export", "--help"]
