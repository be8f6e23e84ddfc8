"""Incidents as linked parts of documents, with analysts' corrections replayed on top."""

from __future__ import annotations

import itertools
import random

from incidentdesk.resolve.incidents import (
    Correction,
    assign,
    average_linkage,
    corrections_of,
    groups,
    incident_id,
    resolve_incident,
)

DOCS = ["a1" * 8, "b2" * 8, "c3" * 8, "d4" * 8, "e5" * 8]
A, B, C, D, E = DOCS
LINKS = [(A, B, 0.9), (B, C, 0.8), (D, E, 0.95)]


def parts(assignment: dict[str, str]) -> set[frozenset[str]]:
    return {frozenset(m) for m in groups(assignment).values()}


def test_linked_documents_form_one_incident_each_part() -> None:
    result = assign(DOCS, LINKS)
    assert parts(result) == {frozenset({A, B, C}), frozenset({D, E})}
    assert result[C] == incident_id([A, B, C]) == "inc-" + A[:12]


def test_weak_scores_between_two_groups_keep_them_apart() -> None:
    """Single linkage would join {A, B} and {C, D} through B-C; the three weak scores stored
    between the groups pull the average below the group threshold."""
    strong = [(A, B, 0.9), (C, D, 0.9), (B, C, 0.6)]
    weak = [(A, C, 0.06), (A, D, 0.06), (B, D, 0.06)]
    assert parts(assign([A, B, C, D], strong + weak)) == {frozenset({A, B}), frozenset({C, D})}


def test_pairs_never_compared_are_no_evidence_against() -> None:
    """A follow-up compared with one member only (the others were too far apart in time to be
    compared) joins through that one strong link."""
    assert parts(assign([A, B, C, D], [(A, B, 0.9), (C, D, 0.9), (B, C, 0.6)])) == {
        frozenset({A, B, C, D})
    }
    assert parts(assign([A, B, C], [(A, B, 0.9), (B, C, 0.55)])) == {frozenset({A, B, C})}


def test_links_below_the_threshold_never_join() -> None:
    assert average_linkage([A, B], [(A, B, 0.49)]) == {A: A, B: B}
    assert average_linkage([A, B], [(A, B, 0.5)]) == {A: A, B: A}


def test_the_order_of_documents_and_links_does_not_matter() -> None:
    expected = assign(DOCS, LINKS)
    rng = random.Random(7)
    for _ in range(20):
        docs = DOCS[:]
        links = LINKS[:]
        rng.shuffle(docs)
        rng.shuffle(links)
        assert assign(docs, links) == expected
    tangled = [(A, B, 0.9), (C, D, 0.9), (B, C, 0.6), (A, C, 0.06), (B, D, 0.7), (D, E, 0.5)]
    expected = assign(DOCS, tangled)
    for _ in range(20):
        docs, links = DOCS[:], tangled[:]
        rng.shuffle(docs)
        rng.shuffle(links)
        assert (
            assign(docs, [(b, a, v) if rng.random() < 0.5 else (a, b, v) for a, b, v in links])
            == expected
        )


def test_move_takes_a_document_out_of_its_links() -> None:
    move = Correction("move", C, D, "2031-01-01T00:00:00+00:00")
    result = assign(DOCS, LINKS, [move])
    assert parts(result) == {frozenset({A, B}), frozenset({C, D, E})}


def test_the_latest_move_wins() -> None:
    first = Correction("move", C, D, "2031-01-01T00:00:00+00:00")
    back = Correction("move", C, A, "2031-01-02T00:00:00+00:00")
    for order in itertools.permutations([first, back]):
        assert parts(assign(DOCS, LINKS, list(order))) == {
            frozenset({A, B, C}),
            frozenset({D, E}),
        }


def test_split_documents_form_their_own_incident() -> None:
    t = "2031-01-01T00:00:00+00:00"
    split = [Correction("detach", B, None, t), Correction("move", C, B, t)]
    assert parts(assign(DOCS, LINKS, split)) == {
        frozenset({A}),
        frozenset({B, C}),
        frozenset({D, E}),
    }


def test_merge_joins_two_incidents_until_a_later_split_undoes_it() -> None:
    merge = Correction("merge", A, D, "2031-01-01T00:00:00+00:00")
    assert parts(assign(DOCS, LINKS, [merge])) == {frozenset(DOCS)}
    later = Correction("detach", D, None, "2031-01-02T00:00:00+00:00")
    assert parts(assign(DOCS, LINKS, [merge, later])) == {
        frozenset({A, B, C}),
        frozenset({D}),
        frozenset({E}),
    }


def test_corrections_round_trip_through_facts() -> None:
    c = Correction("move", C, D, "2031-01-01T00:00:00+00:00", note="wrong city")
    fact = c.to_fact()
    assert fact.field == "correction" and fact.evidence.text == ""
    assert corrections_of([fact]) == [c]


def test_an_older_incident_id_still_finds_its_incident() -> None:
    result = assign(DOCS, LINKS)
    assert resolve_incident(result, "inc-" + B[:12]) == result[A]
    assert resolve_incident(result, "inc-zzzzzzzzzzzz") is None
    assert resolve_incident(result, "inc-a1") is None  # too short to name a document
