"""Shared fixtures: where ../shared is, and records built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from incidentdesk.model import Record
from incidentdesk.pipeline import ingest
from incidentdesk.resolve import build_record
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


@pytest.fixture(scope="session")
def seeds_built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, Record]:
    if not (SEEDS / "expected.json").exists():
        pytest.skip(f"../shared seeds not found at {SEEDS}: acceptance against the seeds skipped")
    paths = sorted(SEEDS.glob("*.txt"))
    return build(paths, tmp_path_factory.mktemp("seeds") / "seeds.db")


@pytest.fixture(scope="session")
def demo_built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, Record]:
    return build([DEMO], tmp_path_factory.mktemp("demo") / "demo.db")
