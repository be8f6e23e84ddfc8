"""The JSON API: one endpoint for each page, and writing (``Authorization: Bearer TOKEN``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Path, Query, Request, UploadFile, status
from fastapi.responses import JSONResponse, Response

from incidentdesk import __version__
from incidentdesk.web import service
from incidentdesk.web.ingest import PASTE_SUFFIX, IngestOutcome, read_files, run_ingest
from incidentdesk.web.schemas import (
    DocumentListOut,
    DocumentOut,
    DocumentSummaryOut,
    EvidenceOut,
    EvidencePageOut,
    ExcerptOut,
    FacetsOut,
    FactOut,
    IncidentListOut,
    IncidentOut,
    IngestOut,
    ReportIn,
    Status,
    ValueOut,
)
from incidentdesk.web.search import facets, matching, summary
from incidentdesk.web.security import ReadAccess, WriteAccess, config
from incidentdesk.web.service import CacheDep, FilterDep, SnapshotDep, StoreDep
from incidentdesk.web.uploads import Upload
from incidentdesk.web.views import EvidenceRef, Value, incident_url

router = APIRouter(prefix="/api", tags=["api"])

IncidentPath = Annotated[str, Path(pattern=service.INCIDENT_ID, description="Incident id.")]
DocumentPath = Annotated[str, Path(pattern=service.DOCUMENT_ID, description="Document id.")]
KeyPath = Annotated[
    str, Path(pattern=service.VALUE_KEY, description="Value key from the incident's `values`.")
]
ERRORS: dict[int | str, dict[str, str]] = {
    401: {"description": "Token missing or wrong"},
    403: {"description": "Not allowed (read-only server, or reading from another machine)"},
}


def evidence_out(ev: EvidenceRef) -> EvidenceOut:
    return EvidenceOut(
        document=ev.document,
        document_title=ev.document_title,
        start=ev.start,
        end=ev.end,
        text=ev.text,
        attributed_to=list(ev.attributed_to),
        reported_at=ev.reported_at,
        url=ev.url,
    )


def value_out(value: Value) -> ValueOut:
    return ValueOut.model_validate(
        {
            "key": value.key,
            "section": value.section,
            "label": value.label,
            "value": value.value,
            "note": value.note,
            "evidence": [evidence_out(e) for e in value.evidence],
            "url": value.href,
        }
    )


@router.get("/status", dependencies=[ReadAccess], responses=ERRORS)
def api_status(request: Request, snapshot: SnapshotDep, store: StoreDep) -> Status:
    """Counts, the store revision and whether the server accepts reports."""
    stats = store.stats()
    return Status(
        version=__version__,
        revision=snapshot.revision,
        documents=stats.get("documents", 0),
        facts=stats.get("facts", 0),
        incidents=len(snapshot.record.incidents),
        writable=config(request).writable,
    )


@router.get("/incidents", dependencies=[ReadAccess], responses=ERRORS)
def api_incidents(snapshot: SnapshotDep, store: StoreDep, f: FilterDep) -> IncidentListOut:
    """The incident list: full-text search (`q`) and filters by date, country and attack type."""
    found = matching(snapshot, store, f)
    offered = facets(snapshot)
    return IncidentListOut(
        total=len(snapshot.record.incidents),
        count=len(found),
        incidents=[summary(i) for i in found],
        facets=FacetsOut(countries=offered.countries, attack_types=offered.attack_types),
    )


@router.get(
    "/incidents/{incident_id}",
    dependencies=[ReadAccess],
    responses={404: {"description": "No such incident"}, **ERRORS},
    response_model=IncidentOut,
)
async def api_incident(
    incident_id: IncidentPath, snapshot: SnapshotDep, cache: CacheDep
) -> Response:
    """The incident page: the incident in the record format, its documents, and every value
    shown on the page with its evidence (sentence, attribution chain, report time)."""
    page = service.page_of(cache, snapshot, incident_id)

    def make() -> bytes:
        incident = snapshot.incidents[incident_id]
        chart = service.chart_of(cache, snapshot, incident_id)
        out = IncidentOut(
            incident=incident,
            documents=[
                snapshot.documents[d] for d in incident.documents if d in snapshot.documents
            ],
            values=[value_out(v) for v in page.values.values()],
            chart_url=f"{incident_url(incident_id)}/chart.svg" if chart else None,
            exports={fmt: f"/export/{fmt}?incident={incident_id}" for fmt in ("json", "csv", "md")},
        )
        return out.model_dump_json().encode("utf-8")

    body = cache.memo(snapshot, f"json:{incident_id}", make)
    return Response(body, media_type="application/json")


@router.get(
    "/incidents/{incident_id}/evidence/{key}",
    dependencies=[ReadAccess],
    responses={404: {"description": "No such incident or value"}, **ERRORS},
)
def api_evidence(
    incident_id: IncidentPath,
    key: KeyPath,
    snapshot: SnapshotDep,
    cache: CacheDep,
    store: StoreDep,
) -> EvidencePageOut:
    """The evidence page of one value: each sentence in its paragraph, who said it, when."""
    ev = service.evidence_of(cache, snapshot, store, incident_id, key)
    return EvidencePageOut(
        incident=incident_id,
        value=value_out(ev.value),
        excerpts=[
            ExcerptOut(
                evidence=evidence_out(x.evidence),
                before=x.before,
                marked=x.marked,
                after=x.after,
                found=x.found,
            )
            for x in ev.excerpts
        ],
    )


@router.get("/documents", dependencies=[ReadAccess], responses=ERRORS)
def api_documents(
    snapshot: SnapshotDep,
    store: StoreDep,
    q: Annotated[
        str | None, Query(max_length=500, description="Words to find (full text).")
    ] = None,
) -> DocumentListOut:
    """Every stored document (ingest order), or those matching `q` (best match first)."""
    docs = service.documents_matching(snapshot, store, q)
    rows = [
        DocumentSummaryOut(
            document=snapshot.documents.get(d.id, d),
            incidents=list(snapshot.incidents_of.get(d.id, [])),
            url=service.document_row(snapshot, d).url,
        )
        for d in docs
    ]
    return DocumentListOut(count=len(rows), documents=rows)


@router.get(
    "/documents/{document_id}",
    dependencies=[ReadAccess],
    responses={404: {"description": "No such document"}, **ERRORS},
)
def api_document(document_id: DocumentPath, snapshot: SnapshotDep, store: StoreDep) -> DocumentOut:
    """The document page: metadata, the stored text, its incidents and every extracted fact
    (evidence offsets index the text)."""
    page = service.document_page(snapshot, store, document_id, None)
    return DocumentOut(
        document=page.document,
        text=page.text,
        incidents=[link.id for link in page.row.incidents],
        facts=[FactOut(id=row.id, url=row.url, fact=row.fact) for row in page.facts],
    )


def _ingest_response(outcome: IngestOutcome) -> JSONResponse:
    body = IngestOut(
        added=outcome.added,
        unchanged=outcome.unchanged,
        problems=outcome.problems,
        incidents=[link.id for link in outcome.incidents],
    )
    if outcome.added:
        code = status.HTTP_201_CREATED
    elif outcome.unchanged:
        code = status.HTTP_200_OK
    else:
        code = status.HTTP_422_UNPROCESSABLE_CONTENT
    return JSONResponse(body.model_dump(mode="json"), status_code=code)


WRITE_RESPONSES: dict[int | str, dict[str, str]] = {
    200: {"description": "Every document was already stored"},
    201: {"description": "At least one document was added"},
    400: {"description": "Nothing to add"},
    411: {"description": "No Content-Length"},
    413: {"description": "Body too large or too many files"},
    415: {"description": "A file type that is not read"},
    422: {"description": "Nothing could be read (the problems say why)"},
    **ERRORS,
}


@router.post(
    "/reports",
    dependencies=[WriteAccess],
    responses=WRITE_RESPONSES,
    response_model=IngestOut,
    status_code=status.HTTP_201_CREATED,
)
async def api_add_report(request: Request, report: ReportIn) -> JSONResponse:
    """Add one pasted report (text, an HTML page, or JSON Lines); the record updates."""
    upload = Upload(name=f"pasted{PASTE_SUFFIX[report.format]}", data=report.text.encode("utf-8"))
    return _ingest_response(await run_ingest(request, [upload]))


@router.post(
    "/reports/upload",
    dependencies=[WriteAccess],
    responses=WRITE_RESPONSES,
    response_model=IngestOut,
    status_code=status.HTTP_201_CREATED,
)
async def api_upload(
    request: Request,
    files: Annotated[
        list[UploadFile], File(description="Files: .txt, .html, .htm or .jsonl (UTF-8).")
    ],
) -> JSONResponse:
    """Upload report files; each is read like `incidentdesk ingest` reads it."""
    return _ingest_response(await run_ingest(request, await read_files(files)))
