"""The real seed documents (skipped when shared/seeds is not beside the repo)."""

from __future__ import annotations

from pathlib import Path

from incidentdesk.model import SourceDocument
from incidentdesk.sources import iter_sources


def _read(path: Path) -> SourceDocument:
    [result] = list(iter_sources([str(path)]))
    assert isinstance(result, SourceDocument), result
    return result


def test_news_page_dump(seeds: Path) -> None:
    doc = _read(seeds / "001_b62d1a4e61511189.txt")
    meta = doc.document
    assert meta.title == "Islamic State claims responsibility for Moscow terrorist attack"
    assert meta.author == "Chris York"
    assert meta.published == "2024-03-23T00:38"
    assert meta.kind == "news"
    assert meta.publisher == "Kyiv Independent"
    assert doc.text.startswith(meta.title)
    for furniture in [
        "News Feed",
        "indicates required",
        "Become a member",
        "Ediye Muslimova",
        "Chris York",
        "Getty Images",
        "wounde…",
    ]:
        assert furniture not in doc.text, furniture


def test_encyclopedia_article(seeds: Path) -> None:
    doc = _read(seeds / "000_7dfabfeb9b4c105d.txt")
    assert doc.document.kind == "encyclopedia"
    assert doc.document.title == "Crocus City Hall attack"
    fatalities = next(f for f in doc.infobox if f.key == "Fatalities")
    assert doc.text[fatalities.start : fatalities.end] == "150"
    for field in doc.infobox:
        assert doc.text[field.start : field.end] == field.value
    headings = [s.heading for s in doc.sections]
    assert "Background" in headings and "Casualties" in headings
