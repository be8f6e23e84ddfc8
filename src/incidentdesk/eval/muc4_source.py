"""MUC-4 messages as ordinary documents for the ingest pipeline.

A MUC-4 line (``{"id", "header", "text", "templates"}``) keeps its dateline in ``header``
(``SAN SALVADOR, 3 JAN 90 (DPA) -- [TEXT]``) and its body in ``text``, all in capitals. The
document handed to the pipeline is the dateline (without the bracketed tags) on its first line
and the body after a blank line, both with their case restored (``annotate.casing``); the dateline's
date is the document's publication date, so that "yesterday" and year-less dates resolve
against it. A dateline without a year ("25 JAN", "NO DATE") gives no publication date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from incidentdesk.annotate.casing import truecase
from incidentdesk.model import SourceDocument, SourceProblem
from incidentdesk.muc4.data import Record, iter_jsonl, split_path
from incidentdesk.sources.dates import MONTHS
from incidentdesk.sources.jsonl import read_record

_DATE = re.compile(r"\b(?P<day>\d{1,2})\s+(?P<month>[A-Z]{3})[A-Z]*\.?(?:\s+(?P<year>\d{2,4}))?\b")


@dataclass(frozen=True)
class Dateline:
    """The parts of a MUC-4 header before ``--``."""

    text: str
    published: str | None


def parse_header(header: str) -> Dateline:
    """The dateline text (tags dropped) and its date as ISO (two-digit years are 19xx)."""
    line = header.split("--", 1)[0].strip()
    published: date | None = None
    m = _DATE.search(line)
    if m and m.group("year") and m.group("month").lower() in MONTHS:
        year = int(m.group("year"))
        year = year + 1900 if year < 100 else year
        try:
            published = date(year, MONTHS[m.group("month").lower()], int(m.group("day")))
        except ValueError:
            published = None
    return Dateline(text=line, published=published.isoformat() if published else None)


def muc4_document(record: Record) -> SourceDocument | SourceProblem:
    """One MUC-4 message as a ``SourceDocument`` (source: its message id)."""
    ident = str(record.get("id") or "")
    body = str(record.get("text") or "")
    dateline = parse_header(str(record.get("header") or ""))
    text = truecase(body)
    if dateline.text:
        text = truecase(dateline.text) + "\n\n" + text
    fields: dict[str, object] = {"id": ident, "text": text, "kind": "news"}
    if dateline.published:
        fields["published"] = dateline.published
    return read_record(fields, ident or "muc4")


def iter_records(
    splits: Iterable[str], directory: Path | None = None, limit: int | None = None
) -> Iterator[Record]:
    """The records of the named splits in file order, at most ``limit`` of them."""
    count = 0
    for split in splits:
        for record in iter_jsonl(split_path(split, directory)):
            if limit is not None and count >= limit:
                return
            count += 1
            yield record
