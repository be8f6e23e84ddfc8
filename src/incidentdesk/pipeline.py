"""The ingest job: sources -> annotate -> extract -> link -> store, one transaction per document."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from incidentdesk.annotate.pipeline import annotate
from incidentdesk.extract import extract
from incidentdesk.model import SourceDocument, SourceProblem
from incidentdesk.resolve.linker import Linker, relink_all
from incidentdesk.store import Store


@dataclass
class IngestResult:
    """What an ingest did: documents added, already present, and inputs that failed."""

    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)

    @property
    def read_any(self) -> bool:
        """Whether at least one document was read (new or already stored)."""
        return bool(self.added or self.unchanged)

    @property
    def ok(self) -> bool:
        """False only when nothing at all could be ingested."""
        return self.read_any or not self.problems


def ingest(
    store: Store,
    items: Iterable[SourceDocument | SourceProblem],
    on_problem: Callable[[SourceProblem], None] | None = None,
    on_document: Callable[[SourceDocument, bool], None] | None = None,
) -> IngestResult:
    """Annotate, extract and store each document; report problems and go on.

    Each new document is linked to the stored documents that report the same incident (its
    profile and links are stored in the document's transaction). A document already stored (same
    content hash) is skipped without work. A document that
    fails during annotation, extraction or storage is reported as a problem and leaves nothing
    behind (its transaction is rolled back); the documents before and after it are unaffected.
    """
    result = IngestResult()

    def problem(item: SourceProblem) -> None:
        result.problems.append(item)
        if on_problem:
            on_problem(item)

    linker: Linker | None = None
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
            if linker is None:
                linker = Linker(store.profiles())
            profile = linker.profile(item.document, facts, item.text)
            links = linker.links_for(profile)
            added = store.add_document(item, facts, mentions, profile.to_json(), links)
            if added:
                linker.remember(profile)
        except Exception as exc:
            problem(
                SourceProblem(source=item.document.source, reason=f"could not be processed: {exc}")
            )
            continue
        (result.added if added else result.unchanged).append(doc_id)
        if on_document:
            on_document(item, added)
    return result


def relink(store: Store, on_progress: Callable[[int, int], None] | None = None) -> int:
    """Profile every stored document again and replace all links; return the link count.

    For databases written before documents were linked at ingest, or after the rule changed.
    """
    documents = store.documents()
    linker = Linker({})
    profiles = []
    total = len(documents) * 2
    for n, doc in enumerate(documents, start=1):
        profiles.append(linker.profile(doc, store.facts(document=doc.id), store.text(doc.id)))
        if on_progress:
            on_progress(n, total)
    store.set_profiles({p.document: p.to_json() for p in profiles})

    def linked(n: int) -> None:
        if on_progress:
            on_progress(len(documents) + n, total)

    links = relink_all(profiles, linked)
    store.replace_links(links)
    return len(links)
