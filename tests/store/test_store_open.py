"""Store: database URLs, opening, schema version checks, SQLite settings."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from corroborate.store import Store, StoreError, resolve_db_url
from corroborate.store.migrations import SCHEMA_VERSION


def test_resolve_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CORROBORATE_DB", raising=False)
    assert resolve_db_url(None) == f"sqlite:///{tmp_path / 'corroborate.db'}"
    monkeypatch.setenv("CORROBORATE_DB", "other.db")
    assert resolve_db_url(None) == f"sqlite:///{tmp_path / 'other.db'}"
    assert resolve_db_url("sub/x.db") == f"sqlite:///{tmp_path / 'sub' / 'x.db'}"


@pytest.mark.parametrize(("given", "expected"), [
    ("postgres://u:p@h:5/db", "postgresql+psycopg://u:p@h:5/db"),
    ("postgresql://u@h/db?sslmode=disable", "postgresql+psycopg://u@h/db?sslmode=disable"),
    ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
    ("sqlite:///rel.db", "sqlite:///rel.db"),
    (":memory:", "sqlite://"),
])
def test_resolve_urls(given: str, expected: str) -> None:
    assert resolve_db_url(given) == expected


@pytest.mark.parametrize(("given", "message"), [
    ("mysql://u@h/db", "unsupported scheme 'mysql'"),
    ("postgresql+psycopg2://u@h/db", "other than psycopg 3"),
])
def test_resolve_rejects(given: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        resolve_db_url(given)


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="folder .*nowhere does not exist"):
        Store(str(tmp_path / "nowhere" / "x.db"))


def test_foreign_file_is_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "notes.db"
    junk.write_text("this is not a database at all " * 100)
    with pytest.raises(StoreError, match="cannot open the database .*notes.db"):
        Store(str(junk))


def test_unreachable_server_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match=r"cannot open the database postgresql\+psycopg://someone:\*\*\*@127.0.0.1:9/"):
        Store("postgresql://someone:secret@127.0.0.1:9/nothing?connect_timeout=2")


def test_newer_schema_is_refused(db_url: str) -> None:
    with Store(db_url) as s, s.engine.begin() as conn:
        conn.execute(sa.text("UPDATE meta SET value = :v WHERE key = 'schema_version'"), {"v": str(SCHEMA_VERSION + 1)})
    with pytest.raises(StoreError, match="newer than this Corroborate understands"):
        Store(db_url)


def test_sqlite_settings(tmp_path: Path) -> None:
    with Store(str(tmp_path / "s.db")) as s, s.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


def test_memory_database_works() -> None:
    with Store(":memory:") as s:
        assert s.dialect == "sqlite" and s.count_articles() == 0


def test_schema_has_the_query_indexes(store: Store) -> None:
    insp = sa.inspect(store.engine)
    indexed = {(table, tuple(ix["column_names"])) for table in ("articles", "stories", "story_articles")
               for ix in insp.get_indexes(table)}
    for expected in [("story_articles", ("story_id",)), ("articles", ("published", "id")),
                     ("articles", ("outlet",)), ("articles", ("lang",)), ("stories", ("last_published",))]:
        assert expected in indexed
