"""The analysis on a Ray cluster: a pool of actors, one Analyzer each; clustering and the store stay here.

`--ray local` starts a Ray instance on this machine (one actor per core unless `--workers` says
otherwise); `--ray ADDRESS` (e.g. `ray://head:10001` or `auto`) joins a running cluster, whose nodes need
Corroborate installed with the same version. Chunks and encoder calls go to the actor with the least
work queued, at most two chunks per actor in flight, and come back in input order
(`corroborate.parallel.ordered_map`), so the result is the same as with one process. An actor that dies is replaced and its chunk re-run in an isolation actor.
Ray is an optional extra: `pip install 'corroborate[ray]'`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
        self.turn = 0
        self.outstanding: list[list[Any]] = [[] for _ in range(self.workers)]  # refs not known to be done

    def _new_actor(self) -> Any:
        return self.actor_class.remote(self.make_analyzer)

    def _slot(self) -> int:
        """The actor with the least work queued (each runs its tasks one at a time, in order): a task
        sent round-robin can wait behind a long chunk while another actor is idle."""
        if self.outstanding:
            refs = [ref for refs in self.outstanding for ref in refs]
            done, _ = self.ray.wait(refs, num_returns=len(refs), timeout=0, fetch_local=False)
            finished = set(done)
            self.outstanding = [[r for r in refs if r not in finished] for refs in self.outstanding]
        slots = range(self.workers)
        slot = min(slots, key=lambda s: (len(self.outstanding[s]), (s - self.turn) % self.workers))
        self.turn = slot + 1
        return slot

    def _sent(self, slot: int, ref: Any) -> tuple[int, Any]:
        self.outstanding[slot].append(ref)
        return slot, ref

    def submit(self, chunk: Chunk, embed: bool | None) -> tuple[int, Any]:
        slot = self._slot()
        return self._sent(slot, self.actors[slot].run.remote(chunk, embed))

    def submit_embed(self, texts: list[str]) -> tuple[int, Any]:
        slot = self._slot()
        return self._sent(slot, self.actors[slot].embed.remote(texts))

    def result(self, handle: tuple[int, Any]) -> Any:
        slot, ref = handle
        try:
            return self.ray.get(ref)
        except self.ray.exceptions.RayActorError as exc:
            self.outstanding[slot] = []
            self.actors[slot] = self._new_actor()  # later chunks of the dead actor fail too and land here
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
