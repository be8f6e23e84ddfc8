"""Figures over time: every casualty report kept, a best value chosen by a documented policy.

Every casualty-type figure is kept as a ``FigureReport`` (``Incident.figures`` is the full
history); ``best_figure`` walks that history in report-time order and ``figure_conflicts`` lists
what a reader must see. The policies (docs/figures.md):

A. Totals rarely fall. A later total lower than the current one does not replace it, unless the
   lower total is an exact, unhedged figure from an authoritative source that is either an
   explicit revision ("revised", "corrected", "lowered" ... in its sentence) or replaces a
   preliminary figure (no authoritative exact report behind it). A lower value that the current
   qualifier admits ("up to 30" then 28, "about 50" then 48) is a refinement, not a fall. A fall
   that is not accepted is kept as history and listed as a conflict.
B. Later beats earlier: a later total equal to or above the current one supersedes it (an equal
   one confirms it and adds its sources). Authority is an official body, investigators, a court or
   an encyclopedia summary: the innermost named source of the attribution chain when there is one,
   else the kind of the reporting document (``official``, ``encyclopedia``). Hedged reports
   ("reportedly", "X claimed") count only when no unhedged total exists. "At least" / "more than"
   figures are lower bounds: preliminary, and replaced by any later higher total.
C. Sub-figures never become totals: only ``scope == "total"`` reports are candidates; children,
   identified victims, one nationality, deaths later in hospital stay in the history.
D. Same report time, different values: a conflict naming every value with its sources and times.
   Two reports share a report time when they come from the same document, when both report times
   carry a clock time and lie at most ``SAME_TIME`` apart, or when one is only a day (month, year)
   and the other falls in that day (month, year). Among such reports the value stated by the most
   reports wins, then the one with authority, then the larger (totals rarely fall).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Literal

from incidentdesk.model import Conflict, Document, Fact, Figure, FigureReport, Qualifier

FIGURE_FIELDS = ("killed", "injured", "missing", "detained", "hostages")
CONFLICT_KINDS = ("killed", "injured")
TOTAL = "total"
SAME_TIME = timedelta(minutes=30)
"""Two timed reports at most this far apart are of the same report time (policy D)."""
ABOUT_TOLERANCE = 0.1
"""An ``about N`` figure admits values within 10 % of N (policy A)."""
AUTHORITATIVE_KINDS = frozenset({"official", "encyclopedia"})
"""Document kinds whose own voice is authoritative (policy B)."""
LOWER_BOUNDS: frozenset[Qualifier] = frozenset({"at least", "more than"})

_OFFICIAL = re.compile(
    r"\b(?:ministr(?:y|ies)|minister|department|police|polic(?:e|ing)\s+service|officials?"
    r"|authorit(?:y|ies)|government|governor|mayor|prosecutor\w*|investigat\w*|court|judge"
    r"|coroner|medical\s+examiner|health|hospital\w*|emergenc(?:y|ies)|civil\s+defen[cs]e"
    r"|fire\s+(?:service|department|brigade)|army|military|armed\s+forces|security\s+service"
    r"|interior|president\w*|spokes(?:man|woman|person)|committee|commission|state\s+media)\b",
    re.IGNORECASE,
)
_NOT_OFFICIAL = re.compile(
    r"\b(?:news\s+agency|newspaper|monitor|rights\s+group|activists?|witness\w*|residents?"
    r"|relatives|ngo|observatory)\b",
    re.IGNORECASE,
)
_REVISION = re.compile(
    r"\b(?:revis\w*|correct\w*|lower(?:ed|s)?|reduc\w*|downgrad\w*|adjust\w*|recount\w*"
    r"|double[- ]counted|overcount\w*|counted\s+twice|rather\s+than|instead\s+of"
    r"|not\s+\d[\d,]*\s+as|previously\s+(?:reported|stated|given)|earlier\s+(?:figure|toll))\b",
    re.IGNORECASE,
)

Precision = Literal["minute", "day", "month", "year"]
Action = Literal["first", "rose", "confirmed", "refined", "revised down", "fall not accepted"]


# --------------------------------------------------------------------------- report times


@dataclass(frozen=True)
class ReportTime:
    """A parsed report time: a UTC instant for ordering and the precision it was stated with.

    A time without an offset is taken as UTC; a bare day, month or year starts at its first
    instant (UTC) and ``local`` keeps the calendar part as stated, for same-day comparisons.
    """

    instant: datetime
    precision: Precision
    local: str
    zoned: bool = False


_TIME_RE = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})(?:[T ](?P<H>\d{2}):(?P<M>\d{2})"
    r"(?::(?P<S>\d{2})(?:\.\d+)?)?(?P<tz>Z|[+-]\d{2}:?\d{2})?)?)?)?$"
)


def parse_report_time(value: str | None) -> ReportTime | None:
    """``value`` (ISO datetime, date, year-month or year) as a ``ReportTime``, else None."""
    if not value:
        return None
    m = _TIME_RE.match(value.strip())
    if m is None:
        return None
    year, month, day = int(m["y"]), int(m["m"] or 1), int(m["d"] or 1)
    try:
        if m["H"] is None:
            instant = datetime(year, month, day, tzinfo=UTC)
            precision: Precision = "day" if m["d"] else "month" if m["m"] else "year"
        else:
            tz = m["tz"] or "Z"
            iso = f"{year:04d}-{month:02d}-{day:02d}T{m['H']}:{m['M']}:{m['S'] or '00'}"
            offset = "+00:00" if tz == "Z" else f"{tz[:3]}:{tz[-2:]}"
            instant = datetime.fromisoformat(iso + offset).astimezone(UTC)
            precision = "minute"
    except ValueError:
        return None
    zoned = m["H"] is not None and m["tz"] is not None
    return ReportTime(instant=instant, precision=precision, local=value.strip()[:10], zoned=zoned)


_PREFIX = {"year": 4, "month": 7, "day": 10}
"""How many characters of the stated time name its year, month or day."""


def same_report_time(a: ReportTime | None, b: ReportTime | None) -> bool:
    """Policy D: both timed and at most ``SAME_TIME`` apart, or in the same coarser period."""
    if a is None or b is None:
        return False
    if a.precision == "minute" and b.precision == "minute":
        return abs(a.instant - b.instant) <= SAME_TIME
    n = min(_PREFIX.get(a.precision, 10), _PREFIX.get(b.precision, 10))
    return a.local[:n] == b.local[:n]


def report_order(report: FigureReport) -> tuple[int, datetime, str, str, int, int]:
    """Sort key: reports without a time first, then by instant, then stably by position."""
    t = parse_report_time(report.reported_at)
    instant = t.instant if t else datetime.min.replace(tzinfo=UTC)
    return (
        0 if t is None else 1,
        instant,
        report.kind,
        report.document,
        report.evidence.start,
        report.value,
    )


# --------------------------------------------------------------------------- reports


def figure_reports(facts: list[Fact]) -> list[FigureReport]:
    """Every casualty-type figure about the incident, in report-time order (nothing dropped)."""
    reports = [
        FigureReport(
            kind=f.field,
            value=int(f.value),
            qualifier=f.qualifier or "exact",
            scope=f.scope or TOTAL,
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
    reports.sort(key=report_order)
    return _dedupe(reports)


def _dedupe(reports: list[FigureReport]) -> list[FigureReport]:
    """Drop only exact repeats: the same figure read twice from the same span."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for r in reports:
        key = (r.kind, r.value, r.qualifier, r.scope, r.document, r.evidence.start)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def is_total(report: FigureReport) -> bool:
    """Policy C: only a figure about the whole incident can become the best value."""
    return report.scope.strip().lower() == TOTAL


