"""``to_html``: a self-contained page that shows hostile text as text, never as markup."""

from __future__ import annotations

import re

from incidentdesk.model import Record
from incidentdesk.present import to_html
from incidentdesk.present.html_report import CSP

from .conftest import HOSTILE_TITLE


def test_html_has_strict_csp_and_no_scripts(record: Record) -> None:
    page = to_html(record)
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in page.replace(
        "&#39;", "'"
    )
    assert "default-src &#39;none&#39;" in page or "default-src 'none'" in page
    assert "<script" not in page.lower()
    assert not re.search(r"<(link|img|iframe|object|embed)\b", page, re.IGNORECASE)
    assert not re.search(r"<[a-z][^<>]*\s(src|href)\s*=", page, re.IGNORECASE)


def test_html_escapes_hostile_text(record: Record) -> None:
    page = to_html(record)
    assert HOSTILE_TITLE not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # The onerror attribute survives only as escaped text inside an escaped tag.
    assert "&lt;img src=x onerror=" in page
    for match in re.finditer("onerror", page):
        before = page[max(0, match.start() - 30) : match.start()]
        assert "&lt;img" in before
    assert not re.search(r"<[a-z]+[^>]*\sonerror\s*=", page, re.IGNORECASE)


def test_html_sections_and_evidence(record: Record) -> None:
    page = to_html(record)
    for heading in (
        "Infobox",
        "Casualty figures as reported",
        "Timeline",
        "People",
        "Claims",
        "Conflicts",
        "Documents",
    ):
        assert f"<h3>{heading}</h3>" in page or f"<h2>{heading}</h2>" in page
    assert "<details>" in page
    # The killed figure opens onto its sentence, document, attribution and report time.
    assert "<blockquote>At least 5 people were killed</blockquote>" in page
    assert "port authority, citing fire service" in page
    assert "2032-03-03T09:40:00+01:00" in page
    assert "Odile Marsh" in page and "Tomas Vell" in page


def test_html_embeds_only_svg_charts(record: Record) -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<rect width="10" height="10"/></svg>'
    )
    page = to_html(record, chart_svgs={"inc-harbour-2032": svg})
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    page = to_html(record, chart_svgs={"inc-harbour-2032": "<div onclick=x>not a chart</div>"})
    assert "not a chart" not in page and "onclick" not in page


def test_html_without_incidents() -> None:
    page = to_html(Record(incidents=[], documents=[]))
    assert "No incidents were found." in page
