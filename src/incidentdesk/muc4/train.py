"""Training the role tagger: a spaCy tagger over BIO role tags on a CNN tok2vec."""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.training import Example
from thinc.api import fix_random_seed

from incidentdesk.muc4.data import Record
from incidentdesk.muc4.labels import PIPE, RELEVANCE, TAGS, bio_tags, gold_spans, make_doc

#: Training settings of the committed model (`make train-muc4`).
DEFAULTS: dict[str, Any] = {
    "epochs": 8,
    "batch_size": 8,
    "dropout": 0.2,
    "learn_rate": 0.002,
    "width": 128,
    "depth": 4,
    "window": 2,
}


def tagger_config(width: int = 128, depth: int = 4, window: int = 2) -> dict[str, Any]:
    """The model: hashed embeddings of the case-folded token, a CNN, a softmax over tags."""
    return {
        "@architectures": "spacy.Tagger.v2",
        "nO": None,
        "normalize": False,
        "tok2vec": {
            "@architectures": "spacy.Tok2Vec.v2",
            "embed": {
                "@architectures": "spacy.MultiHashEmbed.v2",
                "width": width,
                "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
                "rows": [10000, 2500, 2500, 500],
                "include_static_vectors": False,
            },
            "encode": {
                "@architectures": "spacy.MaxoutWindowEncoder.v2",
                "width": width,
                "depth": depth,
                "window_size": window,
                "maxout_pieces": 3,
            },
        },
    }


def relevance_config() -> dict[str, Any]:
    """Bag-of-ngrams classifier: does the message report a qualifying incident?"""
    return {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": True,
        "ngram_size": 2,
        "no_output_layer": False,
        "length": 262144,
    }


def build_nlp(width: int = 128, depth: int = 4, window: int = 2) -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("tagger", name=PIPE, config={"model": tagger_config(width, depth, window)})
    nlp.add_pipe("textcat", name=RELEVANCE, config={"model": relevance_config()})
    return nlp


def make_examples(nlp: Language, records: Sequence[Record]) -> list[Example]:
    examples: list[Example] = []
    for rec in records:
        doc = make_doc(nlp, rec["text"])
        tags = bio_tags(len(doc), gold_spans(doc, rec))
        relevant = 1.0 if rec.get("templates") else 0.0
        cats = {"RELEVANT": relevant, "IRRELEVANT": 1.0 - relevant}
        examples.append(Example.from_dict(doc, {"tags": tags, "cats": cats}))
    return examples


def train(
    records: Sequence[Record],
    out: Path,
    *,
    seed: int = 0,
    epochs: int = 12,
    batch_size: int = 8,
    dropout: float = 0.2,
    learn_rate: float = 0.002,
    width: int = 128,
    depth: int = 4,
    window: int = 2,
    log: Callable[[str], None] = print,
    on_epoch: Callable[[int, Language], None] | None = None,
) -> dict[str, Any]:
    """Train on ``records`` and write a spaCy pipeline to ``out``; returns training info."""
    started = time.time()
    fix_random_seed(seed)
    rng = random.Random(seed)
    nlp = build_nlp(width, depth, window)
    examples = make_examples(nlp, records)
    tagger: Any = nlp.get_pipe(PIPE)
    for tag in TAGS:
        tagger.add_label(tag)
    textcat: Any = nlp.get_pipe(RELEVANCE)
    for label in ("RELEVANT", "IRRELEVANT"):
        textcat.add_label(label)
    optimizer = nlp.initialize(lambda: examples)
    optimizer.learn_rate = learn_rate
    order = list(range(len(examples)))
    history: list[dict[str, float]] = []
    for epoch in range(epochs):
        rng.shuffle(order)
        losses: dict[str, float] = {}
        for k in range(0, len(order), batch_size):
            batch = [examples[i] for i in order[k : k + batch_size]]
            nlp.update(batch, drop=dropout, sgd=optimizer, losses=losses)
        loss = float(losses.get(PIPE, 0.0))
        rel_loss = float(losses.get(RELEVANCE, 0.0))
        history.append({"epoch": epoch + 1, "loss": round(loss, 3), "relevance_loss": rel_loss})
        log(
            f"epoch {epoch + 1}/{epochs} loss {loss:.2f} relevance {rel_loss:.2f} "
            f"({time.time() - started:.0f}s)"
        )
        if on_epoch is not None:
            on_epoch(epoch + 1, nlp)
    out.mkdir(parents=True, exist_ok=True)
    with nlp.use_params(optimizer.averages):
        nlp.to_disk(out)
    info = {
        "seed": seed,
        "epochs": epochs,
        "documents": len(records),
        "batch_size": batch_size,
        "dropout": dropout,
        "learn_rate": learn_rate,
        "width": width,
        "depth": depth,
        "window": window,
        "seconds": round(time.time() - started, 1),
        "history": history,
    }
    (out / "training.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return info
