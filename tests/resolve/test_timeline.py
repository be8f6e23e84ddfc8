"""The timeline: one item per happening with all its sources, in the order things happened.

A fictional incident (an attack on the Marrow Bridge tram depot in Ostrel) told by hand-built
event facts, plus one annotated document for relative dates.
"""

from __future__ import annotations

import random

import pytest

from incidentdesk.model import Document, Evidence, Fact, SourceDocument, content_id
from incidentdesk.resolve.timeline import build_timeline, clock_minutes, content_words

COURIER = "doc-ostrel-courier"
WIRE = "doc-ostrel-wire"
POLICE = "doc-ostrel-police"


def event(
    document: str, date: str | None, text: str, time: str | None = None, start: int = 0
) -> Fact:
    """An event fact as the extractor makes it: the sentence is the evidence."""
    return Fact(
        document=document,
        field="event",
        value={"date": date, "time": time, "text": text},
        happened_at=date,
        evidence=Evidence(document=document, start=start, end=start + len(text), text=text),
        extractor="test",
    )


STORY = [
    event(
        COURIER,
        "2041-09-03",
        "At 07:10 two gunmen opened fire on tram drivers in the Marrow Bridge depot.",
        "07:10",
    ),
    event(
        WIRE,
        "2041-09-03",
        "Gunmen opened fire at the Marrow Bridge tram depot at about 7:15 a.m., witnesses said.",
        "7:15 a.m.",
        start=200,
    ),
    event(
        POLICE,
        "2041-09-03",
        "At 07:40 officers entered the depot and arrested one of the gunmen.",
        "07:40",
        start=40,
    ),
    event(
        COURIER,
        "2041-09-04",
        "The depot reopened to trams on Thursday after forensic teams left.",
        start=400,
    ),
    event(
        WIRE,
        "2041-09-04",
        "Trams returned to the depot, which reopened after forensic teams left.",
        start=500,
    ),
    event(POLICE, "2041-09-04", "Prosecutors charged the arrested gunman with murder.", start=300),
]


def test_same_date_and_same_happening_is_one_item_with_every_source() -> None:
    items = build_timeline(STORY)
    shooting = next(i for i in items if i.time and clock_minutes(i.time) == 7 * 60 + 10)
    assert shooting.documents == sorted([COURIER, WIRE])
    assert len(shooting.evidence) == 2
    assert {e.document for e in shooting.evidence} == {COURIER, WIRE}
    reopening = [i for i in items if "reopened" in i.text]
    assert len(reopening) == 1 and reopening[0].documents == sorted([COURIER, WIRE])
    assert len(items) == 4


def test_different_happenings_on_one_day_stay_apart() -> None:
    items = build_timeline(STORY)
    arrest = [i for i in items if "arrested one of the gunmen" in i.text]
    assert len(arrest) == 1 and arrest[0].documents == [POLICE]  # 30 minutes later: not the same
    charge = [i for i in items if "charged" in i.text]
    assert len(charge) == 1 and charge[0].documents == [POLICE]


def test_a_denial_is_not_the_happening_it_denies() -> None:
    facts = [
        event(WIRE, "2041-09-03", "No group had claimed responsibility for the depot attack."),
        event(
            COURIER,
            "2041-09-03",
            "A group calling itself the Ostrel Front claimed responsibility for the depot attack.",
        ),
    ]
    assert len(build_timeline(facts)) == 2


def test_one_document_merges_only_retellings_of_the_same_moment() -> None:
    facts = [
        event(COURIER, "2041-09-05", "Mourners gathered at the depot gates.", start=10),
        event(COURIER, "2041-09-05", "Mourners gathered at the town hall.", start=90),
        event(
            COURIER, "2041-09-03", "At 07:10 gunmen opened fire in the depot.", "07:10", start=150
        ),
        event(
            COURIER,
            "2041-09-03",
            "The gunmen opened fire in the tram depot at 07:10, killing four.",
            "07:10",
            start=600,
        ),
    ]
    items = build_timeline(facts)
    assert len(items) == 3
    moment = items[0]
    assert moment.time == "07:10" and len(moment.evidence) == 2


