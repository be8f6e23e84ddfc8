"""Shared fixtures: where ../shared is, and records built once per session."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

from incidentdesk.model import Record, SourceDocument, SourceProblem
from incidentdesk.pipeline import ingest
from incidentdesk.resolve import build_record
from incidentdesk.resolve.record import assign_incidents
from incidentdesk.sources import iter_sources
from incidentdesk.store import Store

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
DEMO = REPO / "examples" / "demo"
LATER = REPO / "examples" / "later"


def build(paths: list[Path], db: Path) -> tuple[Store, Record]:
    store = Store(f"sqlite:///{db}")
    ingest(store, iter_sources([str(p) for p in paths]))
    return store, build_record(store)


MUC4 = SHARED / "data" / "muc4"
MIXED_MUC4_REPORTS = 50


def incidents_of(store: Store, docs: list[str]) -> Record:
    """The record of every incident holding one of ``docs`` (one, when the grouping is right)."""
    assignment = assign_incidents(store)
    records = [build_record(store, inc) for inc in sorted({assignment[d] for d in docs})]
    return Record(
        incidents=[i for r in records for i in r.incidents],
        documents=[d for r in records for d in r.documents],
    )


@dataclass
class Mixed:
    """The mixed database and which stored documents came from which story."""

    store: Store
    stories: dict[str, set[str]]


def _ingest_ids(store: Store, items: Iterable[SourceDocument | SourceProblem]) -> set[str]:
    result = ingest(store, items)
    return set(result.added) | set(result.unchanged)


@pytest.fixture(scope="session")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Mixed:
    """One database holding the demo, the seeds and 50 MUC-4 reports (what of ../shared exists)."""
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('mixed') / 'mixed.db'}")
    stories = {"demo": _ingest_ids(store, iter_sources([str(DEMO)]))}
    seeds = sorted(SEEDS.glob("*.txt"))
    stories["seeds"] = _ingest_ids(store, iter_sources([str(p) for p in seeds])) if seeds else set()
    stories["muc4"] = set()
    if (MUC4 / "dev.jsonl").exists():
        from incidentdesk.eval.muc4_source import iter_records, muc4_document

        reports = iter_records(["dev"], MUC4, MIXED_MUC4_REPORTS)
        stories["muc4"] = _ingest_ids(store, [muc4_document(r) for r in reports])
    return Mixed(store, stories)


@pytest.fixture(scope="session")
def mixed_store(mixed: Mixed) -> Store:
    return mixed.store


@pytest.fixture(scope="session")
def seeds_built(mixed: Mixed) -> tuple[Store, Record]:
    """The seeds' incident, read from the mixed database."""
    if not (SEEDS / "expected.json").exists():
        pytest.skip(f"../shared seeds not found at {SEEDS}: acceptance against the seeds skipped")
    return mixed.store, incidents_of(mixed.store, sorted(mixed.stories["seeds"]))


@pytest.fixture(scope="session")
def demo_built(mixed: Mixed) -> tuple[Store, Record]:
    """The demo's incident, read from the mixed database."""
    return mixed.store, incidents_of(mixed.store, sorted(mixed.stories["demo"]))
