"""Limits in one place (corroborate.limits), the same for the CLI, the API and fetch."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import corroborate.limits as limits
from corroborate.analyze import Analyzer
from corroborate.clean import clean
from corroborate.model import Document
from corroborate.pipeline import Ingestor
from corroborate.read import read_file
from corroborate.store import Store
from corroborate.web import create_app

TOKEN = "limits-token"
ARTICLE = {"id": "quarry", "text": "A rockfall at the Velmora quarry killed three workers on Monday, the inspector said."}


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator:
    from fastapi.testclient import TestClient

    monkeypatch.setattr(limits, "MAX_REQUEST_BYTES", 4096)
    with TestClient(create_app(str(tmp_path / "api.db"), ingest_token=TOKEN)) as c:
        yield c


def _streamed(parts: int, size: int) -> Iterator[bytes]:
    for _ in range(parts):
        yield b" " * size


def test_api_checks_the_token_before_the_length(client) -> None:
    big = {"Content-Length": str(10**9), "Content-Type": "application/json"}
    assert client.post("/api/articles", content=b"{}", headers=big).status_code == 401
    with_token = {**big, "Authorization": f"Bearer {TOKEN}"}
    response = client.post("/api/articles", content=b"{}", headers=with_token)
    assert response.status_code == 413 and "limit" in response.json()["detail"]


def test_api_stops_reading_a_body_that_streams_past_the_limit(client) -> None:
    consumed = []

    def body() -> Iterator[bytes]:
        for chunk in _streamed(100, 1024):
            consumed.append(chunk)
            yield chunk
    response = client.post("/api/articles", content=body(), headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 413


def test_api_without_a_token_configured_refuses_before_reading(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    with TestClient(create_app(str(tmp_path / "off.db"))) as c:
        r = c.post("/api/articles", content=b"x" * 10, headers={"Content-Length": str(10**9)})
        assert r.status_code == 403


def test_api_accepts_an_article_under_the_limit_and_reports_bad_json(client) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    ok = client.post("/api/articles", json=ARTICLE, headers=auth)
    assert ok.status_code == 200 and ok.json()["ingested"] == 1
    assert client.post("/api/articles", content=b"{not json", headers=auth).status_code == 422
    assert client.post("/api/articles", content=b"[]", headers=auth).status_code == 422


def test_openapi_still_describes_the_ingest_body(client) -> None:
    spec = client.get("/openapi.json").json()
    body = spec["paths"]["/api/articles"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert "text" in json.dumps(body)


def test_long_text_is_cut_and_reported() -> None:
    text = "\n\n".join(f"Rescuers searched sector {i} of the Velmora quarry on Tuesday, the team said. " * 8
                         for i in range(limits.MAX_TEXT_CHARS // 600 + 40))
    article = clean(Document(origin="long.txt", content=text, kind="text", lang="en"))
    assert len(article.text) <= limits.MAX_TEXT_CHARS
    assert any("cut at" in w for w in article.warnings)


def test_a_huge_jsonl_line_is_refused_by_the_same_byte_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": "x " * 1000}) + "\n" + json.dumps(ARTICLE) + "\n")
    out = list(read_file(path, max_bytes=1000))
    assert [type(o).__name__ for o in out] == ["ReadError", "Document"]
    assert "limit" in out[0].message


def test_time_budget_reports_a_slow_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ANALYSIS_SECONDS", 0.0)
    with Store(str(tmp_path / "slow.db")) as store:
        doc = Document(origin="slow.txt", content=ARTICLE["text"], kind="text", given_id="slow", lang="en")
        report = Ingestor(store, Analyzer(skip=("embed",)), lazy_embed=False).ingest([doc])
        assert report.ingested == 1 and report.ok
        assert [w.origin for w in report.warnings] == ["slow.txt"]
        assert "budget" in report.warnings[0].message


def test_deeply_nested_html_still_gives_its_text() -> None:
    sentence = "Three workers were killed in a rockfall at the Velmora quarry on Monday, the inspector said."
    html = "<html><body>" + "<div>" * 100_000 + f"<p>{sentence}</p>" + "</div>" * 100_000 + "</body></html>"
    article = clean(Document(origin="nested.html", content=html, kind="html"))
    assert sentence in article.text
