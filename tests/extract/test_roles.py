"""The MUC-4 role model in fact extraction, on sentences written for these tests.

Each test says what the model adds to the rules, or where the rules win; the same text with
``INCIDENTDESK_ROLE_MODEL=0`` shows what the rules alone give, so every test can fail.
"""

from __future__ import annotations

import pytest

from incidentdesk.annotate.pipeline import AnnotatedDoc, annotate
from incidentdesk.extract import extract
from incidentdesk.extract import roles as roles_module
from incidentdesk.extract.role_values import organisation_name, target_label, weapon_label
from incidentdesk.extract.roles import ENV_SWITCH, WINDOW_CHARS, role_spans, windows
from incidentdesk.model import Document, Fact, SourceDocument, content_id
from incidentdesk.muc4.model import DEFAULT_MODEL
from incidentdesk.muc4.roles import RoleSpan
from incidentdesk.resolve.people import resolve_people

needs_model = pytest.mark.skipif(
    not (DEFAULT_MODEL / "config.cfg").is_file(), reason="no committed MUC-4 model"
)
MODEL = "muc4-model"


def _doc(text: str) -> AnnotatedDoc:
    document = Document(id=content_id(text), source="test", kind="news")
    return annotate(SourceDocument(document=document, text=text))


def _facts(text: str, monkeypatch: pytest.MonkeyPatch, model: bool = True) -> list[Fact]:
    monkeypatch.setenv(ENV_SWITCH, "1" if model else "0")
    return extract(_doc(text))[0]


def _by_model(facts: list[Fact]) -> list[Fact]:
    return [f for f in facts if MODEL in f.extractor]


def _sentence(text: str, fact: Fact) -> str:
    ev = fact.evidence
    assert text[ev.start : ev.end] == ev.text
    return ev.text


KIDNAP = "Urban guerrillas kidnapped businessman Andres Falcon in Lima."
BOMB = "A bomb planted by the Shining Path exploded at a bus stop in Lima."
DEVICE = "Police said the attackers had hidden a device under a seat of the bus."


