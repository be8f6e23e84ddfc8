"""Analysts correct the grouping: merge, split, move; corrections survive new documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from incidentdesk.cli import app
from incidentdesk.store import Store
from tests.conftest import DEMO, LATER

runner = CliRunner()


def run(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.output
    return result.output


def incidents(db: str) -> list[dict[str, object]]:
    return list(json.loads(run("incidents", "--json", "--db", db)))


@pytest.fixture()
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'corrections.db'}"
    run("ingest", "-q", "--db", url, str(DEMO))
    return url


def test_merge_split_move_and_they_survive(db: str, tmp_path: Path) -> None:
    listed = incidents(db)
    for other in listed[1:]:
        run("merge", str(listed[0]["id"]), str(other["id"]), "--db", db)
    (whole,) = incidents(db)
    with Store(db) as store:
        doc = sorted(d.id for d in store.documents())[-1]

    run("split", str(whole["id"]), doc[:10], "--db", db, "--note", "a different attack")
    parts = incidents(db)
    assert sorted(int(str(p["documents"])) for p in parts) == [1, int(str(whole["documents"])) - 1]
    alone = next(p for p in parts if p["documents"] == 1)
    assert alone["id"] == "inc-" + doc[:12]

    main = next(p for p in parts if p["documents"] != 1)
    run("move", doc, str(main["id"]), "--db", db)
    assert [p["documents"] for p in incidents(db)] == [whole["documents"]]

    run("split", str(whole["id"]), doc[:10], "--db", db)
    later = tmp_path / "later"
    later.mkdir()
    (later / "06.txt").write_bytes((LATER / "06_kendyrlik_courier_toll_revised.txt").read_bytes())
    run("ingest", "-q", "--db", db, str(later))
    run("relink", "--db", db)
    after = incidents(db)
    assert any(p["id"] == "inc-" + doc[:12] and p["documents"] == 1 for p in after), after


def test_corrections_name_what_is_wrong(db: str) -> None:
    (first, *_) = incidents(db)
    out = run("move", "nosuchdocument", str(first["id"]), "--db", db, code=2)
    assert "not a stored document" in out
    out = run("merge", "inc-000000000000", str(first["id"]), "--db", db, code=2)
    assert "no incident" in out
    out = run("changes", "--since", "yesterday", "--db", db, code=2)
    assert "ISO 8601" in out


def test_explain_shows_the_score_term_by_term(db: str, tmp_path: Path) -> None:
    with Store(db) as store:
        docs = {Path(d.source).name: d.id for d in store.documents()}
        links = {(a, b): s for a, b, s in store.links()}
    first = docs["01_kendyrlik_courier_first_report.html"]
    wire = docs["02_steppe_wire_update.txt"]
    shown = json.loads(run("explain", first, wire[:8], "--db", db, "--json"))
    assert shown["same_incident"] and shown["compared"] and shown["blocked"] is None
    terms = shown["terms"]
    z = shown["bias"] + sum(t["value"] * t["weight"] for t in terms.values())
    assert shown["score"] == pytest.approx(1 / (1 + 2.718281828459045**-z), abs=1e-3)
    assert shown["stored_link"] == links[(min(first, wire), max(first, wire))]
    text = run("explain", first, wire, "--db", db)
    assert "the same incident" in text and "cosine" in text

    # a report months later that names too little is not even compared with the first report
    later = tmp_path / "later"
    later.mkdir()
    (later / "06.txt").write_bytes((LATER / "06_kendyrlik_courier_toll_revised.txt").read_bytes())
    run("ingest", "-q", "--db", db, str(later))
    with Store(db) as store:
        late = next(d.id for d in store.documents() if d.source.endswith("06.txt"))
    shown = json.loads(run("explain", late, first, "--db", db, "--json"))
    assert not shown["compared"] and "days apart" in shown["blocked"]
    assert shown["score"] == 0.0 and shown["terms"] == {}
    assert "not compared" in run("explain", late, first, "--db", db)

    run("explain", first, "no-such-document", "--db", db, code=2)
