"""Benchmark: documents per second for `report` (ingest into a fresh database + build record).

Run with ``make bench``; results go into BENCHMARKS.md by hand, with the machine they ran on.
"""

from __future__ import annotations

import os
import platform
import tempfile
import time
from pathlib import Path

from incidentdesk.annotate.pipeline import load_nlp
from incidentdesk.pipeline import ingest
from incidentdesk.resolve import build_record
from incidentdesk.sources import iter_sources
from incidentdesk.store import Store

REPO = Path(__file__).resolve().parents[3]
SETS = {
    "seeds (../shared/seeds/*.txt)": sorted((REPO.parent / "shared" / "seeds").glob("*.txt")),
    "demo (examples/demo)": [REPO / "examples" / "demo"],
}


def run(paths: list[Path], repeats: int = 3) -> tuple[int, int, float]:
    """(documents, characters, best seconds) for ingest + record over ``paths``."""
    best = float("inf")
    docs = chars = 0
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as tmp, Store(f"sqlite:///{tmp}/b.db") as store:
            start = time.perf_counter()
            ingest(store, iter_sources([str(p) for p in paths]))
            build_record(store)
            best = min(best, time.perf_counter() - start)
            documents = store.documents()
            docs, chars = len(documents), sum(d.chars for d in documents)
    return docs, chars, best


def main() -> None:
    load_nlp()  # model load is a one-off per process; measured separately below
    t0 = time.perf_counter()
    load_nlp.cache_clear()
    load_nlp()
    load = time.perf_counter() - t0
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"spaCy model load: {load:.2f} s (once per process)")
    print("| set | documents | characters | best of 3 (s) | documents/s | characters/s |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, paths in SETS.items():
        if not paths or not all(p.exists() for p in paths):
            print(f"| {name} | skipped: not found | | | | |")
            continue
        docs, chars, secs = run(paths)
        print(
            f"| {name} | {docs} | {chars} | {secs:.2f} | {docs / secs:.2f} | {chars / secs:,.0f} |"
        )


if __name__ == "__main__":
    main()
