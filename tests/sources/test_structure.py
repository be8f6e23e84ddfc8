"""Infobox fields and sections, with offsets into the stored text."""

from __future__ import annotations

from incidentdesk.sources.structure import find_infobox, find_sections, title_heading
from tests.sources.samples import ENCYCLOPEDIA


def test_infobox_offsets_point_at_the_values() -> None:
    fields = find_infobox(ENCYCLOPEDIA)
    assert fields
    for field in fields:
        assert ENCYCLOPEDIA[field.start : field.end] == field.value


def test_infobox_skips_unknown_values_and_trims_partial_ones() -> None:
    fields = {f.key: f.value for f in find_infobox(ENCYCLOPEDIA)}
    assert fields["Fatalities"] == "12"
    assert fields["Date"] == "14:10–14:55"
    assert fields["Weapons"] == "petrol bombs"
    assert "Perpetrators" not in fields  # empty: unknown, not zero
    assert "Motive" not in fields  # punctuation only


def test_sections_cover_their_body_up_to_the_next_peer_heading() -> None:
    sections = {s.heading: s for s in find_sections(ENCYCLOPEDIA)}
    assert list(sections) == ["Background", "Earlier warnings", "Attack", "Casualties"]
    background = sections["Background"]
    body = ENCYCLOPEDIA[background.start : background.end]
    assert body.startswith("The market had been")
    assert body.endswith("threats in April.")  # includes its subsection
    assert sections["Earlier warnings"].level == 3
    casualties = sections["Casualties"]
    assert ENCYCLOPEDIA[casualties.start : casualties.end] == "Twelve people died."


def test_title_heading_is_not_a_section() -> None:
    heading = title_heading(ENCYCLOPEDIA)
    assert heading is not None and heading.text == "Lindqvist market fire"


def test_markdown_headings() -> None:
    text = "# Notes\n\nIntro.\n\n## First\n\nOne.\n\n### Detail\n\nTwo.\n\n## Second\n\nThree.\n"
    sections = find_sections(text)
    assert [(s.heading, s.level) for s in sections] == [
        ("First", 2),
        ("Detail", 3),
        ("Second", 2),
    ]
    first = sections[0]
    assert text[first.start : first.end] == "One.\n\n### Detail\n\nTwo."
