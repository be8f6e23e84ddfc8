"""What every ``incidentdesk`` command shares: the consoles, the --db option, opening the store."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console

from incidentdesk.store import Store

err = Console(stderr=True)
out = Console(width=None if sys.stdout.isatty() else 160)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help=(
            "SQLAlchemy database URL, e.g. sqlite:///path/incidents.db. Default: $INCIDENTDESK_DB, "
            "else a SQLite file in your user data directory."
        ),
        show_default=False,
    ),
]


def open_store(db: str | None) -> Store:
    """Open (and migrate) the database, or exit with a clear message naming it."""
    try:
        return Store(db)
    except Exception as exc:
        err.print(f"[red]error:[/red] cannot open database {db or Store.default_url()}: {exc}")
        raise typer.Exit(2) from exc
