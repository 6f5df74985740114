"""RayBackend's dispatch, on a stand-in for Ray that runs nothing and finishes calls when the test says:
a call goes only to an idle actor, in submission order, and the writer keeps idle actors fed while it
waits for a result (an encoder call of seconds must not hold up the chunks behind it)."""

from __future__ import annotations

from typing import Any

import pytest

from corroborate import parallel_ray
from corroborate.parallel import WorkerDied
from corroborate.parallel_ray import RayBackend


class Ref:
    def __init__(self, actor: int, method: str, args: tuple[Any, ...]) -> None:
        self.actor, self.method, self.args, self.done, self.dead = actor, method, args, False, False


class FakeRay:
    """Actors numbered in creation order; `finish_next` picks which running call completes when the
    writer blocks (the "first to finish" of a real cluster)."""

    class exceptions:  # noqa: N801 - mirrors ray.exceptions
        class RayActorError(Exception):
            pass

    def __init__(self) -> None:
        self.sent: list[Ref] = []
        self.actors = 0
        self.finish_order: list[int] = []  # actor ids, the order in which their running calls finish

    def is_initialized(self) -> bool:
        return True

    def cluster_resources(self) -> dict[str, float]:
        return {"CPU": 2}

    def remote(self, **_: Any) -> Any:
        fake = self

        def wrap(_cls: Any) -> Any:
            class ActorClass:
                @staticmethod
                def remote(*_a: Any) -> Any:
                    return fake._actor()

                @staticmethod
                def options(**_o: Any) -> Any:
                    return ActorClass

            return ActorClass

        return wrap

    def _actor(self) -> Any:
        number, fake = self.actors, self
        self.actors += 1

        class Method:
            def __init__(self, name: str) -> None:
                self.name = name

            def remote(self, *args: Any) -> Ref:
                ref = Ref(number, self.name, args)
                fake.sent.append(ref)
                return ref

        class Actor:
            run, embed = Method("run"), Method("embed")

        return Actor()

    def wait(self, refs: list[Ref], num_returns: int, timeout: float | None, fetch_local: bool) -> Any:
        if timeout is None and not any(r.done for r in refs):
            actor = self.finish_order.pop(0)
            next(r for r in refs if r.actor == actor).done = True
        done = [r for r in refs if r.done]
        return done, [r for r in refs if not r.done]

    def get(self, ref: Ref) -> Any:
        assert ref.done, "the writer read a call that is not finished"
        if ref.dead:
            raise self.exceptions.RayActorError()
        return (ref.method, ref.args)

    def kill(self, _actor: Any) -> None:
        pass


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeRay:
    ray = FakeRay()
    monkeypatch.setattr(parallel_ray, "_ray", lambda: ray)
    return ray


def test_calls_go_only_to_idle_actors_and_in_order(fake: FakeRay) -> None:
    backend = RayBackend("local", 2)
    embed = backend.submit_embed(["a long encoder call"])
    chunk1, chunk2 = backend.submit(["c1"], False), backend.submit(["c2"], False)
    assert [(r.actor, r.method) for r in fake.sent] == [(0, "embed"), (1, "run")]  # chunk2 waits: both busy
    fake.finish_order = [1, 1, 0]  # the chunk's actor frees first, twice; the encoder call ends last
    assert backend.result(chunk1) == ("run", (["c1"], False))
    assert fake.sent[-1].actor == 1 and fake.sent[-1].args == (["c2"], False)  # not behind the encoder call
    assert backend.result(chunk2) == ("run", (["c2"], False))
    assert backend.result(embed) == ("embed", (["a long encoder call"],))


def test_waiting_on_one_result_keeps_the_other_actor_fed(fake: FakeRay) -> None:
    backend = RayBackend("local", 2)
    handles = [backend.submit([f"c{i}"], False) for i in range(5)]
    # actor 1 finishes three calls while the writer waits for the first one, on actor 0: each time it
    # gets the next queued call, so the last one too (actor 0 is still busy)
    fake.finish_order = [1, 1, 1, 0, 1]
    assert backend.result(handles[0]) == ("run", (["c0"], False))
    assert [r.actor for r in fake.sent] == [0, 1, 1, 1, 1]
    assert [backend.result(h)[1][0] for h in handles[1:]] == [["c1"], ["c2"], ["c3"], ["c4"]]


def test_a_dead_actor_is_replaced_once(fake: FakeRay) -> None:
    backend = RayBackend("local", 2)
    first = backend.submit(["c0"], False)
    fake.sent[0].dead = True
    fake.finish_order = [0]
    with pytest.raises(WorkerDied):
        backend.result(first)
    assert fake.actors == 3  # two at the start, one replacement
    backend.submit(["c1"], False)
    assert fake.sent[-1].actor in (1, 2)
