"""Build incident records from stored facts: a deterministic view, nothing overwritten."""

from __future__ import annotations

from collections import Counter, defaultdict

from incidentdesk.model import (
    Conflict,
    Document,
    Evidence,
    Fact,
    Incident,
    Location,
    Perpetrators,
    Record,
)
from incidentdesk.resolve import incidents
from incidentdesk.resolve.claims import build_claims
from incidentdesk.resolve.figures import best_figure, figure_conflicts, figure_reports
from incidentdesk.resolve.organisations import resolve_organisations
from incidentdesk.resolve.people import resolve_people
from incidentdesk.resolve.timeline import build_timeline
from incidentdesk.store import Store
from incidentdesk.store.repository import normalize_timestamp

INFOBOX_WEIGHT = 3


def _vote(facts: list[Fact], field: str) -> tuple[str | None, list[Fact]]:
    """The value with most weight (infobox counts triple) and the facts that state it."""
    scores: Counter[str] = Counter()
    by_value: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.field != field or f.refers_to != "main":
            continue
        value = str(f.value)
        scores[value] += INFOBOX_WEIGHT if f.extractor == "infobox" else 1
        by_value[value].append(f)
    if not scores:
        return None, []
    best = max(scores, key=lambda v: (scores[v], -min(x.evidence.start for x in by_value[v])))
    return best, by_value[best]


def _labels(facts: list[Fact], field: str) -> tuple[list[str], list[Evidence]]:
    """Labels from the infobox, or stated in at least two sentences of the text."""
    counts: Counter[str] = Counter()
    evidence: list[Evidence] = []
    infobox = {str(f.value) for f in facts if f.field == field and f.extractor == "infobox"}
    for f in facts:
        if f.field == field and f.refers_to == "main":
            counts[str(f.value)] += 1
            evidence.append(f.evidence)
    labels = sorted(v for v in counts if v in infobox or counts[v] >= 2)
    return labels, evidence


def _organisations(facts: list[Fact], field: str) -> list[str]:
    """Organisation names merged across spellings and acronyms (``resolve.organisations``)."""
    names = [str(f.value) for f in facts if f.field == field and f.refers_to == "main"]
    return [group.name for group in resolve_organisations(names)]


def _attackers(facts: list[Fact]) -> int | None:
    value, _ = _vote(facts, "attackers")
    return int(value) if value is not None else None


def build_incident(
    documents: list[Document], facts: list[Fact], incident_id: str | None = None
) -> Incident:
    """One incident from the facts of its documents (id: ``incidents.incident_id`` by default)."""
    doc_ids = [d.id for d in documents]
    evidence: dict[str, list[Evidence]] = {}

    def pick(field: str) -> str | None:
        value, support = _vote(facts, field)
        if support:
            evidence[field] = [f.evidence for f in support]
        return value

    reports = figure_reports(facts)
    conflicts: list[Conflict] = figure_conflicts(reports, documents)
    dates = {str(f.value) for f in facts if f.field == "date" and f.refers_to == "main"}
    if len(dates) > 1:
        conflicts.append(
            Conflict(
                field="date",
                values=sorted(dates),
                documents=sorted({f.document for f in facts if f.field == "date"}),
                note="the documents give different dates for the incident",
            )
        )
    title = pick("title")
    if title is None:
        enc = [d.title for d in documents if d.kind == "encyclopedia" and d.title]
        titled = enc or [d.title for d in documents if d.title]
        title = titled[0] if titled else None
    attack_types, at_ev = _labels(facts, "attack_type")
    weapons, w_ev = _labels(facts, "weapon")
    targets, t_ev = _labels(facts, "target")
    evidence.update({"attack_types": at_ev, "weapons": w_ev, "targets": t_ev})
    people = resolve_people(facts)
    perp_orgs = _organisations(facts, "perpetrator_org")
    claimed = _organisations(facts, "claimed_by")
    perpetrators = Perpetrators(
        organizations=perp_orgs,
        people=[p.name for p in people if "suspect" in p.roles],
        count=_attackers(facts),
        evidence=[f.evidence for f in facts if f.field in ("perpetrator_org", "attackers")],
    )
    return Incident(
        id=incident_id or incidents.incident_id(doc_ids),
        title=title,
        documents=doc_ids,
        date=pick("date"),
        time=pick("time"),
        timezone=pick("timezone"),
        location=Location(
            venue=pick("venue"), city=pick("city"), region=pick("region"), country=pick("country")
        ),
        attack_types=attack_types,
        weapons=weapons,
        targets=targets,
        killed=best_figure(reports, "killed", documents),
        injured=best_figure(reports, "injured", documents),
        figures=reports,
        perpetrators=perpetrators,
        claimed_by=claimed,
        people=people,
        timeline=build_timeline(facts),
        claims=build_claims(facts),
        conflicts=conflicts,
        evidence=evidence,
    )


