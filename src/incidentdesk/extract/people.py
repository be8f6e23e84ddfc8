"""People named in the reports, with age, nationality and roles.

Roles come from the words around a name (a title makes an official; "suspect", "charged",
"gunman" make a suspect; "killed" a victim; "witness" a witness; "saved" a rescuer) and from the
section a list item sits in ("Suspected co-conspirators"). Names in background sentences are left
out; spelling variants are merged later, when the record is resolved.
"""

from __future__ import annotations

import re
from typing import Any

from incidentdesk.annotate.pipeline import AnnotatedDoc, Sentence
from incidentdesk.extract.background import refers_to
from incidentdesk.extract.facts import make_fact
from incidentdesk.model import Fact

ROLE_CUES: dict[str, re.Pattern[str]] = {
    "suspect": re.compile(
        r"\b(?:suspects?|suspected|accused|charged|detained|arrested|gunm[ae]n|attackers?|"
        r"assailants?|perpetrators?|co-conspirators?|ringleader|pleaded|pled|confessed|"
        r"pre-trial detention|in custody|indicted|convicted|defendants?)\b",
        re.IGNORECASE,
    ),
    "victim": re.compile(
        r"\b(?:victims?|was killed|were killed|died|was injured|were injured|was wounded|"
        r"killed in the attack|among the dead|fatally)\b",
        re.IGNORECASE,
    ),
    "witness": re.compile(
        r"\b(?:witness(?:es)?|eyewitness(?:es)?|survivors?|saw)\b", re.IGNORECASE
    ),
    "rescuer": re.compile(
        r"\b(?:saved|sav(?:e|ing)|rescued|rescuing|helped\s+(?:save|evacuate|people)|"
        r"pulled .{0,20} to safety|led .{0,30} to safety|showing them an exit)\b",
        re.IGNORECASE,
    ),
}
TITLES = re.compile(
    r"\b(?:president|minister|governor|mayor|spokes(?:person|man|woman)|head|chief|commissioner|"
    r"secretary|deputy|ambassador|chancellor|leader|chair(?:person|man|woman)?|director|senator|"
    r"prosecutor|general|colonel|commander|official|king|prince|premier|patriarch|pope|"
    r"member|lawmaker|councillor|sheriff|police chief|inspector)\b",
    re.IGNORECASE,
)
SECTION_ROLES = {
    "suspect": re.compile(
        r"suspect|gunm[ae]n|perpetrator|attacker|assailant|co-conspirator|accused", re.I
    ),
    "victim": re.compile(r"victim|casualt|dead|killed", re.I),
}
_AGE_AFTER = re.compile(
    r"^,\s*(?:a\s+|an\s+)?(?P<age>\d{1,2})(?:-year-old)?\b(?!\s*(?:km|%|percent))"
)
_AGE_BEFORE = re.compile(r"(?P<age>\d{1,2})-year-old\s+(?:[\w-]+\s+){0,2}$")
_NATIONALITY = re.compile(
    r"\b(?:citizens?|native|national|nationals)\s+of\s+(?P<c1>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)"
    r"|\b(?P<c2>[A-Z][a-z]+)\s+(?:citizens?|national)\b"
)
_LIST_NAME = re.compile(r"^-\s+(?P<name>(?:[A-Z][\w'’-]+\s+){1,3}[A-Z][\w'’-]+)(?=,|\s+and\b|\s*$)")
_DEMONYMS = {
    "Russian": "Russia",
    "Tajik": "Tajikistan",
    "Ukrainian": "Ukraine",
    "Kyrgyz": "Kyrgyzstan",
    "American": "United States",
    "British": "United Kingdom",
    "French": "France",
    "German": "Germany",
    "Turkish": "Turkey",
    "Iranian": "Iran",
    "Afghan": "Afghanistan",
    "Uzbek": "Uzbekistan",
    "Kazakh": "Kazakhstan",
    "Syrian": "Syria",
    "Iraqi": "Iraq",
}


_NAME_AGE = re.compile(
    r"(?<![\w-])(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,3}),\s+\d{1,2}(?=\s*[;,.)]|\s+and\b)"
)


def _extends(token: Any) -> bool:
    """Whether a neighbouring token continues a person's name (a capitalised proper noun)."""
    return bool(
        token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and token.text.isalpha()
        and not TITLES.fullmatch(token.text)
        and token.ent_type_ in ("", "PERSON")
    )


def _person_spans(sent: Sentence) -> list[tuple[int, int, str]]:
    """(abs start, abs end, name) of people named in a sentence."""
    spans: list[tuple[int, int, str]] = []
    for ent in sent.span.ents:
        if ent.label_ != "PERSON":
            continue
        first, last = ent.start, ent.end
        while first > sent.span.start and _extends(ent.doc[first - 1]):
            first -= 1
        while last < sent.span.end and _extends(ent.doc[last]):
            last += 1
        ent = ent.doc[first:last]
        name = re.sub(r"['’]s$", "", ent.text).strip()
        if len(name) < 3 or not name[0].isupper():
            continue
        start = sent.offset + ent.start_char
        spans.append((start, start + len(name), name))
    for am in _NAME_AGE.finditer(sent.text):
        start = sent.start + am.start("name")
        if not any(
            s <= start < e or start <= s < start + len(am.group("name")) for s, e, _ in spans
        ):
            spans.append((start, start + len(am.group("name")), am.group("name")))
    m = _LIST_NAME.match(sent.text)
    if m and not any(s <= sent.start + m.start("name") < e for s, e, _ in spans):
        start = sent.start + m.start("name")
        spans.append((start, start + len(m.group("name")), m.group("name")))
    return sorted(spans)


