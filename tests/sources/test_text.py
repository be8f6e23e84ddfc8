"""The plain-text reader: web page dumps, encyclopedia text, wire copy, statements, headers."""

from __future__ import annotations

from incidentdesk.model import SourceDocument, SourceProblem, content_id
from incidentdesk.sources.document import Metadata
from incidentdesk.sources.text import read_text
from tests.sources.samples import ENCYCLOPEDIA, WEB_PAGE_DUMP


def _read(text: str, known: Metadata | None = None) -> SourceDocument:
    result = read_text(text, "sample.txt", known=known)
    assert isinstance(result, SourceDocument), result
    return result


def test_web_page_dump_metadata() -> None:
    doc = _read(WEB_PAGE_DUMP)
    meta = doc.document
    assert meta.title == "Gunmen storm riverside ferry terminal in Port Halden"
    assert meta.author == "Mara Quillon"
    assert meta.published == "2031-06-03T21:05"
    assert meta.reported_at == "2031-06-03T21:05"
    assert meta.reported_at_basis == "published"
    assert meta.kind == "news"
    assert meta.publisher == "Coastal Ledger"
    assert meta.source == "sample.txt"
    assert meta.id == content_id(doc.text)
    assert meta.chars == len(doc.text)


def test_web_page_dump_furniture_is_gone_and_headline_first() -> None:
    text = _read(WEB_PAGE_DUMP).text
    assert text.startswith("Gunmen storm riverside ferry terminal in Port Halden\n\n")
    assert "killing at least nine people" in text
    assert text.endswith("two days of mourning.")
    for furniture in [
        "member",
        "Skip to content",
        "Edit post",
        "Mara Quillon",
        "Lumen Images",
        "AI assistance",
        "evacu…",
        "second explosion",
        "News Feed",
        "Ondra Vesely",
        "indicates required",
        "masterCard",
    ]:
        assert furniture not in text, furniture


def test_encyclopedia_text() -> None:
    doc = _read(ENCYCLOPEDIA)
    assert doc.document.kind == "encyclopedia"
    assert doc.document.title == "Lindqvist market fire"
    assert doc.document.published is None and doc.document.reported_at is None
    assert doc.text.startswith("= Lindqvist market fire =")
    assert "Infobox\n- Title:" in doc.text  # the infobox block stays in the stored text
    fatalities = next(f for f in doc.infobox if f.key == "Fatalities")
    assert doc.text[fatalities.start : fatalities.end] == "12"
    assert [s.heading for s in doc.sections][:2] == ["Background", "Earlier warnings"]


def test_wire_copy_with_agency_dateline() -> None:
    doc = _read(
        "Blast hits bus depot in Verinsk\n\n"
        "VERINSK, March 4 (Nordpress) - An explosion tore through a bus depot on Tuesday, "
        "killing six people, officials said.\n\nThe cause was not clear.\n"
    )
    assert doc.document.kind == "news"
    assert doc.document.publisher == "Nordpress"
    assert doc.document.title == "Blast hits bus depot in Verinsk"
    assert doc.document.published is None  # no year in the dateline: not guessed


def test_dateline_with_a_full_date_gives_the_publication_date() -> None:
    doc = _read(
        "Verinsk, 4 March 2031 — An explosion tore through a bus depot, killing six.\n\n"
        "Officials said the toll could rise.\n"
    )
    assert doc.document.kind == "news"
    assert doc.document.published == "2031-03-04"
    assert doc.document.title is None


def test_official_statement() -> None:
    doc = _read(
        "Press release\n"
        "Statement by the Ministry of Civil Protection of Eastmark\n\n"
        "The Ministry confirms that 12 people were killed in the fire at the market.\n"
    )
    assert doc.document.kind == "official"
    assert doc.document.publisher == "Ministry of Civil Protection of Eastmark"
    assert doc.document.title == "Statement by the Ministry of Civil Protection of Eastmark"


def test_front_matter_is_metadata_and_is_stripped() -> None:
    doc = _read(
        "Title: Harbour attack: what we know\n"
        "Publisher: Demo Herald\n"
        "Author: Ana Lind\n"
        "Published: 2031-03-04T10:15:00+01:00\n"
        "Kind: news\n"
        "URL: https://example.org/harbour\n\n"
        "Gunmen attacked the harbour market on Monday. At least five people were killed.\n"
    )
    meta = doc.document
    assert doc.text == (
        "Gunmen attacked the harbour market on Monday. At least five people were killed."
    )
    assert (meta.title, meta.publisher, meta.author, meta.kind, meta.url) == (
        "Harbour attack: what we know",
        "Demo Herald",
        "Ana Lind",
        "news",
        "https://example.org/harbour",
    )
    assert meta.published == "2031-03-04T10:15:00+01:00"


def test_bad_front_matter_is_a_problem() -> None:
    result = read_text("Kind: rumour\n\nSomething happened.\n", "bad.txt")
    assert isinstance(result, SourceProblem)
    assert result.source == "bad.txt" and "unknown kind" in result.reason


def test_ordinary_first_line_with_a_colon_is_not_a_header() -> None:
    doc = _read("Warning: roads closed.\n\nThe bridge is shut until Friday.\n")
    assert doc.text.startswith("Warning: roads closed.")


def test_known_metadata_wins() -> None:
    doc = _read(WEB_PAGE_DUMP, known=Metadata(title="Given title", publisher="Given"))
    assert doc.document.title == "Given title"
    assert doc.document.publisher == "Given"
    assert doc.document.author == "Mara Quillon"


def test_plain_notes_stay_other_without_guessing() -> None:
    doc = _read("Just some notes about the day.\nNothing special happened.\n")
    meta = doc.document
    assert (meta.kind, meta.title, meta.published, meta.publisher) == ("other", None, None, None)


def test_windows_newlines_and_trailing_spaces_are_normalised() -> None:
    doc = _read("Headline of the day\r\n\r\nFirst line.   \r\nSecond line.\r\n")
    assert doc.text == "Headline of the day\n\nFirst line.\nSecond line."
