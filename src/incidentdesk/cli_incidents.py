"""Commands about incidents: list them, correct the grouping, follow what changed, relink."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from incidentdesk.cli_common import DbOption, err, open_store, out
from incidentdesk.model import Record
from incidentdesk.resolve import incidents
from incidentdesk.resolve.changes import ChangeFeed, IncidentChanges, change_feed
from incidentdesk.resolve.record import assign_incidents, build_record
from incidentdesk.store import Store
from incidentdesk.store.repository import utc_now

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
NoteOption = Annotated[str, typer.Option("--note", help="Why (kept with the correction).")]


def _current(assignment: dict[str, str], wanted: str) -> str:
    """The current id of incident ``wanted``, or exit naming it."""
    current = incidents.resolve_incident(assignment, wanted)
    if current is None:
        err.print(f"[red]error:[/red] no incident {wanted!r}: see `incidentdesk incidents`")
        raise typer.Exit(2)
    return current


def _document(store: Store, wanted: str) -> str:
    """A stored document id from an id or a unique prefix of at least 6 characters."""
    ids = [d.id for d in store.documents()]
    found = [d for d in ids if d == wanted] or (
        [d for d in ids if d.startswith(wanted)] if len(wanted) >= 6 else []
    )
    if len(found) != 1:
        reason = "is ambiguous" if found else "is not a stored document"
        err.print(f"[red]error:[/red] {wanted!r} {reason} (give the id or 6+ characters of it)")
        raise typer.Exit(2)
    return found[0]


def _members(assignment: dict[str, str], incident: str) -> list[str]:
    return sorted(d for d, inc in assignment.items() if inc == incident)


def _store_corrections(store: Store, corrections: list[incidents.Correction]) -> str:
    store.add_facts([c.to_fact() for c in corrections])
    return assign_incidents(store)[corrections[0].document]


def list_incidents(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List the incidents: id, date, place, attack type, killed/injured and document count."""
    with open_store(db) as store:
        record = build_record(store)
    rows = [
        {
            "id": inc.id,
            "date": inc.date,
            "title": inc.title,
            "country": inc.location.country,
            "city": inc.location.city,
            "attack_types": inc.attack_types,
            "killed": inc.killed.value if inc.killed else None,
            "injured": inc.injured.value if inc.injured else None,
            "documents": len(inc.documents),
        }
        for inc in record.incidents
    ]
    if as_json:
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{len(rows)} incidents", title_justify="left")
    for col in ("id", "date", "title / place", "attack", "killed", "injured", "docs"):
        table.add_column(col, overflow="fold")
    for r in rows:
        place = ", ".join(str(x) for x in (r["city"], r["country"]) if x)
        table.add_row(
            str(r["id"]),
            str(r["date"] or "–"),
            str(r["title"] or place or "–"),
            ", ".join(r["attack_types"]) or "–",  # type: ignore[arg-type]
            str(r["killed"] if r["killed"] is not None else "–"),
            str(r["injured"] if r["injured"] is not None else "–"),
            str(r["documents"]),
        )
    out.print(table)


def merge(
    first: Annotated[str, typer.Argument(help="An incident id.", show_default=False)],
    second: Annotated[str, typer.Argument(help="The incident to merge into it.")],
    db: DbOption = None,
    note: NoteOption = "",
) -> None:
    """Merge two incidents into one (stored as a correction; survives new documents)."""
    with open_store(db) as store:
        assignment = assign_incidents(store)
        a, b = _current(assignment, first), _current(assignment, second)
        if a == b:
            err.print(f"{first} and {second} are already one incident ({a})")
            return
        anchor_a, anchor_b = _members(assignment, a)[0], _members(assignment, b)[0]
        now = utc_now()
        result = _store_corrections(
            store, [incidents.Correction("merge", anchor_a, anchor_b, now, note)]
        )
    err.print(f"merged {a} and {b} -> {result}")


