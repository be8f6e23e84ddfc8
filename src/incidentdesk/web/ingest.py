"""HTTP glue for adding reports: check the request, run the ingest, say what changed.

Limits: the whole body is capped by the security middleware (``Content-Length``); here the number
of files and their types are checked (413/415) before anything is written, then ``uploads`` does
the work in a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import HTTPException, Request, UploadFile, status
from starlette.concurrency import run_in_threadpool

from incidentdesk.pipeline import IngestResult
from incidentdesk.store import Store
from incidentdesk.web.config import WebConfig
from incidentdesk.web.service import IncidentLink, incident_links, snapshot_now
from incidentdesk.web.uploads import UnsupportedType, Upload, add_uploads, suffix_of
from incidentdesk.web.views import document_url

PASTE_SUFFIX = {"text": ".txt", "html": ".html", "jsonl": ".jsonl"}


@dataclass(frozen=True)
class DocumentLink:
    id: str
    title: str
    url: str
    new: bool


@dataclass
class IngestOutcome(IngestResult):
    """What an upload did, with links to the documents and the incidents they now belong to."""

    documents: list[DocumentLink] = field(default_factory=list)
    incidents: list[IncidentLink] = field(default_factory=list)


def check_uploads(cfg: WebConfig, uploads: list[Upload]) -> None:
    """400 when there is nothing, 413 for too many files, 415 for a file type we do not read."""
    if not uploads:
        raise HTTPException(
            status.HTTP_400_BAD_REQUEST, "nothing to add: paste a report or choose files"
        )
    if len(uploads) > cfg.max_files:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE,
            f"too many files ({len(uploads)}; at most {cfg.max_files} at a time)",
        )
    for upload in uploads:
        try:
            suffix_of(upload.name)
        except UnsupportedType as exc:
            raise HTTPException(status.HTTP_415_UNSUPPORTED_MEDIA_TYPE, str(exc)) from None


async def run_ingest(request: Request, uploads: list[Upload]) -> IngestOutcome:
    """Check and ingest ``uploads``; describe the result against the updated record."""
    cfg: WebConfig = request.app.state.config
    store: Store = request.app.state.store
    check_uploads(cfg, uploads)
    result = await run_in_threadpool(add_uploads, store, uploads, cfg.max_upload_bytes)
    snapshot = await run_in_threadpool(snapshot_now, request)
    outcome = IngestOutcome(result.added, result.unchanged, result.problems)
    seen: set[str] = set()
    for doc_id, new in [(d, True) for d in result.added] + [(d, False) for d in result.unchanged]:
        doc = snapshot.documents.get(doc_id)
        title = (doc.title or doc.source) if doc else doc_id
        outcome.documents.append(
            DocumentLink(id=doc_id, title=title, url=document_url(doc_id), new=new)
        )
        for link in incident_links(snapshot, doc_id):
            if link.id not in seen:
                seen.add(link.id)
                outcome.incidents.append(link)
    return outcome


async def read_files(files: list[UploadFile]) -> list[Upload]:
    """The uploaded files (those with a name: an empty file input sends one without)."""
    uploads: list[Upload] = []
    for file in files:
        if not file.filename:
            continue
        uploads.append(Upload(name=file.filename, data=await file.read()))
    return uploads


async def ingest_form(request: Request, text: str, files: list[UploadFile]) -> IngestOutcome:
    """The add-reports form: pasted text and/or files."""
    uploads = await read_files(files)
    if text.strip():
        uploads.insert(0, Upload(name="pasted.txt", data=text.encode("utf-8")))
    return await run_ingest(request, uploads)
