"""``incidentdesk eval``: score incidentdesk against outside data (MUC-4 incident clustering)."""

from __future__ import annotations

import json
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from platformdirs import user_cache_dir
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from incidentdesk.eval.clusters import (
    NEAR_DAYS,
    SCORING_NOTE,
    ClusterScores,
    DateAgreement,
    date_agreement,
    incidents_by_message,
    ingest_records,
    score,
)
from incidentdesk.eval.muc4_source import iter_records
from incidentdesk.model import SourceDocument, SourceProblem
from incidentdesk.muc4.data import DataMissingError, Record
from incidentdesk.store import Store

if TYPE_CHECKING:
    from incidentdesk.resolve.profile import DocProfile

eval_app = typer.Typer(
    help="Score incidentdesk against outside data: MUC-4 incident clustering.",
    no_args_is_help=True,
)
err = Console(stderr=True)
out = Console(width=None if sys.stdout.isatty() else 160)


def default_db(splits: list[str], limit: int | None) -> Path:
    """A SQLite file under the user cache, one per (splits, limit), so runs do not mix."""
    name = "muc4-clusters-" + "-".join(splits) + (f"-{limit}" if limit is not None else "")
    return Path(user_cache_dir("incidentdesk")) / f"{name}.db"


def _url(db: str) -> str:
    return db if "://" in db else f"sqlite:///{Path(db).expanduser().resolve()}"


def _load(splits: list[str], data: Path | None, limit: int | None) -> dict[str, list[Record]]:
    by_split: dict[str, list[Record]] = {s: [] for s in splits}
    remaining = limit
    for split in splits:
        records = list(iter_records([split], data, remaining))
        by_split[split] = records
        if remaining is not None:
            remaining -= len(records)
    return by_split


