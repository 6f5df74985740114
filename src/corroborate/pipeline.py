"""Ingest: read -> clean -> analyze -> cluster -> reconcile -> store, in atomic batches.

Each batch is written in one transaction together with the clusterer's state and the refreshed
dossiers of the stories it touched, so a crash leaves whole batches only; a rerun skips what is
stored (same content = same article) and restores the clusterer from the database.
"""

from __future__ import annotations

import logging
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from typing import Any, Protocol

from corroborate import limits
from corroborate.analyze import Analyzer
from corroborate.analyze.embed import LazyEmbedder
from corroborate.clean import CleanError, clean
from corroborate.cluster import Clusterer
from corroborate.model import (
    AnalysedDocument,
    Analysis,
    Article,
    Assignment,
    Carrier,
    Document,
    Dossier,
    ReadError,
)
from corroborate.outlets import another_outlet
from corroborate.reconcile import reconcile
from corroborate.store import Batch, Store

log = logging.getLogger(__name__)

Progress = Callable[[int], None]
# parallel analysis (corroborate.parallel): input chunks in, (chunk, analysed documents) out, in input order
AnalyseMany = Callable[[Iterator[list], "Ingestor"], Iterator[tuple[list, list[AnalysedDocument]]]]
RECENT_ITEMS = 1024  # analysed articles kept in memory for rebuilding dossiers (a few MB)


@dataclass
class IngestReport:
    documents: int = 0
    ingested: int = 0
    duplicates: int = 0
    carried: int = 0  # word-for-word copies from another outlet, recorded as carried by it (wire copies)
    updated: list[str] = field(default_factory=list)  # ids of stored articles replaced by a new version
    failures: list[ReadError] = field(default_factory=list)
    warnings: list[ReadError] = field(default_factory=list)  # read past, not failures (a date ignored, ...)
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
        self.carried += other.carried
        self.updated += other.updated
        self.failures += other.failures
        self.warnings += other.warnings
        self.by_lang.update(other.by_lang)
        self.by_outlet.update(other.by_outlet)
        self.stories |= other.stories


@dataclass
class BatchOutcome:
    """What one ingest batch did, handed to the after-batch hooks."""

    items: list[Document | ReadError]  # the batch's inputs
    articles: list[Article]  # the new articles stored
    report: IngestReport
    dossiers: list[Dossier]  # the refreshed dossiers of the stories the batch touched
    removed_stories: list[str]  # stories merged into others
    carriers: list[tuple[str, Article]] = field(default_factory=list)  # (article id, its copy from another outlet)


class BatchHook(Protocol):
    """Called for every batch: `in_transaction` inside the batch's write transaction, before the batch is
    applied (it sees the stored state before the batch and commits or rolls back with it); then
    `after_commit` once the batch is durable (side effects such as deliveries)."""

    def in_transaction(self, conn: Any, outcome: BatchOutcome) -> None: ...

    def after_commit(self, outcome: BatchOutcome) -> None: ...


def default_hooks(store: Store) -> list[BatchHook]:
    """The hooks every Ingestor runs unless told otherwise: saved alerts."""
    from corroborate.alerts import AlertHook

    return [AlertHook(store)]


