"""An evolving story on the web and the CLI: the brief first with figures linked to their quotes, a revised
figure as its path with a "revised" badge, superseded claims greyed, `?since=` / `--since` give the changes."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from corroborate.cli import app
from corroborate.pipeline import Ingestor
from corroborate.read import read_paths
from corroborate.store import Store
from corroborate.web import create_app

with warnings.catch_warnings():  # starlette's notice about httpx versions is not ours to fix
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

REPORTS = [  # invented: a bakery explosion in a made-up town, told over two days by two outlets
    {"id": "dun-1", "date": "2025-03-03T08:00:00+00:00", "source": "first.example", "lang": "en",
     "title": "Gas explosion at Dunmere bakery",
     "text": "Three people were killed when a gas explosion tore through a bakery in Dunmere on Monday, police "
             "said. Firefighters searched the ruins of the building on Harbour Street for most of the morning."},
    {"id": "dun-2", "date": "2025-03-03T13:00:00+00:00", "source": "second.example", "lang": "en",
     "title": "Dunmere bakery explosion: toll rises",
     "text": "The death toll from the bakery explosion in Dunmere rose to seven, police said. Firefighters "
             "searched the ruins of the building on Harbour Street, where the gas explosion struck on Monday."},
    {"id": "dun-3", "date": "2025-03-04T07:00:00+00:00", "source": "first.example", "lang": "en",
     "title": "Two more die after Dunmere bakery explosion",
     "text": "Two more people died in hospital overnight, police said. The gas explosion destroyed a bakery "
             "on Harbour Street in Dunmere on Monday; investigators are examining the gas pipes."},
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("evolving")
    (folder / "reports.jsonl").write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    path = str(folder / "ev.db")
    with Store(path) as store:
        report = Ingestor(store).ingest(read_paths([str(folder / "reports.jsonl")]))
        assert report.ok, report.failures
        assert len(set(store.article_stories().values())) == 1, store.article_stories()
    return path


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as c:
        yield c


def _story_id(db: str) -> str:
    with Store(db) as store:
        return store.article_stories()["dun-1"]


def test_dossier_page_shows_brief_path_badge_and_greyed_claims(client: TestClient, db: str) -> None:
    html = client.get(f"/stories/{_story_id(db)}").text
    assert html.index('id="brief"') < html.index('id="facts"')
    assert 'class="brief-figure" href="/articles/dun-3#claim-' in html  # the 9 links to the quote giving it
    assert "3 → 7 → 9" in html and "status-revised" in html
    assert html.count('class="superseded"') == 2
    assert "What changed, report by report" in html


def test_api_since_gives_the_changes_after_a_moment(client: TestClient, db: str) -> None:
    story = _story_id(db)
    full = client.get(f"/api/stories/{story}").json()
    assert len(full["updates"]) == 3 and full["facts"][0]["revised"] is True
    later = client.get(f"/api/stories/{story}", params={"since": "2025-03-03T12:00"}).json()
    assert [u["article"] for u in later["updates"]] == ["dun-2", "dun-3"]
    assert client.get(f"/api/stories/{story}", params={"since": "soon"}).status_code == 422


def test_cli_show_prints_the_brief_first_and_since(db: str) -> None:
    runner = CliRunner()
    shown = runner.invoke(app, ["--db", db, "show", "dun-1"])
    assert shown.exit_code == 0, shown.output
    assert shown.output.index("Brief") < shown.output.index("Dossier")
    assert "9 people killed" in shown.output and "revised" in shown.output
    since = runner.invoke(app, ["--db", db, "show", "dun-1", "--since", "2025-03-03T20:00"])
    assert since.exit_code == 0 and "dun-3" in since.output and "dun-2" not in since.output
    assert "revised 7 -> 9" in since.output
    assert runner.invoke(app, ["--db", db, "show", "dun-1", "--since", "soon"]).exit_code == 2
