"""The ingest job: sources -> annotate -> extract -> store, one transaction per document."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from incidentdesk.annotate.pipeline import annotate
from incidentdesk.extract import extract
from incidentdesk.model import SourceDocument, SourceProblem
from incidentdesk.store import Store


@dataclass
class IngestResult:
    """What an ingest did: documents added, already present, and inputs that failed."""

    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """False only when nothing at all could be ingested."""
        return bool(self.added or self.unchanged) or not self.problems


def ingest(
    store: Store,
    items: Iterable[SourceDocument | SourceProblem],
    on_problem: Callable[[SourceProblem], None] | None = None,
    on_document: Callable[[SourceDocument, bool], None] | None = None,
) -> IngestResult:
    """Annotate, extract and store each document; report problems and go on.

    A document already stored (same content hash) is skipped without work. A document that
    fails during annotation, extraction or storage is reported as a problem and leaves nothing
    behind (its transaction is rolled back); the documents before and after it are unaffected.
    """
    result = IngestResult()

    def problem(item: SourceProblem) -> None:
        result.problems.append(item)
        if on_problem:
            on_problem(item)

    for item in items:
        if isinstance(item, SourceProblem):
            problem(item)
            continue
        doc_id = item.document.id
        if store.has_document(doc_id):
            result.unchanged.append(doc_id)
            if on_document:
                on_document(item, False)
            continue
        try:
            facts, mentions = extract(annotate(item))
            added = store.add_document(item, facts, mentions)
        except Exception as exc:
            problem(
                SourceProblem(source=item.document.source, reason=f"could not be processed: {exc}")
            )
            continue
        (result.added if added else result.unchanged).append(doc_id)
        if on_document:
            on_document(item, added)
    return result
