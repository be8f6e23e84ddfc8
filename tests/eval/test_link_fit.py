"""The weight search of ``eval clusters --fit`` on fictional profiles and answer keys."""

from __future__ import annotations

import numpy as np

from incidentdesk.eval.link_fit import FIXED, PairFeatures, fit_weights
from incidentdesk.muc4.data import Record
from incidentdesk.resolve.link_cases import LinkCase, news_cases, profile
from incidentdesk.resolve.linking import WEIGHTS


def _record(ident: str, incident_type: str, day: str) -> Record:
    return {
        "id": ident,
        "templates": [{"incident_type": incident_type, "date": day, "location": "NORWAY: TORVIK"}],
    }


def _world() -> tuple[PairFeatures, list[Record], dict[str, str]]:
    """Two shootings on one day: three reports each, similar within a shooting."""
    profiles = {}
    records = []
    for group, (cos, day) in enumerate([(0.9, "2031-05-09"), (0.2, "2031-05-09")]):
        for n in range(3):
            ident = f"g{group}d{n}"
            profiles[ident] = profile(
                ident, cos=cos, date=day, reported=day, country="Norway", country_stated=True
            )
            records.append(_record(f"m-{ident}", "ATTACK", f"{9 + group:02d} MAY 31"))
    documents = {str(r["id"]): str(r["id"]).removeprefix("m-") for r in records}
    return PairFeatures.of(profiles), records, documents


def _bias_just_below(pairs: PairFeatures) -> float:
    """A bias at which the committed weights link no pair, but one step up links the closest."""
    w = np.array([WEIGHTS[k] for k in pairs.names])
    return -float((pairs.matrix @ w).max()) - 0.1


def test_pairs_are_every_compared_pair_with_named_features() -> None:
    pairs, _, _ = _world()
    assert len(pairs.pairs) == 15
    assert pairs.matrix.shape == (15, len(pairs.names))
    assert "cosine" in pairs.names and "bias" not in pairs.names


def test_search_raises_the_f1() -> None:
    pairs, records, documents = _world()
    start = {**WEIGHTS, "bias": _bias_just_below(pairs)}
    result = fit_weights(pairs, records, documents, start, cases=())
    assert result.start_f1 == 0.5  # six singletons, two groups of three
    assert result.f1 == 1.0
    assert result.steps and all(name not in FIXED for name, _, _ in result.steps)
    grouped = pairs.assignment(result.weights)
    assert len({grouped[f"g0d{n}"] for n in range(3)}) == 1
    assert grouped["g0d0"] != grouped["g1d0"]


def test_the_news_cases_hold_after_a_search_from_the_committed_weights() -> None:
    pairs, records, documents = _world()
    result = fit_weights(pairs, records, documents, WEIGHTS)
    assert result.f1 >= result.start_f1
    assert all(case.holds(result.weights) for case in news_cases())


def test_a_step_that_breaks_a_case_is_not_taken() -> None:
    pairs, records, documents = _world()
    start = {**WEIGHTS, "bias": _bias_just_below(pairs)}
    # a case that holds only while the rule links nothing like the first shooting's reports
    strict = LinkCase(
        "never link these",
        profile("x1", cos=0.9, date="2031-05-09", country="Norway", country_stated=True),
        profile("x2", cos=0.9, date="2031-05-09", country="Norway", country_stated=True),
        False,
    )
    assert strict.holds(start)
    result = fit_weights(pairs, records, documents, start, cases=(strict,))
    assert strict.holds(result.weights)
    assert result.f1 < fit_weights(pairs, records, documents, start, cases=()).f1