def _ingest(store: Store, records: list[Record], quiet: bool) -> tuple[dict[str, str], int, float]:
    started = time.perf_counter()
    with Progress(
        TextColumn("[bold]ingesting MUC-4"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=err,
        disable=quiet,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=len(records))

        def on_document(src: SourceDocument, added: bool) -> None:
            progress.update(task, advance=1, description=src.document.source)

        def on_problem(problem: SourceProblem) -> None:
            progress.update(task, advance=1)
            err.print(f"[yellow]skipped[/yellow] {problem.source}: {problem.reason}")

        result, documents = ingest_records(store, records, on_document, on_problem)
    return documents, len(result.added), time.perf_counter() - started


def _table(rows: list[ClusterScores]) -> Table:
    table = Table(title="MUC-4 incident clustering (B-cubed)")
    for column in (
        "set",
        "messages",
        "scored",
        "gold groups",
        "incidents",
        "P",
        "R",
        "F1",
        "F1 strict dates",
        "F1 first template",
        "F1 singletons",
    ):
        table.add_column(column, justify="left" if column == "set" else "right")
    for r in rows:
        e = r.extended
        table.add_row(
            r.name,
            str(r.messages),
            str(e.items),
            str(e.gold_groups),
            str(e.predicted_clusters),
            f"{e.precision:.3f}",
            f"{e.recall:.3f}",
            f"[bold]{e.f1:.3f}[/bold]",
            f"{r.strict_dates.f1:.3f}",
            f"{r.first_template.f1:.3f}",
            f"{r.singletons.f1:.3f}",
        )
    return table


def _as_json(rows: list[ClusterScores], timing: dict[str, float], dates: DateAgreement) -> str:
    payload = {
        "scoring": SCORING_NOTE,
        "timing": timing,
        "stated_dates": asdict(dates),
        "sets": [
            {
                "set": r.name,
                "messages": r.messages,
                "scored": r.extended.items,
                "gold_groups": r.extended.gold_groups,
                "incidents": r.extended.predicted_clusters,
                "precision": round(r.extended.precision, 4),
                "recall": round(r.extended.recall, 4),
                "f1": round(r.extended.f1, 4),
                "strict_dates_f1": round(r.strict_dates.f1, 4),
                "first_template_f1": round(r.first_template.f1, 4),
                "singletons_f1": round(r.singletons.f1, 4),
            }
            for r in rows
        ],
    }
    return json.dumps(payload, indent=2)


def _fit(
    profiles: dict[str, DocProfile],
    names: list[str],
    by_split: dict[str, list[Record]],
    documents: dict[str, str],
    quiet: bool,
) -> None:
    """Search the linking weights on the train split (else the first split) and print them."""
    from incidentdesk.eval.link_fit import PairFeatures, fit_weights
    from incidentdesk.resolve.linking import WEIGHTS

    fit_on = "train" if by_split.get("train") else names[0]
    with Progress(
        TextColumn("[bold]comparing profiles"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=quiet,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=len(profiles))
        pairs = PairFeatures.of(profiles, lambda n: progress.update(task, completed=n))
    err.print(
        f"fitting on {fit_on}: {len(pairs.pairs)} compared pairs of {len(profiles)} documents"
    )
    result = fit_weights(
        pairs,
        by_split[fit_on],
        documents,
        WEIGHTS,
        on_step=lambda k, v, f1: err.print(f"  {k} -> {v:g}: {fit_on} F1 {f1:.4f}"),
    )
    assignment = pairs.assignment(result.weights)
    incident_of = incidents_by_message(documents, assignment)
    rows = [score(split, by_split[split], incident_of) for split in names if by_split[split]]
    if len(rows) > 1:
        rows.append(score("+".join(names), [r for n in names for r in by_split[n]], incident_of))
    table = _table(rows)
    table.title = f"with the fitted weights ({fit_on} F1 {result.start_f1:.4f} -> {result.f1:.4f})"
    out.print(table)
    changed = {k: v for k, v in result.weights.items() if v != WEIGHTS[k]}
    out.print(f"weights changed: {changed or 'none'}", highlight=False)
    out.print("WEIGHTS = " + json.dumps(result.weights, indent=4), highlight=False)


@eval_app.command()
def clusters(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Database file (or SQLAlchemy URL) to ingest into; reused across runs. "
            "Default: a file per (splits, limit) in the user cache directory.",
            show_default=False,
        ),
    ] = None,
    splits: Annotated[
        str, typer.Option("--splits", help="Comma-separated MUC-4 splits to ingest and score.")
    ] = "train,dev",
    limit: Annotated[
        int | None,
        typer.Option("--limit", min=1, help="Only the first N messages (a quick run)."),
    ] = None,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help="Folder with train.jsonl and dev.jsonl. Default: $INCIDENTDESK_MUC4, else "
            "../shared/data/muc4.",
            show_default=False,
        ),
    ] = None,
    relink: Annotated[
        bool,
        typer.Option(
            "--relink", help="Profile and link every stored document again with the current rule."
        ),
    ] = False,
    fit: Annotated[
        bool,
        typer.Option(
            "--fit",
            help="Also search the linking weights for the best B-cubed F1 on the train split "
            "(keeping the news cases of resolve/link_cases.py right) and print them with the "
            "figures they give. Nothing is stored or changed.",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Ingest MUC-4 reports through the normal pipeline and score the incidents it forms.

    Gold groups are the reports whose non-optional, dated templates share incident type, date
    and country; reports without such a template are ingested but not scored. Already stored
    reports are skipped (same content), so an interrupted run resumes where it stopped.
    """
    from incidentdesk.pipeline import relink as relink_store
    from incidentdesk.resolve.profile import DocProfile
    from incidentdesk.resolve.record import assign_incidents

    names = [s.strip() for s in splits.split(",") if s.strip()]
    try:
        by_split = _load(names, data, limit)
    except DataMissingError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    records = [r for split in names for r in by_split[split]]
    url = _url(db) if db else _url(str(default_db(names, limit)))
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with Store(url) as store:
        documents, added, ingest_seconds = _ingest(store, records, quiet)
        if relink:
            err.print("re-linking every stored document ...")
            relink_store(store)
        assignment = assign_incidents(store)
        profiles = {d: DocProfile.from_json(p) for d, p in store.profiles().items()}
    stated = {d: p.date for d, p in profiles.items()}
    dates = date_agreement(records, documents, stated)
    incident_of = incidents_by_message(documents, assignment)
    rows = [score(split, by_split[split], incident_of) for split in names if by_split[split]]
    if len(rows) > 1:
        rows.append(score("+".join(names), records, incident_of))
    timing = {
        "seconds": round(time.perf_counter() - started, 1),
        "ingested": added,
        "ingest_seconds": round(ingest_seconds, 1),
        "docs_per_second": round(added / ingest_seconds, 2) if added and ingest_seconds else 0.0,
    }
    if fit:
        _fit(profiles, names, by_split, documents, quiet)
    if as_json:
        sys.stdout.write(_as_json(rows, timing, dates) + "\n")
        return
    out.print(_table(rows))
    out.print(f"scoring: {SCORING_NOTE}", highlight=False)
    out.print(
        f"stated incident dates of the {dates.messages} scored messages: {dates.right} on a key's "
        f"day, {dates.near} 1-{NEAR_DAYS} days off, {dates.wrong} further off, "
        f"{dates.missing} none",
        highlight=False,
    )
    rate = f", {timing['docs_per_second']} docs/s" if added else ""
    out.print(
        f"{added} reports ingested in {timing['ingest_seconds']} s{rate}; "
        f"{timing['seconds']} s in all -> {url}",
        highlight=False,
    )
