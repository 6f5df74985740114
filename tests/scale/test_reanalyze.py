"""`reanalyze`: new analyses for stored articles, in parallel, resumable after kill -9 (invented articles)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from scale_corpus import CORPUS

import corroborate
from corroborate.analyze import ANALYZER_VERSION, Analyzer
from corroborate.parallel import ProcessBackend, analyzer_factory
from corroborate.pipeline import Ingestor
from corroborate.reanalyze import reanalyze
from corroborate.store import Store
from corroborate.store.reanalysis import count_pending, count_versions

LIGHT = ("sentences", "entities", "places", "times", "claims", "event_type")


def ingested(db: str) -> Store:
    store = Store(db)
    report = Ingestor(store, Analyzer(pipeline=LIGHT)).ingest(CORPUS, batch_size=4)
    assert report.ok and report.ingested == len(CORPUS)
    return store


def test_ingest_stores_the_analyzer_version_and_reanalyze_brings_all_to_a_new_one(db_url: str) -> None:
    with ingested(db_url) as store:
        assert count_versions(store) == {ANALYZER_VERSION: len(CORPUS)}
        before = {d.id: d for d in store.iter_dossiers()}
        report = reanalyze(store, analyzer=Analyzer(pipeline=LIGHT), version="next", batch_size=4)
        assert report.ok and report.articles == len(CORPUS)
        assert count_versions(store) == {"next": len(CORPUS)}
        assert report.stories == set(before)
        assert {d.id: d.facts for d in store.iter_dossiers()} == {k: d.facts for k, d in before.items()}
        again = reanalyze(store, analyzer=Analyzer(pipeline=LIGHT), version="next")
        assert again.articles == 0


def test_reanalyze_on_worker_processes(tmp_path: Path) -> None:
    with ingested(str(tmp_path / "w.db")) as store:
        backend = ProcessBackend(2, analyzer_factory(("embed", "framing")))
        try:
            report = reanalyze(store, backend, version="next", batch_size=2)
        finally:
            backend.close()
        assert report.ok and report.articles == len(CORPUS)
        assert count_pending(store, "next") == 0


SLOW_RUN = """
import sys, time
from corroborate.analyze import Analyzer
from corroborate.reanalyze import reanalyze
from corroborate.store import Store
analyzer = Analyzer(pipeline=("sentences",))
name, component = analyzer.components[0]
def slow(article, analysis):
    time.sleep(0.4)
    component(article, analysis)
analyzer.components[0] = (name, slow)
reanalyze(Store(sys.argv[1]), analyzer=analyzer, version="next", batch_size=2)
"""


def test_kill_9_midway_then_rerun_analyses_every_article_once_with_the_new_version(tmp_path: Path) -> None:
    db = str(tmp_path / "k.db")
    ingested(db).close()
    env = {**os.environ, "PYTHONPATH": str(Path(corroborate.__file__).parents[1])}
    proc = subprocess.Popen([sys.executable, "-c", SLOW_RUN, db], env=env)
    try:
        with Store(db) as store:
            deadline = time.monotonic() + 120
            while count_versions(store).get("next", 0) < 2 and time.monotonic() < deadline:
                assert proc.poll() is None, "the run ended before it could be killed"
                time.sleep(0.05)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            done = count_versions(store).get("next", 0)
            assert 2 <= done < len(CORPUS)
            rerun = reanalyze(store, analyzer=Analyzer(pipeline=("sentences",)), version="next", batch_size=2)
            assert rerun.articles == len(CORPUS) - done  # nothing analysed twice
            assert count_versions(store) == {"next": len(CORPUS)}
    finally:
        if proc.poll() is None:
            proc.kill()


def test_cli_reanalyze_says_when_nothing_is_left(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from corroborate.cli import app

    db = str(tmp_path / "c.db")
    ingested(db).close()
    result = CliRunner().invoke(app, ["--db", db, "reanalyze", "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "Every stored article" in result.output


@pytest.mark.parametrize("address", ["ray://10.1.2.3:10001", "auto"])
def test_ray_cluster_refuses_sqlite_with_a_clear_error(tmp_path: Path, address: str) -> None:
    from typer.testing import CliRunner

    from corroborate.cli import app

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(CORPUS[0].content, encoding="utf-8")
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "r.db"), "ingest", str(folder), "--ray", address])
    assert result.exit_code == 2
    assert "PostgreSQL" in result.output


def test_a_database_from_before_the_version_column_is_migrated_and_all_of_it_is_pending(tmp_path: Path) -> None:
    import sqlite3

    db = str(tmp_path / "old.db")
    ingested(db).close()
    with sqlite3.connect(db) as conn:  # make it look like a version-1 database
        conn.execute("ALTER TABLE analyses DROP COLUMN analyzer_version")
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    with Store(db) as store:
        assert count_versions(store) == {None: len(CORPUS)}
        assert count_pending(store, ANALYZER_VERSION) == len(CORPUS)
