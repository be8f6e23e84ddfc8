"""The foundation's acceptance on the two seed documents (read from ../shared, never copied).

Everything is compared against ../shared/seeds/expected.json; the code under test has no special
case for these documents.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from incidentdesk.model import Incident, Record
from incidentdesk.store import Store
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    path = SEEDS / "expected.json"
    if not path.exists():
        pytest.skip(f"{path} not found: seeds acceptance skipped")
    return dict(json.loads(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def incident(seeds_built: tuple[Store, Record]) -> Incident:
    record = seeds_built[1]
    assert len(record.incidents) == 1, [i.title for i in record.incidents]
    return record.incidents[0]


def _doc_id(record: Record, name: str) -> str:
    return next(d.id for d in record.documents if d.source.endswith(name))


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower().replace("–", "-")).strip()


def test_one_incident_when_and_where(incident: Incident, expected: dict[str, Any]) -> None:
    exp = expected["incident"]
    assert incident.date == exp["date"]
    for key in ("venue", "city", "country"):
        assert getattr(incident.location, key) == exp["location"][key]


def test_best_figures_and_attackers(incident: Incident, expected: dict[str, Any]) -> None:
    exp = expected["incident"]
    assert incident.killed is not None and incident.killed.value == exp["killed"]
    assert incident.injured is not None and incident.injured.value == exp["injured"]
    assert incident.killed.basis and incident.injured.basis
    assert incident.perpetrators.count == exp["attackers"]


def test_perpetrator_and_claimant(incident: Incident) -> None:
    orgs = [_norm(o) for o in incident.perpetrators.organizations]
    assert any("khorasan" in o for o in orgs), orgs
    assert any(_norm(c) == "islamic state" for c in incident.claimed_by), incident.claimed_by


@pytest.mark.parametrize("kind", ["killed", "injured"])
def test_every_reported_figure(
    kind: str, incident: Incident, expected: dict[str, Any], seeds_built: tuple[Store, Record]
) -> None:
    record = seeds_built[1]
    for exp in expected[f"{kind}_reports"]:
        doc = _doc_id(record, exp["document"])
        qualifier = exp["qualifier"] or "exact"
        chain = [a.lower() for a in exp["attributed_to"]]
        matches = [
            f
            for f in incident.figures
            if f.kind == kind
            and f.value == exp["value"]
            and f.qualifier == qualifier
            and f.document == doc
            and [a.lower() for a in f.attributed_to] == chain
        ]
        assert matches, f"missing {kind} report {exp}"


def test_conflict_149_vs_150(incident: Incident) -> None:
    assert any(c.field == "killed" and {149, 150} <= set(c.values) for c in incident.conflicts)


def test_traps_not_attached(incident: Incident, expected: dict[str, Any]) -> None:
    bad = set(expected["must_not"]["killed_values"])
    totals = {f.value for f in incident.figures if f.kind == "killed" and f.scope == "total"}
    assert not totals & bad
    names = {_norm(n) for p in incident.people for n in [p.name, *p.aliases]}
    for name in expected["must_not"]["incident_people"]:
        assert _norm(name) not in names


def test_timeline(incident: Incident, expected: dict[str, Any]) -> None:
    stop = {"the", "a", "of", "in", "on", "and", "to", "at", "for", "with", "around", "msk", "more"}
    found = 0
    for item in expected["timeline_must_include"]:
        words = {w for w in _norm(item["about"]).split() if w not in stop and len(w) > 2}
        same_day = [t for t in incident.timeline if t.date == item["date"]]
        if any(words & set(_norm(t.text).split()) for t in same_day):
            found += 1
    assert found >= 10, f"only {found} of {len(expected['timeline_must_include'])} timeline items"


def test_people(incident: Incident, expected: dict[str, Any]) -> None:
    def spellings(p: Any) -> set[str]:
        return {_norm(n) for n in [p["name"], *p["aliases"]]}

    right = 0
    for exp in expected["people"]:
        want = spellings(exp)
        matches = [p for p in incident.people if want & {_norm(n) for n in [p.name, *p.aliases]}]
        assert len(matches) <= 1, f"{exp['name']} appears {len(matches)} times"
        if not matches:
            continue
        person = matches[0]
        role_ok = bool(set(exp["roles"]) & set(person.roles))
        age_ok = exp.get("age") is None or person.age in (None, exp["age"])
        if role_ok and age_ok:
            right += 1
    assert right >= 10, f"only {right} of {len(expected['people'])} people with the right roles"
    with_age = [e for e in expected["people"] if e.get("age")]
    ages = 0
    for exp in with_age:
        for p in incident.people:
            if (
                _norm(p.name) in {_norm(n) for n in [exp["name"], *exp["aliases"]]}
                and p.age == exp["age"]
            ):
                ages += 1
    assert ages >= len(with_age) // 2
