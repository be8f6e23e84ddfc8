"""Shared fixtures for the reader tests: the real seed documents, when present."""

from __future__ import annotations

from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


@pytest.fixture
def seeds() -> Path:
    """The real seed documents; the test is skipped when they are not beside the repo."""
    if not SEEDS.is_dir():
        pytest.skip(f"seed documents not found at {SEEDS} (shared/ is not beside the repo)")
    return SEEDS
