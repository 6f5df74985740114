"""The brief read in another language: `show --brief-lang`, `GET /api/stories/{id}?brief_lang=` and the
dossier page's `?brief_lang=` rebuild it from the stored facts (same figures and links); the stored
dossier keeps its English brief; a language without templates is a usage error (exit 2 / 422)."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator

import pytest
from test_web_evolving import REPORTS
from typer.testing import CliRunner

from corroborate.cli import app
from corroborate.pipeline import Ingestor
from corroborate.read import read_paths
from corroborate.store import Store
from corroborate.web import create_app

with warnings.catch_warnings():  # starlette's notice about httpx versions is not ours to fix
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("brief_lang")
    (folder / "reports.jsonl").write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    path = str(folder / "ev.db")
    with Store(path) as store:
        assert Ingestor(store).ingest(read_paths([str(folder / "reports.jsonl")])).ok
    return path


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as c:
        yield c


def _story_id(db: str) -> str:
    with Store(db) as store:
        return store.article_stories()["dun-1"]


def _links(brief: list[dict]) -> list:
    return [(s["kind"], s["facts"], [(lk["kind"], lk["fact"], lk["value"]) for lk in s["links"]]) for s in brief]


def test_cli_show_brief_lang(db: str) -> None:
    runner = CliRunner()
    german = runner.invoke(app, ["--db", db, "show", "dun-1", "--brief-lang", "de"])
    assert german.exit_code == 0, german.output
    assert "Die Zahl der Toten" in german.output and "9 people killed" not in german.output
    english = json.loads(runner.invoke(app, ["--db", db, "show", "dun-1", "--json"]).output)
    russian = json.loads(runner.invoke(app, ["--db", db, "show", "dun-1", "--json", "--brief-lang", "RU"]).output)
    assert russian["brief"][0]["text"].startswith("Число погибших")
    assert _links(russian["brief"]) == _links(english["brief"])
    assert {k: v for k, v in russian.items() if k != "brief"} == {k: v for k, v in english.items() if k != "brief"}
    since = runner.invoke(app, ["--db", db, "show", "dun-1", "--since", "2025-03-03T20:00", "--brief-lang", "es"])
    assert since.exit_code == 0 and "La cifra de muertos" in since.output and "dun-3" in since.output


def test_cli_refuses_a_language_without_templates(db: str) -> None:
    bad = CliRunner().invoke(app, ["--db", db, "show", "dun-1", "--brief-lang", "xx"])
    assert bad.exit_code == 2 and "--brief-lang" in bad.output and "en, sv, de" in bad.output


def test_api_brief_lang(client: TestClient, db: str) -> None:
    story = _story_id(db)
    english = client.get(f"/api/stories/{story}").json()
    french = client.get(f"/api/stories/{story}", params={"brief_lang": "fr"}).json()
    assert french["brief"][0]["text"].startswith("Le nombre de morts")
    assert _links(french["brief"]) == _links(english["brief"])
    assert {k: v for k, v in french.items() if k != "brief"} == {k: v for k, v in english.items() if k != "brief"}
    both = client.get(f"/api/stories/{story}", params={"brief_lang": "sv", "since": "2025-03-03T12:00"}).json()
    assert both["brief"][0]["text"].startswith("Antalet döda") and [u["article"] for u in both["updates"]] == ["dun-2", "dun-3"]
    assert client.get(f"/api/stories/{story}").json()["brief"] == english["brief"]  # the stored brief stays English
    refused = client.get(f"/api/stories/{story}", params={"brief_lang": "xx"})
    assert refused.status_code == 422 and "en, sv, de" in refused.text


def test_page_brief_lang_and_switch(client: TestClient, db: str) -> None:
    story = _story_id(db)
    arabic = client.get(f"/stories/{story}", params={"brief_lang": "ar"})
    assert arabic.status_code == 200 and "بلغ عدد القتلى" in arabic.text
    assert '<ul class="brief" lang="ar" dir="rtl">' in arabic.text and 'class="brief-figure" href="/articles/dun-3#claim-' in arabic.text
    assert '<strong aria-current="true" lang="ar">ar</strong>' in arabic.text
    assert 'href="?brief_lang=ru#brief"' in arabic.text
    english = client.get(f"/stories/{story}").text  # cached apart: the plain page stays English
    assert "people killed, according to" in english and "بلغ عدد القتلى" not in english
    assert '<ul class="brief" lang="en" dir="ltr">' in english
    assert client.get(f"/stories/{story}", params={"brief_lang": "xx"}).status_code == 422