def document_kinds(documents: Iterable[Document]) -> dict[str, str]:
    """Document id -> kind, for authority by document kind (policy B)."""
    return {d.id: d.kind for d in documents}


def authority(report: FigureReport, kinds: Mapping[str, str]) -> str | None:
    """Why ``report`` is authoritative (policy B), or None when it is not.

    The innermost named source speaks for the figure: an official body, investigators or a court
    is authoritative, a news agency, a monitor or a witness is not. A figure in the document's
    own voice is authoritative when the document is an official statement or an encyclopedia.
    """
    if report.attributed_to:
        source = report.attributed_to[-1]
        if _OFFICIAL.search(source) and not _NOT_OFFICIAL.search(source):
            return source
        return None
    kind = kinds.get(report.document)
    if kind in AUTHORITATIVE_KINDS:
        return f"{kind} document"
    return None


def is_revision(report: FigureReport) -> bool:
    """The sentence says the figure corrects or revises an earlier one (policy A)."""
    return bool(_REVISION.search(report.evidence.text))


def is_firm(report: FigureReport, kinds: Mapping[str, str]) -> bool:
    """An exact, unhedged total from an authoritative source (not preliminary)."""
    return (
        report.qualifier == "exact" and not report.hedged and authority(report, kinds) is not None
    )


