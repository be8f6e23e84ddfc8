"""Casualty figures of every kind: value, qualifier, scope, attribution and report time."""

from __future__ import annotations

import re

from incidentdesk.annotate.attribution import attribution_for, attributions, is_hedged
from incidentdesk.annotate.numbers import NumberMention
from incidentdesk.annotate.pipeline import AnnotatedDoc, Sentence
from incidentdesk.extract.background import refers_to
from incidentdesk.extract.facts import make_fact
from incidentdesk.model import Fact, FactField

KINDS: dict[str, FactField] = {
    "killed": "killed", "dead": "killed", "died": "killed", "death": "killed", "deaths": "killed",
    "fatalities": "killed", "fatality": "killed", "lives": "killed", "slain": "killed",
    "murdered": "killed", "bodies": "killed", "perished": "killed",
    "injured": "injured", "wounded": "injured", "hurt": "injured", "injuries": "injured",
    "hospitalised": "injured", "hospitalized": "injured",
    "missing": "missing", "unaccounted": "missing",
    "detained": "detained", "arrested": "detained", "apprehended": "detained",
    "captured": "detained", "arrests": "detained",
    "hostages": "hostages", "hostage": "hostages",
}  # fmt: skip
_KW = "|".join(sorted(KINDS, key=len, reverse=True))
_FILLER = r"(?:\s+(?!(?:and|or|but|who|which|that)\b)[\w'’-]+){0,3}?"
_AUX = r"(?:\s+(?:were|was|had|have|has|been|are|is|being|also|reportedly|allegedly|later|now|"
_AUX += r"confirmed|believed|feared|thought|to|be|left|remain|remained|people))*"
AFTER = re.compile(rf"^(?P<filler>{_FILLER}){_AUX}\s+(?P<kw>{_KW})\b", re.IGNORECASE)
BEFORE = re.compile(
    r"\b(?P<kw>killed|killing|kills|wounded|wounding|injured|injuring|left|leaving|"
    r"detained|detaining|arrested|arresting|arrest\s+of|death\s+toll(?:\s+\w+){0,3}?\s+"
    r"(?:to|at|of|is|was|reached|stands)|toll\s+(?:rose|climbed|rises|stands|stood)\s+(?:to|at)|"
    r"claimed\s+the\s+lives\s+of|lives\s+of|"
    r"number\s+of\s+(?:dead|deaths|fatalities|injured|wounded|injuries)\s+(?:has\s+|had\s+)?"
    r"(?:rose|risen|climbed|increased|reached|stands|stood|went\s+up)(?:\s+(?:to|at))?)"
    r"\s+(?:all\s+)?$",
    re.IGNORECASE,
)
_LEFT_AFTER = re.compile(rf"^{_FILLER}\s+(?P<kw>dead|injured|wounded)\b", re.IGNORECASE)
SCOPE_NOUNS = {
    "children": "children", "child": "children", "minors": "children", "teenagers": "teenagers",
    "students": "students", "foreigners": "one citizenship", "nationals": "one citizenship",
    "citizens": "one citizenship", "police": "police", "officers": "police", "soldiers": "soldiers",
    "attackers": "perpetrators", "gunmen": "perpetrators", "militants": "perpetrators",
    "assailants": "perpetrators", "women": "women",
}  # fmt: skip
_IDENTIFIED = re.compile(r"^\W*(?:\w+\s+){0,3}(?:been\s+)?identified\b", re.IGNORECASE)
_SUBSET = re.compile(r"\bamong\s+(?:those|the)\s+(?:killed|dead|injured|wounded)\b", re.IGNORECASE)
_INCLUDES = re.compile(
    r"\(?\s*including\s+(?:the\s+)?(?:\w+\s+)?(?:attackers?|bombers?|gunm[ae]n|assailants?|perpetrators?)",
    re.IGNORECASE,
)


