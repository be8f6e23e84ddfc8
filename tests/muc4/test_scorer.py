from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from incidentdesk.muc4.data import read_jsonl
from incidentdesk.muc4.normalize import normalize
from incidentdesk.muc4.scorer import evaluate, score_entities


def _msg(text: str, **roles: Any) -> dict[str, Any]:
    template: dict[str, Any] = {"optional": False, "incident_type": "ATTACK"}
    template.update(roles)
    return {"id": "M1", "text": text, "templates": [template]}


def _f(gold: dict[str, Any], pred_roles: dict[str, Any], n_templates: int = 1) -> Any:
    pred = {"id": gold["id"], "templates": [dict(pred_roles) for _ in range(n_templates)]}
    return score_entities([gold], {gold["id"]: pred}).total


def test_normalize() -> None:
    assert normalize('The "SANTO TOMAS"  Farm, a house') == "santo tomas farm house"
    assert normalize("THE ARCE-BATTALION") == "arcebattalion"


def test_alternatives_any_string_counts() -> None:
    gold = _msg(
        "THE FARABUNDO MARTI NATIONAL LIBERATION FRONT (FMLN) ATTACKED.",
        perp_organization=[["FARABUNDO MARTI NATIONAL LIBERATION FRONT", "FMLN"]],
    )
    for guess in ("FMLN", "the fmln", "Farabundo Marti National Liberation Front"):
        s = _f(gold, {"perp_organization": [guess]})
        assert (s.correct, s.predicted, s.found, s.gold) == (1, 1, 1, 1)
    # A list of strings is one entity: every string must be correct.
    s = _f(gold, {"perp_organization": [["FMLN", "FARABUNDO MARTI NATIONAL LIBERATION FRONT"]]})
    assert (s.correct, s.predicted) == (1, 1)
    s = _f(gold, {"perp_organization": [["FMLN", "URNG"]]})
    assert (s.correct, s.predicted, s.found) == (0, 1, 0)


def test_second_string_and_duplicates_are_wrong() -> None:
    gold = _msg(
        "THE FARABUNDO MARTI NATIONAL LIBERATION FRONT (FMLN) ATTACKED.",
        perp_organization=[["FARABUNDO MARTI NATIONAL LIBERATION FRONT", "FMLN"]],
    )
    s = _f(gold, {"perp_organization": ["FMLN", "FARABUNDO MARTI NATIONAL LIBERATION FRONT"]})
    assert (s.correct, s.predicted, s.found, s.gold) == (1, 2, 1, 1)
    s = _f(gold, {"perp_organization": ["FMLN", "FMLN"]})
    assert (s.correct, s.predicted) == (1, 2)
    # The same entity in two predicted templates of one message counts once.
    s = _f(gold, {"perp_organization": ["FMLN"]}, n_templates=2)
    assert (s.correct, s.predicted) == (1, 1)


def test_optional_entity_absent_from_text() -> None:
    gold = _msg(
        "URBAN GUERRILLAS BOMBED THE EMBASSY.",
        perp_individual=[["URBAN GUERRILLAS"], ["TERRORIST COMMANDO"]],
    )
    # Missing the absent entity costs nothing.
    s = _f(gold, {"perp_individual": ["URBAN GUERRILLAS"]})
    assert (s.correct, s.predicted, s.found, s.gold) == (1, 1, 1, 1)
    # Predicting it is not counted wrong.
    s = _f(gold, {"perp_individual": ["URBAN GUERRILLAS", "TERRORIST COMMANDO"]})
    assert (s.correct, s.predicted, s.found, s.gold) == (1, 1, 1, 1)


def test_brackets_read_as_parentheses() -> None:
    gold = _msg("[PEDRO PEREZ] SAID GUNMEN KILLED JUAN.", hum_target_name=[["(PEDRO PEREZ)"]])
    s = _f(gold, {})
    assert s.gold == 1


