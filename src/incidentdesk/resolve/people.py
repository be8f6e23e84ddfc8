"""Entity resolution for people: one person, many spellings.

Policy (see ``docs/entities.md``):

- A name is read as given name, middle names (patronymics, middle initials) and surname. A
  leading run of initials ("D. B. Mirzoev") stands for the given and middle names; a word ending
  in a patronymic suffix (-ovich, -evna, -ogly, ...) is a middle name wherever it stands.
- Two names are one person when every part both of them state agrees (``spelling.similar``:
  transliteration folds plus rapidfuzz ratios) and they share a surname, or, without one, a given
  name and a patronymic. Initials agree with the first letters of the spelled-out names.
- Complete names (given name and surname) are clustered first; a name joins a cluster only when
  it agrees with every complete name already in it, so siblings sharing a surname stay apart.
- Partial names (a surname or a given name alone, initials, patronymic and surname) are then
  attached to the one cluster they fit. A partial name that fits several clusters is left out
  (ambiguous); a lone word that fits none is left out (often not a person at all); initials and
  surname that fit none make a person of their own.
- Mentions that are not people are dropped: names containing organisation or publication words
  ("Gazeta", "News", "Ministry", ...) and names stated elsewhere as an organisation.
- The person's ``name`` is the complete spelling used most often (on a tie the one without a
  middle name, then the first seen); every other spelling is an alias.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from incidentdesk.model import Evidence, Fact, Person
from incidentdesk.resolve.spelling import ascii_lower, fold, similar

GIVEN_ALONE_MIN_LETTERS = 5
"""A given name alone is attached only when at least this long ("Dilovar", not "Ali")."""
ORG_FIELDS = ("perpetrator_org", "claimed_by")

_PATRONYMIC = re.compile(
    r"(?:ovich|evich|yevich|ich|ovna|evna|yevna|ichna|inichna|ogly|oglu|ugli|kyzy|qizi|uly|uli)$",
    re.IGNORECASE,
)
_INITIALS = re.compile(r"^(?:[A-Z]\.?-?){1,3}$")
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "sheikh"})
_NOT_PERSON_WORDS = frozenset(
    {
        "gazeta",
        "gazette",
        "zeitung",
        "times",
        "news",
        "newspaper",
        "herald",
        "tribune",
        "journal",
        "daily",
        "weekly",
        "agency",
        "media",
        "radio",
        "television",
        "tv",
        "broadcasting",
        "channel",
        "network",
        "magazine",
        "telegraph",
        "independent",
        "chronicle",
        "courier",
        "ministry",
        "committee",
        "council",
        "services",
        "party",
        "corporation",
        "inc",
        "ltd",
        "llc",
        "university",
        "institute",
        "foundation",
        "association",
        "organisation",
        "organization",
        "front",
        "army",
        "brigade",
        "battalion",
        "movement",
        "state",
        "province",
        "government",
        "department",
        "federation",
        "republic",
        "oblast",
        "district",
    }
)


@dataclass(frozen=True)
class NameParts:
    """A personal name split into parts; words folded (``spelling.fold``), initials raw."""

    given: str = ""
    initials: str = ""
    middle: tuple[str, ...] = ()
    surname: str = ""
    alone: str = ""

    @property
    def complete(self) -> bool:
        """A spelled-out given name and a surname."""
        return bool(self.given and self.surname)

    def leading_initials(self) -> str:
        """First letters of the given and middle names, as written (lower case)."""
        if self.initials:
            return self.initials
        return self.given[:1] + "".join(m[:1] for m in self.middle)


def _words(name: str) -> list[str]:
    tokens = [re.sub(r"['’]s$", "", t).strip(",;:") for t in name.split()]
    tokens = [t for t in tokens if t]
    while len(tokens) > 1 and tokens[0].rstrip(".").lower() in _HONORIFICS:
        tokens.pop(0)
    return tokens


def _first_letter(word: str) -> str:
    letters = re.sub(r"[^a-z]", "", ascii_lower(word))
    return letters[:1]


def parse_name(name: str) -> NameParts:
    """Split a personal name into given name, initials, middle names and surname."""
    words = _words(name)
    if len(words) == 1:
        return NameParts(alone=words[0])
    head, last = words[:-1], words[-1]
    if _PATRONYMIC.search(last) and len(words) == 2:
        return NameParts(given=head[0], middle=(last,))
    if all(_INITIALS.match(w) for w in head):
        letters = "".join(c for w in head for c in ascii_lower(w) if c.isalpha())
        return NameParts(initials=letters, surname=last)
    if _PATRONYMIC.search(head[0]):
        return NameParts(middle=tuple(head), surname=last)
    return NameParts(given=head[0], middle=tuple(head[1:]), surname=last)


def _initials_agree(a: NameParts, b: NameParts) -> bool:
    ia, ib = _raw_initials(a), _raw_initials(b)
    return ia.startswith(ib) or ib.startswith(ia)


def _raw_initials(p: NameParts) -> str:
    if p.initials:
        return p.initials
    return _first_letter(p.given) + "".join(_first_letter(m) for m in p.middle)


def _middles_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if not a or not b:
        return True
    x, y = a[0], b[0]
    if len(x.rstrip(".")) == 1 or len(y.rstrip(".")) == 1:
        return _first_letter(x) == _first_letter(y)
    return similar(x, y)


def _alone_fits(word: str, other: NameParts) -> bool:
    """A lone word names a person by surname or (when long enough) by given name."""
    if other.alone:
        return similar(word, other.alone)
    if other.surname and similar(word, other.surname):
        return True
    return (
        bool(other.given)
        and len(fold(word)) >= GIVEN_ALONE_MIN_LETTERS
        and similar(word, other.given)
    )


def parts_agree(a: NameParts, b: NameParts) -> bool:
    """Whether two parsed names can be one person (see the module policy)."""
    if a.alone or b.alone:
        return _alone_fits(a.alone, b) if a.alone else _alone_fits(b.alone, a)
    if a.surname and b.surname:
        if not similar(a.surname, b.surname):
            return False
    elif not (a.given and b.given and a.middle and b.middle):
        return False
    if a.given and b.given:
        if not similar(a.given, b.given):
            return False
    elif (a.given or a.initials) and (b.given or b.initials) and not _initials_agree(a, b):
        return False
    return _middles_agree(a.middle, b.middle)


def same_person(a: str, b: str) -> bool:
    """Whether two spellings can name one person.

    Mirzoyev / Dalerjon Barotovich Mirzoev / D. B. Mirzoev agree; Aminchon Islomov and Dilovar
    Islomov (siblings) do not; nor do Ivanov and Ivanova. A lone surname agrees with every full
    name carrying it: ambiguity is settled by ``resolve_people``.
    """
    return parts_agree(parse_name(a), parse_name(b))


@dataclass
class _Cluster:
    names: Counter[str] = field(default_factory=Counter)
    parts: dict[str, NameParts] = field(default_factory=dict)
    roles: set[str] = field(default_factory=set)
    ages: Counter[int] = field(default_factory=Counter)
    nationalities: Counter[str] = field(default_factory=Counter)
    evidence: list[Evidence] = field(default_factory=list)
    first_seen: int = 0

    def complete_parts(self) -> list[NameParts]:
        return [p for p in self.parts.values() if p.complete]

    def add(self, name: str, parts: NameParts, fact: Fact) -> None:
        self.names[name] += 1
        self.parts[name] = parts
        self.roles.update(fact.value.get("roles") or [])
        if fact.value.get("age"):
            self.ages[int(fact.value["age"])] += 1
        if fact.value.get("nationality"):
            self.nationalities[str(fact.value["nationality"])] += 1
        self.evidence.append(fact.evidence)


def _org_names(facts: list[Fact]) -> set[str]:
    return {ascii_lower(str(f.value)).strip() for f in facts if f.field in ORG_FIELDS}


def is_person_name(name: str, organisations: set[str] | frozenset[str] = frozenset()) -> bool:
    """False for mentions that name an organisation or a publication, not a person.

    A word such as "Gazeta", "News" or "Ministry" in the name, or the name stated elsewhere as an
    organisation, rules it out.
    """
    words = {re.sub(r"[^a-z]", "", w) for w in ascii_lower(name).split()}
    if words & _NOT_PERSON_WORDS:
        return False
    return ascii_lower(name).strip() not in organisations


def _person_facts(facts: list[Fact]) -> list[tuple[str, Fact]]:
    organisations = _org_names(facts)
    out = []
    for f in facts:
        if f.field != "person" or f.refers_to != "main":
            continue
        name = " ".join(str(f.value["name"]).split())
        if name and is_person_name(name, organisations):
            out.append((name, f))
    return out


def _cluster_complete(mentions: list[tuple[int, str, NameParts, Fact]]) -> list[_Cluster]:
    """Complete names: join the first cluster whose every complete name agrees."""
    clusters: list[_Cluster] = []
    for order, name, parts, fact in mentions:
        target = next(
            (c for c in clusters if all(parts_agree(parts, p) for p in c.complete_parts())),
            None,
        )
        if target is None:
            target = _Cluster(first_seen=order)
            clusters.append(target)
        target.add(name, parts, fact)
    return clusters


def _fitting(parts: NameParts, clusters: list[_Cluster]) -> list[_Cluster]:
    """Clusters a partial name fits; an exact surname match wins over fuzzy ones."""
    fits = [c for c in clusters if any(parts_agree(parts, p) for p in c.complete_parts())]
    if len(fits) > 1 and parts.alone:
        word = fold(parts.alone)
        exact = [c for c in fits if any(fold(p.surname) == word for p in c.complete_parts())]
        if len(exact) == 1:
            return exact
    return fits


def _attach_partial(
    mentions: list[tuple[int, str, NameParts, Fact]], clusters: list[_Cluster]
) -> None:
    """Partial names join the one cluster they fit; initials that fit none stand alone."""
    anchored = list(clusters)
    for order, name, parts, fact in mentions:
        fits = _fitting(parts, anchored)
        if len(fits) == 1:
            fits[0].add(name, parts, fact)
        elif not fits and not parts.alone:
            own = next((c for c in clusters if c not in anchored and name in c.names), None)
            if own is None:
                own = _Cluster(first_seen=order)
                clusters.append(own)
            own.add(name, parts, fact)


def _best_name(cluster: _Cluster) -> str:
    names = list(cluster.names)
    complete = [n for n in names if cluster.parts[n].complete] or [
        n for n in names if len(n.split()) > 1
    ]
    pool = complete or names
    return max(
        pool,
        key=lambda n: (cluster.names[n], -len(cluster.parts[n].middle), -names.index(n)),
    )


def _person(cluster: _Cluster) -> Person:
    name = _best_name(cluster)
    return Person(
        name=name,
        aliases=sorted(n for n in cluster.names if n != name),
        roles=sorted(cluster.roles),
        age=cluster.ages.most_common(1)[0][0] if cluster.ages else None,
        nationality=(cluster.nationalities.most_common(1)[0][0] if cluster.nationalities else None),
        evidence=cluster.evidence,
    )


def resolve_people(facts: list[Fact]) -> list[Person]:
    """Merge person mentions into people (policy in the module docstring), first seen first."""
    complete: list[tuple[int, str, NameParts, Fact]] = []
    partial: list[tuple[int, str, NameParts, Fact]] = []
    for order, (name, fact) in enumerate(_person_facts(facts)):
        parts = parse_name(name)
        (complete if parts.complete else partial).append((order, name, parts, fact))
    clusters = _cluster_complete(complete)
    _attach_partial(partial, clusters)
    return [_person(c) for c in sorted(clusters, key=lambda c: c.first_seen)]