def _inside_quotes(text: str, pos: int) -> bool:
    return (text.count('"', 0, pos) + text.count("“", 0, pos) - text.count("”", 0, pos)) % 2 == 1


def classify(sent: Sentence, number: NumberMention) -> tuple[FactField, str] | None:
    """(kind, scope) of a count from the words around it, or None if it counts no casualties."""
    rel_start = number.start - sent.start
    rel_end = number.end - sent.start
    after = sent.text[rel_end : rel_end + 120]
    before = sent.text[max(0, rel_start - 60) : rel_start]
    kind: FactField | None = None
    filler = ""
    m = AFTER.match(after)
    if m:
        kind = KINDS[m.group("kw").lower()]
        filler = m.group("filler")
        rest = after[m.end() :]
    else:
        b = BEFORE.search(before)
        if b:
            word = b.group("kw").lower()
            if word in ("left", "leaving"):
                lm = _LEFT_AFTER.match(after)
                if not lm:
                    return None
                kind = KINDS[lm.group("kw").lower()]
            elif word.startswith("number"):
                kind = "injured" if re.search(r"injur|wound", word) else "killed"
            elif word.startswith(("death", "toll", "claimed", "lives")):
                kind = "killed"
            elif word.startswith(("wound", "injur")):
                kind = "injured"
            elif word.startswith(("detain", "arrest")):
                kind = "detained"
            else:
                kind = "killed"
            rest = after
            nm = re.match(rf"^{_FILLER}", after)
            filler = nm.group(0) if nm else ""
    if kind is None:
        return None
    scope = "total"
    for word in re.findall(r"[\w-]+", filler.lower()):
        if word in SCOPE_NOUNS:
            scope = SCOPE_NOUNS[word]
    if re.match(r"^\s+of\s+(?:the|them|those)\b", after) or _SUBSET.search(sent.text):
        scope = "subset"
    if re.match(
        r"^\s*(?:later|subsequently|afterwards)?\s*(?:in|at)\s+(?:the\s+)?hospitals?\b|^\s*later\b",
        rest,
        re.I,
    ):
        scope = "died later"
    if kind == "killed" and _IDENTIFIED.match(rest):
        scope = "identified"
    return kind, scope


def extract_casualties(doc: AnnotatedDoc) -> list[Fact]:
    """Every casualty-type figure of the document (background ones marked as such)."""
    facts: list[Fact] = []
    for sent in doc.sentences:
        if not sent.numbers:
            continue
        found = attributions(sent.span, doc.acronyms)
        target = refers_to(doc, sent)
        previous_scope: str | None = None
        for number in sent.numbers:
            classified = classify(sent, number)
            if classified is None:
                continue
            kind, scope = classified
            rel = number.num_start - sent.start
            if number.vague and _inside_quotes(sent.text, rel):
                continue
            after = sent.text[number.num_end - sent.start :][:12].lower()
            if scope == "total" and previous_scope and after.lstrip().startswith("more"):
                scope = previous_scope
            previous_scope = scope if scope != "total" else previous_scope
            token = sent.token_at(number.num_start)
            att = attribution_for(found, token.i) if token is not None else None
            includes = number.includes_perpetrators
            if includes is None and _INCLUDES.search(sent.text[rel : rel + 80]):
                includes = True
            as_of = next((d.date for d in sent.dates if d.relation == "as of" and d.date), None)
            facts.append(
                make_fact(
                    doc,
                    kind,
                    number.value,
                    sent.start,
                    sent.end,
                    "rules.casualties",
                    qualifier=number.qualifier,
                    scope=scope,
                    happened_at=as_of,
                    refers_to=target,
                    attributed_to=list(att.chain) if att else [],
                    hedged=bool(att and att.hedged) or is_hedged(sent.text[max(0, rel - 60) : rel]),
                    includes_perpetrators=includes,
                    confidence=0.8 if number.vague else 0.9,
                )
            )
    return facts
