"""Building facts with evidence spans from an annotated document."""

from __future__ import annotations

from typing import Any

from incidentdesk.annotate.pipeline import AnnotatedDoc
from incidentdesk.model import Evidence, Fact, FactField, Qualifier


def evidence(doc: AnnotatedDoc, start: int, end: int) -> Evidence:
    """An evidence span over the stored text (``text == stored[start:end]``)."""
    return Evidence(document=doc.id, start=start, end=end, text=doc.text[start:end])


def make_fact(
    doc: AnnotatedDoc,
    field: FactField,
    value: Any,
    start: int,
    end: int,
    extractor: str,
    *,
    qualifier: Qualifier | None = None,
    scope: str | None = None,
    happened_at: str | None = None,
    refers_to: str = "main",
    attributed_to: list[str] | None = None,
    hedged: bool = False,
    negated: bool = False,
    includes_perpetrators: bool | None = None,
    confidence: float = 1.0,
) -> Fact:
    """A fact of ``doc`` stamped with the document's report time."""
    return Fact(
        document=doc.id,
        field=field,
        value=value,
        qualifier=qualifier,
        scope=scope,
        reported_at=doc.reported_at,
        reported_at_inferred=doc.reported_at_inferred,
        happened_at=happened_at,
        refers_to=refers_to,
        attributed_to=attributed_to or [],
        hedged=hedged,
        negated=negated,
        includes_perpetrators=includes_perpetrators,
        evidence=evidence(doc, start, end),
        extractor=extractor,
        confidence=confidence,
    )
