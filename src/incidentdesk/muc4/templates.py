"""Document-level template decisions: incident type, date, location, effects.

Rules over the text around the extracted entities, plus a place gazetteer read off the
training keys (place name -> its most frequent full MUC-4 location string).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from incidentdesk.muc4.data import ROLES, Record
from incidentdesk.muc4.entities import Entity

MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_MONTH_NAMES = {
    name: i + 1
    for i, names in enumerate(
        [
            ("JANUARY",),
            ("FEBRUARY",),
            ("MARCH",),
            ("APRIL",),
            ("MAY",),
            ("JUNE",),
            ("JULY",),
            ("AUGUST",),
            ("SEPTEMBER",),
            ("OCTOBER",),
            ("NOVEMBER",),
            ("DECEMBER",),
        ]
    )
    for name in names
}
_WEEKDAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")

#: Incident types and their trigger words (checked in this order; ATTACK is the default).
TYPE_TRIGGERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "KIDNAPPING",
        re.compile(r"\b(KIDNAP\w*|ABDUCT\w*|HOSTAGES?|CAPTIVE|SEQUEST\w*)\b"),
    ),
    (
        "BOMBING",
        re.compile(
            r"\b(BOMB\w*|EXPLO\w+|DYNAMIT\w*|BLEW UP|BLOWN UP|CAR[- ]BOMB\w*|GRENADES?|"
            r"DETONAT\w*|BLAST\w*|CHARGES?)\b"
        ),
    ),
    ("ARSON", re.compile(r"\b(ARSON\w*|BURN\w*|SET FIRE|SET ON FIRE|TORCH\w*|FIREBOMB\w*)\b")),
    ("ROBBERY", re.compile(r"\b(ROB\w*|STOLE\w*|STEAL\w*|LOOT\w*|ASSAULTED)\b")),
    ("FORCED WORK STOPPAGE", re.compile(r"\b(ARMED STRIKE|WORK STOPPAGE|PARO ARMADO)\b")),
)
DEATH = re.compile(
    r"\b(KILL\w*|MURDER\w*|ASSASSINAT\w*|DEAD|DEATH|DIED|SLAIN|SLAY\w*|BODY|BODIES|"
    r"CORPSES?|EXECUT\w*|MASSACR\w*|LIFE|LIVES|SHOT DEAD)\b"
)
INJURY = re.compile(r"\b(WOUND\w*|INJUR\w*|HURT)\b")
DESTROYED = re.compile(r"\b(DESTROY\w*|LEVELED|RAZED|BURNED DOWN|COMPLETELY)\b")
DAMAGE = re.compile(r"\b(DAMAG\w*|SHATTER\w*)\b")

_SENT_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")


def sentences(text: str) -> list[tuple[int, int]]:
    """Rough sentence boundaries as character offsets."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def header_date(header: str) -> dt.date | None:
    m = re.search(r"\b(\d{1,2}) ([A-Z]{3})[A-Z]* (\d{2})\b", header.upper())
    if not m or m[2] not in MONTHS:
        return None
    try:
        return dt.date(1900 + int(m[3]), MONTHS.index(m[2]) + 1, int(m[1]))
    except ValueError:
        return None


def fmt_date(d: dt.date) -> str:
    return f"{d.day:02d} {MONTHS[d.month - 1]} {d.year % 100:02d}"


def incident_date(header: str, context: str) -> str | None:
    """The incident's date from the dateline and the wording around the incident."""
    ref = header_date(header)
    if ref is None:
        return None
    up = context.upper()
    m = re.search(r"\bON (\d{1,2}) (" + "|".join(_MONTH_NAMES) + r")\b", up)
    if m:
        month = _MONTH_NAMES[m[2]]
        year = ref.year if month <= ref.month else ref.year - 1
        try:
            return fmt_date(dt.date(year, month, int(m[1])))
        except ValueError:
            pass
    if re.search(r"\b(YESTERDAY|LAST NIGHT)\b", up):
        return fmt_date(ref - dt.timedelta(days=1))
    m = re.search(r"\b(?:ON|LAST) (" + "|".join(_WEEKDAYS) + r")\b", up)
    if m:
        delta = (ref.weekday() - _WEEKDAYS.index(m[1])) % 7 or 7
        return fmt_date(ref - dt.timedelta(days=delta))
    if re.search(r"\b(TODAY|THIS MORNING|THIS AFTERNOON|TONIGHT|EARLY THIS)\b", up):
        return fmt_date(ref)
    return "- " + fmt_date(ref)


