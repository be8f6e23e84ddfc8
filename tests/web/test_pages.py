"""The HTML pages: list, incident, evidence, documents, exports, /docs, and their 4xx answers."""

from __future__ import annotations

import csv
import html
import io
import json
import re

from fastapi.testclient import TestClient

from incidentdesk.model import Incident, Record
from incidentdesk.store import Store
from incidentdesk.web.exports import COLUMNS

from .conftest import OTHER_REPORT, TOKEN, client_for

LABELLED = re.compile(r"<(input|select|textarea)\b[^>]*\bid=\"([^\"]+)\"")


def assert_labelled(html: str) -> None:
    """Every visible form control has a <label for=...>."""
    controls = [
        m.group(2)
        for m in LABELLED.finditer(html)
        if 'type="hidden"' not in m.group(0) and 'type="submit"' not in m.group(0)
    ]
    assert controls
    for control in controls:
        assert f'<label for="{control}">' in html, control


def test_list_page_shows_incidents_and_labelled_filters(
    client: TestClient, main_incident: Incident
) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert f'href="/incidents/{main_incident.id}"' in r.text
    assert "railway station attack" in r.text
    assert "<script" not in r.text.lower()
    assert 'role="search"' in r.text
    assert_labelled(r.text)


def test_list_search_and_filters(client: TestClient, main_incident: Incident) -> None:
    href = f'href="/incidents/{main_incident.id}"'
    assert href in client.get("/", params={"q": "concourse"}).text
    assert href not in client.get("/", params={"q": "zeppelinfactory"}).text
    assert href in client.get("/", params={"country": "kazakhstan"}).text
    assert href not in client.get("/", params={"country": "Norland"}).text
    assert href in client.get("/", params={"attack_type": "bombing"}).text
    assert href not in client.get("/", params={"attack_type": "arson"}).text
    assert href in client.get("/", params={"date_from": "2031-05-01", "date_to": "2031-05-31"}).text
    assert href not in client.get("/", params={"date_from": "2031-06-01"}).text
    # An empty form field means "no filter".
    assert href in client.get("/", params={"q": "", "country": "", "date_from": ""}).text


def test_list_bad_filters_are_422_pages(client: TestClient) -> None:
    r = client.get("/", params={"date_from": "14 May"})
    assert r.status_code == 422
    assert "date_from" in r.text and r.headers["content-type"].startswith("text/html")
    r = client.get("/", params={"date_from": "2031-06-01", "date_to": "2031-05-01"})
    assert r.status_code == 422
    assert client.get("/", params={"q": "x" * 501}).status_code == 422
    assert client.get("/", params={"date_to": "2031-02-30"}).status_code == 422


def test_incident_page_links_every_value_to_its_evidence(
    client: TestClient, main_incident: Incident
) -> None:
    r = client.get(f"/incidents/{main_incident.id}")
    assert r.status_code == 200
    html = r.text
    for heading in ("Infobox", "Casualty figures", "Timeline", "People", "Claims", "Conflicts"):
        assert heading in html
    killed = re.search(r'<td id="info-killed"><a class="val" href="([^"]+)"', html)
    assert killed, "the killed figure links to its evidence"
    assert killed.group(1) == f"/incidents/{main_incident.id}/evidence/info-killed"
    rows = re.findall(r'<tr id="figure-\d+">', html)
    assert len(rows) == len(main_incident.figures)
    for doc in main_incident.documents:
        assert f'href="/documents/{doc}"' in html


def test_incident_page_is_cached_per_revision(demo_store: Store, main_incident: Incident) -> None:
    with client_for(demo_store) as c:
        cache = c.app.state.cache  # type: ignore[attr-defined]
        for _ in range(3):
            assert c.get(f"/incidents/{main_incident.id}").status_code == 200
            assert c.get("/").status_code == 200
        assert cache.builds == 1


def test_unknown_and_malformed_incident_ids(client: TestClient) -> None:
    r = client.get("/incidents/inc-000000000000")
    assert r.status_code == 404
    assert "no incident" in r.text and r.headers["content-type"].startswith("text/html")
    assert client.get("/incidents/bad%20id%3Cb%3E").status_code == 422
    assert client.get("/api/incidents/bad%20id").status_code == 422


