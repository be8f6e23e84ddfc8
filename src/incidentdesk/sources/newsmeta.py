"""Metadata read from the words of a news text: byline, dateline, statement cues, publisher.

Everything here is a pattern over the text itself; nothing is guessed from the file (its name or
mtime). A missing value stays ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from incidentdesk.sources.boilerplate import is_appeal
from incidentdesk.sources.dates import MONTH_RE, find_datetime

_WEEKDAYS = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_NAME_WORD = rf"(?!(?:{MONTH_RE}|{_WEEKDAYS}|Updated|Published|Posted)\b)[A-Z][\w'’.-]*"
_PARTICLE = r"(?:de|van|von|der|al|bin|da|del|la|le|di)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|{_PARTICLE})){{0,4}}"
_BYLINE = re.compile(
    rf"^(?i:by|written\s+by)\s+(?P<name>{_NAME}(?:\s*(?:,|\band\b|&)\s*{_NAME})*)"
    r"\s*(?:[,|·•–—-]\s*)?(?P<rest>.*)$"
)
_PUBLISHED_LINE = re.compile(
    r"^(?:published|posted|first\s+published)(?:\s+on)?\s*:?\s*(?P<rest>.+)$", re.IGNORECASE
)
_DATELINE = re.compile(
    rf"^(?P<city>[A-Z][A-Za-z.'’-]+(?:\s+[A-Z][A-Za-z.'’-]+){{0,3}})"
    r"(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2})?"
    rf"(?:,\s*(?P<date>(?:{MONTH_RE}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH_RE})(?:,?\s+(?:19|20)\d{{2}})?))?"
    r"\s*(?:\((?P<agency>[A-Z][\w .&'’-]{0,40})\))?"
    r"\s*(?:-{1,2}|—|–)\s+\S"
)
_OFFICIAL = re.compile(
    r"^(?:press\s+release|news\s+release|media\s+release|official\s+statement|public\s+statement"
    r"|joint\s+statement|statement\s+(?:by|from|of|on\s+behalf\s+of)\b|communiqu[eé]"
    r"|for\s+immediate\s+release)",
    re.IGNORECASE,
)
_ORG = r"[A-Z][\w'’&.-]*(?:\s+(?:(?:of|for|and|the|on|&)\s+)*[A-Z][\w'’&.-]*)*"
_STATEMENT_BY = re.compile(rf"\b(?i:statement\s+(?:by|from|of)\s+(?:the\s+)?)(?P<org>{_ORG})")
_APPEAL_PUBLISHER = (
    re.compile(
        r"\b(?:Millions|Thousands|Hundreds\s+of\s+thousands)\s+(?:of\s+(?:people|readers)\s+)?"
        rf"read\s+(?:the\s+)?(?P<org>{_ORG})"
    ),
    re.compile(
        rf"\b(?:[Ss]upport|[Dd]onate\s+to|[Ss]ubscribe\s+to|member\s+of|[Jj]oin)\s+"
        rf"(?:the\s+)?(?P<org>{_ORG})"
    ),
    re.compile(rf"\b[Tt]hank\s+you\s+for\s+(?:reading|supporting)\s+(?:the\s+)?(?P<org>{_ORG})"),
)
_COPYRIGHT = re.compile(
    rf"^(?:[Cc]opyright\s*)?(?:©|\([cC]\))\s*(?:(?:19|20)\d{{2}}\s*(?:[-–]\s*(?:19|20)\d{{2}}\s*)?)?"
    rf"(?:the\s+|The\s+)?(?P<org>{_ORG})"
)
_NOT_NAMES = {"Our", "Us", "We", "You", "Your", "This", "It", "All", "Help", "Thanks", "Today"}
_SEARCH_LINES = 15


@dataclass
class Byline:
    """A byline found among the first lines: who wrote it, when, and which lines to drop."""

    author: str | None
    published: str | None
    drop: list[int] = field(default_factory=list)


@dataclass
class Dateline:
    """A wire dateline at the start of a paragraph ("CITY, 4 March 2031 (Agency) —")."""

    city: str
    published: str | None
    agency: str | None


def _first_lines(lines: list[str]) -> list[int]:
    indices = [i for i, line in enumerate(lines) if line.strip()]
    return indices[:_SEARCH_LINES]


def find_byline(lines: list[str]) -> Byline | None:
    """Find ``by NAME Month DD, YYYY HH:MM AM ...`` (and a ``Published ...`` line) near the top.

    The byline line is dropped whole (with trailing "2 min read" and the like); a date found
    on it, or on a separate ``Published`` / bare date line right after it, is the publication time.
    """
    found: Byline | None = None
    for i in _first_lines(lines):
        line = lines[i].strip()
        if len(line) > 200:
            continue
        match = _BYLINE.match(line)
        if match and found is None:
            rest = match.group("rest")
            when = find_datetime(rest)
            if when is None and len(rest) > 40:
                continue
            found = Byline(match.group("name").strip(" ,"), when[0] if when else None, [i])
            continue
        published = _PUBLISHED_LINE.match(line)
        bare = find_datetime(line)
        if published or (found is not None and bare and bare[1] == 0 and len(line) < 60):
            when = find_datetime(published.group("rest") if published else line)
            if when is None:
                continue
            if found is None:
                found = Byline(None, when[0], [i])
            else:
                found.published = found.published or when[0]
                found.drop.append(i)
    return found


def find_dateline(lines: list[str]) -> Dateline | None:
    """A dateline opening one of the first paragraphs; a date without a year gives no time."""
    for i in _first_lines(lines):
        match = _DATELINE.match(lines[i].strip())
        if match is None:
            continue
        city, date_text, agency = match.group("city"), match.group("date"), match.group("agency")
        if date_text is None and agency is None and not (city.isupper() and len(city) >= 3):
            continue
        when = find_datetime(date_text) if date_text else None
        return Dateline(city, when[0] if when else None, agency.strip() if agency else None)
    return None


def is_official(lines: list[str]) -> bool:
    """The text opens like an official statement ("Press release", "Statement by ...")."""
    return any(_OFFICIAL.match(lines[i].strip()) for i in _first_lines(lines)[:3])


def official_publisher(lines: list[str]) -> str | None:
    """The body named in "Statement by the Ministry of ..." among the first lines."""
    for i in _first_lines(lines)[:3]:
        match = _STATEMENT_BY.search(lines[i])
        if match:
            return _clean_org(match.group("org"))
    return None


def _clean_org(name: str) -> str | None:
    name = re.sub(r"\s+", " ", name).strip(" .,'’")
    if not name or name.split()[0] in _NOT_NAMES:
        return None
    return name


def publisher_from_page(text: str) -> str | None:
    """The outlet as a page names itself: in an appeal ("Millions read the X") or a © line."""
    for raw in text.split("\n"):
        line = raw.strip()
        if is_appeal(line):
            for pattern in _APPEAL_PUBLISHER:
                for match in pattern.finditer(line):
                    name = _clean_org(match.group("org"))
                    if name:
                        return name
        copyright_match = _COPYRIGHT.match(line)
        if copyright_match:
            name = _clean_org(copyright_match.group("org"))
            if name:
                return name
    return None
