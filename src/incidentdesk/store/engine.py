"""Engines: the default URL, SQLite pragmas and transaction control, write locks.

SQLite files get WAL journaling, foreign keys, a busy timeout and ``synchronous=NORMAL`` on every
connection. SQLAlchemy (not the ``sqlite3`` driver) emits ``BEGIN`` so that DDL is transactional and
writes can take the database write lock up front (``BEGIN IMMEDIATE``) instead of failing with
"database is locked" halfway through. Other databases (PostgreSQL) use their driver defaults;
writers serialise on an advisory lock there.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import platformdirs
import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine

ENV_VAR = "INCIDENTDESK_DB"
"""Environment variable naming the database URL."""

BUSY_TIMEOUT_MS = 10_000
"""How long a SQLite connection waits for another writer before giving up."""

WRITE_OPTION = "incidentdesk_write"
"""Execution option marking a transaction that will write (``BEGIN IMMEDIATE`` on SQLite)."""

_PG_LOCK_KEY = 0x1D_E5_C0_DE
"""Advisory-lock key that PostgreSQL writers serialise on (ingest order must stay gap-free)."""


def default_url() -> str:
    """``$INCIDENTDESK_DB`` if set, else a SQLite file in the user data folder (created)."""
    env = os.environ.get(ENV_VAR)
    if env:
        return env
    folder = Path(platformdirs.user_data_dir("incidentdesk"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'incidentdesk.db'}"


def resolve_url(url: str) -> URL:
    """Parse a SQLAlchemy URL; a bare file path (no ``://``) means a SQLite file."""
    if "://" not in url:
        return sa.make_url(f"sqlite:///{Path(url).expanduser().resolve()}")
    return sa.make_url(url)


def sqlite_file(url: URL) -> Path | None:
    """The database file of a SQLite URL, or None (other backend, in-memory, ``uri=true``)."""
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database
    if not database or database == ":memory:" or url.query.get("uri") in ("true", "1"):
        return None
    return Path(database)


def make_engine(url: str) -> Engine:
    """Create an engine for ``url``; SQLite files get their folder, pragmas and BEGIN control."""
    parsed = resolve_url(url)
    path = sqlite_file(parsed)
    if path is not None:
        path.expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(parsed)
    if parsed.get_backend_name() == "sqlite" and engine.dialect.driver == "pysqlite":
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    """Install the per-connection pragmas and SQLAlchemy-driven ``BEGIN`` on a pysqlite engine."""

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        assert isinstance(dbapi_connection, sqlite3.Connection)
        # Stop the driver from emitting BEGIN itself; ``on_begin`` does it for every transaction.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS:d}")
            cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    def on_begin(conn: Connection) -> None:
        write = bool(conn.get_execution_options().get(WRITE_OPTION, False))
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    sa.event.listen(engine, "connect", on_connect)
    sa.event.listen(engine, "begin", on_begin)


def writer(engine: Engine) -> Engine:
    """A view of ``engine`` whose transactions are marked as writing (see ``lock_for_write``)."""
    return engine.execution_options(**{WRITE_OPTION: True})


def lock_for_write(conn: Connection) -> None:
    """Serialise writers for the rest of the current transaction.

    SQLite already holds the write lock (``BEGIN IMMEDIATE``); PostgreSQL takes a
    transaction-scoped advisory lock; other backends get nothing extra.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_PG_LOCK_KEY)))
