"""``incidentdesk serve``: run the web app and HTTP API with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from incidentdesk.cli_common import DbOption, err, open_store
from incidentdesk.web.config import MAX_UPLOAD_BYTES, TOKEN_ENV, WebConfig, is_loopback


def serve(
    db: DbOption = None,
    host: Annotated[
        str,
        typer.Option(
            "--host",
            help="Address to listen on. Reading is open to this machine only; other clients "
            "need the token.",
        ),
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")
    ] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar=TOKEN_ENV,
            help=f"Token that allows adding reports (also ${TOKEN_ENV}). Without one the app "
            "is read-only.",
            show_default=False,
        ),
    ] = None,
    max_upload_mb: Annotated[
        float,
        typer.Option("--max-upload-mb", min=0.001, help="Largest upload (all files together)."),
    ] = MAX_UPLOAD_BYTES / 1_000_000,
) -> None:
    """Serve the incident records in a browser and as a JSON API (OpenAPI at /docs).

    Pages: incident list with search and filters, incident pages where every value links to the sentence it was read from, documents with every extracted fact highlighted, adding reports (with --token), exports as JSON, CSV (GTD-like columns) and Markdown.
    """
    import uvicorn

    from incidentdesk.web import create_app

    token = token.strip() if token and token.strip() else None
    with open_store(db) as probe:  # fail early, with the usual message, on a bad --db
        url = probe.url
    names = {host, "localhost", "127.0.0.1", "::1"} if is_loopback(host) else set()
    config = WebConfig(
        store_url=url,
        token=token,
        allowed_hosts=frozenset(names),
        max_upload_bytes=int(max_upload_mb * 1_000_000),
    )
    app = create_app(config=config)
    shown = f"[{host}]" if ":" in host else host
    mode = "adding reports needs the token" if token else "read-only (no --token)"
    err.print(f"incidentdesk on http://{shown}:{port}/ ({mode}); database {url}", highlight=False)
    if not is_loopback(host) and not token:
        err.print(
            "[yellow]warning:[/yellow] listening beyond this machine without a token: "
            "other machines will be refused."
        )
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the ``incidentdesk`` command line."""
    app.command(name="serve")(serve)
