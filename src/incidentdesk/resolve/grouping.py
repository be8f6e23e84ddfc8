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


def group_documents(documents: list[Document], facts: list[Fact]) -> list[list[str]]:
    """Lists of document ids, one per incident, in ingest order."""
    keys = _doc_keys(facts)
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
            close = day is not None and g_day is not None and abs((day - g_day).days) <= 1
            if close and (country is None or g_country is None or country == g_country):
                groups[i].append(doc.id)
                if g_country is None:
                    group_keys[i] = (g_date, country)
                break
        else:
            groups.append([doc.id])
            group_keys.append((date, country))
    if undated:
        if len(groups) == 1:
            groups[0].extend(undated)
        else:
            groups.extend([d] for d in undated)
    order = {d.id: i for i, d in enumerate(documents)}
    for g in groups:
        g.sort(key=order.__getitem__)
    groups.sort(key=lambda g: order[g[0]])
    return groups
