"""Extraction: one module per fact family, each reading an annotated document.

``extract(doc)`` runs them all and returns the facts and the entity mentions of the document.
"""

from __future__ import annotations

from incidentdesk.annotate.pipeline import AnnotatedDoc
from incidentdesk.extract.actors import extract_actors
from incidentdesk.extract.attack import extract_attack
from incidentdesk.extract.casualties import extract_casualties
from incidentdesk.extract.claims import extract_claims
from incidentdesk.extract.events import extract_events
from incidentdesk.extract.facts import make_fact
from incidentdesk.extract.infobox import extract_infobox
from incidentdesk.extract.people import extract_people
from incidentdesk.extract.roles import apply_role_model
from incidentdesk.extract.when_where import extract_when, extract_where
from incidentdesk.model import Fact, Mention

EXTRACTORS = (
    extract_infobox,
    extract_when,
    extract_where,
    extract_casualties,
    extract_attack,
    extract_actors,
    extract_people,
    extract_events,
    extract_claims,
)


def extract(doc: AnnotatedDoc) -> tuple[list[Fact], list[Mention]]:
    """All facts of a document, plus its named-entity mentions, in a deterministic order."""
    facts: list[Fact] = []
    if doc.reported_at:
        src = doc.source
        title_end = src.text.find("\n")
        end = title_end if title_end > 0 else min(len(src.text), 80)
        facts.append(
            make_fact(
                doc,
                "reported_at",
                doc.reported_at,
                0,
                end,
                "rules.document_time",
                confidence=0.5 if doc.reported_at_inferred else 1.0,
            )
        )
    for extractor in EXTRACTORS:
        facts.extend(extractor(doc))
    facts = apply_role_model(doc, facts)  # the MUC-4 role model: rules first, model fills gaps
    mentions = [
        Mention(
            document=doc.id,
            start=sent.offset + ent.start_char,
            end=sent.offset + ent.end_char,
            text=ent.text,
            label=ent.label_,
        )
        for sent in doc.sentences
        for ent in sent.span.ents
        if ent.label_ in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")
    ]
    return facts, mentions
