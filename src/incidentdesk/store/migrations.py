"""Versioned schema migrations.

``MIGRATIONS`` is an ordered list of steps; ``migrate(engine)`` applies the ones missing from the
``schema_version`` table, each in its own write transaction, and records them there. Running it
again is a no-op. A step must never change once released: it carries its own frozen table
definitions (not ``schema.py``, the *current* shape); change the schema by appending a step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from incidentdesk.store import schema
from incidentdesk.store.engine import lock_for_write, writer


@dataclass(frozen=True)
class Migration:
    """One schema step: its version, what it does, and the function doing it."""

    version: int
    description: str
    apply: Callable[[Connection], None]


def _v1_core_tables(conn: Connection) -> None:
    """Documents, mentions, facts and evidence (frozen definitions of version 1)."""
    md = sa.MetaData()
    sa.Table(
        "documents",
        md,
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False, unique=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("publisher", sa.Text),
        sa.Column("author", sa.Text),
        sa.Column("published", sa.String(64)),
        sa.Column("url", sa.Text),
        sa.Column("chars", sa.Integer, nullable=False),
        sa.Column("reported_at", sa.String(64)),
        sa.Column("reported_at_basis", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("infobox_json", sa.Text, nullable=False),
        sa.Column("sections_json", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.String(40), nullable=False),
    )
    sa.Table(
        "mentions",
        md,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("document", sa.String(64), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("label", sa.String(64), nullable=False),
        sa.Index("ix_mentions_document", "document"),
    )
    sa.Table(
        "facts",
        md,
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False, unique=True),
        sa.Column("document", sa.String(64), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("field", sa.String(64), nullable=False),
        sa.Column("value_json", sa.Text, nullable=False),
        sa.Column("qualifier", sa.String(32)),
        sa.Column("scope", sa.Text),
        sa.Column("reported_at", sa.String(64)),
        sa.Column("reported_at_inferred", sa.Boolean, nullable=False),
        sa.Column("happened_at", sa.String(64)),
        sa.Column("refers_to", sa.Text, nullable=False),
        sa.Column("attributed_to_json", sa.Text, nullable=False),
        sa.Column("hedged", sa.Boolean, nullable=False),
        sa.Column("negated", sa.Boolean, nullable=False),
        sa.Column("includes_perpetrators", sa.Boolean),
        sa.Column("extractor", sa.Text, nullable=False),
        sa.Column("confidence", sa.Double, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Index("ix_facts_document", "document"),
        sa.Index("ix_facts_field", "field"),
        sa.Index("ix_facts_created_at", "created_at"),
    )
    sa.Table(
        "evidence",
        md,
        sa.Column("fact", sa.String(64), sa.ForeignKey("facts.id"), primary_key=True),
        sa.Column("document", sa.String(64), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    md.create_all(conn)


_V2_FTS = [
    # External-content FTS5 index: the text lives once, in ``documents``.
    "CREATE VIRTUAL TABLE documents_fts USING fts5("
    "title, text, content='documents', content_rowid='seq', "
    "tokenize='unicode61 remove_diacritics 2')",
    # Keep it in sync from the database side, whoever writes.
    "CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN "
    "INSERT INTO documents_fts(rowid, title, text) VALUES (new.seq, new.title, new.text); END",
    "CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
    "VALUES ('delete', old.seq, old.title, old.text); END",
    "CREATE TRIGGER documents_fts_au AFTER UPDATE ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
    "VALUES ('delete', old.seq, old.title, old.text); "
    "INSERT INTO documents_fts(rowid, title, text) VALUES (new.seq, new.title, new.text); END",
    # Index what is already stored.
    "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
]


def _v2_sqlite_fts(conn: Connection) -> None:
    """SQLite only: the FTS5 full-text index over documents (other databases skip this step)."""
    if conn.dialect.name != "sqlite":
        return
    for statement in _V2_FTS:
        conn.exec_driver_sql(statement)


def _v3_incident_tables(conn: Connection) -> None:
    """Per-document profiles (what clustering compares) and same-incident links between documents."""
    md = sa.MetaData()
    sa.Table("documents", md, sa.Column("id", sa.String(64), primary_key=True))  # exists (v1)
    profiles = sa.Table(
        "profiles",
        md,
        sa.Column("document", sa.String(64), sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("profile_json", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    links = sa.Table(
        "links",
        md,
        sa.Column("a", sa.String(64), sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("b", sa.String(64), sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("score", sa.Double, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Index("ix_links_b", "b"),
    )
    md.create_all(conn, tables=[profiles, links])


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, mentions, facts, evidence", _v1_core_tables),
    Migration(2, "SQLite FTS5 index documents_fts (skipped on other databases)", _v2_sqlite_fts),
    Migration(3, "document profiles and same-incident links", _v3_incident_tables),
)

LATEST_VERSION = MIGRATIONS[-1].version


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def applied_versions(conn: Connection) -> set[int]:
    """Versions recorded in ``schema_version`` (empty if the table does not exist yet)."""
    if not sa.inspect(conn).has_table(schema.schema_version.name):
        return set()
    return set(conn.scalars(sa.select(schema.schema_version.c.version)))


def current_version(engine: Engine) -> int:
    """The highest applied version, 0 for an empty database."""
    with engine.connect() as conn:
        return max(applied_versions(conn), default=0)


def migrate(engine: Engine, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[int]:
    """Apply the missing migrations in order, one transaction each; return the versions applied.

    Safe to run concurrently: each step re-checks ``schema_version`` after taking the write lock.
    """
    versions = [m.version for m in migrations]
    if versions != sorted(set(versions)):
        raise ValueError(f"migration versions must be strictly increasing: {versions}")
    with engine.connect() as conn:
        if {m.version for m in migrations} <= applied_versions(conn):
            return []  # up to date: no write lock needed
    eng = writer(engine)
    with eng.begin() as conn:
        lock_for_write(conn)
        schema.schema_version.create(conn, checkfirst=True)
    applied: list[int] = []
    for migration in migrations:
        with eng.begin() as conn:
            lock_for_write(conn)
            if migration.version in applied_versions(conn):
                continue
            migration.apply(conn)
            conn.execute(
                schema.schema_version.insert().values(
                    version=migration.version,
                    description=migration.description,
                    applied_at=_now(),
                )
            )
        applied.append(migration.version)
    return applied
