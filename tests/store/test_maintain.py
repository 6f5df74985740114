"""Corpus maintenance: a new version of an article replaces the old one (kept in its history), and
`delete` takes a junk article out of its story and restores the story's facts. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corroborate.maintain import delete_articles
from corroborate.model import Document
from corroborate.pipeline import ingest_documents
from corroborate.store import Store


def _doc(aid: str, source: str, hour: int, title: str, text: str) -> Document:
    return Document(origin=f"test:{aid}", content=text, kind="text", given_id=aid, title=title,
                    published=f"2033-03-14T{hour:02d}:00:00Z", source=source, lang="en")


BOMBING = [
    _doc("qv-1", "harbourpost.example", 8, "Car bomb kills 13 in Quillverne market",
         "A car bomb exploded in the central market of Quillverne on Monday morning, killing 13 people, "
         "the provincial governor Ardo Mennick said. Dozens of stalls were destroyed."),
    _doc("qv-2", "valleytimes.example", 10, "Quillverne market bombing leaves 13 dead",
         "Thirteen people were killed when a car bomb went off in the Quillverne market on Monday, "
         "governor Ardo Mennick told reporters. Police sealed off the market."),
    _doc("qv-3", "northwire.example", 12, "Governor Mennick: 13 killed in Quillverne car bomb",
         "The car bomb attack on the Quillverne market killed 13 people on Monday, according to governor "
         "Ardo Mennick. Witnesses described a loud blast near the stalls."),
]
JUNK = _doc("qv-junk", "rumourmill.example", 14, "Quillverne market car bomb kills 90",
            "A car bomb in the Quillverne market killed 90 people on Monday, governor Ardo Mennick was "
            "quoted as saying. The market stalls were destroyed by the blast.")


def _killed(store: Store, article_id: str) -> dict:
    sid = store.article_story(article_id)
    assert sid is not None
    dossier = store.get_dossier(sid)
    assert dossier is not None
    facts = [f for f in dossier.facts if f.slot == "killed" and not f.qualifier]
    assert facts, [f.slot for f in dossier.facts]
    return {"story": sid, "min": facts[0].consensus.min, "max": facts[0].consensus.max,
            "articles": store.story_article_ids(sid)}


def test_delete_restores_the_story_facts(db_url: str) -> None:
    with Store(db_url) as store:
        ingest_documents(store, BOMBING)
        clean = _killed(store, "qv-1")
        assert (clean["min"], clean["max"]) == (13, 13)
        ingest_documents(store, [JUNK])
        poisoned = _killed(store, "qv-1")
        assert "qv-junk" in poisoned["articles"] and poisoned["max"] == 90
        report = delete_articles(store, ["qv-junk", "no-such-article"])
        assert report.deleted == ["qv-junk"] and report.missing == ["no-such-article"] and not report.ok
        assert poisoned["story"] in report.stories
        restored = _killed(store, "qv-1")
        assert (restored["min"], restored["max"]) == (13, 13)
        assert restored["articles"] == ["qv-1", "qv-2", "qv-3"]
        assert store.get_article("qv-junk") is None
        assert [h["reason"] for h in store.article_history("qv-junk")] == ["deleted"]
        # the summary follows: three articles, three outlets
        summary = {s.id: s for s in store.list_stories()[0]}[restored["story"]]
        assert (summary.n_articles, summary.n_sources) == (3, 3)


def test_delete_by_outlet_and_an_emptied_story_disappears(db_url: str) -> None:
    lone = _doc("lone-1", "islandnews.example", 9, "Ferry runs aground near Tassel Point",
                "A ferry ran aground near Tassel Point on Tuesday. All 40 passengers were rescued unharmed.")
    with Store(db_url) as store:
        ingest_documents(store, [*BOMBING, lone])
        sid = store.article_story("lone-1")
        report = delete_articles(store, outlet="islandnews.example")
        assert report.deleted == ["lone-1"] and report.removed_stories == [sid]
        assert store.get_story(sid) is None and store.get_dossier(sid) is None
        assert sid not in {s.id for s in store.list_stories()[0]}
        assert store.article_story("qv-1") is not None


def test_an_updated_article_replaces_its_figures_and_keeps_its_history(db_url: str) -> None:
    with Store(db_url) as store:
        ingest_documents(store, BOMBING)
        revised = _doc("qv-3", "northwire.example", 12, "Governor Mennick: toll rises to 15 in Quillverne",
                       "The car bomb attack on the Quillverne market killed 15 people, governor Ardo Mennick said "
                       "on Monday evening as two of the wounded died. Witnesses described a loud blast.")
        report = ingest_documents(store, [revised])
        assert report.updated == ["qv-3"] and report.ingested == 1 and report.duplicates == 0
        article = store.get_article("qv-3")
        assert article is not None and "15 people" in article.text
        analysis = store.get_analysis("qv-3")
        assert analysis is not None and {c.value for c in analysis.claims if c.slot == "killed"} == {15}
        after = _killed(store, "qv-1")
        values = {c.article: c.value for f in store.get_dossier(after["story"]).facts if f.slot == "killed"
                  for c in f.claims}
        assert values.get("qv-3") == 15 and after["max"] == 15
        history = store.article_history("qv-3")
        assert [(h["version"], h["reason"]) for h in history] == [(1, "updated")]
        assert history[0]["title"] == "Governor Mennick: 13 killed in Quillverne car bomb"
        # the same new content again is a duplicate, not another version
        again = ingest_documents(store, [revised])
        assert again.updated == [] and again.duplicates == 1


def test_cli_delete_and_api_update_and_delete(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from corroborate.cli import app

    db = str(tmp_path / "m.db")
    with Store(db) as store:
        ingest_documents(store, [*BOMBING, JUNK])
    runner = CliRunner()
    result = runner.invoke(app, ["delete", "qv-junk", "--db", db])
    assert result.exit_code == 0, result.output
    assert "Deleted 1 article" in result.output
    assert runner.invoke(app, ["delete", "qv-junk", "--db", db]).exit_code == 1  # gone now: named, skipped
    assert runner.invoke(app, ["delete", "--db", db]).exit_code == 2
    nothing = runner.invoke(app, ["delete", "--outlet", "nobody.example", "--db", db])
    assert nothing.exit_code == 1 and "nobody.example" in nothing.output

    pytest.importorskip("fastapi")
    import warnings

    from corroborate.web import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    auth = {"Authorization": "Bearer tok"}
    with TestClient(create_app(db, ingest_token="tok")) as c:
        body = {"id": "qv-2", "source": "valleytimes.example", "lang": "en", "date": "2033-03-14T10:00:00Z",
                "title": "Quillverne bombing: 14 dead", "text": "Fourteen people were killed when a car bomb "
                "went off in the Quillverne market on Monday, governor Ardo Mennick told reporters."}
        assert c.delete("/api/articles/qv-2").status_code == 401
        r = c.post("/api/articles", json=body, headers=auth)
        assert r.status_code == 200 and r.json()["updated"] == ["qv-2"], r.text
        art = c.get("/api/articles/qv-2").json()
        assert art["version"] == 2 and art["updated"] and art["versions"][0]["reason"] == "updated"
        assert art["title"] == "Quillverne bombing: 14 dead"
        r = c.delete("/api/articles/qv-2", headers=auth)
        assert r.status_code == 200 and r.json()["deleted"] == ["qv-2"]
        assert c.get("/api/articles/qv-2").status_code == 404
        assert c.delete("/api/articles/qv-2", headers=auth).status_code == 404
        dossier = c.get(f"/api/stories/{c.get('/api/stories').json()['items'][0]['id']}").json()
        assert "qv-2" not in json.dumps(dossier["articles"])


def test_the_reader_shows_an_updated_article_as_such(tmp_path: Path) -> None:
    import warnings

    from corroborate.web import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    db = str(tmp_path / "r.db")
    with Store(db) as store:
        ingest_documents(store, BOMBING[:1])
        ingest_documents(store, [_doc("qv-1", "harbourpost.example", 8, "Car bomb kills 14 in Quillverne market",
                                      "A car bomb exploded in the Quillverne market on Monday, killing 14 people, "
                                      "governor Ardo Mennick said.")])
        sid = store.article_story("qv-1")  # the story of its only article survives the new version
        assert sid is not None and store.story_article_ids(sid) == ["qv-1"]
        assert _killed(store, "qv-1")["max"] == 14
    with TestClient(create_app(db)) as c:
        html = c.get("/articles/qv-1").text
        assert "killing 14 people" in html and "Version</dt><dd>2, updated" in html
        assert "version 1: Car bomb kills 13 in Quillverne market" in html
