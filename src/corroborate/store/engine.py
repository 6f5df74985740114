"""Engines with the connection settings each dialect needs, and read/write transaction helpers."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.pool import StaticPool

BUSY_TIMEOUT_MS = 30_000
# A pooled PostgreSQL connection idle longer than this is checked (a round trip) before use: the server may
# have restarted or dropped it meanwhile. One in steady use is not: a ping at every checkout, with BEGIN and
# ROLLBACK, made four round trips of a one-statement read.
PING_AFTER_IDLE_S = 5.0
_WRITE = "corroborate_write"


def make_engine(url: str) -> sa.Engine:
    """An engine for `url`. SQLite gets WAL, foreign keys, busy_timeout, synchronous=NORMAL and explicit
    BEGIN handling (deferred for reads, IMMEDIATE for writes) so that a transaction really is one."""
    if url.startswith("sqlite"):
        memory = url in ("sqlite://", "sqlite:///:memory:")
        engine = sa.create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
            poolclass=StaticPool if memory else None,
        )
        _configure_sqlite(engine, wal=not memory)
        return engine
    engine = sa.create_engine(url)
    _configure_postgresql(engine)
    return engine


def _configure_postgresql(engine: sa.Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Reads here are short and many run at once (the web app): starting parallel workers costs more
        # than it saves (measured at a million articles: a 20 ms search took 120 ms with two workers).
        with dbapi_conn.cursor() as cur:
            cur.execute("SET max_parallel_workers_per_gather = 0")
            # nor does compiling a plan (JIT, set off by a LIMIT walk's high total cost: 30 ms a statement)
            cur.execute("SET jit = off")
        dbapi_conn.commit()

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_conn: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get("idle_since")
        if since is None or time.monotonic() - since < PING_AFTER_IDLE_S:
            return
        try:
            alive = engine.dialect.do_ping(dbapi_conn)
        except Exception as exc:  # noqa: BLE001 - any failure means the connection is unusable
            raise sa.exc.DisconnectionError(f"pooled connection is gone: {exc}") from exc
        if not alive:
            raise sa.exc.DisconnectionError("pooled connection is gone")


def _configure_sqlite(engine: sa.Engine, wal: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Take transaction control away from the sqlite3 module; we emit BEGIN ourselves below.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        if wal:
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        # IMMEDIATE takes the write lock up front: a deferred transaction that later needs to write can
        # fail with SQLITE_BUSY at once (no busy wait) when another writer got in between.
        write = conn.get_execution_options().get(_WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


@contextmanager
def write_tx(engine: sa.Engine) -> Iterator[sa.Connection]:
    """One write transaction: committed on success, rolled back on any exception."""
    with engine.connect() as conn:
        conn = conn.execution_options(**{_WRITE: True})
        with conn.begin():
            yield conn


@contextmanager
def read_tx(engine: sa.Engine) -> Iterator[sa.Connection]:
    """A connection for reading. SQLite: one snapshot (a transaction, rolled back at the end). PostgreSQL:
    autocommit, each statement on its own snapshot, as in a READ COMMITTED transaction, without the two round
    trips that open and close one (statements that need a transaction open one themselves)."""
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        yield conn
