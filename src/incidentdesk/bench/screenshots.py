"""``make screenshots``: PNGs of the incident list, an incident page and an evidence page.

Ingests the demo into a temporary database (or uses ``--db``), serves it on a free loopback
port and photographs the pages in headless Chromium. The PNGs go to ``docs/screenshots/``.

    python -m incidentdesk.bench.screenshots [--db URL] [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from incidentdesk.bench.browser import launch, missing_reason
from incidentdesk.pipeline import ingest
from incidentdesk.sources import iter_sources
from incidentdesk.store import Store
from incidentdesk.web import create_app
from incidentdesk.web.server import BackgroundServer

REPO = Path(__file__).resolve().parents[3]
DEMO = REPO / "examples" / "demo"
VIEWPORT = {"width": 1200, "height": 860}
INCIDENT_VIEWPORT = {"width": 1200, "height": 1450}


def demo_store(folder: Path) -> Store:
    """A store with the bundled demo ingested."""
    store = Store(f"sqlite:///{folder / 'demo.db'}")
    ingest(store, iter_sources([str(DEMO)]))
    return store


def shoot(store: Store, out: Path) -> list[Path]:
    """Serve ``store`` and save the screenshots; return their paths."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    app = create_app(store.url, store=store)
    with BackgroundServer(app) as server, sync_playwright() as pw:
        browser = launch(pw)
        try:
            page = browser.new_page(viewport=VIEWPORT, device_scale_factor=1)
            page.goto(f"{server.url}/")
            saved.append(out / "incidents.png")
            page.screenshot(path=str(saved[-1]))
            link = page.locator("table.list a").first
            if link.count() == 0:
                raise RuntimeError("the database has no incident to photograph")
            link.click()
            page.wait_for_load_state()
            saved.append(out / "incident.png")
            page.set_viewport_size(INCIDENT_VIEWPORT)  # infobox and the chart below it
            page.screenshot(path=str(saved[-1]), full_page=False)
            page.set_viewport_size(VIEWPORT)
            page.locator("#info-killed a.val").click()
            page.wait_for_load_state()
            saved.append(out / "evidence.png")
            page.screenshot(path=str(saved[-1]))
        finally:
            browser.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="Database URL to photograph (default: the demo, ingested).")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args(argv)
    reason = missing_reason()
    if reason:
        print(f"screenshots skipped: {reason}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="incidentdesk-shots-") as tmp:
        store = Store(args.db) if args.db else demo_store(Path(tmp))
        with store:
            for path in shoot(store, args.out):
                print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