def test_evidence_page_highlights_the_sentence(
    client: TestClient, demo_store: Store, main_incident: Incident
) -> None:
    r = client.get(f"/incidents/{main_incident.id}/evidence/info-killed")
    assert r.status_code == 200
    assert main_incident.killed is not None
    spans = main_incident.killed.evidence
    assert spans
    first = spans[0]
    marked = re.findall(r'<mark class="hl"[^>]*>(.*?)</mark>', r.text, re.DOTALL)
    assert len(marked) == len({(e.document, e.start, e.end) for e in spans})
    assert any(str(main_incident.killed.value) in m for m in marked)
    assert f'href="/documents/{first.document}?hl={first.start}-{first.end}#hl"' in r.text
    for label in ("Attributed to", "Reported at", "Document"):
        assert label in r.text


def test_evidence_of_a_figure_report_shows_its_attribution(
    client: TestClient, main_incident: Incident
) -> None:
    attributed = client.get(f"/api/incidents/{main_incident.id}").json()["values"]
    with_chain = [
        v for v in attributed if v["section"] == "figures" and v["evidence"][0]["attributed_to"]
    ]
    assert with_chain, "the demo has attributed figures"
    value = with_chain[0]
    page = client.get(value["url"]).text
    assert " ".join(value["evidence"][0]["attributed_to"][:1]) in page


def test_evidence_unknown_and_malformed_keys(client: TestClient, main_incident: Incident) -> None:
    base = f"/incidents/{main_incident.id}/evidence"
    assert client.get(f"{base}/figure-9999").status_code == 404
    assert client.get(f"{base}/Bad_Key!").status_code == 422


def test_document_page_marks_every_fact_and_the_followed_span(
    client: TestClient, demo_store: Store, main_incident: Incident
) -> None:
    doc = main_incident.documents[0]
    facts = demo_store.facts(document=doc)
    text = demo_store.text(doc)
    fact = next(f for f in facts if f.evidence.end > f.evidence.start)
    ev = fact.evidence
    r = client.get(f"/documents/{doc}", params={"hl": f"{ev.start}-{ev.end}"})
    assert r.status_code == 200
    body = r.text.split('<div class="doctext"', 1)[1].split("</div>", 1)[0]
    anchors = set(re.findall(r'id="ev-([0-9a-f]+)"', body))
    markable = {
        f.id
        for f in facts
        if f.evidence.end > f.evidence.start
        and text[f.evidence.start : f.evidence.end] == f.evidence.text
    }
    assert markable and anchors == markable
    selected = "".join(re.findall(r'<mark class="hl"[^>]*>(.*?)</mark>', body, re.DOTALL))
    assert html.unescape(selected) == ev.text
    assert body.count('id="hl"') == 1
    # The whole text is there, escaped, outside the marks too.
    plain = html.unescape(re.sub(r"<[^>]+>", "", body.split(">", 1)[1]))
    assert plain == text


def test_document_page_bad_requests(client: TestClient, main_incident: Incident) -> None:
    doc = main_incident.documents[0]
    assert client.get("/documents/0123456789abcdef").status_code == 404
    assert client.get("/documents/not-hex").status_code == 422
    assert client.get(f"/documents/{doc}", params={"hl": "10"}).status_code == 422
    assert client.get(f"/documents/{doc}", params={"hl": "20-10"}).status_code == 422
    assert client.get(f"/documents/{doc}", params={"hl": "0-999999999"}).status_code == 422


def test_documents_list_and_search(client: TestClient, demo_store: Store) -> None:
    docs = demo_store.documents()
    r = client.get("/documents")
    assert r.status_code == 200
    assert all(f'href="/documents/{d.id}"' in r.text for d in docs)
    r = client.get("/documents", params={"q": "zeppelinfactory"})
    assert r.status_code == 200 and 'href="/documents/' not in r.text


