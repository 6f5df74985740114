"""Web: HTML entity pages, full-text search through the API and the list, typed OpenAPI with the bearer scheme."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest
from test_web_support import build_demo_db

from corroborate.web import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = str(tmp_path_factory.mktemp("search") / "demo.db")
    build_demo_db(db)
    with TestClient(create_app(db, ingest_token="tok")) as c:
        yield c


def test_entity_page_shows_variants_stories_and_articles(client: TestClient) -> None:
    dossier = client.get("/stories/s-flood").text
    assert 'href="/entities/orvenna%20hydro"' in dossier and "/api/entities/" not in dossier
    page = client.get("/entities/orvenna hydro")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert "شركة أورفينا" in html  # a spelling
    assert 'href="/stories/s-flood"' in html  # its story
    assert 'href="/articles/' in html  # its articles
    missing = client.get("/entities/nobody-at-all")
    assert missing.status_code == 404 and "nobody-at-all" in missing.text


def test_full_text_search_through_the_api(client: TestClient) -> None:
    # a witness named in an article's text only: the title search of old found nothing
    hits = client.get("/api/articles", params={"q": "ILSE MARROW"}).json()["items"]
    assert [h["id"] for h in hits] == ["fl-en"] and hits[0]["story"] == "s-flood"
    assert {"id", "title", "source", "lang", "published", "url", "story"} <= set(hits[0])
    listed = client.get("/api/stories", params={"q": "ilse marrow"}).json()["items"]
    assert [s["id"] for s in listed] == ["s-flood"]
    assert "s-flood" in client.get("/", params={"q": "Marrow"}).text
    assert client.get("/api/articles", params={"q": ""}).status_code == 422


def test_openapi_has_typed_responses_and_the_bearer_scheme(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["components"]["securitySchemes"]["ingestToken"] == {
        "type": "http", "scheme": "bearer",
        "description": spec["components"]["securitySchemes"]["ingestToken"]["description"]}
    paths = spec["paths"]
    assert paths["/api/articles"]["post"]["security"] == [{"ingestToken": []}]
    assert paths["/api/articles/{article_id}"]["delete"]["security"] == [{"ingestToken": []}]
    assert "security" not in paths["/api/stories"]["get"]

    def schema_of(path: str, method: str = "get") -> str:
        return paths[path][method]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]

    assert schema_of("/api/stories").endswith("/StoryPage")
    assert schema_of("/api/stories/{story_id}").endswith("/Dossier")
    assert schema_of("/api/articles/{article_id}").endswith("/ArticleOut")
    assert schema_of("/api/entities/{key}").endswith("/EntityOut")
    story_page = spec["components"]["schemas"]["StoryPage"]["properties"]
    assert {"items", "total", "page", "per_page"} <= set(story_page)
    # the JSON itself is unchanged: the listing still has exactly its fields
    item = client.get("/api/stories").json()["items"][0]
    assert set(item) == {"id", "title", "n_articles", "n_sources", "languages", "first_published",
                         "last_published", "where", "event_type", "has_conflict"}
    article = client.get(f"/api/articles/{client.get('/api/stories/s-flood').json()['articles'][0]['id']}").json()
    assert article["version"] == 1 and article["versions"] == [] and article["updated"] is None
