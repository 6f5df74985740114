"""One outlet identity: the list, `show` and the web count a story's sources the same way."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from corroborate.cli import app
from corroborate.model import Document
from corroborate.outlets import count_sources
from corroborate.pipeline import Ingestor
from corroborate.store import Store


def test_a_feed_title_and_the_site_domain_are_one_outlet() -> None:
    assert count_sources([("Harbour Post – World", "https://www.harbourpost.example/a/1", "a1"),
                          ("harbourpost.example", "https://harbourpost.example/b/2", "a2"),
                          ("harbourpost.example", None, "a3"), (None, "https://harbourpost.example/c", "a4")]) == 1
    assert count_sources([("Nordic  Wire", None, "a5"), ("nordic wire", None, "a6")]) == 1


def test_outlets_sharing_a_host_keep_their_names() -> None:
    """One platform (or one test server) hosts many outlets: names are never merged by domain alone."""
    assert count_sources([("North Post", "http://127.0.0.1:8000/a", "b1"),
                          ("East Wire", "http://127.0.0.1:8000/b", "b2")]) == 2


def test_an_article_without_an_outlet_is_one_source_of_its_own() -> None:
    assert count_sources([(None, None, "x1")]) == 1
    assert count_sources([(None, None, "x1"), (None, None, "x2"), ("Coast Daily", None, "x3")]) == 3


TEXT = ("A landslide buried {n} houses in the hill village of Vellmora on Sunday night, the regional rescue "
        "service said. Three people were killed and five were injured, rescuers said on Monday.")


def test_the_list_show_and_web_agree(tmp_path: Path) -> None:
    db = str(tmp_path / "o.db")
    docs = [
        Document(origin="1", kind="text", given_id="o1", source="Valley Times – Regional", lang="en",
                 url="https://www.valleytimes.example/news/1", published="2025-04-07T08:00:00Z",
                 title="Landslide buries houses in Vellmora", content=TEXT.format(n="twelve")),
        Document(origin="2", kind="text", given_id="o2", source="valleytimes.example", lang="en",
                 url="https://valleytimes.example/news/2", published="2025-04-07T10:00:00Z",
                 title="Vellmora landslide: three dead", content=TEXT.format(n="12")),
        Document(origin="3", kind="text", given_id="o3", lang="en", published="2025-04-07T11:00:00Z",
                 title="Three killed in Vellmora landslide", content=TEXT.format(n="a dozen")),
    ]
    with Store(db) as store:
        Ingestor(store, hooks=[]).ingest(docs)
        stories = {store.article_stories()[d.given_id] for d in docs}
        assert len(stories) == 1
        sid = stories.pop()
        summary = next(s for s in store.list_stories()[0] if s.id == sid)
    assert summary.n_sources == 2  # one outlet under two names, and an article with no outlet
    shown = CliRunner().invoke(app, ["--db", db, "show", sid])
    assert shown.exit_code == 0 and "· 2 sources ·" in shown.output

    from fastapi.testclient import TestClient

    from corroborate.web import create_app

    with TestClient(create_app(db)) as client:
        page = client.get(f"/stories/{sid}").text
    assert "<b>2</b> sources" in page


def test_outlet_pages_and_filters_use_the_same_identity(db_url: str) -> None:
    """The outlet list, an outlet's page and every `--outlet` filter (stories, articles, API, web) take a
    feed title and its site's domain as one outlet, under either name."""
    from fastapi.testclient import TestClient

    from corroborate.store import StoryQuery
    from corroborate.web import create_app

    docs = [
        Document(origin="1", kind="text", given_id="p1", source="Valley Times – Regional", lang="en",
                 url="https://www.valleytimes.example/news/1", content=TEXT.format(n="twelve")),
        Document(origin="2", kind="text", given_id="p2", source="valleytimes.example", lang="de",
                 url="https://valleytimes.example/news/2", content=TEXT.format(n="12")),
        Document(origin="3", kind="text", given_id="p3", source="Coast Daily", lang="en",
                 url="https://127.0.0.1:8000/coast/3", content=TEXT.format(n="13")),
        Document(origin="4", kind="text", given_id="p4", source="Hill Herald", lang="en",
                 url="https://127.0.0.1:8000/hill/4", content=TEXT.format(n="14")),
    ]
    with Store(db_url) as store:
        Ingestor(store, hooks=[]).ingest(docs)
        rows = {r["name"]: r for r in store.list_outlets()}
        assert set(rows) == {"Valley Times – Regional", "Coast Daily", "Hill Herald"}  # a shared host: two
        valley = rows["Valley Times – Regional"]
        assert (valley["articles"], valley["stories"], sorted(valley["languages"])) == (2, 1, ["de", "en"])
        assert sorted(valley["names"]) == ["Valley Times – Regional", "valleytimes.example"]
        for typed in ("valleytimes.example", "www.valleytimes.example", "valley times – REGIONAL"):
            page = store.outlet(typed)
            assert page is not None and (page["name"], page["articles"]) == ("Valley Times – Regional", 2)
            assert sorted(a.id for a in store.iter_articles(outlet=typed)) == ["p1", "p2"]
            assert store.list_stories(StoryQuery(outlet=typed))[1] == 1
        assert store.counts("outlet")["Valley Times – Regional"] == 2
        assert [a.id for a in store.iter_articles(outlet="Coast Daily")] == ["p3"]
        assert store.outlet("nowhere.example") is None
    if "://" not in db_url:  # the CLI over the SQLite file (PostgreSQL is covered through the Store above)
        result = CliRunner().invoke(app, ["--db", db_url, "articles", "--outlet", "valleytimes.example"],
                                    env={"COLUMNS": "200"})
        assert result.exit_code == 0 and "p1" in result.output and "p2" in result.output
        with TestClient(create_app(db_url)) as client:
            listed = client.get("/api/outlets").json()["items"]
            assert [o["articles"] for o in listed if o["name"] == "Valley Times – Regional"] == [2]
            assert client.get("/api/stories", params={"outlet": "valleytimes.example"}).json()["total"] == 1
            page = client.get("/outlets/valleytimes.example").text
            assert "Valley Times – Regional" in page and "Also stored as valleytimes.example" in page
            assert "also valleytimes.example" in client.get("/outlets").text
