"""Figure reconciliation: the four policies, each with a case that fails without it.

Everything here is a fictional incident (the Corvel ferry terminal attack) built by hand.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime

from incidentdesk.model import Document, Evidence, Fact, FigureReport, Qualifier
from incidentdesk.resolve.figures import (
    best_figure,
    figure_conflicts,
    figure_reports,
    moments,
    parse_report_time,
    same_report_time,
)

NEWS = "doc-news-corvel"
WIRE = "doc-wire-corvel"
MINISTRY = "doc-ministry-corvel"
ENCYCLOPEDIA = "doc-encyc-corvel"
LATER = "doc-later-corvel"

DOCUMENTS = [
    Document(id=NEWS, source="news.txt", kind="news", publisher="Corvel Evening Post"),
    Document(id=WIRE, source="wire.txt", kind="news", publisher="Tessaly Wire"),
    Document(id=MINISTRY, source="ministry.txt", kind="official", publisher="Interior Ministry"),
    Document(id=ENCYCLOPEDIA, source="encyclopedia.txt", kind="encyclopedia"),
    Document(id=LATER, source="later.txt", kind="news", publisher="Corvel Evening Post"),
]


def report(
    value: int,
    reported_at: str | None,
    document: str = NEWS,
    *,
    kind: str = "killed",
    qualifier: Qualifier = "exact",
    scope: str = "total",
    attributed_to: list[str] | None = None,
    hedged: bool = False,
    sentence: str | None = None,
    start: int = 0,
) -> FigureReport:
    """A figure report as one document gave it (the sentence is the evidence)."""
    text = sentence or f"{value} people were {kind}."
    return FigureReport(
        kind=kind,
        value=value,
        qualifier=qualifier,
        scope=scope,
        reported_at=reported_at,
        document=document,
        attributed_to=attributed_to or [],
        hedged=hedged,
        includes_perpetrators=None,
        evidence=Evidence(document=document, start=start, end=start + len(text), text=text),
    )


def fact(value: int, reported_at: str | None, *, scope: str | None = None, start: int = 0) -> Fact:
    text = f"{value} were killed"
    return Fact(
        document=NEWS,
        field="killed",
        value=value,
        scope=scope,
        reported_at=reported_at,
        evidence=Evidence(document=NEWS, start=start, end=start + len(text), text=text),
        extractor="test",
    )


# --------------------------------------------------------------------------- report times


def test_report_times_parse_with_their_precision() -> None:
    zoned = parse_report_time("2040-06-01T20:45:00+05:00")
    assert zoned is not None and zoned.precision == "minute" and zoned.zoned
    assert zoned.instant == datetime(2040, 6, 1, 15, 45, tzinfo=UTC)
    naive = parse_report_time("2040-06-01T23:40")
    assert naive is not None and not naive.zoned
    assert naive.instant == datetime(2040, 6, 1, 23, 40, tzinfo=UTC)  # no zone: taken as UTC
    assert parse_report_time("2040-06-01Z") is None
    day, month, year = (parse_report_time(v) for v in ("2040-06-01", "2040-06", "2040"))
    assert day is not None and day.precision == "day"
    assert month is not None and month.precision == "month"
    assert year is not None and year.precision == "year"
    assert parse_report_time("last Tuesday") is None
    assert parse_report_time(None) is None


def test_reports_are_ordered_by_instant_not_by_string() -> None:
    # 10:00 at UTC+5 is 05:00 UTC: earlier than 06:00 UTC although its string sorts later.
    facts = [fact(30, "2040-06-01T06:00:00Z", start=10), fact(20, "2040-06-01T10:00:00+05:00")]
    assert [r.value for r in figure_reports(facts)] == [20, 30]


def test_every_report_is_kept_as_history() -> None:
    facts = [
        fact(20, "2040-06-01T10:00:00Z"),
        fact(4, "2040-06-01T10:00:00Z", scope="children", start=30),
        fact(20, "2040-06-02", start=60),
        fact(20, "2040-06-02", start=60),  # the same span read twice is one report
    ]
    reports = figure_reports(facts)
    assert [(r.value, r.scope) for r in reports] == [(20, "total"), (4, "children"), (20, "total")]


# --------------------------------------------------------------------------- policy A


def test_a_later_lower_total_from_a_weaker_source_does_not_replace_a_higher_one() -> None:
    reports = [
        report(31, "2040-06-02T09:00:00+02:00", MINISTRY),
        report(26, "2040-06-03T08:00:00+02:00", WIRE),
    ]
    best = best_figure(reports, "killed", DOCUMENTS)
    assert best is not None and best.value == 31
    assert "not accepted" in best.basis
    falls = [c for c in figure_conflicts(reports, DOCUMENTS) if "lower than" in c.note]
    assert len(falls) == 1
    assert falls[0].values == [31, 26]
    assert set(falls[0].documents) == {MINISTRY, WIRE}


def test_a_later_lower_authoritative_total_needs_an_explicit_revision() -> None:
    firm = report(31, "2040-06-02T09:00:00+02:00", MINISTRY)
    plain = report(28, "2040-06-05T09:00:00+02:00", LATER, attributed_to=["health ministry"])
    best = best_figure([firm, plain], "killed", DOCUMENTS)
    assert best is not None and best.value == 31

    revised = report(
        28,
        "2040-06-05T09:00:00+02:00",
        LATER,
        attributed_to=["health ministry"],
        sentence="The health ministry revised the toll down to 28, saying three were counted twice.",
    )
    best = best_figure([firm, revised], "killed", DOCUMENTS)
    assert best is not None and best.value == 28
    assert "explicit revision by health ministry" in best.basis
    assert not [c for c in figure_conflicts([firm, revised], DOCUMENTS) if "lower" in c.note]


def test_an_upper_bound_admits_a_later_lower_value() -> None:
    reports = [
        report(40, "2040-06-01T12:00:00Z", NEWS, qualifier="up to"),
        report(35, "2040-06-01T18:00:00Z", WIRE),
    ]
    best = best_figure(reports, "killed")
    assert best is not None and best.value == 35
    assert "refines" in best.basis


def test_totals_rise_whoever_reports_them() -> None:
    reports = [
        report(12, "2040-06-01T15:45:00Z", NEWS, qualifier="at least"),
        report(17, "2040-06-01T18:40:00Z", WIRE, qualifier="at least"),
        report(21, "2040-06-02T05:30:00Z", MINISTRY),
    ]
    best = best_figure(reports, "killed", DOCUMENTS)
    assert best is not None
    assert (best.value, best.qualifier, best.sources) == (21, "exact", [MINISTRY])
    assert best.as_of == "2040-06-02T05:30:00Z"
    assert not figure_conflicts(reports, DOCUMENTS)


# --------------------------------------------------------------------------- policy B


def test_a_later_official_total_replaces_an_earlier_preliminary_higher_one() -> None:
    reports = [
        report(60, "2040-06-01T16:00:00Z", NEWS, qualifier="at least"),
        report(48, "2040-06-02T07:00:00Z", MINISTRY),
    ]
    best = best_figure(reports, "killed", DOCUMENTS)
    assert best is not None and best.value == 48
    assert "replaces a preliminary 60" in best.basis
    assert "Interior" not in best.basis  # authority is named by kind: "official document"
    assert "official document" in best.basis
    # Without the document kinds nothing says the statement is authoritative: 60 stands.
    unknown = best_figure(reports, "killed")
    assert unknown is not None and unknown.value == 60


def test_authority_can_come_from_the_attribution_chain() -> None:
    reports = [
        report(60, "2040-06-01T16:00:00Z", NEWS, qualifier="about"),
        report(44, "2040-06-02T07:00:00Z", WIRE, attributed_to=["Tessaly News Agency", "police"]),
    ]
    best = best_figure(reports, "killed")
    assert best is not None and best.value == 44
    # A news agency or a monitor as the innermost source is not an authority.
    weak = [reports[0], report(44, "2040-06-02T07:00:00Z", WIRE, attributed_to=["Corvel Monitor"])]
    best = best_figure(weak, "killed")
    assert best is not None and best.value == 60


def test_hedged_reports_count_only_when_nothing_else_exists() -> None:
    reports = [
        report(20, "2040-06-01T16:00:00Z", MINISTRY),
        report(45, "2040-06-02T07:00:00Z", WIRE, hedged=True, attributed_to=["a witness"]),
    ]
    best = best_figure(reports, "killed", DOCUMENTS)
    assert best is not None and best.value == 20
    only = best_figure(reports[1:], "killed", DOCUMENTS)
    assert only is not None and only.value == 45


def test_an_equal_later_total_confirms_and_adds_its_sources() -> None:
    reports = [
        report(21, "2040-06-02T05:30:00Z", MINISTRY),
        report(21, "2040-06-04T10:00:00Z", LATER, attributed_to=["police"]),
    ]
    best = best_figure(reports, "killed", DOCUMENTS)
    assert best is not None
    assert best.sources == sorted([MINISTRY, LATER])
    assert best.as_of == "2040-06-04T10:00:00Z"
    assert "confirmed at 1 later report time" in best.basis


# --------------------------------------------------------------------------- policy C


def test_sub_figures_never_become_the_total() -> None:
    reports = [
        report(23, "2040-06-01T16:00:00Z", MINISTRY),
        report(30, "2040-06-08", ENCYCLOPEDIA, scope="identified"),
        report(25, "2040-06-09", LATER, scope="one citizenship"),
        report(2, "2040-06-10", LATER, scope="died later", start=80),
        report(5, "2040-06-10", LATER, scope="children", start=120),
    ]
    best = best_figure(reports, "killed", DOCUMENTS)
    assert best is not None and best.value == 23
    assert not figure_conflicts(reports, DOCUMENTS)
    assert best_figure(reports[1:], "killed", DOCUMENTS) is None


# --------------------------------------------------------------------------- policy D


def test_same_document_different_totals_is_a_conflict_naming_both() -> None:
    reports = [
        report(23, "2040-08-25", ENCYCLOPEDIA, start=10),
        report(23, "2040-08-25", ENCYCLOPEDIA, start=400),
        report(25, "2040-08-25", ENCYCLOPEDIA, attributed_to=["Corvel Rights Monitor"], start=900),
    ]
    conflicts = figure_conflicts(reports, DOCUMENTS)
    assert len(conflicts) == 1
    c = conflicts[0]
    assert (c.field, c.values, c.documents) == ("killed", [23, 25], [ENCYCLOPEDIA])
    assert "Corvel Rights Monitor" in c.note and "unattributed" in c.note and "2040-08-25" in c.note
    best = best_figure(reports, "killed", DOCUMENTS)
    assert best is not None and best.value == 23  # stated by more reports
    assert "listed as a conflict" in best.basis


def test_reports_within_half_an_hour_are_of_the_same_time() -> None:
    close = [
        report(14, "2040-06-01T18:00:00+01:00", NEWS),
        report(19, "2040-06-01T17:20:00Z", WIRE, attributed_to=["fire service"]),
    ]
    conflicts = figure_conflicts(close, DOCUMENTS)
    assert [c.values for c in conflicts] == [[14, 19]]
    assert "2040-06-01T18:00:00+01:00" in conflicts[0].note
    assert "2040-06-01T17:20:00Z" in conflicts[0].note
    # Two hours apart it is the toll rising, not a conflict.
    apart = [close[0], report(19, "2040-06-01T19:00:00Z", WIRE)]
    assert not figure_conflicts(apart, DOCUMENTS)


def test_a_bare_day_is_the_same_time_as_any_report_of_that_day() -> None:
    day = parse_report_time("2040-06-01")
    assert same_report_time(day, parse_report_time("2040-06-01T22:00:00Z"))
    assert not same_report_time(day, parse_report_time("2040-06-02T01:00:00Z"))
    assert same_report_time(parse_report_time("2040-06"), parse_report_time("2040-06-30"))
    assert not same_report_time(None, day)


def test_among_reports_of_one_time_authority_breaks_a_tie_in_votes() -> None:
    reports = [
        report(33, "2040-06-03T10:00:00Z", WIRE, attributed_to=["Corvel Rights Monitor"]),
        report(31, "2040-06-03T10:10:00Z", NEWS, attributed_to=["prosecutor's office"]),
    ]
    best = best_figure(reports, "killed", DOCUMENTS)
    assert best is not None and best.value == 31


def test_reports_without_a_time_never_supersede_dated_ones() -> None:
    reports = [report(40, None, WIRE), report(35, "2040-06-03T10:00:00Z", MINISTRY)]
    groups = moments(reports)
    assert [g[0].value for g in groups] == [40, 35]
    best = best_figure(reports, "killed", DOCUMENTS)
    assert best is not None and best.value == 35


def test_the_result_does_not_depend_on_input_order() -> None:
    reports = [
        report(12, "2040-06-01T15:45:00Z", NEWS, qualifier="at least"),
        report(17, "2040-06-01T18:40:00Z", WIRE, attributed_to=["health department"]),
        report(16, "2040-06-01T18:50:00Z", NEWS, start=50),
        report(21, "2040-06-02T05:30:00Z", MINISTRY),
        report(19, "2040-06-04", LATER),
        report(61, "2040-06-02T05:30:00Z", MINISTRY, kind="injured", start=70),
    ]
    expected = (best_figure(reports, "killed", DOCUMENTS), figure_conflicts(reports, DOCUMENTS))
    shuffled = list(reports)
    for seed in range(5):
        random.Random(seed).shuffle(shuffled)
        got = (best_figure(shuffled, "killed", DOCUMENTS), figure_conflicts(shuffled, DOCUMENTS))
        assert got == expected
    assert expected[0] is not None and expected[0].value == 21


def test_undated_reports_are_weighed_together_not_in_document_order() -> None:
    # Sorted by id the ministry's document comes first; 40 must not "rise" over it.
    reports = [report(40, None, WIRE), report(35, None, MINISTRY)]
    best = best_figure(reports, "killed", DOCUMENTS)
    assert best is not None and best.value == 35
    assert best.as_of is None and "report time unknown" in best.basis


def test_the_worked_example_in_the_docs() -> None:
    """docs/figures.md, "Worked example": each step as documented."""
    reports = [
        report(
            12, "2040-06-01T15:45:00Z", NEWS, qualifier="at least", attributed_to=["fire service"]
        ),
        report(17, "2040-06-01T18:40:00Z", WIRE, qualifier="at least"),
        report(21, "2040-06-02T05:30:00Z", MINISTRY),
        report(19, "2040-06-04", LATER),
        *(report(23, "2040-08-25", ENCYCLOPEDIA, start=s) for s in (10, 300, 700)),
        report(25, "2040-08-25", ENCYCLOPEDIA, attributed_to=["Corvel Rights Monitor"], start=900),
    ]
    best = best_figure(reports, "killed", DOCUMENTS)
    assert best is not None and best.value == 23
    conflicts = figure_conflicts(reports, DOCUMENTS)
    assert sorted(c.values for c in conflicts) == [[21, 19], [23, 25]]
    revised = report(24, "2040-10-02T11:20:00+05:00", LATER, attributed_to=["health department"])
    later = best_figure([*reports, revised], "killed", DOCUMENTS)
    assert later is not None and (later.value, later.sources) == (24, [LATER])
