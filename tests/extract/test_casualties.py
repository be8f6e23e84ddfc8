"""Casualty counts stated as a rising number ("the number of dead rose to N")."""

from __future__ import annotations

import pytest

from incidentdesk.annotate.pipeline import annotate
from incidentdesk.extract import extract
from incidentdesk.model import Document, SourceDocument, content_id


def _counts(text: str) -> set[tuple[str, int]]:
    document = Document(id=content_id(text), source="test", kind="news")
    facts, _ = extract(annotate(SourceDocument(document=document, text=text)))
    return {(f.field, int(f.value)) for f in facts if f.field in ("killed", "injured")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The number of dead rose to 31 on Sunday after two more patients died.", ("killed", 31)),
        ("The number of injured has risen to 74, the hospital said.", ("injured", 74)),
        ("The number of deaths reached 9 by the evening, officials said.", ("killed", 9)),
    ],
)
def test_a_rising_number_is_a_casualty_count(sentence: str, expected: tuple[str, int]) -> None:
    text = "Harbour market blast in Velmora\n\nA bomb exploded at the harbour market. " + sentence
    assert expected in _counts(text)


def test_other_numbers_that_rose_are_not_casualties() -> None:
    text = "Harbour market blast in Velmora\n\nThe number of stalls rose to 40 last year."
    assert _counts(text) == set()
