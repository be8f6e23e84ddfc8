"""Group documents into incidents by the date and country of the incident each reports.

Version 1: documents whose incident dates lie within a day of each other, and whose countries
do not disagree, report the same incident; a document without a date joins the only incident
there is, or starts its own.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from incidentdesk.annotate.dates import parse_iso_date
from incidentdesk.model import Document, Fact


def _doc_keys(facts: list[Fact]) -> dict[str, tuple[str | None, str | None]]:
    dates: dict[str, Counter[str]] = defaultdict(Counter)
    countries: dict[str, Counter[str]] = defaultdict(Counter)
    for f in facts:
        if f.refers_to != "main":
            continue
        if f.field == "date":
            dates[f.document][str(f.value)] += 2 if f.extractor == "infobox" else 1
        elif f.field == "country":
            countries[f.document][str(f.value).lower()] += 1
    docs = set(dates) | set(countries)
    return {
        d: (
            dates[d].most_common(1)[0][0] if dates[d] else None,
            countries[d].most_common(1)[0][0] if countries[d] else None,
        )
        for d in docs
    }


def _places(facts: list[Fact]) -> dict[str, set[str]]:
    places: dict[str, set[str]] = defaultdict(set)
    for f in facts:
        if f.field in ("venue", "city") and f.refers_to == "main" and len(str(f.value)) > 3:
            places[f.document].add(str(f.value).lower())
    return places


def group_documents(
    documents: list[Document], facts: list[Fact], texts: dict[str, str] | None = None
) -> list[list[str]]:
    """Lists of document ids, one per incident, in ingest order.

    Dates within a day (or within three days when the same venue or city is named) and countries
    that do not disagree put two documents together; an undated document joins the one incident
    whose venue or city its text names.
    """
    keys = _doc_keys(facts)
    places = _places(facts)
    group_places: list[set[str]] = []
    groups: list[list[str]] = []
    group_keys: list[tuple[str | None, str | None]] = []
    undated: list[str] = []
    for doc in documents:
        date, country = keys.get(doc.id, (None, None))
        if date is None:
            undated.append(doc.id)
            continue
        day = parse_iso_date(date)
        for i, (g_date, g_country) in enumerate(group_keys):
            g_day = parse_iso_date(g_date)
            gap = abs((day - g_day).days) if day is not None and g_day is not None else 99
            close = gap <= 1 or (gap <= 3 and bool(places[doc.id] & group_places[i]))
            if close and (country is None or g_country is None or country == g_country):
                groups[i].append(doc.id)
                group_places[i] |= places[doc.id]
                if g_country is None:
                    group_keys[i] = (g_date, country)
                break
        else:
            groups.append([doc.id])
            group_keys.append((date, country))
            group_places.append(set(places[doc.id]))
    for doc_id in undated:
        text = (texts or {}).get(doc_id, "").lower()
        named = [i for i, p in enumerate(group_places) if any(name in text for name in p)]
        if len(groups) == 1:
            groups[0].append(doc_id)
        elif len(named) == 1:
            groups[named[0]].append(doc_id)
        else:
            groups.append([doc_id])
            group_places.append(set(places[doc_id]))
    order = {d.id: i for i, d in enumerate(documents)}
    for g in groups:
        g.sort(key=order.__getitem__)
    groups.sort(key=lambda g: order[g[0]])
    return groups
