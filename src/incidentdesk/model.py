"""Data models shared by every stage: documents, facts with evidence, and the incident record.

The incident record (``Record``) is the JSON contract described in ``docs/record-format.md``;
``incidentdesk schema`` prints its JSON Schema.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Qualifier = Literal["exact", "at least", "more than", "about", "up to", "fewer than"]
DocumentKind = Literal["news", "encyclopedia", "official", "social", "other"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------- sources


class InfoboxField(_Model):
    """One ``- Key: value`` line of an encyclopedia infobox; offsets point at the value."""

    key: str
    value: str
    start: int
    end: int


class Section(_Model):
    """A heading of the stored text and the character range its body covers."""

    heading: str
    level: int
    start: int
    end: int


class Document(_Model):
    """A report as stored: metadata plus the id (content hash of its stored text)."""

    id: str
    source: str
    title: str | None = None
    kind: DocumentKind = "other"
    publisher: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    chars: int = 0
    reported_at: str | None = Field(
        default=None, description="When the document was reported: `published`, or inferred."
    )
    reported_at_basis: str | None = Field(
        default=None, description="Why `reported_at` has its value (stated or inferred)."
    )


class SourceDocument(_Model):
    """What a reader hands on: the document, its stored text and structure found in it."""

    document: Document
    text: str
    infobox: list[InfoboxField] = []
    sections: list[Section] = []


class SourceProblem(_Model):
    """An input that could not be read, with the reason in words."""

    source: str
    reason: str


def content_id(text: str) -> str:
    """The document id: a short SHA-256 of the stored text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------- facts


class Evidence(_Model):
    """Where a value was read: ``text == stored_text[start:end]``."""

    document: str
    start: int
    end: int
    text: str


class Mention(_Model):
    """A named-entity mention in a document (person, organisation, place ...)."""

    document: str
    start: int
    end: int
    text: str
    label: str


FactField = Literal[
    "killed",
    "injured",
    "missing",
    "detained",
    "hostages",
    "date",
    "time",
    "timezone",
    "venue",
    "city",
    "region",
    "country",
    "attack_type",
    "weapon",
    "target",
    "perpetrator_org",
    "perpetrator_person",
    "attackers",
    "claimed_by",
    "person",
    "event",
    "claim",
    "title",
    "reported_at",
    "correction",
]


class Fact(_Model):
    """The unit of knowledge: one value read from one span of one document.

    ``value`` is a number for figures, a string for labels and names, and a mapping for
    structured facts (``person``: name/age/nationality/roles; ``event``: date/time/text;
    ``claim``: claim/stance/speakers).
    """

    document: str
    field: FactField
    value: Any
    qualifier: Qualifier | None = None
    scope: str | None = None
    reported_at: str | None = None
    reported_at_inferred: bool = False
    happened_at: str | None = None
    refers_to: str = Field(
        default="main", description="`main` for the document's incident, else a label of another."
    )
    attributed_to: list[str] = []
    hedged: bool = False
    negated: bool = False
    includes_perpetrators: bool | None = None
    evidence: Evidence
    extractor: str
    confidence: float = 1.0

    @property
    def id(self) -> str:
        """A stable id from the fact's content (facts are never overwritten)."""
        payload = self.model_dump(mode="json")
        blob = json.dumps(payload, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:20]


# --------------------------------------------------------------------------- record


class Location(_Model):
    venue: str | None = None
    city: str | None = None
    region: str | None = None
    country: str | None = None
    coordinates: list[float] | None = None


class Figure(_Model):
    """The best current value of a casualty count, with why it was chosen."""

    value: int
    qualifier: Qualifier
    as_of: str | None
    basis: str
    sources: list[str]
    evidence: list[Evidence] = []


class FigureReport(_Model):
    """One casualty-type figure as one document reported it (nothing is dropped)."""

    kind: str
    value: int
    qualifier: Qualifier
    scope: str
    reported_at: str | None
    reported_at_inferred: bool = False
    document: str
    attributed_to: list[str]
    hedged: bool
    includes_perpetrators: bool | None
    evidence: Evidence


class Perpetrators(_Model):
    organizations: list[str] = []
    people: list[str] = []
    count: int | None = None
    evidence: list[Evidence] = []


class Person(_Model):
    name: str
    aliases: list[str] = []
    roles: list[str] = []
    age: int | None = None
    nationality: str | None = None
    evidence: list[Evidence] = []


class TimelineItem(_Model):
    date: str | None
    time: str | None = None
    text: str
    documents: list[str]
    evidence: list[Evidence]


class Claim(_Model):
    claim: str
    asserted_by: list[str] = []
    denied_by: list[str] = []
    supported_by: list[str] = []
    status: str
    evidence: list[Evidence] = []


class Conflict(_Model):
    field: str
    values: list[Any]
    documents: list[str]
    note: str


class Incident(_Model):
    id: str
    title: str | None
    documents: list[str]
    date: str | None = None
    time: str | None = None
    timezone: str | None = None
    location: Location = Location()
    attack_types: list[str] = []
    weapons: list[str] = []
    targets: list[str] = []
    killed: Figure | None = None
    injured: Figure | None = None
    figures: list[FigureReport] = []
    perpetrators: Perpetrators = Perpetrators()
    claimed_by: list[str] = []
    people: list[Person] = []
    timeline: list[TimelineItem] = []
    claims: list[Claim] = []
    conflicts: list[Conflict] = []
    evidence: dict[str, list[Evidence]] = Field(
        default_factory=dict, description="Evidence for the scalar fields, keyed by field name."
    )


class Record(_Model):
    """What ``incidentdesk report --format json`` prints."""

    incidents: list[Incident]
    documents: list[Document]
