"""Ingest: read -> clean -> analyze -> cluster -> reconcile -> store, in atomic batches.

Each batch is written in one transaction together with the clusterer's state and the refreshed
dossiers of the stories it touched, so a crash leaves whole batches only; a rerun skips what is
stored (same content = same article) and restores the clusterer from the database.
"""

from __future__ import annotations

import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice

from corroborate.analyze import Analyzer
from corroborate.analyze.embed import LazyEmbedder
from corroborate.clean import CleanError, clean
from corroborate.cluster import Clusterer
from corroborate.model import AnalysedDocument, Analysis, Article, Assignment, Document, ReadError
from corroborate.reconcile import reconcile
from corroborate.store import Batch, Store

Progress = Callable[[int], None]
# parallel analysis (corroborate.parallel): input chunks in, (chunk, analysed documents) out, in input order
AnalyseMany = Callable[[Iterator[list], "Ingestor"], Iterator[tuple[list, list[AnalysedDocument]]]]
RECENT_ITEMS = 1024  # analysed articles kept in memory for rebuilding dossiers (a few MB)


@dataclass
class IngestReport:
    documents: int = 0
    ingested: int = 0
    duplicates: int = 0
    failures: list[ReadError] = field(default_factory=list)
    by_lang: Counter[str] = field(default_factory=Counter)
    by_outlet: Counter[str] = field(default_factory=Counter)
    stories: set[str] = field(default_factory=set)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures

    def merge(self, other: IngestReport) -> None:
        self.documents += other.documents
        self.ingested += other.ingested
        self.duplicates += other.duplicates
        self.failures += other.failures
        self.by_lang.update(other.by_lang)
        self.by_outlet.update(other.by_outlet)
        self.stories |= other.stories


