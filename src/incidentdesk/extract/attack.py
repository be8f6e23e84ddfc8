"""Attack types, weapons and targets named in the sentences about the main incident."""

from __future__ import annotations

from incidentdesk.annotate.pipeline import AnnotatedDoc
from incidentdesk.extract import vocabulary
from incidentdesk.extract.background import refers_to
from incidentdesk.extract.facts import make_fact
from incidentdesk.model import Fact


def extract_attack(doc: AnnotatedDoc) -> list[Fact]:
    """One fact per label per sentence, never from background sentences."""
    facts: list[Fact] = []
    for sent in doc.sentences:
        if refers_to(doc, sent) != "main":
            continue
        for field, finder in (
            ("attack_type", vocabulary.attack_types),
            ("weapon", vocabulary.weapons),
            ("target", vocabulary.targets),
        ):
            for label in sorted({label for label, _, _ in finder(sent.text)}):
                facts.append(
                    make_fact(
                        doc, field, label, sent.start, sent.end, "rules.vocabulary",  # type: ignore[arg-type]
                        confidence=0.6,
                    )
                )
    return facts
