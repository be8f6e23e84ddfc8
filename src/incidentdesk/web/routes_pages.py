"""The HTML pages: incident list, incident, evidence, documents, adding reports, exports, /docs.

Every page works without JavaScript (there is none): values are links to their evidence page,
evidence links open the document with the span marked server-side, filters are a GET form.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, HTTPException, Path, Query, Request, UploadFile, status
from fastapi.responses import HTMLResponse, Response

from incidentdesk.web import service
from incidentdesk.web.apidocs import operations
from incidentdesk.web.config import UPLOAD_SUFFIXES, WebConfig
from incidentdesk.web.ingest import IngestOutcome, ingest_form
from incidentdesk.web.rendering import render
from incidentdesk.web.search import IncidentFilter, facets, matching, summary
from incidentdesk.web.security import SVG_CSP, ReadAccess, check_write_token, config
from incidentdesk.web.service import (
    CacheDep,
    FilterDep,
    SnapshotDep,
    StoreDep,
)
from incidentdesk.web.views import document_url, incident_url

router = APIRouter(dependencies=[ReadAccess], include_in_schema=False)

IncidentPath = Annotated[str, Path(pattern=service.INCIDENT_ID, description="Incident id.")]
DocumentPath = Annotated[str, Path(pattern=service.DOCUMENT_ID, description="Document id.")]
KeyPath = Annotated[str, Path(pattern=service.VALUE_KEY, description="Value key.")]


def filter_query(f: IncidentFilter) -> str:
    """The filter as a query string (with ``?``), or empty."""
    pairs = [
        (name, str(value))
        for name, value in (
            ("q", f.q),
            ("date_from", f.date_from),
            ("date_to", f.date_to),
            ("country", f.country),
            ("attack_type", f.attack_type),
        )
        if value
    ]
    return "?" + urlencode(pairs) if pairs else ""


@router.get("/", response_class=HTMLResponse)
def incidents_page(
    request: Request, snapshot: SnapshotDep, store: StoreDep, f: FilterDep
) -> HTMLResponse:
    found = matching(snapshot, store, f)
    query = filter_query(f)
    return render(
        request,
        "incidents.html.j2",
        nav="incidents",
        json_url="/api/incidents" + query,
        filter=f,
        facets=facets(snapshot),
        incidents=[summary(i) for i in found],
        total=len(snapshot.record.incidents),
        query=query,
    )


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
async def incident_view(
    request: Request, incident_id: IncidentPath, snapshot: SnapshotDep, cache: CacheDep
) -> Response:
    page = service.page_of(cache, snapshot, incident_id)

    def make() -> bytes:
        svg = service.chart_of(cache, snapshot, incident_id)
        size = service.svg_size(svg) if svg else None
        documents = [
            service.document_row(snapshot, snapshot.documents[d])
            for d in snapshot.incidents[incident_id].documents
            if d in snapshot.documents
        ]
        html = render(
            request,
            "incident.html.j2",
            nav="incidents",
            json_url=f"/api{incident_url(incident_id)}",
            page=page,
            documents=documents,
            chart=f"{incident_url(incident_id)}/chart.svg" if svg else None,
            chart_size=size or (640, 360),
        )
        return bytes(html.body)

    body = cache.memo(snapshot, f"html:{incident_id}", make)
    return Response(body, media_type="text/html; charset=utf-8")


@router.get("/incidents/{incident_id}/chart.svg")
def incident_chart(incident_id: IncidentPath, snapshot: SnapshotDep, cache: CacheDep) -> Response:
    svg = service.chart_of(cache, snapshot, incident_id)
    if svg is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "this incident has no casualty chart")
    return Response(
        svg,
        media_type="image/svg+xml",
        headers={"Content-Security-Policy": SVG_CSP, "Cache-Control": "no-cache"},
    )


@router.get("/incidents/{incident_id}/evidence/{key}", response_class=HTMLResponse)
def evidence_view(
    request: Request,
    incident_id: IncidentPath,
    key: KeyPath,
    snapshot: SnapshotDep,
    cache: CacheDep,
    store: StoreDep,
) -> HTMLResponse:
    ev = service.evidence_of(cache, snapshot, store, incident_id, key)
    return render(
        request,
        "evidence.html.j2",
        nav="incidents",
        json_url=f"/api{incident_url(incident_id)}/evidence/{key}",
        heading=ev.page.heading,
        incident_url=incident_url(incident_id),
        value=ev.value,
        excerpts=ev.excerpts,
    )


@router.get("/documents", response_class=HTMLResponse)
def documents_view(
    request: Request,
    snapshot: SnapshotDep,
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=500)] = None,
) -> HTMLResponse:
    docs = service.documents_matching(snapshot, store, q)
    return render(
        request,
        "documents.html.j2",
        nav="documents",
        json_url="/api/documents" + (f"?{urlencode({'q': q})}" if q else ""),
        q=q,
        documents=[service.document_row(snapshot, d) for d in docs],
    )


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_view(
    request: Request,
    document_id: DocumentPath,
    snapshot: SnapshotDep,
    store: StoreDep,
    hl: Annotated[
        str | None, Query(pattern=service.HIGHLIGHT, description="Span to mark: START-END.")
    ] = None,
) -> HTMLResponse:
    page = service.document_page(snapshot, store, document_id, hl)
    return render(
        request,
        "document.html.j2",
        nav="documents",
        json_url=f"/api{document_url(document_id)}",
        doc=page.row,
        incidents=page.row.incidents,
        facts=page.facts,
        segments=page.segments,
        selected=page.selected,
    )


def _add_page(
    request: Request,
    cfg: WebConfig,
    status_code: int = 200,
    result: IngestOutcome | None = None,
    error: str | None = None,
) -> HTMLResponse:
    return render(
        request,
        "add.html.j2",
        status_code=status_code,
        nav="add",
        accept=",".join(UPLOAD_SUFFIXES),
        max_files=cfg.max_files,
        max_mb=f"{cfg.max_upload_bytes / 1_000_000:g}",
        result=result,
        error=error,
    )


@router.get("/add", response_class=HTMLResponse)
def add_form(request: Request) -> HTMLResponse:
    return _add_page(request, config(request))


@router.post("/add", response_class=HTMLResponse)
async def add_submit(
    request: Request,
    token: Annotated[str, Form(max_length=1000)] = "",
    text: Annotated[str, Form()] = "",
    files: Annotated[list[UploadFile] | None, File()] = None,
) -> HTMLResponse:
    cfg = config(request)
    try:
        check_write_token(cfg, token)
    except HTTPException as exc:
        return _add_page(request, cfg, exc.status_code, error=str(exc.detail))
    try:
        outcome = await ingest_form(request, text, files or [])
    except HTTPException as exc:
        return _add_page(request, cfg, exc.status_code, error=str(exc.detail))
    code = 200 if outcome.read_any else status.HTTP_422_UNPROCESSABLE_CONTENT
    return _add_page(request, cfg, code, result=outcome)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    schema = request.app.openapi()
    return render(
        request,
        "apidocs.html.j2",
        nav="docs",
        json_url="/openapi.json",
        api={
            "title": schema["info"]["title"],
            "version": schema["info"]["version"],
            "description": schema["info"].get("description", ""),
            "openapi": schema.get("openapi", ""),
        },
        operations=operations(schema),
    )


@router.get("/favicon.ico")
def favicon() -> Response:
    return Response(status_code=status.HTTP_204_NO_CONTENT)
