"""Figures over time: every casualty report kept, a best value chosen by a documented policy.

Policy (docs/figures.md):
1. Only totals count for the best value; sub-figures (children, identified, one citizenship,
   subsets) are kept as history but never become totals.
2. The latest report time wins: totals evolve, and a later report supersedes a preliminary one.
3. Among reports of that time, the value stated by the most reports wins; on a tie the larger
   value wins, because totals for an incident rarely fall. Unhedged reports outrank hedged ones.
4. Different totals reported at the same time (or in the same document) are a conflict.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from incidentdesk.model import Conflict, Fact, Figure, FigureReport

FIGURE_FIELDS = ("killed", "injured", "missing", "detained", "hostages")


def figure_reports(facts: list[Fact]) -> list[FigureReport]:
    """Every casualty-type figure about the incident, in report-time order."""
    reports = [
        FigureReport(
            kind=f.field,
            value=int(f.value),
            qualifier=f.qualifier or "exact",
            scope=f.scope or "total",
            reported_at=f.reported_at,
            reported_at_inferred=f.reported_at_inferred,
            document=f.document,
            attributed_to=f.attributed_to,
            hedged=f.hedged,
            includes_perpetrators=f.includes_perpetrators,
            evidence=f.evidence,
        )
        for f in facts
        if f.field in FIGURE_FIELDS and f.refers_to == "main"
    ]
    reports.sort(key=lambda r: (r.reported_at or "", r.kind, r.document, r.evidence.start, r.value))
    return _dedupe(reports)


def _dedupe(reports: list[FigureReport]) -> list[FigureReport]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for r in reports:
        key = (r.kind, r.value, r.qualifier, r.scope, r.document, r.evidence.start)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def best_figure(reports: list[FigureReport], kind: str) -> Figure | None:
    """The best current total of ``kind`` and, in ``basis``, why it was chosen."""
    totals = [r for r in reports if r.kind == kind and r.scope == "total"]
    if not totals:
        return None
    unhedged = [r for r in totals if not r.hedged] or totals
    latest = max(r.reported_at or "" for r in unhedged)
    current = [r for r in unhedged if (r.reported_at or "") == latest]
    votes = Counter(r.value for r in current)
    value = max(votes, key=lambda v: (votes[v], v))
    chosen = [r for r in current if r.value == value]
    qualifiers = Counter(r.qualifier for r in chosen)
    qualifier = max(qualifiers, key=lambda q: (qualifiers[q], q == "exact"))
    earlier = len(totals) - len(current)
    basis = (
        f"latest total ({latest or 'report time unknown'}"
        f"{', inferred' if chosen[0].reported_at_inferred else ''}); "
        f"stated by {len(chosen)} of {len(current)} report(s) of that time"
    )
    if len(votes) > 1:
        basis += "; other values at that time are listed as a conflict"
    if earlier:
        basis += f"; {earlier} earlier or hedged report(s) kept as history"
    sources = sorted({r.document for r in chosen})
    names = sorted({" > ".join(r.attributed_to) for r in chosen if r.attributed_to})
    if names:
        basis += f"; attributed to {', '.join(names)}"
    return Figure(
        value=value,
        qualifier=qualifier,
        as_of=latest or None,
        basis=basis,
        sources=sources,
        evidence=[r.evidence for r in chosen],
    )


def figure_conflicts(reports: list[FigureReport]) -> list[Conflict]:
    """Different totals of one kind reported at the same time or in the same document."""
    conflicts: list[Conflict] = []
    for kind in ("killed", "injured"):
        groups: dict[str, list[FigureReport]] = defaultdict(list)
        for r in reports:
            if r.kind == kind and r.scope == "total":
                groups[r.reported_at or r.document].append(r)
        for when, group in sorted(groups.items()):
            values = sorted({r.value for r in group})
            if len(values) < 2:
                continue
            parts = []
            for v in values:
                who = sorted(
                    {" > ".join(r.attributed_to) or "unattributed" for r in group if r.value == v}
                )
                quals = sorted({r.qualifier for r in group if r.value == v})
                parts.append(f"{'/'.join(quals)} {v} ({'; '.join(who)})")
            conflicts.append(
                Conflict(
                    field=kind,
                    values=values,
                    documents=sorted({r.document for r in group}),
                    note=f"{kind} totals reported at {when}: " + " vs ".join(parts),
                )
            )
        ordered = sorted(
            (r for r in reports if r.kind == kind and r.scope == "total" and not r.hedged),
            key=lambda r: r.reported_at or "",
        )
        for a, b in zip(ordered, ordered[1:], strict=False):
            if (
                (a.reported_at or "") < (b.reported_at or "")
                and b.value < a.value
                and b.qualifier == "exact"
                and a.qualifier == "exact"
            ):
                conflicts.append(
                    Conflict(
                        field=kind,
                        values=[a.value, b.value],
                        documents=sorted({a.document, b.document}),
                        note=f"a later exact {kind} total ({b.value}) is lower than an earlier one ({a.value})",
                    )
                )
    return conflicts
