"""One document failing in any stage is reported with its origin and the stage; the rest of its batch is stored.

A failure is injected for one invented article in each stage (clean, every analyzer component, clustering,
reconciliation, the write) by wrapping the stage's function so it raises for that article only.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

import corroborate.pipeline as pipeline
from corroborate.analyze import Analyzer
from corroborate.cluster import Clusterer
from corroborate.model import Document, ReadError
from corroborate.pipeline import Ingestor, IngestReport
from corroborate.store import Store

TEXTS = {
    "quarry": "A rockfall at the Velmora quarry killed three workers on Monday, the regional mine inspector said.",
    "ferry": "Eleven passengers were injured when a ferry struck the pier at Ostrand harbour on Tuesday, police said.",
    "flood": "Flash floods displaced about 400 families in the valley town of Kettering Vale, officials said on Sunday.",
    "bad": "Two guards were arrested after a riot at the Holmfirth detention centre on Friday, the ministry said.",
}
BAD = "bad"
ANALYZER = Analyzer(skip=("embed",))


def docs() -> list[Document]:
    return [Document(origin=f"batch.jsonl:{i + 1}", content=text, kind="text", given_id=name,
                     published="2024-05-06", lang="en")
            for i, (name, text) in enumerate(TEXTS.items())]


def _raises_for_bad(func: Callable, pick: Callable) -> Callable:
    def wrapped(*args, **kwargs):
        if pick(*args, **kwargs):
            raise RuntimeError("injected failure")
        return func(*args, **kwargs)
    return wrapped


def _ingest(tmp_path: Path, analyzer: Analyzer = ANALYZER) -> tuple[IngestReport, Store]:
    store = Store(str(tmp_path / "iso.db"))
    report = Ingestor(store, analyzer, lazy_embed=False).ingest(docs(), batch_size=64)
    return report, store


def _check(report: IngestReport, store: Store, stage: str) -> None:
    assert report.ingested == 3
    assert sorted(a.id for a in store.iter_articles(with_text=False)) == ["ferry", "flood", "quarry"]
    assert [(f.origin, f.stage) for f in report.failures] == [("batch.jsonl:4", stage)]
    assert "injected failure" in report.failures[0].message
    assert [f.origin for f in store.failures()] == ["batch.jsonl:4"]
    assert not report.ok  # exit code 1: something failed, the rest was done


def test_clean_failure_skips_only_that_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "clean", _raises_for_bad(pipeline.clean, lambda doc: doc.given_id == BAD))
    report, store = _ingest(tmp_path)
    _check(report, store, "clean")


@pytest.mark.parametrize("component", [n for n in ANALYZER.names])
def test_component_failure_skips_only_that_document(tmp_path: Path, component: str) -> None:
    analyzer = Analyzer(skip=("embed",))
    analyzer.components = [
        (name, _raises_for_bad(func, lambda article, analysis: article.id == BAD) if name == component else func)
        for name, func in analyzer.components
    ]
    report, store = _ingest(tmp_path, analyzer)
    _check(report, store, component)


def test_cluster_failure_skips_only_that_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Clusterer, "add_signature",
                        _raises_for_bad(Clusterer.add_signature, lambda self, sig: sig.id == BAD))
    report, store = _ingest(tmp_path)
    _check(report, store, "cluster")


def test_reconcile_failure_skips_only_that_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "reconcile",
                        _raises_for_bad(pipeline.reconcile, lambda story, items, *_: BAD in story.article_ids))
    report, store = _ingest(tmp_path)
    _check(report, store, "reconcile")
    assert {d.id for d in store.iter_dossiers()}  # the other stories have their dossiers


def test_store_failure_skips_only_that_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Store, "write_batch", _raises_for_bad(
        Store.write_batch, lambda self, batch, **_: any(a.id == BAD for a, _ in batch.articles)))
    report, store = _ingest(tmp_path)
    _check(report, store, "store")


def test_later_batches_go_on_after_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Clusterer, "add_signature",
                        _raises_for_bad(Clusterer.add_signature, lambda self, sig: sig.id == BAD))
    store = Store(str(tmp_path / "iso.db"))
    items: list[Document | ReadError] = [*docs(), ReadError("broken.jsonl:2", "invalid JSON")]
    report = Ingestor(store, ANALYZER, lazy_embed=False).ingest(items, batch_size=2)
    assert report.ingested == 3
    assert sorted(f.origin for f in report.failures) == ["batch.jsonl:4", "broken.jsonl:2"]
    again = Ingestor(store, ANALYZER, lazy_embed=False).ingest(docs()[:3], batch_size=2)
    assert again.duplicates == 3 and again.ingested == 0


def test_similarity_reports_a_bad_pair_and_scores_the_rest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import corroborate.similarity as similarity

    monkeypatch.setattr(similarity, "pair_score", _raises_for_bad(similarity.pair_score,
                                                                  lambda a, b: a[0].id.startswith("bad")))
    pairs = tmp_path / "pairs.jsonl"
    rows = [{"pair_id": "ok", "text1": TEXTS["quarry"], "text2": TEXTS["ferry"]},
            {"pair_id": "bad", "text1": TEXTS["bad"], "text2": TEXTS["flood"]},
            ["not", "an", "object"],
            {"pair_id": "sup", "text1": "Officials said 10² people and ① ²5 were hurt.", "text2": TEXTS["flood"]}]
    pairs.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = list(similarity.score_pairs(pairs, ANALYZER))
    assert [o.get("pair_id") or o["line"] for o in out] == ["ok", 2, 3, "sup"]
    assert "injected failure" in out[1]["error"]


def test_hostile_characters_are_stored_on_each_backend(store: Store) -> None:
    """NUL (refused by PostgreSQL), lone surrogates (not UTF-8) and bidi overrides in every field."""
    odd = "\x00\ud800\u202e"
    docs = [Document(origin=f"odd{odd}.jsonl:1", content=f"{TEXTS['quarry']} {odd} end.", kind="text",
                     given_id=f"odd{odd}", title=f"Quarry{odd} rockfall", source=f"Velmora Post{odd}",
                     authors=[f"Ana{odd}"], url=f"https://example.org/{odd}"),
            Document(origin="plain.txt", content=TEXTS["ferry"], kind="text", given_id="plain")]
    report = Ingestor(store, ANALYZER, lazy_embed=False).ingest([*docs, ReadError(f"bad{odd}.json", f"x{odd}")])
    assert report.ingested == 2, report.failures
    assert len(store.failures()) == 1
