"""PostgreSQL connections: reads run without a transaction round trip, a pooled connection that the server
dropped while idle is replaced before use, and the planner settings a read changes do not leak."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from corroborate.store import engine as engines

pytestmark = pytest.mark.pg


@pytest.fixture
def pg_engine(pg_url: str) -> Iterator[sa.Engine]:
    engine = engines.make_engine(pg_url)
    try:
        yield engine
    finally:
        engine.dispose()


def test_a_read_opens_no_transaction(pg_engine: sa.Engine) -> None:
    import psycopg

    with engines.read_tx(pg_engine) as conn:
        conn.exec_driver_sql("SELECT 1").scalar_one()
        status = conn.connection.dbapi_connection.info.transaction_status  # type: ignore[union-attr]
    assert status == psycopg.pq.TransactionStatus.IDLE  # autocommit: no BEGIN was sent before the statement


def test_a_write_is_still_one_transaction(pg_engine: sa.Engine) -> None:
    with engines.write_tx(pg_engine) as conn:
        conn.exec_driver_sql("CREATE TABLE t (x int)")
    with pytest.raises(RuntimeError), engines.write_tx(pg_engine) as conn:
        conn.exec_driver_sql("INSERT INTO t VALUES (1)")
        raise RuntimeError("abort")
    with engines.read_tx(pg_engine) as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM t").scalar_one() == 0


def test_a_connection_in_steady_use_is_not_pinged(pg_engine: sa.Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    with engines.read_tx(pg_engine) as conn:
        conn.exec_driver_sql("SELECT 1")
    pings: list[object] = []
    real = pg_engine.dialect.do_ping
    monkeypatch.setattr(pg_engine.dialect, "do_ping", lambda c: pings.append(c) or real(c))
    for _ in range(3):
        with engines.read_tx(pg_engine) as conn:
            conn.exec_driver_sql("SELECT 2")
    assert pings == []
    monkeypatch.setattr(engines, "PING_AFTER_IDLE_S", 0.0)  # now every checkout finds it idle long enough
    with engines.read_tx(pg_engine) as conn:
        conn.exec_driver_sql("SELECT 3")
    assert len(pings) == 1


def test_a_dropped_idle_connection_is_replaced(pg_engine: sa.Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    with engines.read_tx(pg_engine) as conn:
        pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
    killer = sa.create_engine(pg_engine.url)
    try:
        with killer.connect() as k:
            assert k.exec_driver_sql(f"SELECT pg_terminate_backend({pid})").scalar_one()
    finally:
        killer.dispose()
    monkeypatch.setattr(engines, "PING_AFTER_IDLE_S", 0.0)  # the connection counts as idle: checked first
    with engines.read_tx(pg_engine) as conn:
        assert conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one() != pid


def test_a_frequent_name_search_leaves_the_planner_settings_as_they_were(
        pg_engine: sa.Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    from corroborate.store import Store, StoryQuery, stories
    from corroborate.synthetic import Generator

    url = pg_engine.url.render_as_string(hide_password=False)
    with Store(url) as store:
        gen = Generator(seed=3)
        for _ in range(5):
            store.write_batch(gen.story(2))
        with engines.write_tx(store.engine) as conn:
            conn.exec_driver_sql("ANALYZE stories")  # the probe reads the planner's row count
        word = store.list_stories(StoryQuery(limit=1))[0][0].title.split()[0]
        calls: list[bool] = []
        real = stories._many

        def spy(*args: object) -> bool:
            calls.append(real(*args))  # type: ignore[arg-type]
            return calls[-1]

        monkeypatch.setattr(stories, "_many", spy)
        store.list_stories(StoryQuery(text=word, count_limit=1))
        assert calls, "the frequent-name probe did not run"
        with engines.read_tx(store.engine) as conn:  # the pool's one connection, used by the search
            assert conn.exec_driver_sql("SHOW enable_seqscan").scalar_one() == "on"
