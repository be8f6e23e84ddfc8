"""The JSON Lines reader: one document a line (see docs/record-format.md, "Input").

Fields: ``id``, ``text`` or ``html`` (one is required), ``url``, ``title``, ``publisher``,
``author``, ``published``, ``kind``. A bad line is a ``SourceProblem`` named ``FILE:LINE``; the
other lines are read all the same.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from incidentdesk.model import SourceDocument, SourceProblem
from incidentdesk.sources.decoding import UnreadableText, check_text
from incidentdesk.sources.document import stated_metadata
from incidentdesk.sources.htmlpage import read_html
from incidentdesk.sources.text import read_text


def _source_name(record: dict[str, object], where: str) -> str:
    """The record's own ``id`` when it has one, else ``FILE:LINE``."""
    ident = record.get("id")
    if isinstance(ident, bool) or not isinstance(ident, str | int) or not str(ident).strip():
        return where
    return str(ident).strip()


def read_record(record: dict[str, object], where: str) -> SourceDocument | SourceProblem:
    """Read one JSON record; ``where`` (``FILE:LINE``) names it in problems."""
    text, html = record.get("text"), record.get("html")
    body = text if isinstance(text, str) and text.strip() else None
    page = html if isinstance(html, str) and html.strip() else None
    if body is None and page is None:
        return SourceProblem(
            source=where, reason="record has no 'text' or 'html' (a non-empty string)"
        )
    try:
        known = stated_metadata(record)
    except ValueError as exc:
        return SourceProblem(source=where, reason=f"bad record: {exc}")
    name = _source_name(record, where)
    if body is not None:
        try:
            checked = check_text(body)
        except UnreadableText as exc:
            return SourceProblem(source=where, reason=f"bad 'text': {exc}")
        return read_text(checked, name, known=known)
    assert page is not None
    result = read_html(page, name, known=known)
    if isinstance(result, SourceProblem):
        return SourceProblem(source=where, reason=result.reason)
    return result


def read_jsonl(text: str, source: str) -> Iterator[SourceDocument | SourceProblem]:
    """Every non-blank line of ``text`` as a document or a problem named ``SOURCE:LINE``."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield SourceProblem(
                source=where,
                reason=f"malformed JSON: {exc.msg} (line {number}, column {exc.colno})",
            )
            continue
        if not isinstance(record, dict):
            yield SourceProblem(
                source=where, reason=f"expected a JSON object, got {type(record).__name__}"
            )
            continue
        yield read_record(record, where)
