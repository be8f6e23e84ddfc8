"""Metadata as readers collect it, and the step that turns stored text into a ``SourceDocument``."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import cast, get_args

from incidentdesk.model import (
    Document,
    DocumentKind,
    InfoboxField,
    Section,
    SourceDocument,
    content_id,
)
from incidentdesk.sources.dates import normalise_published

KINDS: tuple[str, ...] = get_args(DocumentKind)


@dataclass(frozen=True)
class Metadata:
    """What is known about a document; ``None`` means unknown (never guessed)."""

    title: str | None = None
    kind: DocumentKind | None = None
    publisher: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None

    def overlay(self, other: Metadata) -> Metadata:
        """These values, replaced by every value ``other`` knows."""
        known = {f.name: getattr(other, f.name) for f in fields(other)}
        return replace(self, **{k: v for k, v in known.items() if v is not None})


def parse_kind(value: str) -> DocumentKind:
    """Validate a stated kind; raises ``ValueError`` with the accepted values."""
    kind = value.strip().lower()
    if kind in KINDS:
        return cast(DocumentKind, kind)
    raise ValueError(f"unknown kind {value!r} (expected one of {', '.join(KINDS)})")


def stated_metadata(values: dict[str, object]) -> Metadata:
    """Metadata stated by the input (front matter, a JSON record), checked and normalised.

    Strings are stripped and empty ones ignored; ``published`` is normalised to ISO 8601 and
    ``kind`` checked. Raises ``ValueError`` (with a human message) for a bad kind or date, or a
    value that is not a string.
    """
    clean: dict[str, str] = {}
    for key in ("title", "kind", "publisher", "author", "published", "url"):
        value = values.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise ValueError(f"{key!r} must be a string, not {type(value).__name__}")
        if value.strip():
            clean[key] = " ".join(value.split())
    published = clean.get("published")
    if published is not None:
        try:
            published = normalise_published(published)
        except ValueError:
            raise ValueError(
                f"unrecognised published date {clean['published']!r} "
                "(use ISO 8601, e.g. 2024-03-23 or 2024-03-23T00:38:00+02:00)"
            ) from None
    return Metadata(
        title=clean.get("title"),
        kind=parse_kind(clean["kind"]) if "kind" in clean else None,
        publisher=clean.get("publisher"),
        author=clean.get("author"),
        published=published,
        url=clean.get("url"),
    )


def build_document(
    source: str,
    text: str,
    meta: Metadata,
    infobox: list[InfoboxField] | None = None,
    sections: list[Section] | None = None,
) -> SourceDocument:
    """The ``SourceDocument`` for stored ``text``: id is its content hash, ``chars`` its length,
    and ``reported_at`` the publication time when one is known (else left for a later stage)."""
    document = Document(
        id=content_id(text),
        source=source,
        title=meta.title,
        kind=meta.kind or "other",
        publisher=meta.publisher,
        author=meta.author,
        published=meta.published,
        url=meta.url,
        chars=len(text),
        reported_at=meta.published,
        reported_at_basis="published" if meta.published else None,
    )
    return SourceDocument(
        document=document, text=text, infobox=infobox or [], sections=sections or []
    )
