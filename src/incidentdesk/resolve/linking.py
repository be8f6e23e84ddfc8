"""Whether two documents report the same incident, from their profiles alone.

``may_link`` is the cheap blocking rule (run against every stored profile); ``link_score`` the
careful one, in [0, 1]. A compared pair scoring at least ``LINK_FLOOR`` is stored as a link with
its score; ``resolve/incidents.py`` groups documents by those scores (a pair at least
``LINK_THRESHOLD`` sure joins two groups when the stored scores between the groups average at
least ``GROUP_THRESHOLD``). Both functions are symmetric and deterministic, so the incidents do not
depend on the order documents arrive in. The rule wants more than text similarity alone. See
docs/clustering.md.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz

from incidentdesk.annotate.countries import country_of
from incidentdesk.resolve.profile import DocProfile

#: Most days between two reports' dates (each report's stated incident date, else its report
#: date) that may still be about the same incident; further apart they are linked only through
#: ``MIN_FAR_TIES`` specific names.
DATE_WINDOW = 3
#: Specific places and people two reports must share to be compared although their dates are
#: further apart than ``DATE_WINDOW`` (a follow-up months later names the venue and the suspects).
MIN_FAR_TIES = 3
#: Minimal rapidfuzz ``token_set_ratio`` for two names to count as the same.
NAME_MATCH = 90.0
#: A pair at least this sure may join two groups of documents into one incident.
LINK_THRESHOLD = 0.5
#: ... when the stored scores between the two groups average at least this (a low stored score
#: is evidence against, so one strong pair does not chain two incidents together).
GROUP_THRESHOLD = 0.35
#: Compared pairs scoring at least this are stored (with their score); lower ones count as no
#: evidence either way.
LINK_FLOOR = 0.05

#: Kinds of attack (``extract/vocabulary.py`` labels) that are never the same incident: a bombing
#: and a kidnapping on one day are two incidents. Other labels (shootings, assassinations,
#: massacres, stabbings, rammings) are one kind, since one attack is often called several of them.
ATTACK_KINDS: dict[str, str] = {
    "bombing": "explosion",
    "suicide bombing": "explosion",
    "kidnapping": "abduction",
    "hostage taking": "abduction",
    "arson": "arson",
}

#: Weights of the logistic score: a logistic regression on MUC-4 train pairs, then a coordinate
#: search for the best train B-cubed F1 of the incidents (``incidentdesk eval clusters --fit``)
#: that keeps the news cases of ``resolve/link_cases.py`` right; ``undated`` and the name and
#: far-apart weights were set by hand (docs/clustering.md).
WEIGHTS: dict[str, float] = {
    "bias": -4.5,
    "cosine": 3.95,
    "cosine_over_60": 0.4,
    "same_day": 1.2,
    "next_day": -1.6,
    "days_2_3": -0.45,
    "undated": -1.5,
    "stated_same_day": 0.45,
    "stated_next_day": 0.8,
    "reported_soon_after": 0.6,
    "same_country": 0.5,
    "same_place": 1.0,
    "place_named": 1.8,
    "person_named": 1.0,
    "place_and_person_named": 1.5,
    "far_apart": -1.5,
    "far_name_ties": 1.0,
    "same_attack_type": 0.5,
    "kind_clash": -0.25,
    "shared_people": 1.3,
}


def _clock(p: DocProfile) -> int | None:
    """The day a report is placed at: its stated incident date, else its report date."""
    return p.day if p.day is not None else p.reported_day


def _gap(a: int | None, b: int | None) -> int | None:
    return abs(a - b) if a is not None and b is not None else None


def _stated_countries_clash(a: DocProfile, b: DocProfile) -> bool:
    return (
        a.country_stated
        and b.country_stated
        and a.country is not None
        and b.country is not None
        and a.country != b.country
    )


def may_link(a: DocProfile, b: DocProfile) -> bool:
    """Cheap blocking: stated countries agree and the two reports are close in time.

    Each report is placed on its stated incident date, else its report date; two reports more than
    ``DATE_WINDOW`` days apart are compared only when at least ``MIN_FAR_TIES`` specific places or
    people one states are named in the other's opening. A report with no date is not blocked on
    time. A country read from the text (not stated by a fact) never blocks: a report filed abroad
    names the country it was filed in.
    """
    return (
        a.document != b.document
        and not _stated_countries_clash(a, b)
        and _too_far_apart(a, b) is None
    )


def _too_far_apart(a: DocProfile, b: DocProfile) -> tuple[int, int] | None:
    """(days apart, specific names in common) when the two are further apart than
    ``DATE_WINDOW`` with fewer than ``MIN_FAR_TIES`` names in common, else None."""
    gap = _gap(_clock(a), _clock(b))
    if gap is None or gap <= DATE_WINDOW:
        return None
    ties = name_ties(a, b)
    return None if ties >= MIN_FAR_TIES else (gap, ties)


def blocked_reason(a: DocProfile, b: DocProfile) -> str | None:
    """Why ``may_link`` keeps the two reports from being compared, in words (None: compared)."""
    if a.document == b.document:
        return "the same document"
    if _stated_countries_clash(a, b):
        return f"the stated countries differ ({a.country} / {b.country})"
    far = _too_far_apart(a, b)
    if far is None:
        return None
    gap, ties = far
    return (
        f"{gap} days apart (more than {DATE_WINDOW}) with {ties} specific name(s) in common "
        f"(at least {MIN_FAR_TIES} needed)"
    )


@lru_cache(maxsize=1 << 16)
def _specific(values: tuple[str, ...]) -> frozenset[str]:
    return frozenset(v for v in values if country_of(v) is None)


def name_ties(a: DocProfile, b: DocProfile) -> int:
    """How many specific places and people one report states are named in the other's opening
    (exact, both ways; the gazetteer's countries and capitals left out)."""
    return len(
        _specific(a.places + a.people).intersection(b.names)
        | _specific(b.places + b.people).intersection(a.names)
    )


def cosine(a: DocProfile, b: DocProfile) -> float:
    """Cosine of the two lead embeddings (0 when either has none)."""
    va, vb = a.embedding, b.embedding
    if va is None or vb is None or va.shape != vb.shape:
        return 0.0
    return float(np.dot(va, vb))


def names_shared(left: tuple[str, ...], right: tuple[str, ...]) -> int:
    """How many names of one side have a fuzzy match on the other (the smaller of the two
    directions, so the count is symmetric)."""

    def count(xs: tuple[str, ...], ys: tuple[str, ...]) -> int:
        return sum(1 for x in xs if any(fuzz.token_set_ratio(x, y) >= NAME_MATCH for y in ys))

    if not left or not right:
        return 0
    return min(count(left, right), count(right, left))


def named_in(values: tuple[str, ...], names: tuple[str, ...]) -> bool:
    """Whether one of ``values`` (places, people) is among ``names`` (rapidfuzz ``ratio``).

    Countries, capitals and big cities (the gazetteer's names) are left out: every report from a
    country names its capital.
    """
    return any(
        fuzz.ratio(v, n) >= NAME_MATCH for v in values if country_of(v) is None for n in names
    )


def _named_either_way(
    a: tuple[str, ...], a_names: tuple[str, ...], b: tuple[str, ...], b_names: tuple[str, ...]
) -> float:
    return float(named_in(a, b_names) or named_in(b, a_names))


def _reported_soon_after(a: DocProfile, b: DocProfile) -> bool:
    """One report states the date, the other (undated) was reported 0-3 days after it."""
    if (a.day is None) == (b.day is None):
        return False
    stated, other = (a, b) if a.day is not None else (b, a)
    assert stated.day is not None
    return other.reported_day is not None and 0 <= other.reported_day - stated.day <= 3


def _kinds(p: DocProfile) -> set[str]:
    return {ATTACK_KINDS.get(t, "violence") for t in p.attack_types}


def _kind_clash(a: DocProfile, b: DocProfile) -> bool:
    """Both reports name the kind of attack and no kind is shared (a bombing, a kidnapping)."""
    ka, kb = _kinds(a), _kinds(b)
    return bool(ka and kb and not ka & kb)


def features(a: DocProfile, b: DocProfile) -> dict[str, float]:
    """The evidence ``link_score`` weighs, by name (for tuning and for explaining a link)."""
    gap = _gap(_clock(a), _clock(b))
    far = gap is not None and gap > DATE_WINDOW
    stated = _gap(a.day, b.day)
    sim = cosine(a, b)
    place_named = _named_either_way(a.places, a.names, b.places, b.names)
    person_named = _named_either_way(a.people, a.names, b.people, b.names)
    return {
        "cosine": sim,
        "cosine_over_60": max(0.0, sim - 0.6),
        "same_day": float(gap == 0),
        "next_day": float(gap == 1),
        "days_2_3": float(gap is not None and 2 <= gap <= 3),
        "undated": float(gap is None),
        "stated_same_day": float(stated == 0),
        "stated_next_day": float(stated == 1),
        "reported_soon_after": float(_reported_soon_after(a, b)),
        "same_country": float(a.country is not None and a.country == b.country),
        "same_place": float(bool(set(a.places) & set(b.places))),
        "place_named": place_named,
        "person_named": person_named,
        "place_and_person_named": place_named * person_named,
        "far_apart": float(far),
        "far_name_ties": float(min(3, name_ties(a, b))) if far else 0.0,
        "same_attack_type": float(bool(set(a.attack_types) & set(b.attack_types))),
        "kind_clash": float(_kind_clash(a, b)),
        "shared_people": float(min(2, names_shared(a.people, b.people))),
    }


def link_score(a: DocProfile, b: DocProfile, weights: dict[str, float] | None = None) -> float:
    """How sure it is that ``a`` and ``b`` report the same incident, in [0, 1].

    0 when blocking rules the pair out; else a logistic combination of the lead embeddings'
    cosine, how close the dates are, same country, shared or named places and people, a shared
    attack type and clashing kinds of attack (see ``WEIGHTS``). Symmetric:
    ``link_score(a, b) == link_score(b, a)``. ``weights`` replaces ``WEIGHTS`` (for fitting).
    """
    if not may_link(a, b):
        return 0.0
    w = WEIGHTS if weights is None else weights
    z = w["bias"] + sum(w[k] * v for k, v in features(a, b).items())
    return 1.0 / (1.0 + math.exp(-z))
