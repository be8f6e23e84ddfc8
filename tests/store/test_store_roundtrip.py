"""Documents, facts, mentions and evidence come back exactly as they went in."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from store_builders import make_fact, make_source

from incidentdesk.model import Fact, Mention, SourceDocument
from incidentdesk.store import Store


def test_document_round_trip(
    store: Store, wire: SourceDocument, encyclopedia: SourceDocument
) -> None:
    assert store.add_document(wire, [], [])
    assert store.add_document(encyclopedia, [], [])

    assert store.has_document(wire.document.id)
    assert not store.has_document("nope")
    assert store.documents() == [wire.document, encyclopedia.document]
    assert store.document(encyclopedia.document.id) == encyclopedia.document
    assert store.document("nope") is None
    assert store.text(wire.document.id) == wire.text
    assert store.source_document(wire.document.id) == wire
    assert store.source_document(encyclopedia.document.id) == encyclopedia


def test_missing_document_raises_key_error(store: Store) -> None:
    with pytest.raises(KeyError):
        store.text("nope")
    with pytest.raises(KeyError):
        store.source_document("nope")


def test_fact_round_trip_is_exact(
    store: Store, wire: SourceDocument, wire_facts: list[Fact], wire_mentions: list[Mention]
) -> None:
    assert store.add_document(wire, wire_facts, wire_mentions)

    out = store.facts()
    assert out == wire_facts
    assert [f.id for f in out] == [f.id for f in wire_facts]
    # JSON types survive: int stays int, dict and list stay themselves.
    values = {f.field: f.value for f in out}
    assert type(values["killed"]) is int
    assert values["person"] == {"name": "Ana Müller", "roles": ["inspector"], "age": None}
    assert values["weapon"] == ["explosive", "bomb"]
    assert store.mentions() == wire_mentions
    assert store.mentions(wire.document.id) == wire_mentions
    assert store.stats() == {"documents": 1, "facts": 6, "mentions": 3}


def test_scalar_value_types_round_trip(store: Store) -> None:
    src = make_source("Figures: 3, 2.5, yes, nothing, ümlaut.")
    facts = [
        make_fact(src, "killed", 3, "3"),
        make_fact(src, "injured", 2.5, "2.5"),
        make_fact(src, "claim", True, "yes"),
        make_fact(src, "claim", None, "nothing"),
        make_fact(src, "title", "ümlaut", "ümlaut", confidence=0.1 + 0.2),
        make_fact(src, "event", {"date": "2025-03-04", "nested": {"n": [1, 2.0, "x"]}}, "Figures"),
    ]
    store.add_document(src, facts, [])
    out = store.facts()
    assert out == facts
    assert [type(f.value) for f in out] == [type(f.value) for f in facts]
    assert out[4].confidence == 0.1 + 0.2


def test_evidence_rows(store: Store, wire: SourceDocument, wire_facts: list[Fact]) -> None:
    store.add_document(wire, wire_facts, [])
    with store.engine.connect() as conn:
        rows = conn.execute(sa.text('SELECT fact, document, start, "end", text FROM evidence'))
        stored = {r.fact: (r.document, r.start, r.end, r.text) for r in rows}
    for fact in wire_facts:
        ev = fact.evidence
        assert stored[fact.id] == (ev.document, ev.start, ev.end, ev.text)
        assert wire.text[ev.start : ev.end] == ev.text


def test_filters(
    store: Store, wire: SourceDocument, wire_facts: list[Fact], update: SourceDocument
) -> None:
    toll = make_fact(update, "killed", 15, "rose to 15", attributed_to=["health ministry"])
    store.add_document(wire, wire_facts, [])
    store.add_document(update, [toll], [])

    assert store.facts(document=update.document.id) == [toll]
    assert store.facts(fields=["killed"]) == [wire_facts[0], toll]
    assert store.facts(document=wire.document.id, fields=["killed", "venue"]) == [
        wire_facts[0],
        wire_facts[2],
    ]
    assert store.facts(fields=[]) == []
    assert store.facts(document="nope") == []


def test_duplicate_facts_in_one_document_are_stored_once(
    store: Store, wire: SourceDocument, wire_facts: list[Fact]
) -> None:
    store.add_document(wire, [*wire_facts, wire_facts[0]], [])
    assert store.facts() == wire_facts


def test_facts_and_mentions_must_belong_to_the_document(
    store: Store, wire: SourceDocument, update: SourceDocument, wire_facts: list[Fact]
) -> None:
    stray = make_fact(update, "killed", 15, "rose to 15")
    with pytest.raises(ValueError, match="do not belong"):
        store.add_document(wire, [*wire_facts, stray], [])
    with pytest.raises(ValueError, match="do not belong"):
        store.add_document(wire, [], [Mention(document="x", start=0, end=2, text="At", label="X")])
    assert store.stats() == {"documents": 0, "facts": 0, "mentions": 0}


def test_add_facts_is_append_only(
    store: Store, wire: SourceDocument, wire_facts: list[Fact]
) -> None:
    store.add_document(wire, wire_facts[:2], [])
    correction = make_fact(wire, "killed", 13, "At least 12", extractor="analyst:jd")

    assert store.add_facts([wire_facts[0], correction, correction, wire_facts[2]]) == 2
    assert store.add_facts([correction]) == 0
    assert store.add_facts([]) == 0
    assert store.facts() == [*wire_facts[:2], correction, wire_facts[2]]


def test_add_facts_needs_stored_documents(
    store: Store, wire: SourceDocument, wire_facts: list[Fact], update: SourceDocument
) -> None:
    store.add_document(wire, [], [])
    orphan = make_fact(update, "killed", 15, "rose to 15")
    wrong_evidence = make_fact(wire, "killed", 12, "At least 12", evidence_document="nope")
    for bad in (orphan, wrong_evidence):
        with pytest.raises(ValueError, match="not in the store"):
            store.add_facts([wire_facts[0], bad])
    assert store.facts() == []


def test_deterministic_order(
    db_path: object, wire: SourceDocument, wire_facts: list[Fact], update: SourceDocument
) -> None:
    url = f"sqlite:///{db_path}"
    toll = make_fact(update, "killed", 15, "rose to 15")
    older = make_fact(update, "killed", 4, "killed 4", refers_to="2019 attack")
    late = make_fact(wire, "correction", "12 -> 13", "At least 12", extractor="analyst")
    with Store(url) as store:
        store.add_document(wire, wire_facts[:3], [])
        store.add_document(update, [toll, older], [])
        store.add_facts([late])
        first = store.facts()
    # Document ingest order first, then the order facts were stored in.
    assert first == [*wire_facts[:3], late, toll, older]
    with Store(url) as reopened:
        assert reopened.facts() == first
        assert list(reopened.fact_times()) == [f.id for f in first]
        assert [d.id for d in reopened.documents()] == [wire.document.id, update.document.id]
