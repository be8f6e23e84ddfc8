"""The JSON Lines reader."""

from __future__ import annotations

import json

from incidentdesk.model import SourceDocument, SourceProblem
from incidentdesk.sources.jsonl import read_jsonl

GOOD = {
    "id": "ledger-1",
    "text": "Gunmen attacked the harbour market on Monday, killing five people.",
    "title": "Harbour attack",
    "publisher": "Demo Herald",
    "author": "Ana Lind",
    "published": "2031-03-04T10:15:00+01:00",
    "kind": "news",
    "url": "https://example.org/a",
}


def _lines(*records: object) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


def test_record_fields_become_metadata() -> None:
    [doc] = list(read_jsonl(_lines(GOOD), "in.jsonl"))
    assert isinstance(doc, SourceDocument)
    meta = doc.document
    assert meta.source == "ledger-1"
    assert (meta.title, meta.publisher, meta.author, meta.kind, meta.url) == (
        "Harbour attack",
        "Demo Herald",
        "Ana Lind",
        "news",
        "https://example.org/a",
    )
    assert meta.published == meta.reported_at == "2031-03-04T10:15:00+01:00"
    assert meta.reported_at_basis == "published"


def test_source_is_file_and_line_without_an_id() -> None:
    record = {"text": "A short report about a fire at the depot.", "published": "2031-03-04"}
    [doc] = list(read_jsonl(_lines(record), "in.jsonl"))
    assert isinstance(doc, SourceDocument)
    assert doc.document.source == "in.jsonl:1"
    assert doc.document.published == "2031-03-04"


def test_bad_lines_are_problems_and_the_rest_is_read() -> None:
    text = _lines(GOOD, '{"text": "broken', {"id": "x", "title": "no body"}, GOOD, "[1, 2]")
    results = list(read_jsonl(text, "in.jsonl"))
    assert [type(r).__name__ for r in results] == [
        "SourceDocument",
        "SourceProblem",
        "SourceProblem",
        "SourceDocument",
        "SourceProblem",
    ]
    malformed, no_body = results[1], results[2]
    assert isinstance(malformed, SourceProblem) and isinstance(no_body, SourceProblem)
    assert malformed.source == "in.jsonl:2" and "malformed JSON" in malformed.reason
    assert no_body.source == "in.jsonl:3" and "'text' or 'html'" in no_body.reason


def test_blank_lines_are_skipped_but_counted() -> None:
    results = list(read_jsonl("\n\n" + json.dumps({"text": "Some report text."}) + "\n", "f"))
    assert isinstance(results[0], SourceDocument)
    assert results[0].document.source == "f:3"


def test_bad_kind_or_date_is_a_problem() -> None:
    results = list(
        read_jsonl(
            _lines({"text": "Body.", "kind": "rumour"}, {"text": "Body.", "published": "soon"}),
            "in.jsonl",
        )
    )
    problems = [r for r in results if isinstance(r, SourceProblem)]
    assert len(problems) == len(results) == 2
    assert "unknown kind" in problems[0].reason
    assert "published" in problems[1].reason
