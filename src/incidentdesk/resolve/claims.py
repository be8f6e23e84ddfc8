"""Claims and denials grouped by what is claimed, with a status a reader can trust."""

from __future__ import annotations

from incidentdesk.model import Claim, Fact


def build_claims(facts: list[Fact]) -> list[Claim]:
    """Group claim facts by their proposition; responsibility claims become claims too."""
    claims: dict[str, Claim] = {}

    def claim_for(text: str) -> Claim:
        key = text.lower()
        if key not in claims:
            claims[key] = Claim(claim=text, status="asserted")
        return claims[key]

    for fact in facts:
        if fact.refers_to != "main":
            continue
        if fact.field == "claimed_by":
            c = claim_for(f"{fact.value} carried out the attack")
            if fact.value not in c.asserted_by:
                c.asserted_by.append(str(fact.value))
            c.evidence.append(fact.evidence)
        elif fact.field == "claim":
            c = claim_for(str(fact.value["claim"]))
            stance = fact.value["stance"]
            target = {
                "assert": c.asserted_by,
                "deny": c.denied_by,
                "support": c.supported_by,
                "finding-against": c.denied_by,
            }[stance]
            for speaker in fact.value["speakers"]:
                if speaker and speaker not in target:
                    target.append(speaker)
            if stance == "finding-against":
                c.status = "refuted by a later finding"
            c.evidence.append(fact.evidence)
    for c in claims.values():
        if c.status == "asserted" and c.denied_by:
            c.status = "disputed"
        elif c.status == "asserted" and c.supported_by:
            c.status = "supported"
    return sorted(claims.values(), key=lambda c: (-len(c.evidence), c.claim))