_LIST_GAP = re.compile(r"^(?:,\s*(?:an?\s+)?\d{1,2}(?:-year-old)?)?\s*[,;]?\s*(?:and\s+)?$")


def _list_runs(sent: Sentence, spans: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """For each name, the (start, end) of the enumeration it stands in ("four suspects, A, 32;
    B, 30; and C, 25, were charged"): names separated only by commas, semicolons, "and" and
    ages. Role cues are looked for around the whole enumeration, not just around one name."""
    runs = [(s, e) for s, e, _ in spans]
    for i in range(1, len(spans)):
        gap = sent.text[spans[i - 1][1] - sent.start : spans[i][0] - sent.start]
        if _LIST_GAP.match(gap):
            runs[i] = (runs[i - 1][0], runs[i][1])
    for i in range(len(spans) - 2, -1, -1):
        if runs[i + 1][0] == runs[i][0]:
            runs[i] = runs[i + 1]
    return runs


def _window(sent: Sentence, start: int, end: int, before: int, after: int) -> str:
    rel_s, rel_e = start - sent.start, end - sent.start
    return sent.text[max(0, rel_s - before) : rel_e + after]


def _is_speaker(sent: Sentence, start: int) -> bool:
    tok: Any = sent.token_at(start)
    if tok is None:
        return False
    while tok.dep_ == "compound":
        tok = tok.head
    return tok.dep_ == "nsubj" and tok.head.lemma_ in {
        "say",
        "tell",
        "state",
        "add",
        "announce",
        "write",
    }


_PRONOUN_ROLE = re.compile(
    r"^(?:She|He)\s+(?:was|had\s+been)\s+(?:\w+\s+){0,2}?"
    r"(?:killed|shot\s+dead|fatally|injured|wounded)\b"
)


def _carried_over(doc: AnnotatedDoc, prev: Sentence, sent: Sentence, name: str) -> Fact | None:
    """ "Name, 34, a teacher, ... She was killed ...": the victim is the one person named just
    before, in the same paragraph; the evidence spans both sentences."""
    if prev.paragraph != sent.paragraph or not _PRONOUN_ROLE.match(sent.text):
        return None
    start = prev.text.find(name)
    am = _AGE_AFTER.match(prev.text[start + len(name) :]) if start >= 0 else None
    return make_fact(
        doc,
        "person",
        {
            "name": name,
            "roles": ["victim"],
            "age": int(am.group("age")) if am else None,
            "nationality": None,
        },
        prev.start,
        sent.end,
        "rules.people.pronoun",
        confidence=0.6,
    )


def extract_people(doc: AnnotatedDoc) -> list[Fact]:
    """One fact per person mention with the roles, age and nationality that sentence gives."""
    facts: list[Fact] = []
    author = (doc.source.document.author or "").lower()
    prev: tuple[Sentence, list[tuple[int, int, str]]] | None = None
    for sent in doc.sentences:
        if refers_to(doc, sent) != "main":
            prev = None
            continue
        spans = _person_spans(sent)
        if not spans and prev is not None and len(prev[1]) == 1:
            carried = _carried_over(doc, prev[0], sent, prev[1][0][2])
            if carried is not None:
                facts.append(carried)
        prev = (sent, spans)
        runs = _list_runs(sent, spans)
        for (start, end, name), (run_start, run_end) in zip(spans, runs, strict=True):
            if author and name.lower() in author:
                continue
            roles: list[str] = []
            near = _window(sent, run_start, run_end, 60, 80)
            before = sent.text[max(0, start - sent.start - 40) : start - sent.start]
            speaker = _is_speaker(sent, start) or bool(
                re.search(r"\baccording\s+to\s+(?:\w+\s+){0,6}$", before, re.I)
            )
            if TITLES.search(" ".join(before.split(",")[-2:])) or re.match(
                r"^,\s*(?:the\s+)?(?:[\w-]+\s+){0,3}(?:president|minister|governor|mayor|spokes\w+|head|chief|leader|commissioner|secretary)\b",
                sent.text[end - sent.start :],
                re.I,
            ):
                roles.append("official")
            for role, cue in ROLE_CUES.items():
                if role == "suspect" and speaker:
                    continue
                if cue.search(near) and (role != "victim" or not speaker):
                    roles.append(role)
            if sent.text.startswith("- ") or len(spans) > 2:
                for role, rx in SECTION_ROLES.items():
                    if rx.search(sent.section) and role not in roles:
                        roles.append(role)
            close = _window(sent, start, end, 25, 30)
            if "official" in roles or speaker:
                for role in ("suspect", "victim"):
                    if role in roles and not ROLE_CUES[role].search(close):
                        roles.remove(role)
            age = None
            am = _AGE_AFTER.match(sent.text[end - sent.start :])
            if am:
                age = int(am.group("age"))
            else:
                bm = _AGE_BEFORE.search(sent.text[: start - sent.start])
                if bm:
                    age = int(bm.group("age"))
            nationality = None
            nm = _NATIONALITY.search(_window(sent, start, end, 0, 120))
            if nm:
                raw = nm.group("c1") or nm.group("c2")
                nationality = _DEMONYMS.get(raw, raw)
            if not roles:
                continue
            facts.append(
                make_fact(
                    doc,
                    "person",
                    {
                        "name": name,
                        "roles": sorted(set(roles)),
                        "age": age,
                        "nationality": nationality,
                    },
                    sent.start,
                    sent.end,
                    "rules.people",
                    confidence=0.7,
                )
            )
    return facts
