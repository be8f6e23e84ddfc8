"""Whether two documents report the same incident, from their profiles alone.

``may_link`` is the cheap blocking rule (run against every stored profile); ``link_score`` the
careful one, in [0, 1]; a pair scoring at least ``LINK_THRESHOLD`` is linked. Both are symmetric
and deterministic, so the incidents (connected parts of the links) do not depend on the order
documents arrive in. Incidents are single-linkage, so one wrong link joins two incidents whole:
the rule is conservative and wants more than text similarity alone. See docs/clustering.md.
"""

from __future__ import annotations

import math
from itertools import product

import numpy as np
from rapidfuzz import fuzz

from incidentdesk.resolve.profile import DocProfile

#: Days between two stated incident dates that still may be the same incident.
DATE_WINDOW = 1
#: Days between the report dates (or a stated date and a report date) of two reports that may
#: concern the same incident when at most one of them states its incident date.
REPORT_WINDOW = 7
#: Minimal rapidfuzz ``token_set_ratio`` for two names to count as the same.
NAME_MATCH = 90.0
LINK_THRESHOLD = 0.5

# Weights of the logistic score (see docs/clustering.md for how they were set).
BIAS = -12.0
W_COSINE = 14.0
W_SAME_DAY = 2.0
W_NEAR_DAY = 1.0
W_COUNTRY = 0.5
W_PLACE = 1.0
W_ATTACK = 0.5
W_ATTACK_DISJOINT = -1.0
W_NAME = 1.5


def _days_apart(a: int | None, b: int | None) -> int | None:
    return abs(a - b) if a is not None and b is not None else None


def _report_gap(a: DocProfile, b: DocProfile) -> int | None:
    """Days between the two reports' clocks when at most one states its incident date."""
    first = a.day if a.day is not None else a.reported_day
    second = b.day if b.day is not None else b.reported_day
    return _days_apart(first, second)


def _countries_clash(a: DocProfile, b: DocProfile) -> bool:
    return a.country is not None and b.country is not None and a.country != b.country


def may_link(a: DocProfile, b: DocProfile) -> bool:
    """Cheap blocking: countries do not contradict and the dates are close (or unknown).

    Two stated incident dates must be within ``DATE_WINDOW`` days; otherwise the reports' own
    clocks (the stated date where there is one, else the report date) within ``REPORT_WINDOW``.
    A side with no date at all is not blocked on time.
    """
    if a.document == b.document or _countries_clash(a, b):
        return False
    stated = _days_apart(a.day, b.day)
    if stated is not None:
        return stated <= DATE_WINDOW
    gap = _report_gap(a, b)
    return gap is None or gap <= REPORT_WINDOW


def cosine(a: DocProfile, b: DocProfile) -> float:
    """Cosine of the two lead embeddings (0 when either has none)."""
    va, vb = a.embedding, b.embedding
    if va is None or vb is None or va.shape != vb.shape:
        return 0.0
    return float(np.dot(va, vb))


def names_shared(left: tuple[str, ...], right: tuple[str, ...]) -> int:
    """How many names of ``left`` have a fuzzy match in ``right`` (symmetric: the smaller count
    of the two directions)."""

    def count(xs: tuple[str, ...], ys: tuple[str, ...]) -> int:
        return sum(1 for x in xs if any(fuzz.token_set_ratio(x, y) >= NAME_MATCH for y in ys))

    if not left or not right:
        return 0
    return min(count(left, right), count(right, left))


def _overlap(left: tuple[str, ...], right: tuple[str, ...]) -> bool:
    return any(x == y for x, y in product(left, right))


def features(a: DocProfile, b: DocProfile) -> dict[str, float]:
    """The evidence ``link_score`` weighs, by name (for tuning and explaining a link)."""
    stated = _days_apart(a.day, b.day)
    gap = _report_gap(a, b)
    return {
        "cosine": cosine(a, b),
        "same_day": 1.0 if stated == 0 else 0.0,
        "near_day": 1.0
        if stated == 1 or (stated is None and gap is not None and gap <= 2)
        else 0.0,
        "country": 1.0 if a.country is not None and a.country == b.country else 0.0,
        "place": 1.0 if _overlap(a.places, b.places) else 0.0,
        "attack": 1.0 if _overlap(a.attack_types, b.attack_types) else 0.0,
        "attack_disjoint": 1.0
        if a.attack_types and b.attack_types and not _overlap(a.attack_types, b.attack_types)
        else 0.0,
        "names": float(
            min(2, names_shared(a.people + a.organizations, b.people + b.organizations))
        ),
    }


def link_score(a: DocProfile, b: DocProfile) -> float:
    """How sure it is that ``a`` and ``b`` report the same incident, in [0, 1].

    0 when blocking already rules the pair out (other country, dates apart); else a logistic
    combination of embedding cosine, date agreement, same country, a shared place, attack-type
    overlap and shared named people or organisations. Symmetric: ``link_score(a, b) ==
    link_score(b, a)``.
    """
    if not may_link(a, b):
        return 0.0
    f = features(a, b)
    z = (
        BIAS
        + W_COSINE * f["cosine"]
        + W_SAME_DAY * f["same_day"]
        + W_NEAR_DAY * f["near_day"]
        + W_COUNTRY * f["country"]
        + W_PLACE * f["place"]
        + W_ATTACK * f["attack"]
        + W_ATTACK_DISJOINT * f["attack_disjoint"]
        + W_NAME * f["names"]
    )
    return 1.0 / (1.0 + math.exp(-z))
