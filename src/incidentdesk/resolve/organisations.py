"""Entity resolution for organisations: acronyms, long forms and spellings; branches kept apart.

Policy (see ``docs/entities.md``):

- A long form is reduced to a key: words folded (``spelling.fold``), with "the", possessive "'s",
  punctuation and dashes dropped, and the connecting words (of, in, and, for) and designators
  (province, branch, wilayah) left out. "Islamic State – Khorasan Province", "the Islamic State's
  Khorasan branch" and "Islamic State Khorasan" share one key.
- Two long forms are one organisation when their keys have the same number of words and the
  words pair off as spellings of each other (``spelling.similar``: folds plus rapidfuzz). A name whose key has an extra word is a
  different organisation: the qualifier makes a branch ("al-Qaeda in the Arabian Peninsula" is
  not "al-Qaeda"; "Islamic State – Khorasan Province" is not "Islamic State").
- An acronym (IS-KP, ISKP, ISIS-K, AQAP) matches a long form when its letters can be read off
  the long form's words in order: each key word gives its first letter and at most two more of
  its letters, connecting words and designators may give their first letter or nothing. A
  designator may be read in when the long form leaves it out (ISKP fits "Islamic State
  Khorasan"), but then only from initials. Every key word must give a letter, so ISIS matches "Islamic State" but not its
  Khorasan branch. Two different acronyms (IS-KP, ISIS-K) meet only through a long form.
- Acronyms with the same letters are one organisation (IS-KP / ISKP / IS–KP). An acronym joins
  the long-form group it abbreviates most tightly (fewest in-word letters: AQAP is "al-Qaeda in
  the Arabian Peninsula" by initials); on a tie between groups it stays on its own.
- The canonical name is the most formal long form: the most key words, then the longest, then
  the most frequent, then the first seen; everything else is an alias.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from incidentdesk.resolve.spelling import ascii_lower, fold, similar

CONNECTORS = frozenset({"of", "in", "and", "for", "the", "on", "al", "el", "ad", "ash", "at"})
"""Words that may or may not give a letter to an acronym."""
DESIGNATORS = frozenset({"province", "branch", "wilayah", "wilayat", "wilaya"})
"""Words naming a branch's kind: left out of the key, optional in acronyms."""
EXTRA_LETTERS = 2
"""Letters past its first that one word may give to an acronym (the "SI" of ISIS)."""

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9.\-–—/&]*[A-Z0-9]$")


@dataclass
class OrgGroup:
    """One organisation: its canonical name and the other spellings found for it."""

    name: str
    aliases: list[str] = field(default_factory=list)


def _clean(name: str) -> str:
    text = unicodedata.normalize("NFKC", name)
    text = re.sub(r"\([^)]*\)", " ", text)
    text = re.sub(r"['’]s\b", "", text)
    return re.sub(r"[‐-―\-/]+", " ", text).strip()


def is_acronym(name: str) -> bool:
    """Whether a name is written as an acronym (ISKP, IS-KP, ISIS-K, AQAP, al-Qaeda's AQ)."""
    compact = name.strip()
    return " " not in compact and bool(_ACRONYM.match(compact)) and len(_letters(compact)) >= 2


def _letters(acronym: str) -> str:
    return re.sub(r"[^a-z0-9]", "", acronym.lower())


def _words(name: str) -> list[str]:
    """Lower-case words of a long form, punctuation and dashes dropped, "al-" split off."""
    return [w for w in re.split(r"[^a-z0-9]+", ascii_lower(_clean(name))) if w]


def key(name: str) -> tuple[str, ...]:
    """The folded words that identify a long form (see the module policy)."""
    return tuple(fold(w) or w for w in _words(name) if w not in CONNECTORS and w not in DESIGNATORS)


