"""A simple header block of ``Key: value`` lines at the top of a text file.

    Title: Gunfire at the harbour market
    Publisher: Harbour Gazette
    Published: 2031-03-04T10:15

    The article text ...

The block may also be fenced by ``---`` lines (YAML style). Every line of the block must be a
known key, so an ordinary first line such as ``WARNING: ...`` is never taken for a header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

KEYS: dict[str, str] = {
    "title": "title",
    "publisher": "publisher",
    "author": "author",
    "published": "published",
    "date": "published",
    "kind": "kind",
    "url": "url",
}
_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z _-]*?)\s*:\s*(.*?)\s*$")


@dataclass
class FrontMatter:
    """The header fields (canonical key -> value) and the text that follows the header."""

    fields: dict[str, str] = field(default_factory=dict)
    body: str = ""


def _parse_lines(lines: list[str]) -> dict[str, str] | None:
    fields: dict[str, str] = {}
    for line in lines:
        match = _LINE.match(line)
        if match is None:
            return None
        key = KEYS.get(match.group(1).lower().replace("-", " ").replace("_", " ").strip())
        if key is None:
            return None
        if match.group(2):
            fields.setdefault(key, match.group(2))
    return fields


def split_front_matter(text: str) -> FrontMatter:
    """Split off a leading header block.

    Without one, ``fields`` is empty and ``body`` is ``text`` unchanged.
    """
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start < len(lines) and lines[start].strip() == "---":
        for end in range(start + 1, len(lines)):
            if lines[end].strip() == "---":
                fields = _parse_lines([x for x in lines[start + 1 : end] if x.strip()])
                if fields is not None:
                    return FrontMatter(fields, "\n".join(lines[end + 1 :]))
                break
        return FrontMatter({}, text)
    end = start
    while end < len(lines) and lines[end].strip():
        end += 1
    if end == start or end >= len(lines):
        return FrontMatter({}, text)  # no blank line after the block: not a header
    fields = _parse_lines(lines[start:end])
    if not fields:
        return FrontMatter({}, text)
    return FrontMatter(fields, "\n".join(lines[end + 1 :]))
