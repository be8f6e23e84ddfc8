"""The plain-text (and Markdown) reader: stored text plus metadata read from the words.

Three shapes are told apart:

* an **encyclopedia article** (first line ``= Title =``, or an ``Infobox`` block): kept as it is,
  with its infobox fields and sections;
* a **web page dump or wire copy**: page furniture is removed (see ``boilerplate``), the byline
  is read and dropped, the headline is kept as the first line, and a dateline or a statement
  cue ("Press release", "Statement by ...") sets the kind;
* anything else: kept, kind ``other``.

A ``Key: value`` header block at the top (see ``frontmatter``) is stripped and wins over what
is read from the words; metadata passed in by the caller (a JSON record, HTML meta) wins over both.
"""

from __future__ import annotations

import re

from incidentdesk.model import DocumentKind, SourceDocument, SourceProblem
from incidentdesk.sources.boilerplate import strip_boilerplate
from incidentdesk.sources.document import Metadata, build_document, stated_metadata
from incidentdesk.sources.frontmatter import split_front_matter
from incidentdesk.sources.lines import looks_like_headline, tidy
from incidentdesk.sources.newsmeta import (
    find_byline,
    find_dateline,
    is_official,
    official_publisher,
    publisher_from_page,
)
from incidentdesk.sources.structure import find_infobox, find_sections, title_heading

_LABEL = re.compile(
    r"(?:press|news|media)\s+release|official\s+statement|for\s+immediate\s+release"
    r"|statement|communiqu[eé]",
    re.IGNORECASE,
)


def _is_label(line: str) -> bool:
    return bool(_LABEL.fullmatch(line.strip().rstrip(":")))


def _encyclopedia(text: str, source: str, stated: Metadata) -> SourceDocument | SourceProblem:
    stored = tidy(text)
    heading = title_heading(stored)
    title = heading.text if heading else None
    detected = Metadata(title=title, kind="encyclopedia")
    return build_document(
        source,
        stored,
        detected.overlay(stated),
        infobox=find_infobox(stored),
        sections=find_sections(stored),
    )


def _headline_index(lines: list[str], before: int | None) -> int | None:
    """The headline: the last non-blank line above the byline, or else the first line."""
    if before is not None:
        for i in range(before - 1, -1, -1):
            if lines[i].strip():
                return i if looks_like_headline(lines[i]) else None
        return None
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if _is_label(line):
            continue
        following = lines[i + 1].strip() if i + 1 < len(lines) else ""
        body_follows = any(x.strip() for x in lines[i + 1 :])
        if looks_like_headline(line, 150, 25) and body_follows and not following.startswith("-"):
            return i
        return None
    return None


def _news(text: str, source: str, stated: Metadata) -> SourceDocument | SourceProblem:
    publisher = publisher_from_page(text)
    cleaned = strip_boilerplate(text)
    if not cleaned:
        return SourceProblem(source=source, reason="no text left after removing page furniture")
    lines = cleaned.split("\n")
    byline = find_byline(lines)
    drop = set(byline.drop) if byline else set()
    headline = _headline_index(lines, min(drop) if drop else None)
    title: str | None = None
    if headline is not None:
        title = lines[headline].strip()
        if byline is not None:
            drop.update(range(headline))  # page furniture above the headline
    markdown_title = title_heading(cleaned)
    if markdown_title is not None and markdown_title.start == 0:
        title = markdown_title.text
    kept = [line for i, line in enumerate(lines) if i not in drop]
    stored = tidy("\n".join(kept))
    if not stored:
        return SourceProblem(source=source, reason="no text left after removing page furniture")
    kept_lines = stored.split("\n")
    dateline = find_dateline(kept_lines)
    official = is_official(kept_lines)
    published = (byline.published if byline else None) or (dateline.published if dateline else None)
    author = byline.author if byline else None
    kind: DocumentKind | None = "official" if official else "news" if (byline or dateline) else None
    publisher = (
        publisher
        or (dateline.agency if dateline else None)
        or (official_publisher(kept_lines) if official else None)
    )
    detected = Metadata(
        title=title, kind=kind, publisher=publisher, author=author, published=published
    )
    return build_document(
        source,
        stored,
        detected.overlay(stated),
        infobox=find_infobox(stored),
        sections=find_sections(stored),
    )


def read_text(
    text: str, source: str, known: Metadata | None = None, dated_is_news: bool = False
) -> SourceDocument | SourceProblem:
    """Read decoded text into a ``SourceDocument`` (or a ``SourceProblem``; never raises).

    ``known`` is metadata the caller already has and that wins over what the text says.
    With ``dated_is_news``, a text with a known author or publication time but no other cue
    is taken as news (used for HTML pages, whose meta tags carry those).
    """
    header = split_front_matter(text)
    try:
        stated = stated_metadata(dict(header.fields))
    except ValueError as exc:
        return SourceProblem(source=source, reason=f"bad header block: {exc}")
    stated = stated.overlay(known or Metadata())
    body = header.body
    if not body.strip():
        return SourceProblem(source=source, reason="no text after the header block")
    heading = title_heading(tidy(body))
    if (heading is not None and body.lstrip().startswith("=")) or find_infobox(body):
        return _encyclopedia(body, source, stated)
    result = _news(body, source, stated)
    if (
        dated_is_news
        and isinstance(result, SourceDocument)
        and result.document.kind == "other"
        and (result.document.published or result.document.author)
    ):
        result.document.kind = "news"
    return result
