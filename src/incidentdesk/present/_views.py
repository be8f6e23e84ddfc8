"""Plain, format-neutral views of a ``Record`` shared by the Markdown, HTML and terminal renderers.

Everything here is a pure function of the record: it turns figures, locations and evidence into
short strings and small dataclasses, so that each renderer only decides how to lay them out and
how to escape them. Nothing here escapes anything; that is the renderer's job.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from incidentdesk.model import (
    Document,
    Evidence,
    Figure,
    FigureReport,
    Incident,
    Location,
    Perpetrators,
    Record,
)

DASH = "—"
"""Shown for a value that is unknown or empty."""

_KIND_ORDER = {"killed": 0, "injured": 1, "missing": 2, "detained": 3, "hostages": 4}


@dataclass(frozen=True)
class EvidenceView:
    """One evidence span with what a reader needs to judge it."""

    quote: str
    document_id: str
    document_title: str
    attributed_to: tuple[str, ...] = ()
    reported_at: str | None = None


@dataclass(frozen=True)
class InfoRow:
    """One line of the incident infobox: a label, the value in words and its evidence."""

    label: str
    value: str
    evidence: tuple[EvidenceView, ...] = ()


@dataclass(frozen=True)
class FigureRow:
    """One row of the casualty history: a ``FigureReport`` made readable."""

    kind: str
    value: str
    qualifier: str
    scope: str
    reported_at: str
    document_title: str
    attributed_to: str
    hedged: str
    includes_perpetrators: str
    evidence: EvidenceView


@dataclass
class DocumentIndex:
    """Look up documents of a record by id, and the report context of evidence spans."""

    documents: dict[str, Document] = field(default_factory=dict)
    reports: dict[tuple[str, int, int], FigureReport] = field(default_factory=dict)

    @classmethod
    def of(cls, record: Record) -> DocumentIndex:
        """Index the documents of ``record`` and the figure reports of all its incidents."""
        index = cls(documents={d.id: d for d in record.documents})
        for incident in record.incidents:
            for report in incident.figures:
                ev = report.evidence
                index.reports.setdefault((ev.document, ev.start, ev.end), report)
        return index

    def title(self, document_id: str) -> str:
        """The document's title, else its source, else its id."""
        doc = self.documents.get(document_id)
        if doc is None:
            return document_id
        return doc.title or doc.source or doc.id

    def reported_at(self, document_id: str) -> str | None:
        """When the document was reported (``reported_at``, else ``published``), if known."""
        doc = self.documents.get(document_id)
        if doc is None:
            return None
        return doc.reported_at or doc.published

    def evidence(self, ev: Evidence) -> EvidenceView:
        """The evidence span with its document title, attribution and report time.

        When the span is the evidence of a figure report, the report's attribution chain and
        report time are used; otherwise the attribution is unknown and the report time is the
        document's.
        """
        report = self.reports.get((ev.document, ev.start, ev.end))
        if report is not None:
            return EvidenceView(
                quote=ev.text,
                document_id=ev.document,
                document_title=self.title(ev.document),
                attributed_to=tuple(report.attributed_to),
                reported_at=report.reported_at or self.reported_at(ev.document),
            )
        return EvidenceView(
            quote=ev.text,
            document_id=ev.document,
            document_title=self.title(ev.document),
            reported_at=self.reported_at(ev.document),
        )

    def evidences(self, spans: Iterable[Evidence]) -> tuple[EvidenceView, ...]:
        """``evidence`` for each span, without repeating the same span twice."""
        seen: set[tuple[str, int, int]] = set()
        views: list[EvidenceView] = []
        for ev in spans:
            key = (ev.document, ev.start, ev.end)
            if key in seen:
                continue
            seen.add(key)
            views.append(self.evidence(ev))
        return tuple(views)


# --------------------------------------------------------------------------- words


def text_or_dash(value: str | None) -> str:
    """``value`` itself, or a dash when it is missing or blank."""
    return value if value and value.strip() else DASH


def join(values: Sequence[str], sep: str = ", ") -> str:
    """Join non-blank strings, or a dash when there are none."""
    kept = [v for v in values if v and v.strip()]
    return sep.join(kept) if kept else DASH


def chain(attributed_to: Sequence[str]) -> str:
    """An attribution chain in words, outermost source first: ``A, citing B``."""
    return join(attributed_to, sep=", citing ")


def qualified(value: int, qualifier: str) -> str:
    """``at least 12``; an exact value is just the number."""
    return str(value) if qualifier == "exact" else f"{qualifier} {value}"


def figure_text(figure: Figure | None) -> str:
    """The best figure in words, with its "as of" date: ``at least 12 (as of 2031-05-15)``."""
    if figure is None:
        return DASH
    text = qualified(figure.value, figure.qualifier)
    if figure.as_of:
        text += f" (as of {figure.as_of})"
    return text


def figure_with_basis(figure: Figure | None) -> str:
    """``figure_text`` followed by the reason the value was chosen."""
    if figure is None:
        return DASH
    text = figure_text(figure)
    return f"{text}; basis: {figure.basis}" if figure.basis else text


