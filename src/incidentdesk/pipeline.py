"""The ingest job: sources -> annotate -> extract -> store, one transaction per document."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from incidentdesk.model import SourceDocument, SourceProblem
from incidentdesk.store import Store


@dataclass
class IngestResult:
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)


def ingest(
    store: Store,
    items: Iterable[SourceDocument | SourceProblem],
    on_problem: Callable[[SourceProblem], None] | None = None,
    on_document: Callable[[SourceDocument, bool], None] | None = None,
) -> IngestResult:
    """Annotate, extract and store each document; report problems and go on (placeholder)."""
    result = IngestResult()
    for item in items:
        if isinstance(item, SourceProblem):
            result.problems.append(item)
            if on_problem:
                on_problem(item)
            continue
        added = store.add_document(item, [], [])
        (result.added if added else result.unchanged).append(item.document.id)
        if on_document:
            on_document(item, added)
    return result
