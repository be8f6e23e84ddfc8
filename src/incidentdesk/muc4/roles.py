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
    found: list[RoleSpan] = []
    # Relevance gating is for MUC-4 messages; a caller of tag_roles already has an incident.
    for ent in predictor.entities_for(candidates):
        role = _ROLE_NAMES[ent.role]
        for m in ent.mentions:
            span = _trim(text, m.start, m.end)
            if span is not None:
                found.append(
                    RoleSpan(span[0], span[1], text[span[0] : span[1]], role, round(m.score, 4))
                )
    # Overlapping spans of one role (a tagged span and a lexicon match): keep the longest
    # confident one ("car bomb" over "bomb"), else the strongest.
    kept: list[RoleSpan] = []
    order = sorted(found, key=lambda s: (s.score < 0.5, -(s.end - s.start), -s.score, s.start))
    for sp in order:
        if not any(k.role == sp.role and k.start < sp.end and sp.start < k.end for k in kept):
            kept.append(sp)
    return sorted(kept, key=lambda s: (s.start, s.end))


_EDGE = " \t\n,.;:!?-\u2014\u2013"


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Offsets without edge punctuation or a leading article ("the Shining Path")."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    head = text[start:end].split(" ", 1)
    if len(head) == 2 and head[0].lower() in {"the", "a", "an"}:
        start += len(head[0]) + 1
    return (start, end) if end > start else None
