"""A role lexicon read off training keys: how often a string present in a message fills
a role there. Used as rescorer features and to propose candidates the tagger missed."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from incidentdesk.muc4.data import ROLES, Record, gold_entities
from incidentdesk.muc4.model import Mention, Tagged
from incidentdesk.muc4.normalize import normalize

LEXICON_FILE = "lexicon.json"
# Longer key strings are rare, almost never matched again, and would copy runs of corpus text
# into the committed model; they are left out.
MAX_WORDS = 8


class Lexicon:
    """norm string -> [messages containing it, then one count per role of ROLES]."""

    def __init__(self, counts: dict[str, list[int]]) -> None:
        self.counts = counts

    @classmethod
    def from_records(cls, records: Sequence[Record]) -> Lexicon:
        pos: dict[str, list[int]] = defaultdict(lambda: [0] * (1 + len(ROLES)))
        texts: list[str] = []
        for rec in records:
            texts.append(" " + normalize(rec.get("text", "")) + " ")
            for k, role in enumerate(ROLES):
                strings = {normalize(s) for ent in gold_entities(rec, role) for s in ent}
                for s in strings:
                    if s and len(s.split()) <= MAX_WORDS:
                        pos[s][1 + k] += 1
        for s, c in pos.items():
            needle = f" {s} "
            c[0] = max(sum(1 for t in texts if needle in t), max(c[1:]))
        return cls(dict(pos))

    def to_disk(self, path: Path) -> None:
        path.write_text(json.dumps(self.counts, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def from_disk(cls, path: Path) -> Lexicon:
        if not path.is_file():
            return cls({})
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def prior(self, role: str, text: str) -> tuple[float, float, float]:
        """(P(role | string present), P(any role | present), log of messages seen)."""
        c = self.counts.get(normalize(text))
        if c is None:
            return 0.0, 0.0, 0.0
        k = 1 + ROLES.index(role)
        total = c[0]
        return (
            (c[k] + 0.5) / (total + 2.0),
            (max(c[1:]) + 0.5) / (total + 2.0),
            float(np.log1p(total)),
        )

    def mentions(
        self,
        text: str,
        tagged: Tagged,
        roles: Sequence[str],
        b_cols: Sequence[int],
        i_cols: Sequence[int],
        max_len: int = 6,
    ) -> list[Mention]:
        """Mentions of lexicon strings that often fill a role (>= 2 messages, >= 20%),
        scored with the tagger's mean probability of that role over their tokens."""
        offsets = tagged.offsets
        out: list[Mention] = []
        for start in range(len(offsets)):
            for end in range(start + 1, min(start + max_len, len(offsets)) + 1):
                a, z = offsets[start][0], offsets[end - 1][1]
                c = self.counts.get(normalize(text[a:z]))
                if c is None:
                    continue
                best = int(np.argmax(c[1:]))
                if c[1 + best] < 2 or c[1 + best] / max(c[0], 1) < 0.2:
                    continue
                p = tagged.probs[start:end][:, [b_cols[best], i_cols[best]]].sum(axis=1)
                out.append(Mention(a, z, text[a:z], roles[best], float(p.mean()), start))
        return out
