"""Whether two documents report the same incident, from their profiles alone.

``may_link`` is the cheap blocking rule (run against every stored profile); ``link_score`` the
careful one, in [0, 1]; a pair scoring at least ``LINK_THRESHOLD`` is linked. Both are symmetric
and deterministic, so the incidents (connected parts of the links) do not depend on the order
documents arrive in. Incidents are single-linkage, so one wrong link joins two incidents whole:
the rule is conservative and wants more than text similarity alone. See docs/clustering.md.
"""

from __future__ import annotations

import math

import numpy as np
from rapidfuzz import fuzz

from incidentdesk.resolve.countries import country_of
from incidentdesk.resolve.profile import DocProfile

#: Most days between two reports' dates (each report's stated incident date, else its report
#: date) that may still be about the same incident; further apart they are never linked.
DATE_WINDOW = 3
#: Minimal rapidfuzz ``token_set_ratio`` for two names to count as the same.
NAME_MATCH = 90.0
LINK_THRESHOLD = 0.5

#: Weights of the logistic score, fitted on MUC-4 train pairs and rounded (docs/clustering.md);
#: ``undated`` and ``place`` were set by hand (MUC-4 has few of either).
WEIGHTS: dict[str, float] = {
    "bias": -4.5,
    "cosine": 3.7,
    "cosine_over_60": 1.9,
    "same_day": 1.2,
    "next_day": -0.6,
    "days_2_3": -0.7,
    "undated": -1.5,
    "stated_same_day": 1.2,
    "stated_next_day": 1.8,
    "reported_soon_after": 0.6,
    "same_country": 0.5,
    "same_place": 0.5,
    "place_named": 1.8,
    "same_attack_type": 0.5,
    "shared_people": 1.8,
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

    Two stated incident dates must be at most ``DATE_WINDOW`` days apart; otherwise each
    report's clock (its stated date, else its report date). A report with neither is not blocked
    on time. A country read from the text (not stated by a fact) never blocks: a report filed
    abroad names the country it was filed in.
    """
    if a.document == b.document or _stated_countries_clash(a, b):
        return False
    gap = _gap(_clock(a), _clock(b))
    return gap is None or gap <= DATE_WINDOW


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


def features(a: DocProfile, b: DocProfile) -> dict[str, float]:
    """The evidence ``link_score`` weighs, by name (for tuning and for explaining a link)."""
    gap = _gap(_clock(a), _clock(b))
    stated = _gap(a.day, b.day)
    sim = cosine(a, b)
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
        "place_named": _named_either_way(a.places, a.names, b.places, b.names),
        "same_attack_type": float(bool(set(a.attack_types) & set(b.attack_types))),
        "shared_people": float(min(2, names_shared(a.people, b.people))),
    }


def link_score(a: DocProfile, b: DocProfile) -> float:
    """How sure it is that ``a`` and ``b`` report the same incident, in [0, 1].

    0 when blocking rules the pair out; else a logistic combination of the lead embeddings'
    cosine, how close the dates are, same country, a shared place, a shared attack type and shared
    named people (see ``WEIGHTS``). Symmetric: ``link_score(a, b) == link_score(b, a)``.
    """
    if not may_link(a, b):
        return 0.0
    z = WEIGHTS["bias"] + sum(WEIGHTS[k] * v for k, v in features(a, b).items())
    return 1.0 / (1.0 + math.exp(-z))
