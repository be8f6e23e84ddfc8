"""``Store``: documents, mentions and facts in a SQL database (SQLAlchemy Core).

Facts are append-only: a fact's id is a hash of its content, so a fact is stored once and never
updated or deleted; corrections are new facts. Every write is one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import Any, Self

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from incidentdesk.model import Document, Fact, InfoboxField, Mention, Section, SourceDocument
from incidentdesk.store import engine as engines
from incidentdesk.store import schema as db
from incidentdesk.store.migrations import migrate
from incidentdesk.store.schema import FTS_TABLE

_DOCUMENT_FIELDS: tuple[str, ...] = tuple(Document.model_fields)
_CHUNK = 500  # ids per IN (...) clause, well under every backend's bound-parameter limit
_WORD = re.compile(r"\w+")


def utc_now() -> str:
    """The current time as a fixed-width ISO 8601 UTC string (sorts as text)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def normalize_timestamp(value: str) -> str:
    """``value`` (ISO 8601; naive means UTC) in the stored format, so text comparison is exact."""
    parsed = dt.datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _next_seq(conn: Connection, column: sa.Column[int]) -> int:
    """One past the highest ``column`` value (1 if empty); call it under the write lock."""
    last = conn.scalar(sa.select(sa.func.coalesce(sa.func.max(column), 0)))
    return int(last or 0) + 1


def _unique(facts_in: Iterable[Fact]) -> dict[str, Fact]:
    """Facts by id, first occurrence wins, input order kept."""
    out: dict[str, Fact] = {}
    for fact in facts_in:
        out.setdefault(fact.id, fact)
    return out