class Ingestor:
    """Holds the analyzer and the clusterer across batches; one per ingest run."""

    def __init__(self, store: Store, analyzer: Analyzer | None = None, clusterer: Clusterer | None = None,
                 lazy_embed: bool = True, hooks: Sequence[BatchHook] | None = None,
                 analyse_many: AnalyseMany | None = None):
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
        # after-batch hooks (alerts by default; the watcher adds its bookkeeping): see BatchHook
        self.hooks: list[BatchHook] = default_hooks(store) if hooks is None else list(hooks)
        # the batch's copies of articles from other outlets: (article id, copy), see _drop_known
        self._carriers: list[tuple[str, Article]] = []

    def ingest(
        self, items: Iterable[Document | ReadError], batch_size: int = 64, progress: Progress | None = None
    ) -> IngestReport:
        report = IngestReport()
        started = time.perf_counter()
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {batch_size}")
        chunks = _chunks(iter(items), batch_size)
        prepared = self.analyse_many(chunks, self) if self.analyse_many else ((c, None) for c in chunks)
        for chunk, ready in prepared:
            ticks = _Ticks(progress)
            report.merge(self._ingest_batch(chunk, ticks, ready))
            ticks.top_up(len(chunk))
        report.seconds = time.perf_counter() - started
        return report

    def _ingest_batch(self, items: list[Document | ReadError], ticks: _Ticks | None = None,
                      ready: list[AnalysedDocument] | None = None) -> IngestReport:
        """One batch; a document failing in any stage is reported (origin, stage) and the rest is stored.
        `ticks` advances the progress per document (the ones not analysed as soon as cleaning is done);
        `ready` are the batch's documents already cleaned and analysed by workers (corroborate.parallel)."""
        ticks = ticks or _Ticks(None)
        report = IngestReport(documents=len(items))
        self._carriers = []
        if ready is None:
            articles = self._clean_new(items, report)
            ticks(len(items) - len(articles))
            analysed = self._analyze(articles, report, ticks)
        else:
            analysed = self._take_ready(ready, report)
        if self.embedder is not None:
            self.embedder.offer([a for a, _ in analysed])
        analysed.sort(key=lambda pair: (pair[0].published is None, pair[0].published or 0, pair[0].id))
        carriers, self._carriers = self._carriers, []
        try:
            self._store_batch(analysed, report.failures, report, items, report.updated, carriers)
        except Exception:  # one article broke clustering, reconciliation or the write: find it, keep the rest
            self._rewind()
            for item in analysed:
                replaced = [item[0].id] if item[0].id in report.updated else []
                try:
                    self.forget(replaced)
                    self._store_batch([item], [], report, items, replaced)
                except Exception as exc:
                    self._rewind()
                    report.failures.append(stage_failure(item[0].origin or item[0].id, _stage_of(exc), exc))
            self._store_carriers(carriers, report, items)
            self.store.record_failures(report.failures)
        return report

    def _analyze(self, articles: list[Article], report: IngestReport, ticks: _Ticks | None = None
                 ) -> list[tuple[Article, Analysis]]:
        """Run the analyzer's components over the batch, one article at a time (components with a batch
        form once over the batch); an article whose component raises is dropped and reported with the
        component's name; one over the time budget skips its remaining components."""
        deferred = ("embed",) if self.embedder is not None else ()
        analyses = {a.id: Analysis(article_id=a.id, lang=a.lang) for a in articles}
        spent = dict.fromkeys(analyses, 0.0)
        alive = list(articles)
        segments = _segments([(n, c) for n, c in self.analyzer.components if n not in deferred])
        for k, (batched, components) in enumerate(segments):
            last = k == len(segments) - 1
            if batched:
                alive = self._run_batched(components[0], alive, analyses, report)
                continue
            kept = []
            for article in alive:
                if self._run_each(components, article, analyses[article.id], spent, report):
                    kept.append(article)
                if last and ticks:
                    ticks(1)
            alive = kept
        return [(a, analyses[a.id]) for a in alive]

    def _run_each(self, components: list[tuple[str, Any]], article: Article, analysis: Analysis,
                  spent: dict[str, float], report: IngestReport) -> bool:
        """Run `components` over one article; False when one raised (reported)."""
        for name, component in components:
            if spent[article.id] > limits.MAX_ANALYSIS_SECONDS:
                return True
            started = time.perf_counter()
            try:
                component(article, analysis)
            except Exception as exc:
                report.failures.append(stage_failure(article.origin or article.id, name, exc))
                return False
            spent[article.id] += time.perf_counter() - started
            if spent[article.id] > limits.MAX_ANALYSIS_SECONDS:
                report.warnings.append(ReadError(
                    article.origin or article.id,
                    f"analysis took {spent[article.id]:.0f}s, over the {limits.MAX_ANALYSIS_SECONDS:.0f}s budget "
                    f"per document: the components after {name!r} were skipped for it", stage=name))
        return True

    def _run_batched(self, named: tuple[str, Any], alive: list[Article], analyses: dict[str, Analysis],
                     report: IngestReport) -> list[Article]:
        name, component = named
        try:
            component.batch(alive, [analyses[a.id] for a in alive])
            return alive
        except Exception:  # noqa: S110 - retried one by one, which names the culprit
            pass
        kept = []
        for article in alive:
            try:
                component(article, analyses[article.id])
                kept.append(article)
            except Exception as exc:
                report.failures.append(stage_failure(article.origin or article.id, name, exc))
        return kept

    def _store_batch(
        self, analysed: list[tuple[Article, Analysis]], failures: list[ReadError], report: IngestReport,
        items: list[Document | ReadError], replaced: Sequence[str] = (),
        carriers: Sequence[tuple[str, Article]] = (),
    ) -> None:
        """Cluster, reconcile and write `analysed` (and the copies `carriers`) in one transaction; exceptions
        carry their stage."""
        assignments: dict[str, Assignment] = {}
        with _stage("cluster"):
            for (article, _), assignment in zip(analysed, self.clusterer.add_batch(analysed), strict=True):
                assignments[article.id] = assignment
            if self.embedder is not None:
                for article, analysis in analysed:
                    if article.id in self.embedder.vectors:
                        analysis.embedding = self.embedder.vectors[article.id]
        touched = self._write(analysed, assignments, report, items, failures, replaced=replaced, carriers=carriers)
        for article, analysis in analysed:
            self._recent[article.id] = (article, analysis)
            report.by_lang[article.lang or "?"] += 1
            report.by_outlet[article.outlet or "?"] += 1
        while len(self._recent) > RECENT_ITEMS:
            self._recent.popitem(last=False)
        report.ingested += len(analysed)
        report.stories |= set(touched)

    def _store_carriers(self, carriers: list[tuple[str, Article]], report: IngestReport,
                        items: list[Document | ReadError]) -> None:
        """Write the batch's copies on their own (after its articles were written one by one)."""
        if not carriers:
            return
        try:
            report.stories |= set(self._write([], {}, report, items, [], carriers=carriers))
        except Exception as exc:
            self._rewind()
            report.carried -= len(carriers)
            report.failures += [stage_failure(c.origin or c.id, _stage_of(exc), exc) for _, c in carriers]

    def forget(self, article_ids: Sequence[str]) -> None:
        """Take stored articles out of the clusterer and the caches (before a delete or a new version)."""
        from corroborate.cluster.removal import remove_articles

        remove_articles(self.clusterer, article_ids)
        for aid in article_ids:
            self._recent.pop(aid, None)
            if self.embedder is not None:
                self.embedder.vectors.pop(aid, None)

    def delete(self, article_ids: Sequence[str]) -> IngestReport:
        """Delete stored articles (kept in the article history) and re-decide and rebuild their stories."""
        report = IngestReport()
        self.forget(article_ids)
        report.stories = set(self._write([], {}, report, [], [], deleted=article_ids))
        return report

    def _write(self, analysed: list[tuple[Article, Analysis]], assignments: dict[str, Assignment],
               report: IngestReport, items: list[Document | ReadError], failures: list[ReadError],
               replaced: Sequence[str] = (), deleted: Sequence[str] = (),
               carriers: Sequence[tuple[str, Article]] = ()) -> list[str]:
        """Write the batch with every story the clusterer changed, and those of the articles `carriers`
        copy (dossiers rebuilt); returns their ids."""
        with _stage("cluster"):
            dirty = self.clusterer.take_dirty()
            touched = [sid for sid, state in dirty.items() if state is not None]
            for aid, _ in carriers:  # a new carrier shows on its article's dossier
                sid = self.clusterer.story_of(aid)
                if sid is not None and sid not in dirty and sid not in touched:
                    touched.append(sid)
            stories = [self.clusterer.story(sid) for sid in touched]
        batch_items = {a.id: (a, an) for a, an in analysed}
        for story in stories:
            for aid in story.article_ids:
                if aid not in assignments:
                    assignments[aid] = Assignment(aid, story.id, score=1.0, new_story=False)
                elif assignments[aid].story != story.id:
                    old = assignments[aid]
                    assignments[aid] = Assignment(aid, story.id, old.score, old.new_story, old.merged)
        with _stage("reconcile"):
            carried_by = self._carried_by([aid for s in stories for aid in s.article_ids], carriers)
            dossiers = [reconcile(s, self._story_items(s.article_ids, batch_items), carried_by) for s in stories]
        removed = [sid for sid, state in dirty.items() if state is None]
        outcome = BatchOutcome(items, [a for a, _ in analysed], report, dossiers, removed, list(carriers))
        with _stage("store"):
            self.store.write_batch(
                Batch(
                    articles=analysed,
                    assignments=list(assignments.values()),
                    stories=stories,
                    removed_stories=removed,
                    story_states={sid: state for sid, state in dirty.items() if state is not None},
                    dossiers=dossiers,
                    failures=failures,
                    replaced=list(replaced),
                    deleted=list(deleted),
                    carriers=list(carriers),
                ),
                before=partial(self._hooks_in_transaction, outcome) if self.hooks else None,
            )
        for hook in self.hooks:
            try:
                hook.after_commit(outcome)
            except Exception:  # the batch is stored: a failed side effect (a delivery) must not stop the ingest
                log.exception("after-batch hook %s failed", type(hook).__name__)
        return touched

    def _carried_by(self, article_ids: list[str], new: Sequence[tuple[str, Article]]) -> dict[str, list[Carrier]]:
        """The stored carriers of `article_ids` with the batch's `new` copies (each outlet's copy once)."""
        found = self.store.carriers_of(article_ids) if article_ids else {}
        wanted = set(article_ids)
        for aid, copy in new:
            if aid in wanted:
                shown = found.setdefault(aid, [])
                if not any((c.outlet, c.url) == (copy.outlet, copy.url) for c in shown):
                    shown.append(Carrier(copy.outlet, copy.url, copy.published))
        return found

    def _hooks_in_transaction(self, outcome: BatchOutcome, conn: Any) -> None:
        for hook in self.hooks:
            hook.in_transaction(conn, outcome)

    def _rewind(self) -> None:
        """Back to the clusterer state of the last committed batch (a failed batch wrote nothing)."""
        self.clusterer.restore(self.store.load_story_states())

    def _clean_new(self, items: list[Document | ReadError], report: IngestReport) -> list[Article]:
        articles: list[Article] = []
        for item in items:
            item.origin = _storable(item.origin)
            if isinstance(item, ReadError):
                item.message = _storable(item.message)
                report.failures.append(item)
                continue
            try:
                article = clean(item)
            except CleanError as exc:
                report.failures.append(ReadError(item.origin, str(exc), stage="clean"))
                continue
            except Exception as exc:
                report.failures.append(stage_failure(item.origin, "clean", exc))
                continue
            report.warnings += [ReadError(item.origin, w, stage="clean") for w in article.warnings]
            articles.append(article)
        return self._drop_known(articles, report)

    def _take_ready(self, ready: list[AnalysedDocument], report: IngestReport) -> list[tuple[Article, Analysis]]:
        """Documents analysed elsewhere (workers): failures reported, stored and repeated articles dropped."""
        report.failures += [r.failure for r in ready if r.failure is not None]
        pairs = {id(r.article): (r.article, r.analysis) for r in ready if r.article is not None and r.analysis is not None}
        for article, _ in pairs.values():
            report.warnings += [ReadError(article.origin or article.id, w, stage="clean") for w in article.warnings]
        kept = self._drop_known([article for article, _ in pairs.values()], report)
        return [pairs[id(article)] for article in kept]

    def _drop_known(self, articles: list[Article], report: IngestReport) -> list[Article]:
        """Articles already stored (same content) or repeated in the batch dropped; a stored id with new
        content is an update. The same text from another outlet is kept as a copy carried by that outlet
        (a syndicated wire copy: `self._carriers`, written with the batch); from the same outlet (or one
        that cannot be told) it is a plain duplicate."""
        owners = self.store.hash_owners(a.content_hash for a in articles)
        known_ids = self.store.known_ids(a.id for a in articles)
        stored_carriers = self.store.carriers_of(aid for aid, _, _ in owners.values()) if owners else {}
        fresh: list[Article] = []
        seen: set[str] = set()
        first: dict[str, Article] = {}  # content hash -> the batch's article with that text
        for article in articles:
            owner = owners.get(article.content_hash or "")
            if owner is None and article.content_hash in first:
                kept = first[article.content_hash]
                owner = (kept.id, kept.outlet, kept.url)
            if owner is not None:
                self._keep_copy(owner, article, stored_carriers.get(owner[0], []), report)
                continue
            if article.id in seen:
                report.failures.append(
                    ReadError(article.origin, f"duplicate id {article.id!r} with different content: skipped")
                )
                continue
            seen.update((article.content_hash, article.id))
            if article.content_hash:
                first[article.content_hash] = article
            if article.id in known_ids:  # same id, new content: a new version of the stored article
                report.updated.append(article.id)
            fresh.append(article)
        if report.updated:
            self.forget(report.updated)
        return fresh

    def _keep_copy(self, owner: tuple[str, str | None, str | None], copy: Article, stored: list[Carrier],
                   report: IngestReport) -> None:
        """A copy of the article `owner` (id, outlet, url): carried by another outlet, or a duplicate."""
        known = [(owner[1], owner[2]), *((c.outlet, c.url) for c in stored),
                 *((c.outlet, c.url) for aid, c in self._carriers if aid == owner[0])]
        if another_outlet((copy.outlet, copy.url), known):
            self._carriers.append((owner[0], copy))
            report.carried += 1
        else:
            report.duplicates += 1

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
    store: Store, documents: Iterable[Document | ReadError], batch_size: int = 64, progress: Progress | None = None,
    hooks: Sequence[BatchHook] | None = None,
) -> IngestReport:
    """Ingest already-read documents (the HTTP API and tests use this)."""
    return Ingestor(store, hooks=hooks).ingest(documents, batch_size=batch_size, progress=progress)


