"""The current tables, as SQLAlchemy Core ``Table`` objects the repository queries.

The database itself is created by ``migrations.py`` (each migration carries its own frozen
definitions); ``tests/store`` checks that a migrated database matches these tables.

JSON columns (``*_json``) hold ``json.dumps`` text so the schema stays portable. Timestamps are
fixed-width ISO 8601 UTC strings (``2024-03-22T20:13:05.123456+00:00``) and sort as text.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("applied_at", sa.String(40), nullable=False),
)

documents = sa.Table(
    "documents",
    metadata,
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

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("document", sa.String(64), sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("label", sa.String(64), nullable=False),
    sa.Index("ix_mentions_document", "document"),
)

facts = sa.Table(
    "facts",
    metadata,
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

evidence = sa.Table(
    "evidence",
    metadata,
    sa.Column("fact", sa.String(64), sa.ForeignKey("facts.id"), primary_key=True),
    sa.Column("document", sa.String(64), sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
)

profiles = sa.Table(
    "profiles",
    metadata,
    sa.Column("document", sa.String(64), sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("profile_json", sa.Text, nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
)
"""What incident clustering compares, one JSON profile per document (``resolve/profile.py``)."""

links = sa.Table(
    "links",
    metadata,
    sa.Column("a", sa.String(64), sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("b", sa.String(64), sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("score", sa.Double, nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Index("ix_links_b", "b"),
)
"""Same-incident links between two documents (``a < b``): incidents are their connected parts."""

FTS_TABLE = "documents_fts"
"""SQLite FTS5 external-content index over ``documents(title, text)``, rowid = ``documents.seq``."""
