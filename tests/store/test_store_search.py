"""Full-text search (SQLite FTS5) and its LIKE fallback."""

from __future__ import annotations

import pytest
from store_builders import make_source

from incidentdesk.model import SourceDocument
from incidentdesk.store import Store


@pytest.fixture
def filled(
    store: Store, wire: SourceDocument, update: SourceDocument, encyclopedia: SourceDocument
) -> Store:
    for src in (wire, update, encyclopedia):
        store.add_document(src, [], [])
    return store


@pytest.mark.parametrize("fts", [True, False], ids=["fts5", "like"])
def test_search_finds_words(
    filled: Store,
    fts: bool,
    wire: SourceDocument,
    update: SourceDocument,
    encyclopedia: SourceDocument,
) -> None:
    filled._fts = filled._fts and fts  # False exercises the non-SQLite path
    w, u, e = wire.document.id, update.document.id, encyclopedia.document.id
    assert filled.search("ministry") == [u]
    assert filled.search("MINISTRY") == [u]
    assert set(filled.search("Port Verrin")) == {w, u}
    assert filled.search("toll rises") == [u]  # title
    assert filled.search("fish stalls") == [e]
    assert filled.search("Verrin Coastal") == [w]  # every word must match
    assert filled.search("Atlantis") == []
    assert filled.search("") == []
    assert filled.search("-- ?") == []
    assert filled.search('"unbalanced AND OR (') == []  # no query-syntax errors
    assert len(filled.search("Verrin", limit=1)) == 1
    assert filled.search("Verrin", limit=0) == []


def test_fts_is_in_use(filled: Store, wire: SourceDocument, update: SourceDocument) -> None:
    assert filled._fts
    assert filled.search("Muller") == [wire.document.id]  # diacritics folded
    assert filled.search("minis*") == [update.document.id]  # prefix
    assert filled.search("minis") == []


def test_search_ranks_better_matches_first(store: Store) -> None:
    weak = make_source("A long report about many things. " * 20 + "One mention of Verrin.")
    strong = make_source("Verrin. Verrin. Verrin.")
    store.add_document(weak, [], [])
    store.add_document(strong, [], [])
    assert store.search("verrin") == [strong.document.id, weak.document.id]
