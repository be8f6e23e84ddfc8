"""The whole training recipe behind `incidentdesk muc4 train` / `make train-muc4`.

1. Two taggers, each trained on one half of the training reports, tag the other half:
   out-of-fold candidate entities with honest tagger scores.
2. The final tagger is trained on all training reports.
3. The entity rescorer is fitted on the out-of-fold candidates, and the per-role
   thresholds and the relevance gate are chosen on them with the real scorer.
   (dev.jsonl is never read here.)
"""

from __future__ import annotations

import json
import random
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from incidentdesk.muc4.data import ROLES, Record, gold_entities
from incidentdesk.muc4.entities import Entity
from incidentdesk.muc4.lexicon import LEXICON_FILE, Lexicon
from incidentdesk.muc4.model import RoleTagger
from incidentdesk.muc4.normalize import normalize
from incidentdesk.muc4.predict import PLACES_FILE, Settings, candidates
from incidentdesk.muc4.rescorer import RESCORER_FILE, Rescorer, entity_features, rescore
from incidentdesk.muc4.scorer import PRF, score_message_role
from incidentdesk.muc4.templates import Gazetteer
from incidentdesk.muc4.train import DEFAULTS, train

TOKEN_THRESHOLD = 0.15
GRID = [round(0.05 * k, 2) for k in range(2, 19)]


@dataclass
class Candidates:
    """Out-of-fold candidate entities of one training report."""

    record: Record
    entities: list[Entity]
    relevance: float


def _candidates(
    tagger: RoleTagger, lexicon: Lexicon, records: Sequence[Record]
) -> list[Candidates]:
    out: list[Candidates] = []
    for k in range(0, len(records), 32):
        chunk = records[k : k + 32]
        texts = [r["text"] for r in chunk]
        found = candidates(tagger, lexicon, None, texts, TOKEN_THRESHOLD)
        for rec, (ents, relevance) in zip(chunk, found, strict=True):
            out.append(Candidates(rec, ents, relevance))
    return out


def _label(entity: Entity, record: Record) -> int:
    gold = {normalize(s) for ent in gold_entities(record, entity.role) for s in ent}
    return int(normalize(entity.text) in gold)


def _counts(
    cands: Sequence[Candidates], thresholds: dict[str, float], relevance: float
) -> dict[str, PRF]:
    per_role = {r: PRF() for r in ROLES}
    for c in cands:
        chosen = [e for e in c.entities if e.score >= thresholds[e.role]]
        if c.relevance < relevance:
            chosen = []
        pred = {"id": c.record["id"], "templates": [{r: [] for r in ROLES}]}
        for e in chosen:
            pred["templates"][0][e.role].append(e.text)
        for role in ROLES:
            per_role[role].add(score_message_role(c.record, pred, role))
    return per_role


def _micro(per_role: dict[str, PRF]) -> float:
    total = PRF()
    for v in per_role.values():
        total.add(v)
    return total.f1


def choose_settings(cands: Sequence[Candidates], log: Callable[[str], None]) -> Settings:
    """Per-role thresholds and the relevance gate maximising micro F1 (coordinate ascent)."""
    thresholds = dict.fromkeys(ROLES, 0.5)
    relevance = 0.0
    best = _micro(_counts(cands, thresholds, relevance))
    for _round in range(2):
        for role in ROLES:
            for t in GRID:
                trial = {**thresholds, role: t}
                f = _micro(_counts(cands, trial, relevance))
                if f > best + 1e-9:
                    best, thresholds = f, trial
        for g in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6):
            f = _micro(_counts(cands, thresholds, g))
            if f > best + 1e-9:
                best, relevance = f, g
    log(f"out-of-fold micro F1 {best:.1f} with thresholds {thresholds}, relevance {relevance}")
    s = Settings()
    s.token_threshold = TOKEN_THRESHOLD
    s.thresholds = thresholds
    s.relevance_threshold = relevance
    return s


def _train_encoder(
    records: Sequence[Record], out: Path, seed: int, epochs: int, log: Callable[[str], None]
) -> dict[str, Any]:
    import spacy

    from incidentdesk.muc4.transformer import train_encoder

    log(f"MiniLM role tagger: {epochs} epochs on {len(records)} reports")
    return train_encoder(spacy.load(out), records, out, seed=seed, epochs=epochs, log=log)


