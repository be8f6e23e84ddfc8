"""``to_markdown``: figures, sources and people appear; table cells cannot be broken."""

from __future__ import annotations

from incidentdesk.model import Record
from incidentdesk.present import to_markdown
from incidentdesk.present.markdown import cell


def test_markdown_has_figures_and_sources(record: Record) -> None:
    md = to_markdown(record)
    assert "## Harbour Street market bombing" in md
    assert "| Killed | 7 (as of 2032-03-04); basis: latest official figure |" in md
    assert "| Injured | 14; basis: only figure reported |" in md
    assert "| killed | 5 | at least | total | 2032-03-03T09:40:00+01:00 |" in md
    assert "port authority, citing fire service" in md
    assert "Odile Marsh" in md and "Tomas Vell" in md
    assert "Saldor Liberation Cell" in md


def test_markdown_history_is_ordered_by_kind_then_time(record: Record) -> None:
    md = to_markdown(record)
    assert md.index("| killed | 5 |") < md.index("| killed | 7 |") < md.index("| injured | 14 |")


def test_markdown_escapes_pipes_and_html(record: Record) -> None:
    md = to_markdown(record)
    assert "Police arrest Tomas Vell \\| suspect" in md
    assert "<script>" not in md and "<img" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    for line in md.splitlines():
        if line.startswith("| Police arrest") or "Tomas Vell \\|" in line:
            assert line.count(" | ") == 3


def test_cell_escapes_newlines_and_pipes() -> None:
    assert cell("a | b\nc") == "a \\| b<br>c"
    assert cell(None) == "—"
    assert cell("   ") == "—"


def test_markdown_without_incidents() -> None:
    md = to_markdown(Record(incidents=[], documents=[]))
    assert "No incidents were found." in md
