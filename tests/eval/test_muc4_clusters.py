"""The MUC-4 clustering evaluation on a handful of real reports (skipped without the data)."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from incidentdesk.cli import app
from incidentdesk.eval.clusters import (
    DateAgreement,
    date_agreement,
    gold_groups,
    gold_keys,
    incidents_by_message,
    ingest_records,
    key_date,
    score,
)
from incidentdesk.eval.muc4_source import iter_records, muc4_document
from incidentdesk.model import SourceDocument
from incidentdesk.muc4.data import Record, data_dir
from incidentdesk.resolve import incidents
from incidentdesk.resolve.linker import Linker
from incidentdesk.resolve.profile import DocProfile
from incidentdesk.resolve.record import assign_incidents
from incidentdesk.store import Store

DATA = data_dir()
_has_data = pytest.mark.skipif(
    not (DATA / "train.jsonl").is_file(),
    reason=f"MUC-4 data not found at {DATA} (set $INCIDENTDESK_MUC4 to the folder with train.jsonl)",
)


def needs_data(test: Callable[..., None]) -> Callable[..., None]:
    """Skip without the MUC-4 data; the tests that ingest are slow (spaCy and MiniLM load)."""
    return pytest.mark.slow(_has_data(test))


COUNT = 10


def test_key_dates() -> None:
    assert key_date("12 JAN 90") == "12 JAN 90"
    assert key_date("- 12 JAN 90") == "12 JAN 90"
    assert key_date("11 JAN 90 - 12 JAN 90") == "12 JAN 90"
    assert key_date("- 12 JAN 90", strict=True) == "- 12 JAN 90"


def test_gold_keys_skip_optional_and_undated_templates() -> None:
    record: Record = {
        "id": "X-1",
        "templates": [
            {"optional": False, "incident_type": "BOMBING", "date": "- 02 MAR 90",
             "location": "PERU: LIMA (CITY)"},
            {"optional": True, "incident_type": "ATTACK", "date": "01 MAR 90", "location": "PERU"},
            {"optional": False, "incident_type": "ATTACK", "date": None, "location": "PERU"},
            {"optional": False, "incident_type": "BOMBING", "date": "02 MAR 90",
             "location": "PERU"},
        ],
    }  # fmt: skip
    assert gold_keys(record) == [("BOMBING", "02 MAR 90", "PERU")]
    assert gold_groups([record, {"id": "X-2", "templates": []}]) == {
        "X-1": {("BOMBING", "02 MAR 90", "PERU")}
    }


def test_stated_dates_against_the_keys() -> None:
    def record(ident: str, *dates: str) -> Record:
        return {
            "id": ident,
            "templates": [
                {"incident_type": "ATTACK", "date": d, "location": "PERU"} for d in dates
            ],
        }

    records = [
        record("on-day", "- 05 MAR 90"),  # the last day the key allows
        record("second-key", "01 MAR 90", "09 MAR 90"),
        record("near", "05 MAR 90"),
        record("far", "05 MAR 90"),
        record("none", "05 MAR 90"),
        record("impossible", "31 NOV 89"),  # no readable key date: left out
        record("irrelevant"),  # no template: not scored
    ]
    documents = {str(r["id"]): f"doc-{r['id']}" for r in records}
    stated = {
        "doc-on-day": "1990-03-05",
        "doc-second-key": "1990-03-09",
        "doc-near": "1990-03-02",
        "doc-far": "1990-02-20",
        "doc-none": None,
        "doc-impossible": "1989-11-30",
        "doc-irrelevant": "1990-03-05",
    }
    found = date_agreement(records, documents, stated)
    assert found == DateAgreement(right=2, near=1, wrong=1, missing=1)
    assert found.messages == 5


@pytest.fixture(scope="session")
def muc4_store(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Store, list[Record], dict[str, str]]:
    records = list(iter_records(["train"], DATA, COUNT))
    store = Store(f"sqlite:///{Path(tmp_path_factory.mktemp('muc4')) / 'clusters.db'}")
    result, documents = ingest_records(store, records)
    assert not result.problems
    return store, records, documents


@needs_data
def test_messages_become_dated_news_documents() -> None:
    record = next(iter(iter_records(["train"], DATA, 1)))
    item = muc4_document(record)
    assert isinstance(item, SourceDocument)
    assert item.document.source == record["id"]
    assert item.document.kind == "news"
    assert item.document.published is not None and item.document.published.startswith("19")
    assert not item.text.isupper()


@needs_data
def test_scores_a_small_run(muc4_store: tuple[Store, list[Record], dict[str, str]]) -> None:
    store, records, documents = muc4_store
    assert len(documents) == COUNT
    assignment = assign_incidents(store)
    incident_of = incidents_by_message(documents, assignment)
    assert set(incident_of) == set(documents)
    result = score("train", records, incident_of)
    gold = gold_groups(records)
    assert result.extended.items == len(gold) > 0
    for figures in (result.extended, result.strict_dates, result.first_template, result.singletons):
        assert 0.0 <= figures.precision <= 1.0 and 0.0 <= figures.recall <= 1.0
    assert result.singletons.precision == 1.0


@needs_data
def test_one_at_a_time_in_any_order_gives_the_same_incidents(
    muc4_store: tuple[Store, list[Record], dict[str, str]],
) -> None:
    store, _, _ = muc4_store
    profiles = [DocProfile.from_json(p) for p in store.profiles().values()]
    documents = sorted(p.document for p in profiles)
    batch = incidents.groups(incidents.assign(documents, store.links()))
    rng = random.Random(3)
    for _ in range(3):
        rng.shuffle(profiles)
        linker = Linker({})
        links: list[tuple[str, str, float]] = []
        for p in profiles:
            links.extend(
                (min(p.document, o), max(p.document, o), s) for o, s in linker.links_for(p)
            )
            linker.remember(p)
        assert incidents.groups(incidents.assign(documents, links)) == batch


@needs_data
def test_the_command_prints_figures_and_stated_dates_as_json(tmp_path: Path) -> None:
    db = tmp_path / "clusters.db"
    args = ["eval", "clusters", "--db", str(db), "--limit", "6", "--splits", "train", "--json"]
    result = CliRunner().invoke(app, [*args, "--data", str(DATA), "-q"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    (row,) = payload["sets"]
    assert row["set"] == "train" and row["messages"] == 6
    assert 0.0 <= row["f1"] <= 1.0
    dates = payload["stated_dates"]
    assert sum(dates.values()) <= row["scored"]
    assert payload["timing"]["ingested"] >= 5  # two messages may share one text