def _words_pair_off(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Every word of ``a`` pairs with a distinct word of ``b`` that is a spelling of it."""
    free = list(b)
    for word in a:
        match = next((w for w in free if similar(word, w)), None)
        if match is None:
            return False
        free.remove(match)
    return True


def _same_long(a: str, b: str) -> bool:
    ka, kb = key(a), key(b)
    if not ka or len(ka) != len(kb):
        return False
    if ka == kb:
        return True
    return _words_pair_off(ka, kb)


Words = tuple[tuple[str, bool], ...]
"""A long form's words, each with whether it is optional (a connector or designator)."""


def _reading_cost(letters: str, words: Words, extra: int) -> int | None:
    """The fewest in-word letters needed to read ``letters`` off ``words`` in order, each word
    giving its first letter and up to ``extra`` more (optional words may give nothing);
    None when the letters cannot be read off at all."""

    @cache
    def go(i: int, j: int) -> int | None:
        if j == len(words):
            return 0 if i == len(letters) else None
        word, optional = words[j]
        costs = [go(i, j + 1)] if optional else []
        if i < len(letters) and letters[i] == word[0]:
            for taken, end in enumerate(_takes(letters, i + 1, word[1:], extra)):
                rest = go(end, j + 1)
                costs.append(None if rest is None else rest + taken)
        found = [c for c in costs if c is not None]
        return min(found) if found else None

    return go(0, 0)


def _takes(letters: str, start: int, rest: str, extra: int) -> list[int]:
    """Where reading can resume after a word gave its first letter and then 0, 1, ... up to
    ``extra`` more of its letters, in order."""
    ends = [start]
    pos, i = 0, start
    while i < len(letters) and len(ends) <= extra:
        found = rest.find(letters[i], pos)
        if found < 0:
            break
        pos, i = found + 1, i + 1
        ends.append(i)
    return ends


def acronym_cost(acronym: str, long_form: str) -> int | None:
    """How loosely an acronym abbreviates a long form: 0 when every letter is a word's initial,
    more for each in-word letter or added designator; None when it does not abbreviate it."""
    words = tuple((w, w in CONNECTORS or w in DESIGNATORS) for w in _words(long_form))
    letters = _letters(acronym)
    if not letters or all(optional for _, optional in words):
        return None
    costs = [_reading_cost(letters, words, EXTRA_LETTERS)]
    if not any(w in DESIGNATORS for w, _ in words):
        for designator in sorted(DESIGNATORS):
            cost = _reading_cost(letters, (*words, (designator, False)), 0)
            costs.append(None if cost is None else cost + 1)
    found = [c for c in costs if c is not None]
    return min(found) if found else None


def acronym_matches(acronym: str, long_form: str) -> bool:
    """Whether an acronym abbreviates a long form (policy in the module docstring)."""
    return acronym_cost(acronym, long_form) is not None


def same_organisation(a: str, b: str) -> bool:
    """Whether two names are one organisation: spellings, acronym and long form; not a branch
    and its parent."""
    a_acr, b_acr = is_acronym(a), is_acronym(b)
    if a_acr and b_acr:
        return _letters(a) == _letters(b)
    if a_acr:
        return acronym_matches(a, b)
    if b_acr:
        return acronym_matches(b, a)
    return _same_long(a, b)


@dataclass
class _Group:
    names: Counter[str] = field(default_factory=Counter)
    order: list[str] = field(default_factory=list)

    def add(self, name: str) -> None:
        if name not in self.names:
            self.order.append(name)
        self.names[name] += 1

    def long_forms(self) -> list[str]:
        return [n for n in self.order if not is_acronym(n)]


def _group_long_forms(names: list[str]) -> list[_Group]:
    groups: list[_Group] = []
    for name in names:
        target = next((g for g in groups if any(_same_long(name, n) for n in g.long_forms())), None)
        if target is None:
            target = _Group()
            groups.append(target)
        target.add(name)
    return groups


def _group_acronyms(names: list[str], groups: list[_Group]) -> list[_Group]:
    """Acronyms by their letters, each joined to the long-form group it abbreviates most
    tightly; the rest (no match, or a tie) returned as groups of their own."""
    by_letters: dict[str, _Group] = {}
    for name in names:
        by_letters.setdefault(_letters(name), _Group()).add(name)
    alone = []
    for acronyms in by_letters.values():
        fits = _closest(acronyms.order, groups)
        if len(fits) == 1:
            for a in acronyms.order:
                for _ in range(acronyms.names[a]):
                    fits[0].add(a)
        else:
            alone.append(acronyms)
    return alone


def _closest(acronyms: list[str], groups: list[_Group]) -> list[_Group]:
    """The long-form groups the acronyms abbreviate most tightly (lowest ``acronym_cost``)."""
    scored: list[tuple[int, _Group]] = []
    for group in groups:
        costs = [acronym_cost(a, n) for a in acronyms for n in group.long_forms()]
        found = [c for c in costs if c is not None]
        if found:
            scored.append((min(found), group))
    best = min((c for c, _ in scored), default=None)
    return [g for c, g in scored if c == best]


def _canonical(group: _Group) -> str:
    pool = group.long_forms() or group.order

    def formality(name: str) -> tuple[int, int, int, int]:
        bare = re.sub(r"^the\s+", "", _clean(name), flags=re.IGNORECASE)
        return (len(key(name)), len(bare), group.names[name], -group.order.index(name))

    return max(pool, key=formality)


def resolve_organisations(names: list[str]) -> list[OrgGroup]:
    """Group organisation names (policy in the module docstring), in order of first mention."""
    cleaned = [" ".join(n.split()) for n in names if n and n.strip()]
    long_forms = [n for n in cleaned if not is_acronym(n)]
    groups = _group_long_forms(long_forms)
    groups += _group_acronyms([n for n in cleaned if is_acronym(n)], groups)
    first = {n: i for i, n in reversed(list(enumerate(cleaned)))}
    groups.sort(key=lambda g: min(first[n] for n in g.order))
    out = []
    for group in groups:
        name = _canonical(group)
        out.append(OrgGroup(name=name, aliases=[n for n in group.order if n != name]))
    return out
