"""Structure found in stored text: the title heading, section headings and infobox fields.

All offsets are character offsets into the text given, so ``text[start:end]`` is the value (for
infobox fields) or the section body (for sections).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from incidentdesk.model import InfoboxField, Section

_WIKI_HEADING = re.compile(r"^(={1,6})\s*([^=\s].*?)\s*\1\s*$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)(?:\s+#+)?\s*$")
_INFOBOX = re.compile(r"^infobox(?:\s+[\w ]{1,50})?\s*:?\s*$", re.IGNORECASE)
_FIELD = re.compile(r"^\s*[-*•]\s*(?P<key>[^:\n]{1,60}?)\s*:(?P<value>.*)$")
_LEADING_JUNK = re.compile(r"^[\s,;:]+")
_TRAILING_JUNK = re.compile(r"[\s,;]+$")
_ALNUM = re.compile(r"[^\W_]")


@dataclass(frozen=True)
class Heading:
    """A heading line: its text, level (number of ``=`` or ``#``) and the line's span."""

    text: str
    level: int
    start: int
    end: int


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Each line with the offset where it starts."""
    offset = 0
    for line in text.split("\n"):
        yield offset, line
        offset += len(line) + 1


def find_headings(text: str) -> list[Heading]:
    """Wiki-style (``== X ==``) and Markdown (``## X``) headings, in order."""
    headings: list[Heading] = []
    for offset, line in _lines(text):
        match = _WIKI_HEADING.match(line) or _MD_HEADING.match(line)
        if match:
            headings.append(
                Heading(match.group(2), len(match.group(1)), offset, offset + len(line))
            )
    return headings


def title_heading(text: str) -> Heading | None:
    """The heading that is the document's title: a level-1 heading on the first non-blank line
    that is the only level-1 heading of the text."""
    headings = find_headings(text)
    first_line_start = len(text) - len(text.lstrip())
    level_one = [h for h in headings if h.level == 1]
    if len(level_one) == 1 and level_one[0].start == first_line_start:
        return level_one[0]
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_sections(text: str) -> list[Section]:
    """One ``Section`` per heading (except the title heading); its body runs up to the next
    heading of the same or a higher level (a lower number), trimmed of surrounding blank space."""
    title = title_heading(text)
    headings = [h for h in find_headings(text) if h != title]
    sections: list[Section] = []
    for i, heading in enumerate(headings):
        end = len(text)
        for later in headings[i + 1 :]:
            if later.level <= heading.level:
                end = later.start
                break
        start, end = _trim(text, min(heading.end + 1, len(text)), end)
        sections.append(Section(heading=heading.text, level=heading.level, start=start, end=end))
    return sections


def find_infobox(text: str) -> list[InfoboxField]:
    """Fields of ``Infobox`` blocks: the ``- Key: value`` lines right after an ``Infobox`` line.

    Values are trimmed of surrounding spaces, leading ", " and trailing commas; a value with no
    letter or digit is unknown and skipped (an empty value is not zero).
    """
    fields: list[InfoboxField] = []
    in_box = False
    for offset, line in _lines(text):
        if _INFOBOX.match(line):
            in_box = True
            continue
        if not in_box:
            continue
        match = _FIELD.match(line)
        if match is None:
            in_box = False
            continue
        raw = match.group("value")
        lead = _LEADING_JUNK.match(raw)
        skip = lead.end() if lead else 0
        value = _TRAILING_JUNK.sub("", raw[skip:])
        if not _ALNUM.search(value):
            continue
        start = offset + match.start("value") + skip
        fields.append(
            InfoboxField(
                key=match.group("key").strip(), value=value, start=start, end=start + len(value)
            )
        )
    return fields
