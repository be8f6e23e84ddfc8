"""The timeline: dated events merged across documents and ordered by when they happened.

Policy (docs/figures.md, "Timeline"):

1. One item per happening. Two event sentences are the same happening when they have the same
   date and say the same thing: they share content words (stemmed, without stop words, dates,
   numbers and reporting verbs). Sentences that both state a clock time must lie at most
   ``CLOSE_MINUTES`` apart and share ``MIN_SHARED_TIMED`` content words; otherwise they must share
   ``MIN_SHARED`` content words and at least ``MIN_OVERLAP`` of the shorter sentence's. A negated
   sentence ("no group had claimed") never merges with an affirmative one. Within one
   document only sentences with the same clock time merge (a lead and a body retelling the same
   moment); different untimed sentences of one document stay separate items.
2. An item lists every source: all its documents and every evidence span.
3. The item's time is the clock time most of its sentences state (the earliest on a tie); its text
   is the sentence that shares most words with the others (the shortest on a tie).
4. Items are ordered by date, then time (untimed items after the timed ones of their day), then
   text: the order does not depend on the order in which documents or facts arrive.

Relative dates ("two days after the attack", "hours later") are resolved to calendar dates during
annotation (``annotate/dates.py``); the timeline only sees resolved dates.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from incidentdesk.model import Evidence, Fact, TimelineItem

CLOSE_MINUTES = 20
MIN_SHARED_TIMED = 2
MIN_SHARED = 3
MIN_OVERLAP = 0.5
STEM = 5
"""Words are compared on their first five letters (``attacked`` ~ ``attackers`` ~ ``attack``)."""

_STOP_WORDS = """a about above after again against all also although am among an and another any are
    around as at be because been before being between both but by can could did do does during
    each either else even ever every few for from had has have having he her here hers him his
    how however if in into is it its itself just last later least less many may might more most
    much must near nearly neither no nor not now of off on once one only or other our out over
    own per perhaps same several she should since so some still such than that the their them
    then there these they this those though through to too under until up upon very was we were
    what when where whether which while who whom whose why will with within without would yet
    you your said says say told reported reports according stated added announced local time
    utc gmt approximately roughly shortly early late evening morning afternoon night day days
    week weeks month months year years hours hour minutes minute pm am
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday today yesterday tonight"""
_STOP = frozenset(_STOP_WORDS.split())
_NEGATION = re.compile(
    r"\b(?:no|not|never|none|nobody|nothing|neither|nor|denied|denies|deny|denying)\b|n['’]t\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_CLOCK = re.compile(
    r"(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?)?", re.IGNORECASE
)


def clock_minutes(value: str | None) -> int | None:
    """Minutes after midnight of a stated time (``18:40``, ``18:40–19:25``, ``8:15 p.m.``)."""
    if not value:
        return None
    m = _CLOCK.search(value)
    if m is None:
        return None
    hour, minute = int(m["h"]), int(m["m"] or 0)
    ampm = (m["ampm"] or "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    if m["m"] is None and not ampm:
        return None
    if hour > 23 or minute > 59:
        return None
    return hour * 60 + minute


def content_words(text: str) -> frozenset[str]:
    """Stemmed content words: no stop words, months, weekdays, numbers or reporting verbs."""
    words = (w.lower().replace("’", "'").split("'")[0] for w in _WORD.findall(text))
    return frozenset(w[:STEM] for w in words if len(w) > 2 and w not in _STOP)


@dataclass(frozen=True)
class _Event:
    """One event fact with what the merge compares."""

    fact: Fact
    date: str | None
    time: str | None
    minutes: int | None
    text: str
    words: frozenset[str]
    negated: bool

    @classmethod
    def of(cls, fact: Fact) -> _Event:
        value = fact.value
        text = str(value.get("text") or fact.evidence.text)
        time = value.get("time")
        return cls(
            fact=fact,
            date=value.get("date"),
            time=time,
            minutes=clock_minutes(time),
            text=text,
            words=content_words(text),
            negated=bool(_NEGATION.search(text)),
        )

    def order(self) -> tuple[str, int, str, int, str]:
        """Canonical order: date, time, document, offset (independent of input order)."""
        minutes = self.minutes if self.minutes is not None else 24 * 60
        ev = self.fact.evidence
        return (self.date or "9999", minutes, self.fact.document, ev.start, self.text)


def _shared(a: _Event, b: _Event) -> tuple[int, float]:
    """How many content words two events share, and the share of the shorter one's."""
    shared = len(a.words & b.words)
    small = min(len(a.words), len(b.words))
    return shared, (shared / small if small else 0.0)