class Ingestor:
    """Holds the analyzer and the clusterer across batches; one per ingest run."""

    def __init__(self, store: Store, analyzer: Analyzer | None = None, clusterer: Clusterer | None = None,
                 lazy_embed: bool = True, analyse_many: AnalyseMany | None = None):
        self.store = store
        self.analyse_many = analyse_many  # None: clean and analyze in this process
        self.analyzer = analyzer or Analyzer()
        # the encoder is most of the analysis time and decides only cross-lingual matches: unless told
        # otherwise, articles are embedded when the clusterer finds another language among their candidates
        self.embedder: LazyEmbedder | None = None
        if lazy_embed and "embed" in self.analyzer.names:
            self.embedder = LazyEmbedder(store.get_articles)
        if clusterer is None:
            clusterer = Clusterer(embedder=self.embedder)
            clusterer.restore(store.load_story_states())
        elif self.embedder is not None and clusterer.embedder is None:
            clusterer.embedder = self.embedder
        self.clusterer = clusterer
        # the latest articles with their analyses: a touched story's other members are mostly recent, so
        # its dossier is rebuilt without reading them back from the store
        self._recent: OrderedDict[str, tuple[Article, Analysis]] = OrderedDict()

    def ingest(
        self, items: Iterable[Document | ReadError], batch_size: int = 64, progress: Progress | None = None
    ) -> IngestReport:
        report = IngestReport()
        started = time.perf_counter()
        chunks = _chunks(iter(items), batch_size)
        prepared = self.analyse_many(chunks, self) if self.analyse_many else ((c, None) for c in chunks)
        for chunk, ready in prepared:
            report.merge(self._ingest_batch(chunk, ready))
            if progress:
                progress(len(chunk))
        report.seconds = time.perf_counter() - started
        return report

    def _ingest_batch(
        self, items: list[Document | ReadError], ready: list[AnalysedDocument] | None = None
    ) -> IngestReport:
        report = IngestReport(documents=len(items))
        if ready is None:
            articles = self._clean_new(items, report)
            deferred = ("embed",) if self.embedder is not None else ()
            analysed = list(zip(articles, self.analyzer.many(articles, skip=deferred), strict=True))
        else:
            analysed = self._take_ready(ready, report)
            articles = [article for article, _ in analysed]
        if self.embedder is not None:
            self.embedder.offer(articles)
        analysed.sort(key=lambda pair: (pair[0].published is None, pair[0].published or 0, pair[0].id))

        assignments: dict[str, Assignment] = {}
        for (article, _), assignment in zip(analysed, self.clusterer.add_batch(analysed), strict=True):
            assignments[article.id] = assignment
            report.by_lang[article.lang or "?"] += 1
            report.by_outlet[article.outlet or "?"] += 1

        if self.embedder is not None:
            for article, analysis in analysed:
                if article.id in self.embedder.vectors:
                    analysis.embedding = self.embedder.vectors[article.id]
        dirty = self.clusterer.take_dirty()
        touched = [sid for sid, state in dirty.items() if state is not None]
        stories = [self.clusterer.story(sid) for sid in touched]
        batch_items = {a.id: (a, an) for a, an in analysed}
        for story in stories:
            for aid in story.article_ids:
                if aid not in assignments:
                    assignments[aid] = Assignment(aid, story.id, score=1.0, new_story=False)
                elif assignments[aid].story != story.id:
                    old = assignments[aid]
                    assignments[aid] = Assignment(aid, story.id, old.score, old.new_story, old.merged)
        dossiers = [reconcile(s, self._story_items(s.article_ids, batch_items)) for s in stories]

        self.store.write_batch(
            Batch(
                articles=analysed,
                assignments=list(assignments.values()),
                stories=stories,
                removed_stories=[sid for sid, state in dirty.items() if state is None],
                story_states={sid: state for sid, state in dirty.items() if state is not None},
                dossiers=dossiers,
                failures=report.failures,
            )
        )
        for article, analysis in analysed:
            self._recent[article.id] = (article, analysis)
        while len(self._recent) > RECENT_ITEMS:
            self._recent.popitem(last=False)
        report.ingested = len(analysed)
        report.stories = set(touched)
        return report

    def _clean_new(self, items: list[Document | ReadError], report: IngestReport) -> list[Article]:
        articles: list[Article] = []
        for item in items:
            if isinstance(item, ReadError):
                report.failures.append(item)
                continue
            try:
                articles.append(clean(item))
            except CleanError as exc:
                report.failures.append(ReadError(item.origin, str(exc)))
        return self._drop_known(articles, report)

    def _take_ready(self, ready: list[AnalysedDocument], report: IngestReport) -> list[tuple[Article, Analysis]]:
        """Documents analysed elsewhere (workers): failures reported, stored and repeated articles dropped."""
        report.failures += [r.failure for r in ready if r.failure is not None]
        pairs = {id(r.article): (r.article, r.analysis) for r in ready if r.article is not None and r.analysis is not None}
        kept = self._drop_known([article for article, _ in pairs.values()], report)
        return [pairs[id(article)] for article in kept]

    def _drop_known(self, articles: list[Article], report: IngestReport) -> list[Article]:
        known_hashes = self.store.known_hashes(a.content_hash for a in articles)
        known_ids = self.store.known_ids(a.id for a in articles)
        fresh: list[Article] = []
        seen: set[str] = set()
        for article in articles:
            if article.content_hash in known_hashes or article.id in known_ids or article.content_hash in seen:
                report.duplicates += 1
                continue
            if article.id in seen:
                report.failures.append(
                    ReadError(article.origin, f"duplicate id {article.id!r} with different content: skipped")
                )
                continue
            seen.update((article.content_hash, article.id))
            fresh.append(article)
        return fresh

    def _story_items(
        self, article_ids: Sequence[str], fresh: dict[str, tuple[Article, Analysis]]
    ) -> list[tuple[Article, Analysis]]:
        stored_ids = [aid for aid in article_ids if aid not in fresh and aid not in self._recent]
        stored = {an.article_id: an for an in self.store.iter_analyses(stored_ids)} if stored_ids else {}
        articles = self.store.get_articles(stored_ids) if stored_ids else {}
        items: list[tuple[Article, Analysis]] = []
        for aid in article_ids:
            if aid in fresh or aid in self._recent:
                items.append(fresh.get(aid) or self._recent[aid])
                continue
            article = articles.get(aid)
            if article is not None:
                items.append((article, stored.get(aid) or Analysis(article_id=aid, lang=article.lang)))
        return items


def ingest_documents(
    store: Store, documents: Iterable[Document | ReadError], batch_size: int = 64, progress: Progress | None = None
) -> IngestReport:
    """Ingest already-read documents (the HTTP API and tests use this)."""
    return Ingestor(store).ingest(documents, batch_size=batch_size, progress=progress)


def _chunks(it: Iterator, size: int) -> Iterator[list]:
    while chunk := list(islice(it, size)):
        yield chunk
