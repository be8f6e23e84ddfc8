"""Turning MUC-4 templates into BIO role tags on tokens, and case handling.

The tagger reads lower-cased text only, so its input looks the same for the upper-case
1989-90 wire copy, for modern mixed-case news and for lower-case text: that is the
case augmentation, done once and exactly (every case variant of a document is the
same training document).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from incidentdesk.muc4.data import ROLES, Record, gold_entities

#: Names of the spaCy components: the role tagger and the relevance classifier.
PIPE = "roles"
RELEVANCE = "relevance"

#: Short tag names of the five roles.
ROLE_TAG: dict[str, str] = {
    "perp_individual": "PI",
    "perp_organization": "PO",
    "phys_target": "TG",
    "hum_target_name": "VI",
    "instrument_id": "WE",
}
TAG_ROLE: dict[str, str] = {v: k for k, v in ROLE_TAG.items()}
TAGS: tuple[str, ...] = ("O", *(f"{p}-{t}" for t in ROLE_TAG.values() for p in ("B", "I")))


def caseless(text: str) -> str:
    """Lower-cased text with the same length (character offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def make_doc(nlp: Language, text: str) -> Doc:
    """Tokenise the case-folded text; offsets match ``text``."""
    return nlp.make_doc(caseless(text))


def _find_all(needle: str, hay: str) -> list[tuple[int, int]]:
    pattern = re.compile(r"(?<![a-z0-9])" + re.escape(needle) + r"(?![a-z0-9])")
    return [(m.start(), m.end()) for m in pattern.finditer(hay)]


def gold_spans(doc: Doc, record: Record) -> list[tuple[int, int, str]]:
    """Token spans (start, end, role) of every mention of every gold filler string.

    All mentions of a filler string are tagged (the metric treats them as one entity).
    Overlaps are resolved longest first.
    """
    text = doc.text
    cands: list[tuple[int, int, str]] = []
    for role in ROLES:
        for entity in gold_entities(record, role):
            for s in entity:
                needle = " ".join(caseless(s).split())
                if not needle:
                    continue
                for a, b in _find_all(needle, text):
                    span = doc.char_span(a, b, alignment_mode="expand")
                    if span is not None:
                        cands.append((span.start, span.end, role))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken = [False] * len(doc)
    out: list[tuple[int, int, str]] = []
    for start, end, role in cands:
        if any(taken[start:end]):
            continue
        for i in range(start, end):
            taken[i] = True
        out.append((start, end, role))
    return sorted(out)


def bio_tags(n_tokens: int, spans: Sequence[tuple[int, int, str]]) -> list[str]:
    tags = ["O"] * n_tokens
    for start, end, role in spans:
        tag = ROLE_TAG[role]
        tags[start] = f"B-{tag}"
        for i in range(start + 1, end):
            tags[i] = f"I-{tag}"
    return tags
