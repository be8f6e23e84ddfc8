"""The pairwise rule that links two documents reporting the same incident (fictional profiles)."""

from __future__ import annotations

import dataclasses
import itertools
import random

import numpy as np
import pytest

from incidentdesk.resolve import link_cases
from incidentdesk.resolve.link_cases import doc, fact, profile, vec
from incidentdesk.resolve.linking import (
    LINK_THRESHOLD,
    WEIGHTS,
    blocked_reason,
    link_score,
    may_link,
    named_in,
)
from incidentdesk.resolve.profile import DocProfile, build_profile


def first_report() -> DocProfile:
    return link_cases.first_report()


@pytest.mark.parametrize("case", link_cases.news_cases(), ids=lambda c: c.name)
def test_news_cases_hold_with_the_committed_weights(case: link_cases.LinkCase) -> None:
    score = link_score(case.first, case.second)
    assert (score >= LINK_THRESHOLD) == case.same_incident, f"{case.name}: {score:.3f}"
    assert case.holds()


def test_a_case_fails_with_weights_that_ignore_names() -> None:
    """The cases can fail: a rule that ignores named victims loses the undated report."""
    blind = {**WEIGHTS, "shared_people": 0.0, "person_named": 0.0, "place_and_person_named": 0.0}
    failing = [c.name for c in link_cases.news_cases() if not c.holds(blind)]
    assert "an undated report naming the same victim" in failing


def case(name: str) -> link_cases.LinkCase:
    return next(c for c in link_cases.news_cases() if c.name == name)


def test_same_incident_reported_twice_links() -> None:
    same = case("same incident reported again two days later")
    first = same.first
    assert (first.date, first.country, first.places) == ("2031-05-09", "Norway", ("torvik",))
    assert may_link(first, same.second)
    assert link_score(first, same.second) >= LINK_THRESHOLD


def test_background_mention_does_not_link() -> None:
    """A later report about another attack that recalls the first one as background."""
    later_facts = [
        fact("d3", "date", "2031-08-02"),
        fact("d3", "country", "Norway"),
        fact("d3", "attack_type", "bombing"),
        fact("d3", "date", "2031-05-09", refers_to="other:2031-05-09"),
        fact("d3", "city", "Torvik", refers_to="other:2031-05-09"),
        fact("d3", "attack_type", "shooting", refers_to="other:2031-05-09"),
    ]
    later = build_profile(
        doc("d3", "2031-08-02"),
        later_facts,
        "A car bomb exploded in Osla. In May, gunmen had attacked a hall in Torvik.",
        vec(0.6),
    )
    assert later.date == "2031-08-02"
    assert later.places == () and later.attack_types == ("bombing",)
    first = first_report()
    assert not may_link(first, later)
    assert link_score(first, later) == 0.0


def test_a_place_implies_its_country_only_when_the_opening_names_it_elsewhere() -> None:
    # the gazetteer knows Cordoba as a city of Argentina; this Cordoba is a Colombian department
    facts = [fact("d5", "region", "Cordoba"), fact("d5", "attack_type", "bombing")]
    text = "Monteria, 2 May 2031. A bomb exploded in Cordoba, Colombian and Colombia's army said."
    found = build_profile(doc("d5", "2031-05-02"), facts, text, vec(0.5))
    assert (found.country, found.country_stated) == ("Colombia", False)
    text = "Cordoba, 2 May 2031. A bomb exploded in Cordoba, Argentine police said."
    found = build_profile(doc("d5", "2031-05-02"), facts, text, vec(0.5))
    assert (found.country, found.country_stated) == ("Argentina", True)


def test_different_countries_never_link() -> None:
    first = first_report()
    twin = profile(
        "d4",
        cos=1.0,
        date="2031-05-09",
        country="Sweden",
        country_stated=True,
        places=("torvik",),
        attack_types=("shooting",),
    )
    assert not may_link(first, twin)
    assert link_score(first, twin) == 0.0


def test_other_incident_same_day_and_country_does_not_link() -> None:
    kidnapping = case("a kidnapping the same day in the same country")
    assert may_link(kidnapping.first, kidnapping.second)
    assert link_score(kidnapping.first, kidnapping.second) < LINK_THRESHOLD


