"""Versioned migrations: idempotent, ordered, and matching ``schema.py``."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from incidentdesk.model import Document, Evidence, Fact, SourceDocument
from incidentdesk.store import Store, schema
from incidentdesk.store.engine import make_engine
from incidentdesk.store.migrations import (
    LATEST_VERSION,
    MIGRATIONS,
    Migration,
    current_version,
    migrate,
)


def versions(engine: sa.Engine) -> list[tuple[int, str]]:
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT version, applied_at FROM schema_version ORDER BY 1"))
        return [(r.version, r.applied_at) for r in rows]


def test_migrations_run_twice_are_a_no_op(db_path: Path) -> None:
    engine = make_engine(f"sqlite:///{db_path}")
    assert migrate(engine) == [m.version for m in MIGRATIONS]
    first = versions(engine)
    assert migrate(engine) == []
    assert versions(engine) == first
    assert [v for v, _ in first] == [m.version for m in MIGRATIONS]
    assert current_version(engine) == LATEST_VERSION == 3
    with Store(f"sqlite:///{db_path}"):  # opening a store migrates again: still nothing to do
        pass
    assert versions(engine) == first
    engine.dispose()


def test_fresh_database_is_version_zero(db_path: Path) -> None:
    engine = make_engine(f"sqlite:///{db_path}")
    assert current_version(engine) == 0
    engine.dispose()


def test_later_migration_indexes_existing_documents(
    db_path: Path, wire: SourceDocument, wire_facts: list[Fact]
) -> None:
    """A database written at version 1 gets its FTS index built by migration 2."""
    engine = make_engine(f"sqlite:///{db_path}")
    assert migrate(engine, MIGRATIONS[:1]) == [1]
    with engine.begin() as conn:
        conn.execute(
            schema.documents.insert().values(
                id="d1",
                seq=1,
                source="s",
                kind="news",
                chars=12,
                text="Verrin blast",
                infobox_json="[]",
                sections_json="[]",
                ingested_at="2025-01-01T00:00:00.000000+00:00",
            )
        )
    assert current_version(engine) == 1
    engine.dispose()
    with Store(f"sqlite:///{db_path}") as store:  # upgrades on open
        assert current_version(store.engine) == LATEST_VERSION
        assert store.search("verrin") == ["d1"]
        assert store.add_document(wire, wire_facts, [])
        assert store.search("Harbour") == [wire.document.id]
        assert [d.id for d in store.documents()] == ["d1", wire.document.id]


def test_a_failing_migration_is_rolled_back(db_path: Path) -> None:
    def broken(conn: sa.Connection) -> None:
        conn.exec_driver_sql("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("bad step")

    engine = make_engine(f"sqlite:///{db_path}")
    with pytest.raises(RuntimeError, match="bad step"):
        migrate(engine, (*MIGRATIONS, Migration(LATEST_VERSION + 1, "broken", broken)))
    assert current_version(engine) == LATEST_VERSION
    assert not sa.inspect(engine).has_table("half_done")
    engine.dispose()


def test_versions_must_increase(db_path: Path) -> None:
    engine = make_engine(f"sqlite:///{db_path}")
    with pytest.raises(ValueError, match="strictly increasing"):
        migrate(engine, (MIGRATIONS[1], MIGRATIONS[0]))
    engine.dispose()


def test_migrated_database_matches_schema_module(store: Store) -> None:
    """The frozen migration definitions and ``schema.py`` describe the same database."""
    dialect = store.engine.dialect
    inspector = sa.inspect(store.engine)
    for table in schema.metadata.sorted_tables:
        reflected = {c["name"]: c for c in inspector.get_columns(table.name)}
        assert list(reflected) == [c.name for c in table.columns], table.name
        for column in table.columns:
            found = reflected[column.name]
            assert found["nullable"] == column.nullable, column
            assert found["type"].compile(dialect) == column.type.compile(dialect), column
        pk = inspector.get_pk_constraint(table.name)["constrained_columns"]
        assert pk == [c.name for c in table.primary_key], table.name
        indexes = {i["name"] for i in inspector.get_indexes(table.name)}
        assert indexes >= {i.name for i in table.indexes}, table.name
        foreign = {
            (fk["constrained_columns"][0], fk["referred_table"])
            for fk in inspector.get_foreign_keys(table.name)
        }
        assert foreign == {(fk.parent.name, fk.column.table.name) for fk in table.foreign_keys}
        uniques = {tuple(u["column_names"]) for u in inspector.get_unique_constraints(table.name)}
        assert uniques == {(c.name,) for c in table.columns if c.unique}, table.name


def test_columns_cover_the_models() -> None:
    """A new model field needs a migration; this fails until the store knows about it."""
    assert set(Document.model_fields) <= {c.name for c in schema.documents.c}
    fact_columns = {c.name.removesuffix("_json") for c in schema.facts.c}
    assert set(Fact.model_fields) - {"evidence"} <= fact_columns
    assert set(Evidence.model_fields) <= {c.name for c in schema.evidence.c}
