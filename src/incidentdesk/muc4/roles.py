"""Role tagging for the main pipeline: who did it, to whom, to what, with what.

``tag_roles(text)`` runs the MUC-4 tagger (loaded lazily, once per process) on any
English text, upper-, lower- or mixed-case, and returns role spans with character
offsets into that text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from incidentdesk.muc4.predict import Predictor

Role = Literal["perp_individual", "perp_organization", "phys_target", "victim", "weapon"]

_ROLE_NAMES: dict[str, Role] = {
    "perp_individual": "perp_individual",
    "perp_organization": "perp_organization",
    "phys_target": "phys_target",
    "hum_target_name": "victim",
    "instrument_id": "weapon",
}


@dataclass(frozen=True)
class RoleSpan:
    """A role filler: ``text[start:end] == self.text``."""

    start: int
    end: int
    text: str
    role: Role
    score: float


@lru_cache(maxsize=1)
def _predictor() -> Predictor:
    return Predictor()


def tag_roles(text: str) -> list[RoleSpan]:
    """Every mention of every role filler the model accepts, in text order.

    A mention is returned when its entity (all mentions of the same string in one role)
    passes the role's threshold; ``score`` is the mention's own probability.
    """
    if not text.strip():
        return []
    predictor = _predictor()
    candidates, _relevance = predictor.candidate_entities([text], assume_relevant=True)[0]
    spans: list[RoleSpan] = []
    # Relevance gating is for MUC-4 messages; a caller of tag_roles already has an incident.
    for ent in predictor.entities_for(candidates):
        role = _ROLE_NAMES[ent.role]
        for m in ent.mentions:
            a, b = m.start, m.end
            while a < b and not text[a].isalnum() and text[a] not in "\"'(":
                a += 1
            spans.append(RoleSpan(a, b, text[a:b], role, round(m.score, 4)))
    return sorted(spans, key=lambda s: (s.start, s.end))
