"""Clustering MUC-4 reports into incidents, scored with B-cubed against the answer keys.

Gold groups: every non-optional, dated template of a message gives the key (incident type, date,
country); the messages sharing a key form a gold group. A message with several such templates is
in several groups; a message with none (irrelevant, or only optional or undated templates) is not
scored. Dates are compared as the keys write them (``30 DEC 89``, ``- 08 JAN 90``, ranges).

A key's date is read as the last day it allows: ``- 12 JAN 90`` ("on or before", 40% of the keys,
mostly the dateline's day) and ``11 JAN 90 - 12 JAN 90`` ("between") both count as ``12 JAN 90``,
so that a report keyed "12 JAN 90" and one keyed "on or before 12 JAN 90" about the same murder are
one group. The figure with dates compared as written is reported beside it ("strict dates").

Scoring: extended B-cubed for overlapping gold (``eval.bcubed``), which is the main figure; beside
it, the same with strict dates, plain B-cubed against each message's *first* such template (a
partition) and the score of the all-singletons baseline, so that a figure can be read against what
doing nothing gets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from incidentdesk.eval.bcubed import BCubed, bcubed, partition
from incidentdesk.eval.muc4_source import muc4_document
from incidentdesk.model import SourceDocument, SourceProblem
from incidentdesk.muc4.data import Record
from incidentdesk.muc4.templates import header_date
from incidentdesk.pipeline import IngestResult, ingest
from incidentdesk.resolve.linking import DATE_WINDOW
from incidentdesk.store import Store

GoldKey = tuple[str, str, str]

SCORING_NOTE = (
    "extended B-cubed (Amigó et al. 2009) against gold groups of messages sharing incident type, "
    "date (the last day the key allows: '- 12 JAN 90' is 12 JAN 90) and country in a "
    "non-optional dated template; a message in k groups reaches at most 1/k recall on itself. "
    "'strict dates': dates compared as written"
)


def template_country(location: str | None) -> str:
    """The country of a key's location (``EL SALVADOR: SAN MIGUEL (DEPARTMENT)`` -> ``EL
    SALVADOR``); "" when the key gives no location."""
    return (location or "").split(":", 1)[0].strip()


def key_date(value: str, strict: bool = False) -> str:
    """A key's date as compared: the last day it allows (``- 08 JAN 90``, "on or before", and
    ``07 JAN 90 - 08 JAN 90``, "between", both give ``08 JAN 90``); as written when ``strict``."""
    if strict:
        return value.strip()
    return value.rsplit("-", 1)[-1].strip()


def gold_keys(record: Record, strict: bool = False) -> list[GoldKey]:
    """The (incident type, date, country) keys of a message's non-optional dated templates, in
    template order, each once (``strict``: dates as written, see ``key_date``)."""
    keys: list[GoldKey] = []
    for template in record.get("templates") or []:
        if template.get("optional") or not template.get("date"):
            continue
        key = (
            str(template.get("incident_type") or ""),
            key_date(str(template["date"]), strict),
            template_country(template.get("location")),
        )
        if key not in keys:
            keys.append(key)
    return keys


def gold_groups(records: Iterable[Record], strict: bool = False) -> dict[str, set[GoldKey]]:
    """Message id -> its gold keys, for the messages that are scored (at least one key)."""
    out: dict[str, set[GoldKey]] = {}
    for record in records:
        keys = gold_keys(record, strict)
        if keys:
            out[str(record["id"])] = set(keys)
    return out


def first_keys(records: Iterable[Record]) -> dict[str, GoldKey]:
    """Message id -> the key of its first non-optional dated template (the partition variant)."""
    out: dict[str, GoldKey] = {}
    for record in records:
        keys = gold_keys(record)
        if keys:
            out[str(record["id"])] = keys[0]
    return out


@dataclass(frozen=True)
class ClusterScores:
    """The figures of one set of messages."""

    name: str
    messages: int
    extended: BCubed
    strict_dates: BCubed
    first_template: BCubed
    singletons: BCubed


def score(name: str, records: list[Record], incident_of: Mapping[str, str]) -> ClusterScores:
    """Score ``incident_of`` (message id -> incident id) on ``records``.

    A message missing from ``incident_of`` counts as an incident of its own.
    """
    gold = gold_groups(records)
    first = first_keys(records)
    predicted = partition({m: incident_of.get(m, "message:" + m) for m in gold})
    alone = partition({m: m for m in gold})
    return ClusterScores(
        name=name,
        messages=len(records),
        extended=bcubed(predicted, gold),
        strict_dates=bcubed(predicted, gold_groups(records, strict=True)),
        first_template=bcubed(predicted, partition(first)),
        singletons=bcubed(alone, gold),
    )


#: A stated date this many days or fewer from a key's date counts as "near": still inside the
#: linking rule's blocking window.
NEAR_DAYS = DATE_WINDOW


@dataclass(frozen=True)
class DateAgreement:
    """How the incident dates the documents state compare with their messages' answer keys."""

    right: int  # the date of one of the message's keys (the last day it allows)
    near: int  # 1 to NEAR_DAYS days from the nearest key date
    wrong: int  # further from every key date
    missing: int  # the document states no incident date

    @property
    def messages(self) -> int:
        return self.right + self.near + self.wrong + self.missing


def date_agreement(
    records: Iterable[Record],
    documents: Mapping[str, str],
    stated: Mapping[str, str | None],
) -> DateAgreement:
    """Compare each scored message's stated incident date (``stated``: document id -> ISO date
    or None, e.g. the profiles' ``date``) with its keys' dates; messages whose keys give no
    readable date are left out."""
    counts = {"right": 0, "near": 0, "wrong": 0, "missing": 0}
    for message, keys in gold_groups(records).items():
        days = {d for d in (header_date(k[1]) for k in keys) if d is not None}  # not 31 NOV
        if not days:
            continue
        value = stated.get(documents.get(message, ""))
        if not value:
            counts["missing"] += 1
            continue
        gap = min(abs((date.fromisoformat(value[:10]) - d).days) for d in days)
        counts["right" if gap == 0 else "near" if gap <= NEAR_DAYS else "wrong"] += 1
    return DateAgreement(**counts)


def muc4_items(
    records: Iterable[Record], documents: dict[str, str]
) -> Iterable[SourceDocument | SourceProblem]:
    """The records as pipeline inputs; fills ``documents`` (message id -> document id)."""
    for record in records:
        item = muc4_document(record)
        if isinstance(item, SourceDocument):
            documents[str(record["id"])] = item.document.id
        yield item


def ingest_records(
    store: Store,
    records: list[Record],
    on_document: Callable[[SourceDocument, bool], None] | None = None,
    on_problem: Callable[[SourceProblem], None] | None = None,
) -> tuple[IngestResult, dict[str, str]]:
    """Ingest MUC-4 records through the normal pipeline (stored ones are skipped by content hash).

    Returns the ingest result and message id -> document id (two messages with the same text
    share one document).
    """
    documents: dict[str, str] = {}
    result = ingest(
        store, muc4_items(records, documents), on_problem=on_problem, on_document=on_document
    )
    return result, documents


def incidents_by_message(
    documents: Mapping[str, str], assignment: Mapping[str, str]
) -> dict[str, str]:
    """Message id -> incident id, through the message's document."""
    return {m: assignment[d] for m, d in documents.items() if d in assignment}
