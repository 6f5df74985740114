"""Large-database behaviour of the web app on a small database: counts that stop past the page
(`total_capped`), entity pages over their newest stories (`n_stories`)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from test_web_support import build_demo_db

from corroborate.store import Store
from corroborate.synthetic import Generator, make_world
from corroborate.web import create_app, queries

with warnings.catch_warnings():  # starlette's notice about httpx versions is not ours to fix
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = str(tmp_path_factory.mktemp("scale") / "demo.db")
    build_demo_db(db)
    with TestClient(create_app(db)) as c:
        yield c


def test_a_listing_counts_no_further_than_past_the_page(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    exact = client.get("/api/stories", params={"per_page": 5}).json()
    assert exact["total"] == 33 and exact["total_capped"] is False
    monkeypatch.setattr(queries, "COUNT_AHEAD", 3)
    capped = client.get("/api/stories", params={"per_page": 5, "page": 2, "order": "size"}).json()
    assert capped["total"] == 13 and capped["total_capped"] is True and len(capped["items"]) == 5
    assert "28+ stories" in client.get("/", params={"order": "size"}).text  # 25 a page, counted 3 further
    last = client.get("/api/stories", params={"per_page": 5, "page": 7, "order": "size"}).json()
    assert last["total"] == 33 and last["total_capped"] is False  # the end is within reach: exact


def test_an_entity_lists_its_newest_stories_and_counts_all(tmp_path: Path) -> None:
    world = make_world(7, outlets=5, people=3, orgs=2, towns=4)
    with Store(str(tmp_path / "e.db")) as store:
        for batch in Generator(seed=7, world=world).batches(60):
            store.write_batch(batch)
        with TestClient(create_app(store=store)) as client:
            key = world.people[0].casefold()
            whole = client.get(f"/api/entities/{quote(key)}").json()
            assert whole["n_stories"] == len(whole["stories"]) >= 3
            newest = client.get(f"/api/entities/{quote(key)}", params={"limit": 2}).json()
            assert newest["stories"] == whole["stories"][:2] and newest["n_stories"] == whole["n_stories"]
            assert client.get(f"/api/entities/{quote(key)}", params={"limit": 0}).status_code == 422
            assert f"{whole['n_stories']}</b> stories" in client.get(f"/entities/{quote(key)}").text
