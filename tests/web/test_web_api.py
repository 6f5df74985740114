"""JSON API: listing with filters, dossier, article, entities, outlets, ingest auth, SQL-injection as data."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_web_support import HOSTILE_TITLE, build_demo_db

from corroborate.web import create_app

with warnings.catch_warnings():  # starlette's notice about httpx versions is not ours to fix
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TOKEN = "s3cret-test-token"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("api") / "demo.db")
    build_demo_db(db)
    return db


@pytest.fixture(scope="module")
def client(demo_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(demo_db, ingest_token=TOKEN)) as c:
        yield c


def test_list_stories_paginates_and_counts(client: TestClient) -> None:
    body = client.get("/api/stories", params={"per_page": 10, "page": 2}).json()
    assert body["total"] == 33 and body["page"] == 2 and body["per_page"] == 10
    assert len(body["items"]) == 10
    first = client.get("/api/stories", params={"per_page": 10}).json()["items"]
    assert {s["id"] for s in first}.isdisjoint({s["id"] for s in body["items"]})


def test_list_stories_filters(client: TestClient) -> None:
    def ids(**params: str) -> list[str]:
        return [s["id"] for s in client.get("/api/stories", params=params).json()["items"]]

    assert ids(conflict="true") == ["s-flood"]
    assert ids(lang="ar") == ["s-flood"]
    assert ids(lang="ru") == ["s-quake"]
    assert ids(outlet="diariosur.example") == ["s-quake"]
    # full text: the quake's Spanish article recalls the Veltrava dam in its text
    assert ids(q="veltrava") == ["s-quake", "s-flood"]
    assert ids(q="Карнск") == ["s-quake"]
    assert ids(event_type="earthquake") == ["s-quake"]
    assert ids(order="size", per_page="2") == ["s-flood", "s-quake"]
    assert ids(date_from="2033-03-15", date_to="2033-03-15") == ["s-evil", "s-quake"] or set(
        ids(date_from="2033-03-15", date_to="2033-03-15")
    ) == {"s-evil", "s-quake"}


def test_list_stories_rejects_bad_parameters_with_a_reason(client: TestClient) -> None:
    r = client.get("/api/stories", params={"date_from": "yesterday"})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "date_from"]
    assert client.get("/api/stories", params={"order": "random"}).status_code == 422
    assert client.get("/api/stories", params={"per_page": 10_000}).status_code == 422


@pytest.mark.parametrize("field", ["q", "lang", "outlet", "place", "event_type"])
def test_sql_injection_in_filters_is_just_data(client: TestClient, field: str) -> None:
    for value in ["' OR 1=1 --", "%' OR '1'='1", "x\"; DROP TABLE stories; --", "_%"]:
        r = client.get("/api/stories", params={field: value})
        assert r.status_code == 200
        assert r.json()["total"] == 0, (field, value)
    assert client.get("/api/stories").json()["total"] == 33  # the tables are still there


def test_dossier_json_follows_the_schema(client: TestClient) -> None:
    d = client.get("/api/stories/s-flood").json()
    assert set(d) >= {"id", "title", "languages", "articles", "event", "entities", "facts", "framing", "related"}
    assert d["languages"] == ["ar", "de", "en", "sv"]
    statuses = {(f["slot"], f["qualifier"].get("group")): f["status"] for f in d["facts"]}
    assert statuses[("injured", "children")] == "conflicting"
    assert statuses[("killed", None)] == "corroborated"
    assert d["event"]["where"][0]["lat"] == 45.3
    assert client.get("/api/stories/does-not-exist").status_code == 404
    assert "GET /api/storys" not in client.get("/api/stories/x").json()["detail"]


def test_article_json_has_text_story_and_claim_spans(client: TestClient) -> None:
    a = client.get("/api/articles/fl-de").json()
    assert a["story"] == "s-flood" and a["lang"] == "de" and a["outlet"] == "rheinbote.example"
    for claim in a["claims"]:
        assert a["text"][claim["start"] : claim["end"]] == claim["quote"]
    r = client.get("/api/articles/nope")
    assert r.status_code == 404 and "nope" in r.json()["detail"]


def test_hostile_content_is_returned_verbatim_as_json_data(client: TestClient) -> None:
    a = client.get("/api/articles/evil-1").json()
    assert a["title"] == HOSTILE_TITLE and a["url"].startswith("javascript:")
    assert client.get("/api/articles/evil-1").headers["content-type"].startswith("application/json")


def test_entities_and_outlets(client: TestClient) -> None:
    found = client.get("/api/entities", params={"q": "orvenna"}).json()["items"]
    assert found and found[0]["key"] == "orvenna hydro"
    entity = client.get("/api/entities/orvenna hydro").json()
    assert "شركة أورفينا" in entity["variants"] and "s-flood" in entity["stories"]
    assert client.get("/api/entities/nobody").status_code == 404
    names = [o["name"] for o in client.get("/api/outlets").json()["items"]]
    assert "alnahr.example" in names
    outlet = client.get("/api/outlets/alnahr.example").json()
    assert outlet["articles"] == 1 and outlet["stories"][0]["id"] == "s-flood"
    assert client.get("/api/outlets/unknown.example").status_code == 404


def test_openapi_lists_every_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for p in ["/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}", "/api/articles",
              "/api/entities", "/api/entities/{key}", "/api/outlets", "/api/outlets/{name}"]:
        assert p in paths
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_ingest_requires_the_token(client: TestClient) -> None:
    article = {"text": "Invented text.", "id": "x1"}
    r = client.post("/api/articles", json=article)
    assert r.status_code == 401 and "Bearer" in r.json()["detail"]
    r = client.post("/api/articles", json=article, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401
    r = client.post("/api/articles", json={"title": "no body"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 422 and "text" in str(r.json()["detail"])


def test_ingest_disabled_without_a_token(demo_db: str) -> None:
    with TestClient(create_app(demo_db)) as c:
        r = c.post("/api/articles", json={"text": "x"}, headers={"Authorization": "Bearer anything"})
        assert r.status_code == 403 and "ingest disabled" in r.json()["detail"]


def test_ingest_over_http_runs_the_pipeline(tmp_path: Path) -> None:
    articles = [
        {"id": "up-1", "source": "lakeside.example", "lang": "en", "date": "2034-06-01T08:00:00Z",
         "title": "Storm hits Pellmoor harbour", "text": "A storm hit Pellmoor harbour on Sunday night. "
         "Five people were injured, the coast guard said. Boats were damaged."},
        {"id": "up-2", "source": "kuestenblatt.example", "lang": "de", "date": "2034-06-01T10:00:00Z",
         "title": "Sturm trifft Hafen von Pellmoor", "text": "Ein Sturm traf in der Nacht zum Montag den Hafen "
         "von Pellmoor. Fünf Menschen wurden verletzt, teilte die Küstenwache mit."},
    ]
    db = str(tmp_path / "ingest.db")
    with TestClient(create_app(db, ingest_token=TOKEN)) as c:
        r = c.post("/api/articles", json=articles, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 200, r.text
        report = r.json()
        assert report["documents"] == 2 and report["ingested"] == 2 and report["failures"] == []
        assert c.get("/api/articles/up-1").json()["title"] == "Storm hits Pellmoor harbour"
        again = c.post("/api/articles", json=articles[0], headers={"Authorization": f"Bearer {TOKEN}"}).json()
        assert again["ingested"] == 0 and again["duplicates"] == 1
        assert c.get("/api/stories").json()["total"] >= 1
