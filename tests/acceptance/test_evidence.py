"""Property: every evidence span is an exact slice of its stored text and contains its value."""

from __future__ import annotations

import re

import pytest

from incidentdesk.annotate.numbers import find_numbers
from incidentdesk.model import Fact, Record
from incidentdesk.store import Store


def _value_in(fact: Fact, text: str) -> bool:
    value = fact.value
    if isinstance(value, bool) or value is None:
        return True
    if isinstance(value, int):
        return str(value) in text.replace(",", "") or any(
            n.value == value for n in find_numbers(text)
        )
    if isinstance(value, dict):
        key = value.get("name") or value.get("text") or ""
        return not key or str(key) in text
    if fact.field in ("attack_type", "weapon", "target", "date", "reported_at", "claim"):
        return True  # normalised labels and resolved dates: checked by their own tests
    return str(value) in text or str(value).rstrip(".") in text


@pytest.mark.parametrize("built", ["seeds_built", "demo_built"])
def test_evidence_is_exact_and_contains_value(built: str, request: pytest.FixtureRequest) -> None:
    store, _record = request.getfixturevalue(built)
    assert isinstance(store, Store)
    facts = store.facts()
    assert facts
    texts = {d.id: store.text(d.id) for d in store.documents()}
    for fact in facts:
        ev = fact.evidence
        stored = texts[ev.document]
        assert ev.text == stored[ev.start : ev.end], fact
        assert _value_in(fact, ev.text), (fact.field, fact.value, ev.text[:120])


@pytest.mark.parametrize("built", ["seeds_built", "demo_built"])
def test_record_evidence_is_exact(built: str, request: pytest.FixtureRequest) -> None:
    store, record = request.getfixturevalue(built)
    assert isinstance(record, Record)
    texts = {d.id: store.text(d.id) for d in store.documents()}
    for incident in record.incidents:
        for figure in incident.figures:
            ev = figure.evidence
            assert texts[ev.document][ev.start : ev.end] == ev.text
            assert re.search(r"\d|[a-z]", ev.text)
