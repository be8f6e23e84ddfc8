"""Role facts from the MUC-4 model: perpetrators, victims, targets and weapons.

The model (``incidentdesk.muc4.roles.tag_roles``, loaded once per process) reads each document
once, in windows of whole paragraphs (it was trained on ~2,000-character messages, and its cost
grows faster than the text). Each confident span becomes a fact of the sentence that holds it:

* ``weapon`` / ``target``: the vocabulary label of the span's head ("car bomb" -> explosive device);
* ``perpetrator_org``: the organisation's name (an acronym expanded);
* ``person`` with role ``suspect`` (a named perpetrator) or ``victim`` (a named victim, in a
  sentence that reports harm).

How they meet the rules' facts (rules first, the model fills their gaps and, when very sure,
settles who is a victim and who a suspect) is ``role_merge``; benchmarks/muc4.md, "In the main
pipeline", gives the reasons and the figures. Background sentences are skipped, as by every
extractor. ``INCIDENTDESK_ROLE_MODEL=0`` switches the model off.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Iterator

from incidentdesk.annotate.pipeline import AnnotatedDoc, Sentence
from incidentdesk.extract.background import refers_to
from incidentdesk.extract.facts import make_fact
from incidentdesk.extract.role_merge import EXTRACTOR, merge
from incidentdesk.extract.role_values import (
    is_speaker,
    organisation_name,
    person_name,
    target_label,
    weapon_label,
)
from incidentdesk.model import Fact, FactField
from incidentdesk.muc4.model import DEFAULT_MODEL
from incidentdesk.muc4.roles import RoleSpan, tag_roles

ENV_SWITCH = "INCIDENTDESK_ROLE_MODEL"
# A span's own probability must reach its role's threshold (chosen on MUC-4 dev mention
# precision; see benchmarks/muc4.md, "In the main pipeline").
THRESHOLDS: dict[str, float] = {
    "perp_individual": 0.5,
    "perp_organization": 0.5,
    "phys_target": 0.5,
    "victim": 0.65,
    "weapon": 0.5,
}
WINDOW_CHARS = 2500
HARM = re.compile(
    r"\b(?:kill\w*|dead|died|die|death|wound\w*|injur\w*|hurt|shot|murder\w*|stabb\w*|"
    r"kidnap\w*|abduct\w*|hostages?|assassinat\w*|victims?|bod(?:y|ies)|lives)\b",
    re.IGNORECASE,
)


def model_enabled() -> bool:
    """Whether the role model runs: on unless ``INCIDENTDESK_ROLE_MODEL=0``, and if installed."""
    off = os.environ.get(ENV_SWITCH, "1").strip().lower() in {"0", "false", "no", "off"}
    return not off and (DEFAULT_MODEL / "config.cfg").is_file()


def _main_paragraphs(doc: AnnotatedDoc) -> dict[int, tuple[int, int, str]]:
    """paragraph -> (start, end, section), from its first sentence about the main incident."""
    paragraphs: dict[int, tuple[int, int, str]] = {}
    for sent in doc.sentences:
        if sent.paragraph in paragraphs:
            start, _end, section = paragraphs[sent.paragraph]
            paragraphs[sent.paragraph] = (start, sent.end, section)
        elif refers_to(doc, sent) == "main":
            paragraphs[sent.paragraph] = (sent.start, sent.end, sent.section)
    return paragraphs


def windows(doc: AnnotatedDoc, size: int = WINDOW_CHARS) -> list[tuple[int, int]]:
    """(start, end) of runs of consecutive paragraphs of one section, up to ``size`` characters.

    Paragraphs with no sentence about the main incident are left out: nothing the model finds
    there becomes a fact, and the model's time grows with the text it reads.
    """
    out: list[tuple[int, int]] = []
    previous: tuple[int, str] | None = None
    for index, (start, end, section) in _main_paragraphs(doc).items():
        if out and previous == (index - 1, section) and end - out[-1][0] <= size:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
        previous = (index, section)
    return out


def role_spans(doc: AnnotatedDoc) -> list[RoleSpan]:
    """The model's role spans over the document, offsets into the stored text."""
    found: list[RoleSpan] = []
    for start, end in windows(doc):
        for sp in tag_roles(doc.text[start:end]):
            found.append(RoleSpan(sp.start + start, sp.end + start, sp.text, sp.role, sp.score))
    return found


def _sentence_of(doc: AnnotatedDoc, starts: list[int], sp: RoleSpan) -> Sentence | None:
    i = bisect_right(starts, sp.start) - 1
    if i < 0:
        return None
    sent = doc.sentences[i]
    return sent if sp.end <= sent.end else None


def _facts_of(doc: AnnotatedDoc, sp: RoleSpan, sent: Sentence) -> Iterator[Fact]:
    """The facts one span states, before the rules are consulted."""

    def fact(field: FactField, value: object) -> Fact:
        return make_fact(doc, field, value, sent.start, sent.end, EXTRACTOR, confidence=sp.score)

    if sp.role == "weapon" and (label := weapon_label(sp.text)):
        yield fact("weapon", label)
    elif sp.role == "phys_target" and (label := target_label(sp.text)):
        yield fact("target", label)
    elif sp.role == "perp_organization" and (org := organisation_name(doc, sp.text)):
        yield fact("perpetrator_org", org)
    elif sp.role in ("perp_individual", "victim"):
        named = person_name(sent, sp.start, sp.end, sp.text)
        if named is None or is_speaker(sent, named[0]):
            return
        if sp.role == "victim" and not HARM.search(sent.text):
            return
        role = "suspect" if sp.role == "perp_individual" else "victim"
        yield fact("person", {"name": named[2], "roles": [role], "age": None, "nationality": None})


def model_facts(doc: AnnotatedDoc) -> list[Fact]:
    """The model's own facts: confident spans in sentences about the main incident."""
    starts = [s.start for s in doc.sentences]
    author = (doc.source.document.author or "").lower()
    found: list[Fact] = []
    for sp in role_spans(doc):
        sent = _sentence_of(doc, starts, sp)
        if sp.score < THRESHOLDS[sp.role] or sent is None or refers_to(doc, sent) != "main":
            continue
        for f in _facts_of(doc, sp, sent):
            if not (f.field == "person" and author and f.value["name"].lower() in author):
                found.append(f)
    return found


def apply_role_model(doc: AnnotatedDoc, rule_facts: list[Fact]) -> list[Fact]:
    """The rules' facts of a document with the model's decisions merged in (module doc)."""
    if not model_enabled() or not doc.sentences:
        return rule_facts
    return merge(model_facts(doc), rule_facts)
