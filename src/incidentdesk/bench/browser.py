"""Headless Chromium for the browser tests and screenshots: Debian's build, driven by Playwright.

The browser is never downloaded (no ``playwright install``): ``/usr/bin/chromium`` is used, with
the flags that keep it from reaching out to a network it does not have.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

CHROMIUM_ENV = "INCIDENTDESK_CHROMIUM"
"""Environment variable that names another Chromium binary."""

CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium_path() -> Path | None:
    """Where Chromium is (``$INCIDENTDESK_CHROMIUM``, ``/usr/bin/chromium``), or None."""
    named = os.environ.get(CHROMIUM_ENV)
    candidates = [named] if named else []
    candidates += ["/usr/bin/chromium", shutil.which("chromium") or ""]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return Path(candidate)
    return None


def missing_reason() -> str | None:
    """Why the browser cannot run here (None when it can)."""
    if chromium_path() is None:
        return (
            "headless Chromium not found at /usr/bin/chromium: install Debian's `chromium` "
            f"package (apt-get install chromium) or set ${CHROMIUM_ENV}"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed (requirements/dev.txt)"
    return None


def launch(playwright: Any) -> Any:
    """Launch Chromium headless with ``playwright`` (a ``sync_playwright()`` object)."""
    path = chromium_path()
    if path is None:
        raise RuntimeError(missing_reason())
    return playwright.chromium.launch(
        executable_path=str(path), headless=True, args=list(CHROMIUM_ARGS)
    )
