"""The fictional demo incident (examples/demo) read end to end against its expected.json."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from incidentdesk.model import Incident, Record
from incidentdesk.store import Store
from tests.conftest import DEMO


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    return dict(json.loads((DEMO / "expected.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def incident(demo_built: tuple[Store, Record]) -> Incident:
    record = demo_built[1]
    assert len(record.incidents) == 1, [i.title for i in record.incidents]
    return record.incidents[0]


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def test_demo_when_where_and_best_figures(incident: Incident, expected: dict[str, Any]) -> None:
    exp = expected["incident"]
    assert incident.date == exp["date"]
    assert incident.location.venue == exp["location"]["venue"]
    assert incident.location.country == exp["location"]["country"]
    assert incident.killed is not None and incident.killed.value == exp["killed"]
    assert incident.injured is not None and incident.injured.value == exp["injured"]
    assert incident.perpetrators.count == exp["attackers"]


def test_demo_figures_rise_and_chain(incident: Incident) -> None:
    killed = [f for f in incident.figures if f.kind == "killed" and f.scope == "total"]
    values = [f.value for f in sorted(killed, key=lambda f: f.reported_at or "")]
    assert values[0] < values[-1]
    assert any(len(f.attributed_to) == 2 for f in killed), "the attributed chain is kept"


def test_demo_background_not_attached(incident: Incident, expected: dict[str, Any]) -> None:
    totals = {f.value for f in incident.figures if f.kind == "killed" and f.scope == "total"}
    assert 9 not in totals
    names = {_norm(n) for p in incident.people for n in [p.name, *p.aliases]}
    for name in expected["must_not"]["incident_people"]:
        assert _norm(name) not in names


def test_demo_spelling_variants_are_one_person(incident: Incident) -> None:
    ilyasov = [
        p for p in incident.people if any("ruslan" in _norm(n) for n in [p.name, *p.aliases])
    ]
    assert len(ilyasov) == 1
    spellings = {_norm(n) for n in [ilyasov[0].name, *ilyasov[0].aliases]}
    assert {"ruslan iliasov", "ruslan ilyasov"} <= spellings | {
        s.replace("maratovich ", "") for s in spellings
    }


def test_demo_conflict_and_claims(incident: Incident) -> None:
    assert any(c.field == "killed" for c in incident.conflicts)
    assert any("Free Steppe Front" in c for c in incident.claimed_by)