def _encoder_fold(
    records: Sequence[Record],
    halves: list[list[int]],
    out: Path,
    seed: int,
    epochs: int,
    log: Callable[[str], None],
) -> tuple[list[Candidates], list[Lexicon]]:
    """Out-of-fold candidates for the MiniLM tagger: one encoder trained on the first half reads
    the second (a second fold would double the cost; the tokenizer and relevance classifier are
    the final ones in ``out``)."""
    train_half = [records[i] for i in halves[0]]
    held = [records[i] for i in halves[1]]
    with tempfile.TemporaryDirectory(prefix="muc4-fold-") as tmp:
        fold_dir = Path(tmp) / "fold"
        shutil.copytree(out, fold_dir)
        log(f"fold: MiniLM role tagger on {len(train_half)} reports, read {len(held)}")
        _train_encoder(train_half, fold_dir, seed, epochs, log)
        lexicon = Lexicon.from_records(train_half)
        found = _candidates(RoleTagger(fold_dir), lexicon, held)
    return found, [lexicon] * len(held)


def fit(
    records: Sequence[Record],
    out: Path,
    *,
    seed: int = 0,
    epochs: int | None = None,
    folds: bool = True,
    encoder_epochs: int = 0,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """The whole recipe into ``out``.

    With ``encoder_epochs`` > 0 the MiniLM role tagger (``muc4/transformer.py``) gives the tag
    probabilities: the spaCy pipeline is trained once (tokenizer, relevance classifier), one
    fold encoder trained on half the reports gives the out-of-fold candidates of the other half
    for the rescorer and the thresholds, and the final encoder is trained on all reports.
    """
    started = time.time()
    opts = dict(DEFAULTS)
    if epochs is not None:
        opts["epochs"] = epochs
    info: dict[str, Any] = {"seed": seed, **opts}
    oof: list[Candidates] = []
    oof_lexicons: list[Lexicon] = []
    order = list(range(len(records)))
    random.Random(seed).shuffle(order)
    halves = [sorted(order[::2]), sorted(order[1::2])]
    if encoder_epochs > 0:
        log(f"tokenizer, relevance classifier (and CNN tagger): training on {len(records)} reports")
        info["tagger"] = train(records, out, seed=seed, log=log, **opts)
        if folds and len(records) >= 4:
            oof, oof_lexicons = _encoder_fold(records, halves, out, seed, encoder_epochs, log)
        info["encoder"] = _train_encoder(records, out, seed, encoder_epochs, log)
    else:
        if folds and len(records) >= 4:
            with tempfile.TemporaryDirectory(prefix="muc4-fold-") as tmp:
                for k, held in enumerate(halves):
                    train_idx = halves[1 - k]
                    log(f"fold {k + 1}/2: training on {len(train_idx)} reports")
                    fold_dir = Path(tmp) / f"fold{k}"
                    train([records[i] for i in train_idx], fold_dir, seed=seed, log=log, **opts)
                    lexicon = Lexicon.from_records([records[i] for i in train_idx])
                    held_records = [records[i] for i in held]
                    oof.extend(_candidates(RoleTagger(fold_dir), lexicon, held_records))
                    oof_lexicons.extend([lexicon] * len(held))
        log(f"final tagger: training on {len(records)} reports")
        info["tagger"] = train(records, out, seed=seed, log=log, **opts)
    Gazetteer.from_records(records).to_disk(out / PLACES_FILE)
    Lexicon.from_records(records).to_disk(out / LEXICON_FILE)
    settings = Settings()
    settings.token_threshold = TOKEN_THRESHOLD
    if oof:
        feats: list[list[float]] = []
        labels: list[int] = []
        for c, lex in zip(oof, oof_lexicons, strict=True):
            feats.extend(entity_features(c.entities, c.record["text"], c.relevance, lex))
            labels.extend(_label(e, c.record) for e in c.entities)
        if feats and 0 < sum(labels) < len(labels):
            rescorer = Rescorer.fit(feats, labels)
            rescorer.to_disk(out / RESCORER_FILE)
            rescored = [
                Candidates(
                    c.record,
                    rescore(rescorer, c.entities, c.record["text"], c.relevance, lex),
                    c.relevance,
                )
                for c, lex in zip(oof, oof_lexicons, strict=True)
            ]
            settings = choose_settings(rescored, log)
            info["oof_candidates"] = len(labels)
            info["oof_positive"] = sum(labels)
    settings.to_disk(out)
    info["seconds"] = round(time.time() - started, 1)
    (out / "training.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return info