def same_happening(a: _Event, b: _Event) -> bool:
    """Policy 1: same date and the same thing said (see the module docstring)."""
    if a.date is None or a.date != b.date:
        return False
    same_span = (
        a.fact.document == b.fact.document and a.fact.evidence.start == b.fact.evidence.start
    )
    if same_span:
        return True
    if a.negated != b.negated:
        return False
    timed = a.minutes is not None and b.minutes is not None
    if (
        a.minutes is not None
        and b.minutes is not None
        and abs(a.minutes - b.minutes) > CLOSE_MINUTES
    ):
        return False
    shared, overlap = _shared(a, b)
    if a.fact.document == b.fact.document:
        return timed and a.minutes == b.minutes and shared >= MIN_SHARED_TIMED and overlap >= 0.5
    if timed:
        return shared >= MIN_SHARED_TIMED
    return shared >= MIN_SHARED and overlap >= MIN_OVERLAP


@dataclass
class _Item:
    """A happening being assembled from its event sentences."""

    members: list[_Event] = field(default_factory=list)

    def accepts(self, event: _Event) -> bool:
        """Same happening as some member, and compatible with every member of its document."""
        if event.date != self.members[0].date:
            return False
        own = [m for m in self.members if m.fact.document == event.fact.document]
        if not all(same_happening(m, event) for m in own):
            return False
        return any(same_happening(m, event) for m in self.members)

    def affinity(self, event: _Event) -> tuple[int, float]:
        """The strongest word overlap between ``event`` and a member."""
        return max(_shared(m, event) for m in self.members)

    def time(self) -> str | None:
        """Policy 3: the clock time most members state, the earliest on a tie."""
        timed = [m for m in self.members if m.minutes is not None]
        if not timed:
            return None
        counts = Counter(m.minutes for m in timed)
        best = min(counts, key=lambda t: (-counts[t], t))
        return next(m.time for m in sorted(timed, key=_Event.order) if m.minutes == best)

    def text(self) -> str:
        """Policy 3: the member sharing most words with the others, the shortest on a tie."""

        def centrality(m: _Event) -> tuple[int, int, str]:
            score = sum(_shared(m, o)[0] for o in self.members if o is not m)
            return (-score, len(m.text), m.text)

        return min(self.members, key=centrality).text

    def build(self) -> TimelineItem:
        """The finished item: every document and evidence span of its members."""
        evidence: dict[tuple[str, int, int], Evidence] = {}
        for m in self.members:
            ev = m.fact.evidence
            evidence.setdefault((ev.document, ev.start, ev.end), ev)
        return TimelineItem(
            date=self.members[0].date,
            time=self.time(),
            text=self.text(),
            documents=sorted({m.fact.document for m in self.members}),
            evidence=[evidence[k] for k in sorted(evidence)],
        )


def _item_order(item: TimelineItem) -> tuple[str, int, str, tuple[str, ...]]:
    """Policy 4: date, then time (untimed last in its day), then text."""
    minutes = clock_minutes(item.time)
    return (
        item.date or "9999",
        minutes if minutes is not None else 24 * 60,
        item.text,
        tuple(item.documents),
    )


def build_timeline(facts: list[Fact]) -> list[TimelineItem]:
    """One item per (date, happening) with all its sources, ordered by when it happened."""
    events = sorted(
        (_Event.of(f) for f in facts if f.field == "event" and f.refers_to == "main"),
        key=_Event.order,
    )
    items: list[_Item] = []
    for event in events:
        fitting = [it for it in items if it.accepts(event)]
        if fitting:
            max(fitting, key=lambda it: it.affinity(event)).members.append(event)
        else:
            items.append(_Item(members=[event]))
    return sorted((it.build() for it in items), key=_item_order)
