"""Shared fixtures: the MUC-4 data directory, skipped when absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from incidentdesk.muc4.data import data_dir


@pytest.fixture(scope="session")
def muc4_dir() -> Path:
    d = data_dir()
    if not (d / "dev.jsonl").is_file() or not (d / "train.jsonl").is_file():
        pytest.skip(f"MUC-4 data not found at {d} (set INCIDENTDESK_MUC4)")
    return d
