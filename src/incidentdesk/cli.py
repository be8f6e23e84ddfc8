"""The ``incidentdesk`` command line: ingest reports, print incident records, publish the schema."""

from __future__ import annotations

import json
import sys
import tempfile
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from incidentdesk.cli_common import DbOption, err, open_store, out
from incidentdesk.cli_incidents import register as register_incident_commands
from incidentdesk.cli_serve import register as register_serve_command
from incidentdesk.model import Record, SourceDocument, SourceProblem
from incidentdesk.pipeline import IngestResult, ingest
from incidentdesk.resolve import build_record
from incidentdesk.sources import iter_sources
from incidentdesk.store import Store

app = typer.Typer(
    help=(
        "Turn a pile of reports about a violent incident into one structured, sourced incident "
        "record. Every value points at the sentence that states it, who said it and when."
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
)
PathsArg = Annotated[
    list[str],
    typer.Argument(
        help="Files (.txt .md .html .htm .jsonl), folders, glob patterns, or - for standard input.",
        show_default=False,
    ),
]


class ReportFormat(str, Enum):
    json = "json"
    md = "md"
    html = "html"


def _ingest_paths(store: Store, paths: list[str], quiet: bool = False) -> IngestResult:
    items = list(iter_sources(paths, stdin=sys.stdin))
    docs = sum(1 for i in items if isinstance(i, SourceDocument))

    def on_problem(problem: SourceProblem) -> None:
        err.print(f"[yellow]skipped[/yellow] {problem.source}: {problem.reason}", highlight=False)

    with Progress(
        TextColumn("[bold]ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=err,
        disable=quiet or docs < 2,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=docs)

        def on_document(src: SourceDocument, added: bool) -> None:
            progress.update(task, advance=1, description=src.document.source[-50:])

        return ingest(store, items, on_problem=on_problem, on_document=on_document)


@app.command(name="ingest")
def ingest_command(
    paths: PathsArg,
    db: DbOption = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")
    ] = False,
) -> None:
    """Read reports, extract sourced facts and store them (the same document twice changes nothing).

    Bad inputs (binary, empty, wrong encoding, broken HTML, malformed JSON lines) are named on
    stderr with the reason and the rest of the batch goes on. Exits non-zero only when nothing
    could be ingested.
    """
    with open_store(db) as store:
        result = _ingest_paths(store, paths, quiet)
        if not quiet:
            err.print(
                f"{len(result.added)} added, {len(result.unchanged)} already stored, "
                f"{len(result.problems)} skipped -> {store.url}",
                highlight=False,
            )
    if not result.ok:
        raise typer.Exit(1)


IncidentOption = Annotated[
    str | None,
    typer.Option(
        "--incident",
        "-i",
        help="Only this incident (an id from `incidentdesk incidents`).",
        show_default=False,
    ),
]


def _build(store: Store, incident: str | None) -> Record:
    try:
        return build_record(store, incident)
    except KeyError as exc:
        err.print(f"[red]error:[/red] no incident {incident!r}: see `incidentdesk incidents`")
        raise typer.Exit(2) from exc


def _record(paths: list[str] | None, db: str | None, incident: str | None = None) -> Record:
    if paths:
        if db is None:
            with tempfile.TemporaryDirectory(prefix="incidentdesk-") as tmp:
                with Store(f"sqlite:///{Path(tmp) / 'report.db'}") as store:
                    result = _ingest_paths(store, paths, quiet=True)
                    if not result.ok:
                        raise typer.Exit(1)
                    return _build(store, incident)
        with open_store(db) as store:
            result = _ingest_paths(store, paths, quiet=True)
            if not result.ok:
                raise typer.Exit(1)
            return _build(store, incident)
    with open_store(db) as store:
        return _build(store, incident)


@app.command()
def report(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Reports to read into a temporary database (or into --db). Omit to report on --db.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="json (record-format.md), md or html.")
    ] = ReportFormat.json,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    db: DbOption = None,
    incident: IncidentOption = None,
) -> None:
    """Print the incident records as JSON, Markdown or a self-contained HTML page."""
    from incidentdesk.present.html_report import to_html
    from incidentdesk.present.json_report import to_json
    from incidentdesk.present.markdown import to_markdown

    record = _record(paths, db, incident)
    if fmt is ReportFormat.json:
        text = to_json(record)
    elif fmt is ReportFormat.md:
        text = to_markdown(record)
    else:
        from incidentdesk.present.chart import casualty_chart_svg

        charts = {
            item.id: svg
            for item in record.incidents
            if (svg := casualty_chart_svg(item, record.documents)) is not None
        }
        text = to_html(record, chart_svgs=charts)
    if output:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output}")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


@app.command()
def show(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Reports to read first (optional).", show_default=False),
    ] = None,
    db: DbOption = None,
    incident: IncidentOption = None,
) -> None:
    """Show the incident records in the terminal: infobox, casualty history, timeline, people,
    claims and conflicts."""
    from incidentdesk.present.terminal import render

    record = _record(paths, db, incident)
    if not record.incidents:
        err.print("no incidents stored yet: run `incidentdesk ingest PATH...` first")
        raise typer.Exit(1)
    render(record, out)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the incident record (what `report --format json` prints)."""
    sys.stdout.write(json.dumps(Record.model_json_schema(), indent=2) + "\n")


def _mount_subcommands() -> None:
    from incidentdesk.eval.cli import eval_app

    app.add_typer(eval_app, name="eval", help="Score against outside data (MUC-4 clustering).")
    try:
        from incidentdesk.muc4.cli import app as muc4_app
    except ImportError as exc:  # the benchmark tools are optional for the main job
        err.print(f"[yellow]muc4 commands unavailable:[/yellow] {exc}")
        return
    app.add_typer(muc4_app, name="muc4", help="MUC-4 benchmark: predict, evaluate, train.")


_mount_subcommands()
register_incident_commands(app)
register_serve_command(app)


def main() -> None:
    """Entry point of the ``incidentdesk`` script."""
    app()


if __name__ == "__main__":
    main()
