"""Entity-level rescoring: does a candidate entity fill its role in this message?

A logistic regression (numpy) over document-level features of a candidate entity: how
confident the tagger is on its mentions, how many mentions it has and where the first
one is, how the candidate ranks among the message's candidates of the role, and how
relevant the message is. Trained on out-of-fold tagger output of the training reports.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from incidentdesk.muc4.data import ROLES
from incidentdesk.muc4.entities import Entity
from incidentdesk.muc4.lexicon import Lexicon
from incidentdesk.muc4.normalize import normalize
from incidentdesk.muc4.templates import sentences

RESCORER_FILE = "rescorer.json"


def _sentence_index(bounds: Sequence[tuple[int, int]], offset: int) -> int:
    for i, (a, b) in enumerate(bounds):
        if a <= offset < b:
            return i
    return len(bounds)


def entity_features(
    entities: Sequence[Entity], text: str, relevance: float, lexicon: Lexicon
) -> list[list[float]]:
    """One feature vector per candidate entity of a message."""
    bounds = sentences(text)
    low = text.lower()
    n_chars = max(len(text), 1)
    out: list[list[float]] = []
    by_role: dict[str, list[float]] = {}
    for e in entities:
        by_role.setdefault(e.role, []).append(e.score)
    for e in entities:
        scores = [m.score for m in e.mentions]
        noisy_or = 1.0 - math.prod(1.0 - min(s, 0.999) for s in scores)
        occurrences = max(low.count(e.text.lower()), 1)
        sent = _sentence_index(bounds, e.first)
        role_scores = sorted(by_role[e.role], reverse=True)
        rank = role_scores.index(e.score)
        n_words = len(normalize(e.text).split())
        role_hot = [1.0 if e.role == r else 0.0 for r in ROLES]
        priors = [lexicon.prior(e.role, e.text)] + [
            lexicon.prior(e.role, s) for s in e.strings if s != normalize(e.text)
        ]
        prior_role = max(p[0] for p in priors)
        prior_any = max(p[1] for p in priors)
        seen = max(p[2] for p in priors)
        tagged_share = sum(1 for m in e.mentions if m.score >= 0.5) / len(e.mentions)
        base = [
            e.score,
            float(np.mean(scores)),
            noisy_or,
            math.log1p(len(scores)),
            len(scores) / occurrences,
            math.log1p(occurrences),
            1.0 if sent == 0 else 0.0,
            1.0 if sent == 1 else 0.0,
            1.0 if 2 <= sent <= 4 else 0.0,
            e.first / n_chars,
            1.0 if rank == 0 else 0.0,
            math.log1p(rank),
            math.log1p(len(role_scores)),
            relevance,
            min(n_words, 8) / 8.0,
            1.0 if n_words == 1 else 0.0,
            prior_role,
            prior_any,
            seen,
            1.0 if seen == 0.0 else 0.0,
            tagged_share,
        ]
        inter = [
            h * v for h in role_hot for v in (e.score, noisy_or, relevance, base[6], prior_role)
        ]
        out.append(base + role_hot + inter)
    return out


@dataclass
class Rescorer:
    """Standardised features -> logistic regression -> probability."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float

    @classmethod
    def fit(
        cls, features: Sequence[Sequence[float]], labels: Sequence[int], l2: float = 1e-3
    ) -> Rescorer:
        x = np.asarray(features, dtype="f8")
        y = np.asarray(labels, dtype="f8")
        mean = x.mean(axis=0)
        scale = x.std(axis=0) + 1e-6
        z = (x - mean) / scale
        w = np.zeros(z.shape[1])
        b = 0.0
        # Full-batch gradient descent with Adam: deterministic and quick for ~20k rows.
        m_w = np.zeros_like(w)
        v_w = np.zeros_like(w)
        m_b = v_b = 0.0
        lr, beta1, beta2 = 0.05, 0.9, 0.999
        for step in range(1, 1501):
            p = 1.0 / (1.0 + np.exp(-np.clip(z @ w + b, -30.0, 30.0)))
            g = p - y
            gw = z.T @ g / len(y) + l2 * w
            gb = float(g.mean())
            m_w = beta1 * m_w + (1 - beta1) * gw
            v_w = beta2 * v_w + (1 - beta2) * gw * gw
            m_b = beta1 * m_b + (1 - beta1) * gb
            v_b = beta2 * v_b + (1 - beta2) * gb * gb
            w -= lr * (m_w / (1 - beta1**step)) / (np.sqrt(v_w / (1 - beta2**step)) + 1e-8)
            b -= lr * (m_b / (1 - beta1**step)) / (math.sqrt(v_b / (1 - beta2**step)) + 1e-8)
        return cls(mean, scale, w, b)

    def predict(self, features: Sequence[Sequence[float]]) -> list[float]:
        if not features:
            return []
        z = (np.asarray(features, dtype="f8") - self.mean) / self.scale
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ self.weights + self.bias, -30.0, 30.0)))
        return [float(v) for v in p]

    def to_disk(self, path: Path) -> None:
        data = {
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "weights": self.weights.tolist(),
            "bias": self.bias,
        }
        path.write_text(json.dumps(data) + "\n", encoding="utf-8")

    @classmethod
    def from_disk(cls, path: Path) -> Rescorer | None:
        if not path.is_file():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            np.asarray(data["mean"]),
            np.asarray(data["scale"]),
            np.asarray(data["weights"]),
            float(data["bias"]),
        )


def rescore(
    rescorer: Rescorer | None,
    entities: Sequence[Entity],
    text: str,
    relevance: float,
    lexicon: Lexicon,
) -> list[Entity]:
    """Entities with ``score`` replaced by the rescorer's probability (if there is one)."""
    if rescorer is None or not entities:
        return list(entities)
    probs = rescorer.predict(entity_features(entities, text, relevance, lexicon))
    out: list[Entity] = []
    for e, p in zip(entities, probs, strict=True):
        out.append(Entity(e.role, e.text, p, list(e.mentions), set(e.strings)))
    return out
