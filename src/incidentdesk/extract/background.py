"""Background is not the incident: tell sentences about other incidents from the main one."""

from __future__ import annotations

import re
from datetime import date

from incidentdesk.annotate.dates import parse_iso_date
from incidentdesk.annotate.pipeline import AnnotatedDoc, Sentence

BACKGROUND_SECTIONS = re.compile(
    r"\b(?:background|history|previous|prior|earlier|see also|related|context|legacy)\b",
    re.IGNORECASE,
)
_THIS_INCIDENT = re.compile(
    r"\b(?:the|this|today's|yesterday's|friday's|saturday's|sunday's|monday's|tuesday's|"
    r"wednesday's|thursday's)\s+(?:attack|shooting|bombing|massacre|assault|blast|explosion)\b",
    re.IGNORECASE,
)


def in_background_section(sent: Sentence) -> bool:
    """Whether the sentence sits under a heading such as "Background" or "See also"."""
    return bool(sent.section and BACKGROUND_SECTIONS.search(sent.section))


def refers_to(doc: AnnotatedDoc, sent: Sentence) -> str:
    """``main`` when the sentence is about the document's incident, else ``other:<when>``.

    A sentence dated before the incident (by more than a day) is about something else, as is a
    casualty sentence under a background heading.
    """
    incident = doc.incident_date
    for mention in sent.dates:
        if mention.relation != "on" or not mention.date or mention.relative_to_incident is not None:
            continue
        when = parse_iso_date(mention.date)
        if when is None or incident is None:
            continue
        if _before(mention.date, mention.precision, incident, when):
            return f"other:{mention.date}"
    if in_background_section(sent) and not _THIS_INCIDENT.search(sent.text):
        return "other:background"
    return "main"


def _before(iso: str, precision: str, incident: date, when: date) -> bool:
    if precision == "year":
        return int(iso[:4]) < incident.year
    if precision == "month":
        return (when.year, when.month) < (incident.year, incident.month)
    return (incident - when).days > 1
