"""Exports: the record, or the incidents matching the list filters, as JSON, CSV or Markdown."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from incidentdesk.web import service
from incidentdesk.web.exports import MEDIA_TYPES, ExportFormat
from incidentdesk.web.exports import render as render_export
from incidentdesk.web.records import only
from incidentdesk.web.search import matching
from incidentdesk.web.security import ReadAccess
from incidentdesk.web.service import FilterDep, SnapshotDep, StoreDep

router = APIRouter(dependencies=[ReadAccess], tags=["exports"])


@router.get(
    "/export/{fmt}",
    response_class=Response,
    responses={
        200: {
            "description": "The export, as a download",
            "content": {"application/json": {}, "text/csv": {}, "text/markdown": {}},
        },
        404: {"description": "No such incident"},
        422: {"description": "Unknown format or bad filter"},
    },
)
def export(
    fmt: ExportFormat,
    snapshot: SnapshotDep,
    store: StoreDep,
    f: FilterDep,
    incident: Annotated[
        str | None, Query(pattern=service.INCIDENT_ID, description="Only this incident.")
    ] = None,
) -> Response:
    """The record as JSON (record-format.md), CSV (one row per incident, GTD-like columns, see
    docs/web.md) or Markdown: every incident, those matching the list filters, or one."""
    if incident is not None:
        service.find_incident(snapshot, incident)
        record = only(snapshot.record, incident)
        name = incident
    else:
        keep = {i.id for i in matching(snapshot, store, f)}
        record = snapshot.record.model_copy(
            update={"incidents": [i for i in snapshot.record.incidents if i.id in keep]}
        )
        if f.active:
            wanted = {d for i in record.incidents for d in i.documents}
            record = record.model_copy(
                update={"documents": [d for d in record.documents if d.id in wanted]}
            )
        name = "incidents"
    body = render_export(record, fmt)
    return Response(
        body,
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt.value}"'},
    )
