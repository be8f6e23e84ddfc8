"""``to_json``: the record survives a round trip and keeps the record-format keys."""

from __future__ import annotations

import json

from incidentdesk.model import Record
from incidentdesk.present import to_json


def test_json_round_trips(record: Record) -> None:
    text = to_json(record)
    assert Record.model_validate_json(text) == record


def test_json_keys_and_layout(record: Record) -> None:
    text = to_json(record)
    data = json.loads(text)
    assert set(data) == {"incidents", "documents"}
    incident = data["incidents"][0]
    for key in (
        "id",
        "title",
        "documents",
        "date",
        "time",
        "timezone",
        "location",
        "killed",
        "injured",
        "figures",
        "perpetrators",
        "claimed_by",
        "people",
        "timeline",
        "claims",
        "conflicts",
    ):
        assert key in incident
    assert incident["killed"]["value"] == 7
    assert incident["figures"][1]["attributed_to"] == ["port authority", "fire service"]
    assert text.startswith('{\n  "incidents"')  # indent 2


def test_json_keeps_non_ascii(record: Record) -> None:
    incident = record.incidents[0]
    renamed = record.model_copy(
        update={"incidents": [incident.model_copy(update={"title": "Rue du Marché attack"})]}
    )
    text = to_json(renamed)
    assert "Rue du Marché attack" in text
    assert "\\u00e9" not in text
    assert Record.model_validate_json(text) == renamed
