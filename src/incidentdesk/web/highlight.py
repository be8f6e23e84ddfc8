"""Cut a document's text into segments so that every fact's evidence can be marked in it.

Evidence spans overlap (a sentence supports several facts), so the text is split at every span
boundary; each segment knows which facts cover it, which facts start at it, and whether it lies
in the span the reader asked to see (``?hl=start-end``). The template marks covered segments
with ``<mark>`` and puts an ``id="ev-<fact id>"`` anchor where each fact starts: plain HTML, so
highlighting works without JavaScript.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from incidentdesk.model import Fact


@dataclass(frozen=True)
class Segment:
    """A piece of the text and what covers it."""

    text: str
    start: int
    fields: tuple[str, ...]
    """Fields of the facts covering this piece (empty: no fact)."""
    anchors: tuple[str, ...]
    """Ids of the facts whose evidence starts here."""
    selected: bool
    """Inside the requested span."""
    first_selected: bool
    """The first piece of the requested span (gets ``id="hl"``)."""

    @property
    def depth(self) -> int:
        """How many facts cover it, capped at 3 (for shading)."""
        return min(len(self.fields), 3)


def valid_spans(text: str, facts: Sequence[Fact]) -> list[Fact]:
    """Facts whose evidence lies in ``text`` and matches it (others cannot be marked)."""
    ok: list[Fact] = []
    for fact in facts:
        ev = fact.evidence
        if 0 <= ev.start < ev.end <= len(text) and text[ev.start : ev.end] == ev.text:
            ok.append(fact)
    return ok


def segments(
    text: str, facts: Sequence[Fact], selected: tuple[int, int] | None = None
) -> list[Segment]:
    """``text`` cut at every evidence boundary (and at ``selected``), in order."""
    spans = [(f.evidence.start, f.evidence.end, f.field, f.id) for f in valid_spans(text, facts)]
    cuts = {0, len(text)}
    for start, end, _, _ in spans:
        cuts.update((start, end))
    if selected is not None:
        cuts.update(selected)
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    starts: dict[int, list[str]] = {}
    for start, _, _, fact_id in spans:
        starts.setdefault(start, []).append(fact_id)
    # Sweep: spans sorted by start; active spans kept in a list (few overlap at a time).
    by_start = sorted(spans)
    active: list[tuple[int, int, str, str]] = []
    nxt = 0
    out: list[Segment] = []
    first_done = False
    for lo, hi in zip(points, points[1:], strict=False):
        while nxt < len(by_start) and by_start[nxt][0] <= lo:
            active.append(by_start[nxt])
            nxt += 1
        active = [s for s in active if s[1] > lo]
        fields = tuple(sorted({s[2] for s in active}))
        inside = selected is not None and selected[0] <= lo and hi <= selected[1]
        out.append(
            Segment(
                text=text[lo:hi],
                start=lo,
                fields=fields,
                anchors=tuple(starts.get(lo, ())),
                selected=inside,
                first_selected=inside and not first_done,
            )
        )
        first_done = first_done or inside
    return out
