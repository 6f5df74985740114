"""The web app's caches: what they keep, and that a newer write to a story is served at once."""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterator
from dataclasses import replace

import pytest
from test_web_support import build_demo_db

from corroborate.model import Consensus, Fact, FactClaim, to_json
from corroborate.store import Batch, Store
from corroborate.web import create_app
from corroborate.web.cache import LRU

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture()
def db_client(tmp_path: object) -> Iterator[tuple[str, TestClient]]:
    db = str(tmp_path / "cache.db")  # type: ignore[operator]
    build_demo_db(db)
    with TestClient(create_app(db)) as c:
        yield db, c


def test_lru_keeps_the_newest_entries_and_checks_version_and_age() -> None:
    lru: LRU[str] = LRU(2, ttl=0.2)
    lru.put("a", "A", version=1)
    lru.put("b", "B", version=1)
    assert lru.get("a", 1) == "A"
    lru.put("c", "C", version=1)  # evicts b, the least recently used
    assert lru.get("b", 1) is None and lru.get("a", 1) == "A"
    assert lru.get("a", 2) is None  # another version is a miss
    time.sleep(0.25)
    assert lru.get("c", 1) is None  # too old
    with pytest.raises(ValueError, match="at least 1"):
        LRU(0)


def test_lru_get_or_make_computes_once() -> None:
    calls: list[int] = []
    lru: LRU[int] = LRU(4)
    for _ in range(3):
        assert lru.get_or_make("k", lambda: calls.append(1) or 7, version="v1") == 7
    assert len(calls) == 1 and lru.hits == 2


def test_api_dossier_is_the_stored_dossier(db_client: tuple[str, TestClient]) -> None:
    db, client = db_client
    with Store(db) as store:
        expected = to_json(store.get_dossier("s-flood"))
    r = client.get("/api/stories/s-flood")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    assert r.json() == expected
    assert r.headers["server-timing"].startswith("app;dur=")  # the server's own time, for load benches


def test_a_rewritten_dossier_is_served_at_once(db_client: tuple[str, TestClient]) -> None:
    db, client = db_client
    before = client.get("/stories/s-flood").text
    assert "Kestrel Ridge" not in before and client.get("/stories/s-flood").text == before  # cached copy
    with Store(db) as store:
        dossier = store.get_dossier("s-flood")
        assert dossier is not None
        claim = FactClaim(value=41, article=dossier.articles[0].id, source=dossier.articles[0].source,
                          attributed_to="Kestrel Ridge wardens", quote="forty-one", lang="en")
        fact = Fact(slot="missing", qualifier={}, status="single-source", consensus=Consensus(41, 41, 41),
                    claims=[claim])
        store.write_batch(Batch(dossiers=[replace(dossier, facts=[*dossier.facts, fact])]))
    after = client.get("/stories/s-flood").text
    assert "Kestrel Ridge wardens" in after
    assert client.get("/api/stories/s-flood").json()["facts"][-1]["claims"][0]["value"] == 41


def test_claim_links_without_a_span_point_at_the_article(db_client: tuple[str, TestClient]) -> None:
    db, client = db_client
    with Store(db) as store:
        dossier = store.get_dossier("s-quake")
        assert dossier is not None
        ref = dossier.articles[0]
        claim = FactClaim(value=5, article=ref.id, source=ref.source, attributed_to=None, quote="five", lang="en")
        fact = Fact(slot="displaced", qualifier={}, status="single-source", consensus=Consensus(5, 5, 5),
                    claims=[claim])
        store.write_batch(Batch(dossiers=[replace(dossier, facts=[fact])]))
    html = client.get("/stories/s-quake").text
    assert f'href="/articles/{ref.id}"' in html and f'href="/articles/{ref.id}#claim-' not in html


def test_unknown_story_is_404_in_both_forms(db_client: tuple[str, TestClient]) -> None:
    _, client = db_client
    assert client.get("/api/stories/no-such-story").status_code == 404
    assert client.get("/stories/no-such-story").status_code == 404


def test_entity_and_outlet_views_are_kept_a_few_seconds_and_dropped_by_a_write(
        db_client: tuple[str, TestClient], monkeypatch: pytest.MonkeyPatch) -> None:
    _, client = db_client
    store = client.app.state.store  # type: ignore[attr-defined]
    calls: list[str] = []
    for name in ("entity", "outlet"):
        real = getattr(store, name)
        monkeypatch.setattr(store, name, lambda *a, _n=name, _f=real, **k: calls.append(_n) or _f(*a, **k))
    for _ in range(2):
        assert client.get("/api/entities/orvenna hydro").status_code == 200
        assert client.get("/entities/orvenna hydro").status_code == 200  # the page lists fewer stories: its own entry
        assert client.get("/api/outlets/alnahr.example").status_code == 200
        assert client.get("/outlets/alnahr.example").status_code == 200  # the same view as the API's
    assert sorted(calls) == ["entity", "entity", "outlet"]
    for _ in range(2):  # an unknown name is asked again each time (a 404 is not kept)
        assert client.get("/api/entities/nobody").status_code == 404
    assert calls.count("entity") == 4
    client.app.state.cache.written()  # type: ignore[attr-defined]  # an ingest in this process
    assert client.get("/api/outlets/alnahr.example").status_code == 200
    assert calls.count("outlet") == 2
