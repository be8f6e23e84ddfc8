"""From tagged mentions to a message's role-filler entities (document-level decisions).

* All mentions of one string in one role are one entity; its score is its best mention's.
* A victim name that is a word-subset of a stronger one ("CEREZO" beside "VINICIO
  CEREZO"), a target or weapon that ends another ("BOMB" beside "CAR
  BOMB"), or an acronym given in brackets after a name ("... FRONT (FMLN)"), is the same
  entity: only one string is output (a second string would count as wrong).
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


TITLES = frozenset(
    [
        "president",
        "presidential",
        "former",
        "mayor",
        "general",
        "gen",
        "colonel",
        "col",
        "captain",
        "capt",
        "lieutenant",
        "lt",
        "sergeant",
        "sgt",
        "major",
        "commander",
        "father",
        "priest",
        "jesuit",
        "bishop",
        "archbishop",
        "monsignor",
        "msgr",
        "judge",
        "justice",
        "minister",
        "senator",
        "deputy",
        "congressman",
        "councilman",
        "candidate",
        "attorney",
        "dr",
        "doctor",
        "mr",
        "mrs",
        "ms",
        "miss",
        "senor",
        "senora",
        "don",
        "dona",
        "journalist",
        "leader",
        "chief",
        "ambassador",
        "consul",
        "governor",
        "director",
        "professor",
        "engineer",
        "eng",
        "lawyer",
        "businessman",
        "peasant",
        "union",
        "unionist",
        "rightist",
        "leftist",
        "salvadoran",
        "colombian",
        "peruvian",
        "guatemalan",
        "chilean",
        "bolivian",
        "honduran",
        "u.s.",
        "us",
        "american",
        "spanish",
        "late",
        "slain",
        "murdered",
        "kidnapped",
    ]
)


#: Roles whose "CAR BOMB" and "BOMB" in one message are nearly always one entity in the
#: training keys (a string that ends with another one of the same role).
HEAD_MERGE_ROLES = frozenset({"phys_target", "instrument_id"})


#: Roles whose "CAR BOMB" and "BOMB" in one message are nearly always one entity in the
#: training keys (a string that ends with another one of the same role).
HEAD_MERGE_ROLES = frozenset({"phys_target", "instrument_id"})


def strip_titles(m: Mention) -> Mention:
    """A victim name without the titles written before it ("PRESIDENT CEREZO" -> "CEREZO")."""
    words = list(re.finditer(r"\S+", m.text))
    k = 0
    while k < len(words) - 1 and words[k][0].lower().strip(",.") in TITLES:
        k += 1
    if k == 0:
        return m
    cut = words[k].start()
    return Mention(m.start + cut, m.end, m.text[cut:], m.role, m.score, m.token)


FUNCTION_WORDS = frozenset(
    [
        "of",
        "in",
        "from",
        "that",
        "which",
        "who",
        "at",
        "on",
        "to",
        "by",
        "for",
        "with",
        "and",
        "or",
        "as",
        "near",
        "into",
    ]
)


def strip_function_words(m: Mention) -> Mention:
    """A span without prepositions/relatives at its edges ("CAR FROM", "FROM HER HOME")."""
    words = list(re.finditer(r"\S+", m.text))
    lo, hi = 0, len(words)
    while hi - lo > 1 and words[hi - 1][0].lower().strip(",.;:") in FUNCTION_WORDS:
        hi -= 1
    while hi - lo > 1 and words[lo][0].lower().strip(",.;:") in FUNCTION_WORDS:
        lo += 1
    a, z = (words[lo].start(), words[hi - 1].end()) if words else (0, 0)
    # Dangling brackets and separators at the edges ("... FRONT [" before "[FMLN]").
    while a < z and m.text[a] in _LEAD_JUNK:
        a += 1
    while z > a and m.text[z - 1] in _TRAIL_JUNK:
        z -= 1
    if (a, z) == (0, len(m.text)) or a >= z:
        return m
    return Mention(m.start + a, m.start + z, m.text[a:z], m.role, m.score, m.token)


_LEAD_JUNK = frozenset(" ])},;:-")
_TRAIL_JUNK = frozenset(" [({,;:-")


def group_mentions(mentions: Sequence[Mention], text: str) -> list[Entity]:
    """Entities of one message, before thresholds (strongest first)."""
    by_key: dict[tuple[str, str], Entity] = {}
    for m in mentions:
        if m.role == "hum_target_name":
            m = strip_titles(m)
        m = strip_function_words(m)
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
                or (
                    ent.role in HEAD_MERGE_ROLES
                    and (k_norm.endswith(" " + norm) or norm.endswith(" " + k_norm))
                )
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
            if ent.role in HEAD_MERGE_ROLES and len(ent.text) > len(target.text):
                target.text = ent.text  # "CAR BOMB" rather than "BOMB"
    return kept


def select(entities: Sequence[Entity], thresholds: Mapping[str, float]) -> list[Entity]:
    return [e for e in entities if e.score >= thresholds.get(e.role, 0.5)]
