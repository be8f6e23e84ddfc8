"""Loading the trained role tagger and reading role mentions with scores off a text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import spacy
from spacy.language import Language

from incidentdesk.muc4.labels import PIPE, RELEVANCE, ROLE_TAG, make_doc

DEFAULT_MODEL = Path(__file__).resolve().parent / "model"


@dataclass(frozen=True)
class Mention:
    """A tagged mention: character offsets into the text, role, mean token probability."""

    start: int
    end: int
    text: str
    role: str
    score: float
    token: int  # index of the first token


@dataclass(frozen=True)
class Tagged:
    """The model's reading of one text."""

    offsets: list[tuple[int, int]]  # character offsets of the tokens
    probs: np.ndarray  # (tokens x tags) probabilities
    relevance: float  # probability that the text reports a qualifying incident


class RoleTagger:
    """The trained tagger plus span decoding."""

    def __init__(self, path: Path = DEFAULT_MODEL) -> None:
        if not (path / "config.cfg").is_file():
            raise FileNotFoundError(
                f"no trained MUC-4 model at {path}; run `make train-muc4` "
                "or `incidentdesk muc4 train --out DIR`"
            )
        self.path = path
        self.nlp: Language = spacy.load(path)
        tagger: Any = self.nlp.get_pipe(PIPE)
        labels: Sequence[str] = tagger.labels
        self.model: Any = tagger.model
        self.o_index = labels.index("O")
        self.roles = list(ROLE_TAG)
        self.b_index = [labels.index(f"B-{ROLE_TAG[r]}") for r in self.roles]
        self.i_index = [labels.index(f"I-{ROLE_TAG[r]}") for r in self.roles]
        self.textcat: Any = (
            self.nlp.get_pipe(RELEVANCE) if RELEVANCE in self.nlp.pipe_names else None
        )
        self.n_tags = len(labels)

    def probabilities(self, texts: Sequence[str]) -> list[Tagged]:
        """Per text: token offsets, tag probabilities and relevance."""
        docs = [make_doc(self.nlp, t) for t in texts]
        nonempty = [d for d in docs if len(d)]
        scores = iter(self.model.predict(nonempty) if nonempty else [])
        rel: list[float] = [1.0] * len(nonempty)
        if self.textcat is not None and nonempty:
            cats: Any = np.asarray(self.textcat.model.predict(nonempty))
            rel = [float(x) for x in cats[:, list(self.textcat.labels).index("RELEVANT")]]
        rel_it = iter(rel)
        out: list[Tagged] = []
        for d in docs:
            offsets = [(t.idx, t.idx + len(t.text)) for t in d]
            if len(d):
                out.append(Tagged(offsets, np.asarray(next(scores)), next(rel_it)))
            else:
                out.append(Tagged(offsets, np.zeros((0, self.n_tags), dtype="f"), 0.0))
        return out

    def decode(
        self,
        text: str,
        offsets: Sequence[tuple[int, int]],
        probs: np.ndarray,
        threshold: float = 0.5,
    ) -> list[Mention]:
        """Spans of consecutive tokens whose best role has probability >= ``threshold``."""
        if not len(offsets):
            return []
        b = probs[:, self.b_index]
        i = probs[:, self.i_index]
        role_p = b + i
        best = role_p.argmax(axis=1)
        best_p = role_p[np.arange(len(offsets)), best]
        mentions: list[Mention] = []
        cur_start = -1
        cur_role = -1
        cur_scores: list[float] = []

        def close(end_tok: int) -> None:
            if cur_start >= 0:
                a, z = offsets[cur_start][0], offsets[end_tok - 1][1]
                mentions.append(
                    Mention(
                        a,
                        z,
                        text[a:z],
                        self.roles[cur_role],
                        float(np.mean(cur_scores)),
                        cur_start,
                    )
                )

        for t in range(len(offsets)):
            r = int(best[t]) if best_p[t] >= threshold else -1
            starts_new = r >= 0 and (r != cur_role or b[t, r] > i[t, r])
            if r < 0 or starts_new:
                close(t)
                cur_start, cur_role, cur_scores = -1, -1, []
            if r >= 0:
                if cur_start < 0:
                    cur_start, cur_role = t, r
                cur_scores.append(float(best_p[t]))
        close(len(offsets))
        return mentions


@lru_cache(maxsize=4)
def load(path: Path = DEFAULT_MODEL) -> RoleTagger:
    """The tagger at ``path``, loaded once per process."""
    return RoleTagger(path)
