"""The command line: ingest, report in three formats, schema, and bad input in a batch."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from incidentdesk.cli import app
from tests.conftest import DEMO

runner = CliRunner()

GOOD = (
    "Title: Blast at a ferry terminal\nPublisher: Harbour Post\nPublished: 2030-02-03\nKind: news\n\n"
    "At least 4 people were killed and 11 injured when a bomb exploded at the North Quay "
    "Ferry Terminal in Portvale on 2 February 2030, police said.\n"
)


def _db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'x.db'}"


def test_help_explains_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in ("ingest", "report", "show", "schema"):
        assert name in result.output


def test_ingest_twice_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    first = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", _db(tmp_path)])
    assert first.exit_code == 0, first.output
    con = sqlite3.connect(tmp_path / "x.db")
    before = con.execute("select count(*) from facts").fetchone()[0]
    second = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", _db(tmp_path)])
    assert second.exit_code == 0
    assert con.execute("select count(*) from facts").fetchone()[0] == before > 0
    assert con.execute("select count(*) from documents").fetchone()[0] == 1


def test_bad_inputs_are_named_and_the_rest_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 not text \x00")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "latin1.txt").write_bytes("Caf\xe9 bomb".encode("latin-1"))
    (folder / "broken.html").write_text(
        "<html><head><title>x</title></head><body><div", encoding="utf-8"
    )
    good_line = json.dumps(
        {"id": "ok-1", "text": "Two guards were injured in Portvale on 2 February 2030."}
    )
    (folder / "feed.jsonl").write_text(good_line + "\n{not json\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(folder), "--db", _db(tmp_path)])
    assert result.exit_code == 0, result.output
    for name in ("binary.txt", "empty.txt", "latin1.txt", "broken.html", "feed.jsonl:2"):
        assert name in result.stderr, (name, result.stderr)
    con = sqlite3.connect(tmp_path / "x.db")
    assert con.execute("select count(*) from documents").fetchone()[0] == 2
    orphans = con.execute(
        "select count(*) from facts where document not in (select id from documents)"
    ).fetchone()[0]
    assert orphans == 0


def test_nothing_ingested_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path / "empty.txt"), "--db", _db(tmp_path)])
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr


def test_report_formats_on_the_demo(tmp_path: Path) -> None:
    db = _db(tmp_path)
    assert runner.invoke(app, ["ingest", str(DEMO), "--db", db]).exit_code == 0
    as_json = runner.invoke(app, ["report", "--db", db, "--format", "json"])
    assert as_json.exit_code == 0
    record = json.loads(as_json.stdout)
    assert set(record) == {"incidents", "documents"}
    assert record["incidents"][0]["killed"]["value"] > 0
    md = runner.invoke(app, ["report", "--db", db, "--format", "md"])
    assert "|" in md.stdout and "killed" in md.stdout.lower()
    html = runner.invoke(app, ["report", "--db", db, "--format", "html"])
    assert "<html" in html.stdout.lower() and "<script" not in html.stdout.lower()
    shown = runner.invoke(app, ["show", "--db", db])
    assert shown.exit_code == 0 and "Beltogay" in shown.stdout


def test_schema_is_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    assert "incidents" in schema["properties"]
