"""``render``: the terminal view shows the figures, sources and people, markup escaped."""

from __future__ import annotations

from rich.console import Console

from incidentdesk.model import Record
from incidentdesk.present import render


def _text(record: Record) -> str:
    console = Console(record=True, width=120, color_system=None)
    render(record, console)
    return console.export_text()


def test_terminal_shows_figures_and_people(record: Record) -> None:
    out = _text(record)
    assert "Harbour Street market bombing" in out
    assert "7 (as of 2032-03-04)" in out
    assert "at least" in out and "port authority," in out and "citing fire service" in out
    assert "2032-03-03T09:40:00+01:00" in out
    assert "Odile Marsh" in out and "Tomas Vell" in out
    assert "Saldor Liberation Cell" in out


def test_terminal_escapes_rich_markup(record: Record) -> None:
    out = _text(record)
    assert "[bold]Saldor Liberation Cell[/bold]" in out
    assert "<script>alert(1)</script>" in out  # plain text in a terminal is harmless


def test_terminal_without_incidents() -> None:
    out = _text(Record(incidents=[], documents=[]))
    assert "No incidents were found." in out


def test_documents_table_leaves_the_title_room(record: Record) -> None:
    """A long publisher and source share the spare width with the title instead of squeezing it
    to a word a line."""
    doc = record.documents[1]
    long_source = "reports/2032/03/port-saldor-police-update-on-the-harbour-street-explosion.txt"
    wide = doc.model_copy(
        update={
            "publisher": "Port Saldor Police Department, Office of Public Affairs",
            "source": long_source,
        }
    )
    out = _text(record.model_copy(update={"documents": [record.documents[0], wide]}))
    documents = out[out.rindex("\nDocuments") :]
    assert "Update on the Harbour" in documents  # not folded a word (or a letter) a line
