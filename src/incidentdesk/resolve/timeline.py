"""The timeline: dated events merged across documents and ordered by when they happened."""

from __future__ import annotations

from rapidfuzz import fuzz

from incidentdesk.model import Fact, TimelineItem

SAME_EVENT = 80


def build_timeline(facts: list[Fact]) -> list[TimelineItem]:
    """One item per (date, happening); reports of the same happening share the item."""
    items: list[TimelineItem] = []
    for fact in facts:
        if fact.field != "event" or fact.refers_to != "main":
            continue
        value = fact.value
        match = next(
            (
                it
                for it in items
                if it.date == value["date"]
                and fact.document not in it.documents
                and fuzz.token_set_ratio(it.text, value["text"]) >= SAME_EVENT
            ),
            None,
        )
        if match is None:
            items.append(
                TimelineItem(
                    date=value["date"],
                    time=value.get("time"),
                    text=value["text"],
                    documents=[fact.document],
                    evidence=[fact.evidence],
                )
            )
        else:
            if fact.document not in match.documents:
                match.documents.append(fact.document)
            match.evidence.append(fact.evidence)
            match.time = match.time or value.get("time")
    items.sort(key=lambda it: (it.date or "", it.time or "99", it.text))
    return items
