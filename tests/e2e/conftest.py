"""Browser tests: the demo served on a free loopback port, driven in Debian's headless Chromium.

Skipped, with the reason, when ``/usr/bin/chromium`` or the playwright package is missing
(``.ci/run`` installs Chromium on CI).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from incidentdesk.bench.browser import launch, missing_reason
from incidentdesk.store import Store
from incidentdesk.web import create_app
from incidentdesk.web.config import WebConfig
from incidentdesk.web.server import BackgroundServer
from tests.web.conftest import TOKEN, copy_store, demo_store, main_incident, web_demo

__all__ = ["demo_store", "main_incident", "web_demo"]  # fixtures shared with tests/web

_REASON = missing_reason()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)
            if _REASON:
                item.add_marker(pytest.mark.skip(reason=_REASON))


@pytest.fixture(scope="module")
def server(demo_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A writable copy of the demo, served with the test token; yields the base URL."""
    store = copy_store(demo_store, tmp_path_factory.mktemp("e2e") / "e2e.db")
    app = create_app(config=WebConfig(store_url=store.url, token=TOKEN), store=store)
    with BackgroundServer(app) as running:
        yield running.url
    store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = launch(pw)
        yield chromium
        chromium.close()


class Watch:
    """What a page did that it should not: dialogs, uncaught errors."""

    def __init__(self) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def page(browser: Any, watch: Watch) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(30_000)

    def on_dialog(dialog: Any) -> None:
        watch.dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    tab.on("pageerror", lambda exc: watch.errors.append(str(exc)))
    yield tab
    context.close()


@pytest.fixture
def no_js_page(browser: Any) -> Iterator[Any]:
    """A page with JavaScript switched off: reading must work without it."""
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1200, "height": 900}
    )
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()


@pytest.fixture
def later_report() -> Path:
    from tests.conftest import LATER

    return LATER / "06_kendyrlik_courier_toll_revised.txt"
