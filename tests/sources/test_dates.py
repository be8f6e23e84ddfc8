"""Publication dates: normalised to ISO 8601 without inventing a zone or a time."""

from __future__ import annotations

import pytest

from incidentdesk.sources.dates import find_datetime, normalise_published


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2024-03-23T00:38:00+02:00", "2024-03-23T00:38:00+02:00"),
        ("2024-03-23", "2024-03-23"),
        ("2024-03-23T00:38", "2024-03-23T00:38"),
        ("2024-03-23T00:38:00Z", "2024-03-23T00:38:00+00:00"),
        ("2024-03-23 00:38", "2024-03-23T00:38"),
        ("March 23, 2024 12:38 AM", "2024-03-23T00:38"),
        ("23 March 2024", "2024-03-23"),
        ("Saturday, 23 March 2024 14:05", "2024-03-23T14:05"),
        ("Sat, 23 Mar 2024 00:38:00 +0200", "2024-03-23T00:38:00+02:00"),
        ("June 5, 2030 2:20 PM UTC", "2030-06-05T14:20+00:00"),
    ],
)
def test_normalise_published(given: str, expected: str) -> None:
    assert normalise_published(given) == expected


@pytest.mark.parametrize("given", ["yesterday", "3 days ago", "soon", "2024-13-45", ""])
def test_unresolvable_dates_are_refused(given: str) -> None:
    with pytest.raises(ValueError):
        normalise_published(given)


def test_find_datetime_reports_the_span() -> None:
    text = "by Ana Lind April 2, 2031 7:15 PM 2 min read"
    found = find_datetime(text)
    assert found is not None
    iso, start, end = found
    assert iso == "2031-04-02T19:15"
    assert text[start:end] == "April 2, 2031 7:15 PM"


def test_zone_abbreviations_are_not_guessed() -> None:
    assert normalise_published("March 4, 2031 10:00 AM EST") == "2031-03-04T10:00"
