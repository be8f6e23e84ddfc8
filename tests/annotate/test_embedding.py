"""Lead embeddings with the bundled all-MiniLM-L6-v2 (loaded once for the session)."""

from __future__ import annotations

import numpy as np
import pytest

from incidentdesk.annotate.embedding import DIMENSIONS, LEAD_CHARS, embed, lead


@pytest.fixture(scope="session")
def vectors() -> np.ndarray:
    return embed(
        [
            "Gunmen opened fire on shoppers at a market in Torvik, killing four people.",
            "Four people were shot dead at Torvik market by attackers who fled.",
            "The central bank kept interest rates unchanged at its spring meeting.",
        ]
    )


def test_shape_type_and_norm(vectors: np.ndarray) -> None:
    assert vectors.shape == (3, DIMENSIONS)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_same_event_is_closer_than_other_news(vectors: np.ndarray) -> None:
    sims = vectors @ vectors.T
    assert sims[0, 1] > 0.5 > sims[0, 2]


def test_empty_input() -> None:
    assert embed([]).shape == (0, DIMENSIONS)


def test_deterministic(vectors: np.ndarray) -> None:
    again = embed(["Gunmen opened fire on shoppers at a market in Torvik, killing four people."])
    assert np.allclose(again[0], vectors[0], atol=1e-5)


def test_lead_cuts_at_a_paragraph() -> None:
    text = "Headline\n\n" + "First paragraph. " * 40 + "\n\n" + "Later paragraph. " * 80
    cut = lead(text)
    assert len(cut) <= LEAD_CHARS
    assert cut.startswith("Headline") and "Later" not in cut
    assert lead("short text") == "short text"
    assert lead("Body.", title="Title") == "Title\nBody."
