"""Read/clean/analyze on every core: worker processes analyse chunks, the writer keeps input order.

The writer (the process running `Ingestor`) cuts the input into chunks of `batch_size` documents and
hands them to a backend (worker processes here, Ray actors in `corroborate.parallel_ray`); at most
`inflight` chunks are out at a time, so memory stays bounded however long the input is. Results come
back in input order, so clustering, reconciliation and the store see exactly what a single process
would see: the same input gives the same stories and dossiers with 1 or N workers.

Each worker builds its Analyzer once. A document whose cleaning or analysis raises is reported (origin
and stage) and left out; a worker that dies (a crash in native code, killed for memory) loses its
chunk: the pool is rebuilt and the chunk re-run in an isolation worker, document by document when
needed, so only the document that kills a worker is reported and everything else goes on.

Embedding: the encoder is needed only when a story in another language is a candidate and the embedding
could decide (the clusterer's rule, applied in the writer). When a chunk comes back analysed, the writer
asks its clusterer which of the chunk's articles it will likely embed (judged on the stories so far and the
chunks still waiting) and has a worker embed just those titles and leads while it clusters the chunk
before; the vectors are served to the clusterer when (and only when) it asks, so decisions do not change,
and an article it asks for that was not guessed is embedded in the writer. A backend without that step
(or a clusterer with the earlier rule) embeds whole chunks once the stream has two languages.
"""

from __future__ import annotations

import functools
import multiprocessing as mp
import os
from collections import OrderedDict, deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from corroborate.analyze import Analyzer
from corroborate.analyze.embed import LazyEmbedder, embed_texts, lead_text
from corroborate.clean import CleanError, clean
from corroborate.model import AnalysedDocument, Analysis, Article, Document, ReadError

if TYPE_CHECKING:
    from corroborate.pipeline import Ingestor

Item = Document | ReadError | Article  # Articles: stored ones, re-analysed without cleaning
Chunk = list[Item]
Ready = list[AnalysedDocument]

# ----------------------------------------------------------------------------------------- worker side

_analyzer: Analyzer | None = None
_stage_slot: Any = None  # a shared char array in isolation workers: the stage being run, read after a crash


def init_worker(make_analyzer: Callable[[], Analyzer] = Analyzer, stage_slot: Any = None) -> None:
    """Build this worker's Analyzer once. One encoder thread per worker: the workers are the parallelism."""
    global _analyzer, _stage_slot
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    _analyzer = make_analyzer()
    _stage_slot = stage_slot


def _stage(name: str) -> None:
    if _stage_slot is not None:
        _stage_slot.value = name.encode()[:63]


def analyse_documents(items: Sequence[Item], embed: bool | None = False, analyzer: Analyzer | None = None) -> Ready:
    """Clean and analyze `items` in order (stored Articles are not cleaned again). The "embed" component
    is left to the clusterer's on-demand embedder; with `embed` (None: when the chunk itself has two
    languages), the title + lead vectors are computed here in one encoder call. `analyzer`: default the
    worker's own (built once by `init_worker`)."""
    if analyzer is None and _analyzer is None:
        init_worker()
    analyzer = analyzer or _analyzer
    assert analyzer is not None
    out = [_analyse_one(analyzer, item) for item in items]
    if embed is None:
        embed = len({r.article.lang for r in out if r.article is not None}) > 1
    if embed and "embed" in analyzer.names:
        _embed_ready([r for r in out if r.article is not None])
    _stage("")
    return out


def _analyse_one(analyzer: Analyzer, item: Item) -> AnalysedDocument:
    if isinstance(item, ReadError):
        return AnalysedDocument(item.origin, failure=item)
    if isinstance(item, Article):
        return _analyse_article(analyzer, item, item.origin or item.id)
    _stage("clean")
    try:
        article = clean(item)
    except CleanError as exc:
        return AnalysedDocument(item.origin, failure=ReadError(item.origin, str(exc)))
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the others
        return AnalysedDocument(item.origin, failure=_failed(item.origin, "clean", exc))
    return _analyse_article(analyzer, article, item.origin)


