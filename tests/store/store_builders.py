"""Builders for the store tests: fictional documents, facts and mentions."""

from __future__ import annotations

from typing import Any

from incidentdesk.model import (
    Document,
    Evidence,
    Fact,
    Mention,
    SourceDocument,
    content_id,
)


def make_source(
    text: str, title: str | None = "Blast at Harbour Market", **meta: Any
) -> SourceDocument:
    """A fictional stored document whose id is the content hash of ``text``."""
    document = Document(
        id=content_id(text),
        source=meta.pop("source", "fixtures/report.txt"),
        title=title,
        chars=len(text),
        **meta,
    )
    return SourceDocument(document=document, text=text)


def span(src: SourceDocument, needle: str) -> tuple[int, int]:
    """Offsets of the first occurrence of ``needle`` in the document text."""
    start = src.text.index(needle)
    return start, start + len(needle)


def make_fact(src: SourceDocument, field: str, value: Any, needle: str, **extra: Any) -> Fact:
    """A fact read from the first occurrence of ``needle`` in ``src``."""
    start, end = span(src, needle)
    doc_id = src.document.id
    evidence = Evidence(
        document=extra.pop("evidence_document", doc_id), start=start, end=end, text=needle
    )
    return Fact(
        document=doc_id,
        field=field,
        value=value,
        evidence=evidence,
        extractor=extra.pop("extractor", "test"),
        **extra,
    )


def make_mention(src: SourceDocument, needle: str, label: str) -> Mention:
    """A named-entity mention of ``needle`` in ``src``."""
    start, end = span(src, needle)
    return Mention(document=src.document.id, start=start, end=end, text=needle, label=label)


WIRE = (
    "At least 12 people were killed and 30 injured in an explosion at Harbour Market in Port "
    "Verrin on Tuesday, police said. The Coastal Front claimed the attack, according to Radio "
    "Verrin, citing Inspector Ana Müller."
)
UPDATE = (
    "The death toll from Tuesday's bombing in Port Verrin rose to 15, the health ministry said. "
    "An earlier attack in 2019 killed 4."
)
ENCYCLOPEDIA = (
    "Harbour Market bombing\n\n- Date: 4 March 2025\n- Deaths: 15\n\n== Attack ==\n"
    "A bomb exploded near the fish stalls."
)