def split(
    incident: Annotated[str, typer.Argument(help="The incident to split.", show_default=False)],
    documents: Annotated[
        list[str],
        typer.Argument(help="Documents (ids or 6+ character prefixes) that form the new incident."),
    ],
    db: DbOption = None,
    note: NoteOption = "",
) -> None:
    """Take documents out of an incident; together they form a new incident."""
    with open_store(db) as store:
        assignment = assign_incidents(store)
        inc = _current(assignment, incident)
        docs = sorted({_document(store, d) for d in documents})
        strays = [d for d in docs if assignment[d] != inc]
        if strays:
            err.print(f"[red]error:[/red] not in {inc}: {', '.join(d[:12] for d in strays)}")
            raise typer.Exit(2)
        if len(docs) == len(_members(assignment, inc)):
            err.print(f"[red]error:[/red] that is every document of {inc}: nothing to split")
            raise typer.Exit(2)
        now = utc_now()
        corrections = [incidents.Correction("detach", docs[0], None, now, note)]
        corrections += [incidents.Correction("move", d, docs[0], now, note) for d in docs[1:]]
        result = _store_corrections(store, corrections)
    err.print(f"split {len(docs)} document(s) out of {inc} -> {result}")


def move(
    document: Annotated[str, typer.Argument(help="Document id (or 6+ characters of it).")],
    incident: Annotated[str, typer.Argument(help="The incident it belongs to.")],
    db: DbOption = None,
    note: NoteOption = "",
) -> None:
    """Move one document to another incident."""
    with open_store(db) as store:
        doc = _document(store, document)
        assignment = assign_incidents(store)
        inc = _current(assignment, incident)
        if assignment[doc] == inc:
            err.print(f"{doc[:12]} is already in {inc}")
            return
        anchor = next(d for d in _members(assignment, inc) if d != doc)
        result = _store_corrections(
            store, [incidents.Correction("move", doc, anchor, utc_now(), note)]
        )
    err.print(f"moved {doc[:12]} -> {result}")


def _since(value: str) -> str:
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError as exc:
        err.print(f"[red]error:[/red] --since {value!r} is not an ISO 8601 date or time")
        raise typer.Exit(2) from exc
    return parsed.isoformat()


def _print_changes(feed: ChangeFeed, record: Record) -> None:
    titles = {d.id: d.publisher or d.title or d.source for d in record.documents}
    times = {d.id: d.reported_at for d in record.documents}
    if not feed.incidents:
        out.print(f"nothing new since {feed.since}")
        return
    for c in feed.incidents:
        _print_incident_changes(c, titles, times)


def _print_incident_changes(
    c: IncidentChanges, titles: dict[str, str], times: dict[str, str | None]
) -> None:
    head = "new incident" if c.new_incident else "changed"
    out.print(f"[bold]{c.incident}[/bold] {escape(c.title or '')} ({head})", highlight=False)
    for d in c.new_documents:
        out.print(escape(f"  + document {titles.get(d, d)} [{d[:12]}]"), highlight=False)
    for ch in c.changed:
        named = "; ".join(titles.get(d, d) for d in ch.sources)
        src = f"  (source: {named})" if named else ""
        out.print(escape(f"  ~ {ch.field}: {ch.before} -> {ch.after}{src}"), highlight=False)
    for r in c.new_figures:
        who = " < ".join(r.attributed_to) or titles.get(r.document, r.document)
        when = r.reported_at or times.get(r.document) or "undated"
        line = (
            f"  + figure {r.kind} {r.qualifier} {r.value} ({r.scope}) - {who}, "
            f'{titles.get(r.document, r.document)}, reported {when}: "{r.evidence.text}"'
        )
        out.print(escape(line), highlight=False)
    for p in c.new_people:
        out.print(escape(f"  + person {p}"), highlight=False)
    for cl in c.new_claims:
        out.print(escape(f"  + claim {cl}"), highlight=False)
    for t in c.new_timeline:
        out.print(escape(f"  + event {t}"), highlight=False)


