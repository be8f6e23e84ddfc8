"""Hostile input and access: headers, escaping, path traversal, hosts, who may read and write."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from incidentdesk.model import Incident
from incidentdesk.store import Store
from incidentdesk.web import create_app, service
from incidentdesk.web.config import WebConfig, is_loopback
from incidentdesk.web.security import CSP

from .conftest import ELSEWHERE, HOSTILE_REPORT, LOOPBACK, TOKEN, client_for

BIG_LINE = 5_000_000


def test_every_response_has_the_security_headers(
    client: TestClient, main_incident: Incident
) -> None:
    for url in (
        "/",
        f"/incidents/{main_incident.id}",
        "/api/incidents",
        "/static/app.css",
        "/incidents/inc-000000000000",
        "/export/csv",
        "/docs",
    ):
        r = client.get(url)
        assert r.headers["content-security-policy"] == CSP, url
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["referrer-policy"] == "no-referrer"
    assert "script-src" not in CSP and "default-src 'none'" in CSP
    assert "unsafe-inline" not in CSP and "frame-ancestors 'none'" in CSP


def test_pages_carry_no_script_and_no_inline_handlers(
    client: TestClient, main_incident: Incident
) -> None:
    for url in ("/", f"/incidents/{main_incident.id}", "/documents", "/add", "/docs"):
        html = client.get(url).text
        assert "<script" not in html.lower(), url
        assert not re.search(r"\son[a-z]+\s*=", html), url
        assert "style=" not in html, url  # the CSP would block inline styles anyway


@pytest.mark.parametrize(
    "url",
    [
        "/static/../pyproject.toml",
        "/static/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
        "/static/..%2f..%2f..%2fpyproject.toml",
        "/static/%2e%2e%2fconfig.py",
        "/static//etc/passwd",
    ],
)
def test_no_path_traversal(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 404
    assert "[project]" not in r.text and "root:" not in r.text and "WebConfig" not in r.text


def test_unknown_host_header_is_refused(demo_store: Store) -> None:
    with client_for(demo_store, allowed_hosts=frozenset({"127.0.0.1", "localhost"})) as c:
        assert c.get("/", headers={"host": "127.0.0.1:8000"}).status_code == 200
        assert c.get("/", headers={"host": "localhost"}).status_code == 200
        r = c.get("/", headers={"host": "attacker.example:8000"})
        assert r.status_code == 400 and r.headers["content-security-policy"] == CSP


def test_reading_from_another_machine_needs_the_token(demo_store: Store) -> None:
    app = create_app(config=WebConfig(store_url=demo_store.url, token=TOKEN), store=demo_store)
    with TestClient(app, client=ELSEWHERE) as c:
        r = c.get("/api/incidents")
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        assert c.get("/").status_code == 401
        ok = c.get("/api/incidents", headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 200
    closed = create_app(config=WebConfig(store_url=demo_store.url), store=demo_store)
    with TestClient(closed, client=ELSEWHERE) as c:
        assert c.get("/api/status").status_code == 403
    with TestClient(closed, client=LOOPBACK) as c:
        assert c.get("/api/status").status_code == 200


def test_is_loopback() -> None:
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.8.9.1", "::1", "[::1]", "localhost"))
    assert not any(is_loopback(h) for h in ("10.0.0.1", "0.0.0.0", "example.com", None, ""))


def test_form_writes_need_the_token(writable: TestClient) -> None:
    r = writable.post("/add", data={"text": "A note about nothing.", "token": "wrong"})
    assert r.status_code == 401
    assert "token" in r.text and 'role="alert"' in r.text
    r = writable.post("/add", data={"text": "   ", "token": TOKEN})
    assert r.status_code == 400 and "nothing to add" in r.text


def test_hostile_report_shows_as_text(writable: TestClient) -> None:
    big = "\n\n" + "x" * BIG_LINE + "\n"
    data = (HOSTILE_REPORT + big).encode("utf-8")
    files = {"files": ("hostile<script>.txt", data, "text/plain")}
    r = writable.post(
        "/api/reports/upload", files=files, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert r.status_code == 201, r.text[:500]
    body = r.json()
    (doc_id,) = body["added"]
    doc = writable.get(f"/api/documents/{doc_id}").json()
    assert doc["document"]["source"] == "upload:hostile_script_.txt"
    assert len(doc["text"]) > BIG_LINE
    pages = [
        writable.get(f"/documents/{doc_id}").text,
        writable.get("/documents").text,
        *(writable.get(f"/incidents/{i}").text for i in body["incidents"]),
        writable.get("/").text,
    ]
    for page in pages:
        assert "<script" not in page.lower()
        assert "<iframe" not in page.lower()
        images = re.findall(r"<img\b[^>]*>", page, re.IGNORECASE)
        assert all(re.search(r'src="/incidents/[^/"]+/chart\.svg"', i) for i in images)
        assert not re.search(r"<[a-zA-Z][^<>]*\son[a-z]+\s*=", page)
        assert 'href="javascript:' not in page.lower()
    document_page = pages[0]
    assert "&lt;script&gt;window.__pwned = &#39;body&#39;&lt;/script&gt;" in document_page
    assert "onerror=&#34;window.__pwned" in document_page or "onerror=&quot;" in document_page
    assert "x" * 1000 in document_page


def test_chart_is_served_as_an_isolated_image(
    writable: TestClient, main_incident: Incident, monkeypatch: pytest.MonkeyPatch
) -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120"><text>k</text></svg>'
    monkeypatch.setattr(service, "chart_svg", lambda incident, documents=None: svg)
    page = writable.get(f"/incidents/{main_incident.id}").text
    assert f'<img src="/incidents/{main_incident.id}/chart.svg"' in page
    assert 'width="300" height="120"' in page
    r = writable.get(f"/incidents/{main_incident.id}/chart.svg")
    assert r.status_code == 200 and r.headers["content-type"] == "image/svg+xml"
    assert "script" not in r.headers["content-security-policy"]
    assert r.text == svg


def test_no_chart_means_no_image(
    demo_store: Store, main_incident: Incident, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "chart_svg", lambda incident, documents=None: None)
    with client_for(demo_store) as c:
        assert "chart.svg" not in c.get(f"/incidents/{main_incident.id}").text
        assert c.get(f"/incidents/{main_incident.id}/chart.svg").status_code == 404


def test_pasted_text_over_one_megabyte_is_refused(writable: TestClient) -> None:
    r = writable.post("/add", data={"token": TOKEN, "text": "x" * 1_100_000})
    assert r.status_code == 400 and "maximum size" in r.text
