"""Dates and times in running text, resolved against the document's own time.

Explicit dates ("22 March 2024", "March 22", "in October 2015"), relative dates ("yesterday",
"on Friday", "ten days after the attack", "hours later") and clock times ("around 20:00 MSK (UTC+3)",
"19:58–20:11", "8:15 p.m.") are found with their offsets. Year-less dates take the year of the
paragraph they appear in, else the anchor year; for news, the latest such day no more than
``AHEAD_DAYS`` after publication (a day in the weeks ahead is something planned).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from incidentdesk.annotate.numbers import parse_number

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_ZONE = (
    r"(?:[A-Z]{2,5}(?:\s*\((?:UTC|GMT)\s*[+\u2212-]\s*\d{1,2}(?::\d\d)?\))?"
    r"|(?:UTC|GMT)\s*[+\u2212-]\s*\d{1,2}(?::\d\d)?|local\s+time)"
)
_CLOCK = r"(?:[01]?\d|2[0-3])[:.][0-5]\d"
_AMPM = r"(?:\d{1,2}(?:[:.][0-5]\d)?\s*(?:a\.?m\.?|p\.?m\.?)(?![a-z]))"

_EXPLICIT = re.compile(
    rf"\b(?P<dmy>(?P<d1>{_DAY})\s+(?P<m1>{_MONTH})(?:,?\s+(?P<y1>{_YEAR}))?)\b"
    rf"|\b(?P<mdy>(?P<m2>{_MONTH})\s+(?P<d2>{_DAY})(?:,?\s+(?P<y2>{_YEAR}))?)\b(?!\s*(?::|\d))"
    rf"|\b(?P<my>(?P<m3>{_MONTH})\s+(?P<y3>{_YEAR}))\b"
    rf"|\b(?P<iso>(?P<y4>{_YEAR})-(?P<m4>[01]\d)-(?P<d4>[0-3]\d))\b"
    rf"|\b(?:in|since|of|by|during|until)\s+(?P<yonly>{_YEAR})\b(?!\s*[-\u2013]?\s*\d)",
)
_RELATIVE = re.compile(
    r"\b(?P<word>yesterday|today|tonight|last\s+night|this\s+morning|earlier\s+today)\b"
    r"|\b(?P<wday_attack>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)['’]s\s+"
    r"(?:deadly\s+|fatal\s+|terrorist\s+)?(?:attack|shooting|bombing|explosion|blast|massacre|assault)\b"
    r"|\b(?:on|last|this\s+past)\s+(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
    r"|Sunday)\b"
    r"|\b(?:the\s+)?(?P<dayrel>day|night|morning)\s+(?P<dir2>after|before)\s+(?:the\s+)?"
    r"(?:attack|shooting|bombing|explosion|blast|incident|massacre|assault)\b"
    r"|\b(?P<count>[\w-]+|a)\s+(?P<unit>day|days|week|weeks|month|months)\s+"
    r"(?P<dir>after|before)\s+(?:the\s+)?(?:attack|shooting|bombing|explosion|blast|incident"
    r"|massacre|assault|raid|siege)\b"
    r"|\b(?:the\s+)?(?:next|following)\s+(?P<next>day|morning|afternoon|evening|night)\b"
    r"|\b(?P<lcount>[\w-]+|a)\s+(?P<lunit>day|days|week|weeks|month|months)\s+later\b"
    r"|\b(?P<later>(?:hours|minutes|moments)\s+later)\b",
    re.IGNORECASE,
)
_TIME = re.compile(
    rf"(?P<range>{_CLOCK}\s*[\u2013\u2014-]\s*{_CLOCK})(?:\s+(?P<zone1>{_ZONE}))?"
    rf"|(?P<clock>{_CLOCK})(?:\s*(?:hours|hrs|h)\b)?(?:\s+(?P<zone2>{_ZONE}))?"
    rf"|(?P<ampm>{_AMPM})(?:\s+(?P<zone3>{_ZONE}))?",
)
#: A day followed by one of these is part of a name, not a date: "the 19 April Movement",
#: "1 May Avenue", "the 6 October Bridge". (Not "city", "school", "hospital": "On 4 June city
#: officials said" is a date.)
_NAMED_AFTER = re.compile(
    r"\s+(?:movement|avenue|street|square|boulevard|bridge|brigade|battalion)\b(?!-)",
    re.IGNORECASE,
)
_AS_OF = re.compile(r"\b(?:as\s+of|by|as\s+at|until|up\s+to)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class DateMention:
    """A date or time expression; ``date`` is ISO (day, month or year precision) when resolved."""

    start: int
    end: int
    text: str
    date: str | None
    precision: str
    time: str | None = None
    timezone: str | None = None
    relation: str = "on"
    explicit_year: bool = False
    relative_to_incident: int | None = None
    relative: bool = False


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _day(raw: str) -> int:
    return int(re.sub(r"\D", "", raw))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


#: A year-less day this many days or fewer after a news report's date is read in the weeks ahead
#: ("the elections planned for 12 November" in a report of 7 November), not almost a year back.
AHEAD_DAYS = 45


def _latest_within_ahead(month: int, day: int, anchor: date) -> date | None:
    """The latest (month, day) on or within ``AHEAD_DAYS`` after ``anchor``."""
    for year in (anchor.year + 1, anchor.year, anchor.year - 1):
        candidate = _safe_date(year, month, day)
        if candidate and candidate <= anchor + timedelta(days=AHEAD_DAYS):
            return candidate
    return None


def _relation(text: str, start: int) -> str:
    before = text[max(0, start - 12) : start]
    if _AS_OF.search(before):
        return "as of"
    return "on"


def find_times(text: str) -> list[DateMention]:
    """Clock times, ranges and am/pm times with any zone that follows them."""
    found: list[DateMention] = []
    for m in _TIME.finditer(text):
        if m.group("range"):
            value = re.sub(r"\s+", "", m.group("range")).replace("-", "\u2013")
            zone = m.group("zone1")
        elif m.group("clock"):
            value = m.group("clock").replace(".", ":")
            zone = m.group("zone2")
            before = text[max(0, m.start() - 1) : m.start()]
            if before and (before.isdigit() or before in "$:"):
                continue
        else:
            value = m.group("ampm")
            zone = m.group("zone3")
        if zone and zone.lower() in {"am", "pm", "on", "in", "at"}:
            zone = None
        end = m.end()
        found.append(
            DateMention(
                start=m.start(),
                end=end,
                text=text[m.start() : end],
                date=None,
                precision="time",
                time=value,
                timezone=re.sub(r"\s+", " ", zone) if zone else None,
            )
        )
    return found


def find_dates(
    text: str,
    anchor: date | None,
    *,
    prefer_past_of_anchor: bool,
    paragraph_year: int | None = None,
    incident: date | None = None,
    narrative: date | None = None,
) -> list[DateMention]:
    """Dates in ``text`` resolved against ``anchor`` (the document time) and ``incident``.

    ``prefer_past_of_anchor`` is set for news: a year-less date is the latest such day no more
    than ``AHEAD_DAYS`` after the anchor. Otherwise the year is the paragraph's last explicit
    year, else the anchor's.
    "The next morning" and "two days later" count from ``narrative`` (the last explicit day the
    text mentioned before), else from ``incident``.
    """
    found: list[DateMention] = []
    year_context = paragraph_year
    for m in _EXPLICIT.finditer(text):
        if (m.group("dmy") or m.group("mdy")) and _NAMED_AFTER.match(text, m.end()):
            continue
        iso: str | None = None
        precision = "day"
        explicit_year = False
        if m.group("dmy") or m.group("mdy"):
            raw_day = m.group("d1") or m.group("d2")
            month = _month(m.group("m1") or m.group("m2"))
            year_raw = m.group("y1") or m.group("y2")
            day = _day(raw_day)
            resolved: date | None
            if year_raw:
                resolved = _safe_date(int(year_raw), month, day)
                explicit_year = True
                year_context = int(year_raw)
            elif prefer_past_of_anchor and anchor and year_context is None:
                resolved = _latest_within_ahead(month, day, anchor)
            elif year_context is not None:
                resolved = _safe_date(year_context, month, day)
            elif anchor is not None:
                resolved = _safe_date(anchor.year, month, day)
            else:
                resolved = None
            iso = resolved.isoformat() if resolved else None
        elif m.group("my"):
            year = int(m.group("y3"))
            iso = f"{year:04d}-{_month(m.group('m3')):02d}"
            precision = "month"
            explicit_year = True
            year_context = year
        elif m.group("iso"):
            ok = _safe_date(int(m.group("y4")), int(m.group("m4")), int(m.group("d4")))
            iso = ok.isoformat() if ok else None
            explicit_year = True
            year_context = int(m.group("y4"))
        else:
            iso = f"{int(m.group('yonly')):04d}"
            precision = "year"
            explicit_year = True
        start = m.start("yonly") if m.group("yonly") else m.start()
        found.append(
            DateMention(
                start=start,
                end=m.end(),
                text=text[start : m.end()],
                date=iso,
                precision=precision,
                relation=_relation(text, start),
                explicit_year=explicit_year,
            )
        )
    for m in _RELATIVE.finditer(text):
        mention = _relative(m, anchor, incident, narrative)
        if mention is not None:
            found.append(mention)
    found.sort(key=lambda d: d.start)
    return found


def _count_days(raw: str, unit: str) -> int | None:
    """``two`` ``weeks`` -> 14; None when the count is not a number."""
    count = raw.lower()
    parsed = parse_number(count) if count not in ("a", "one") else (1, None, False)
    if parsed is None:
        return None
    return int(parsed[0]) * {"day": 1, "week": 7, "month": 30}[unit.lower().rstrip("s")]


def _relative(
    m: re.Match[str], anchor: date | None, incident: date | None, narrative: date | None = None
) -> DateMention | None:
    text = m.group(0)
    base = DateMention(m.start(), m.end(), text, None, "day", relative=True)
    if m.group("word"):
        if anchor is None:
            return None
        word = m.group("word").lower()
        day = anchor - timedelta(days=1) if word == "yesterday" else anchor
        return replace(base, date=day.isoformat())
    if m.group("weekday") or m.group("wday_attack"):
        if anchor is None:
            return None
        target = WEEKDAYS[(m.group("weekday") or m.group("wday_attack")).lower()]
        delta = (anchor.weekday() - target) % 7
        return replace(base, date=(anchor - timedelta(days=delta)).isoformat())
    if m.group("unit"):
        count_raw = m.group("count").lower()
        parsed = parse_number(count_raw) if count_raw not in ("a", "one") else (1, None, False)
        if parsed is None:
            return None
        unit = m.group("unit").lower().rstrip("s")
        days = parsed[0] * {"day": 1, "week": 7, "month": 30}[unit]
        if m.group("dir").lower() == "before":
            days = -days
        resolved = (incident + timedelta(days=days)).isoformat() if incident else None
        return replace(base, date=resolved, relative_to_incident=days)
    if m.group("dayrel"):
        days = 1 if m.group("dir2").lower() == "after" else -1
        resolved = (incident + timedelta(days=days)).isoformat() if incident else None
        return replace(base, date=resolved, relative_to_incident=days)
    if m.group("next") or m.group("lunit"):
        step = 1 if m.group("next") else _count_days(m.group("lcount"), m.group("lunit"))
        if step is None:
            return None
        base_day = narrative or incident
        resolved = (base_day + timedelta(days=step)).isoformat() if base_day else None
        return replace(base, date=resolved, relative_to_incident=None if narrative else step)
    if m.group("later"):
        resolved = incident.isoformat() if incident else None
        return replace(base, date=resolved, relative_to_incident=0)
    return None


def parse_iso_date(value: str | None) -> date | None:
    """The calendar day of an ISO date or datetime string, or None."""
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})(?:-(\d{2}))?", value)
    if not m:
        return None
    return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
