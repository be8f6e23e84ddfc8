"""The incident record as a Markdown report (GitHub-flavoured tables).

Per incident: an infobox, the casualty history (every figure report with its source), the
timeline, people, claims and conflicts; then the documents of the record. Text from documents is
escaped so that it can neither break a table (``|``, newlines) nor turn into raw HTML.
"""

from __future__ import annotations

from collections.abc import Sequence

from incidentdesk.model import Incident, Record
from incidentdesk.present._views import (
    DASH,
    DocumentIndex,
    figure_rows,
    incident_heading,
    infobox_rows,
    join,
    text_or_dash,
    value_text,
)


def cell(text: str | None) -> str:
    """``text`` made safe for one Markdown table cell.

    ``|`` is escaped, line breaks become ``<br>``, and ``<``/``>`` become entities so that
    document text is never read as HTML by a Markdown renderer.
    """
    if text is None or not text.strip():
        return DASH
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "<br>".join(part.strip() for part in text.split("\n"))


def inline(text: str | None) -> str:
    """``text`` made safe for a heading or a paragraph: one line, no raw HTML."""
    if text is None or not text.strip():
        return DASH
    text = " ".join(text.split())
    return text.replace("<", "&lt;").replace(">", "&gt;")


def table(headers: Sequence[str], rows: Sequence[Sequence[str | None]]) -> list[str]:
    """A Markdown table; every cell goes through ``cell``."""
    lines = [
        "| " + " | ".join(cell(h) for h in headers) + " |",
        "|" + "|".join("---" for _ in headers) + "|",
    ]
    lines.extend("| " + " | ".join(cell(c) for c in row) + " |" for row in rows)
    return lines


def _quote(text: str) -> str:
    return "“" + " ".join(text.split()) + "”"


def _incident(incident: Incident, index: DocumentIndex) -> list[str]:
    out = [
        f"## {inline(incident_heading(incident))}",
        "",
        f"Incident id: `{incident.id.replace('`', '')}`",
        "",
    ]

    out += ["### Infobox", ""]
    info = infobox_rows(incident, index)
    out += table(
        ["Field", "Value", "Sources"],
        [[r.label, r.value, join(sorted({e.document_title for e in r.evidence}))] for r in info],
    )
    out.append("")

    out += ["### Casualty figures as reported", ""]
    rows = figure_rows(incident, index)
    if rows:
        out += table(
            [
                "Kind",
                "Value",
                "Qualifier",
                "Scope",
                "Reported at",
                "Source document",
                "Attributed to",
                "Hedged",
                "Incl. perpetrators",
                "Evidence",
            ],
            [
                [
                    r.kind,
                    r.value,
                    r.qualifier,
                    r.scope,
                    r.reported_at,
                    r.document_title,
                    r.attributed_to,
                    r.hedged,
                    r.includes_perpetrators,
                    _quote(r.evidence.quote),
                ]
                for r in rows
            ],
        )
    else:
        out.append("No casualty figures were found.")
    out.append("")

    out += ["### Timeline", ""]
    if incident.timeline:
        out += table(
            ["Date", "Time", "Event", "Sources"],
            [
                [
                    item.date,
                    item.time,
                    item.text,
                    join(sorted({index.title(d) for d in item.documents})),
                ]
                for item in incident.timeline
            ],
        )
    else:
        out.append("No dated events were found.")
    out.append("")

    out += ["### People", ""]
    if incident.people:
        out += table(
            ["Name", "Also written", "Roles", "Age", "Nationality"],
            [
                [
                    p.name,
                    join(p.aliases),
                    join(p.roles),
                    str(p.age) if p.age is not None else None,
                    p.nationality,
                ]
                for p in incident.people
            ],
        )
    else:
        out.append("No people were named.")
    out.append("")

    out += ["### Claims", ""]
    if incident.claims:
        out += table(
            ["Claim", "Status", "Asserted by", "Denied by", "Supported by"],
            [
                [c.claim, c.status, join(c.asserted_by), join(c.denied_by), join(c.supported_by)]
                for c in incident.claims
            ],
        )
    else:
        out.append("No claims were recorded.")
    out.append("")

    out += ["### Conflicts", ""]
    if incident.conflicts:
        out += table(
            ["Field", "Values", "Documents", "Note"],
            [
                [
                    c.field,
                    "; ".join(value_text(v) for v in c.values) or DASH,
                    join([index.title(d) for d in c.documents], sep="; "),
                    c.note,
                ]
                for c in incident.conflicts
            ],
        )
    else:
        out.append("The sources do not disagree on anything recorded.")
    out.append("")
    return out


def to_markdown(record: Record) -> str:
    """Render ``record`` as a Markdown report (incidents first, then the documents)."""
    index = DocumentIndex.of(record)
    n_inc, n_doc = len(record.incidents), len(record.documents)
    out = [
        "# Incident record",
        "",
        f"{n_inc} incident{'s' if n_inc != 1 else ''} from "
        f"{n_doc} document{'s' if n_doc != 1 else ''}.",
        "",
    ]
    if not record.incidents:
        out += ["No incidents were found.", ""]
    for incident in record.incidents:
        out += _incident(incident, index)

    out += ["## Documents", ""]
    if record.documents:
        out += table(
            [
                "Title",
                "Kind",
                "Publisher",
                "Author",
                "Published",
                "Reported at",
                "Source",
                "URL",
                "Id",
            ],
            [
                [
                    text_or_dash(d.title),
                    d.kind,
                    d.publisher,
                    d.author,
                    d.published,
                    (d.reported_at + (f" ({d.reported_at_basis})" if d.reported_at_basis else ""))
                    if d.reported_at
                    else None,
                    d.source,
                    d.url,
                    d.id,
                ]
                for d in record.documents
            ],
        )
    else:
        out.append("No documents.")
    return "\n".join(out).rstrip() + "\n"
