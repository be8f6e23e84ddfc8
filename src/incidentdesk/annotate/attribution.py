"""Who said it: attribution chains, hedges and denials in a sentence.

"TASS claimed, citing the FSB" gives ``["TASS", "FSB"]`` (outermost first); "according to X" gives
``["X"]``; "X said ..." gives ``["X"]``. "X claimed responsibility" is a claim of responsibility, not
a report of what follows, so it attributes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

REPORT_VERBS = {
    "say", "claim", "report", "tell", "state", "announce", "add", "confirm", "estimate", "allege",
    "write", "note", "declare", "quote", "insist", "assert", "suggest", "accuse", "update", "put",
}  # fmt: skip
HEDGE_VERBS = {"claim", "allege", "suggest"}
HEDGE_WORDS = re.compile(
    r"\b(?:allegedly|reportedly|purportedly|apparently|supposedly|unconfirmed|rumou?red|"
    r"possibly|may have|might have|is said to|are said to|was said to|were said to|"
    r"reported to have|believed to)\b",
    re.IGNORECASE,
)
DENIAL_LEMMAS = {"deny", "reject", "dismiss", "refute", "disavow"}
_GENERIC_HEADS = {"data", "information", "figures", "figure", "report", "reports", "statement"}


@dataclass(frozen=True)
class Attribution:
    """A reporting act in a sentence: who, through whom, and which tokens it governs."""

    chain: tuple[str, ...]
    verb_index: int
    hedged: bool
    trailing: bool
    root_level: bool
    subtree: frozenset[int]


def _phrase_name(tokens: list[Any], acronyms: dict[str, str]) -> str | None:
    """A short name for a source noun phrase ("Russian news agency TASS" -> "TASS")."""
    if not tokens:
        return None
    text = " ".join(t.text for t in tokens)
    paren = re.search(r"\(\s*([A-Z][\w–-]*[A-Z][\w–-]*|[A-Z]{2,})\s*\)", text)
    if paren:
        return paren.group(1)
    doc_ents = {e for t in tokens for e in t.doc.ents if e.start <= t.i < e.end}
    head = min(tokens, key=lambda t: sum(1 for _ in t.ancestors))
    head_is_common = head.pos_ == "NOUN" and head.text.lower() not in _GENERIC_HEADS
    ents = [e for e in doc_ents if e.label_ in ("ORG", "PERSON", "NORP", "GPE")]
    strong = [e for e in ents if e.label_ in ("ORG", "PERSON")]
    if head_is_common and not any(e.start <= head.i < e.end for e in ents):
        words = [t for t in tokens if t.dep_ not in ("det", "poss", "case", "punct")]
        words = [t for t in words if t.i <= head.i]
        if head.i - words[0].i > 4:
            words = [head]
        name = " ".join(t.text for t in words)
        return name if any(t.pos_ == "PROPN" for t in words) else name.lower()
    pick = [e for e in ents if e.start <= head.i < e.end] or strong or ents or []
    if pick:
        best = max(pick, key=lambda e: (e.label_ in ("ORG", "PERSON"), e.end - e.start))
        name = re.sub(r"^(?:the|The)\s+", "", best.text)
        for short, long_form in acronyms.items():
            if long_form == name and len(short) <= 8:
                return short
        return name
    propn = [t for t in tokens if t.pos_ == "PROPN"]
    if propn:
        return " ".join(t.text for t in propn)
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE).lower() or None


def _subtree_tokens(token: Any) -> list[Any]:
    return sorted(token.subtree, key=lambda t: t.i)


def attributions(sent: Any, acronyms: dict[str, str]) -> list[Attribution]:
    """Every reporting act in a spaCy sentence span."""
    found: list[Attribution] = []
    tokens = list(sent)
    for tok in tokens:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and tok.nbor(1).lower_ == "to":
            objs = [c for c in tok.nbor(1).children if c.dep_ == "pobj"]
            if not objs:
                continue
            inner = _subtree_tokens(objs[0])
            name = _phrase_name(inner, acronyms)
            if not name:
                continue
            chain = [name, *_citing(tokens, tok, acronyms)]
            found.append(
                Attribution(
                    chain=tuple(chain),
                    verb_index=tok.i,
                    hedged=False,
                    trailing=tok.i > sent.start + 2,
                    root_level=True,
                    subtree=frozenset(t.i for t in tokens),
                )
            )
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_ not in REPORT_VERBS:
            continue
        objects = [c for c in tok.children if c.dep_ in ("dobj", "attr")]
        if any(o.lower_ in ("responsibility", "credit", "lives", "life") for o in objects):
            continue
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects or subjects[0].lower_ in (
            "it",
            "they",
            "he",
            "she",
            "that",
            "which",
            "who",
        ):
            if not subjects or subjects[0].lower_ not in ("he", "she", "they"):
                continue
        speaker_tokens = _subtree_tokens(subjects[0])
        names = [_phrase_name([t for t in speaker_tokens if t.dep_ != "cc"], acronyms)]
        conj_heads = [c for c in subjects[0].children if c.dep_ == "conj"]
        if conj_heads:
            first = [t for t in speaker_tokens if t.i < conj_heads[0].i and t.dep_ != "cc"]
            names = [_phrase_name(first, acronyms)]
            for c in conj_heads:
                names.append(_phrase_name(_subtree_tokens(c), acronyms))
        speaker = " and ".join(n for n in names if n)
        if not speaker or speaker in ("he", "she", "they"):
            continue
        chain = [speaker, *_citing(tokens, tok, acronyms)]
        found.append(
            Attribution(
                chain=tuple(chain),
                verb_index=tok.i,
                hedged=tok.lemma_ in HEDGE_VERBS,
                trailing=tok.i > sent.start + 3
                and tok.nbor(-1).i >= sent.start
                and any(t.text == "," for t in tokens if t.i < tok.i),
                root_level=tok.dep_ == "ROOT" or tok.head.dep_ == "ROOT",
                subtree=frozenset(t.i for t in tok.subtree),
            )
        )
    return found


def _citing(tokens: list[Any], after: Any, acronyms: dict[str, str]) -> list[str]:
    for tok in tokens:
        if tok.i > after.i and tok.lower_ == "citing":
            objs = [c for c in tok.children if c.dep_ in ("dobj", "pobj")]
            phrase = _subtree_tokens(objs[0]) if objs else [t for t in tokens if t.i > tok.i]
            name = _phrase_name(phrase, acronyms)
            return [name] if name else []
    return []


def attribution_for(found: list[Attribution], token_index: int) -> Attribution | None:
    """The reporting act that governs the token at ``token_index`` (nearest first)."""
    best: Attribution | None = None
    for att in found:
        governs = (
            token_index in att.subtree
            or att.root_level
            or (att.trailing and att.verb_index > token_index)
        )
        if not governs:
            continue
        if best is None or abs(att.verb_index - token_index) < abs(best.verb_index - token_index):
            best = att
    return best


def is_hedged(sentence_text: str) -> bool:
    """Whether the sentence marks what it says as unconfirmed."""
    return bool(HEDGE_WORDS.search(sentence_text))


def is_denial(sent: Any) -> bool:
    """Whether the sentence denies something ("X denied any involvement")."""
    return any(t.lemma_ in DENIAL_LEMMAS and t.pos_ == "VERB" for t in sent)
