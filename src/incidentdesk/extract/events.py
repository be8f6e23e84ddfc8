"""Dated events for the timeline: each dated sentence about the incident or its aftermath."""

from __future__ import annotations

from datetime import timedelta

from incidentdesk.annotate.dates import parse_iso_date
from incidentdesk.annotate.pipeline import ATTACK_WORDS, AnnotatedDoc
from incidentdesk.extract.background import in_background_section
from incidentdesk.extract.facts import make_fact
from incidentdesk.model import Fact

MAX_BEFORE = timedelta(days=60)


def extract_events(doc: AnnotatedDoc) -> list[Fact]:
    """Sentences with a resolved day and a verb become events (one per sentence)."""
    facts: list[Fact] = []
    incident = doc.incident_date
    for sent in doc.sentences:
        if not any(t.pos_ in ("VERB", "AUX") for t in sent.span):
            continue
        days = [d for d in sent.dates if d.date and d.precision == "day"]
        on = [d for d in days if d.relation == "on"] or days
        when = on[0].date if on else None
        if when is None and incident is not None and sent.times and ATTACK_WORDS.search(sent.text):
            if not sent.dates:
                when = incident.isoformat()
        if when is None:
            continue
        day = parse_iso_date(when)
        if day is None:
            continue
        if incident is not None and day < incident - timedelta(days=1):
            if ATTACK_WORDS.search(sent.text) or day < incident - MAX_BEFORE:
                continue
        if in_background_section(sent) and incident is not None and day < incident - MAX_BEFORE:
            continue
        time = sent.times[0].time if sent.times else None
        facts.append(
            make_fact(
                doc,
                "event",
                {"date": when, "time": time, "text": sent.text.strip()},
                sent.start,
                sent.end,
                "rules.events",
                happened_at=when,
                confidence=0.6,
            )
        )
    return facts
