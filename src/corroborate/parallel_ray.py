"""The analysis on a Ray cluster: a pool of actors, one Analyzer each; clustering and the store stay here.

`--ray local` starts a Ray instance on this machine (one actor per core unless `--workers` says
otherwise); `--ray ADDRESS` (e.g. `ray://head:10001` or `auto`) joins a running cluster, whose nodes need
Corroborate installed with the same version. Chunks and encoder calls go to whichever actor is idle,
at most two chunks per actor outstanding, and come back in input order
(`corroborate.parallel.ordered_map`), so the result is the same as with one process. An actor that dies is replaced and its chunk re-run in an isolation actor.
Ray is an optional extra: `pip install 'corroborate[ray]'`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from corroborate.analyze import Analyzer
from corroborate.parallel import (
    Chunk,
    ParallelAnalysis,
    Ready,
    WorkerDied,
    analyse_documents,
    analyzer_factory,
    embed_leads,
    init_worker,
)

LOCAL = ("", "local")


class RayUnavailable(Exception):
    """Ray cannot be used as asked (not installed, or a remote cluster with a SQLite database)."""


@dataclass(eq=False)
class _Task:
    """A call waiting for, or sent to, an actor (`ref` once sent)."""

    method: str
    args: tuple[Any, ...]
    ref: Any = None
    slot: int = -1
    actor: Any = None


class AnalysisActor:
    """Holds one Analyzer (built once) and analyses the chunks sent to it."""

    def __init__(self, make_analyzer: Callable[[], Analyzer]) -> None:
        init_worker(make_analyzer)

    def run(self, chunk: Chunk, embed: bool | None) -> Ready:
        return analyse_documents(chunk, embed)

    def embed(self, texts: list[str]) -> Any:
        return embed_leads(texts)


def _ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise RayUnavailable("--ray needs Ray: install the optional extra with "
                             "`pip install 'corroborate[ray]'` (or `pip install ray`)") from exc
    return ray


def check_database(address: str, dialect: str) -> None:
    """Remote workers need a database every node can reach: PostgreSQL, not a local SQLite file."""
    if address not in LOCAL and dialect == "sqlite":
        raise RayUnavailable(f"--ray {address}: a Ray cluster needs a PostgreSQL database (--db postgresql://...); "
                             "SQLite is a local file. Use `--ray local` or `--workers N` with SQLite.")


class RayBackend:
    """An actor pool on Ray, started (`local`) or joined (an address)."""

    def __init__(self, address: str = "local", workers: int | None = None,
                 make_analyzer: Callable[[], Analyzer] = Analyzer) -> None:
        ray = self.ray = _ray()
        self.owns = not ray.is_initialized()
        if self.owns:
            if address in LOCAL:
                ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
            else:
                ray.init(address=address, log_to_driver=False)
        self.workers = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        self.make_analyzer = make_analyzer
        self.actor_class = ray.remote(num_cpus=1, max_restarts=0)(AnalysisActor)
        self.actors = [self._new_actor() for _ in range(self.workers)]
        self.isolation: Any = None
        self.queue: deque[_Task] = deque()  # submitted, not yet sent to an actor
        self.running: list[_Task | None] = [None] * self.workers  # the task each actor is running

    def _new_actor(self) -> Any:
        return self.actor_class.remote(self.make_analyzer)

    def submit(self, chunk: Chunk, embed: bool | None) -> _Task:
        return self._queued(_Task("run", (chunk, embed)))

    def submit_embed(self, texts: list[str]) -> _Task:
        return self._queued(_Task("embed", (texts,)))

    def _queued(self, task: _Task) -> _Task:
        self.queue.append(task)
        self._dispatch(wait=False)
        return task

    def _dispatch(self, wait: bool) -> None:
        """Send queued tasks to idle actors, in order. An actor runs one task at a time and a task is sent
        only to an idle one (as a process pool hands work to whichever worker is free): sent ahead, an
        encoder call of seconds would hold up the chunks queued behind it while the other actor idles.
        `wait`: block until at least one running task is done first."""
        refs = [t.ref for t in self.running if t is not None]
        if refs:
            done, _ = self.ray.wait(refs, num_returns=1 if wait else len(refs), timeout=None if wait else 0,
                                    fetch_local=False)
            finished = set(done)
            self.running = [None if t is not None and t.ref in finished else t for t in self.running]
        for slot, task in enumerate(self.running):
            if task is None and self.queue:
                nxt = self.queue.popleft()
                nxt.slot, nxt.actor = slot, self.actors[slot]
                nxt.ref = getattr(nxt.actor, nxt.method).remote(*nxt.args)
                self.running[slot] = nxt

    def result(self, handle: _Task) -> Any:
        while handle.ref is None or any(t is handle for t in self.running):  # keep the other actors fed meanwhile
            self._dispatch(wait=True)
        try:
            return self.ray.get(handle.ref)
        except self.ray.exceptions.RayActorError as exc:
            if self.actors[handle.slot] is handle.actor:  # later tasks of the dead actor fail too and land here
                self.actors[handle.slot] = self._new_actor()
            raise WorkerDied() from exc

    def run_isolated(self, chunk: Chunk, embed: bool | None) -> Ready:
        if self.isolation is None:  # no CPU reserved: it runs while the pool waits, and must not queue behind it
            self.isolation = self.actor_class.options(num_cpus=0).remote(self.make_analyzer)
        try:
            return self.ray.get(self.isolation.run.remote(chunk, embed))
        except self.ray.exceptions.RayActorError as exc:
            self.isolation = None
            raise WorkerDied() from exc

    def close(self) -> None:
        for actor in [*self.actors, self.isolation]:
            if actor is not None:
                self.ray.kill(actor)
        if self.owns:
            self.ray.shutdown()


def ray_analysis(address: str, store: Any, skip: Sequence[str] = (), workers: int | None = None) -> ParallelAnalysis:
    """The Ingestor's analysis step on Ray; refuses a SQLite store when the cluster is remote."""
    check_database(address, store.dialect)
    _ray()
    return ParallelAnalysis(RayBackend(address, workers, analyzer_factory(skip)))
