"""Fit the weights of the linking rule on MUC-4: a coordinate search for the best B-cubed F1.

The features of every compared pair of stored profiles are computed once; a candidate set of
weights then only costs a matrix product, the average-linkage grouping of ``resolve/incidents.py``
and the scorer. The search moves one weight at a time by fixed steps, from the committed weights,
and takes a step only when it raises the F1 of the fitting messages (MUC-4 train) by more than
``MIN_GAIN`` and every news case of ``resolve/link_cases.py`` still holds. Weights set by hand
(``FIXED``: MUC-4 has too few examples of them, docs/clustering.md) are not moved.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from incidentdesk.eval.clusters import score
from incidentdesk.muc4.data import Record
from incidentdesk.resolve.incidents import assign
from incidentdesk.resolve.link_cases import LinkCase, news_cases
from incidentdesk.resolve.linking import LINK_FLOOR, features, may_link
from incidentdesk.resolve.profile import DocProfile

#: Weights the search leaves alone (set by hand; see docs/clustering.md).
FIXED = frozenset(
    {
        "next_day",
        "undated",
        "place_named",
        "person_named",
        "place_and_person_named",
        "far_apart",
        "far_name_ties",
    }
)
STEPS = (-1.0, -0.5, -0.25, 0.25, 0.5, 1.0)
MIN_GAIN = 0.0005


@dataclass(frozen=True)
class PairFeatures:
    """Every compared pair (``may_link``) of a set of profiles and its feature vector."""

    documents: list[str]
    pairs: list[tuple[str, str]]
    names: list[str]
    matrix: npt.NDArray[np.float64]

    @classmethod
    def of(
        cls, profiles: Mapping[str, DocProfile], on_progress: Callable[[int], None] | None = None
    ) -> PairFeatures:
        ids = sorted(profiles)
        pairs: list[tuple[str, str]] = []
        rows: list[list[float]] = []
        names: list[str] = []
        for n, a in enumerate(ids, start=1):
            pa = profiles[a]
            for b in ids[n:]:
                pb = profiles[b]
                if may_link(pa, pb):
                    found = features(pa, pb)
                    names = names or list(found)
                    pairs.append((a, b))
                    rows.append([found[k] for k in names])
            if on_progress:
                on_progress(n)
        matrix = np.array(rows, dtype=np.float64).reshape(len(rows), len(names))
        return cls(ids, pairs, names, matrix)

    def links(self, weights: Mapping[str, float]) -> list[tuple[str, str, float]]:
        """The links the rule with ``weights`` stores (as ``resolve/linker.py`` does)."""
        if not self.pairs:
            return []
        w = np.array([weights[k] for k in self.names])
        scores = 1.0 / (1.0 + np.exp(-(self.matrix @ w + weights["bias"])))
        return [
            (a, b, round(float(s), 6))
            for (a, b), s in zip(self.pairs, scores, strict=True)
            if s >= LINK_FLOOR
        ]

    def assignment(self, weights: Mapping[str, float]) -> dict[str, str]:
        """Document -> incident with ``weights`` (no corrections)."""
        return assign(self.documents, self.links(weights))


@dataclass(frozen=True)
class FitResult:
    """The weights found, the F1 they reach on the fitting messages, and the steps taken."""

    weights: dict[str, float]
    start_f1: float
    f1: float
    steps: list[tuple[str, float, float]]


def fit_weights(
    pairs: PairFeatures,
    records: list[Record],
    documents: Mapping[str, str],
    start: Mapping[str, float],
    rounds: int = 2,
    cases: tuple[LinkCase, ...] | None = None,
    on_step: Callable[[str, float, float], None] | None = None,
) -> FitResult:
    """Coordinate search from ``start`` for the best B-cubed F1 of ``records``.

    ``documents`` maps message id -> document id. A step is taken only when every case in
    ``cases`` (default: ``news_cases()``) still holds with the new weights.
    """
    checks = news_cases() if cases is None else cases

    def f1(weights: dict[str, float]) -> float:
        assignment = pairs.assignment(weights)
        incident_of = {m: assignment[d] for m, d in documents.items() if d in assignment}
        return score("fit", records, incident_of).extended.f1

    weights = dict(start)
    best = begin = f1(weights)
    taken: list[tuple[str, float, float]] = []
    for _ in range(rounds):
        for name in list(weights):
            if name in FIXED:
                continue
            for step in STEPS:
                trial = {**weights, name: round(weights[name] + step, 2)}
                value = f1(trial)
                if value > best + MIN_GAIN and all(c.holds(trial) for c in checks):
                    best, weights = value, trial
                    taken.append((name, trial[name], value))
                    if on_step:
                        on_step(name, trial[name], value)
    return FitResult(weights=weights, start_f1=begin, f1=best, steps=taken)