def admits(qualifier: Qualifier, value: int, other: int) -> bool:
    """Whether a figure ``qualifier value`` is compatible with a later, lower ``other``."""
    if qualifier == "up to":
        return other <= value
    if qualifier == "fewer than":
        return other < value
    if qualifier == "about":
        return abs(value - other) <= ABOUT_TOLERANCE * value
    return False


# --------------------------------------------------------------------------- moments


def moments(
    reports: list[FigureReport], *, undated_by_document: bool = True
) -> list[list[FigureReport]]:
    """Reports grouped by report time (policy D), in time order.

    Each group is anchored at its earliest report; a report joins it when it shares the anchor's
    report time or its document. Reports with no report time come before every dated group (a
    report of unknown time never supersedes a dated one): one group per document, or a single
    group when ``undated_by_document`` is false (to choose among them without an arbitrary order).
    """
    groups: list[list[FigureReport]] = []
    undated: dict[str, list[FigureReport]] = {}
    for r in sorted(reports, key=report_order):
        t = parse_report_time(r.reported_at)
        if t is None:
            undated.setdefault(r.document if undated_by_document else "", []).append(r)
            continue
        if groups:
            group = groups[-1]
            anchor = parse_report_time(group[0].reported_at)
            if same_report_time(anchor, t) or any(g.document == r.document for g in group):
                group.append(r)
                continue
        groups.append([r])
    return [undated[d] for d in sorted(undated)] + groups


def _moment_value(group: list[FigureReport], kinds: Mapping[str, str]) -> int:
    """Policy D: most reports, then authority, then the larger value."""
    votes = Counter(r.value for r in group)
    backed = {r.value for r in group if authority(r, kinds) is not None}
    return max(votes, key=lambda v: (votes[v], v in backed, v))


def _when(group: list[FigureReport]) -> str:
    times = sorted({r.reported_at for r in group if r.reported_at})
    return " / ".join(times) if times else "report time unknown"


# --------------------------------------------------------------------------- history


@dataclass
class Step:
    """One report time in the walk over a kind's totals, and what it did to the best value."""

    when: str
    value: int
    action: Action
    reports: list[FigureReport]
    moment: list[FigureReport]
    current: int
    note: str = ""


@dataclass
class History:
    """The walk over one kind's totals: every step, and the reports behind the current value."""

    kind: str
    steps: list[Step] = field(default_factory=list)
    support: list[FigureReport] = field(default_factory=list)
    candidates: list[FigureReport] = field(default_factory=list)
    totals: list[FigureReport] = field(default_factory=list)

    @property
    def value(self) -> int | None:
        """The current best value (None before any total)."""
        return self.steps[-1].current if self.steps else None


def _candidates(reports: list[FigureReport], kind: str) -> list[FigureReport]:
    """Totals of ``kind``; hedged ones only when no unhedged total exists (policy B)."""
    totals = [r for r in reports if r.kind == kind and is_total(r)]
    return [r for r in totals if not r.hedged] or totals


