"""Engines with the connection settings each dialect needs, and read/write transaction helpers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.pool import StaticPool

BUSY_TIMEOUT_MS = 30_000
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
    engine = sa.create_engine(url, pool_pre_ping=True)
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
    """A read-only snapshot (one transaction, rolled back at the end)."""
    with engine.connect() as conn:
        yield conn
