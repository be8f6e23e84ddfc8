"""``create_app``: the FastAPI application that serves the incident records.

Pages (``routes_pages``) and their JSON twins (``routes_api``) read the same cached snapshot of
the record (``records``); ``security`` adds the headers, the host and size limits and the token
checks. ``incidentdesk serve`` runs it with uvicorn.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from incidentdesk import __version__
from incidentdesk.store import Store
from incidentdesk.web.config import WebConfig
from incidentdesk.web.records import RecordCache
from incidentdesk.web.rendering import render, templates, wants_json
from incidentdesk.web.security import SecurityMiddleware
from incidentdesk.web.service import IncidentMoved

STATIC = Path(__file__).parent / "static"

DESCRIPTION = (
    "Incident records built from reports, every value with the sentence it was read from, "
    "who said it and when. Every HTML page has a JSON twin under /api; exports under /export."
)


def _messages(exc: RequestValidationError) -> list[str]:
    out: list[str] = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        out.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return out


def _install_error_pages(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        headers = dict(exc.headers or {})
        if wants_json(request):
            return JSONResponse(
                {"detail": exc.detail}, status_code=exc.status_code, headers=headers
            )
        page = render(
            request,
            "error.html.j2",
            status_code=exc.status_code,
            reason=HTTPStatus(exc.status_code).phrase,
            messages=[str(exc.detail)] if exc.detail else [],
        )
        page.headers.update(headers)
        return page

    @app.exception_handler(IncidentMoved)
    async def moved(request: Request, exc: IncidentMoved) -> Response:
        path = request.url.path.replace(f"/{exc.old}", f"/{exc.new}", 1)
        query = request.url.query.replace(exc.old, exc.new)
        return RedirectResponse(path + (f"?{query}" if query else ""), status_code=308)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if wants_json(request):
            errors = [
                {k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()
            ]
            return JSONResponse({"detail": errors}, status_code=422)
        return render(
            request,
            "error.html.j2",
            status_code=422,
            reason="Invalid request",
            messages=_messages(exc),
        )


def create_app(
    store_url: str | None = None,
    token: str | None = None,
    *,
    config: WebConfig | None = None,
    store: Store | None = None,
) -> FastAPI:
    """The web app over the store at ``store_url`` (default: ``$INCIDENTDESK_DB``).

    ``token`` enables writing (adding reports); without it the app is read-only. Pass a full
    ``config`` for the other settings, or an open ``store`` to share one (tests).
    """
    from incidentdesk.web import routes_api, routes_exports, routes_pages

    cfg = config or WebConfig(store_url=store_url or Store.default_url(), token=token or None)
    opened = store if store is not None else Store(cfg.store_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if store is None:
            opened.close()

    app = FastAPI(
        title="incidentdesk",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # /docs is our own page: no scripts from a CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.config = cfg
    app.state.store = opened
    app.state.cache = RecordCache()
    app.state.templates = templates()
    app.add_middleware(
        SecurityMiddleware, allowed_hosts=cfg.allowed_hosts, max_body=cfg.max_upload_bytes
    )
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(routes_api.router)
    app.include_router(routes_exports.router)
    app.include_router(routes_pages.router)
    _install_error_pages(app)
    return app