def test_ordered_by_date_then_time_with_untimed_items_last_in_their_day() -> None:
    facts = [
        event(POLICE, "2041-09-04", "Prosecutors charged the arrested gunman with murder."),
        event(
            WIRE, "2041-09-03", "A second explosion shook the depot yard at 9:05 p.m.", "9:05 p.m."
        ),
        event(POLICE, "2041-09-03", "Police sealed off the bridge.", start=80),
        event(COURIER, "2041-09-03", "Shooting began at 07:10–07:35 in the depot.", "07:10–07:35"),
        event(WIRE, "2041-08-30", "The depot staff received a threatening letter.", start=10),
    ]
    items = build_timeline(facts)
    assert [(i.date, i.time) for i in items] == [
        ("2041-08-30", None),
        ("2041-09-03", "07:10–07:35"),
        ("2041-09-03", "9:05 p.m."),
        ("2041-09-03", None),
        ("2041-09-04", None),
    ]


def test_the_timeline_does_not_depend_on_the_order_of_documents() -> None:
    expected = build_timeline(STORY)
    for seed in range(6):
        shuffled = list(STORY)
        random.Random(seed).shuffle(shuffled)
        assert build_timeline(shuffled) == expected


def test_background_and_other_incidents_are_left_out() -> None:
    other = event(WIRE, "2041-09-03", "Gunmen opened fire in the Marrow Bridge depot at 07:10.")
    other = other.model_copy(update={"refers_to": "2039 Ostrel market bombing"})
    assert build_timeline([other]) == []


def test_clock_times_and_content_words() -> None:
    assert clock_minutes("18:40") == 18 * 60 + 40
    assert clock_minutes("18:40–19:25") == 18 * 60 + 40
    assert clock_minutes("8:15 p.m.") == 20 * 60 + 15
    assert clock_minutes("12:05 a.m.") == 5
    assert clock_minutes("around noon") is None
    assert clock_minutes(None) is None
    words = content_words("On Tuesday, police said they arrested 3 men at the depot's gate.")
    assert words == {"polic", "arres", "men", "depot", "gate"}


@pytest.fixture(scope="module")
def annotated_events() -> list[Fact]:
    """Event facts of one fictional report with relative dates, through annotate and extract."""
    from incidentdesk.annotate.pipeline import annotate
    from incidentdesk.extract.events import extract_events

    text = (
        "OSTREL, 3 September 2041 — Two gunmen opened fire in the Marrow Bridge tram depot "
        "on Tuesday, killing four drivers, police said.\n\n"
        "The attack began at 07:10 local time.\n\n"
        "A week after the attack, prosecutors charged the surviving gunman with murder.\n\n"
        "Two days after the attack, a group calling itself the Ostrel Front claimed "
        "responsibility.\n\n"
        "Hours later, police sealed the bridge.\n"
    )
    doc = Document(
        id=content_id(text),
        source="ostrel.txt",
        kind="news",
        publisher="Ostrel Courier",
        published="2041-09-03T18:00:00+02:00",
    )
    return extract_events(annotate(SourceDocument(document=doc, text=text)))


def test_relative_dates_are_resolved_and_ordered(annotated_events: list[Fact]) -> None:
    items = build_timeline(annotated_events)
    by_text = {i.text.split(",")[0]: i.date for i in items}
    assert by_text["Two days after the attack"] == "2041-09-05"
    assert by_text["A week after the attack"] == "2041-09-10"
    assert by_text["Hours later"] == "2041-09-03"
    dates = [i.date or "" for i in items]
    assert dates == sorted(dates)
    assert items[-1].text.startswith("A week after the attack")
