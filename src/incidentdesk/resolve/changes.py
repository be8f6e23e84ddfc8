"""The change feed: per incident, what is new or different since a point in time.

The record as it stood at ``since`` is rebuilt from what was stored before then (documents,
facts, links and corrections all carry their storage time), and compared with the record now.
An incident now is matched to the incident then that shares most of its documents; an incident
with no earlier documents is new.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from incidentdesk.model import Evidence, Figure, FigureReport, Incident, Record
from incidentdesk.resolve.record import build_record
from incidentdesk.store import Store


class ValueChange(BaseModel):
    """A headline value that changed: what it was, what it is, and who says so now."""

    field: str
    before: Any
    after: Any
    sources: list[str] = []
    evidence: list[Evidence] = []


class IncidentChanges(BaseModel):
    """Everything new or different in one incident since the cut-off."""

    incident: str
    title: str | None
    new_incident: bool
    previous_ids: list[str] = []
    new_documents: list[str] = []
    new_figures: list[FigureReport] = []
    changed: list[ValueChange] = []
    new_people: list[str] = []
    new_claims: list[str] = []
    new_timeline: list[str] = []

    @property
    def empty(self) -> bool:
        """True when nothing changed."""
        return not (
            self.new_incident
            or self.new_documents
            or self.new_figures
            or self.changed
            or self.new_people
            or self.new_claims
            or self.new_timeline
        )


class ChangeFeed(BaseModel):
    """The feed: the cut-off and the incidents that changed."""

    since: str
    incidents: list[IncidentChanges]


def _figure_key(r: FigureReport) -> tuple[Any, ...]:
    return (r.kind, r.value, r.qualifier, r.scope, r.document, r.evidence.start)


def _figure_value(f: Figure | None) -> str | None:
    if f is None:
        return None
    return str(f.value) if f.qualifier == "exact" else f"{f.qualifier} {f.value}"


def _scalars(inc: Incident) -> dict[str, Any]:
    loc = inc.location
    return {
        "date": inc.date,
        "time": inc.time,
        "location": ", ".join(x for x in (loc.venue, loc.city, loc.region, loc.country) if x)
        or None,
        "attack_types": inc.attack_types,
        "weapons": inc.weapons,
        "perpetrators": inc.perpetrators.organizations,
        "claimed_by": inc.claimed_by,
        "attackers": inc.perpetrators.count,
    }


def _match(now: Incident, before: Record) -> list[Incident]:
    """The earlier incidents that held documents of ``now``, most shared first."""
    docs = set(now.documents)
    shared = [(len(docs & set(b.documents)), b) for b in before.incidents]
    return [b for n, b in sorted(shared, key=lambda x: (-x[0], x[1].id)) if n]


def incident_changes(now: Incident, previous: list[Incident]) -> IncidentChanges:
    """What ``now`` has that its earlier versions (``previous``, best match first) had not."""
    out = IncidentChanges(
        incident=now.id,
        title=now.title,
        new_incident=not previous,
        previous_ids=[p.id for p in previous],
    )
    old_docs = {d for p in previous for d in p.documents}
    out.new_documents = [d for d in now.documents if d not in old_docs]
    old_figures = {_figure_key(r) for p in previous for r in p.figures}
    out.new_figures = [r for r in now.figures if _figure_key(r) not in old_figures]
    old_names = {n.lower() for p in previous for per in p.people for n in [per.name, *per.aliases]}
    out.new_people = [
        p.name for p in now.people if not {n.lower() for n in [p.name, *p.aliases]} & old_names
    ]
    old_claims = {c.claim for p in previous for c in p.claims}
    out.new_claims = [c.claim for c in now.claims if c.claim not in old_claims]
    old_events = {(t.date, t.text) for p in previous for t in p.timeline}
    out.new_timeline = [
        f"{t.date or 'undated'}: {t.text}"
        for t in now.timeline
        if (t.date, t.text) not in old_events
    ]
    if previous:
        main = previous[0]
        for kind in ("killed", "injured"):
            before_fig: Figure | None = getattr(main, kind)
            after_fig: Figure | None = getattr(now, kind)
            if _figure_value(before_fig) != _figure_value(after_fig):
                out.changed.append(
                    ValueChange(
                        field=kind,
                        before=_figure_value(before_fig),
                        after=_figure_value(after_fig),
                        sources=after_fig.sources if after_fig else [],
                        evidence=after_fig.evidence if after_fig else [],
                    )
                )
        old_scalars = _scalars(main)
        for field, value in _scalars(now).items():
            if value != old_scalars[field]:
                out.changed.append(
                    ValueChange(
                        field=field,
                        before=old_scalars[field],
                        after=value,
                        evidence=now.evidence.get(field, []),
                    )
                )
    return out


def change_feed(store: Store, since: str) -> ChangeFeed:
    """Per incident, what is new or different since ``since`` (ISO 8601, naive = UTC)."""
    before = build_record(store, as_of=since)
    now = build_record(store)
    changes = [incident_changes(inc, _match(inc, before)) for inc in now.incidents]
    return ChangeFeed(since=since, incidents=[c for c in changes if not c.empty])
