from __future__ import annotations

import pytest

from incidentdesk.muc4.model import DEFAULT_MODEL
from incidentdesk.muc4.roles import RoleSpan, tag_roles

pytestmark = pytest.mark.skipif(
    not (DEFAULT_MODEL / "config.cfg").is_file(), reason="no committed model"
)

SENTENCE = (
    "Gunmen from the Shining Path killed the mayor of Villa Rica, Pedro Quispe, "
    "with machine guns on Tuesday night."
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
    assert any("shining path" in t for t in roles.get("perp_organization", set())), roles
    assert any("machine gun" in t for t in roles.get("weapon", set())), roles
    assert any("gunmen" in t for t in roles.get("perp_individual", set())), roles


def test_case_does_not_matter() -> None:
    def key(text: str) -> list[tuple[int, int, str]]:
        return [(s.start, s.end, s.role) for s in tag_roles(text)]

    assert key(SENTENCE) == key(SENTENCE.upper()) == key(SENTENCE.lower())


def test_empty_text() -> None:
    assert tag_roles("") == []
    assert tag_roles("   ") == []