class _Ticks:
    """Progress per document: counts what it reported, so a batch's remainder is added once at its end."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress, self.done = progress, 0

    def __call__(self, n: int) -> None:
        if n > 0 and self.progress:
            self.progress(n)
        self.done += n

    def top_up(self, total: int) -> None:
        self(total - self.done)


def _segments(components: list[tuple[str, Any]]) -> list[tuple[bool, list[tuple[str, Any]]]]:
    """Consecutive components without a batch form run one article at a time; a batch form alone."""
    out: list[tuple[bool, list[tuple[str, Any]]]] = []
    for name, component in components:
        batched = getattr(component, "batch", None) is not None
        if out and not batched and not out[-1][0]:
            out[-1][1].append((name, component))
        else:
            out.append((batched, [(name, component)]))
    return out


def _storable(text: str) -> str:
    """Text for the failures table and the terminal: undecodable bytes of a file name (surrogate escapes)
    replaced, NUL characters (refused by PostgreSQL) dropped."""
    if not text.isascii():
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text.replace("\x00", "")


def stage_failure(origin: str, stage: str, exc: BaseException) -> ReadError:
    """The report line for a document an unexpected error stopped in `stage`."""
    if isinstance(exc, _StageError):
        exc = exc.cause
    detail = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
    return ReadError(_storable(origin), _storable(f"failed in {stage}: {type(exc).__name__}"
                     f"{': ' + detail if detail else ''}; skipped (the rest of its batch was stored)"), stage=stage)


class _StageError(Exception):
    def __init__(self, stage: str, cause: BaseException) -> None:
        super().__init__(str(cause))
        self.stage, self.cause = stage, cause


@contextmanager
def _stage(name: str) -> Iterator[None]:
    try:
        yield
    except _StageError:
        raise
    except Exception as exc:
        raise _StageError(name, exc) from exc


def _stage_of(exc: BaseException) -> str:
    return exc.stage if isinstance(exc, _StageError) else "store"


def _chunks(it: Iterator, size: int) -> Iterator[list]:
    while chunk := list(islice(it, size)):
        yield chunk
