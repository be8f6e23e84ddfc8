"""Many reports, many incidents: the seeds, the demo and MUC-4 reports in one database."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from incidentdesk.model import SourceDocument, SourceProblem
from incidentdesk.pipeline import ingest
from incidentdesk.resolve import build_record
from incidentdesk.resolve.incidents import groups
from incidentdesk.resolve.record import assign_incidents
from incidentdesk.sources import iter_sources
from incidentdesk.store import Store
from tests.conftest import DEMO, LATER, MUC4, Mixed


@pytest.mark.parametrize("story", ["demo", "seeds"])
def test_each_story_is_exactly_one_incident(mixed: Mixed, story: str) -> None:
    docs = mixed.stories[story]
    if not docs:
        pytest.skip(f"the {story} documents are not there: nothing to group")
    assignment = assign_incidents(mixed.store)
    (incident,) = {assignment[d] for d in docs}
    assert set(groups(assignment)[incident]) == docs


def test_muc4_reports_do_not_join_the_modern_stories(mixed: Mixed) -> None:
    if not mixed.stories["muc4"]:
        pytest.skip(f"MUC-4 data not found at {MUC4}")
    assignment = assign_incidents(mixed.store)
    modern = mixed.stories["demo"] | mixed.stories["seeds"]
    assert len(mixed.stories["muc4"]) >= 40  # a few of the 50 may be exact duplicates
    assert not {assignment[d] for d in mixed.stories["muc4"]} & {assignment[d] for d in modern}


def _items() -> list[SourceDocument]:
    items = list(iter_sources([str(DEMO), str(LATER / "06_kendyrlik_courier_toll_revised.txt")]))
    if (MUC4 / "dev.jsonl").exists():
        from incidentdesk.eval.muc4_source import iter_records, muc4_document

        items += [muc4_document(r) for r in iter_records(["dev"], MUC4, 8)]
    return [i for i in items if not isinstance(i, SourceProblem)]


def test_one_at_a_time_in_shuffled_order_equals_one_batch(tmp_path: Path) -> None:
    items = _items()
    with Store(f"sqlite:///{tmp_path / 'batch.db'}") as batch:
        ingest(batch, items)
        expected_groups = groups(assign_incidents(batch))
        expected = build_record(batch).model_dump()
    for seed in (1, 2):
        shuffled = items[:]
        random.Random(seed).shuffle(shuffled)
        with Store(f"sqlite:///{tmp_path / f'shuffled-{seed}.db'}") as store:
            for item in shuffled:
                ingest(store, [item])
            assert groups(assign_incidents(store)) == expected_groups
            assert build_record(store).model_dump() == expected
