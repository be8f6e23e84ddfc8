"""The incident record as JSON: the contract described in ``docs/record-format.md``."""

from __future__ import annotations

import json

from incidentdesk.model import Record


def to_json(record: Record) -> str:
    """Serialise ``record`` as indented JSON that ``Record.model_validate_json`` reads back.

    Keys are the model's field names (those of the record format); every key is written,
    including null and empty ones, so that readers can rely on their presence. Non-ASCII text
    is kept as is rather than escaped.
    """
    return json.dumps(record.model_dump(mode="json"), indent=2, ensure_ascii=False)
