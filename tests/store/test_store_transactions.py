"""One transaction per document: duplicates change nothing, failures leave nothing behind."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from store_builders import make_fact, make_mention, make_source

from incidentdesk.model import Fact, Mention, SourceDocument
from incidentdesk.store import Store

TABLES = ("documents", "mentions", "facts", "evidence", "documents_fts")


def row_counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {t: int(conn.scalar(sa.text(f"SELECT count(*) FROM {t}")) or 0) for t in TABLES}


def test_adding_the_same_document_twice_changes_nothing(
    store: Store, wire: SourceDocument, wire_facts: list[Fact], wire_mentions: list[Mention]
) -> None:
    assert store.add_document(wire, wire_facts, wire_mentions) is True
    before = row_counts(store)
    times = store.fact_times()
    extra = make_fact(wire, "city", "Port Verrin", "Port Verrin")

    assert store.add_document(wire, [*wire_facts, extra], wire_mentions) is False
    assert store.add_document(wire, [], []) is False
    assert row_counts(store) == before
    assert store.fact_times() == times
    assert store.facts() == wire_facts


def test_failing_insert_leaves_no_partial_rows(
    store: Store,
    wire: SourceDocument,
    wire_facts: list[Fact],
    wire_mentions: list[Mention],
    update: SourceDocument,
) -> None:
    store.add_document(wire, wire_facts, wire_mentions)
    before = row_counts(store)
    good = make_fact(update, "killed", 15, "rose to 15")
    # Evidence pointing at a document that is not stored violates a foreign key.
    bad = make_fact(update, "killed", 4, "killed 4", evidence_document="not-stored")

    with pytest.raises(sa.exc.IntegrityError):
        store.add_document(update, [good, bad], [make_mention(update, "Port Verrin", "GPE")])

    assert row_counts(store) == before
    assert not store.has_document(update.document.id)
    assert store.search("ministry") == []
    assert store.source_document(wire.document.id) == wire
    assert store.facts() == wire_facts
    assert store.mentions() == wire_mentions
    # The store is still usable and numbering carries on without a gap.
    assert store.add_document(update, [good], [])
    assert store.facts() == [*wire_facts, good]


def test_exception_midway_rolls_back(
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    wire: SourceDocument,
    wire_facts: list[Fact],
    update: SourceDocument,
) -> None:
    store.add_document(update, [make_fact(update, "killed", 15, "rose to 15")], [])
    before = row_counts(store)
    original = Store._insert_facts

    def insert_then_fail(conn: sa.Connection, batch: dict[str, Fact], now: str) -> None:
        original(conn, batch, now)  # document, mentions, facts and evidence are written ...
        raise RuntimeError("disk on fire")  # ... then something fails before commit

    monkeypatch.setattr(Store, "_insert_facts", staticmethod(insert_then_fail))
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.add_document(wire, wire_facts, [make_mention(wire, "Port Verrin", "GPE")])
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.add_facts([make_fact(update, "injured", 1, "killed 4")])

    assert row_counts(store) == before
    assert not store.has_document(wire.document.id)
    assert store.search("Harbour") == []


def test_concurrent_writers(db_path: Path) -> None:
    """Two stores (as two processes would) writing at once: nothing lost, order stays unique."""
    url = f"sqlite:///{db_path}"
    Store(url).close()
    errors: list[BaseException] = []

    def work(tag: str) -> None:
        try:
            with Store(url) as store:
                for i in range(15):
                    src = make_source(f"Report {tag}-{i}: 3 killed in Port Verrin.")
                    store.add_document(src, [make_fact(src, "killed", 3, "3 killed")], [])
                    store.add_facts([make_fact(src, "city", "Port Verrin", "Port Verrin")])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(tag,)) for tag in "ab"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Store(url) as store:
        assert store.stats() == {"documents": 30, "facts": 60, "mentions": 0}
        with store.engine.connect() as conn:
            seqs: list[Any] = list(conn.scalars(sa.text("SELECT seq FROM documents ORDER BY seq")))
        assert seqs == list(range(1, 31))