def _analyse_article(analyzer: Analyzer, article: Article, origin: str) -> AnalysedDocument:
    analysis = Analysis(article_id=article.id, lang=article.lang)
    for name, component in analyzer.components:
        if name == "embed":
            continue
        _stage(f"analyze:{name}")
        try:
            component(article, analysis)
        except Exception as exc:  # noqa: BLE001
            return AnalysedDocument(origin, failure=_failed(origin, f"analyze:{name}", exc))
    return AnalysedDocument(origin, article=article, analysis=analysis)


def _embed_ready(ready: Ready) -> None:
    if not ready:
        return
    _stage("analyze:embed")
    texts = [lead_text(r.article) for r in ready if r.article is not None]
    try:
        vectors = embed_texts(texts)
    except Exception:  # noqa: BLE001 - the writer embeds on demand instead
        return
    for r, text, vector in zip(ready, texts, vectors, strict=True):
        r.embedded = True
        r.embedding = [float(x) for x in vector] if text.strip() else None


def embed_leads(texts: Sequence[str]) -> np.ndarray:
    """Worker task: the title + lead vectors of `texts` (lead_text of each article) in one encoder call."""
    _stage("analyze:embed")
    try:
        return embed_texts(list(texts))
    finally:
        _stage("")


def _failed(origin: str, stage: str, exc: BaseException) -> ReadError:
    return ReadError(origin, f"{stage} failed: {type(exc).__name__}: {exc}")


# ----------------------------------------------------------------------------------------- backends


class WorkerDied(Exception):
    """The worker running a task died; `stage` is what it was doing when known."""

    def __init__(self, stage: str = "") -> None:
        super().__init__(stage)
        self.stage = stage


class Backend(Protocol):
    """Runs `analyse_documents` somewhere. `submit` returns a handle; `result` raises WorkerDied when the
    worker died (the backend is then rebuilt); `run_isolated` runs one chunk where a crash costs only it."""

    workers: int

    def submit(self, chunk: Chunk, embed: bool | None) -> Any: ...
    def submit_embed(self, texts: list[str]) -> Any: ...  # `embed_leads` on a worker; `result` gives the array
    def result(self, handle: Any) -> Any: ...
    def run_isolated(self, chunk: Chunk, embed: bool | None) -> Ready: ...
    def close(self) -> None: ...


def _context() -> mp.context.BaseContext:
    # forkserver where the platform has it (fast restarts, no inherited threads or sockets), else spawn
    return mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")


class ProcessBackend:
    """A pool of worker processes ('forkserver' or 'spawn' start), rebuilt when one dies."""

    def __init__(self, workers: int, make_analyzer: Callable[[], Analyzer] = Analyzer) -> None:
        self.workers = max(1, workers)
        self.make_analyzer = make_analyzer  # picklable (a module-level function or a functools.partial)
        self.ctx = _context()
        self.pool = self._new_pool(self.workers)
        try:  # a worker that cannot start (an unimportable main module, a failing Analyzer) fails here, once
            self.pool.submit(os.getpid).result()
        except BrokenProcessPool as exc:
            self.pool.shutdown(wait=False, cancel_futures=True)
            raise RuntimeError("worker processes could not start (see the error above; a script that starts "
                               "workers must guard its code with `if __name__ == '__main__':`)") from exc
        self.generation = 0
        self._isolation: tuple[ProcessPoolExecutor, Any] | None = None

    def _new_pool(self, n: int, stage_slot: Any = None) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(n, mp_context=self.ctx, initializer=init_worker, initargs=(self.make_analyzer, stage_slot))

    def submit(self, chunk: Chunk, embed: bool | None) -> tuple[int, Future[Ready]]:
        try:
            return self.generation, self.pool.submit(analyse_documents, chunk, embed)
        except BrokenProcessPool:
            self._rebuild(self.generation)
            return self.generation, self.pool.submit(analyse_documents, chunk, embed)

    def submit_embed(self, texts: list[str]) -> tuple[int, Future[np.ndarray]]:
        try:
            return self.generation, self.pool.submit(embed_leads, texts)
        except BrokenProcessPool:
            self._rebuild(self.generation)
            return self.generation, self.pool.submit(embed_leads, texts)

    def result(self, handle: tuple[int, Future[Any]]) -> Any:
        generation, future = handle
        try:
            return future.result()
        except BrokenProcessPool as exc:
            self._rebuild(generation)
            raise WorkerDied() from exc

    def _rebuild(self, generation: int) -> None:
        if generation == self.generation:  # the first to notice rebuilds; later handles of it just fail
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._new_pool(self.workers)
            self.generation += 1

    def run_isolated(self, chunk: Chunk, embed: bool | None) -> Ready:
        if self._isolation is None:
            slot = self.ctx.Array("c", 64)  # type: ignore[attr-defined]
            self._isolation = (self._new_pool(1, slot), slot)
        pool, slot = self._isolation
        slot.value = b""
        try:
            return pool.submit(analyse_documents, chunk, embed).result()
        except BrokenProcessPool as exc:
            stage = slot.value.decode(errors="replace")
            pool.shutdown(wait=False, cancel_futures=True)
            self._isolation = None
            raise WorkerDied(stage) from exc

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        if self._isolation is not None:
            self._isolation[0].shutdown(wait=True, cancel_futures=True)


