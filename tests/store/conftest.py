"""Fixtures for the store tests (builders live in ``store_builders.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_builders import ENCYCLOPEDIA, UPDATE, WIRE, make_fact, make_mention, make_source

from incidentdesk.model import Fact, InfoboxField, Mention, Section, SourceDocument
from incidentdesk.store import Store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "incidentdesk.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store(f"sqlite:///{db_path}") as s:
        yield s


@pytest.fixture
def wire() -> SourceDocument:
    return make_source(
        WIRE,
        kind="news",
        publisher="Verrin Wire",
        author="J. Doe",
        published="2025-03-04T18:00:00+00:00",
        url="https://example.org/wire/1",
        reported_at="2025-03-04T18:00:00+00:00",
        reported_at_basis="published",
    )


@pytest.fixture
def wire_facts(wire: SourceDocument) -> list[Fact]:
    return [
        make_fact(
            wire, "killed", 12, "At least 12", qualifier="at least", attributed_to=["police"]
        ),
        make_fact(wire, "injured", 30, "30 injured", qualifier="exact", scope="people"),
        make_fact(wire, "venue", "Harbour Market", "Harbour Market"),
        make_fact(
            wire,
            "claimed_by",
            "Coastal Front",
            "The Coastal Front claimed",
            attributed_to=["Radio Verrin", "Inspector Ana Müller"],
            hedged=True,
            includes_perpetrators=False,
            confidence=0.73,
        ),
        make_fact(
            wire,
            "person",
            {"name": "Ana Müller", "roles": ["inspector"], "age": None},
            "Inspector Ana Müller",
            reported_at="2025-03-04T18:00:00+00:00",
            reported_at_inferred=True,
        ),
        make_fact(
            wire,
            "weapon",
            ["explosive", "bomb"],
            "explosion",
            negated=False,
            happened_at="2025-03-04",
            includes_perpetrators=True,
        ),
    ]


@pytest.fixture
def wire_mentions(wire: SourceDocument) -> list[Mention]:
    return [
        make_mention(wire, "Harbour Market", "FAC"),
        make_mention(wire, "Port Verrin", "GPE"),
        make_mention(wire, "Ana Müller", "PERSON"),
    ]


@pytest.fixture
def update() -> SourceDocument:
    return make_source(UPDATE, title="Toll rises", kind="official", publisher="Health Ministry")


@pytest.fixture
def encyclopedia() -> SourceDocument:
    src = make_source(ENCYCLOPEDIA, title="Harbour Market bombing", kind="encyclopedia")
    date_start = ENCYCLOPEDIA.index("4 March 2025")
    deaths_start = ENCYCLOPEDIA.index("15")
    heading = ENCYCLOPEDIA.index("== Attack ==")
    return src.model_copy(
        update={
            "infobox": [
                InfoboxField(
                    key="Date", value="4 March 2025", start=date_start, end=date_start + 12
                ),
                InfoboxField(key="Deaths", value="15", start=deaths_start, end=deaths_start + 2),
            ],
            "sections": [
                Section(heading="Attack", level=2, start=heading + 13, end=len(ENCYCLOPEDIA)),
            ],
        }
    )
