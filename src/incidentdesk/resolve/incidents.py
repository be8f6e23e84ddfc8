"""Which documents report the same incident: groups of scored links, with analyst corrections on top.

Each document is linked at ingest to the stored documents it was compared with, each link carrying
``resolve/linking.py``'s score; a new document only adds its own links (nothing is re-clustered
at ingest). The incidents are read from the links by average linkage: links are taken strongest
first, and a link at least ``LINK_THRESHOLD`` sure joins the two groups of its documents when
the stored scores between the two groups average at least ``GROUP_THRESHOLD``. Pairs that were
never compared (far apart in time, or in different countries) are no evidence either way; a weak
stored score is evidence against, so one strong pair no longer chains two incidents into one
(single linkage did). Ties are broken by document ids, so the incidents depend only on the stored
links, never on the order documents arrived in.

Analysts correct the result with ``merge``, ``split`` and ``move``. A correction is stored as a
fact (field ``correction``, extractor ``analyst``) and replayed on top of the links every time the
incidents are resolved, so it survives new documents and re-linking:

* ``move DOC INCIDENT``: the document leaves its incident (its automatic links no longer count)
  and joins the named incident. The latest move or split of a document wins.
* ``split INCIDENT DOC...``: the named documents leave the incident together and form a new one.
* ``merge A B``: the two incidents become one (unless a later move or split took either anchor
  document elsewhere).

An incident's id is ``inc-`` and the first 12 characters of its smallest document id, so the
same documents give the same id whatever the ingest order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from incidentdesk.model import Evidence, Fact
from incidentdesk.resolve.linking import GROUP_THRESHOLD, LINK_THRESHOLD

CorrectionOp = Literal["merge", "move", "detach"]


@dataclass(frozen=True)
class Correction:
    """One analyst correction: ``document`` is moved to / merged with ``target`` (or detached)."""

    op: CorrectionOp
    document: str
    target: str | None
    at: str
    note: str = ""

    def to_fact(self) -> Fact:
        """The fact that stores this correction (anchored on ``document``, empty evidence span)."""
        return Fact(
            document=self.document,
            field="correction",
            value={"op": self.op, "target": self.target, "at": self.at, "note": self.note},
            evidence=Evidence(document=self.document, start=0, end=0, text=""),
            extractor="analyst",
        )

    @classmethod
    def from_fact(cls, fact: Fact) -> Correction:
        """Read a stored correction fact back."""
        value = fact.value if isinstance(fact.value, dict) else {}
        op = value.get("op")
        if op not in ("merge", "move", "detach"):
            raise ValueError(f"unknown correction {op!r} in fact {fact.id}")
        target = value.get("target")
        return cls(
            op=op,
            document=fact.document,
            target=str(target) if target else None,
            at=str(value.get("at", "")),
            note=str(value.get("note", "")),
        )


def incident_id(members: Iterable[str]) -> str:
    """``inc-`` + the first 12 characters of the smallest member document id."""
    return "inc-" + min(members)[:12]


class _UnionFind:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, item: str) -> str:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def average_linkage(
    documents: Iterable[str],
    links: Iterable[tuple[str, str, float]],
    threshold: float = LINK_THRESHOLD,
    group_threshold: float = GROUP_THRESHOLD,
) -> dict[str, str]:
    """Document -> the smallest document id of its group, grouping by average linkage.

    Links are taken strongest first (ties by document ids); a link scoring at least
    ``threshold`` joins its two groups when the links stored between them average at least
    ``group_threshold``. Links to documents not in ``documents`` are ignored.
    """
    known = set(documents)
    kept = {(min(a, b), max(a, b), s) for a, b, s in links if a in known and b in known and a != b}
    score: dict[str, dict[str, float]] = {d: {} for d in known}
    for a, b, s in kept:
        score[a][b] = score[b][a] = s
    group = {d: d for d in known}
    members = {d: [d] for d in known}
    for a, b, s in sorted(kept, key=lambda link: (-link[2], link[0], link[1])):
        if s < threshold:
            break
        ga, gb = group[a], group[b]
        if ga == gb:
            continue
        small, large = sorted((ga, gb), key=lambda g: (len(members[g]), g))
        between = [v for x in members[small] for y, v in score[x].items() if group[y] == large]
        if sum(between) / len(between) < group_threshold:
            continue
        keep, gone = min(ga, gb), max(ga, gb)
        for d in members[gone]:
            group[d] = keep
        members[keep].extend(members.pop(gone))
    return group


def assign(
    documents: Sequence[str],
    links: Iterable[tuple[str, str, float]],
    corrections: Sequence[Correction] = (),
) -> dict[str, str]:
    """Document id -> incident id, from the links (``average_linkage``) and the corrections
    replayed in time order."""
    known = set(documents)
    ordered = sorted(corrections, key=lambda c: c.at)
    latest_pin: dict[str, Correction] = {}
    for c in ordered:
        if c.op in ("move", "detach") and c.document in known:
            latest_pin[c.document] = c
    uf = _UnionFind(documents)
    free = [d for d in documents if d not in latest_pin]
    for doc, root in average_linkage(free, links).items():
        uf.union(doc, root)
    for doc, c in latest_pin.items():
        if c.op == "move" and c.target in known and c.target is not None:
            uf.union(doc, c.target)
    for c in ordered:
        if c.op != "merge" or c.target not in known or c.document not in known:
            continue
        assert c.target is not None
        superseded = any(
            d in latest_pin and latest_pin[d].at > c.at for d in (c.document, c.target)
        )
        if not superseded:
            uf.union(c.document, c.target)
    parts: dict[str, list[str]] = defaultdict(list)
    for doc in documents:
        parts[uf.find(doc)].append(doc)
    return {doc: incident_id(members) for members in parts.values() for doc in members}


def groups(assignment: dict[str, str]) -> dict[str, list[str]]:
    """Incident id -> its document ids (sorted), incidents sorted by id."""
    out: dict[str, list[str]] = defaultdict(list)
    for doc, inc in assignment.items():
        out[inc].append(doc)
    return {inc: sorted(out[inc]) for inc in sorted(out)}


def corrections_of(facts: Iterable[Fact]) -> list[Correction]:
    """The stored corrections among ``facts``, in time order."""
    found = [Correction.from_fact(f) for f in facts if f.field == "correction"]
    return sorted(found, key=lambda c: c.at)


def resolve_incident(assignment: dict[str, str], wanted: str) -> str | None:
    """The current id of incident ``wanted``, also for an id that has since changed.

    An incident id names one of its documents, so an older id (before a merge, or before a
    document with a smaller id joined) still finds the incident that document is in now.
    """
    if wanted in assignment.values():
        return wanted
    prefix = wanted.removeprefix("inc-")
    if len(prefix) < 6:
        return None
    for doc in sorted(assignment):
        if doc.startswith(prefix):
            return assignment[doc]
    return None