def _fall(
    current: list[FigureReport], lower: list[FigureReport], kinds: Mapping[str, str]
) -> tuple[Action, str]:
    """Policy A: whether a later, lower total replaces the current one, and why in words."""
    value = current[0].value
    new = lower[0].value
    bound = next((r for r in current if admits(r.qualifier, value, new)), None)
    if bound is not None:
        return "refined", f"the earlier {bound.qualifier} {value} admits {new}"
    firm = [r for r in lower if is_firm(r, kinds)]
    if firm:
        who = authority(firm[0], kinds)
        if any(is_revision(r) for r in firm):
            return "revised down", f"an explicit revision by {who}"
        if not any(is_firm(r, kinds) for r in current):
            return "revised down", f"{who} replaces a preliminary {value}"
    return (
        "fall not accepted",
        f"a later lower total ({new}) is not an authoritative revision; totals rarely fall",
    )


def figure_history(
    reports: list[FigureReport], kind: str, documents: Iterable[Document] = ()
) -> History:
    """Walk the totals of ``kind`` in report-time order, applying policies A to D."""
    kinds = document_kinds(documents)
    totals = [r for r in reports if r.kind == kind and is_total(r)]
    history = History(kind=kind, candidates=_candidates(reports, kind), totals=totals)
    for group in moments(history.candidates, undated_by_document=False):
        value = _moment_value(group, kinds)
        chosen = [r for r in group if r.value == value]
        current = history.value
        action: Action
        note = ""
        if current is None:
            action = "first"
        elif value > current:
            action = "rose"
        elif value == current:
            action = "confirmed"
        else:
            action, note = _fall(history.support, chosen, kinds)
        if action == "confirmed":
            history.support = history.support + chosen
        elif action != "fall not accepted":
            history.support = chosen
        new_current = current if action == "fall not accepted" and current is not None else value
        history.steps.append(Step(_when(group), value, action, chosen, group, new_current, note))
    return history


def _qualifier(support: list[FigureReport], kinds: Mapping[str, str]) -> Qualifier:
    """Authoritative reports' qualifier first, then the most common; ``exact`` on a tie."""
    pool = [r for r in support if authority(r, kinds) is not None] or support
    counts = Counter(r.qualifier for r in pool)
    return max(counts, key=lambda q: (counts[q], q == "exact", q))


def _names(reports: list[FigureReport]) -> list[str]:
    return sorted({" > ".join(r.attributed_to) for r in reports if r.attributed_to})


def _basis(history: History, kinds: Mapping[str, str]) -> str:
    """In words: which rule set the value, when, on whose word, and what was kept as history."""
    index = max(
        i for i, s in enumerate(history.steps) if s.action not in ("confirmed", "fall not accepted")
    )
    setting, after = history.steps[index], history.steps[index + 1 :]
    latest = history.support[-1]
    inferred = ", inferred" if latest.reported_at_inferred else ""
    rule = {
        "first": "first total reported",
        "rose": "latest total (totals rise as victims are counted)",
        "refined": f"later total refines the earlier one ({setting.note})",
        "revised down": f"later lower total accepted: {setting.note}",
    }[setting.action]
    basis = f"{rule}; as of {latest.reported_at or 'report time unknown'}{inferred}"
    basis += f"; stated by {len(setting.reports)} of {len(setting.moment)} report(s) of that time"
    if len({r.value for r in setting.moment}) > 1:
        basis += "; other values at that time are listed as a conflict"
    confirmed = [s for s in after if s.action == "confirmed"]
    if confirmed:
        basis += f"; confirmed at {len(confirmed)} later report time(s)"
    rejected = [s for s in after if s.action == "fall not accepted"]
    if rejected:
        values = ", ".join(str(s.value) for s in rejected)
        basis += f"; later lower total(s) {values} not accepted (listed as conflicts)"
    backers = sorted({a for r in history.support if (a := authority(r, kinds))})
    if backers:
        basis += f"; authority: {', '.join(backers)}"
    names = _names(history.support)
    if names:
        basis += f"; attributed to {', '.join(names)}"
    others = len(history.candidates) - len(history.support)
    hedged = len(history.totals) - len(history.candidates)
    if others > 0:
        basis += f"; {others} other total(s) kept as history"
    if hedged > 0:
        basis += f"; {hedged} hedged total(s) kept as history, not counted"
    return basis


