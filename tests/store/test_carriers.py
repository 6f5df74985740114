"""Syndicated wire copies: the same text from another outlet is kept as carried by it (one source with the
article it copies, shown on its dossier), a re-send from the same outlet is a plain duplicate; reruns are
idempotent and a database of schema v5 is migrated. SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from corroborate.analyze import Analyzer
from corroborate.cli import app
from corroborate.export import article_lines
from corroborate.maintain import delete_articles
from corroborate.model import Document
from corroborate.outlets import another_outlet
from corroborate.pipeline import Ingestor
from corroborate.store import Store
from corroborate.store import schema as t
from corroborate.store.migrations import MIGRATIONS, SCHEMA_VERSION

WIRE_TEXT = ("A ferry capsized on Lake Morvaine near the port of Essaly on Thursday, killing 7 passengers, the "
             "harbour master Tomas Quillan said. Rescue boats searched the lake through the night.")
OWN_TEXT = ("Seven people died when a ferry overturned on Lake Morvaine off Essaly on Thursday, harbour master "
            "Tomas Quillan told reporters. Divers joined the search on Friday morning.")


def _doc(origin: str, text: str, source: str | None, url: str | None, hour: int = 9, given_id: str | None = None
         ) -> Document:
    return Document(origin=origin, content=text, kind="text", given_id=given_id, source=source, url=url,
                    published=f"2025-05-11T{hour:02d}:00:00Z", lang="en",
                    title="Ferry capsizes on Lake Morvaine" if text == WIRE_TEXT else "Seven die in ferry accident")


ORIGINAL = _doc("wire", WIRE_TEXT, "Northwire Agency", "https://northwire.example/ferry", given_id="wire-1")
OWN = _doc("post", OWN_TEXT, "Essaly Post", "https://essalypost.example/news/ferry", hour=10, given_id="post-1")
COPY = _doc("courier", WIRE_TEXT, "Valley Courier", "https://valleycourier.example/world/ferry", hour=11,
            given_id="courier-7")
RESEND = _doc("wire-again", WIRE_TEXT, None, "https://www.northwire.example/ferry-updated", hour=12)


def _ingestor(store: Store) -> Ingestor:
    return Ingestor(store, Analyzer(skip=("embed",)))


def _wire_ref(store: Store):
    sid = store.article_story("wire-1")
    assert sid is not None
    dossier = store.get_dossier(sid)
    assert dossier is not None
    return sid, dossier, next(a for a in dossier.articles if a.id == "wire-1")


def test_a_copy_from_another_outlet_is_carried_and_counted_once(db_url: str) -> None:
    with Store(db_url) as store:
        first = _ingestor(store).ingest([ORIGINAL, OWN])
        assert first.ok and first.ingested == 2
        sid, before, ref = _wire_ref(store)
        assert ref.carried_by == []
        claims_before = sorted((f.slot, len(f.claims)) for f in before.facts)

        report = _ingestor(store).ingest([COPY])
        assert report.ok and (report.ingested, report.carried, report.duplicates) == (0, 1, 0)
        assert sid in report.stories  # the story is rebuilt to show the carrier
        assert store.count_articles() == 2 and store.get_article("courier-7") is None
        _, after, ref = _wire_ref(store)
        assert [(c.outlet, c.url) for c in ref.carried_by] == [("Valley Courier", "https://valleycourier.example/world/ferry")]
        assert ref.carried_by[0].published is not None
        assert sorted((f.slot, len(f.claims)) for f in after.facts) == claims_before  # no new claims
        summary = store.story_summaries([sid])[0]
        assert (summary.n_articles, summary.n_sources) == (2, 2)  # the wire text counts once

        again = _ingestor(store).ingest([ORIGINAL, COPY, RESEND])  # idempotent rerun
        assert again.ok and (again.ingested, again.carried, again.duplicates) == (0, 0, 3)
        assert len(store.carriers_of(["wire-1"])["wire-1"]) == 1
        assert store.story_summaries([sid])[0].n_sources == 2

        line = next(x for x in article_lines(store) if x["id"] == "wire-1")
        assert line["carried_by"][0]["outlet"] == "Valley Courier" and line["source"] == "Northwire Agency"

        delete_articles(store, ["wire-1"])  # the copies go with the article they copy
        assert store.carriers_of(["wire-1"]) == {}


def test_an_original_and_its_copies_in_one_batch(db_url: str) -> None:
    third = _doc("gazette", WIRE_TEXT, "Hill Gazette", None, hour=13)
    with Store(db_url) as store:
        report = _ingestor(store).ingest([ORIGINAL, COPY, RESEND, third, OWN])
        assert report.ok and (report.ingested, report.carried, report.duplicates) == (2, 2, 1)
        _, dossier, ref = _wire_ref(store)
        assert [c.outlet for c in ref.carried_by] == ["Valley Courier", "Hill Gazette"]
        assert dossier.facts and store.list_stories()[0][0].n_sources == 2


def test_a_resend_from_the_same_outlet_is_a_duplicate() -> None:
    known = [("Northwire Agency", "https://northwire.example/ferry")]
    assert not another_outlet((None, "https://www.northwire.example/other"), known)  # its domain
    assert not another_outlet(("northwire.example", None), known)
    assert not another_outlet(("  NORTHWIRE   agency ", None), known)
    assert not another_outlet((None, None), known)  # cannot be told from a re-send
    assert another_outlet(("Valley Courier", None), known)
    assert another_outlet((None, "https://valleycourier.example/x"), known)
    assert not another_outlet(("Valley Courier", None), [*known, ("Valley Courier", "https://valleycourier.example/a")])


def test_show_lists_the_carriers(tmp_path) -> None:
    db = str(tmp_path / "c.db")
    with Store(db) as store:
        _ingestor(store).ingest([ORIGINAL, COPY])
        sid, _, _ = _wire_ref(store)
    result = CliRunner().invoke(app, ["--db", db, "show", sid], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "carried by Valley Courier" in result.output
    assert "1 sources" in result.output or "1 source" in result.output


def test_a_v5_database_is_migrated_and_the_migration_is_idempotent(db_url: str) -> None:
    with Store(db_url) as store:
        _ingestor(store).ingest([ORIGINAL])
        with store.engine.begin() as conn:  # make it look like a version-5 database
            conn.execute(sa.text("DROP TABLE article_carriers"))
            conn.execute(t.meta.update().where(t.meta.c.key == "schema_version").values(value="5"))
    with Store(db_url) as store:
        with store.engine.begin() as conn:
            assert sa.inspect(conn).has_table("article_carriers")
            version = conn.execute(sa.select(t.meta.c.value).where(t.meta.c.key == "schema_version")).scalar()
            MIGRATIONS[5](conn)  # again: a no-op
        assert int(version) == SCHEMA_VERSION >= 6
        report = _ingestor(store).ingest([COPY])
        assert (report.carried, report.ingested) == (1, 0)
        assert [c.outlet for c in _wire_ref(store)[2].carried_by] == ["Valley Courier"]


@pytest.mark.parametrize("source", ["Valley Courier", None])
def test_the_api_report_counts_carried_copies(source: str | None, tmp_path) -> None:
    from corroborate.pipeline import ingest_documents

    with Store(str(tmp_path / "a.db")) as store:
        ingest_documents(store, [ORIGINAL])
        copy = _doc("c", WIRE_TEXT, source, None)
        report = ingest_documents(store, [copy])
        assert (report.carried, report.duplicates) == ((1, 0) if source else (0, 1))
        assert json.dumps(report.carried)
