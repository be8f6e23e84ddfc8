"""Numbers, dates and attribution on sentences written for these tests."""

from __future__ import annotations

from datetime import date

from incidentdesk.annotate.attribution import attributions
from incidentdesk.annotate.dates import find_dates, find_times
from incidentdesk.annotate.numbers import find_numbers
from incidentdesk.annotate.pipeline import load_nlp


def test_numbers_with_qualifiers_and_notes() -> None:
    found = find_numbers(
        "at least 40, more than 100, 23 (including the bomber), 1,017, dozens, twenty-three"
    )
    assert [(n.value, n.qualifier) for n in found] == [
        (40, "at least"), (100, "more than"), (23, "exact"), (1017, "exact"), (24, "at least"),
        (23, "exact"),
    ]  # fmt: skip
    assert found[2].includes_perpetrators is True


def test_dates_resolve_against_the_document() -> None:
    anchor = date(2031, 5, 15)
    found = find_dates(
        "On 24 March the court met; yesterday it rained.",
        date(2024, 3, 30),
        prefer_past_of_anchor=True,
    )
    assert [d.date for d in found] == ["2024-03-24", "2024-03-29"]
    rel = find_dates(
        "ten days after the attack", anchor, prefer_past_of_anchor=False, incident=date(2031, 5, 14)
    )
    assert rel[0].date == "2031-05-24"
    as_of = find_dates("As of 30 March, 12 were identified", anchor, prefer_past_of_anchor=False)
    assert as_of[0].relation == "as of"


def test_a_day_in_the_weeks_ahead_is_not_read_a_year_back() -> None:
    report = date(2031, 11, 7)
    ahead = find_dates(
        "The rebels want to stop the elections planned for 12 November.",
        report,
        prefer_past_of_anchor=True,
    )
    assert [d.date for d in ahead] == ["2031-11-12"]
    # further ahead than AHEAD_DAYS it is last year's day, as before
    back = find_dates("The depot was bombed on 30 December.", report, prefer_past_of_anchor=True)
    assert [d.date for d in back] == ["2030-12-30"]


def test_a_day_that_names_a_street_or_a_group_is_not_a_date() -> None:
    text = (
        "A bomb went off on 1 May Avenue; the 19 April Movement denied it on 3 May, "
        "and on 6 May marchers crossed the 6 October Bridge."
    )
    found = find_dates(text, date(2031, 5, 20), prefer_past_of_anchor=True)
    assert [d.date for d in found] == ["2031-05-03", "2031-05-06"]
    # a day before a common noun stays a date
    found = find_dates(
        "On 4 May city officials met.", date(2031, 5, 20), prefer_past_of_anchor=True
    )
    assert [d.date for d in found] == ["2031-05-04"]


def test_times_with_zones() -> None:
    times = find_times("hours later, around 22:14 MSK, and between 19:58–20:11")
    assert times[0].time == "22:14" and times[0].timezone == "MSK"
    assert times[1].time == "19:58–20:11"


def test_attribution_chain_and_claims_of_responsibility() -> None:
    nlp = load_nlp()
    sent = next(
        nlp(
            "The blast killed at least 9 people, the Harbour Post reported, citing the port authority (PA)."
        ).sents
    )
    chains = [a.chain for a in attributions(sent, {})]
    assert ("Harbour Post", "PA") in chains
    claim = next(
        nlp("The Coastal Front claimed responsibility for the blast that killed 9 people.").sents
    )
    assert attributions(claim, {}) == []


def test_relative_dates_count_from_the_narrative() -> None:
    incident = date(2033, 6, 9)
    anchor = date(2033, 6, 9)

    def resolve(text: str, narrative: date | None = None) -> list[str | None]:
        found = find_dates(
            text, anchor, prefer_past_of_anchor=True, incident=incident, narrative=narrative
        )
        return [d.date for d in found]

    assert resolve("The day after the attack, the mayor spoke.") == ["2033-06-10"]
    assert resolve("Police detained a suspect the next morning.") == ["2033-06-10"]
    assert resolve("The following day, vigils were held.") == ["2033-06-10"]
    assert resolve("Two days later, the market reopened.") == ["2033-06-11"]
    # after "On 19 June ..." the story continues from that day, not from the attack
    assert resolve("Two days later he was charged.", date(2033, 6, 19)) == ["2033-06-21"]
    assert resolve("A week later, it reopened.", date(2033, 6, 19)) == ["2033-06-26"]
