"""Values for the role model's spans: vocabulary labels, organisation names, person names.

The MUC-4 model returns raw spans ("a homemade explosive device", "the Shining Path"); the record
holds the same normalised values as the rules produce: weapon and target labels of
``docs/vocabulary.md``, organisation names as written (acronyms expanded), people's names.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from incidentdesk.annotate.pipeline import AnnotatedDoc, Sentence
from incidentdesk.extract import vocabulary
from incidentdesk.extract.people import TITLES

Finder = Callable[[str], list[tuple[str, int, int]]]

_NAME_WORD = re.compile(r"[A-Z][\w'’.-]*")
_PARTICLES = frozenset({"al", "bin", "ibn", "da", "de", "del", "der", "di", "du", "la", "le"})
_POSSESSIVE = re.compile(r"['’]s?$")


def label_for(span: str, finder: Finder, heads: dict[str, str] | None = None) -> str | None:
    """The vocabulary label naming the span's head (its last word), if any.

    "primary school teacher" is a teacher, not a school: a label counts only when its phrase
    ends the span ("police station" -> police, "car bomb" -> explosive device).
    """
    ending = [label for label, _start, end in finder(span) if end == len(span)]
    if ending:
        return ending[0]
    last = span.split()[-1].lower() if span.split() else ""
    return (heads or {}).get(last)


def weapon_label(span: str) -> str | None:
    """A weapon label of docs/vocabulary.md for a model weapon span."""
    return label_for(span, vocabulary.weapons, vocabulary.MODEL_WEAPON_HEADS)


def target_label(span: str) -> str | None:
    """A target label of docs/vocabulary.md for a model target span."""
    return label_for(span, vocabulary.targets, vocabulary.MODEL_TARGET_HEADS)


def _clean(raw: str) -> str:
    name = re.sub(r"\s+", " ", raw).strip(" '\"“”«»()[]")
    name = re.sub(r"\s*\([^)]*\)?$", "", name)
    name = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.IGNORECASE)
    return _POSSESSIVE.sub("", name).strip()


def _capitalised(words: list[str]) -> bool:
    """Every word a capitalised name word (particles such as "al" and dashes allowed), and
    not all of the longer ones in capitals (upper-case copy says nothing about names)."""
    long = [w for w in words if len(w) > 3]
    return all(
        _NAME_WORD.fullmatch(w) or w.lower() in _PARTICLES or w in ("–", "-", "of", "and")
        for w in words
    ) and not (long and all(w.isupper() for w in long))


def organisation_name(doc: AnnotatedDoc, raw: str) -> str | None:
    """The organisation a span names, as written (an acronym expanded), or None.

    A name is capitalised in mixed-case text; a description ("armed rebels") is not one.
    """
    name = _clean(raw)
    if name in doc.acronyms:
        return doc.acronyms[name]
    words = name.split()
    if not words or len(name) > 80:
        return None
    if len(words) == 1:
        return name if re.fullmatch(r"[A-Z][A-Z0-9–-]{1,9}|[A-Z][a-z]{3,}", name) else None
    return name if _capitalised(words) and words[-1][0].isupper() else None


def _entity_labels(sent: Sentence, start: int, end: int) -> set[str]:
    """spaCy entity labels overlapping an absolute span of the sentence."""
    return {
        ent.label_
        for ent in sent.span.ents
        if sent.offset + ent.start_char < end and start < sent.offset + ent.end_char
    }


def _name_words(words: list[str]) -> list[str]:
    """The leading run of name words ("Pedro Quispe of Villa" -> Pedro Quispe)."""
    run: list[str] = []
    for w in words:
        if not (_NAME_WORD.fullmatch(w) or w.lower() in _PARTICLES):
            break
        run.append(w)
    while run and run[-1].lower() in _PARTICLES:
        run.pop()
    return run


def person_name(sent: Sentence, start: int, end: int, text: str) -> tuple[int, int, str] | None:
    """(start, end, name) of a person named by an absolute span, titles dropped, or None.

    Two or more capitalised words, or one that spaCy reads as a person; not a place or an
    organisation.
    """
    name = _clean(text)
    lead = text.find(name) if name else -1
    if lead < 0:
        return None
    start += lead
    words = name.split()
    while words and TITLES.fullmatch(words[0].rstrip(".")):
        start += len(words[0]) + 1
        words = words[1:]
    words = _name_words(words)
    name = " ".join(words)
    if not words or not _capitalised(words) or name != sent.text[start - sent.start :][: len(name)]:
        return None
    labels = _entity_labels(sent, start, start + len(name))
    if labels & {"GPE", "LOC", "ORG", "FAC", "NORP"} and "PERSON" not in labels:
        return None
    if len(words) < 2 and "PERSON" not in labels:
        return None
    return start, start + len(name), name


_REPORTING = frozenset({"say", "tell", "state", "add", "announce", "write", "describe", "recall"})


def is_speaker(sent: Sentence, start: int) -> bool:
    """Whether the name at ``start`` speaks in the sentence ("X said", "according to X")."""
    before = sent.text[max(0, start - sent.start - 40) : start - sent.start]
    if re.search(r"\baccording\s+to\s+(?:\w+\s+){0,6}$", before, re.IGNORECASE):
        return True
    tok: Any = sent.token_at(start)
    while tok is not None and tok.dep_ in ("compound", "flat") and tok.head is not tok:
        tok = tok.head
    return bool(tok is not None and tok.dep_ == "nsubj" and tok.head.lemma_ in _REPORTING)
