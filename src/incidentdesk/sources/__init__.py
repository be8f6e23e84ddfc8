"""Readers: turn files, folders, globs, stdin and JSON Lines into ``SourceDocument`` objects.

Public API (implemented in the modules of this package):

``iter_sources(paths: Sequence[str], stdin: TextIO | None = None) -> Iterator[SourceDocument | SourceProblem]``
    Expand folders (recursively, sorted) and globs; ``-`` reads stdin. Every input either yields
    documents or a ``SourceProblem`` naming the file and the reason; it never raises for bad input.
"""

from incidentdesk.sources.loader import iter_sources

__all__ = ["iter_sources"]
