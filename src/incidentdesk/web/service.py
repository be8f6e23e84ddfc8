"""What the pages and their JSON twins both need: dependencies, look-ups and 404s.

Each function here answers one question about the current snapshot of the record (or the
store) and raises ``HTTPException`` with a clear message for a bad or unknown id, so the HTML
and JSON routes stay thin and cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request, status
from starlette.concurrency import run_in_threadpool

from incidentdesk.model import Document, Fact, Incident
from incidentdesk.present._views import DASH, chain, text_or_dash, value_text
from incidentdesk.store import Store
from incidentdesk.web.highlight import Segment, segments
from incidentdesk.web.records import RecordCache, Snapshot, chart_svg
from incidentdesk.web.search import IncidentFilter
from incidentdesk.web.views import (
    Excerpt,
    IncidentPage,
    Value,
    document_url,
    excerpt,
    incident_page,
    incident_url,
)

INCIDENT_ID = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$"
DOCUMENT_ID = r"^[0-9a-f]{8,64}$"
VALUE_KEY = r"^[a-z0-9][a-z0-9-]{0,63}$"
HIGHLIGHT = r"^\d{1,10}-\d{1,10}$"
QUOTE_CHARS = 140


async def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


async def get_cache(request: Request) -> RecordCache:
    cache: RecordCache = request.app.state.cache
    return cache


def snapshot_now(request: Request) -> Snapshot:
    """The record at the store's current revision (built only if something was written).

    Blocking (a query, or a build after a write): call it from a worker thread.
    """
    cache: RecordCache = request.app.state.cache
    snap = cache.snapshot(request.app.state.store)
    request.state.revision = snap.revision
    return snap


async def get_snapshot(request: Request) -> Snapshot:
    """``snapshot_now`` in a worker thread (a dependency: the only thread hop of a cached page)."""
    return await run_in_threadpool(snapshot_now, request)


StoreDep = Annotated[Store, Depends(get_store)]
CacheDep = Annotated[RecordCache, Depends(get_cache)]
SnapshotDep = Annotated[Snapshot, Depends(get_snapshot)]


def _day(name: str, value: str | None) -> dt.date | None:
    """A ``YYYY-MM-DD`` query value as a date; empty means not given; anything else is 422."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, f"{name}: {value!r} is not a date (YYYY-MM-DD)"
        ) from None


DATE = r"^(\d{4}-\d{2}-\d{2})?$"


async def incident_filter(
    q: Annotated[
        str | None, Query(max_length=500, description="Words to find in the reports (full text).")
    ] = None,
    date_from: Annotated[
        str | None,
        Query(pattern=DATE, description="Incidents on or after this date (YYYY-MM-DD)."),
    ] = None,
    date_to: Annotated[
        str | None,
        Query(pattern=DATE, description="Incidents on or before this date (YYYY-MM-DD)."),
    ] = None,
    country: Annotated[
        str | None, Query(max_length=200, description="Country, as in the record.")
    ] = None,
    attack_type: Annotated[
        str | None, Query(max_length=100, description="Attack type label, e.g. bombing.")
    ] = None,
) -> IncidentFilter:
    """The list filters from the query string (empty values mean "not given", as forms send)."""
    start, end = _day("date_from", date_from), _day("date_to", date_to)
    if start and end and start > end:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "date_from is after date_to")
    return IncidentFilter(
        q=q or None,
        date_from=start,
        date_to=end,
        country=country or None,
        attack_type=attack_type or None,
    )


FilterDep = Annotated[IncidentFilter, Depends(incident_filter)]


class IncidentMoved(Exception):
    """An older incident id: the app answers with a redirect to the incident's current id."""

    def __init__(self, old: str, new: str) -> None:
        super().__init__(f"incident {old} is now {new}")
        self.old = old
        self.new = new


def find_incident(snapshot: Snapshot, incident_id: str) -> Incident:
    """The incident; ``IncidentMoved`` for an older id of a merged incident; else 404."""
    incident = snapshot.incidents.get(incident_id)
    if incident is not None:
        return incident
    current = snapshot.current_id(incident_id)
    if current is not None:
        raise IncidentMoved(incident_id, current)
    raise HTTPException(status.HTTP_404_NOT_FOUND, f"no incident with id {incident_id}")


def page_of(cache: RecordCache, snapshot: Snapshot, incident_id: str) -> IncidentPage:
    """The incident page's content (memoised per revision)."""
    incident = find_incident(snapshot, incident_id)
    return cache.memo(
        snapshot, f"page:{incident_id}", lambda: incident_page(incident, snapshot.index)
    )


def chart_of(cache: RecordCache, snapshot: Snapshot, incident_id: str) -> str | None:
    """The casualty chart SVG of an incident, or None (memoised per revision)."""
    incident = find_incident(snapshot, incident_id)
    if not incident.figures:
        return None
    documents = [snapshot.documents[d] for d in incident.documents if d in snapshot.documents]
    return cache.memo(snapshot, f"chart:{incident_id}", lambda: chart_svg(incident, documents))


def svg_size(svg: str) -> tuple[int, int] | None:
    """The ``width`` and ``height`` of an SVG's root element, when it states them in pixels."""
    head = svg[: svg.find(">") + 1]
    width = re.search(r'\swidth="(\d+)(?:px)?"', head)
    height = re.search(r'\sheight="(\d+)(?:px)?"', head)
    if width is None or height is None:
        return None
    return int(width.group(1)), int(height.group(1))


@dataclass(frozen=True)
class EvidencePage:
    incident: Incident
    page: IncidentPage
    value: Value
    excerpts: list[Excerpt]


