"""The command line's contract: usage errors exit 2 with one line, read commands never create a database,
--version and -h, folder ingest reads the listed extensions only, tables fit, progress per document."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from corroborate import render
from corroborate.cli import app
from corroborate.model import Document
from corroborate.pipeline import Ingestor
from corroborate.store import Store, StorySummary
from corroborate.tables import fit_widths

runner = CliRunner()
TEXT = "A rockfall at the Velmora quarry killed three workers on Monday, the regional mine inspector said."


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "quarry.txt").write_text(TEXT, encoding="utf-8")
    (folder / "notes.md").write_text("# Spec\nFive workers were hurt in the spec, said nobody.", encoding="utf-8")
    (folder / "tool.py").write_text("print('three people killed')\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("args", [
    ["ingest", "--batch-size", "0", "x"],
    ["ingest", "--batch-size", "-5", "x"],
    ["stories", "--order", "bogus"],
    ["stories", "--limit", "-1"],
    ["articles", "--limit", "-1"],
    ["--db", "missing_dir/x.db", "ingest", "x"],
    ["no-such-command"],
    ["show"],
])
def test_usage_errors_exit_2_with_one_line(args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x").write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and "error" in lines[0], result.output


@pytest.mark.parametrize("command", [["stories"], ["show", "s1"], ["articles"], ["export", "articles"],
                                     ["export", "stories"], ["serve"]])
def test_read_commands_refuse_a_database_that_does_not_exist(command: list[str], tmp_path: Path) -> None:
    db = tmp_path / "typo.db"
    result = runner.invoke(app, [*command, "--db", str(db)])
    assert result.exit_code == 2 and "does not exist" in result.output
    assert not db.exists()


def test_version_and_short_help() -> None:
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and version.output.startswith("corroborate ")
    for args in (["-h"], ["stories", "-h"], ["export", "-h"]):
        shown = runner.invoke(app, args)
        assert shown.exit_code == 0 and "Usage" in shown.output


def test_folder_ingest_reads_listed_extensions_only(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    result = runner.invoke(app, ["ingest", "--quiet", "--skip", "embed", str(corpus), "--db", db])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        assert [a.id for a in store.iter_articles(with_text=False)] == ["quarry"]
    taken = runner.invoke(app, ["ingest", "--quiet", "--skip", "embed", "--include", "*.md", str(corpus), "--db", db])
    assert taken.exit_code == 0, taken.output
    with Store(db) as store:
        assert sorted(a.id for a in store.iter_articles(with_text=False)) == ["notes", "quarry"]


def _summary(sid: str, title: str) -> StorySummary:
    return StorySummary(id=sid, title=title, n_articles=3, n_sources=2, languages=["en", "fr", "sv"],
                        first_published=datetime(2024, 3, 1, tzinfo=UTC), last_published=None,
                        where="Kettering Vale", event_type="accident", has_conflict=True)


@pytest.mark.parametrize("width", [80, 120, 200])
def test_story_table_fits_the_terminal_ids_whole(width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=True, color_system=None)
    long_id = "s" + "0123456789abcdef" * 2
    items = [_summary(long_id, "Ferry strikes the pier at Ostrand harbour, eleven passengers injured"),
             _summary("s2", "Flash floods displace families in the valley")]
    render.stories_table(items, 2, console)
    lines = out.getvalue().splitlines()
    assert all(len(line) <= width for line in lines)
    assert any(long_id in line for line in lines)
    row = next(line for line in lines if long_id in line)
    assert "Ferry strikes" in row  # the title keeps what the id and the short columns leave


def test_piped_table_is_not_squeezed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    out = io.StringIO()
    console = Console(file=out, width=80, force_terminal=False, color_system=None)
    title = "A long title about a ferry striking the pier at Ostrand harbour with eleven passengers injured"
    render.stories_table([_summary("s1", title)], 1, console)
    assert title in out.getvalue()


def test_fit_widths_gives_way_on_other_columns_first() -> None:
    widths = fit_widths([20, 70, 4, 30], ["id", "flex", "fixed", "flex"], 80)
    assert widths[0] == 20 and widths[2] == 4
    assert sum(widths) + 5 <= 80 and widths[1] >= 26


def test_progress_advances_per_document(tmp_path: Path) -> None:
    from corroborate.analyze import Analyzer

    steps: list[int] = []
    docs = [Document(origin=f"d{i}.txt", content=f"{TEXT} Rescue team {i} arrived.", kind="text", given_id=f"d{i}")
            for i in range(5)]
    with Store(str(tmp_path / "p.db")) as store:
        Ingestor(store, Analyzer(skip=("embed",)), lazy_embed=False).ingest(docs, batch_size=64, progress=steps.append)
    assert steps == [1, 1, 1, 1, 1]
