"""End-to-end prediction: tagger -> entities -> templates, for MUC-4 records."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from incidentdesk.muc4.data import Record
from incidentdesk.muc4.entities import DEFAULT_THRESHOLDS, Entity, group_mentions, select
from incidentdesk.muc4.lexicon import LEXICON_FILE, Lexicon
from incidentdesk.muc4.model import DEFAULT_MODEL, RoleTagger, load
from incidentdesk.muc4.rescorer import RESCORER_FILE, Rescorer, rescore
from incidentdesk.muc4.templates import Gazetteer, build_templates

SETTINGS_FILE = "settings.json"
PLACES_FILE = "places.json"


@dataclass
class Settings:
    """Decoding settings stored beside the weights."""

    token_threshold: float = 0.3
    thresholds: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_THRESHOLDS))
    doc_threshold: float = 0.0  # a message whose best entity scores below this is irrelevant
    relevance_threshold: float = 0.0  # a message the classifier rates below this is irrelevant

    @classmethod
    def from_disk(cls, model_dir: Path) -> Settings:
        path = model_dir / SETTINGS_FILE
        if not path.is_file():
            return cls()
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        s = cls()
        s.token_threshold = float(data.get("token_threshold", s.token_threshold))
        s.thresholds.update({k: float(v) for k, v in data.get("thresholds", {}).items()})
        s.doc_threshold = float(data.get("doc_threshold", s.doc_threshold))
        s.relevance_threshold = float(data.get("relevance_threshold", s.relevance_threshold))
        return s

    def to_disk(self, model_dir: Path) -> None:
        data = {
            "token_threshold": self.token_threshold,
            "thresholds": self.thresholds,
            "doc_threshold": self.doc_threshold,
            "relevance_threshold": self.relevance_threshold,
        }
        (model_dir / SETTINGS_FILE).write_text(json.dumps(data, indent=2) + "\n", "utf-8")


class Predictor:
    def __init__(self, model_dir: Path = DEFAULT_MODEL, settings: Settings | None = None) -> None:
        self.tagger: RoleTagger = load(model_dir)
        self.settings = settings or Settings.from_disk(model_dir)
        self.gazetteer = Gazetteer.from_disk(model_dir / PLACES_FILE)
        self.rescorer = Rescorer.from_disk(model_dir / RESCORER_FILE)
        self.lexicon = Lexicon.from_disk(model_dir / LEXICON_FILE)

    def candidate_entities(
        self, texts: Sequence[str], assume_relevant: bool = False
    ) -> list[tuple[list[Entity], float]]:
        """All rescored entities (before thresholds) of each text, and its relevance.

        ``assume_relevant`` is for callers that already know the text reports an
        incident (the main pipeline): the relevance classifier is then not consulted.
        """
        return candidates(
            self.tagger,
            self.lexicon,
            self.rescorer,
            texts,
            self.settings.token_threshold,
            assume_relevant,
        )

    def entities_for(self, candidates: Sequence[Entity], relevance: float = 1.0) -> list[Entity]:
        if relevance < self.settings.relevance_threshold:
            return []
        chosen = select(candidates, self.settings.thresholds)
        if not chosen or max(e.score for e in chosen) < self.settings.doc_threshold:
            return []
        return chosen

    def predict(self, records: Sequence[Record]) -> list[Record]:
        texts = [r.get("text", "") for r in records]
        out: list[Record] = []
        for rec, (cands, rel) in zip(records, self.candidate_entities(texts), strict=True):
            ents = self.entities_for(cands, rel)
            out.append(
                {"id": rec.get("id"), "templates": build_templates(rec, ents, self.gazetteer)}
            )
        return out

    def predict_stream(self, records: Iterable[Record], batch: int = 16) -> Iterator[Record]:
        it = iter(records)
        while chunk := list(islice(it, batch)):
            yield from self.predict(chunk)


def candidates(
    tagger: RoleTagger,
    lexicon: Lexicon,
    rescorer: Rescorer | None,
    texts: Sequence[str],
    token_threshold: float,
    assume_relevant: bool = False,
) -> list[tuple[list[Entity], float]]:
    """Per text: candidate entities (tagged spans and lexicon strings), rescored, and the
    text's relevance."""
    out: list[tuple[list[Entity], float]] = []
    for text, tagged in zip(texts, tagger.probabilities(texts), strict=True):
        mentions = tagger.decode(text, tagged.offsets, tagged.probs, token_threshold)
        mentions += lexicon.mentions(text, tagged, tagger.roles, tagger.b_index, tagger.i_index)
        relevance = 1.0 if assume_relevant else tagged.relevance
        ents = rescore(rescorer, group_mentions(mentions, text), text, relevance, lexicon)
        out.append((ents, relevance))
    return out
