"""What the incident and evidence pages show, as plain data shared by the HTML and JSON routes.

Every value of an incident that has evidence gets a stable ``key`` for the current store
revision (``info-killed``, ``figure-3``, ``person-2`` ...); its evidence page lists the sentences it
was read from, highlighted in their document, with the attribution chain and the report time.
Nothing here escapes anything: the templates do (autoescape), the JSON encoder does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote

from incidentdesk.model import Evidence, Incident
from incidentdesk.present._views import (
    DASH,
    ConflictView,
    DocumentIndex,
    EvidenceView,
    FigureRow,
    InfoRow,
    _figure_sort_key,
    chain,
    conflict_rows,
    figure_rows,
    figure_text,
    incident_heading,
    infobox_rows,
    join,
    text_or_dash,
)

CONTEXT_CHARS = 320
"""Characters of the surrounding paragraph shown on each side of an evidence span."""


def incident_url(incident_id: str) -> str:
    return f"/incidents/{quote(incident_id, safe='')}"


def document_url(document_id: str, start: int | None = None, end: int | None = None) -> str:
    """The document page, with the span ``start:end`` highlighted when given."""
    url = f"/documents/{quote(document_id, safe='')}"
    if start is not None and end is not None:
        url += f"?hl={start}-{end}#hl"
    return url


def evidence_url(incident_id: str, key: str) -> str:
    return f"{incident_url(incident_id)}/evidence/{quote(key, safe='')}"


def _slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


@dataclass(frozen=True)
class EvidenceRef:
    """One evidence span, ready for a page: where it is, who said it, when, and a link."""

    document: str
    document_title: str
    start: int
    end: int
    text: str
    attributed_to: tuple[str, ...]
    reported_at: str | None

    @property
    def url(self) -> str:
        """The document page with this span highlighted."""
        return document_url(self.document, self.start, self.end)

    @property
    def chain(self) -> str:
        return chain(self.attributed_to)


@dataclass(frozen=True)
class Value:
    """A value shown on the incident page, with its evidence (possibly none)."""

    key: str
    section: str
    label: str
    value: str
    evidence: tuple[EvidenceRef, ...] = ()
    incident: str = ""
    note: str = ""
    """Shown after the value, not part of the link (why a figure was chosen)."""

    @property
    def href(self) -> str | None:
        """The evidence page of this value, or None when nothing supports it."""
        return evidence_url(self.incident, self.key) if self.evidence else None


def _refs(spans: tuple[EvidenceView, ...], raw: list[Evidence]) -> tuple[EvidenceRef, ...]:
    """Pair the format-neutral views (title, chain, time) with their offsets."""
    by_key = {(e.document, e.text): e for e in raw}
    refs: list[EvidenceRef] = []
    for view in spans:
        ev = by_key.get((view.document_id, view.quote))
        if ev is None:
            continue
        refs.append(
            EvidenceRef(
                document=ev.document,
                document_title=view.document_title,
                start=ev.start,
                end=ev.end,
                text=ev.text,
                attributed_to=view.attributed_to,
                reported_at=view.reported_at,
            )
        )
    return tuple(refs)


def _ref(index: DocumentIndex, ev: Evidence) -> EvidenceRef:
    view = index.evidence(ev)
    return EvidenceRef(
        document=ev.document,
        document_title=view.document_title,
        start=ev.start,
        end=ev.end,
        text=ev.text,
        attributed_to=view.attributed_to,
        reported_at=view.reported_at,
    )


def _spans(index: DocumentIndex, spans: list[Evidence]) -> tuple[EvidenceRef, ...]:
    seen: set[tuple[str, int, int]] = set()
    refs: list[EvidenceRef] = []
    for ev in spans:
        key = (ev.document, ev.start, ev.end)
        if key not in seen:
            seen.add(key)
            refs.append(_ref(index, ev))
    return tuple(refs)


@dataclass(frozen=True)
class FigureLine:
    """A row of the casualty history and the value behind its number."""

    row: FigureRow
    value: Value


@dataclass(frozen=True)
class TimelineLine:
    date: str
    time: str
    sources: str
    value: Value


@dataclass(frozen=True)
class PersonLine:
    aliases: str
    roles: str
    age: str
    nationality: str
    value: Value


@dataclass(frozen=True)
class ClaimLine:
    status: str
    asserted_by: str
    denied_by: str
    supported_by: str
    value: Value


@dataclass
class IncidentPage:
    """Everything the incident page shows, and every value by key."""

    id: str
    heading: str
    infobox: list[Value]
    figures: list[FigureLine]
    timeline: list[TimelineLine]
    people: list[PersonLine]
    claims: list[ClaimLine]
    conflicts: list[ConflictView]
    values: dict[str, Value] = field(default_factory=dict)


def _infobox_value(incident: Incident, index: DocumentIndex, row: InfoRow) -> Value:
    raw: list[Evidence] = []
    for spans in incident.evidence.values():
        raw.extend(spans)
    for figure in (incident.killed, incident.injured):
        if figure is not None:
            raw.extend(figure.evidence)
    raw.extend(incident.perpetrators.evidence)
    value, note = row.value, ""
    figure = {"Killed": incident.killed, "Injured": incident.injured}.get(row.label)
    if figure is not None:
        value, note = figure_text(figure), f"basis: {figure.basis}" if figure.basis else ""
    return Value(
        key=f"info-{_slug(row.label)}",
        section="infobox",
        label=row.label,
        value=value,
        evidence=_refs(row.evidence, raw),
        incident=incident.id,
        note=note,
    )


def incident_page(incident: Incident, index: DocumentIndex) -> IncidentPage:
    """The incident page's content; ``values`` indexes every value by its key."""
    iid = incident.id
    infobox = [_infobox_value(incident, index, row) for row in infobox_rows(incident, index)]
    figures: list[FigureLine] = []
    reports = sorted(incident.figures, key=_figure_sort_key)  # the order figure_rows uses
    for n, (report, row) in enumerate(zip(reports, figure_rows(incident, index), strict=True), 1):
        evidence = (_ref(index, report.evidence),)
        figures.append(
            FigureLine(
                row=row,
                value=Value(
                    key=f"figure-{n}",
                    section="figures",
                    label=f"{row.kind} ({row.scope}) as reported by {row.document_title}",
                    value=row.value if row.qualifier == "exact" else f"{row.qualifier} {row.value}",
                    evidence=evidence,
                    incident=iid,
                ),
            )
        )
    timeline = [
        TimelineLine(
            date=text_or_dash(item.date),
            time=text_or_dash(item.time),
            sources=join(sorted({index.title(d) for d in item.documents}), sep="; "),
            value=Value(
                key=f"timeline-{n}",
                section="timeline",
                label=f"Event on {text_or_dash(item.date)}",
                value=item.text,
                evidence=_spans(index, item.evidence),
                incident=iid,
            ),
        )
        for n, item in enumerate(incident.timeline, start=1)
    ]
    people = [
        PersonLine(
            aliases=join(p.aliases),
            roles=join(p.roles),
            age=str(p.age) if p.age is not None else DASH,
            nationality=text_or_dash(p.nationality),
            value=Value(
                key=f"person-{n}",
                section="people",
                label="Person",
                value=p.name,
                evidence=_spans(index, p.evidence),
                incident=iid,
            ),
        )
        for n, p in enumerate(incident.people, start=1)
    ]
    claims = [
        ClaimLine(
            status=c.status,
            asserted_by=join(c.asserted_by),
            denied_by=join(c.denied_by),
            supported_by=join(c.supported_by),
            value=Value(
                key=f"claim-{n}",
                section="claims",
                label="Claim",
                value=c.claim,
                evidence=_spans(index, c.evidence),
                incident=iid,
            ),
        )
        for n, c in enumerate(incident.claims, start=1)
    ]
    conflicts = conflict_rows(incident, index)
    page = IncidentPage(
        id=iid,
        heading=incident_heading(incident),
        infobox=infobox,
        figures=figures,
        timeline=timeline,
        people=people,
        claims=claims,
        conflicts=conflicts,
    )
    every = [
        *infobox,
        *(f.value for f in figures),
        *(t.value for t in timeline),
        *(p.value for p in people),
        *(c.value for c in claims),
    ]
    page.values = {v.key: v for v in every}
    return page