def ordered_map(
    backend: Backend, chunks: Iterator[Chunk], embed: Callable[[], bool | None], inflight: int | None = None
) -> Iterator[tuple[Chunk, Ready]]:
    """Analyse chunks on `backend`, yielding them in input order with at most `inflight` outstanding."""
    limit = inflight or 2 * backend.workers
    pending: deque[tuple[Chunk, bool | None, Any]] = deque()
    for chunk in chunks:
        flag = embed()
        pending.append((chunk, flag, backend.submit(chunk, flag)))
        while len(pending) >= limit:
            yield _resolve(backend, *pending.popleft())
    while pending:
        yield _resolve(backend, *pending.popleft())


def _resolve(backend: Backend, chunk: Chunk, embed: bool | None, handle: Any) -> tuple[Chunk, Ready]:
    try:
        return chunk, backend.result(handle)
    except WorkerDied:
        return chunk, isolate(backend, chunk, embed)


def isolate(backend: Backend, chunk: Chunk, embed: bool | None) -> Ready:
    """Re-run a chunk whose worker died: whole if it now passes, else one document at a time; a document
    that kills its worker again is reported with the stage it was in."""
    try:
        return backend.run_isolated(chunk, embed)
    except WorkerDied:
        pass
    out: Ready = []
    for item in chunk:
        try:
            out.extend(backend.run_isolated([item], embed))
        except WorkerDied as died:
            origin = item.origin
            stage = died.stage or "clean/analyze"
            out.append(AnalysedDocument(origin, failure=ReadError(origin, f"{stage} failed: the worker process died")))
    return out


# ----------------------------------------------------------------------------------------- writer side


class PrecomputedEmbedder(LazyEmbedder):
    """The clusterer's on-demand embedder, answering from vectors the workers computed when it has them:
    those of the latest `keep` articles the writer kept (a backfill of a recent story member needs no
    encoder either). Vectors are staged per chunk and confirmed when the writer offers the articles
    (same id and content), so a duplicate id with other content never lends its vector."""

    def __init__(self, base: LazyEmbedder, keep: int = 8192) -> None:
        super().__init__(base.fetch)
        self.keep = keep
        self.staged: dict[str, tuple[str | None, np.ndarray | None]] = {}
        self.precomputed: OrderedDict[str, np.ndarray | None] = OrderedDict()

    def stage(self, vectors: dict[str, tuple[str | None, np.ndarray | None]]) -> None:
        self.staged = vectors

    def offer(self, articles: Sequence[Article]) -> None:
        super().offer(articles)
        for article in articles:
            hit = self.staged.get(article.id)
            if hit is not None and hit[0] == article.content_hash:
                self.precomputed[article.id] = hit[1]
        self.staged = {}
        while len(self.precomputed) > self.keep:
            self.precomputed.popitem(last=False)

    def __call__(self, article_ids: Sequence[str]) -> dict[str, np.ndarray | None]:
        ids = list(dict.fromkeys(article_ids))
        known = [i for i in ids if i in self.precomputed]
        out = super().__call__([i for i in ids if i not in self.precomputed]) if len(known) < len(ids) else {}
        for i in known:
            vec = self.precomputed[i]
            out[i] = vec
            if i in self.pending:
                self.vectors[i] = None if vec is None else [float(x) for x in vec]
        return out