def best_figure(
    reports: list[FigureReport], kind: str, documents: Iterable[Document] = ()
) -> Figure | None:
    """The best current total of ``kind`` and, in ``basis``, why it was chosen (policies A-D).

    ``documents`` (optional) gives each document's kind, so that an official statement's or an
    encyclopedia's own figures count as authoritative; without it only the attribution chain
    says who is authoritative.
    """
    kinds = document_kinds(documents)
    history = figure_history(reports, kind, documents)
    if history.value is None or not history.support:
        return None
    support = history.support
    return Figure(
        value=history.value,
        qualifier=_qualifier(support, kinds),
        as_of=support[-1].reported_at,
        basis=_basis(history, kinds),
        sources=sorted({r.document for r in support}),
        evidence=[r.evidence for r in support],
    )


# --------------------------------------------------------------------------- conflicts


def _who(reports: list[FigureReport]) -> str:
    return "; ".join(sorted({" > ".join(r.attributed_to) or "unattributed" for r in reports}))


def _describe(reports: list[FigureReport], value: int, *, times: bool = True) -> str:
    """``at least 17 (Dala News Agency > health department; 2031-05-14T23:40)``."""
    same = [r for r in reports if r.value == value]
    quals = "/".join(sorted({r.qualifier for r in same}))
    hedged = ", hedged" if all(r.hedged for r in same) else ""
    when = f"; {_when(same)}" if times else ""
    return f"{quals} {value} ({_who(same)}{hedged}{when})"


def _same_time_conflicts(reports: list[FigureReport], kind: str) -> list[Conflict]:
    """Policy D: different totals (hedged ones included) at one report time."""
    out: list[Conflict] = []
    totals = [r for r in reports if r.kind == kind and is_total(r)]
    for group in moments(totals):
        values = sorted({r.value for r in group})
        if len(values) < 2:
            continue
        several = len({r.reported_at for r in group}) > 1
        out.append(
            Conflict(
                field=kind,
                values=values,
                documents=sorted({r.document for r in group}),
                note=f"{kind} totals reported at the same time ({_when(group)}): "
                + " vs ".join(_describe(group, v, times=several) for v in values),
            )
        )
    return out


def _fall_conflicts(history: History) -> list[Conflict]:
    """Policy A: a later lower total that did not replace the current value."""
    out: list[Conflict] = []
    support: list[FigureReport] = []
    for step in history.steps:
        if step.action == "fall not accepted" and support:
            earlier = support[0].value
            pool = support + step.reports
            out.append(
                Conflict(
                    field=history.kind,
                    values=[earlier, step.value],
                    documents=sorted({r.document for r in pool}),
                    note=(
                        f"a later {history.kind} total {_describe(step.reports, step.value)} is "
                        f"lower than the earlier {_describe(support, earlier)}; {step.note}"
                    ),
                )
            )
        elif step.action == "confirmed":
            support = support + step.reports
        elif step.action != "fall not accepted":
            support = step.reports
    return out


def figure_conflicts(
    reports: list[FigureReport], documents: Iterable[Document] = ()
) -> list[Conflict]:
    """Different totals at one report time, and later lower totals that were not accepted."""
    docs = list(documents)
    conflicts: list[Conflict] = []
    for kind in CONFLICT_KINDS:
        conflicts.extend(_same_time_conflicts(reports, kind))
        conflicts.extend(_fall_conflicts(figure_history(reports, kind, docs)))
    return conflicts