def test_one_to_one_maximal_alignment() -> None:
    # "GUERRILLAS" fits both gold entities, "URBAN GUERRILLAS" only the first: the maximal
    # alignment pairs "GUERRILLAS" with the second entity and finds both.
    gold = _msg(
        "URBAN GUERRILLAS AND GUERRILLAS OF THE COMMANDO ATTACKED.",
        perp_individual=[["URBAN GUERRILLAS", "GUERRILLAS"], ["COMMANDO", "GUERRILLAS"]],
    )
    s = _f(gold, {"perp_individual": ["GUERRILLAS", "URBAN GUERRILLAS"]})
    assert (s.correct, s.predicted, s.found, s.gold) == (2, 2, 2, 2)


def test_union_over_templates_subset_superset() -> None:
    gold = {
        "id": "M1",
        "text": "GUERRILLAS OF THE GUERRILLA COLUMN KILLED PEDRO.",
        "templates": [
            {"perp_individual": [["GUERRILLA COLUMN", "GUERRILLAS"]]},
            {"perp_individual": [["GUERRILLAS"]]},
        ],
    }
    s = _f(gold, {"perp_individual": ["GUERRILLAS"]})
    assert (s.correct, s.predicted, s.found, s.gold) == (1, 1, 1, 1)


def test_per_role_and_empty() -> None:
    gold = _msg(
        "GUNMEN KILLED PEDRO WITH A RIFLE.", hum_target_name=[["PEDRO"]], instrument_id=[["RIFLE"]]
    )
    report = evaluate([gold], [])
    assert report["entities"]["micro"]["f1"] == 0.0
    report = evaluate([gold], [{"id": "M1", "templates": [{"instrument_id": ["RIFLE"]}]}])
    assert report["entities"]["per_role"]["Weapon"]["f1"] == 100.0
    assert report["entities"]["per_role"]["Victim"]["r"] == 0.0
    assert report["entities"]["micro"]["p"] == 100.0
    assert report["entities"]["micro"]["r"] == 50.0


def test_template_scores_on_handmade_case() -> None:
    gold = {
        "id": "M1",
        "text": "GUNMEN KILLED PEDRO IN LIMA.",
        "templates": [
            {
                "optional": False,
                "incident_type": "ATTACK",
                "date": "02 FEB 90",
                "location": "PERU: LIMA (CITY)",
                "hum_target_name": [["PEDRO"]],
                "hum_target_effect": [{"effect": "DEATH", "target": "PEDRO"}],
                "alternatives": {"incident_type": ["ATTACK", "BOMBING"]},
            }
        ],
    }
    pred = {
        "id": "M1",
        "templates": [
            {
                "incident_type": "BOMBING",
                "date": "02 FEB 90",
                "location": "PERU",
                "hum_target_name": ["PEDRO"],
                "hum_target_effect": ["DEATH"],
            }
        ],
    }
    t = evaluate([gold], [pred])["templates"]
    assert t["incident_type_accuracy"]["rate"] == 100.0
    assert t["date_exact"]["rate"] == 100.0
    assert t["location_exact"]["rate"] == 0.0
    assert t["location_country"]["rate"] == 100.0
    assert t["hum_effect"]["f1"] == 100.0
    assert t["hum_effect_with_target"]["f1"] == 0.0


@pytest.mark.parametrize("split", ["dev", "train"])
def test_gold_against_itself_is_100(muc4_dir: Path, split: str) -> None:
    gold = read_jsonl(muc4_dir / f"{split}.jsonl")
    report = evaluate(gold, gold)
    micro = report["entities"]["micro"]
    assert micro["f1"] == 100.0
    if split == "dev":
        assert micro["gold"] == 475  # the README's count of required dev entities
    for role in report["entities"]["per_role"].values():
        assert role["f1"] == 100.0
    t = report["templates"]
    assert t["incident_type_accuracy"]["rate"] == 100.0
    assert t["date_exact"]["rate"] == 100.0
    assert t["location_exact"]["rate"] == 100.0
    empty = evaluate(gold, [])
    assert empty["entities"]["micro"]["f1"] == 0.0
    assert empty["entities"]["micro"]["r"] == 0.0
