"""Build incident records from stored facts: a deterministic view, nothing overwritten."""

from __future__ import annotations

import re
import unicodedata
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
from incidentdesk.resolve.claims import build_claims
from incidentdesk.resolve.figures import best_figure, figure_conflicts, figure_reports
from incidentdesk.resolve.grouping import group_documents
from incidentdesk.resolve.people import resolve_people
from incidentdesk.resolve.timeline import build_timeline
from incidentdesk.store import Store

INFOBOX_WEIGHT = 3


def _norm(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).replace("–", "-").replace("—", "-")
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


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
    """Organisation names merged across spellings and acronyms (the longest form is kept)."""
    groups: list[list[str]] = []
    for f in facts:
        if f.field != field or f.refers_to != "main":
            continue
        name = str(f.value)
        for g in groups:
            if any(_norm(name) == _norm(n) for n in g):
                g.append(name)
                break
        else:
            groups.append([name])
    return [max(g, key=len) for g in groups]


def _attackers(facts: list[Fact]) -> int | None:
    value, _ = _vote(facts, "attackers")
    return int(value) if value is not None else None


def build_incident(documents: list[Document], facts: list[Fact]) -> Incident:
    """One incident from the facts of its documents."""
    doc_ids = [d.id for d in documents]
    evidence: dict[str, list[Evidence]] = {}

    def pick(field: str) -> str | None:
        value, support = _vote(facts, field)
        if support:
            evidence[field] = [f.evidence for f in support]
        return value

    reports = figure_reports(facts)
    conflicts: list[Conflict] = figure_conflicts(reports)
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
    incident_id = "inc-" + doc_ids[0][:12]
    return Incident(
        id=incident_id,
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
        killed=best_figure(reports, "killed"),
        injured=best_figure(reports, "injured"),
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


def build_record(store: Store) -> Record:
    """Every incident the stored facts describe, with the stored documents."""
    documents = store.documents()
    facts = store.facts()
    by_doc: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        by_doc[f.document].append(f)
    documents = [_with_report_time(d, by_doc[d.id]) for d in documents]
    by_id = {d.id: d for d in documents}
    incidents = []
    texts = {d.id: store.text(d.id) for d in documents}
    for group in group_documents(documents, facts, texts):
        group_facts = [f for d in group for f in by_doc[d]]
        incidents.append(build_incident([by_id[d] for d in group], group_facts))
    return Record(incidents=incidents, documents=documents)