class ParallelAnalysis:
    """The Ingestor's "analyse many" step on a backend: `(chunks, ingestor) -> (chunk, ready)` in order."""

    def __init__(self, backend: Backend, inflight: int | None = None) -> None:
        self.backend = backend
        self.inflight = inflight
        self.embedded = 0  # texts the workers embedded (offered to the clusterer, used only if it asks)

    def __call__(self, chunks: Iterator[Chunk], ingestor: Ingestor) -> Iterator[tuple[Chunk, Ready]]:
        embedder = None
        if ingestor.embedder is not None:
            embedder = PrecomputedEmbedder(ingestor.embedder)
            ingestor.embedder = ingestor.clusterer.embedder = embedder
        if embedder is not None and ingestor.clusterer.config.embed_only_when_decisive and hasattr(
                self.backend, "submit_embed"):
            yield from self._guessing(chunks, ingestor, embedder)
            return
        langs = {lang for lang in ingestor.store.counts("lang") if lang}

        def multilingual() -> bool | None:  # None: the worker decides from its chunk's languages
            return False if embedder is None else (True if len(langs) > 1 else None)

        for chunk, ready in ordered_map(self.backend, chunks, multilingual, self.inflight):
            langs.update(r.article.lang for r in ready if r.article is not None and r.article.lang)
            self.embedded += sum(1 for r in ready if r.embedded)
            if embedder is not None:
                embedder.stage({
                    r.article.id: (r.article.content_hash,
                                   None if r.embedding is None else np.asarray(r.embedding, dtype=np.float32))
                    for r in ready if r.article is not None and r.embedded
                })
            yield chunk, ready

    def _guessing(self, chunks: Iterator[Chunk], ingestor: Ingestor,
                  embedder: PrecomputedEmbedder) -> Iterator[tuple[Chunk, Ready]]:
        """Workers analyse; for each analysed chunk a worker embeds the articles the clusterer will likely
        ask for, while the writer clusters the chunk before (one chunk is held back for that)."""
        held: deque[tuple[Chunk, Ready, list[Article], Any]] = deque()
        langs = {lang or "" for lang in ingestor.store.counts("lang")}  # one language: nothing to guess
        for chunk, ready in ordered_map(self.backend, chunks, lambda: False, self.inflight):
            items = [(r.article, r.analysis) for r in ready if r.article is not None and r.analysis is not None]
            langs.update(a.lang or "" for a, _ in items)
            ahead = [(r.article, r.analysis) for _, rs, _, _ in held for r in rs
                     if r.article is not None and r.analysis is not None]
            wanted = set(ingestor.clusterer.likely_to_embed(items, ahead)) if len(langs) > 1 else set()
            articles = [a for a, _ in items if a.id in wanted]
            handle = self.backend.submit_embed([lead_text(a) for a in articles]) if articles else None
            held.append((chunk, ready, articles, handle))
            if len(held) > 1:
                yield self._settle(embedder, *held.popleft())
        while held:
            yield self._settle(embedder, *held.popleft())

    def _settle(self, embedder: PrecomputedEmbedder, chunk: Chunk, ready: Ready, articles: list[Article],
                handle: Any) -> tuple[Chunk, Ready]:
        vectors: dict[str, tuple[str | None, np.ndarray | None]] = {}
        if handle is not None:
            try:
                found = self.backend.result(handle)
            except WorkerDied:  # the writer embeds what its clusterer asks for instead
                found = None
            if found is not None:
                texts = [lead_text(a) for a in articles]
                for article, text, vector in zip(articles, texts, found, strict=True):
                    vectors[article.id] = (article.content_hash, np.asarray(vector) if text.strip() else None)
                self.embedded += len(articles)
        embedder.stage(vectors)
        return chunk, ready

    def close(self) -> None:
        self.backend.close()


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def analyzer_factory(skip: Sequence[str] = ()) -> Callable[[], Analyzer]:
    return functools.partial(Analyzer, skip=tuple(skip))


def process_analysis(workers: int, skip: Sequence[str] = ()) -> ParallelAnalysis:
    return ParallelAnalysis(ProcessBackend(workers, analyzer_factory(skip)))
