"""Fixtures for the web app: the demo served read-only, and writable copies of it."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from incidentdesk.model import Incident, Record
from incidentdesk.resolve import build_record
from incidentdesk.store import Store
from incidentdesk.web import create_app
from incidentdesk.web.config import WebConfig

PREBUILT_ENV = "INCIDENTDESK_TEST_DEMO_DB"
TOKEN = "test-token-0f3a"
LOOPBACK = ("127.0.0.1", 50000)
ELSEWHERE = ("203.0.113.7", 50000)

# A fictional report written for these tests: script tags, event handlers, javascript: links.
HOSTILE_REPORT = (
    "Title: <script>window.__pwned = 'title'</script> Depot fire in Marrowvale\n"
    "Published: 2034-02-11\n"
    "Kind: news\n\n"
    "MARROWVALE, 11 February 2034 — At least 2 people were killed when an incendiary device "
    'set fire to the <b>Marrowvale</b> bus depot, the fire service said. <img src=x onerror="'
    "window.__pwned='img'\"> See <a href=\"javascript:window.__pwned='link'\">the map</a>.\n\n"
    "<script>window.__pwned = 'body'</script><iframe src=\"https://example.invalid/\"></iframe>\n"
)

# Another fictional report, unrelated to the demo.
OTHER_REPORT = (
    "Title: Bomb at Quillan harbour ferry terminal\n"
    "Publisher: Coastline Daily\n"
    "Published: 2035-06-03T09:00:00+01:00\n"
    "Kind: news\n\n"
    "QUILLAN, 3 June 2035 — At least 5 people were killed and 9 injured when a bomb exploded "
    "at the Quillan harbour ferry terminal in Norland on Tuesday, police said.\n"
)


def sqlite_path(store: Store) -> Path:
    database = store.engine.url.database
    assert database, f"not a SQLite file: {store.url}"
    return Path(database)


def copy_store(store: Store, dest: Path) -> Store:
    """A consistent copy of a SQLite store (the backup API copies WAL content too)."""
    source = sqlite3.connect(sqlite_path(store))
    target = sqlite3.connect(dest)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    return Store(f"sqlite:///{dest}")


def client_for(store: Store, token: str | None = TOKEN, **settings: object) -> TestClient:
    config = WebConfig(store_url=store.url, token=token, **settings)  # type: ignore[arg-type]
    return TestClient(create_app(config=config, store=store), client=LOOPBACK)


@pytest.fixture(scope="session")
def web_demo(request: pytest.FixtureRequest) -> tuple[Store, Record]:
    """The demo store and record (``$INCIDENTDESK_TEST_DEMO_DB``: a prebuilt copy, for speed)."""
    prebuilt = os.environ.get(PREBUILT_ENV)
    if prebuilt:
        store = Store(prebuilt)
        return store, build_record(store)
    built: tuple[Store, Record] = request.getfixturevalue("demo_built")
    return built


@pytest.fixture(scope="session")
def demo_store(web_demo: tuple[Store, Record]) -> Store:
    return web_demo[0]


@pytest.fixture(scope="session")
def main_incident(web_demo: tuple[Store, Record]) -> Incident:
    """The demo incident with the most documents (the railway station attack)."""
    return max(web_demo[1].incidents, key=lambda i: len(i.documents))


@pytest.fixture(scope="session")
def client(demo_store: Store) -> Iterator[TestClient]:
    """The demo, served with a token (reads only: do not write through it)."""
    with client_for(demo_store) as c:
        yield c


@pytest.fixture
def writable(demo_store: Store, tmp_path: Path) -> Iterator[TestClient]:
    """A fresh copy of the demo that tests may write to."""
    store = copy_store(demo_store, tmp_path / "copy.db")
    with client_for(store) as c:
        yield c
    store.close()


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[Store]:
    with Store(f"sqlite:///{tmp_path / 'empty.db'}") as store:
        yield store
