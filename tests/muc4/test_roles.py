from __future__ import annotations

import pytest

from incidentdesk.muc4.model import DEFAULT_MODEL
from incidentdesk.muc4.roles import RoleSpan, tag_roles

pytestmark = pytest.mark.skipif(
    not (DEFAULT_MODEL / "config.cfg").is_file(), reason="no committed model"
)

SENTENCE = "Gunmen from the Shining Path killed the mayor of X with machine guns"
NAMED = (
    "Gunmen from the Shining Path killed the mayor of Villa Rica, Pedro Quispe, on Tuesday night."
)
BOMBING = (
    "Shining Path rebels set off a car bomb outside the police station in Lima on Monday, "
    "killing three officers."
)


def _by_role(spans: list[RoleSpan]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for s in spans:
        out.setdefault(s.role, set()).add(s.text.lower())
    return out


def test_mixed_case_sentence_gets_sensible_roles() -> None:
    spans = tag_roles(SENTENCE)
    for s in spans:
        assert SENTENCE[s.start : s.end] == s.text
        assert 0.0 <= s.score <= 1.0
    roles = _by_role(spans)
    assert roles.get("perp_organization") == {"shining path"}, roles
    assert roles.get("perp_individual") == {"gunmen"}, roles
    # "the mayor" is a description, not a name: no victim (names only, as in MUC-4 keys).
    # Known miss: "machine guns" (the 1989-90 wire copy writes MACHINEGUNS), see
    # benchmarks/muc4.md.
    assert "victim" not in roles, roles


def test_named_victim_and_bombing() -> None:
    roles = _by_role(tag_roles(NAMED))
    assert roles.get("victim") == {"pedro quispe"}, roles
    assert "shining path" in roles.get("perp_organization", set()), roles
    roles = _by_role(tag_roles(BOMBING))
    assert roles.get("weapon") == {"car bomb"}, roles
    assert roles.get("phys_target") == {"police station"}, roles
    assert roles.get("perp_individual") == {"rebels"}, roles


def test_case_does_not_matter() -> None:
    def key(text: str) -> list[tuple[int, int, str]]:
        return [(s.start, s.end, s.role) for s in tag_roles(text)]

    for text in (SENTENCE, NAMED, BOMBING):
        assert key(text) == key(text.upper()) == key(text.lower())


def test_offsets_are_exact_on_unicode_and_punctuation() -> None:
    text = "«Gunmen» from the Shining Path — killed Pedro Quispe, said police."
    for s in tag_roles(text):
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip(" ,.;:—")


def test_empty_text() -> None:
    assert tag_roles("") == []
    assert tag_roles("   ") == []