class Gazetteer:
    """Place names seen in training locations -> most frequent full location string."""

    def __init__(self, places: dict[str, str]) -> None:
        self.places = places
        names = sorted(places, key=len, reverse=True)
        self.pattern = (
            re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b") if names else None
        )

    @classmethod
    def from_records(cls, records: Sequence[Record]) -> Gazetteer:
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for rec in records:
            for t in rec.get("templates") or []:
                loc = t.get("location")
                if not isinstance(loc, str) or " - " in loc:
                    continue
                parts = [p.strip() for p in loc.split(":")]
                for k, part in enumerate(parts):
                    name = re.sub(r"\s*\(.*\)\s*$", "", part).strip()
                    if len(name) >= 3:
                        counts[name][":".join(parts[: k + 1]).replace(":", ": ")] += 1
        return cls({n: c.most_common(1)[0][0] for n, c in counts.items()})

    def to_disk(self, path: Path) -> None:
        path.write_text(json.dumps(self.places, indent=0, sort_keys=True), encoding="utf-8")

    @classmethod
    def from_disk(cls, path: Path) -> Gazetteer:
        if not path.is_file():
            return cls({})
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def find(self, text: str) -> list[tuple[int, str]]:
        if self.pattern is None:
            return []
        return [(m.start(), self.places[m[1]]) for m in self.pattern.finditer(text.upper())]

    def locate(self, header: str, context: str, text: str) -> str | None:
        """The most specific known place named in the incident's context; else the country
        of the first place named in the lead or the dateline (keys give only the country
        when the text does not say where)."""
        found = self.find(context)
        if found:
            first = [loc for _, loc in found[:3]]
            country = first[0].split(":")[0]
            same = [loc for loc in first if loc.split(":")[0] == country]
            return max(same, key=lambda loc: loc.count(":"))
        for source in (text, header.split(",")[0]):
            found = self.find(source)
            if found:
                return found[0][1].split(":")[0]
        return None


def _effects(entities: Sequence[Entity], text: str, role: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    sents = sentences(text)
    for ent in entities:
        if ent.role != role:
            continue
        ctx = " ".join(
            text[a:b] for a, b in sents if any(a <= m.start < b for m in ent.mentions)
        ).upper()
        if role == "hum_target_name":
            if DEATH.search(ctx):
                out.append({"effect": "DEATH", "target": ent.text})
            elif INJURY.search(ctx):
                out.append({"effect": "INJURY", "target": ent.text})
        else:
            if DESTROYED.search(ctx):
                out.append({"effect": "DESTROYED", "target": ent.text})
            elif DAMAGE.search(ctx):
                out.append({"effect": "SOME DAMAGE", "target": ent.text})
    return out


def incident_type(context: str) -> str:
    up = context.upper()
    for name, pat in TYPE_TRIGGERS:
        if pat.search(up):
            return name
    return "ATTACK"


PERPETRATOR_ROLES = ("perp_individual", "perp_organization")
MAX_TEMPLATES = 3


def _sentence_of(sents: Sequence[tuple[int, int]], offset: int) -> int:
    return next((i for i, (a, b) in enumerate(sents) if a <= offset < b), 0)


def _template(
    record: Record, entities: Sequence[Entity], gaz: Gazetteer, sents: Sequence[tuple[int, int]]
) -> Record:
    text = record.get("text", "")
    header = record.get("header", "")
    first = min(e.first for e in entities)
    # The incident's context: the sentence of the first entity mention and the next one.
    k = _sentence_of(sents, first)
    context = " ".join(text[a:b] for a, b in sents[k : k + 2])
    lead = " ".join(text[a:b] for a, b in sents[:2])
    template: Record = {
        "optional": False,
        "incident_type": incident_type(context),
        "stage": "ACCOMPLISHED",
        "date": incident_date(header, context),
        "location": gaz.locate(header, context, lead),
    }
    for role in ROLES:
        template[role] = [e.text for e in entities if e.role == role]
    hum = _effects(entities, text, "hum_target_name")
    labels = {h["effect"] for h in hum}
    # Unnamed victims ("A PEASANT WAS KILLED"): the label without a named target.
    up = context.upper()
    if "DEATH" not in labels and DEATH.search(up):
        hum.append({"effect": "DEATH", "target": None})
    if "INJURY" not in labels and INJURY.search(up):
        hum.append({"effect": "INJURY", "target": None})
    template["hum_target_effect"] = hum
    template["phys_target_effect"] = _effects(entities, text, "phys_target")
    return template


def build_templates(record: Record, entities: Sequence[Entity], gaz: Gazetteer) -> list[Record]:
    """Templates of a message; none for a message without entities (irrelevant).

    Targets, victims and weapons are split into incidents by the specific incident type
    (bombing, kidnapping, arson, ...) their first mention's sentence reads as (at most
    three incidents, in text order); the perpetrators go into every incident.
    """
    if not entities:
        return []
    text = record.get("text", "")
    sents = sentences(text)
    perps = [e for e in entities if e.role in PERPETRATOR_ROLES]
    others = sorted((e for e in entities if e.role not in PERPETRATOR_ROLES), key=lambda e: e.first)
    groups: dict[str, list[Entity]] = {}
    for e in others:
        a, b = sents[_sentence_of(sents, e.first)] if sents else (0, len(text))
        kind = incident_type(text[a:b])
        # A sentence without a specific trigger ("... KILLED ...") joins the first incident.
        if groups and (kind == "ATTACK" or len(groups) >= MAX_TEMPLATES) and kind not in groups:
            kind = next(iter(groups))
        groups.setdefault(kind, []).append(e)
    if not groups:
        return [_template(record, perps, gaz, sents)]
    return [_template(record, perps + members, gaz, sents) for members in groups.values()]
