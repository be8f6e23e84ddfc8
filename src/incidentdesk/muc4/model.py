"""Loading the trained role tagger and reading role mentions with scores off a text."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import spacy
from spacy.language import Language

from incidentdesk.muc4.labels import PIPE, RELEVANCE, ROLE_TAG, TAGS, make_doc

DEFAULT_MODEL = Path(__file__).resolve().parent / "model"
SWITCH_PENALTY = 0.3
#: Hysteresis per role: names grow over weakly tagged neighbours ("MIGUEL MAZA" + "MARQUEZ").
EXTEND_THRESHOLD: dict[str, float] = {"hum_target_name": 0.1}


@dataclass(frozen=True)
class Mention:
    """A tagged mention: character offsets into the text, role, mean token probability."""

    start: int
    end: int
    text: str
    role: str
    score: float
    token: int  # index of the first token


def _softmax(logits: np.ndarray) -> np.ndarray:
    """Row-wise softmax: the tagger (normalize=False) returns raw scores at predict time."""
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    out: np.ndarray = e / e.sum(axis=1, keepdims=True)
    return out


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
        #: The fine-tuned MiniLM encoder (``muc4/transformer.py``) when the model has one: it
        #: then gives the tag probabilities and the spaCy tagger only the tokens.
        self.encoder: Any = None
        if (path / "transformer").is_dir():
            from incidentdesk.muc4.transformer import load_encoder

            self.encoder = load_encoder(path)
        self.tag_order = [TAGS.index(label) for label in labels]

    def probabilities(self, texts: Sequence[str]) -> list[Tagged]:
        """Per text: token offsets, tag probabilities and relevance."""
        docs = [make_doc(self.nlp, t) for t in texts]
        nonempty = [d for d in docs if len(d)]
        scores: Iterator[Any]
        if self.encoder is not None:
            scores = iter(
                np.log(np.clip(self.encoder.word_probs([t.text for t in d]), 1e-9, 1.0))[
                    :, self.tag_order
                ]
                for d in nonempty
            )
        else:
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
                out.append(Tagged(offsets, _softmax(np.asarray(next(scores))), next(rel_it)))
            else:
                out.append(Tagged(offsets, np.zeros((0, self.n_tags), dtype="f"), 0.0))
        return out

    def decode(
        self,
        text: str,
        offsets: Sequence[tuple[int, int]],
        probs: np.ndarray,
        threshold: float = 0.5,
        switch: float = SWITCH_PENALTY,
        extend: Mapping[str, float] = EXTEND_THRESHOLD,
    ) -> list[Mention]:
        """Role spans: a smoothed segmentation into O / role runs, split at strong B- tags.

        A Viterbi pass over the states O and one per role (emissions: p(O) and
        p(B-role) + p(I-role); ``switch`` is the log-penalty for changing state) keeps a
        span whole when one of its tokens wavers. ``threshold`` biases against O: at 0.5
        no bias, lower values let less certain spans in (recall over precision). A span of
        a role in ``extend`` then grows over neighbouring O tokens whose probability of
        that role is at least ``extend[role]`` (hysteresis).
        """
        n = len(offsets)
        if not n:
            return []
        b = probs[:, self.b_index]
        i = probs[:, self.i_index]
        role_p = b + i
        emit = np.log(np.clip(np.concatenate([probs[:, [self.o_index]], role_p], axis=1), 1e-9, 1))
        if 0.0 < threshold < 1.0:
            emit[:, 0] += float(np.log(threshold / (1.0 - threshold)))
        n_states = emit.shape[1]
        trans = np.full((n_states, n_states), -switch)
        np.fill_diagonal(trans, 0.0)
        score = emit[0].copy()
        back = np.zeros((n, n_states), dtype=np.int64)
        for t in range(1, n):
            cand = score[:, None] + trans
            back[t] = cand.argmax(axis=0)
            score = cand.max(axis=0) + emit[t]
        path = [int(score.argmax())]
        for t in range(n - 1, 0, -1):
            path.append(int(back[t, path[-1]]))
        path.reverse()
        mentions: list[Mention] = []
        t = 0
        while t < n:
            if path[t] == 0:
                t += 1
                continue
            r = path[t] - 1
            end = t + 1
            while end < n and path[end] == r + 1 and b[end, r] <= i[end, r]:
                end += 1
            grow = extend.get(self.roles[r], 2.0)
            start = t
            while start > 0 and path[start - 1] == 0 and role_p[start - 1, r] >= grow:
                start -= 1
            stop = end
            while stop < n and path[stop] == 0 and i[stop, r] >= grow:
                stop += 1
            a, z = offsets[start][0], offsets[stop - 1][1]
            mentions.append(
                Mention(a, z, text[a:z], self.roles[r], float(role_p[t:end, r].mean()), start)
            )
            t = stop
        return mentions


@lru_cache(maxsize=4)
def load(path: Path = DEFAULT_MODEL) -> RoleTagger:
    """The tagger at ``path``, loaded once per process."""
    return RoleTagger(path)
