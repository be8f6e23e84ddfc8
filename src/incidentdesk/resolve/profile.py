"""What a document says about its main incident, in the small form linking compares.

A ``DocProfile`` is built once per document at ingest (from its facts, its text and the embedding
of its lead) and stored as JSON; deciding whether two documents report the same incident then needs
only the two profiles (``resolve/linking.py``). Only facts about the document's *main* incident
(``refers_to == "main"``) count: an earlier attack mentioned as background must not pull two
documents together.
"""

from __future__ import annotations

import base64
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from incidentdesk.annotate.countries import country_of, find_places
from incidentdesk.model import Document, Fact

PROFILE_VERSION = 1
#: Characters at the start of the text read for the country when no fact states one.
COUNTRY_LEAD_CHARS = 1500
#: Characters at the start of the text whose proper names are kept (``DocProfile.names``).
NAMES_LEAD_CHARS = 1500
MAX_NAMES = 60
#: Runs of capitalised words ("Beltogay Central Railway Station", "Saule Bekova").
_PROPER = re.compile(
    r"(?<![\w'’])[A-Z][\w'’-]+(?:\s+(?:(?:of|de|del|la|el|van|von|al|bin)\s+)?[A-Z][\w'’-]+){0,5}"
)
#: Roles that tie a person to the incident itself (officials and witnesses are left out: they
#: comment on many incidents).
INCIDENT_ROLES = frozenset({"suspect", "victim", "rescuer"})
_SPACES = re.compile(r"\s+")


def normalise_name(name: str) -> str:
    """Lower case, no punctuation, single spaces, no leading article."""
    name = re.sub(r"[^\w\s-]", " ", name.lower())
    name = _SPACES.sub(" ", name).strip()
    return re.sub(r"^(?:the|a|an)\s+", "", name)