def test_text_similarity_alone_is_not_enough_across_weeks() -> None:
    first = first_report()
    anniversary = profile("d6", cos=0.9, reported="2031-06-20", country="Norway")
    assert not may_link(first, anniversary)


def test_undated_document_is_not_blocked_but_needs_strong_evidence() -> None:
    vague = case("an undated report on the same topic with nothing specific")
    named = case("an undated report naming the same victim")
    assert vague.second.day is None and vague.second.reported_day is None
    assert may_link(vague.first, vague.second)
    assert link_score(vague.first, vague.second) < LINK_THRESHOLD
    assert link_score(named.first, named.second) >= LINK_THRESHOLD


def test_report_naming_the_stated_venue_links() -> None:
    """A feature story with no extracted date or place, reported two days later, whose opening
    names the hall another report states as the venue."""
    story = case("a feature story two days later naming the stated venue")
    assert story.second.date is None and story.second.places == ()
    assert "lakeside hall" in story.second.names
    assert link_score(story.first, story.second) >= LINK_THRESHOLD
    unnamed = case("the same story without the venue's name")
    assert link_score(unnamed.first, unnamed.second) < LINK_THRESHOLD


def test_profile_json_round_trip() -> None:
    first = first_report()
    again = DocProfile.from_json(first.to_json())
    assert again == first
    assert again.embedding is not None and first.embedding is not None
    assert np.array_equal(again.embedding, first.embedding)
    assert len(first.to_json()) < 3000


def _random_profile(rng: random.Random, ident: str) -> DocProfile:
    def pick(options: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted(rng.sample(options, rng.randint(0, 2))))

    day = rng.choice([None, "2031-05-08", "2031-05-09", "2031-05-10", "2031-05-20"])
    return profile(
        ident,
        cos=rng.uniform(0.0, 1.0),
        date=day,
        reported=rng.choice([None, "2031-05-10", "2031-05-12"]),
        country=rng.choice([None, "Norway", "Sweden"]),
        places=pick(("torvik", "osla", "brenna")),
        attack_types=pick(("shooting", "bombing", "kidnapping")),
        people=pick(("arvid solberg", "a solberg", "kari lunde")),
        organizations=pick(("north front", "river brigade")),
    )


def test_rule_is_symmetric_and_deterministic() -> None:
    rng = random.Random(7)
    profiles = [_random_profile(rng, f"p{i}") for i in range(25)]
    for a, b in itertools.combinations(profiles, 2):
        assert may_link(a, b) == may_link(b, a)
        score = link_score(a, b)
        assert score == link_score(b, a)
        assert 0.0 <= score <= 1.0
        assert score == link_score(DocProfile.from_json(a.to_json()), b)


def test_capitals_named_everywhere_do_not_count() -> None:
    assert named_in(("lakeside hall",), ("kari lunde", "lakeside hall"))
    assert named_in(("lakeside hall",), ("lakeside halll",))  # a typo still matches
    assert not named_in(("oslo",), ("oslo",))  # the gazetteer's capital of Norway


def test_follow_up_months_later_links_only_through_specific_names() -> None:
    follow = case("a follow-up months later naming the venue, a victim and the suspect")
    assert follow.first.day is not None and follow.second.day is not None
    assert follow.second.day - follow.first.day > 100
    assert may_link(follow.first, follow.second)
    assert link_score(follow.first, follow.second) >= LINK_THRESHOLD
    fewer = dataclasses.replace(
        follow.second, document="d12", names=("lakeside hall", "jon brekke")
    )
    assert not may_link(follow.first, fewer)


def test_blocked_reason_says_why_a_pair_is_not_compared() -> None:
    first = first_report()
    twin = profile("d4", cos=1.0, date="2031-05-09", country="Sweden", country_stated=True)
    assert blocked_reason(first, twin) == "the stated countries differ (Norway / Sweden)"
    later = profile("d6", cos=0.9, reported="2031-06-20", country="Norway")
    assert "days apart" in str(blocked_reason(first, later))
    assert blocked_reason(first, profile("d7", cos=0.95, country="Norway")) is None
