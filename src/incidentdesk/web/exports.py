"""Exports of a record: JSON (the record format), Markdown, and CSV in GTD-like columns.

The CSV has one row per incident. Its first columns follow the Global Terrorism Database codebook
(``eventid, iyear, imonth, iday, ... nkill, nwound, scite1``): our labels are mapped to the GTD
categories in ``ATTACK_TYPES``, ``WEAPON_TYPES`` and ``TARGET_TYPES`` (``docs/web.md`` lists
them). Unknown numbers are left empty (GTD writes -99); unknown date parts are 0, as in GTD.
Columns after ``dbsource`` are incidentdesk's own (our labels, qualifiers, counts).

Cells that a spreadsheet would run as a formula (starting with ``= + - @``, tab or CR) get a
leading apostrophe: document text is hostile input, and a CSV is often opened in a spreadsheet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from enum import Enum

from incidentdesk.model import Incident, Record
from incidentdesk.present.json_report import to_json
from incidentdesk.present.markdown import to_markdown


class ExportFormat(str, Enum):
    """What ``/export/{format}`` can give."""

    json = "json"
    csv = "csv"
    md = "md"


MEDIA_TYPES: dict[ExportFormat, str] = {
    ExportFormat.json: "application/json",
    ExportFormat.csv: "text/csv; charset=utf-8",
    ExportFormat.md: "text/markdown; charset=utf-8",
}

# GTD attack types in the codebook's hierarchy (attacktype1 is the highest that applies).
GTD_ATTACK_ORDER = (
    "Assassination",
    "Hijacking",
    "Hostage Taking (Kidnapping)",
    "Hostage Taking (Barricade Incident)",
    "Bombing/Explosion",
    "Armed Assault",
    "Unarmed Assault",
    "Facility/Infrastructure Attack",
    "Unknown",
)
ATTACK_TYPES: dict[str, str] = {
    "assassination": "Assassination",
    "kidnapping": "Hostage Taking (Kidnapping)",
    "hostage taking": "Hostage Taking (Barricade Incident)",
    "bombing": "Bombing/Explosion",
    "suicide bombing": "Bombing/Explosion",
    "mass shooting": "Armed Assault",
    "shooting": "Armed Assault",
    "massacre": "Armed Assault",
    "stabbing": "Armed Assault",
    "vehicle ramming": "Unarmed Assault",
    "arson": "Facility/Infrastructure Attack",
}
WEAPON_TYPES: dict[str, str] = {
    "assault rifle": "Firearms",
    "pistol": "Firearms",
    "firearm": "Firearms",
    "explosive device": "Explosives",
    "incendiary device": "Incendiary",
    "knife": "Melee",
    "vehicle": "Vehicle (not to include vehicle-borne explosives, i.e., car or truck bombs)",
}
TARGET_TYPES: dict[str, str] = {
    "civilians": "Private Citizens & Property",
    "entertainment venue": "Business",
    "business": "Business",
    "religious site": "Religious Figures/Institutions",
    "government": "Government (General)",
    "police": "Police",
    "military": "Military",
    "transport": "Transportation",
    "school": "Educational Institution",
}

COLUMNS: tuple[str, ...] = (
    # GTD-like
    "eventid",
    "iyear",
    "imonth",
    "iday",
    "approxdate",
    "country_txt",
    "provstate",
    "city",
    "latitude",
    "longitude",
    "location",
    "summary",
    "attacktype1_txt",
    "attacktype2_txt",
    "attacktype3_txt",
    "targtype1_txt",
    "targtype2_txt",
    "targtype3_txt",
    "weaptype1_txt",
    "weaptype2_txt",
    "weaptype3_txt",
    "weaptype4_txt",
    "gname",
    "gname2",
    "nperps",
    "claimed",
    "nkill",
    "nwound",
    "scite1",
    "scite2",
    "scite3",
    "dbsource",
    # incidentdesk's own
    "title",
    "date",
    "time",
    "timezone",
    "attack_types",
    "weapons",
    "targets",
    "claimed_by",
    "perpetrator_people",
    "nkill_qualifier",
    "nkill_as_of",
    "nwound_qualifier",
    "nwound_as_of",
    "ndocuments",
    "nconflicts",
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def gtd_categories(
    labels: Iterable[str], mapping: dict[str, str], order: Iterable[str] = ()
) -> list[str]:
    """Our labels as GTD categories, without repeats (in ``order`` when given, else as met)."""
    found: list[str] = []
    for label in labels:
        category = mapping.get(label.lower())
        if category and category not in found:
            found.append(category)
    ranking = {name: i for i, name in enumerate(order)}
    if ranking:
        found.sort(key=lambda c: ranking.get(c, len(ranking)))
    return found


def _date_parts(date: str | None) -> tuple[int, int, int, str]:
    """``iyear, imonth, iday`` (0 = unknown) and ``approxdate`` for a partial or odd date."""
    if not date:
        return 0, 0, 0, ""
    parts = date[:10].split("-")
    numbers: list[int] = []
    for part in parts[:3]:
        if not part.isdigit():
            return 0, 0, 0, date
        numbers.append(int(part))
    numbers += [0] * (3 - len(numbers))
    approx = "" if len(parts) == 3 and len(date) == 10 else date
    return numbers[0], numbers[1], numbers[2], approx


def _nth(values: list[str], n: int) -> str:
    return values[n] if n < len(values) else ""


def safe_cell(value: object) -> str:
    """A CSV cell that no spreadsheet will evaluate."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def gtd_row(incident: Incident, record: Record) -> dict[str, str]:
    """One incident as a CSV row (see the module docstring for the mapping)."""
    year, month, day, approx = _date_parts(incident.date)
    loc = incident.location
    coords = loc.coordinates or []
    attacks = gtd_categories(incident.attack_types, ATTACK_TYPES, GTD_ATTACK_ORDER)
    targets = gtd_categories(incident.targets, TARGET_TYPES)
    weapons = gtd_categories(incident.weapons, WEAPON_TYPES)
    docs = {d.id: d for d in record.documents}
    cites = []
    for doc_id in incident.documents:
        doc = docs.get(doc_id)
        if doc is not None:
            cite = doc.title or doc.source
            if doc.publisher:
                cite = f"{doc.publisher}, {cite}"
            if doc.url:
                cite = f"{cite} ({doc.url})"
            cites.append(cite)
    orgs = incident.perpetrators.organizations
    killed, wounded = incident.killed, incident.injured
    row: dict[str, object] = {
        "eventid": incident.id,
        "iyear": year,
        "imonth": month,
        "iday": day,
        "approxdate": approx,
        "country_txt": loc.country or "",
        "provstate": loc.region or "",
        "city": loc.city or "",
        "latitude": coords[0] if len(coords) >= 2 else "",
        "longitude": coords[1] if len(coords) >= 2 else "",
        "location": loc.venue or "",
        "summary": incident.title or "",
        "attacktype1_txt": _nth(attacks, 0) or ("Unknown" if incident.attack_types else ""),
        "attacktype2_txt": _nth(attacks, 1),
        "attacktype3_txt": _nth(attacks, 2),
        "targtype1_txt": _nth(targets, 0),
        "targtype2_txt": _nth(targets, 1),
        "targtype3_txt": _nth(targets, 2),
        "weaptype1_txt": _nth(weapons, 0),
        "weaptype2_txt": _nth(weapons, 1),
        "weaptype3_txt": _nth(weapons, 2),
        "weaptype4_txt": _nth(weapons, 3),
        "gname": orgs[0] if orgs else "Unknown",
        "gname2": orgs[1] if len(orgs) > 1 else "",
        "nperps": "" if incident.perpetrators.count is None else incident.perpetrators.count,
        "claimed": 1 if incident.claimed_by else 0,
        "nkill": killed.value if killed else "",
        "nwound": wounded.value if wounded else "",
        "scite1": _nth(cites, 0),
        "scite2": _nth(cites, 1),
        "scite3": _nth(cites, 2),
        "dbsource": "incidentdesk",
        "title": incident.title or "",
        "date": incident.date or "",
        "time": incident.time or "",
        "timezone": incident.timezone or "",
        "attack_types": "; ".join(incident.attack_types),
        "weapons": "; ".join(incident.weapons),
        "targets": "; ".join(incident.targets),
        "claimed_by": "; ".join(incident.claimed_by),
        "perpetrator_people": "; ".join(incident.perpetrators.people),
        "nkill_qualifier": killed.qualifier if killed else "",
        "nkill_as_of": (killed.as_of or "") if killed else "",
        "nwound_qualifier": wounded.qualifier if wounded else "",
        "nwound_as_of": (wounded.as_of or "") if wounded else "",
        "ndocuments": len(incident.documents),
        "nconflicts": len(incident.conflicts),
    }
    return {name: safe_cell(row[name]) for name in COLUMNS}


def to_csv(record: Record) -> str:
    """One header line and one row per incident of ``record``."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for incident in record.incidents:
        writer.writerow(gtd_row(incident, record))
    return buffer.getvalue()


def render(record: Record, fmt: ExportFormat) -> str:
    """``record`` in the export format ``fmt``."""
    if fmt is ExportFormat.json:
        return to_json(record)
    if fmt is ExportFormat.csv:
        return to_csv(record)
    return to_markdown(record)
