"""Exports: facts CSV and ACLED-style CSV re-read with the stdlib csv module, GeoJSON checked against RFC 7946's
structure, filters on every export and on `stories` (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate import export
from corroborate.cli import app
from corroborate.model import Assignment, Consensus, Fact, FactClaim, Story
from corroborate.store import Batch, Store
from corroborate.testing import analysis, article, dossier

T0 = datetime(2031, 6, 10, 8, 0, tzinfo=UTC)


def _write(store: Store, story_id: str, arts, killed: list[int] | None = None, **kw) -> None:
    d = dossier(story_id, arts, **kw)
    if killed:
        claims = [FactClaim(value=v, article=a.id, source=a.outlet, attributed_to="the police", quote=f"{v} died, "
                            "\"police\" said", lang=a.lang) for v, a in zip(killed, arts, strict=False)]
        status = "conflicting" if len(set(killed)) > 1 else "corroborated"
        d.facts.append(Fact(slot="killed", qualifier={}, status=status,
                            consensus=Consensus(value=min(killed), min=min(killed), max=max(killed)), claims=claims))
    store.write_batch(Batch(
        articles=[(a, analysis(a, dim=4)) for a in arts],
        assignments=[Assignment(a.id, story_id, 0.8, i == 0) for i, a in enumerate(arts)],
        stories=[Story(story_id, [a.id for a in arts], title=arts[0].title,
                       first_published=min(a.published for a in arts), last_published=max(a.published for a in arts))],
        story_states={story_id: b"state"},
        dossiers=[d],
    ))


@pytest.fixture
def corpus(store: Store) -> Store:
    _write(store, "s-ferry", [
        article(1, lang="sv", outlet="nord.test", town="Östervik", published=T0),
        article(2, lang="de", outlet="mitte.test", town="Östervik", published=T0 + timedelta(hours=5)),
    ], killed=[3, 5], town="Östervik", conflict=True, event_type="raid")
    _write(store, "s-bridge", [
        article(6, lang="es", outlet="sur.test", town="Valdeluz", published=T0 - timedelta(days=40)),
    ], town="Valdeluz", event_type="accident")
    return store


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_facts_csv_has_one_row_per_fact_and_claim(corpus: Store) -> None:
    out = io.StringIO(newline="")
    n = export.write_facts_csv(corpus, export.story_query(), out)
    rows = _csv(out.getvalue())
    assert n == len(rows) == 2 + 2 + 1  # ferry: injured x2 claims, killed x2; bridge: injured x1
    assert tuple(rows[0]) == export.FACT_COLUMNS
    killed = [r for r in rows if r["slot"] == "killed"]
    assert {r["claim_value"] for r in killed} == {"3", "5"}
    assert {(r["status"], r["consensus_min"], r["consensus_max"]) for r in killed} == {("conflicting", "3", "5")}
    assert killed[0]["quote"].endswith('"police" said')  # quotes and commas survive the round trip
    assert {r["lang"] for r in killed} == {"sv", "de"} and all(r["published"].startswith("2031-06-10") for r in killed)
    only = io.StringIO(newline="")
    export.write_facts_csv(corpus, export.story_query(conflicts_only=True), only)
    assert {r["story"] for r in _csv(only.getvalue())} == {"s-ferry"}


def test_geojson_follows_rfc7946(corpus: Store) -> None:
    collection = json.loads(json.dumps(export.stories_geojson(corpus, export.story_query())))
    assert collection["type"] == "FeatureCollection" and isinstance(collection["features"], list)
    assert len(collection["features"]) == 2
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        geometry = feature["geometry"]
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert (lon, lat) == (20.25, 10.5)  # [longitude, latitude] order (RFC 7946 3.1.1)
        props = feature["properties"]
        assert isinstance(props, dict) and {"story", "title", "event_type", "date", "facts"} <= set(props)
    ferry = next(f for f in collection["features"] if f["properties"]["story"] == "s-ferry")
    assert ferry["properties"]["date"] == "2031-06-10" and ferry["properties"]["conflict"] is True
    assert {f["slot"] for f in ferry["properties"]["facts"]} == {"injured", "killed"}


def test_acled_csv_columns_and_values(corpus: Store) -> None:
    out = io.StringIO(newline="")
    export.write_stories_acled(corpus, export.story_query(), out)
    rows = _csv(out.getvalue())
    assert tuple(rows[0]) == export.ACLED_COLUMNS
    ferry = next(r for r in rows if r["location"] == "Östervik")
    assert ferry["event_date"] == "2031-06-10" and ferry["event_type"] == "Violence against civilians"
    assert ferry["fatalities"] == "3" and ferry["latitude"] == "10.5" and ferry["longitude"] == "20.25"
    assert ferry["source"] == "nord.test; mitte.test" and "killed 3 (3-5) [conflicting]" in ferry["notes"]
    bridge = next(r for r in rows if r["location"] == "Valdeluz")
    assert bridge["event_type"] == "accident" and bridge["fatalities"] == "0"


def test_filters_apply_to_every_export(corpus: Store) -> None:
    def stories(**kw) -> list[str]:
        return list(export.story_ids(corpus, export.story_query(**kw)))

    assert stories() == ["s-ferry", "s-bridge"]
    assert stories(story="s-bridge") == ["s-bridge"]
    assert stories(since=date(2031, 6, 1)) == ["s-ferry"]
    assert stories(lang="es") == ["s-bridge"]
    assert stories(outlet="nord.test") == ["s-ferry"]
    assert stories(event_type="accident") == ["s-bridge"]
    assert stories(conflicts_only=True) == ["s-ferry"]
    lines = list(export.article_lines(corpus, export.story_query(lang="de")))
    assert [line["id"] for line in lines] == ["a00002"]
    lines = list(export.article_lines(corpus, export.story_query(conflicts_only=True)))
    assert {line["id"] for line in lines} == {"a00001", "a00002"}
    out = io.StringIO()
    export.write_stories_jsonl(corpus, export.story_query(event_type="raid"), out)
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == ["s-ferry"]


def test_cli_exports_and_story_filters(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    with Store(db) as store:
        _write(store, "s-ferry", [article(1, outlet="nord.test", published=T0),
                                  article(2, outlet="mitte.test", published=T0 + timedelta(hours=1))],
               killed=[3, 5], conflict=True, event_type="raid")
        _write(store, "s-bridge", [article(6, lang="es", outlet="sur.test", published=T0 - timedelta(days=40))])
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(app, [*args, "--db", db])
        assert result.exit_code == 0, result.output
        return result.stdout

    rows = _csv(run("export", "facts", "--format", "csv", "--conflicts-only"))
    assert {r["story"] for r in rows} == {"s-ferry"}
    geo = json.loads(run("export", "stories", "--format", "geojson", "--since", "2031-06-01"))
    assert [f["properties"]["story"] for f in geo["features"]] == ["s-ferry"]
    acled = _csv(run("export", "stories", "--format", "acled", "--lang", "es"))
    assert [r["event_type"] for r in acled] == ["accident"]
    assert [json.loads(x)["id"] for x in run("export", "stories", "--outlet", "sur.test").splitlines()] == ["s-bridge"]
    assert [json.loads(x)["id"] for x in run("export", "articles", "--story", "s-ferry").splitlines()] == [
        "a00001", "a00002"]
    listed = [json.loads(x)["id"] for x in run("stories", "--json", "--event-type", "raid").splitlines()]
    assert listed == ["s-ferry"]
    listed = [json.loads(x)["id"] for x in run("stories", "--json", "--conflicts-only", "--since", "2031-01-01",
                                                "--lang", "en", "--outlet", "nord.test").splitlines()]
    assert listed == ["s-ferry"]
    bad = runner.invoke(app, ["export", "stories", "--format", "xml", "--db", db])
    assert bad.exit_code == 2 and "xml" in bad.output
