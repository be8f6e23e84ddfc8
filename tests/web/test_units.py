"""Small pieces of the web app: CSV mapping, highlighting, excerpts, upload names, the CLI."""

from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from incidentdesk.cli import app as cli_app
from incidentdesk.model import Evidence, Fact, Figure, Incident, Location, Perpetrators, Record
from incidentdesk.web.exports import COLUMNS, gtd_row, safe_cell, to_csv
from incidentdesk.web.highlight import segments
from incidentdesk.web.uploads import UnsupportedType, display_name, suffix_of
from incidentdesk.web.views import EvidenceRef, excerpt

TEXT = "Line one.\nAt least 4 died in the blast, police said. Two were hurt.\nLast line."


def fact(field: str, phrase: str, value: object = 1) -> Fact:
    start = TEXT.index(phrase)
    return Fact(
        document="d1",
        field=field,  # type: ignore[arg-type]
        value=value,
        evidence=Evidence(document="d1", start=start, end=start + len(phrase), text=phrase),
        extractor="test",
    )


def test_segments_cover_the_text_and_mark_overlaps() -> None:
    sentence = fact("killed", "At least 4 died in the blast, police said.", 4)
    number = fact("attack_type", "blast", "bombing")
    bad = Fact(
        document="d1",
        field="city",
        value="x",
        evidence=Evidence(document="d1", start=0, end=4, text="nope"),
        extractor="test",
    )
    start = TEXT.index("4 died")
    parts = segments(TEXT, [sentence, number, bad], selected=(start, start + 6))
    assert "".join(p.text for p in parts) == TEXT
    covered = {p.text: p.fields for p in parts if p.fields}
    assert covered["blast"] == ("attack_type", "killed")
    assert all(p.fields == () for p in parts if p.text.startswith("Line one"))
    assert [p.text for p in parts if p.selected] == ["4 died"]
    assert sum(p.first_selected for p in parts) == 1
    anchors = [a for p in parts for a in p.anchors]
    assert sorted(anchors) == sorted([sentence.id, number.id])  # the bad span is not marked


def test_excerpt_stays_in_its_paragraph() -> None:
    phrase = "police said."
    start = TEXT.index(phrase)
    ev = EvidenceRef("d1", "Doc", start, start + len(phrase), phrase, (), None)
    x = excerpt(TEXT, ev, context=10)
    assert x.found and x.marked == phrase
    assert x.before == "…blast, " and x.after == " Two were…"
    wrong = EvidenceRef("d1", "Doc", 0, 4, "nope", (), None)
    assert excerpt(TEXT, wrong).found is False


def test_csv_row_follows_the_gtd_columns() -> None:
    incident = Incident(
        id="inc-0123456789ab",
        title='=HYPERLINK("http://evil.example")',
        documents=[],
        date="2030-07",
        location=Location(city="Portvale", country="Norland", coordinates=[1.5, 2.25]),
        attack_types=["suicide bombing", "shooting", "assassination"],
        weapons=["knife", "explosive device"],
        targets=["transport"],
        killed=Figure(value=12, qualifier="at least", as_of="2030-07-02", basis="b", sources=[]),
        perpetrators=Perpetrators(organizations=["Org A", "Org B"], count=3),
        claimed_by=["Org A"],
    )
    row = gtd_row(incident, Record(incidents=[incident], documents=[]))
    assert (row["iyear"], row["imonth"], row["iday"], row["approxdate"]) == (
        "2030",
        "7",
        "0",
        "2030-07",
    )
    assert row["attacktype1_txt"] == "Assassination"
    assert row["attacktype2_txt"] == "Bombing/Explosion"
    assert row["attacktype3_txt"] == "Armed Assault"
    assert (row["weaptype1_txt"], row["weaptype2_txt"]) == ("Melee", "Explosives")
    assert row["targtype1_txt"] == "Transportation"
    assert (row["gname"], row["gname2"], row["nperps"], row["claimed"]) == (
        "Org A",
        "Org B",
        "3",
        "1",
    )
    assert (row["nkill"], row["nkill_qualifier"], row["nwound"]) == ("12", "at least", "")
    assert (row["latitude"], row["longitude"]) == ("1.5", "2.25")
    assert row["summary"].startswith("'=")  # no formula for a spreadsheet to run
    parsed = list(csv.DictReader(io.StringIO(to_csv(Record(incidents=[incident], documents=[])))))
    assert list(parsed[0]) == list(COLUMNS)


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_neutralised(cell: str) -> None:
    assert safe_cell(cell) == "'" + cell
    assert safe_cell("plain") == "plain" and safe_cell(None) == ""


def test_upload_names() -> None:
    assert display_name("../../etc/passwd.txt", "f") == "passwd.txt"
    assert display_name("C:\\Users\\x\\report.html", "f") == "report.html"
    assert display_name("a<script>\x00.txt", "f") == "a_script_.txt"
    assert display_name("..", "fallback") == "fallback"
    assert suffix_of("Report.HTML") == ".html"
    for bad in ("x.exe", "x", "x.txt.sh", "x.md"):
        with pytest.raises(UnsupportedType):
            suffix_of(bad)


def test_serve_help() -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--token", "INCIDENTDESK_TOKEN"):
        assert option in result.output
