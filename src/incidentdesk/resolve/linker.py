"""Link a new document to the stored documents that report the same incident.

One ingest run loads the stored profiles once, then for each new document: embed its lead,
build its profile, and score it against every stored profile the blocking rule lets through.
The pairwise rule (``resolve/linking.py``) is symmetric and looks only at the two profiles, so
the links, and the incidents they form, do not depend on the order documents arrive in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from incidentdesk.annotate.embedding import embed
from incidentdesk.model import Document, Fact
from incidentdesk.resolve.linking import LINK_FLOOR, link_score, may_link
from incidentdesk.resolve.profile import DocProfile, build_profile


class Linker:
    """The profiles of stored documents, kept in memory while documents are added."""

    def __init__(self, stored: dict[str, str]) -> None:
        self.profiles: dict[str, DocProfile] = {
            doc: DocProfile.from_json(payload) for doc, payload in stored.items()
        }

    def profile(self, document: Document, facts: list[Fact], text: str) -> DocProfile:
        """The profile of a document (its embedding included)."""
        vector = embed([text])[0]
        return build_profile(document, facts, text, vector)

    def links_for(self, profile: DocProfile) -> list[tuple[str, float]]:
        """(stored document, score) for every stored document compared with ``profile`` that
        scores at least ``LINK_FLOOR`` (``resolve/incidents.py`` decides from the scores)."""
        found = []
        for other in self.profiles.values():
            if other.document == profile.document or not may_link(profile, other):
                continue
            score = link_score(profile, other)
            if score >= LINK_FLOOR:
                found.append((other.document, round(score, 6)))
        return sorted(found)

    def remember(self, profile: DocProfile) -> None:
        """Add a stored document's profile, so later documents are compared with it."""
        self.profiles[profile.document] = profile


def relink_all(
    profiles: Iterable[DocProfile], on_progress: Callable[[int], None] | None = None
) -> list[tuple[str, str, float]]:
    """Every link among ``profiles`` (``a < b``), e.g. after the linking rule changed."""
    linker = Linker({})
    links: list[tuple[str, str, float]] = []
    for n, profile in enumerate(sorted(profiles, key=lambda p: p.document), start=1):
        links.extend(
            (min(profile.document, o), max(profile.document, o), s)
            for o, s in linker.links_for(profile)
        )
        linker.remember(profile)
        if on_progress:
            on_progress(n)
    return sorted(links)
