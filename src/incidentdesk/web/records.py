"""Incident records for the web app, built once per store revision and shared by all requests.

Building a record reads every fact and resolves incidents: far too slow to do per request. The
``RecordCache`` keeps the last ``Snapshot`` (record plus look-up tables) keyed on
``Store.revision()``, a one-query fingerprint that changes with any write, so a new report (through
the app or the command line) shows on the next request. Rendered pages and charts are memoised
per revision too.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from incidentdesk.model import Document, Incident, Record
from incidentdesk.present._views import DocumentIndex
from incidentdesk.resolve import build_record
from incidentdesk.resolve.incidents import resolve_incident
from incidentdesk.store import Store

log = logging.getLogger(__name__)
T = TypeVar("T")

MEMO_SIZE = 512
"""Most rendered pages/charts kept for the current revision."""


def build(store: Store, incident_id: str | None = None) -> Record:
    """The one call into the resolver: every incident, or one incident with its documents
    (``KeyError`` when there is no such incident)."""
    return build_record(store, incident_id)


def only(record: Record, incident_id: str) -> Record:
    """The part of ``record`` about one incident (empty when there is no such incident)."""
    incidents = [i for i in record.incidents if i.id == incident_id]
    wanted = {d for i in incidents for d in i.documents}
    return Record(incidents=incidents, documents=[d for d in record.documents if d.id in wanted])


@dataclass(frozen=True)
class Snapshot:
    """The record at one store revision, with the look-ups the pages need."""

    revision: str
    record: Record
    index: DocumentIndex
    incidents: dict[str, Incident]
    documents: dict[str, Document]
    incidents_of: dict[str, list[str]]
    """Document id -> ids of the incidents it reports on."""

    @classmethod
    def of(cls, revision: str, record: Record) -> Snapshot:
        incidents_of: dict[str, list[str]] = {}
        for incident in record.incidents:
            for doc in incident.documents:
                incidents_of.setdefault(doc, []).append(incident.id)
        return cls(
            revision=revision,
            record=record,
            index=DocumentIndex.of(record),
            incidents={i.id: i for i in record.incidents},
            documents={d.id: d for d in record.documents},
            incidents_of=incidents_of,
        )

    def current_id(self, incident_id: str) -> str | None:
        """The id an incident has now: itself, or for an older id (incidents merge when a
        report links them) the incident that now holds the document the old id was named after.
        """
        if incident_id in self.incidents:
            return incident_id
        assignment = {doc: owners[0] for doc, owners in self.incidents_of.items() if owners}
        return resolve_incident(assignment, incident_id)

    def incident_record(self, incident_id: str) -> Record | None:
        """One incident with its documents, or None when there is no such incident."""
        incident = self.incidents.get(incident_id)
        if incident is None:
            return None
        docs = [self.documents[d] for d in incident.documents if d in self.documents]
        return Record(incidents=[incident], documents=docs)


class RecordCache:
    """The current ``Snapshot`` and a small memo of things derived from it (thread-safe)."""

    def __init__(self, builder: Callable[[Store], Record] = build) -> None:
        self._builder = builder
        self._build_lock = threading.Lock()
        self._memo_lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._memo: OrderedDict[tuple[str, str], Any] = OrderedDict()
        self.builds = 0
        """How many times a record was built (tests check that the cache works)."""

    def snapshot(self, store: Store) -> Snapshot:
        """The record for the store's current revision, building it only when it changed."""
        revision = store.revision()
        current = self._snapshot
        if current is not None and current.revision == revision:
            return current
        with self._build_lock:  # one build at a time; the others wait and reuse it
            current = self._snapshot
            if current is not None and current.revision == revision:
                return current
            fresh = Snapshot.of(revision, self._builder(store))
            self.builds += 1
            self._snapshot = fresh
        with self._memo_lock:
            for key in [k for k in self._memo if k[0] != revision]:
                del self._memo[key]
        return fresh

    def memo(self, snapshot: Snapshot, key: str, make: Callable[[], T]) -> T:
        """``make()`` computed once per revision and ``key`` (least recently used dropped)."""
        full = (snapshot.revision, key)
        with self._memo_lock:
            if full in self._memo:
                self._memo.move_to_end(full)
                value: T = self._memo[full]
                return value
        value = make()
        with self._memo_lock:
            self._memo[full] = value
            while len(self._memo) > MEMO_SIZE:
                self._memo.popitem(last=False)
        return value


def chart_svg(incident: Incident, documents: list[Document] | None = None) -> str | None:
    """The casualty chart of ``incident`` as SVG, or None (no figures, or charts unavailable)."""
    try:  # written alongside this app; the page simply has no chart until it exists
        module = importlib.import_module("incidentdesk.present.chart")
    except ImportError:
        return None
    make = getattr(module, "casualty_chart_svg", None)
    if make is None:
        return None
    try:
        svg = make(incident, documents)
    except Exception:  # a chart is a nicety: never let it break the page
        log.exception("casualty chart failed for %s", incident.id)
        return None
    if not isinstance(svg, str) or not svg.lstrip().startswith(("<svg", "<?xml")):
        return None
    return svg