def location_text(location: Location) -> str:
    """Venue, city, region and country, most specific first; coordinates when given."""
    parts = [location.venue, location.city, location.region, location.country]
    text = join([p for p in parts if p])
    if location.coordinates:
        coords = ", ".join(f"{c:g}" for c in location.coordinates)
        text = f"{text} ({coords})" if text != DASH else f"({coords})"
    return text


def perpetrators_text(perpetrators: Perpetrators) -> str:
    """Organisations, people and the number of attackers in one line."""
    parts: list[str] = []
    if perpetrators.organizations:
        parts.append("organisations: " + ", ".join(perpetrators.organizations))
    if perpetrators.people:
        parts.append("people: " + ", ".join(perpetrators.people))
    if perpetrators.count is not None:
        parts.append(f"attackers: {perpetrators.count}")
    return "; ".join(parts) if parts else DASH


def value_text(value: Any) -> str:
    """Any JSON-like value (as found in conflicts) as a short string."""
    if value is None:
        return DASH
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {value_text(v)}" for k, v in value.items()) or DASH
    if isinstance(value, list | tuple):
        return "; ".join(value_text(v) for v in value) or DASH
    return str(value)


def yes_no(value: bool | None) -> str:
    """``yes``, ``no`` or a dash for unknown."""
    if value is None:
        return DASH
    return "yes" if value else "no"


def incident_heading(incident: Incident) -> str:
    """The incident's title, else its id."""
    return incident.title or incident.id


# --------------------------------------------------------------------------- rows


def _scalar_evidence(incident: Incident, *keys: str) -> list[Evidence]:
    spans: list[Evidence] = []
    for key in keys:
        spans.extend(incident.evidence.get(key, []))
    return spans


def infobox_rows(incident: Incident, index: DocumentIndex) -> list[InfoRow]:
    """The infobox of an incident, one ``InfoRow`` per field, with evidence where stored."""

    def row(label: str, value: str, spans: Iterable[Evidence] = ()) -> InfoRow:
        return InfoRow(label=label, value=value, evidence=index.evidences(spans))

    killed, injured = incident.killed, incident.injured
    return [
        row("Date", text_or_dash(incident.date), _scalar_evidence(incident, "date")),
        row("Time", text_or_dash(incident.time), _scalar_evidence(incident, "time")),
        row("Time zone", text_or_dash(incident.timezone), _scalar_evidence(incident, "timezone")),
        row(
            "Location",
            location_text(incident.location),
            _scalar_evidence(incident, "location", "venue", "city", "region", "country"),
        ),
        row(
            "Attack types",
            join(incident.attack_types),
            _scalar_evidence(incident, "attack_types", "attack_type"),
        ),
        row("Weapons", join(incident.weapons), _scalar_evidence(incident, "weapons", "weapon")),
        row("Targets", join(incident.targets), _scalar_evidence(incident, "targets", "target")),
        row("Killed", figure_with_basis(killed), killed.evidence if killed else []),
        row("Injured", figure_with_basis(injured), injured.evidence if injured else []),
        row(
            "Perpetrators",
            perpetrators_text(incident.perpetrators),
            [
                *incident.perpetrators.evidence,
                *_scalar_evidence(
                    incident, "perpetrators", "perpetrator_org", "perpetrator_person", "attackers"
                ),
            ],
        ),
        row("Claimed by", join(incident.claimed_by), _scalar_evidence(incident, "claimed_by")),
    ]


def _figure_sort_key(report: FigureReport) -> tuple[int, str, int, str, str, int]:
    return (
        _KIND_ORDER.get(report.kind, len(_KIND_ORDER)),
        report.kind,
        0 if report.reported_at else 1,
        report.reported_at or "",
        report.document,
        report.evidence.start,
    )


def figure_rows(incident: Incident, index: DocumentIndex) -> list[FigureRow]:
    """Every figure report of the incident, by kind (killed first) then by report time."""
    rows: list[FigureRow] = []
    for report in sorted(incident.figures, key=_figure_sort_key):
        reported = report.reported_at or DASH
        if report.reported_at and report.reported_at_inferred:
            reported += " (inferred)"
        rows.append(
            FigureRow(
                kind=report.kind,
                value=str(report.value),
                qualifier=report.qualifier,
                scope=report.scope,
                reported_at=reported,
                document_title=index.title(report.document),
                attributed_to=chain(report.attributed_to),
                hedged=yes_no(report.hedged),
                includes_perpetrators=yes_no(report.includes_perpetrators),
                evidence=index.evidence(report.evidence),
            )
        )
    return rows


@dataclass(frozen=True)
class ConflictView:
    """A disagreement between sources, in words."""

    field: str
    values: str
    documents: str
    note: str


def conflict_rows(incident: Incident, index: DocumentIndex) -> list[ConflictView]:
    """The incident's conflicts in words: values, the documents that disagree, the note."""
    return [
        ConflictView(
            field=c.field,
            values="; ".join(value_text(v) for v in c.values) or DASH,
            documents=join([index.title(d) for d in c.documents], sep="; "),
            note=text_or_dash(c.note),
        )
        for c in incident.conflicts
    ]
