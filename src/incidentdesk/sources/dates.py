"""Publication dates: find them in bylines and normalise them to ISO 8601 without guessing.

A date stays a date (``2024-03-23``); a time without a stated zone stays naive
(``2024-03-23T00:38``); a stated offset is kept (``2024-03-23T00:38:00+02:00``). Only ``UTC``,
``GMT``, ``Z`` and numeric offsets count as a stated zone: abbreviations such as ``EST`` are
ambiguous and are left out rather than guessed.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

MONTHS: dict[str, int] = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

MONTH_RE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_TIME = (
    r"(?:(?:,|\s+at|\s*[-–—|·•])?\s+(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"(?:\s*(?P<ampm>[AaPp]\.?\s?[Mm]\.?)(?![A-Za-z]))?"
    r"(?:\s*(?P<zone>Z|(?:UTC|GMT)?\s?[+-]\d{1,2}(?::?\d{2})?|UTC|GMT)(?![A-Za-z]))?)?"
)
_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"\b(?P<month>{MONTH_RE})\s+{_DAY},?\s+{_YEAR}\b{_TIME}", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?P<month>{MONTH_RE}),?\s+{_YEAR}\b{_TIME}", re.IGNORECASE),
    re.compile(
        rf"\b{_YEAR}-(?P<mon>\d{{2}})-(?P<day>\d{{2}})\b"
        r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?(?:\.\d+)?"
        r"(?P<zone>Z|[+-]\d{2}:?\d{2})?)?"
    ),
)
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(?:ago|yesterday|today|tomorrow|last|next|this)\b", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_PARTIAL = re.compile(r"^\d{4}(?:-\d{2})?$")
_RFC2822 = re.compile(
    r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s+"
    r"(?:[+-]\d{4}|[A-Z]{2,4})$"
)
_HAS_SECONDS = re.compile(r"\d{2}:\d{2}:\d{2}")
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")


def month_number(name: str) -> int:
    """``"Sept."`` -> 9."""
    return MONTHS[name.strip(".").lower()[:3]]


def _offset(zone: str) -> timezone | None:
    """A stated zone as a fixed offset; ``None`` when there is none."""
    zone = zone.strip().upper()
    if zone in {"Z", "UTC", "GMT"}:
        return UTC
    match = re.fullmatch(r"(?:UTC|GMT)?\s?([+-])(\d{1,2}):?(\d{2})?", zone)
    if match is None:
        return None
    sign = -1 if match.group(1) == "-" else 1
    delta = timedelta(hours=int(match.group(2)), minutes=int(match.group(3) or 0))
    return timezone(sign * delta)


def format_datetime(value: datetime, seconds: bool) -> str:
    """ISO 8601 to the minute (or second), with the offset only when one is known."""
    return value.isoformat(timespec="seconds" if seconds or value.second else "minutes")


def _from_match(match: re.Match[str]) -> str | None:
    parts = match.groupdict()
    try:
        month = int(parts["mon"]) if parts.get("mon") else month_number(parts["month"])
        day = date(int(parts["year"]), month, int(parts["day"]))
        if parts.get("hour") is None:
            return day.isoformat()
        hour, minute = int(parts["hour"]), int(parts["minute"])
        ampm = (parts.get("ampm") or "").replace(".", "").replace(" ", "").lower()
        if ampm:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if ampm == "pm" else 0)
        second = int(parts["second"] or 0)
        zone = _offset(parts["zone"]) if parts.get("zone") else None
        stamp = datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=zone)
    except (ValueError, KeyError):
        return None
    return format_datetime(stamp, seconds=parts["second"] is not None)


def find_datetime(text: str) -> tuple[str, int, int] | None:
    """The first date (with a following time and zone, if any) in ``text``.

    Returns ``(iso, start, end)`` with the span of the matched words, or ``None``.
    """
    best: tuple[str, int, int] | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            iso = _from_match(match)
            if iso is not None:
                if best is None or match.start() < best[1]:
                    best = (iso, match.start(), match.end())
                break
    return best


def _parse_iso(value: str) -> str | None:
    if _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            return None
    if _ISO_PARTIAL.match(value):
        month = value.partition("-")[2]
        return value if not month or 1 <= int(month) <= 12 else None
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        return None
    return format_datetime(stamp, seconds=bool(_HAS_SECONDS.search(value)))


def _parse_written(value: str) -> str | None:
    """A written date that is the whole value, after an optional weekday."""
    bare = _WEEKDAY.sub("", value)
    found = find_datetime(bare)
    if found is not None and found[1] == 0 and not bare[found[2] :].strip(" ,."):
        return found[0]
    return None


def _parse_rfc2822(value: str) -> str | None:
    if not _RFC2822.match(value):
        return None
    try:
        stamp = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return format_datetime(stamp, seconds=bool(_HAS_SECONDS.search(value)))


def _parse_dateparser(value: str) -> str | None:
    if _RELATIVE.search(value) or not re.search(r"\d{4}", value):
        return None
    import dateparser  # imported lazily: slow, and rarely needed

    settings = {
        "STRICT_PARSING": True,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    stamp = dateparser.parse(value, settings=settings)
    if not isinstance(stamp, datetime):
        return None
    if not _HAS_TIME.search(value):
        return stamp.date().isoformat()
    return format_datetime(stamp.replace(tzinfo=None), seconds=bool(_HAS_SECONDS.search(value)))


def normalise_published(value: str) -> str:
    """Normalise a stated publication time to ISO 8601, keeping its precision and offset.

    Accepts ISO 8601, RFC 2822 (``Sat, 23 Mar 2024 00:38:00 +0200``) and written dates
    (``March 23, 2024 12:38 AM``, ``23 March 2024``). Raises ``ValueError`` for anything else,
    including relative dates ("yesterday"), which cannot be resolved without guessing.
    """
    text = " ".join(value.split())
    if not text:
        raise ValueError("empty date")
    iso = _parse_iso(text) or _parse_written(text) or _parse_rfc2822(text)
    if iso is None:
        iso = _parse_dateparser(text)
    if iso is None:
        raise ValueError(f"unrecognised date {value!r}")
    return iso
