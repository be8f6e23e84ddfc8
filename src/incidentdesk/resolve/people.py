"""Entity resolution for people: one person, many spellings (Mirzoyev / Mirzoev, patronymics)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from incidentdesk.model import Evidence, Fact, Person

SURNAME_MIN = 85
GIVEN_MIN = 80


@dataclass
class _Cluster:
    names: Counter[str] = field(default_factory=Counter)
    roles: set[str] = field(default_factory=set)
    ages: Counter[int] = field(default_factory=Counter)
    nationalities: Counter[str] = field(default_factory=Counter)
    evidence: list[Evidence] = field(default_factory=list)
    first_seen: int = 0

    def full_names(self) -> list[str]:
        return [n for n in self.names if len(n.split()) > 1]


def _parts(name: str) -> tuple[str, str]:
    tokens = name.split()
    return tokens[0], tokens[-1]


def same_person(a: str, b: str) -> bool:
    """Whether two multi-word names name the same person (given name and surname agree)."""
    a_first, a_last = _parts(a)
    b_first, b_last = _parts(b)
    return (
        fuzz.ratio(a_last.lower(), b_last.lower()) >= SURNAME_MIN
        and fuzz.ratio(a_first.lower(), b_first.lower()) >= GIVEN_MIN
    )


def _single_matches(token: str, cluster: _Cluster) -> bool:
    low = token.lower()
    for name in cluster.full_names():
        first, last = _parts(name)
        if fuzz.ratio(low, last.lower()) >= 88 or (
            len(low) >= 5 and fuzz.ratio(low, first.lower()) >= 85
        ):
            return True
    return False


def resolve_people(facts: list[Fact]) -> list[Person]:
    """Merge person mentions into people, the most frequent full spelling as the name."""
    clusters: list[_Cluster] = []
    singles: list[tuple[int, Fact]] = []
    person_facts = [f for f in facts if f.field == "person" and f.refers_to == "main"]
    for order, fact in enumerate(person_facts):
        name = str(fact.value["name"]).strip()
        if len(name.split()) == 1:
            singles.append((order, fact))
            continue
        target = next(
            (c for c in clusters if any(same_person(name, n) for n in c.full_names())), None
        )
        if target is None:
            target = _Cluster(first_seen=order)
            clusters.append(target)
        _add(target, name, fact)
    for _order, fact in singles:
        name = str(fact.value["name"]).strip()
        matches = [c for c in clusters if _single_matches(name, c)]
        if len(matches) > 1:
            matches.sort(key=lambda c: -sum(c.names.values()))
            if sum(matches[0].names.values()) == sum(matches[1].names.values()):
                continue
        if matches:
            _add(matches[0], name, fact)
    people = []
    for c in sorted(clusters, key=lambda c: c.first_seen):
        full = c.full_names()
        best = max(full, key=lambda n: (c.names[n], -len(n.split()), -full.index(n)))
        aliases = sorted(n for n in c.names if n != best)
        people.append(
            Person(
                name=best,
                aliases=aliases,
                roles=sorted(c.roles),
                age=c.ages.most_common(1)[0][0] if c.ages else None,
                nationality=c.nationalities.most_common(1)[0][0] if c.nationalities else None,
                evidence=c.evidence,
            )
        )
    return people


def _add(cluster: _Cluster, name: str, fact: Fact) -> None:
    cluster.names[name] += 1
    cluster.roles.update(fact.value.get("roles") or [])
    if fact.value.get("age"):
        cluster.ages[int(fact.value["age"])] += 1
    if fact.value.get("nationality"):
        cluster.nationalities[str(fact.value["nationality"])] += 1
    cluster.evidence.append(fact.evidence)
