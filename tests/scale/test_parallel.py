"""`ingest --workers N`: worker processes analyse, the writer keeps input order (invented articles)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scale_corpus import CORPUS, CRASH_WORD, RAISE_WORD, doc, misbehaving_analyzer

from corroborate.analyze import Analyzer
from corroborate.model import to_json
from corroborate.parallel import ParallelAnalysis, ProcessBackend, ordered_map, process_analysis
from corroborate.pipeline import Ingestor
from corroborate.store import Store


def exported(store: Store) -> tuple[list[str], list[str]]:
    stories = sorted(json.dumps(to_json(d), sort_keys=True, ensure_ascii=False) for d in store.iter_dossiers())
    articles = sorted(f"{aid} {sid}" for aid, sid in store.article_stories().items())
    return stories, articles


def ingest(db: str, workers: int, batch_size: int = 2) -> tuple[list[str], list[str]]:
    with Store(db) as store:
        parallel = process_analysis(workers) if workers > 1 else None
        try:
            report = Ingestor(store, analyse_many=parallel).ingest(CORPUS, batch_size=batch_size)
        finally:
            if parallel is not None:
                parallel.close()
        assert report.ok and report.ingested == len(CORPUS)
        return exported(store)


def test_one_and_two_workers_give_the_same_stories_and_dossiers(tmp_path: Path) -> None:
    one = ingest(str(tmp_path / "one.db"), workers=1)
    two = ingest(str(tmp_path / "two.db"), workers=2)
    assert one == two
    stories, articles = one
    assert len(stories) >= 3
    story_of = dict(line.split() for line in articles)
    assert story_of["en1"] == story_of["en3"]  # one fire, told twice in English


def test_workers_embed_only_what_the_clusterer_will_likely_ask_for(tmp_path: Path) -> None:
    """No speculative embedding of whole chunks: the workers embed the articles the writer's clusterer
    guesses it will need (none in one language), and the result is that of one process."""
    counts = {}
    for name, docs in (("english", [d for d in CORPUS if d.lang == "en"]), ("mixed", CORPUS)):
        with Store(str(tmp_path / f"{name}.db")) as store:
            parallel = process_analysis(2)
            try:
                ingestor = Ingestor(store, analyse_many=parallel)
                assert ingestor.ingest(docs, batch_size=2).ok
            finally:
                parallel.close()
            assert ingestor.embedder is not None
            counts[name] = (parallel.embedded, ingestor.embedder.count, ingestor.clusterer.embedded)
    print(counts)
    assert counts["english"] == (0, 0, 0)
    workers, writer, asked = counts["mixed"]
    assert asked > 0 and workers + writer <= len(CORPUS)


def test_results_come_back_in_input_order_with_bounded_work_in_flight() -> None:
    docs = [doc(f"n{i}", f"Plain note number {i}. Nothing happened in Gravlund on day {i}.", "en") for i in range(9)]
    backend = ProcessBackend(2, misbehaving_analyzer)
    submitted: list[int] = []
    chunks = ([d] for d in docs)

    def counting_chunks():
        for i, chunk in enumerate(chunks):
            submitted.append(i)
            yield chunk

    try:
        seen = []
        for n, (chunk, ready) in enumerate(ordered_map(backend, counting_chunks(), lambda: False, inflight=3)):
            assert len(submitted) <= n + 3  # never more than 3 chunks ahead of the writer
            assert [r.origin for r in ready] == [d.origin for d in chunk]
            seen.append(ready[0].article.id)
    finally:
        backend.close()
    assert seen == [f"n{i}" for i in range(9)]


def test_a_document_that_raises_or_kills_its_worker_is_reported_and_the_rest_goes_on(tmp_path: Path) -> None:
    docs = [
        doc("ok1", "Ferry resumes service to Ulvsö. The ferry to Ulvsö resumed service on Monday.", "en"),
        doc("bad1", f"Market opens in Gravlund. {RAISE_WORD} appears in this text.", "en"),
        doc("ok2", "School reopens in Gravlund. The school reopened on Tuesday after repairs.", "en"),
        doc("bad2", f"Harbour works start. {CRASH_WORD} appears in this text.", "en"),
        doc("ok3", "Library extends hours in Ostmark. The library now opens on Sundays.", "en"),
        doc("ok4", "Cyclists race through Kaltenwand. Two hundred riders took part on Sunday.", "en"),
    ]
    parallel = ParallelAnalysis(ProcessBackend(2, misbehaving_analyzer))
    with Store(str(tmp_path / "iso.db")) as store:
        try:
            report = Ingestor(store, Analyzer(pipeline=("sentences",)), analyse_many=parallel).ingest(
                docs, batch_size=2)
        finally:
            parallel.close()
        failures = {f.origin: f.message for f in report.failures}
        assert set(failures) == {"scale:bad1", "scale:bad2"}
        assert "analyze:misbehave" in failures["scale:bad1"] and "ValueError" in failures["scale:bad1"]
        assert "analyze:misbehave" in failures["scale:bad2"] and "died" in failures["scale:bad2"]
        assert set(store.article_stories()) == {"ok1", "ok2", "ok3", "ok4"}
        assert {f.origin for f in store.failures()} == {"scale:bad1", "scale:bad2"}


@pytest.mark.parametrize("workers", ["2", "1"])
def test_cli_ingest_workers(tmp_path: Path, workers: str) -> None:
    from typer.testing import CliRunner

    from corroborate.cli import app

    folder = tmp_path / "in"
    folder.mkdir()
    lines = [json.dumps({"id": d.given_id, "text": d.content, "title": d.title, "date": d.published,
                         "source": d.source}) for d in CORPUS[:4]]
    (folder / "dump.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = str(tmp_path / "cli.db")
    result = CliRunner().invoke(app, ["--db", db, "ingest", str(folder), "--workers", workers, "--quiet",
                                      "--batch-size", "2"])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        assert store.count_articles() == 4
