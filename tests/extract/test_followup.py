"""A follow-up story that dates no attack sentence: its first recent date is the incident's,
and "Name, 34, ... She was killed" makes a victim."""

from __future__ import annotations

from incidentdesk.annotate.pipeline import annotate
from incidentdesk.extract import extract
from incidentdesk.model import Document, Fact, SourceDocument, content_id

TEXT = (
    "Lives changed by the Velmora market blast\n\n"
    "Ilona Varga, 52, a baker, had gone to the covered market on Monday morning to buy flour. "
    "She was killed when the bomb went off near the fish stalls, her son said.\n\n"
    "The town has seen such violence before. In March 2019 a parcel bomb at the post office "
    "killed three people."
)


def _facts() -> list[Fact]:
    document = Document(
        id=content_id(TEXT), source="test", kind="news", published="2032-04-14T09:00:00+00:00"
    )
    facts, _ = extract(annotate(SourceDocument(document=document, text=TEXT)))
    return facts


def test_the_pronoun_sentence_makes_the_named_person_a_victim() -> None:
    people = [f for f in _facts() if f.field == "person"]
    victim = next(f for f in people if f.value["name"] == "Ilona Varga")
    assert victim.value["roles"] == ["victim"] and victim.value["age"] == 52
    assert "She was killed" in victim.evidence.text and victim.refers_to == "main"


def test_background_stays_background_and_the_story_is_main() -> None:
    facts = _facts()
    killed = [f for f in facts if f.field == "killed"]
    assert [(f.value, f.refers_to) for f in killed] == [(3, "other:2019-03")]