def test_exports(client: TestClient, demo_store: Store, main_incident: Incident) -> None:
    listed = {i["id"] for i in client.get("/api/incidents").json()["incidents"]}
    r = client.get("/export/json")
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    assert "attachment" in r.headers["content-disposition"]
    exported = Record.model_validate_json(r.text)
    assert {i.id for i in exported.incidents} == listed
    assert main_incident.id in listed
    assert len(exported.documents) == len(demo_store.documents())

    r = client.get("/export/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert r.text.splitlines()[0].split(",") == list(COLUMNS)
    assert len(rows) == len(listed)
    row = next(x for x in rows if x["eventid"] == main_incident.id)
    assert main_incident.killed is not None
    assert row["nkill"] == str(main_incident.killed.value)
    assert (row["iyear"], row["imonth"], row["iday"]) == ("2031", "5", "14")
    assert row["country_txt"] == "Kazakhstan"
    assert "Bombing/Explosion" in (row["attacktype1_txt"], row["attacktype2_txt"])

    md = client.get("/export/md", params={"incident": main_incident.id})
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    assert "railway station attack" in md.text

    one = json.loads(client.get("/export/json", params={"incident": main_incident.id}).text)
    assert [i["id"] for i in one["incidents"]] == [main_incident.id]
    assert {d["id"] for d in one["documents"]} == set(main_incident.documents)

    none = client.get("/export/csv", params={"q": "zeppelinfactory"})
    assert none.text.strip().splitlines() == [",".join(COLUMNS)]


def test_export_bad_requests(client: TestClient) -> None:
    r = client.get("/export/xlsx")
    assert r.status_code == 422 and r.headers["content-type"] == "application/json"
    assert client.get("/export/json", params={"incident": "inc-000000000000"}).status_code == 404
    assert client.get("/export/json", params={"date_to": "yesterday"}).status_code == 422


def test_api_docs_page_lists_every_endpoint(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    page = client.get("/docs")
    assert page.status_code == 200
    assert "<script" not in page.text.lower()
    for path, item in schema["paths"].items():
        for method in item:
            assert f"<code>{method.upper()} {path}</code>" in page.text
    assert "/api/incidents/{incident_id}" in schema["paths"]
    assert "/api/reports/upload" in schema["paths"]


def test_add_page_says_read_only_without_token(demo_store: Store) -> None:
    with client_for(demo_store, token=None) as c:
        page = c.get("/add")
        assert page.status_code == 200
        assert "read-only" in page.text and '<form class="add"' not in page.text
        r = c.post("/add", data={"text": "anything", "token": "x"})
        assert r.status_code == 403


def test_add_page_form_is_labelled(client: TestClient) -> None:
    page = client.get("/add").text
    assert 'enctype="multipart/form-data"' in page
    assert_labelled(page)


def test_favicon_is_empty(client: TestClient) -> None:
    assert client.get("/favicon.ico").status_code == 204


def test_an_older_incident_id_redirects(client: TestClient, main_incident: Incident) -> None:
    other = next(d for d in main_incident.documents if f"inc-{d[:12]}" != main_incident.id)
    old = f"inc-{other[:12]}"
    for prefix in ("", "/api"):
        r = client.get(f"{prefix}/incidents/{old}/evidence/info-killed", follow_redirects=False)
        assert r.status_code == 308
        assert (
            r.headers["location"] == f"{prefix}/incidents/{main_incident.id}/evidence/info-killed"
        )
    r = client.get("/export/json", params={"incident": old}, follow_redirects=False)
    assert r.status_code == 308 and r.headers["location"].endswith(f"incident={main_incident.id}")


def test_form_upload_adds_a_report_and_links_it(writable: TestClient) -> None:
    files = {"files": ("quillan.txt", OTHER_REPORT.encode(), "text/plain")}
    r = writable.post("/add", data={"token": TOKEN}, files=files)
    assert r.status_code == 200, r.text[-500:]
    assert "1 added, 0 already stored, 0 skipped" in r.text
    links = re.findall(r'<a href="(/incidents/[^"]+)">', r.text)
    assert links
    assert "Quillan" in writable.get(links[0]).text
    pasted = writable.post("/add", data={"token": TOKEN, "text": OTHER_REPORT})
    assert "0 added, 1 already stored" in pasted.text
    bad = writable.post(
        "/add", data={"token": TOKEN}, files={"files": ("x.pdf", b"%PDF", "application/pdf")}
    )
    assert bad.status_code == 415 and "unsupported file type" in bad.text
