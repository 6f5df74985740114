"""Shared fixtures: `db_url` / `store` over SQLite and PostgreSQL (PG only when CORROBORATE_TEST_PG is set)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
import sqlalchemy as sa

from corroborate.store import Store, resolve_db_url

PG_ENV = "CORROBORATE_TEST_PG"
PG_SKIP = f"PostgreSQL tests need a server: set {PG_ENV}=postgresql://user@host:port/db (see .ci/run)"


def _pg_schema_url() -> Iterator[str]:
    """A fresh, empty schema on the test server; dropped afterwards."""
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(PG_SKIP)
    url = resolve_db_url(base)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(url)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in url else "?"
    try:
        yield f"{url}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL (or path) of an empty database on each backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "test.db")
    else:
        yield from _pg_schema_url()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A URL of an empty schema on the PostgreSQL test server (the test is skipped without one)."""
    yield from _pg_schema_url()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An open, empty Store on each backend."""
    with Store(db_url) as s:
        yield s