def evidence_of(
    cache: RecordCache, snapshot: Snapshot, store: Store, incident_id: str, key: str
) -> EvidencePage:
    """A value of an incident and its evidence passages; 404 for an unknown key."""
    incident = find_incident(snapshot, incident_id)
    page = page_of(cache, snapshot, incident_id)
    value = page.values.get(key)
    if value is None or not value.evidence:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND, f"incident {incident_id} has no value {key} with evidence"
        )

    def make() -> list[Excerpt]:
        texts: dict[str, str] = {}
        out: list[Excerpt] = []
        for ev in value.evidence:
            if ev.document not in texts:
                try:
                    texts[ev.document] = store.text(ev.document)
                except KeyError:
                    texts[ev.document] = ""
            out.append(excerpt(texts[ev.document], ev))
        return out

    excerpts = cache.memo(snapshot, f"evidence:{incident_id}:{key}", make)
    return EvidencePage(incident=incident, page=page, value=value, excerpts=excerpts)


# --------------------------------------------------------------------------- documents


@dataclass(frozen=True)
class IncidentLink:
    id: str
    title: str
    url: str


@dataclass(frozen=True)
class DocumentRow:
    """A document in words, for the list and the document page."""

    id: str
    title: str
    kind: str
    publisher: str
    author: str
    published: str
    reported_at: str
    source: str
    url_text: str
    chars: int
    url: str
    incidents: list[IncidentLink]


def incident_links(snapshot: Snapshot, document_id: str) -> list[IncidentLink]:
    links: list[IncidentLink] = []
    for iid in snapshot.incidents_of.get(document_id, []):
        incident = snapshot.incidents[iid]
        links.append(IncidentLink(id=iid, title=incident.title or iid, url=incident_url(iid)))
    return links


def document_row(snapshot: Snapshot, doc: Document) -> DocumentRow:
    shown = snapshot.documents.get(doc.id, doc)  # the record's copy has the inferred report time
    reported = DASH
    if shown.reported_at:
        reported = shown.reported_at
        if shown.reported_at_basis and shown.reported_at_basis != "stated":
            reported += " (inferred)"
    return DocumentRow(
        id=doc.id,
        title=text_or_dash(shown.title or shown.source),
        kind=shown.kind,
        publisher=text_or_dash(shown.publisher),
        author=text_or_dash(shown.author),
        published=text_or_dash(shown.published),
        reported_at=reported,
        source=text_or_dash(shown.source),
        url_text=text_or_dash(shown.url),
        chars=shown.chars,
        url=document_url(doc.id),
        incidents=incident_links(snapshot, doc.id),
    )


def documents_matching(snapshot: Snapshot, store: Store, q: str | None) -> list[Document]:
    """Every stored document (ingest order), or those matching ``q`` (best match first)."""
    if not q or not q.strip():
        return store.documents()
    by_id = {d.id: d for d in store.documents()}
    return [by_id[i] for i in store.search(q, limit=1000) if i in by_id]


def find_document(store: Store, document_id: str) -> Document:
    doc = store.document(document_id)
    if doc is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no document with id {document_id}")
    return doc


def parse_highlight(hl: str | None, text: str) -> tuple[int, int] | None:
    """``"start-end"`` as a span of ``text``; 422 when it does not fit the text."""
    if hl is None:
        return None
    start_s, _, end_s = hl.partition("-")
    start, end = int(start_s), int(end_s)
    if not start < end <= len(text):
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"hl={hl} is not a span of this document (0 <= start < end <= {len(text)})",
        )
    return start, end


@dataclass(frozen=True)
class FactRow:
    """A fact of a document in words, with a link that highlights its evidence."""

    id: str
    field: str
    value: str
    reported_at: str
    attributed_to: str
    notes: str
    quote: str
    url: str
    fact: Fact


def fact_notes(fact: Fact) -> str:
    notes: list[str] = []
    if fact.qualifier and fact.qualifier != "exact":
        notes.append(fact.qualifier)
    if fact.scope and fact.scope != "total":
        notes.append(f"scope: {fact.scope}")
    if fact.hedged:
        notes.append("hedged")
    if fact.negated:
        notes.append("denied")
    if fact.refers_to != "main":
        notes.append(f"about another incident ({fact.refers_to})")
    return ", ".join(notes) or DASH


def fact_rows(facts: list[Fact]) -> list[FactRow]:
    rows: list[FactRow] = []
    for fact in facts:
        ev = fact.evidence
        quote = ev.text if len(ev.text) <= QUOTE_CHARS else ev.text[: QUOTE_CHARS - 1] + "…"
        reported = fact.reported_at or DASH
        if fact.reported_at and fact.reported_at_inferred:
            reported += " (inferred)"
        rows.append(
            FactRow(
                id=fact.id,
                field=fact.field,
                value=value_text(fact.value),
                reported_at=reported,
                attributed_to=chain(fact.attributed_to),
                notes=fact_notes(fact),
                quote=" ".join(quote.split()),
                url=document_url(ev.document, ev.start, ev.end),
                fact=fact,
            )
        )
    return rows


@dataclass(frozen=True)
class DocumentPage:
    row: DocumentRow
    document: Document
    text: str
    facts: list[FactRow]
    segments: list[Segment]
    selected: tuple[int, int] | None


def document_page(
    snapshot: Snapshot, store: Store, document_id: str, hl: str | None
) -> DocumentPage:
    """A document with every fact's evidence marked and the span ``hl`` selected."""
    doc = find_document(store, document_id)
    text = store.text(document_id)
    selected = parse_highlight(hl, text)
    facts = [f for f in store.facts(document=document_id) if f.evidence.document == document_id]
    return DocumentPage(
        row=document_row(snapshot, doc),
        document=snapshot.documents.get(doc.id, doc),
        text=text,
        facts=fact_rows(facts),
        segments=segments(text, facts, selected),
        selected=selected,
    )
