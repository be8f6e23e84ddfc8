"""Which documents report the same incident: linked parts, with analyst corrections on top.

Each document is linked at ingest to the stored documents that report the same incident
(``resolve/linking.py`` decides, pair by pair). An incident is a connected part of those links:
a union of pairwise decisions, so the incidents do not depend on the order documents arrived in,
and a new document only adds its own links (nothing is re-clustered).

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


def assign(
    documents: Sequence[str],
    links: Iterable[tuple[str, str, float]],
    corrections: Sequence[Correction] = (),
) -> dict[str, str]:
    """Document id -> incident id, from the links and the corrections replayed in time order."""
    known = set(documents)
    ordered = sorted(corrections, key=lambda c: c.at)
    latest_pin: dict[str, Correction] = {}
    for c in ordered:
        if c.op in ("move", "detach") and c.document in known:
            latest_pin[c.document] = c
    uf = _UnionFind(documents)
    for a, b, _ in links:
        if a in known and b in known and a not in latest_pin and b not in latest_pin:
            uf.union(a, b)
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
