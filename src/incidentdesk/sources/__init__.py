"""Readers: turn files, folders, globs, stdin and JSON Lines into ``SourceDocument`` objects.

Public API (implemented in the modules of this package):

``iter_sources(paths, stdin=None, max_bytes=20_000_000)``
    -> ``Iterator[SourceDocument | SourceProblem]``. Expand folders (recursively, sorted) and
    globs; ``-`` reads stdin. Every input either yields documents or a ``SourceProblem`` naming
    the file and the reason; it never raises for bad input.

Modules: ``paths`` (expanding names), ``decoding`` (bytes to text), ``text`` (plain text and
Markdown), ``boilerplate`` (page furniture), ``newsmeta`` (byline, dateline, publisher),
``structure`` (headings, infobox), ``frontmatter``, ``htmlpage``, ``jsonl``, ``dates``,
``document`` (metadata and the ``SourceDocument`` builder), ``loader`` (``iter_sources``).
"""

from incidentdesk.sources.loader import iter_sources

__all__ = ["iter_sources"]
