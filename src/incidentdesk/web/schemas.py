"""The JSON API's response and request bodies (they make the OpenAPI description)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from incidentdesk.model import Document, Fact, Incident, SourceProblem
from incidentdesk.web.search import IncidentSummary


class Status(BaseModel):
    """What the server holds and whether it accepts reports."""

    version: str
    revision: str = Field(description="Changes whenever anything is stored.")
    documents: int
    facts: int
    incidents: int
    writable: bool = Field(description="False when the server was started without a token.")


class FacetsOut(BaseModel):
    countries: list[str]
    attack_types: list[str]


class IncidentListOut(BaseModel):
    """The incident list page: the matching incidents and the filter values on offer."""

    total: int = Field(description="Incidents stored.")
    count: int = Field(description="Incidents matching the filters.")
    incidents: list[IncidentSummary]
    facets: FacetsOut


class EvidenceOut(BaseModel):
    """One evidence span: ``text == stored_text[start:end]`` of ``document``."""

    document: str
    document_title: str
    start: int
    end: int
    text: str
    attributed_to: list[str] = Field(description="Outermost source first.")
    reported_at: str | None
    url: str = Field(description="The document page with this span highlighted.")


class ValueOut(BaseModel):
    """A value shown on the incident page and the evidence behind it."""

    key: str
    section: Literal["infobox", "figures", "timeline", "people", "claims"]
    label: str
    value: str
    note: str = Field(default="", description="Why a figure was chosen, when it is one.")
    evidence: list[EvidenceOut]
    url: str | None = Field(description="The value's evidence page (None without evidence).")


class IncidentOut(BaseModel):
    """The incident page: the incident (record format), its documents and its values."""

    incident: Incident
    documents: list[Document]
    values: list[ValueOut]
    chart_url: str | None
    exports: dict[str, str]


class ExcerptOut(BaseModel):
    evidence: EvidenceOut
    before: str
    marked: str
    after: str
    found: bool = Field(description="False when the stored text no longer matches the span.")


class EvidencePageOut(BaseModel):
    """The evidence page of one value."""

    incident: str
    value: ValueOut
    excerpts: list[ExcerptOut]


class DocumentSummaryOut(BaseModel):
    document: Document
    incidents: list[str]
    url: str


class DocumentListOut(BaseModel):
    count: int
    documents: list[DocumentSummaryOut]


class FactOut(BaseModel):
    id: str
    url: str = Field(description="The document page with this fact's evidence highlighted.")
    fact: Fact


class DocumentOut(BaseModel):
    """The document page: metadata, stored text, incidents and every extracted fact."""

    document: Document
    text: str
    incidents: list[str]
    facts: list[FactOut]


class ReportIn(BaseModel):
    """A report to add, as text (``Title:``/``Published:`` lines on top are read as metadata)."""

    text: str = Field(min_length=1, description="The report itself.")
    format: Literal["text", "html", "jsonl"] = Field(
        default="text", description="How to read ``text``: plain text, an HTML page, JSON Lines."
    )


class IngestOut(BaseModel):
    """What adding reports did."""

    added: list[str] = Field(description="Ids of new documents.")
    unchanged: list[str] = Field(description="Ids of documents that were already stored.")
    problems: list[SourceProblem] = Field(description="Inputs that could not be read, and why.")
    incidents: list[str] = Field(description="Incidents the documents now belong to.")


def jsonable(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json")
