"""``created_at``: the change-feed clock and ``facts(since=...)``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from store_builders import make_fact

from incidentdesk.model import Fact, SourceDocument
from incidentdesk.store import Store, repository

T1 = "2025-03-04T18:00:00.000000+00:00"
T2 = "2025-03-04T19:30:00.000000+00:00"
T3 = "2025-03-05T08:00:00.000000+00:00"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    times = [T1, T2, T3]
    monkeypatch.setattr(repository, "utc_now", lambda: times.pop(0))
    yield times


def test_since(
    store: Store,
    clock: list[str],
    wire: SourceDocument,
    wire_facts: list[Fact],
    update: SourceDocument,
) -> None:
    toll = make_fact(update, "killed", 15, "rose to 15")
    correction = make_fact(wire, "killed", 13, "At least 12", extractor="analyst")
    store.add_document(wire, wire_facts, [])  # T1
    store.add_document(update, [toll], [])  # T2
    store.add_facts([correction])  # T3

    times = store.fact_times()
    assert times == {
        **{f.id: T1 for f in wire_facts},
        correction.id: T3,
        toll.id: T2,
    }
    assert store.facts(since=T1) == [*wire_facts, correction, toll]
    assert store.facts(since=T2) == [correction, toll]  # inclusive
    assert store.facts(since="2025-03-04T19:30:00.000001+00:00") == [correction]
    assert store.facts(since="2025-03-04T19:00:00Z") == [correction, toll]
    assert store.facts(since="2025-03-04T19:00:00") == [correction, toll]  # naive = UTC
    assert store.facts(since="2025-03-04T21:00:00+02:00") == [correction, toll]  # 19:00 UTC
    assert store.facts(since="2025-03-05") == [correction]
    assert store.facts(since="2030-01-01T00:00:00Z") == []
    assert store.facts(fields=["killed"], since=T2) == [correction, toll]


def test_since_rejects_garbage(store: Store) -> None:
    with pytest.raises(ValueError):
        store.facts(since="yesterday")


def test_real_clock_is_utc_iso(store: Store, wire: SourceDocument, wire_facts: list[Fact]) -> None:
    store.add_document(wire, wire_facts, [])
    stamps = set(store.fact_times().values())
    assert len(stamps) == 1  # one transaction, one time
    (stamp,) = stamps
    assert stamp.endswith("+00:00") and len(stamp) == len(T1)
    assert store.facts(since=stamp) == wire_facts
