"""From tagged mentions to a message's role-filler entities (document-level decisions).

* All mentions of one string in one role are one entity; its score is its best mention's.
* A string that is a word-subset of a stronger string of the same role ("CEREZO" beside
  "VINICIO CEREZO"), or an acronym given in brackets after it ("... FRONT (FMLN)"), is the
  same entity: only one string is output (a second string would count as wrong).
* Per-role thresholds trade precision for recall.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from incidentdesk.muc4.model import Mention
from incidentdesk.muc4.normalize import normalize


@dataclass
class Entity:
    role: str
    text: str  # the string output for the entity
    score: float
    mentions: list[Mention] = field(default_factory=list)
    strings: set[str] = field(default_factory=set)  # normalised strings merged in

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)


DEFAULT_THRESHOLDS: dict[str, float] = {
    "perp_individual": 0.5,
    "perp_organization": 0.5,
    "phys_target": 0.5,
    "hum_target_name": 0.5,
    "instrument_id": 0.5,
}


def _acronym_of(text: str, full: str) -> bool:
    """Whether ``text`` is written as ``full (TEXT)`` in the message."""
    return bool(re.search(re.escape(full) + r"\s*[\(\[]\s*" + re.escape(text) + r"\s*[\)\]]", full))


def group_mentions(mentions: Sequence[Mention], text: str) -> list[Entity]:
    """Entities of one message, before thresholds (strongest first)."""
    by_key: dict[tuple[str, str], Entity] = {}
    for m in mentions:
        key = (m.role, normalize(m.text))
        if not key[1]:
            continue
        ent = by_key.get(key)
        if ent is None:
            by_key[key] = Entity(m.role, m.text.strip(), m.score, [m], {key[1]})
        else:
            ent.mentions.append(m)
            ent.score = max(ent.score, m.score)
    ents = sorted(by_key.values(), key=lambda e: (-e.score, e.first))
    low = text.lower()
    kept: list[Entity] = []
    for ent in ents:
        norm = next(iter(ent.strings))
        words = set(norm.split())
        target: Entity | None = None
        for k in kept:
            if k.role != ent.role:
                continue
            k_norm = next(iter(sorted(k.strings)))
            k_words = set(k_norm.split())
            if (
                (ent.role == "hum_target_name" and (words <= k_words or k_words <= words))
                or re.search(
                    re.escape(k.text.lower()) + r"\s*[\(\[]\s*" + re.escape(ent.text.lower()),
                    low,
                )
                or re.search(
                    re.escape(ent.text.lower()) + r"\s*[\(\[]\s*" + re.escape(k.text.lower()),
                    low,
                )
            ):
                target = k
                break
        if target is None:
            kept.append(ent)
        else:
            target.mentions.extend(ent.mentions)
            target.strings |= ent.strings
    return kept


def select(entities: Sequence[Entity], thresholds: Mapping[str, float]) -> list[Entity]:
    return [e for e in entities if e.score >= thresholds.get(e.role, 0.5)]