def _with_report_time(doc: Document, facts: list[Fact]) -> Document:
    if doc.reported_at:
        return doc
    inferred = next((f for f in facts if f.field == "reported_at" and f.document == doc.id), None)
    if inferred is None:
        return doc
    basis = (
        "inferred: no publication time stated; no earlier than the latest date the text mentions"
        if inferred.reported_at_inferred
        else "stated"
    )
    return doc.model_copy(update={"reported_at": str(inferred.value), "reported_at_basis": basis})


def _document_order(doc: Document) -> tuple[str, str]:
    return (doc.reported_at or "", doc.id)


def assign_incidents(store: Store, as_of: str | None = None) -> dict[str, str]:
    """Document id -> incident id: the stored links with the analysts' corrections on top."""
    return _Snapshot.load(store, as_of).assignment()


class _Snapshot:
    """What the store held (before ``as_of``, when given): documents, facts, links."""

    def __init__(
        self, documents: list[Document], facts: list[Fact], links: list[tuple[str, str, float]]
    ) -> None:
        self.documents = documents
        self.facts = facts
        self.links = links

    @classmethod
    def load(cls, store: Store, as_of: str | None = None) -> _Snapshot:
        documents = store.documents()
        facts = store.facts()
        if as_of is not None:
            cutoff = normalize_timestamp(as_of)
            doc_times = store.document_times()
            fact_times = store.fact_times()
            documents = [d for d in documents if doc_times[d.id] < cutoff]
            kept = {d.id for d in documents}
            facts = [f for f in facts if f.document in kept and fact_times[f.id] < cutoff]
        kept = {d.id for d in documents}
        links = [(a, b, s) for a, b, s in store.links() if a in kept and b in kept]
        return cls(documents, facts, links)

    def assignment(self) -> dict[str, str]:
        corrections = incidents.corrections_of(f for f in self.facts if f.field == "correction")
        return incidents.assign([d.id for d in self.documents], self.links, corrections)


def build_record(store: Store, incident_id: str | None = None, as_of: str | None = None) -> Record:
    """Every incident the stored facts describe (or just ``incident_id``), with its documents.

    ``as_of`` (ISO 8601, naive = UTC) builds the record from what was stored before that time.
    The result depends only on what is stored, not on the order it was ingested in: documents are
    ordered by report time then id, facts by document then position. ``KeyError`` if
    ``incident_id`` names no incident (an older id of a merged incident still finds it).
    """
    snap = _Snapshot.load(store, as_of)
    assignment = snap.assignment()
    parts = incidents.groups(assignment)
    if incident_id is not None:
        current = incidents.resolve_incident(assignment, incident_id)
        if current is None:
            raise KeyError(incident_id)
        parts = {current: parts[current]}
    wanted = {doc for members in parts.values() for doc in members}
    by_doc: dict[str, list[Fact]] = defaultdict(list)
    for f in snap.facts:
        if f.document in wanted and f.field != "correction":
            by_doc[f.document].append(f)
    for doc_facts in by_doc.values():
        doc_facts.sort(key=lambda f: (f.evidence.start, f.evidence.end, f.field, f.id))
    documents = sorted(
        (_with_report_time(d, by_doc[d.id]) for d in snap.documents if d.id in wanted),
        key=_document_order,
    )
    by_id = {d.id: d for d in documents}
    built = []
    for inc, members in parts.items():
        docs = sorted((by_id[m] for m in members), key=_document_order)
        group_facts = [f for d in docs for f in by_doc[d.id]]
        built.append(build_incident(docs, group_facts, inc))
    built.sort(key=lambda i: (i.date or "9999", i.id))
    return Record(incidents=built, documents=documents)
