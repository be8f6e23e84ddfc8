"""The HTML reader (trafilatura for the main text, htmldate and meta tags for the date)."""

from __future__ import annotations

from incidentdesk.model import SourceDocument, SourceProblem
from incidentdesk.sources.document import Metadata
from incidentdesk.sources.htmlpage import read_html, stated_published
from tests.sources.samples import ARTICLE_HTML, TRUNCATED_HTML


def test_article_page() -> None:
    result = read_html(ARTICLE_HTML, "page.html")
    assert isinstance(result, SourceDocument), result
    meta = result.document
    assert meta.title == "Gunmen attack ferry terminal in Port Halden"
    assert meta.publisher == "The Coastal Ledger"
    assert meta.author == "Mara Quillon"
    assert meta.published == meta.reported_at == "2031-05-14T18:05:00+03:00"
    assert meta.kind == "news"
    text = result.text
    assert text.startswith("Gunmen attack ferry terminal in Port Halden\n\n")
    assert "killing at least nine people" in text
    assert "\n\nWitnesses described" in text  # paragraphs separated by blank lines
    assert "Sport" not in text and "<" not in text


def test_known_metadata_wins_over_the_page() -> None:
    result = read_html(ARTICLE_HTML, "rec-1", known=Metadata(publisher="Given", kind="official"))
    assert isinstance(result, SourceDocument), result
    assert result.document.publisher == "Given"
    assert result.document.kind == "official"


def test_truncated_page_is_a_problem() -> None:
    result = read_html(TRUNCATED_HTML, "cut.html")
    assert isinstance(result, SourceProblem)
    assert result.source == "cut.html"
    assert "no main text" in result.reason and "truncated" in result.reason


def test_navigation_only_page_is_a_problem() -> None:
    page = "<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>"
    result = read_html(page, "nav.html")
    assert isinstance(result, SourceProblem)
    assert "no main text" in result.reason


def test_stated_published_keeps_time_and_offset() -> None:
    page = '<script type="application/ld+json">{"datePublished": "2031-01-02T03:04:05Z"}</script>'
    assert stated_published(page) == "2031-01-02T03:04:05+00:00"
    assert stated_published("<html><body>No date here</body></html>") is None