@needs_model
def test_model_adds_victim_perpetrator_and_target(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n".join([KIDNAP, BOMB, DEVICE])
    facts = _facts(text, monkeypatch)
    added = {
        (f.field, str(f.value.get("name") if f.field == "person" else f.value)): f
        for f in _by_model(facts)
    }
    wanted = {
        ("person", "Andres Falcon"),
        ("perpetrator_org", "Shining Path"),
        ("target", "transport"),
    }
    # the hidden "device" is a weapon for the CNN tagger, not (above 0.5) for the MiniLM one
    assert wanted <= set(added) <= wanted | {("weapon", "explosive device")}, set(added)
    assert added[("person", "Andres Falcon")].value["roles"] == ["victim"]
    assert _sentence(text, added[("person", "Andres Falcon")]) == KIDNAP
    assert _sentence(text, added[("perpetrator_org", "Shining Path")]) == BOMB
    assert _sentence(text, added[("target", "transport")]) == DEVICE

    for f in added.values():
        assert 0.5 <= f.confidence <= 1.0 and f.refers_to == "main"
    # The rules alone read none of these: "device" and "bus" are not labels on their own.
    rules_only = _facts(text, monkeypatch, model=False)
    assert not _by_model(rules_only)
    assert {f.field for f in rules_only} & {"person", "perpetrator_org", "target"} == set()


def test_a_model_device_becomes_an_explosive_device(monkeypatch: pytest.MonkeyPatch) -> None:
    _given_spans(monkeypatch, DEVICE, [("a device", "weapon", 0.8)])
    weapons = [f for f in extract(_doc(DEVICE))[0] if f.field == "weapon"]
    assert [(f.value, f.extractor, f.evidence.text) for f in weapons] == [
        ("explosive device", "muc4-model", DEVICE)
    ]


@needs_model
def test_rules_label_is_not_stated_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    """The model also tags "bomb" in BOMB; the rules already state that label there."""
    facts = _facts(BOMB, monkeypatch)
    weapons = [f for f in facts if f.field == "weapon"]
    assert [(f.value, f.extractor) for f in weapons] == [("explosive device", "rules.vocabulary")]


@needs_model
def test_claimant_stays_a_claim(monkeypatch: pytest.MonkeyPatch) -> None:
    attack = (
        "FMLN urban commandos set off a car bomb outside the police station in San Isidro, "
        "wounding a guard."
    )
    alone = _facts(attack, monkeypatch)
    assert [f.value for f in alone if f.field == "perpetrator_org"] == ["FMLN"]
    claimed = _facts(attack + "\nThe FMLN claimed responsibility in a statement.", monkeypatch)
    assert [f.value for f in claimed if f.field == "claimed_by"] == ["FMLN"]
    assert not [f for f in claimed if f.field == "perpetrator_org"]


@needs_model
def test_official_killed_gets_both_roles(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Mayor Pedro Quispe of Villa Rica was shot dead by gunmen last night."
    facts = _facts(text, monkeypatch)
    people = resolve_people(facts)
    assert [(p.name, p.roles) for p in people] == [("Pedro Quispe", ["official", "victim"])]
    rules = resolve_people(_facts(text, monkeypatch, model=False))
    assert [(p.name, p.roles) for p in rules] == [("Pedro Quispe", ["official"])]


def _given_spans(
    monkeypatch: pytest.MonkeyPatch, text: str, spans: list[tuple[str, str, float]]
) -> None:
    """Make the model read ``spans`` (string, role, score) off ``text``, whatever model is
    committed: these tests are about the decision rule, not about one model's scores."""

    def fake(doc: AnnotatedDoc) -> list[RoleSpan]:
        out = []
        for string, role, score in spans:
            start = doc.text.index(string)
            out.append(RoleSpan(start, start + len(string), string, role, score))  # type: ignore[arg-type]
        return out

    monkeypatch.setattr(roles_module, "role_spans", fake)
    monkeypatch.setattr(roles_module, "model_enabled", lambda: True)


def test_confident_model_decides_victim_over_a_cue_word(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Unidentified gunmen murdered journalist Tomas Berrocal in Lima."
    rules = [f for f in _facts(text, monkeypatch, model=False) if f.field == "person"]
    assert [f.value["roles"] for f in rules] == [["suspect"]]  # "gunmen" near the name
    _given_spans(monkeypatch, text, [("Tomas Berrocal", "victim", 0.95)])
    merged = [f for f in extract(_doc(text))[0] if f.field == "person"]
    assert [(f.value["name"], f.value["roles"], f.extractor) for f in merged] == [
        ("Tomas Berrocal", ["victim"], "rules.people+muc4-model")
    ]
    _given_spans(monkeypatch, text, [("Tomas Berrocal", "victim", 0.8)])
    unsure = [f for f in extract(_doc(text))[0] if f.field == "person"]
    assert [f.value["roles"] for f in unsure] == [["suspect"]]  # below 0.9 the rules stand


def test_speaker_is_not_made_a_victim(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Ana Ruiz, a survivor of the bombing, said three people died."
    _given_spans(monkeypatch, text, [("Ana Ruiz", "victim", 0.97)])
    assert not [f for f in extract(_doc(text))[0] if f.field == "person"]
    named = "Gunmen shot dead Ana Ruiz in Lima."
    _given_spans(monkeypatch, named, [("Ana Ruiz", "victim", 0.97)])
    people = [f for f in extract(_doc(named))[0] if f.field == "person"]
    assert [f.value["roles"] for f in people] == [["victim"]]


@needs_model
def test_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not _by_model(_facts("\n".join([KIDNAP, BOMB, DEVICE]), monkeypatch, model=False))


@needs_model
def test_windows_cover_main_paragraphs_only() -> None:
    para = " ".join([KIDNAP, BOMB, DEVICE] * 3)
    body = "\n\n".join([para] * 6)
    text = f"{body}\n\n== Background ==\n\n{KIDNAP}\n"
    doc = _doc(text)
    found = windows(doc)
    background = text.index("== Background ==")
    assert len(found) == 2 and all(e - s <= WINDOW_CHARS for s, e in found)  # 6 x 600 chars
    for sent in doc.sentences:
        inside = any(s <= sent.start and sent.end <= e for s, e in found)
        assert inside == (sent.start < background)
    assert found[0][0] == 0 and found[-1][1] == len(body) and found[-1][1] < background
    assert all(a[1] < b[0] for a, b in zip(found, found[1:], strict=False))
    spans = role_spans(doc)
    assert spans and all(text[s.start : s.end] == s.text for s in spans)
    assert all(s.start < background for s in spans)


def test_labels_read_the_head_of_a_span() -> None:
    assert weapon_label("homemade explosive device") == "explosive device"
    assert weapon_label("device") == "explosive device"
    assert weapon_label("petrol bombs") == "incendiary device"
    assert weapon_label("sports bag") is None
    assert target_label("police station") == "police"
    assert target_label("bus") == "transport"
    assert target_label("primary school teacher") is None
    assert target_label("television station") is None


def test_organisation_names() -> None:
    doc = _doc("The Popular Liberation Front (PLF) denied it.")
    assert organisation_name(doc, "PLF") == "Popular Liberation Front"
    assert organisation_name(doc, "the Shining Path") == "Shining Path"
    assert organisation_name(doc, "urban commandos") is None