def changes(
    since: Annotated[
        str,
        typer.Option(
            "--since",
            help="ISO 8601 date or time (UTC unless it has an offset), e.g. 2031-05-16T12:00.",
            show_default=False,
        ),
    ],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Per incident, what is new or different since a time: new documents, figures, people,
    claims and events, and changed best values (with their sources)."""
    cutoff = _since(since)
    with open_store(db) as store:
        feed = change_feed(store, cutoff)
        record = build_record(store)
    if as_json:
        sys.stdout.write(feed.model_dump_json(indent=2) + "\n")
        return
    _print_changes(feed, record)


def explain(
    first: Annotated[str, typer.Argument(help="A document id (or 6+ characters of it).")],
    second: Annotated[str, typer.Argument(help="Another document id.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Why two documents are, or are not, in one incident: the link score term by term.

    Shows whether the pair was compared at all (blocking), each piece of evidence with its weight,
    the score, and, for documents in different incidents, the average of the stored scores
    between the two incidents that the grouping compares with its threshold.
    """
    from incidentdesk.resolve.linking import (
        GROUP_THRESHOLD,
        LINK_THRESHOLD,
        WEIGHTS,
        blocked_reason,
        features,
        link_score,
    )
    from incidentdesk.resolve.profile import DocProfile

    with open_store(db) as store:
        a, b = _document(store, first), _document(store, second)
        stored = store.profiles()
        assignment = assign_incidents(store)
        links = {(x, y): s for x, y, s in store.links()}
    missing = [d for d in (a, b) if d not in stored]
    if missing:
        err.print(
            f"[red]error:[/red] no profile for {', '.join(missing)}: run `incidentdesk relink`"
        )
        raise typer.Exit(2)
    pa, pb = DocProfile.from_json(stored[a]), DocProfile.from_json(stored[b])
    blocked = blocked_reason(pa, pb)
    terms = {k: (v, WEIGHTS[k]) for k, v in features(pa, pb).items()} if not blocked else {}
    score = link_score(pa, pb)
    members = {inc: _members(assignment, inc) for inc in {assignment[a], assignment[b]}}
    between = [
        s
        for x in members[assignment[a]]
        for y in members[assignment[b]]
        if (s := links.get((min(x, y), max(x, y)))) is not None
    ]
    average = sum(between) / len(between) if between and assignment[a] != assignment[b] else None
    result = {
        "documents": [a, b],
        "incidents": [assignment[a], assignment[b]],
        "same_incident": assignment[a] == assignment[b],
        "compared": blocked is None,
        "blocked": blocked,
        "score": round(score, 6),
        "stored_link": links.get((min(a, b), max(a, b))),
        "link_threshold": LINK_THRESHOLD,
        "terms": {k: {"value": round(v, 4), "weight": w} for k, (v, w) in terms.items()},
        "bias": WEIGHTS["bias"],
        "average_between_incidents": None if average is None else round(average, 6),
        "group_threshold": GROUP_THRESHOLD,
    }
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
        return
    same = "the same incident" if result["same_incident"] else "different incidents"
    out.print(f"{escape(a[:12])} and {escape(b[:12])}: {same}", highlight=False)
    if blocked:
        out.print(f"not compared: {escape(blocked)}", highlight=False)
    else:
        table = Table(title=f"link score {score:.3f} (links at >= {LINK_THRESHOLD})")
        for column in ("evidence", "value", "weight", "contribution"):
            table.add_column(column, justify="left" if column == "evidence" else "right")
        table.add_row("bias", "", f"{WEIGHTS['bias']:g}", f"{WEIGHTS['bias']:+.2f}")
        for name, (value, weight) in terms.items():
            if value:
                table.add_row(name, f"{value:.3f}", f"{weight:g}", f"{value * weight:+.2f}")
        out.print(table)
    if average is not None:
        out.print(
            f"the stored scores between the two incidents average {average:.3f} over "
            f"{len(between)} pair(s); they are joined at >= {GROUP_THRESHOLD} when one pair "
            f"scores >= {LINK_THRESHOLD}",
            highlight=False,
        )


def relink(db: DbOption = None) -> None:
    """Profile every stored document again and rebuild the same-incident links.

    Needed once for databases written before documents were linked at ingest; analysts'
    corrections are kept and replayed on top.
    """
    from incidentdesk.pipeline import relink as relink_store

    with (
        open_store(db) as store,
        Progress(
            TextColumn("[bold]relinking"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        ) as progress,
    ):
        task = progress.add_task("", total=None)

        def on_progress(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        count = relink_store(store, on_progress)
    err.print(f"{count} links")


def register(app: typer.Typer) -> None:
    """Add these commands to the main app."""
    app.command(name="incidents")(list_incidents)
    app.command()(merge)
    app.command()(split)
    app.command()(move)
    app.command()(changes)
    app.command()(explain)
    app.command()(relink)
