"""`ingest --ray` / `reanalyze --ray` on a local Ray cluster (skipped when Ray is not installed)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from scale_corpus import CORPUS, CRASH_WORD, doc, misbehaving_analyzer

import corroborate
from corroborate.analyze import Analyzer
from corroborate.model import to_json
from corroborate.parallel import ParallelAnalysis
from corroborate.pipeline import Ingestor
from corroborate.reanalyze import reanalyze
from corroborate.store import Store
from corroborate.store.reanalysis import count_versions

ray = pytest.importorskip("ray")
from corroborate.parallel_ray import RayBackend, RayUnavailable, check_database  # noqa: E402


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    paths = [str(Path(__file__).parent), str(Path(corroborate.__file__).parents[1])]  # scale_corpus, this tree
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": {"PYTHONPATH": os.pathsep.join(paths)}})
    try:
        yield
    finally:
        ray.shutdown()


def stories(store: Store) -> list[str]:
    return sorted(json.dumps(to_json(d), sort_keys=True, ensure_ascii=False) for d in store.iter_dossiers())


def test_ray_gives_the_same_stories_as_one_process_and_reanalyzes(local_ray: None, db_url: str,
                                                                    tmp_path: Path) -> None:
    with Store(str(tmp_path / "one.db")) as one:
        assert Ingestor(one).ingest(CORPUS, batch_size=2).ok
        expected = stories(one)
    backend = RayBackend("local", 2)
    try:
        with Store(db_url) as store:
            report = Ingestor(store, analyse_many=ParallelAnalysis(backend)).ingest(CORPUS, batch_size=2)
            assert report.ok and report.ingested == len(CORPUS)
            assert stories(store) == expected
            again = reanalyze(store, backend, version="next", batch_size=3)
            assert again.ok and again.articles == len(CORPUS)
            assert count_versions(store) == {"next": len(CORPUS)}
    finally:
        backend.close()


def test_a_dead_ray_actor_loses_only_its_document(local_ray: None, tmp_path: Path) -> None:
    docs = [doc("ok1", "Ferry resumes service to Ulvsö. The ferry resumed service on Monday.", "en"),
            doc("bad", f"Harbour works start. {CRASH_WORD} appears here.", "en"),
            doc("ok2", "School reopens in Gravlund. The school reopened on Tuesday.", "en")]
    backend = RayBackend("local", 2, misbehaving_analyzer)
    try:
        with Store(str(tmp_path / "r.db")) as store:
            report = Ingestor(store, Analyzer(pipeline=("sentences",)),
                              analyse_many=ParallelAnalysis(backend)).ingest(docs, batch_size=2)
            assert [f.origin for f in report.failures] == ["scale:bad"]
            assert set(store.article_stories()) == {"ok1", "ok2"}
    finally:
        backend.close()


def test_sqlite_is_refused_for_a_cluster_address_only() -> None:
    check_database("local", "sqlite")
    check_database("ray://head:10001", "postgresql")
    with pytest.raises(RayUnavailable, match="PostgreSQL"):
        check_database("ray://head:10001", "sqlite")
