"""Perpetrator organisations, claims of responsibility and the number of attackers."""

from __future__ import annotations

import re
from typing import Any

from incidentdesk.annotate.numbers import find_numbers
from incidentdesk.annotate.pipeline import AnnotatedDoc, Sentence
from incidentdesk.extract.background import refers_to
from incidentdesk.extract.facts import make_fact
from incidentdesk.model import Fact

_ATTACKER_NOUNS = r"(?:armed\s+|masked\s+|suspected\s+|heavily\s+armed\s+)?(?:gunm[ae]n|attackers|assailants|terrorists|militants|shooters|suicide\s+bombers|bombers|men|perpetrators)"
ATTACKERS = re.compile(rf"^\s*(?P<noun>{_ATTACKER_NOUNS})\b", re.IGNORECASE)
_PERP_PATTERNS = [
    re.compile(r"\b(?:associated|affiliated|linked)\s+with\s+(?P<org>[^,.;()]+(?:\([^)]*\))?)"),
    re.compile(r"\bcarried\s+out\s+by\s+(?P<org>[^,.;()]+)"),
    re.compile(r"\bmembers?\s+of\s+(?P<org>[^,.;()]+)"),
    re.compile(r"\b(?:blamed|attributed)\s+(?:the\s+attack\s+)?(?:on|to)\s+(?P<org>[^,.;()]+)"),
]
_ORG_WORDS = re.compile(
    r"\b(?:State|Front|Army|Movement|Brigades?|Organi[sz]ation|Group|Party|Council|Front|Jihad|"
    r"Province|Legion|Corps|Network|Faction|Commando|Cell|Liberation|Al[- ]\w+|Taliban|Hamas|"
    r"Hezbollah|Shabaab|Qaeda|Boko Haram|ISIS|ISIL|IS|Daesh)\b"
)


def is_organisation(name: str) -> bool:
    """Whether a name looks like an organisation rather than a person."""
    return bool(_ORG_WORDS.search(name) or re.fullmatch(r"[A-Z][A-Z0-9–-]{1,9}", name.strip()))


def _clean_org(raw: str, doc: AnnotatedDoc) -> str | None:
    name = re.sub(r"\s+", " ", raw).strip(" '\"“”")
    name = re.sub(r"\s*\([^)]*\)\s*$", "", name)
    name = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.IGNORECASE)
    if name in doc.acronyms:
        name = doc.acronyms[name]
    if not name or not name[0].isupper() or len(name) > 80:
        return None
    return name if _ORG_WORDS.search(name) or name.isupper() else None


def _subject_org(token: Any, doc: AnnotatedDoc) -> str | None:
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return None
    span = sorted(subjects[0].subtree, key=lambda t: t.i)
    ents = [
        e
        for e in token.doc.ents
        if e.label_ in ("ORG", "NORP", "GPE") and any(e.start <= t.i < e.end for t in span)
    ]
    text = ents[0].text if ents else " ".join(t.text for t in span if t.pos_ == "PROPN")
    paren = re.search(r"\(([A-Z][\w–-]+)\)", " ".join(t.text for t in span))
    if not text and paren:
        text = paren.group(1)
    return _clean_org(text, doc) if text else None


def _claims(sent: Sentence, doc: AnnotatedDoc) -> list[str]:
    found = []
    for tok in sent.span:
        if tok.lemma_ in ("claim", "admit", "accept") and any(
            c.lower_ in ("responsibility", "credit") for c in tok.children
        ):
            org = _subject_org(tok, doc)
            if org:
                found.append(org)
    m = re.search(r"responsibility\s+(?:was|has been)\s+claimed\s+by\s+(?P<org>[^,.;]+)", sent.text)
    if m:
        org = _clean_org(m.group("org"), doc)
        if org:
            found.append(org)
    return found


def extract_actors(doc: AnnotatedDoc) -> list[Fact]:
    """Claimants, perpetrator organisations and attacker counts of the main incident."""
    facts: list[Fact] = []
    for sent in doc.sentences:
        if refers_to(doc, sent) != "main":
            continue
        for org in _claims(sent, doc):
            facts.append(make_fact(doc, "claimed_by", org, sent.start, sent.end, "rules.actors"))
        for pattern in _PERP_PATTERNS:
            for pm in pattern.finditer(sent.text):
                perp = _clean_org(pm.group("org"), doc)
                if perp:
                    facts.append(
                        make_fact(
                            doc,
                            "perpetrator_org",
                            perp,
                            sent.start,
                            sent.end,
                            "rules.actors",
                            confidence=0.7,
                        )
                    )
        for number in find_numbers(sent.text):
            if number.vague or number.value > 50 or number.value < 1:
                continue
            m = ATTACKERS.match(sent.text[number.end :])
            if not m:
                continue
            noun = m.group("noun").lower()
            if (
                noun.endswith("men")
                and not noun.endswith("gunmen")
                and not re.search(r"\b(?:armed|fire|shot|attack)", sent.text, re.IGNORECASE)
            ):
                continue
            facts.append(
                make_fact(
                    doc,
                    "attackers",
                    number.value,
                    sent.start,
                    sent.end,
                    "rules.actors",
                    qualifier=number.qualifier,
                    confidence=0.7,
                )
            )
    return facts
