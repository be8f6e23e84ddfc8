"""Attack types, weapons and targets named in the sentences about the main incident."""

from __future__ import annotations

from collections.abc import Callable

from incidentdesk.annotate.pipeline import AnnotatedDoc
from incidentdesk.extract import vocabulary
from incidentdesk.extract.background import refers_to
from incidentdesk.extract.facts import make_fact
from incidentdesk.model import Fact, FactField


def extract_attack(doc: AnnotatedDoc) -> list[Fact]:
    """One fact per label per sentence, never from background sentences."""
    facts: list[Fact] = []
    for sent in doc.sentences:
        if refers_to(doc, sent) != "main":
            continue
        finders: tuple[tuple[FactField, Callable[[str], list[tuple[str, int, int]]]], ...] = (
            ("attack_type", vocabulary.attack_types),
            ("weapon", vocabulary.weapons),
            ("target", vocabulary.targets),
        )
        for field, finder in finders:
            for label in sorted({label for label, _, _ in finder(sent.text)}):
                facts.append(
                    make_fact(
                        doc,
                        field,
                        label,
                        sent.start,
                        sent.end,
                        "rules.vocabulary",
                        confidence=0.6,
                    )
                )
    return facts
