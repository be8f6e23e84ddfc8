"""The decision rule between the role model's facts and the rules' facts of one document.

Rules first, the model fills their gaps and settles one kind of disagreement:

* a weapon, target or perpetrator organisation the rules already state in that sentence is not
  stated twice (a label enters the record when two sentences state it);
* an organisation the rules read as a claimant anywhere in the document stays a claim: the model,
  trained on keys that list claimants as perpetrators, does not make it a perpetrator;
* a person the rules name in the same sentence keeps the rules' roles; the model's role is added
  when compatible ("official" and "victim"), dropped when the rules disagree ("witness",
  "rescuer", "official" against "suspect"), except that a very confident model (``DECIDES``)
  overrules the rules' victim-or-suspect choice: their cue words ("gunmen" near a name) do not
  say who did what to whom, which is what the model was trained for.
"""

from __future__ import annotations

import re
import unicodedata

from incidentdesk.model import Fact

EXTRACTOR = "muc4-model"
DECIDES = 0.9
OPPOSITE = {"victim": "suspect", "suspect": "victim"}
CONTRADICTS: dict[str, frozenset[str]] = {
    "victim": frozenset({"suspect", "witness", "rescuer"}),
    "suspect": frozenset({"victim", "official", "witness", "rescuer"}),
}


def _norm(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).replace("–", "-").replace("—", "-")
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _same_person(a: Fact, b: Fact) -> bool:
    """Same sentence, and one name is the other or a part of it ("Berrocal", "Tomas Berrocal")."""
    if b.field != "person" or a.evidence.start != b.evidence.start:
        return False
    x, y = (set(_norm(str(f.value["name"])).split()) for f in (a, b))
    return bool(x and y) and (x <= y or y <= x)


def _place_person(f: Fact, facts: list[Fact]) -> bool:
    """Merge a model person fact into ``facts``; False when it is to be added as it is."""
    role = str(f.value["roles"][0])
    for i, rule in enumerate(facts):
        if not _same_person(f, rule):
            continue
        roles = set(rule.value.get("roles") or [])
        against = CONTRADICTS[role] & roles
        if role in roles:
            return True
        if not against:
            continue  # compatible roles ("official"): the model's role may go beside them
        if against == {OPPOSITE[role]} and f.confidence >= DECIDES:
            value = {**rule.value, "roles": sorted(roles - against | {role})}
            extractor = f"{rule.extractor}+{EXTRACTOR}"
            facts[i] = rule.model_copy(update={"value": value, "extractor": extractor})
        return True
    return False


def merge(model: list[Fact], rules: list[Fact]) -> list[Fact]:
    """The rules' facts, some with the model's role decision, then the model's new facts."""
    facts = list(rules)
    claimants = {_norm(str(f.value)) for f in rules if f.field == "claimed_by"}
    for f in model:
        if f.field == "person":
            if not _place_person(f, facts):
                facts.append(f)
            continue
        if f.field == "perpetrator_org" and _norm(str(f.value)) in claimants:
            continue
        if not any(
            r.field == f.field
            and r.evidence.start == f.evidence.start
            and _norm(str(r.value)) == _norm(str(f.value))
            for r in facts
        ):
            facts.append(f)
    return facts
