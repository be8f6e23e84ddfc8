"""The incident record in the terminal, with Rich tables and panels.

Document text can contain square brackets that Rich would read as markup; every string taken
from the record goes through ``rich.markup.escape`` before it reaches a table or a panel.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from incidentdesk.model import Incident, Record
from incidentdesk.present._views import (
    DASH,
    DocumentIndex,
    figure_rows,
    incident_heading,
    infobox_rows,
    join,
    text_or_dash,
    value_text,
)


def _e(text: str | None) -> str:
    """Escape Rich markup in ``text``; a dash for missing text."""
    return escape(text_or_dash(text))


def _table(
    title: str, *columns: str, nowrap: tuple[str, ...] = (), wide: tuple[str, ...] = ()
) -> Table:
    """A titled table: ``nowrap`` columns stay on one line, ``wide`` ones share the spare
    width, the rest fold when they must."""
    table = Table(
        title=escape(title),
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        show_lines=False,
        expand=True,
    )
    for column in columns:
        if column in nowrap:
            table.add_column(escape(column), no_wrap=True)
        elif column in wide:
            table.add_column(escape(column), overflow="fold", ratio=1)
        else:  # bounded, so that a long list of sources cannot squeeze the wide columns
            table.add_column(escape(column), overflow="fold", max_width=48 if wide else None)
    return table


def _infobox(incident: Incident, index: DocumentIndex) -> Table:
    grid = Table.grid(padding=(0, 2), expand=True)
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold", ratio=1)
    for row in infobox_rows(incident, index):
        grid.add_row(escape(row.label), _e(row.value))
    return grid


def _figures(incident: Incident, index: DocumentIndex) -> RenderableType:
    rows = figure_rows(incident, index)
    if not rows:
        return Text("No casualty figures were found.", style="dim italic")
    table = _table(
        "Casualty figures as reported",
        "Kind",
        "Value",
        "Qualifier",
        "Scope",
        "Reported at",
        "Source",
        "Attributed to",
        "Hedged",
        nowrap=("Kind", "Value", "Qualifier", "Reported at", "Hedged"),
        wide=("Source", "Attributed to"),
    )
    for r in rows:
        table.add_row(
            _e(r.kind),
            f"[bold]{_e(r.value)}[/bold]",
            _e(r.qualifier),
            _e(r.scope),
            _e(r.reported_at),
            _e(r.document_title),
            _e(r.attributed_to),
            "[yellow]yes[/yellow]" if r.hedged == "yes" else _e(r.hedged),
        )
    return table


def _timeline(incident: Incident, index: DocumentIndex) -> RenderableType:
    if not incident.timeline:
        return Text("No dated events were found.", style="dim italic")
    table = _table(
        "Timeline", "Date", "Time", "Event", "Sources", nowrap=("Date", "Time"), wide=("Event",)
    )
    for item in incident.timeline:
        table.add_row(
            _e(item.date),
            _e(item.time),
            _e(item.text),
            _e(join(sorted({index.title(d) for d in item.documents}), sep="; ")),
        )
    return table


def _people(incident: Incident) -> RenderableType:
    if not incident.people:
        return Text("No people were named.", style="dim italic")
    table = _table("People", "Name", "Also written", "Roles", "Age", "Nationality", nowrap=("Age",))
    for p in incident.people:
        table.add_row(
            _e(p.name),
            _e(join(p.aliases)),
            _e(join(p.roles)),
            str(p.age) if p.age is not None else DASH,
            _e(p.nationality),
        )
    return table


def _claims(incident: Incident) -> RenderableType:
    if not incident.claims:
        return Text("No claims were recorded.", style="dim italic")
    table = _table(
        "Claims", "Claim", "Status", "Asserted by", "Denied by", "Supported by", wide=("Claim",)
    )
    for c in incident.claims:
        table.add_row(
            _e(c.claim),
            _e(c.status),
            _e(join(c.asserted_by)),
            _e(join(c.denied_by)),
            _e(join(c.supported_by)),
        )
    return table


def _conflicts(incident: Incident, index: DocumentIndex) -> RenderableType:
    if not incident.conflicts:
        return Text("The sources do not disagree on anything recorded.", style="dim italic")
    table = _table("Conflicts", "Field", "Values", "Documents", "Note", wide=("Documents", "Note"))
    for c in incident.conflicts:
        table.add_row(
            _e(c.field),
            _e("; ".join(value_text(v) for v in c.values)),
            _e(join([index.title(d) for d in c.documents], sep="; ")),
            _e(c.note),
        )
    return table


def _documents(record: Record) -> Table:
    table = _table(
        "Documents",
        "Title",
        "Kind",
        "Publisher",
        "Published",
        "Source",
        nowrap=("Kind", "Published"),
        wide=("Title", "Publisher", "Source"),  # sharing the spare width: no column squeezed
    )
    for d in record.documents:
        table.add_row(
            _e(d.title), _e(d.kind), _e(d.publisher), _e(d.published or d.reported_at), _e(d.source)
        )
    return table


def render(record: Record, console: Console) -> None:
    """Print ``record`` to ``console``: per incident a panel with the infobox, then its casualty
    history, timeline, people, claims and conflicts; finally the documents."""
    index = DocumentIndex.of(record)
    if not record.incidents:
        console.print(Text("No incidents were found.", style="dim italic"))
    for incident in record.incidents:
        console.print(
            Panel(
                _infobox(incident, index),
                title=f"[bold]{_e(incident_heading(incident))}[/bold]",
                subtitle=_e(incident.id),
                border_style="red",
                expand=True,
            )
        )
        console.print(
            Group(
                _figures(incident, index),
                _timeline(incident, index),
                _people(incident),
                _claims(incident),
                _conflicts(incident, index),
            )
        )
    if record.documents:
        console.print(_documents(record))
