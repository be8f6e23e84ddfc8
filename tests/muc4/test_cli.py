from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from incidentdesk.muc4.cli import app
from incidentdesk.muc4.data import read_jsonl
from incidentdesk.muc4.model import DEFAULT_MODEL, RoleTagger

runner = CliRunner()


def test_train_smoke(muc4_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "model"
    result = runner.invoke(
        app,
        [
            "train",
            "--out",
            str(out),
            "--seed",
            "0",
            "--limit",
            "8",
            "--epochs",
            "1",
            "--data",
            str(muc4_dir),
        ],
    )
    assert result.exit_code == 0, result.output
    assert (out / "config.cfg").is_file()
    assert (out / "places.json").is_file()
    tagger = RoleTagger(out)
    tagged = tagger.probabilities(["GUERRILLAS KILLED THE MAYOR."])[0]
    assert tagged.probs.shape == (len(tagged.offsets), 11)
    assert 0.0 <= tagged.relevance <= 1.0
    # The trained model predicts on raw records too.
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "X", "header": "LIMA, 3 JAN 90 -- [TEXT]", "text": "GUERRILLAS KILLED."})
        + "\n"
    )
    result = runner.invoke(app, ["predict", str(src), "--model", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["id"] == "X"


def test_train_smoke_with_the_minilm_tagger(muc4_dir: Path, tmp_path: Path) -> None:
    """``--encoder-epochs`` fine-tunes MiniLM after the recipe; the tagger then reads with it."""
    out = tmp_path / "model"
    args = ["train", "--out", str(out), "--limit", "4", "--epochs", "1", "--encoder-epochs", "1"]
    result = runner.invoke(app, [*args, "--data", str(muc4_dir)])
    assert result.exit_code == 0, result.output
    assert (out / "transformer" / "weights.safetensors").is_file()
    info = json.loads((out / "transformer" / "training.json").read_text())
    assert info["documents"] == 4 and info["windows"] >= 4
    tagger = RoleTagger(out)
    assert tagger.encoder is not None
    text = "guerrillas killed the mayor of the town with a car bomb."
    tagged = tagger.probabilities([text.upper(), text])
    assert tagged[0].probs.shape == (len(tagged[0].offsets), 11)
    assert np.allclose(tagged[0].probs.sum(axis=1), 1.0, atol=1e-4)
    assert np.allclose(tagged[0].probs, tagged[1].probs, atol=1e-5)  # case does not matter


def test_predict_three_dev_reports(muc4_dir: Path, tmp_path: Path) -> None:
    if not (DEFAULT_MODEL / "config.cfg").is_file():
        pytest.skip("no committed model")
    src = tmp_path / "in.jsonl"
    records = read_jsonl(muc4_dir / "dev.jsonl")[:3]
    src.write_text(
        "".join(json.dumps({k: r[k] for k in ("id", "header", "text")}) + "\n" for r in records)
    )
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["predict", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [x["id"] for x in lines] == [r["id"] for r in records]
    for line in lines:
        assert isinstance(line["templates"], list)
        for t in line["templates"]:
            assert t["incident_type"] in {
                "ATTACK",
                "BOMBING",
                "KIDNAPPING",
                "ARSON",
                "ROBBERY",
                "FORCED WORK STOPPAGE",
            }
            for role in (
                "perp_individual",
                "perp_organization",
                "phys_target",
                "hum_target_name",
                "instrument_id",
            ):
                assert all(isinstance(s, str) and s for s in t[role])


def test_evaluate_predictions_file(muc4_dir: Path, tmp_path: Path) -> None:
    gold = muc4_dir / "dev.jsonl"
    result = runner.invoke(
        app,
        [
            "evaluate",
            "--split",
            "dev",
            "--predictions",
            str(gold),
            "--data",
            str(muc4_dir),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["entities"]["micro"]["f1"] == 100.0
    result = runner.invoke(
        app, ["evaluate", "--split", "dev", "--predictions", str(gold), "--data", str(muc4_dir)]
    )
    assert result.exit_code == 0
    assert "PerpOrg" in result.output


def test_missing_data_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate", "--split", "dev", "--data", str(tmp_path)])
    assert result.exit_code == 2
    assert "not found" in result.output


def test_test_split_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate", "--split", "test", "--data", str(tmp_path)])
    assert result.exit_code == 2


def test_encoder_weights_round_trip_as_int8_differences() -> None:
    torch = pytest.importorskip("torch")
    from incidentdesk.muc4.transformer import SCALE, dequantize, quantize

    gen = torch.Generator().manual_seed(0)
    base = {"w": torch.randn(6, 8, generator=gen), "b": torch.randn(8, generator=gen)}
    trained = {"w": base["w"] + 0.01 * torch.randn(6, 8, generator=gen), "b": base["b"] + 0.5}
    stored = quantize(trained, base)
    assert stored["w"].dtype == torch.int8 and stored["b"].dtype == torch.float16
    assert set(stored) == {"w", "w" + SCALE, "b"}
    back = dequantize(stored, base)
    change = (trained["w"] - base["w"]).abs().amax(dim=1, keepdim=True)
    assert ((back["w"] - trained["w"]).abs() <= change / 127 / 2 + 1e-6).all()
    assert torch.allclose(back["b"], trained["b"], atol=1e-2)
    assert not torch.allclose(back["w"], base["w"])
