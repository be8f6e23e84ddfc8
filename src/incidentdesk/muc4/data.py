"""Reading MUC-4 jsonl records and the gold role-filler entities of a message."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from incidentdesk.muc4.normalize import normalize

#: The five scored roles: (template field, short name used in reports).
ROLES: tuple[str, ...] = (
    "perp_individual",
    "perp_organization",
    "phys_target",
    "hum_target_name",
    "instrument_id",
)
ROLE_NAMES: dict[str, str] = {
    "perp_individual": "PerpInd",
    "perp_organization": "PerpOrg",
    "phys_target": "Target",
    "hum_target_name": "Victim",
    "instrument_id": "Weapon",
}
ENV_VAR = "INCIDENTDESK_MUC4"

Record = dict[str, Any]


class DataMissingError(FileNotFoundError):
    """The MUC-4 data directory (or one of its files) is absent."""


def repo_root() -> Path:
    """The repository root (the folder that holds ``src/``)."""
    return Path(__file__).resolve().parents[3]


def data_dir(explicit: Path | None = None) -> Path:
    """The MUC-4 data directory: ``explicit``, else ``$INCIDENTDESK_MUC4``, else ../shared."""
    if explicit is not None:
        return explicit
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    return repo_root().parent / "shared" / "data" / "muc4"


def split_path(split: str, directory: Path | None = None) -> Path:
    """Path of ``<split>.jsonl``; raises :class:`DataMissingError` with a clear message."""
    d = data_dir(directory)
    path = d / f"{split}.jsonl"
    if not path.is_file():
        raise DataMissingError(
            f"MUC-4 split {split!r} not found at {path}. Point --data or ${ENV_VAR} "
            "at the directory holding train.jsonl and dev.jsonl."
        )
    return path


def read_jsonl(path: Path) -> list[Record]:
    """All records of a jsonl file (blank lines skipped)."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def iter_jsonl(path: Path) -> Iterator[Record]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def load_split(split: str, directory: Path | None = None) -> list[Record]:
    return read_jsonl(split_path(split, directory))


def entity_strings(item: Any) -> list[str]:
    """An entity field item (a string or a list of alternative strings) as a list."""
    if isinstance(item, str):
        return [item]
    if isinstance(item, list):
        return [s for s in item if isinstance(s, str)]
    return []


def gold_entities(record: Record, role: str) -> list[list[str]]:
    """Union of a role's entities over a message's templates (subset/superset counted once).

    Uses normalised strings to decide subset/superset; the surviving entity keeps the
    union of both alternative lists.
    """
    merged: list[tuple[set[str], list[str]]] = []
    for template in record.get("templates") or []:
        for item in template.get(role) or []:
            raw = entity_strings(item)
            if not raw:
                continue
            norm = {normalize(s) for s in raw}
            for i, (have, have_raw) in enumerate(merged):
                if norm <= have or have <= norm:
                    merged[i] = (have | norm, have_raw + [s for s in raw if s not in have_raw])
                    break
            else:
                merged.append((norm, list(raw)))
    return [raw for _, raw in merged]


def write_jsonl(records: Iterable[Record], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
