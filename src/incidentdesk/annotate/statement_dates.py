"""Whether a date in a sentence about an attack dates the attack or something else said of it.

"The Defence Ministry *today denied* the charges raised *yesterday* over the murder of ..." names
an attack and two days, and neither is the day of the attack: one dates a statement, the other
the charges. Two tests, either of which passes the date over:

* next to a verb of saying (``said today``, ``today charged that``): a look at the words around it;
* governed by a verb of saying or of another, non-violent happening (a statement was *made*, a
  mission *arrived*, judges *lifted* a strike), found in the dependency parse: the date's phrase
  hangs from that verb before it reaches an attack word, and the attack is not that verb's subject
  or object ("the attack *began* at 2100 on 15 January" still dates the attack).
"""

from __future__ import annotations

import re
from typing import Any

_REPORTING = (
    r"(?:said|says|reported|announced|stated|charged|told|declared|denied|confirmed|"
    r"acknowledged|added|explained|asserted|disclosed|revealed|called|offered|urged|demanded)"
)
_REPORTING_BEFORE = re.compile(rf"\b{_REPORTING}\s+(?:\w+\s+)?$", re.IGNORECASE)
_REPORTING_AFTER = re.compile(rf"^\s+(?:\w+\s+)?{_REPORTING}\b", re.IGNORECASE)

#: Lemmas of verbs of saying, and of the other happenings a report about an attack dates (visits,
#: meetings, arrest warrants issued, strikes lifted): a date they govern is not the attack's.
OTHER_EVENT_VERBS = frozenset(
    {
        # saying
        "say", "state", "report", "announce", "deny", "charge", "confirm", "declare", "tell",
        "accuse", "ask", "demand", "claim", "disclose", "reveal", "add", "explain", "assert",
        "urge", "call", "offer", "testify", "raise", "publish", "broadcast", "comment",
        "condemn", "blame", "allege", "insist", "indicate", "note", "warn", "acknowledge",
        "admit", "reject", "request", "express", "protest",
        # other happenings
        "issue", "make", "give", "hold", "present", "file", "send", "receive", "sign", "meet",
        "visit", "arrive", "return", "begin", "open", "lift",
    }
)  # fmt: skip
_CORE = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})
_MAX_STEPS = 12


def next_to_reporting_verb(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (a date) stands right next to a verb of saying."""
    before = text[max(0, start - 30) : start]
    after = text[end : end + 40]
    return bool(_REPORTING_BEFORE.search(before) or _REPORTING_AFTER.search(after))


def _root(tokens: list[Any]) -> Any:
    """The token of a phrase whose head lies outside it."""
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])


def governed_by_other_event(date_tokens: list[Any], attack_tokens: set[int]) -> bool:
    """Whether the parse hangs the date from a verb of saying or of another happening.

    Walks up from the date's phrase: an attack word met first (or no verb at all) means the date
    is the attack's; the first verb decides otherwise: one of ``OTHER_EVENT_VERBS`` takes the
    date, unless an attack word is that verb's subject or object.
    """
    if not date_tokens:
        return False
    start = token = _root(date_tokens)
    for _ in range(_MAX_STEPS):
        if token.i in attack_tokens:
            return False
        if token is not start and token.pos_ in ("VERB", "AUX"):
            core = any(c.i in attack_tokens for c in token.children if c.dep_ in _CORE)
            return not core and token.lemma_.lower() in OTHER_EVENT_VERBS
        if token.head.i == token.i:
            return False
        token = token.head
    return False
