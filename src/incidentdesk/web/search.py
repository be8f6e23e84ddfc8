"""The incident list: full-text search over the documents, filters by date, country, attack type."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from incidentdesk.model import Incident
from incidentdesk.present._views import figure_text, join, location_text, text_or_dash
from incidentdesk.store import Store
from incidentdesk.web.records import Snapshot
from incidentdesk.web.views import incident_url

SEARCH_LIMIT = 5000
"""Most matching documents the full-text search returns before incidents are picked."""


@dataclass(frozen=True)
class IncidentFilter:
    """What the reader asked for; every part is optional."""

    q: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    country: str | None = None
    attack_type: str | None = None

    @property
    def active(self) -> bool:
        return any((self.q, self.date_from, self.date_to, self.country, self.attack_type))


class IncidentSummary(BaseModel):
    """One line of the incident list (the page and the JSON API)."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    date: str | None
    location: str
    country: str | None
    attack_types: list[str]
    killed: str
    injured: str
    documents: int
    conflicts: int
    url: str = Field(description="The incident page.")


@dataclass(frozen=True)
class Facets:
    """The values the filters offer (from every incident, not just the matching ones)."""

    countries: list[str]
    attack_types: list[str]


def _incident_date(incident: Incident) -> dt.date | None:
    if not incident.date:
        return None
    try:
        return dt.date.fromisoformat(incident.date[:10])
    except ValueError:
        return None


def matching(snapshot: Snapshot, store: Store, f: IncidentFilter) -> list[Incident]:
    """Incidents that meet every part of ``f``, in record order.

    ``q`` searches the documents' titles and text (SQLite FTS5; other databases use the store's
    fallback) and keeps the incidents those documents report on, or the incident with that id.
    """
    incidents = list(snapshot.record.incidents)
    if f.q and f.q.strip():
        hits = set(store.search(f.q, limit=SEARCH_LIMIT))
        needle = f.q.strip().lower()
        incidents = [
            i for i in incidents if i.id.lower() == needle or any(d in hits for d in i.documents)
        ]
    if f.date_from or f.date_to:
        kept: list[Incident] = []
        for incident in incidents:
            day = _incident_date(incident)
            if day is None:
                continue
            if f.date_from and day < f.date_from:
                continue
            if f.date_to and day > f.date_to:
                continue
            kept.append(incident)
        incidents = kept
    if f.country:
        wanted = f.country.strip().casefold()
        incidents = [i for i in incidents if (i.location.country or "").casefold() == wanted]
    if f.attack_type:
        wanted = f.attack_type.strip().casefold()
        incidents = [i for i in incidents if wanted in {a.casefold() for a in i.attack_types}]
    return incidents


def summary(incident: Incident) -> IncidentSummary:
    """The list line of an incident."""
    return IncidentSummary(
        id=incident.id,
        title=text_or_dash(incident.title or incident.id),
        date=incident.date,
        location=location_text(incident.location),
        country=incident.location.country,
        attack_types=list(incident.attack_types),
        killed=figure_text(incident.killed),
        injured=figure_text(incident.injured),
        documents=len(incident.documents),
        conflicts=len(incident.conflicts),
        url=incident_url(incident.id),
    )


def facets(snapshot: Snapshot) -> Facets:
    """Every country and attack type of the stored incidents, sorted."""
    countries = {i.location.country for i in snapshot.record.incidents if i.location.country}
    types = {a for i in snapshot.record.incidents for a in i.attack_types}
    return Facets(countries=sorted(countries), attack_types=sorted(types))


def attack_types_text(summary: IncidentSummary) -> str:
    return join(summary.attack_types)