@dataclass(frozen=True)
class Excerpt:
    """An evidence span inside its paragraph: ``before`` + ``marked`` + ``after``."""

    evidence: EvidenceRef
    before: str
    marked: str
    after: str
    found: bool
    """False when the stored text no longer matches the span (then only the quote is shown)."""


def excerpt(text: str, ev: EvidenceRef, context: int = CONTEXT_CHARS) -> Excerpt:
    """The paragraph around ``ev`` (at most ``context`` characters each side), span marked."""
    if not (0 <= ev.start <= ev.end <= len(text)) or text[ev.start : ev.end] != ev.text:
        return Excerpt(evidence=ev, before="", marked=ev.text, after="", found=False)
    para_start = text.rfind("\n", 0, ev.start) + 1
    para_end = text.find("\n", ev.end)
    para_end = len(text) if para_end < 0 else para_end
    lo = max(para_start, ev.start - context)
    hi = min(para_end, ev.end + context)
    if lo > para_start:  # start and end on a word boundary when cutting
        space = text.find(" ", lo, ev.start)
        lo = space + 1 if space >= 0 else lo
    if hi < para_end:
        space = text.rfind(" ", ev.end, hi)
        hi = space if space > ev.end else hi
    before = ("…" if lo > para_start else "") + text[lo : ev.start]
    after = text[ev.end : hi] + ("…" if hi < para_end else "")
    return Excerpt(
        evidence=ev, before=before, marked=text[ev.start : ev.end], after=after, found=True
    )
