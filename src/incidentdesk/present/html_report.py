"""The incident record as one self-contained HTML page.

The page is rendered from ``templates/report.html.j2`` with autoescaping on, carries its CSS
inline, loads nothing and runs nothing: a Content-Security-Policy meta element forbids every
resource except inline styles and ``data:`` images. Each value opens (``<details>``) onto the
sentences it was read from, with the document, the attribution chain and the report time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template
from markupsafe import Markup

from incidentdesk.model import Incident, Record
from incidentdesk.present._views import (
    DASH,
    ConflictView,
    DocumentIndex,
    EvidenceView,
    FigureRow,
    InfoRow,
    chain,
    conflict_rows,
    figure_rows,
    incident_heading,
    infobox_rows,
    join,
    text_or_dash,
)

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
"""The page's Content-Security-Policy: inline styles and data: images, nothing else."""

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class TimelineView:
    """A timeline item with its sources' titles and evidence."""

    date: str
    time: str
    text: str
    sources: str
    evidence: tuple[EvidenceView, ...]


@dataclass(frozen=True)
class PersonView:
    """A person of the incident in words, with evidence."""

    name: str
    aliases: str
    roles: str
    age: str
    nationality: str
    evidence: tuple[EvidenceView, ...]


@dataclass(frozen=True)
class ClaimView:
    """A claim, who asserted, denied or supported it, and its evidence."""

    claim: str
    status: str
    asserted_by: str
    denied_by: str
    supported_by: str
    evidence: tuple[EvidenceView, ...]


@dataclass(frozen=True)
class DocumentView:
    """One document of the record, every attribute as text."""

    id: str
    title: str
    kind: str
    publisher: str
    author: str
    published: str
    reported_at: str
    source: str
    url: str


@dataclass(frozen=True)
class IncidentView:
    """Everything the template shows about one incident."""

    id: str
    heading: str
    infobox: list[InfoRow]
    figures: list[FigureRow]
    timeline: list[TimelineView]
    people: list[PersonView]
    claims: list[ClaimView]
    conflicts: list[ConflictView]
    chart: Markup | None


def svg_markup(svg: str | None) -> Markup | None:
    """``svg`` as trusted markup if it is an SVG element (our own charts), else ``None``.

    Anything that does not start with ``<svg`` (after leading whitespace) is dropped rather
    than inserted, so a stray error message or HTML fragment never reaches the page as markup.
    """
    if svg is None:
        return None
    stripped = svg.lstrip()
    if not stripped.startswith("<svg"):
        return None
    return Markup(stripped)  # trusted: produced by incidentdesk's own chart code


def _incident_view(
    incident: Incident, index: DocumentIndex, chart_svgs: dict[str, str]
) -> IncidentView:
    return IncidentView(
        id=incident.id,
        heading=incident_heading(incident),
        infobox=infobox_rows(incident, index),
        figures=figure_rows(incident, index),
        timeline=[
            TimelineView(
                date=text_or_dash(item.date),
                time=text_or_dash(item.time),
                text=item.text,
                sources=join(sorted({index.title(d) for d in item.documents}), sep="; "),
                evidence=index.evidences(item.evidence),
            )
            for item in incident.timeline
        ],
        people=[
            PersonView(
                name=p.name,
                aliases=join(p.aliases),
                roles=join(p.roles),
                age=str(p.age) if p.age is not None else DASH,
                nationality=text_or_dash(p.nationality),
                evidence=index.evidences(p.evidence),
            )
            for p in incident.people
        ],
        claims=[
            ClaimView(
                claim=c.claim,
                status=c.status,
                asserted_by=join(c.asserted_by),
                denied_by=join(c.denied_by),
                supported_by=join(c.supported_by),
                evidence=index.evidences(c.evidence),
            )
            for c in incident.claims
        ],
        conflicts=conflict_rows(incident, index),
        chart=svg_markup(chart_svgs.get(incident.id)),
    )


def _document_views(record: Record) -> list[DocumentView]:
    views: list[DocumentView] = []
    for d in record.documents:
        reported = DASH
        if d.reported_at:
            reported = d.reported_at
            if d.reported_at_basis:
                reported += f" ({d.reported_at_basis})"
        views.append(
            DocumentView(
                id=d.id,
                title=text_or_dash(d.title),
                kind=d.kind,
                publisher=text_or_dash(d.publisher),
                author=text_or_dash(d.author),
                published=text_or_dash(d.published),
                reported_at=reported,
                source=text_or_dash(d.source),
                url=text_or_dash(d.url),
            )
        )
    return views


@lru_cache(maxsize=1)
def _template() -> Template:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["chain"] = chain
    env.globals["dash"] = DASH
    return env.get_template("report.html.j2")


def to_html(record: Record, chart_svgs: dict[str, str] | None = None) -> str:
    """Render ``record`` as a self-contained HTML page.

    ``chart_svgs`` maps an incident id to an SVG chart (from incidentdesk's own chart code) to
    embed in that incident's section; values that are not an ``<svg`` element are ignored.
    """
    index = DocumentIndex.of(record)
    charts = chart_svgs or {}
    incidents = [_incident_view(i, index, charts) for i in record.incidents]
    if len(incidents) == 1:
        page_title = f"Incident record: {incidents[0].heading}"
    else:
        page_title = "Incident record"
    return _template().render(
        csp=CSP,
        page_title=page_title,
        incidents=incidents,
        documents=_document_views(record),
    )
