"""`corroborate reanalyze`: re-run the analysis and the reconciliation over stored articles after an
analyzer upgrade, in parallel (worker processes or Ray), resumable.

Articles whose stored analyzer version differs from ANALYZER_VERSION are taken in id order, in batches;
each batch's new analyses, their version and the dossiers of their stories are committed together
(`store.reanalysis`). Killed midway, a rerun finds only what is left: every article is analysed once with
the new version. Stories keep their articles (clustering is not redone); their dossiers are rebuilt.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from corroborate.analyze import ANALYZER_VERSION, Analyzer
from corroborate.model import AnalysedDocument, Analysis, Article, ReadError
from corroborate.parallel import Backend, analyse_documents, ordered_map
from corroborate.reconcile import reconcile
from corroborate.store import Store
from corroborate.store import reanalysis as r

Progress = Callable[[int], None]


@dataclass
class ReanalyzeReport:
    articles: int = 0  # analysed with the new version in this run
    failures: list[ReadError] = field(default_factory=list)
    stories: set[str] = field(default_factory=set)  # dossiers rebuilt
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures


def _article_chunks(store: Store, version: str, batch_size: int) -> Iterator[list[Article]]:
    after: str | None = None
    while ids := r.pending_ids(store, version, after, limit=batch_size):
        after = ids[-1]
        articles = store.get_articles(ids)
        yield [articles[i] for i in ids if i in articles]


def reanalyze(
    store: Store,
    backend: Backend | None = None,
    analyzer: Analyzer | None = None,
    version: str = ANALYZER_VERSION,
    batch_size: int = 64,
    progress: Progress | None = None,
) -> ReanalyzeReport:
    """Bring every stored analysis to `version`: on `backend` (workers, Ray) or in this process."""
    report = ReanalyzeReport()
    started = time.perf_counter()
    chunks = _article_chunks(store, version, batch_size)
    if backend is not None:
        prepared: Iterator[tuple[list, list[AnalysedDocument]]] = ordered_map(backend, chunks, lambda: False)
    else:
        local = analyzer or Analyzer()
        prepared = ((chunk, analyse_documents(chunk, analyzer=local)) for chunk in chunks)
    for chunk, ready in prepared:
        _write(store, ready, version, report)
        if progress:
            progress(len(chunk))
    report.seconds = time.perf_counter() - started
    return report


def _write(store: Store, ready: list[AnalysedDocument], version: str, report: ReanalyzeReport) -> None:
    report.failures += [x.failure for x in ready if x.failure is not None]
    fresh: dict[str, tuple[Article, Analysis]] = {
        x.article.id: (x.article, x.analysis) for x in ready if x.article is not None and x.analysis is not None
    }
    story_of = r.stories_of(store, list(fresh))
    dossiers = []
    for sid in sorted(set(story_of.values())):
        story = store.get_story(sid)
        if story is None:
            continue
        others = [aid for aid in story.article_ids if aid not in fresh]
        articles = store.get_articles(others)
        stored = {an.article_id: an for an in store.iter_analyses(others)}
        items = [fresh[aid] if aid in fresh else (articles[aid], stored.get(aid) or Analysis(aid, articles[aid].lang))
                 for aid in story.article_ids if aid in fresh or aid in articles]
        dossiers.append(reconcile(story, items, store.carriers_of(story.article_ids)))
    r.write_reanalysis(store, [an for _, an in fresh.values()], dossiers, version)
    report.articles += len(fresh)
    report.stories.update(d.id for d in dossiers)
