"""Claims and denials with their speakers: "X suggested that Ukraine was involved",
"Ukraine denied any involvement", a later finding that settles it."""

from __future__ import annotations

import re

from incidentdesk.annotate.attribution import attribution_for, attributions, is_denial
from incidentdesk.annotate.pipeline import AnnotatedDoc, Sentence
from incidentdesk.extract.background import refers_to
from incidentdesk.extract.facts import make_fact
from incidentdesk.model import Fact

DEMONYMS = {
    "Ukrainian": "Ukraine", "Russian": "Russia", "American": "United States", "US": "United States",
    "U.S.": "United States", "Western": "the West", "French": "France", "British": "United Kingdom",
    "Iranian": "Iran", "Israeli": "Israel", "Tajik": "Tajikistan", "Turkish": "Turkey",
}  # fmt: skip
_INVOLVED = re.compile(
    r"\b(?:that\s+)?(?P<actor>(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)\s+(?:was|were|had been|is)\s+"
    r"(?:\w+\s+)?(?:involved|behind|responsible)\b"
)
_NO_INVOLVEMENT = re.compile(
    r"\b(?:no|any)\s+(?:indication\s+of\s+)?(?P<adj>[A-Z][\w.]*)\s+involvement\b"
    r"|\b(?P<actor>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)\s+(?:denied|rejected)\s+(?:any\s+)?involvement\b"
    r"|\b(?:denied|rejected)\s+(?:any\s+)?involvement\b"
)
_FOUND_NO = re.compile(r"\bfound\s+no\s+(?P<adj>[A-Z][\w.]*)\s+involvement\b")


def _actor(name: str) -> str:
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    return DEMONYMS.get(name, name)


def extract_claims(doc: AnnotatedDoc) -> list[Fact]:
    """Claim facts: value ``{claim, stance, speakers}`` with stance assert/deny/support/finding."""
    facts: list[Fact] = []
    for sent in doc.sentences:
        if refers_to(doc, sent) != "main":
            continue
        found = attributions(sent.span, doc.acronyms)
        text = sent.text

        def add(claim: str, stance: str, speakers: list[str], sent: Sentence = sent) -> None:
            facts.append(
                make_fact(
                    doc,
                    "claim",
                    {"claim": claim, "stance": stance, "speakers": speakers},
                    sent.start,
                    sent.end,
                    "rules.claims",
                    confidence=0.6,
                    negated=stance in ("deny", "finding-against"),
                )
            )

        fm = _FOUND_NO.search(text)
        if fm:
            speaker = [a.chain[0] for a in found][:1]
            subj = re.search(r"\bby\s+(?:the\s+)?(?P<org>[A-Z][\w ]+?)\s+found", text)
            who = [subj.group("org")] if subj else speaker
            add(f"{_actor(fm.group('adj'))} was involved", "finding-against", who)
            continue
        nm = _NO_INVOLVEMENT.search(text)
        if nm and (is_denial(sent.span) or "no" in nm.group(0).lower()):
            actor = nm.group("adj") or nm.group("actor")
            att = attribution_for(found, 0)
            speakers = list(att.chain[:1]) if att else []
            if nm.group("actor"):
                speakers = [_actor(nm.group("actor"))]
            if not actor and speakers:
                actor = speakers[0]
            if actor:
                add(f"{_actor(actor)} was involved", "deny", speakers or [_actor(actor)])
            continue
        im = _INVOLVED.search(text)
        if im and found:
            att = min(found, key=lambda a: a.verb_index)
            actor = _actor(im.group("actor"))
            if actor.lower() not in ("it", "he", "she", "they", "this"):
                speakers = [s.strip() for s in att.chain[0].split(" and ") if s[:1].isalpha()]
                if speakers:
                    add(f"{actor} was involved", "assert", speakers)
    return facts