@dataclass(frozen=True)
class DocProfile:
    """One document's main incident as linking sees it.

    ``names`` are the proper names (runs of capitalised words) of the text's opening, so that a
    report whose extractors found no place can still be matched on a place another report states.
    ``date`` is the incident date a fact states (``YYYY-MM-DD``); ``reported`` the day the
    document was reported. ``country`` is stated by a fact (or implied by a stated city or region)
    when ``country_stated``, else the country the text's opening names most. ``vector`` is the
    base64 of the float32 embedding of the document's lead ("" when there is none).
    """

    document: str
    date: str | None = None
    reported: str | None = None
    country: str | None = None
    country_stated: bool = False
    places: tuple[str, ...] = ()
    attack_types: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    vector: str = field(default="", repr=False)
    version: int = PROFILE_VERSION

    # ------------------------------------------------------------------ derived, cached

    @cached_property
    def day(self) -> int | None:
        """The incident date as a day number (``date.toordinal``), or None."""
        return _ordinal(self.date)

    @cached_property
    def reported_day(self) -> int | None:
        """The report date as a day number, or None."""
        return _ordinal(self.reported)

    @cached_property
    def embedding(self) -> npt.NDArray[np.float32] | None:
        """The decoded embedding (None when the profile has none)."""
        if not self.vector:
            return None
        return np.frombuffer(base64.b64decode(self.vector), dtype=np.float32)

    # ------------------------------------------------------------------ JSON

    def to_json(self) -> str:
        """Compact JSON (empty values left out); ``from_json`` reads it back."""
        data = {
            k: list(v) if isinstance(v, tuple) else v
            for k, v in asdict(self).items()
            if v not in (None, "", (), False)
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    @classmethod
    def from_json(cls, payload: str) -> DocProfile:
        """The profile ``to_json`` wrote (unknown keys from later versions are ignored)."""
        data: dict[str, Any] = json.loads(payload)
        known = {f for f in cls.__dataclass_fields__}
        kwargs: dict[str, Any] = {
            k: tuple(v) if isinstance(v, list) else v for k, v in data.items() if k in known
        }
        return cls(**kwargs)


def _ordinal(iso: str | None) -> int | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def encode_vector(vector: npt.NDArray[np.floating[Any]] | None) -> str:
    """Base64 of the float32 bytes of ``vector`` ("" for None)."""
    if vector is None:
        return ""
    return base64.b64encode(np.asarray(vector, dtype=np.float32).tobytes()).decode("ascii")


def _most_common(values: Iterable[str]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    best = max(counts.values())
    return next(v for v in counts if counts[v] == best)  # first seen among the most common


def _main_date(facts: list[Fact]) -> str | None:
    counts: Counter[str] = Counter()
    for f in facts:
        if f.field == "date" and isinstance(f.value, str) and _ordinal(f.value) is not None:
            counts[f.value[:10]] += 2 if f.extractor == "infobox" else 1
    if not counts:
        return None
    best = max(counts.values())
    return min(d for d, c in counts.items() if c == best)


def _reported(document: Document, facts: list[Fact]) -> str | None:
    for value in (document.reported_at, document.published):
        if value and _ordinal(value) is not None:
            return value[:10]
    stated = [str(f.value)[:10] for f in facts if f.field == "reported_at"]
    return max((d for d in stated if _ordinal(d) is not None), default=None)


def _country(facts: list[Fact], text: str) -> tuple[str | None, bool]:
    """The country a fact states, else the one a stated place implies when the opening names
    it too (a Colombian department called Córdoba does not make the report Argentinian), else
    the one the opening names most (not stated)."""
    stated = [country_of(str(f.value)) or str(f.value) for f in facts if f.field == "country"]
    places = [str(f.value) for f in facts if f.field in ("city", "region", "venue")]
    lead = text[:COUNTRY_LEAD_CHARS]
    found_in_lead = find_places(lead)
    named = [country for country, _, _ in found_in_lead]
    own = {p.casefold() for p in places}
    # countries the opening names other than through the stated places themselves
    elsewhere = {c for c, start, end in found_in_lead if lead[start:end].casefold() not in own}
    implied = [country_of(p) for p in places]
    found = _most_common(stated) or _most_common(c for c in implied if c and c in elsewhere)
    if found:
        return found, True
    return _most_common(named), False


def _values(facts: list[Fact], *fields: str) -> list[str]:
    return [str(f.value) for f in facts if f.field in fields and isinstance(f.value, str)]


def _people(facts: list[Fact]) -> list[str]:
    names = _values(facts, "perpetrator_person")
    for f in facts:
        if f.field == "person" and isinstance(f.value, dict):
            roles = set(f.value.get("roles") or [])
            if roles & INCIDENT_ROLES and isinstance(f.value.get("name"), str):
                names.append(f.value["name"])
    return names


def lead_names(text: str, limit: int = NAMES_LEAD_CHARS) -> tuple[str, ...]:
    """Normalised proper names in the first ``limit`` characters: multi-word runs, and single
    words of five letters or more that do not open a sentence or line (the first 60, sorted)."""
    head = text[:limit]
    found: dict[str, None] = {}
    for m in _PROPER.finditer(head):
        words = m.group(0).split()
        before = head[: m.start()].rstrip(" \"'“‘([")
        opens = not before or before.endswith((".", "!", "?", "\n", ":"))
        if len(words) == 1 and (opens or len(words[0]) < 5):
            continue
        found.setdefault(normalise_name(m.group(0)))
    return tuple(sorted(list(found)[:MAX_NAMES]))


def _names(values: Iterable[str], min_length: int = 3) -> tuple[str, ...]:
    return tuple(sorted({n for n in map(normalise_name, values) if len(n) >= min_length}))


def build_profile(
    document: Document,
    facts: list[Fact],
    text: str,
    vector: npt.NDArray[np.floating[Any]] | None,
) -> DocProfile:
    """The profile of ``document`` from its main-incident facts, its text and its embedding."""
    main = [f for f in facts if f.refers_to == "main" and f.document == document.id]
    country, stated = _country(main, text)
    return DocProfile(
        document=document.id,
        date=_main_date(main),
        reported=_reported(document, facts),
        country=country,
        country_stated=stated,
        places=_names(_values(main, "city", "region", "venue"), min_length=4),
        attack_types=tuple(sorted(set(_values(main, "attack_type")))),
        organizations=_names(_values(main, "perpetrator_org", "claimed_by")),
        people=_names(_people(main), min_length=4),
        targets=tuple(sorted(set(_values(main, "target")))),
        names=lead_names(text),
        vector=encode_vector(vector),
    )
