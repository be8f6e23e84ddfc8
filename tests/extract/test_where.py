"""Where the attack happened: the last part of a place chain is a country only when it is one."""

from __future__ import annotations

from incidentdesk.annotate.pipeline import annotate
from incidentdesk.extract.when_where import extract_where
from incidentdesk.model import Document, SourceDocument, content_id


def _where(body: str) -> dict[str, str]:
    text = "Velmora, 12 June 2031\n\n" + body
    document = Document(
        id=content_id(text), source="test", kind="news", published="2031-06-12T08:00:00+00:00"
    )
    doc = annotate(SourceDocument(document=document, text=text))
    return {f.field: str(f.value) for f in extract_where(doc)}


def test_a_region_named_by_a_lower_case_word_is_not_a_country() -> None:
    found = _where("Gunmen attacked the garrison in Puerto Alto, Tamesis department, on Monday.")
    assert found.get("city") == "Puerto Alto"
    assert found.get("region") == "Tamesis"
    assert "country" not in found


def test_a_known_country_ends_the_chain() -> None:
    found = _where("A car bomb exploded in Puerto Alto, Colombia's main port, on Monday.")
    assert found == {"city": "Puerto Alto", "country": "Colombia"}


def test_a_lower_case_word_after_the_country_does_not_make_a_region() -> None:
    found = _where("A bomb exploded in Lakemba, Nigeria department stores were closed on Monday.")
    assert found.get("city") == "Lakemba"
    assert "region" not in found
