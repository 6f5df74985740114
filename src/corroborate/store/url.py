"""Turn what a user typed for `--db` into an SQLAlchemy URL."""

from __future__ import annotations

import os
from pathlib import Path

from corroborate.store.errors import StoreError

DEFAULT_DB = "corroborate.db"
ENV_VAR = "CORROBORATE_DB"

_PG_PREFIXES = ("postgres://", "postgresql://")


def resolve_db_url(db: str | None) -> str:
    """None -> $CORROBORATE_DB or ./corroborate.db; a plain path -> SQLite; postgres URLs -> psycopg 3.

    >>> resolve_db_url("postgres://u@h/db")
    'postgresql+psycopg://u@h/db'
    """
    if db is None or not str(db).strip():
        db = os.environ.get(ENV_VAR) or DEFAULT_DB
    db = str(db).strip()
    for prefix in _PG_PREFIXES:
        if db.startswith(prefix):
            return "postgresql+psycopg://" + db[len(prefix):]
    if db.startswith("postgresql+"):
        if not db.startswith("postgresql+psycopg://"):
            raise StoreError(
                f"database URL {db!r} names a PostgreSQL driver other than psycopg 3; "
                "use postgresql://... (Corroborate connects with psycopg 3)"
            )
        return db
    if db.startswith("sqlite:") or db == ":memory:":
        return "sqlite://" if db in (":memory:", "sqlite://", "sqlite:///:memory:") else db
    if "://" in db:
        scheme = db.split("://", 1)[0]
        raise StoreError(
            f"database URL {db!r} uses the unsupported scheme {scheme!r}; "
            "give a file path (SQLite) or a postgresql:// URL"
        )
    path = Path(db).expanduser().resolve()
    return f"sqlite:///{path}"
