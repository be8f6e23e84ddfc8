"""An encyclopedia infobox becomes facts, each with the infobox line as its evidence.

An empty value is unknown, never zero: readers drop empty fields and nothing is invented here.
"""

from __future__ import annotations

import re

from incidentdesk.annotate.dates import find_dates, find_times
from incidentdesk.annotate.numbers import find_numbers
from incidentdesk.annotate.pipeline import AnnotatedDoc
from incidentdesk.extract import vocabulary
from incidentdesk.extract.actors import is_organisation
from incidentdesk.extract.facts import make_fact
from incidentdesk.model import Fact, FactField, InfoboxField

FIGURE_KEYS: dict[str, FactField] = {
    "fatalities": "killed", "deaths": "killed", "killed": "killed", "dead": "killed",
    "injuries": "injured", "injured": "injured", "wounded": "injured", "non-fatal injuries": "injured",
    "missing": "missing", "numparts": "attackers", "attackers": "attackers",
    "assailants": "attackers", "perpetrators count": "attackers",
}  # fmt: skip
LABEL_KEYS = {"type": "attack_type", "weapons": "weapon", "weapon": "weapon", "target": "target"}
_PLACE_LEVELS = ("venue", "city", "region", "country")


def _fact_for_span(
    doc: AnnotatedDoc, fld: InfoboxField, field: FactField, value: object, **kw: object
) -> Fact:
    return make_fact(doc, field, value, fld.start, fld.end, "infobox", **kw)  # type: ignore[arg-type]


def extract_infobox(doc: AnnotatedDoc) -> list[Fact]:
    """Facts from the infobox fields of an encyclopedia-style document."""
    facts: list[Fact] = []
    for fld in doc.source.infobox:
        key = fld.key.strip().lower()
        value = fld.value.strip()
        if not value:
            continue
        if key in FIGURE_KEYS:
            numbers = find_numbers(value)
            if numbers:
                n = numbers[0]
                kind = FIGURE_KEYS[key]
                extra: dict[str, object] = {}
                if kind != "attackers":
                    extra = {"qualifier": n.qualifier, "scope": "total"}
                facts.append(_fact_for_span(doc, fld, kind, n.value, confidence=0.95, **extra))
        elif key in LABEL_KEYS:
            finder = {
                "attack_type": vocabulary.attack_types,
                "weapon": vocabulary.weapons,
                "target": vocabulary.targets,
            }[LABEL_KEYS[key]]
            labels = sorted({label for label, _, _ in finder(value)})
            if LABEL_KEYS[key] == "target" and not labels:
                labels = [value]
            for label in labels:
                facts.append(_fact_for_span(doc, fld, LABEL_KEYS[key], label))  # type: ignore[arg-type]
        elif key == "location":
            parts = [p.strip() for p in re.split(r",\s*", value) if p.strip()]
            levels = _PLACE_LEVELS[-len(parts) :] if len(parts) <= 4 else _PLACE_LEVELS
            if len(parts) > 4:
                parts = [parts[0], *parts[-3:]]
            for level, part in zip(levels, parts, strict=False):
                facts.append(_fact_for_span(doc, fld, level, part))  # type: ignore[arg-type]
        elif key == "date":
            for mention in find_dates(value, None, prefer_past_of_anchor=False):
                if mention.date and mention.precision == "day":
                    facts.append(_fact_for_span(doc, fld, "date", mention.date))
                    break
            for t in find_times(value):
                facts.append(_fact_for_span(doc, fld, "time", t.time))
                if t.timezone:
                    facts.append(_fact_for_span(doc, fld, "timezone", t.timezone))
                break
        elif key in ("timezone", "time zone"):
            facts.append(_fact_for_span(doc, fld, "timezone", value))
        elif key in ("perpetrators", "perpetrator", "perpetrator organization"):
            for part in re.split(r"\s*(?:;|,|\band\b)\s*", value):
                if part:
                    field: FactField = (
                        "perpetrator_org" if is_organisation(part) else "perpetrator_person"
                    )
                    facts.append(_fact_for_span(doc, fld, field, part))
        elif key == "title":
            facts.append(_fact_for_span(doc, fld, "title", value))
    return facts
