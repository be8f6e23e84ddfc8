"""The small world gazetteer: countries from names, demonyms and capitals."""

from __future__ import annotations

from incidentdesk.annotate.countries import countries_in, country_of, find_places


def test_country_of_names_demonyms_and_cities() -> None:
    assert country_of("El Salvador") == "El Salvador"
    assert country_of("SALVADORAN") == "El Salvador"
    assert country_of("Bogota") == "Colombia"
    assert country_of("Krasnogorsk") == "Russia"
    assert country_of("Atlantis") is None


def test_shared_aliases_name_no_country() -> None:
    assert country_of("Valencia") is None  # a city in two countries


def test_countries_in_text_with_offsets() -> None:
    text = "Gunmen from Peru crossed into Colombian territory near Bogota."
    assert countries_in(text) == ["Peru", "Colombia", "Colombia"]
    _country, start, end = find_places(text)[0]
    assert text[start:end] == "Peru"


def test_short_capital_aliases_only_when_written_so() -> None:
    assert countries_in("Tell us what happened") == []
    assert countries_in("US officials said") == ["United States"]
