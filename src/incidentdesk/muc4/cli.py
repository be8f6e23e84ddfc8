"""`incidentdesk muc4 ...`: predict, evaluate and train on MUC-4."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from incidentdesk.muc4.data import (
    DataMissingError,
    Record,
    iter_jsonl,
    load_split,
    read_jsonl,
)
from incidentdesk.muc4.model import DEFAULT_MODEL

app = typer.Typer(help="MUC-4 document-level event extraction.", no_args_is_help=True)

DataOpt = Annotated[
    Path | None,
    typer.Option("--data", help="MUC-4 data dir (default: $INCIDENTDESK_MUC4 or ../shared)."),
]
ModelOpt = Annotated[Path, typer.Option("--model", help="Trained model directory.")]


def _fail(msg: str) -> None:
    Console(stderr=True).print(f"[red]error:[/red] {msg}")
    raise typer.Exit(2)


def _load(split: str, data: Path | None) -> list[Record]:
    try:
        return load_split(split, data)
    except DataMissingError as exc:
        _fail(str(exc))
        raise  # unreachable


@app.command()
def predict(
    infile: Annotated[Path, typer.Argument(help="jsonl with id, header, text per line.")],
    out: Annotated[Path | None, typer.Option("--out", help="Write here, not stdout.")] = None,
    model: ModelOpt = DEFAULT_MODEL,
) -> None:
    """Write one {"id", "templates"} line per input line."""
    from incidentdesk.muc4.predict import Predictor

    if not infile.is_file():
        _fail(f"no such file: {infile}")
    predictor = Predictor(model)
    fh = out.open("w", encoding="utf-8") if out else sys.stdout
    try:
        for rec in predictor.predict_stream(iter_jsonl(infile)):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    finally:
        if out:
            fh.close()


def _prf_row(table: Table, name: str, d: dict[str, Any]) -> None:
    table.add_row(
        name,
        f"{d['p']:.1f}",
        f"{d['r']:.1f}",
        f"{d['f1']:.1f}",
        f"{d['correct']}/{d['predicted']}",
        f"{d['found']}/{d['gold']}",
    )


def render(report: dict[str, Any], console: Console) -> None:
    ents = report["entities"]
    table = Table(title=f"MUC-4 role-filler entities ({report['messages']} messages)")
    for col in ("role", "P", "R", "F1", "correct/pred", "found/gold"):
        table.add_column(col, justify="left" if col == "role" else "right")
    for role, d in ents["per_role"].items():
        _prf_row(table, role, d)
    table.add_section()
    _prf_row(table, "micro", ents["micro"])
    console.print(table)
    tmpl = report["templates"]
    other = Table(title="Templates (paired with gold templates by overlap)")
    for col in ("score", "value", "detail"):
        other.add_column(col, justify="left" if col != "value" else "right")
    for key, d in tmpl.items():
        if "rate" in d:
            other.add_row(key, f"{d['rate']:.1f}%", f"{d['hits']}/{d['total']}")
        else:
            other.add_row(
                key + " F1",
                f"{d['f1']:.1f}",
                f"P {d['p']:.1f} R {d['r']:.1f} ({d['correct']}/{d['predicted']}, "
                f"{d['found']}/{d['gold']})",
            )
    console.print(other)


@app.command()
def evaluate(
    split: Annotated[str, typer.Option("--split", help="dev or train.")] = "dev",
    predictions: Annotated[
        Path | None, typer.Option("--predictions", help="Score this file, don't predict.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    worst: Annotated[int, typer.Option("--worst", help="Also list the N worst messages.")] = 0,
    data: DataOpt = None,
    model: ModelOpt = DEFAULT_MODEL,
) -> None:
    """Score predictions (made now unless --predictions) against a split's keys."""
    from incidentdesk.muc4.scorer import evaluate as score

    if split not in ("dev", "train"):
        _fail("--split must be dev or train (the test split is held out)")
    gold = _load(split, data)
    started = time.time()
    if predictions is not None:
        preds = read_jsonl(predictions)
    else:
        from incidentdesk.muc4.predict import Predictor

        preds = Predictor(model).predict(gold)
    seconds = time.time() - started
    report = score(gold, preds)
    per_message = report.pop("per_message")
    if worst:
        ranked = sorted(
            per_message.items(),
            key=lambda kv: (
                (kv[1]["found"] - kv[1]["gold"]) - (kv[1]["predicted"] - kv[1]["correct"])
            ),
        )
        report["worst"] = [{"id": k, **v} for k, v in ranked[:worst]]
    if as_json:
        typer.echo(json.dumps(report, indent=2))
        return
    console = Console()
    render(report, console)
    if predictions is None:
        console.print(f"predicted {len(gold)} messages in {seconds:.1f}s")
    for row in report.get("worst", []):
        console.print(
            f"{row['id']}: missed {row['gold'] - row['found']}/{row['gold']}, "
            f"wrong {row['predicted'] - row['correct']}/{row['predicted']}"
        )


@app.command()
def train(
    out: Annotated[Path, typer.Option("--out", help="Where to write the model.")],
    seed: Annotated[int, typer.Option("--seed")] = 0,
    limit: Annotated[int | None, typer.Option("--limit", help="Use the first N reports.")] = None,
    epochs: Annotated[int | None, typer.Option("--epochs")] = None,
    encoder_epochs: Annotated[
        int,
        typer.Option(
            "--encoder-epochs",
            help="Also fine-tune the MiniLM role tagger for this many epochs (experimental: "
            "about 12 min per epoch on 2 cores; it then gives the tag probabilities). 0: off.",
            min=0,
        ),
    ] = 0,
    data: DataOpt = None,
) -> None:
    """Train on train.jsonl (tagger, out-of-fold rescorer, thresholds) into a model dir."""
    from incidentdesk.muc4.fit import fit

    records = _load("train", data)
    if limit is not None:
        records = records[:limit]
    info = fit(
        records, out, seed=seed, epochs=epochs, encoder_epochs=encoder_epochs, log=typer.echo
    )
    typer.echo(f"trained on {len(records)} reports in {info['seconds']}s -> {out}")