class Store:
    """The fact store: ``Store(url)`` opens and migrates the database; also a context manager.

    ``url`` is any SQLAlchemy URL (or a bare path to a SQLite file); None means ``default_url()``.
    """

    def __init__(self, url: str | None = None) -> None:
        self.url: str = url if url is not None else self.default_url()
        self.engine: sa.Engine = engines.make_engine(self.url)
        self._writer = engines.writer(self.engine)
        try:
            migrate(self.engine)
            with self.engine.connect() as conn:
                self._fts = conn.dialect.name == "sqlite" and sa.inspect(conn).has_table(FTS_TABLE)
        except BaseException:
            self.engine.dispose()
            raise

    @staticmethod
    def default_url() -> str:
        """``$INCIDENTDESK_DB`` if set, else ``sqlite:///<user data dir>/incidentdesk.db``."""
        return engines.default_url()

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Close all pooled connections."""
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction holding the writers' lock; commits, or rolls back and re-raises."""
        with self._writer.begin() as conn:
            engines.lock_for_write(conn)
            yield conn

    # ------------------------------------------------------------------ writes

    def add_document(
        self,
        src: SourceDocument,
        facts: Sequence[Fact],
        mentions: Sequence[Mention],
        profile_json: str | None = None,
        links: Sequence[tuple[str, float]] = (),
    ) -> bool:
        """Store a document with its mentions, facts, evidence, profile and links in ONE transaction.

        ``links`` are (other stored document id, score) pairs: the documents this one reports the
        same incident as. Returns False (and writes nothing) if the document id is already stored.
        Facts and mentions must belong to ``src`` (``ValueError`` otherwise); duplicate facts are
        stored once. If anything fails nothing of the document is written and the exception
        propagates.
        """
        doc_id = src.document.id
        strays = [m for m in mentions if m.document != doc_id] + [
            f for f in facts if f.document != doc_id
        ]
        if strays:
            raise ValueError(f"{len(strays)} facts/mentions do not belong to document {doc_id}")
        now = utc_now()
        with self._write() as conn:
            if self._has_document(conn, doc_id):
                return False
            seq = _next_seq(conn, db.documents.c.seq)
            conn.execute(db.documents.insert().values(self._document_row(src, seq, now)))
            if mentions:
                conn.execute(
                    db.mentions.insert(),
                    [m.model_dump(mode="json") for m in mentions],
                )
            self._insert_facts(conn, _unique(facts), now)
            if profile_json is not None:
                conn.execute(
                    db.profiles.insert().values(
                        document=doc_id, profile_json=profile_json, created_at=now
                    )
                )
            if links:
                conn.execute(
                    db.links.insert(),
                    [
                        {"a": min(doc_id, o), "b": max(doc_id, o), "score": sc, "created_at": now}
                        for o, sc in sorted(dict(links).items())
                        if o != doc_id
                    ],
                )
        return True

    def add_facts(self, facts: Sequence[Fact]) -> int:
        """Append facts (analyst corrections ...) in one transaction; return how many were new.

        Facts already stored (same id) are ignored. Their documents (and evidence documents) must
        be stored (``ValueError`` otherwise).
        """
        batch = _unique(facts)
        if not batch:
            return 0
        now = utc_now()
        with self._write() as conn:
            wanted = sorted(
                {f.document for f in batch.values()} | {f.evidence.document for f in batch.values()}
            )
            known: set[str] = set()
            for chunk in _chunks(wanted):
                known.update(
                    conn.scalars(sa.select(db.documents.c.id).where(db.documents.c.id.in_(chunk)))
                )
            missing = [d for d in wanted if d not in known]
            if missing:
                raise ValueError(f"facts refer to documents not in the store: {missing}")
            ids = list(batch)
            for chunk in _chunks(ids):
                for fact_id in conn.scalars(
                    sa.select(db.facts.c.id).where(db.facts.c.id.in_(chunk))
                ):
                    batch.pop(fact_id, None)
            self._insert_facts(conn, batch, now)
        return len(batch)

    @staticmethod
    def _document_row(src: SourceDocument, seq: int, now: str) -> dict[str, Any]:
        row = src.document.model_dump(mode="json")
        row.update(
            seq=seq,
            text=src.text,
            infobox_json=_dumps([f.model_dump(mode="json") for f in src.infobox]),
            sections_json=_dumps([s.model_dump(mode="json") for s in src.sections]),
            ingested_at=now,
        )
        return row

    @staticmethod
    def _insert_facts(conn: Connection, batch: dict[str, Fact], now: str) -> None:
        """Insert facts (ids not yet stored) and their evidence, numbering them after the last."""
        if not batch:
            return
        fact_rows: list[dict[str, Any]] = []
        evidence_rows: list[dict[str, Any]] = []
        first = _next_seq(conn, db.facts.c.seq)
        for offset, (fact_id, fact) in enumerate(batch.items(), start=first):
            data = fact.model_dump(mode="json")
            ev = data.pop("evidence")
            data["value_json"] = _dumps(data.pop("value"))
            data["attributed_to_json"] = _dumps(data.pop("attributed_to"))
            data.update(id=fact_id, seq=offset, created_at=now)
            fact_rows.append(data)
            evidence_rows.append({"fact": fact_id, **ev})
        conn.execute(db.facts.insert(), fact_rows)
        conn.execute(db.evidence.insert(), evidence_rows)

    # ------------------------------------------------------------------ documents

    @staticmethod
    def _has_document(conn: Connection, doc_id: str) -> bool:
        found = conn.scalar(sa.select(db.documents.c.id).where(db.documents.c.id == doc_id))
        return found is not None

    def has_document(self, id: str) -> bool:
        """Whether a document with this id is stored."""
        with self.engine.connect() as conn:
            return self._has_document(conn, id)

    def documents(self) -> list[Document]:
        """All documents (metadata only), in ingest order."""
        query = sa.select(*(db.documents.c[name] for name in _DOCUMENT_FIELDS)).order_by(
            db.documents.c.seq
        )
        with self.engine.connect() as conn:
            return [Document.model_validate(row._asdict()) for row in conn.execute(query)]

    def document(self, id: str) -> Document | None:
        """The document's metadata, or None if it is not stored."""
        query = sa.select(*(db.documents.c[name] for name in _DOCUMENT_FIELDS)).where(
            db.documents.c.id == id
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return None if row is None else Document.model_validate(row._asdict())

    def text(self, id: str) -> str:
        """The stored text of a document; ``KeyError`` if it is not stored."""
        with self.engine.connect() as conn:
            text = conn.scalar(sa.select(db.documents.c.text).where(db.documents.c.id == id))
        if text is None:
            raise KeyError(id)
        return str(text)

    def source_document(self, id: str) -> SourceDocument:
        """The document with its text, infobox and sections; ``KeyError`` if absent."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(db.documents).where(db.documents.c.id == id)).first()
        if row is None:
            raise KeyError(id)
        data = row._asdict()
        return SourceDocument(
            document=Document.model_validate({k: data[k] for k in _DOCUMENT_FIELDS}),
            text=data["text"],
            infobox=[InfoboxField.model_validate(x) for x in json.loads(data["infobox_json"])],
            sections=[Section.model_validate(x) for x in json.loads(data["sections_json"])],
        )

    def search(self, query: str, limit: int = 50) -> list[str]:
        """Ids of documents whose title or text contains every word of ``query``.

        SQLite uses the FTS5 index (best match first; a word ending in ``*`` matches as a prefix);
        other databases fall back to case-insensitive ``LIKE`` in ingest order.
        """
        pieces = query.split()
        words = [w for piece in pieces for w in _WORD.findall(piece)]
        if not words or limit <= 0:
            return []
        with self.engine.connect() as conn:
            if self._fts:
                terms: list[str] = []
                for piece in pieces:
                    found = _WORD.findall(piece)
                    terms.extend(f'"{w}"' for w in found)
                    if found and piece.endswith("*"):
                        terms[-1] += "*"
                sql = sa.text(
                    f"SELECT documents.id FROM {FTS_TABLE} "
                    f"JOIN documents ON documents.seq = {FTS_TABLE}.rowid "
                    f"WHERE {FTS_TABLE} MATCH :match ORDER BY rank, documents.seq LIMIT :limit"
                )
                return list(conn.scalars(sql, {"match": " ".join(terms), "limit": limit}))
            conditions = []
            for word in words:
                pattern = "%" + re.sub(r"([\\%_])", r"\\\1", word) + "%"
                conditions.append(
                    sa.or_(
                        db.documents.c.title.ilike(pattern, escape="\\"),
                        db.documents.c.text.ilike(pattern, escape="\\"),
                    )
                )
            like = (
                sa.select(db.documents.c.id)
                .where(*conditions)
                .order_by(db.documents.c.seq)
                .limit(limit)
            )
            return list(conn.scalars(like))

    # ------------------------------------------------------------------ facts and mentions

    def facts(
        self,
        document: str | None = None,
        fields: Sequence[str] | None = None,
        since: str | None = None,
    ) -> list[Fact]:
        """Stored facts in ingest order (document ingest order, then fact order).

        ``document`` and ``fields`` filter; ``since`` (ISO 8601 timestamp, naive = UTC) keeps facts
        created at or after that instant (inclusive: a change feed dedupes by fact id).
        """
        query = (
            sa.select(
                db.facts,
                db.evidence.c.document.label("ev_document"),
                db.evidence.c.start.label("ev_start"),
                db.evidence.c.end.label("ev_end"),
                db.evidence.c.text.label("ev_text"),
            )
            .select_from(
                db.facts.join(db.evidence, db.evidence.c.fact == db.facts.c.id).join(
                    db.documents, db.documents.c.id == db.facts.c.document
                )
            )
            .order_by(db.documents.c.seq, db.facts.c.seq)
        )
        if document is not None:
            query = query.where(db.facts.c.document == document)
        if fields is not None:
            query = query.where(db.facts.c.field.in_(list(fields)))
        if since is not None:
            query = query.where(db.facts.c.created_at >= normalize_timestamp(since))
        with self.engine.connect() as conn:
            return [self._fact(row) for row in conn.execute(query)]

    @staticmethod
    def _fact(row: Row[Any]) -> Fact:
        data = row._asdict()
        return Fact.model_validate(
            {
                "document": data["document"],
                "field": data["field"],
                "value": json.loads(data["value_json"]),
                "qualifier": data["qualifier"],
                "scope": data["scope"],
                "reported_at": data["reported_at"],
                "reported_at_inferred": data["reported_at_inferred"],
                "happened_at": data["happened_at"],
                "refers_to": data["refers_to"],
                "attributed_to": json.loads(data["attributed_to_json"]),
                "hedged": data["hedged"],
                "negated": data["negated"],
                "includes_perpetrators": data["includes_perpetrators"],
                "evidence": {
                    "document": data["ev_document"],
                    "start": data["ev_start"],
                    "end": data["ev_end"],
                    "text": data["ev_text"],
                },
                "extractor": data["extractor"],
                "confidence": data["confidence"],
            }
        )

    def fact_times(self) -> dict[str, str]:
        """Fact id -> created_at (UTC ISO 8601), in ingest order: the change feed's clock."""
        query = (
            sa.select(db.facts.c.id, db.facts.c.created_at)
            .select_from(db.facts.join(db.documents, db.documents.c.id == db.facts.c.document))
            .order_by(db.documents.c.seq, db.facts.c.seq)
        )
        with self.engine.connect() as conn:
            return {row.id: row.created_at for row in conn.execute(query)}

    def mentions(self, document: str | None = None) -> list[Mention]:
        """Stored mentions (all, or one document's) in ingest order."""
        query = (
            sa.select(
                db.mentions.c.document,
                db.mentions.c.start,
                db.mentions.c.end,
                db.mentions.c.text,
                db.mentions.c.label,
            )
            .select_from(
                db.mentions.join(db.documents, db.documents.c.id == db.mentions.c.document)
            )
            .order_by(db.documents.c.seq, db.mentions.c.id)
        )
        if document is not None:
            query = query.where(db.mentions.c.document == document)
        with self.engine.connect() as conn:
            return [Mention.model_validate(row._asdict()) for row in conn.execute(query)]

    def profiles(self) -> dict[str, str]:
        """Document id -> stored profile JSON, in ingest order."""
        query = (
            sa.select(db.profiles.c.document, db.profiles.c.profile_json)
            .select_from(
                db.profiles.join(db.documents, db.documents.c.id == db.profiles.c.document)
            )
            .order_by(db.documents.c.seq)
        )
        with self.engine.connect() as conn:
            return {row.document: row.profile_json for row in conn.execute(query)}

    def set_profiles(self, profiles: dict[str, str]) -> None:
        """Replace the profiles of stored documents (re-profiling after an upgrade) in one go."""
        now = utc_now()
        with self._write() as conn:
            for doc_id, payload in profiles.items():
                conn.execute(db.profiles.delete().where(db.profiles.c.document == doc_id))
                conn.execute(
                    db.profiles.insert().values(
                        document=doc_id, profile_json=payload, created_at=now
                    )
                )

    def links(self) -> list[tuple[str, str, float]]:
        """Every same-incident link ``(a, b, score)`` with ``a < b``, sorted."""
        query = sa.select(db.links.c.a, db.links.c.b, db.links.c.score).order_by(
            db.links.c.a, db.links.c.b
        )
        with self.engine.connect() as conn:
            return [(row.a, row.b, float(row.score)) for row in conn.execute(query)]

    def replace_links(self, links: Sequence[tuple[str, str, float]]) -> None:
        """Replace every link at once (after re-linking all documents with a new rule)."""
        now = utc_now()
        with self._write() as conn:
            conn.execute(db.links.delete())
            if links:
                conn.execute(
                    db.links.insert(),
                    [
                        {"a": min(a, b), "b": max(a, b), "score": sc, "created_at": now}
                        for a, b, sc in links
                    ],
                )

    def document_times(self) -> dict[str, str]:
        """Document id -> when it was ingested (UTC ISO 8601), in ingest order."""
        query = sa.select(db.documents.c.id, db.documents.c.ingested_at).order_by(
            db.documents.c.seq
        )
        with self.engine.connect() as conn:
            return {row.id: row.ingested_at for row in conn.execute(query)}

    def stats(self) -> dict[str, int]:
        """Row counts: ``documents``, ``facts``, ``mentions``."""
        tables = {"documents": db.documents, "facts": db.facts, "mentions": db.mentions}
        with self.engine.connect() as conn:
            return {
                name: int(conn.scalar(sa.select(sa.func.count()).select_from(table)) or 0)
                for name, table in tables.items()
            }

    _revision_query: sa.Select[Any] | None = None  # built once: the schema is fixed per release

    def revision(self) -> str:
        """A cheap fingerprint of everything stored: it changes whenever anything is written.

        For every table of the schema: the row count and the largest ``seq``, integer key and
        write timestamp (``created_at``, ``ingested_at``, ``applied_at``, ``updated_at``), all in
        one query. Caches of views built from the store (the web app's incident records) key on
        it, so any write, by this process or another, invalidates them.
        """
        query = Store._revision_query
        if query is None:
            stamps = ("seq", "created_at", "ingested_at", "applied_at", "updated_at")
            parts: list[sa.ScalarSelect[Any]] = []
            for table in db.metadata.sorted_tables:
                parts.append(sa.select(sa.func.count()).select_from(table).scalar_subquery())
                for column in table.columns:
                    integer_key = column.primary_key and isinstance(column.type, sa.Integer)
                    if column.name in stamps or integer_key:
                        parts.append(sa.select(sa.func.max(column)).scalar_subquery())
            query = Store._revision_query = sa.select(*parts)
        with self.engine.connect() as conn:
            row = conn.execute(query).one()
        return "/".join("" if value is None else str(value) for value in row)
