"""``make bench-web``: load on the incident page, 20 concurrent clients for 30 s on loopback.

Starts ``incidentdesk serve`` in its own process on a free loopback port (over the demo, ingested
into a temporary database, or over ``--db``), waits until it answers, then runs ``--clients``
asyncio clients (keep-alive HTTP/1.1) that each request the page back to back for ``--duration`` seconds after a
short warm-up. Prints requests/s and latency percentiles; every answer must be 200.

    python -m incidentdesk.bench.load [--db URL] [--clients 20] [--duration 30] [--path /incidents/ID]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from incidentdesk.web.server import free_port

REPO = Path(__file__).resolve().parents[3]
DEMO = REPO / "examples" / "demo"


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    body_bytes: int = 0
    statuses: dict[int, int] = field(default_factory=dict)


def percentile(values: list[float], pct: float) -> float:
    """The ``pct`` percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


class BadResponse(Exception):
    """An answer the client cannot read (no Content-Length, connection closed ...)."""


async def _get(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> tuple[int, int]:
    """One keep-alive HTTP/1.1 GET: the status code and body size (the body is dropped)."""
    writer.write(request)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    length = None
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    if length is None and status in (204, 304):
        length = 0
    if length is None:
        raise BadResponse("no Content-Length")
    await reader.readexactly(length)
    return status, length


async def _client(host: str, port: int, path: str, until: float, tally: Tally) -> None:
    """Requests back to back on one keep-alive connection (reconnecting after an error).

    A bare asyncio client rather than httpx: its own cost per request is a few microseconds,
    so on a small machine the numbers measure the server, not the client.
    """
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUser-Agent: incidentdesk-load\r\n"
        "Accept: text/html\r\n\r\n"
    ).encode("latin-1")
    writer: asyncio.StreamWriter | None = None
    reader: asyncio.StreamReader | None = None
    while time.perf_counter() < until:
        if writer is None or reader is None:
            reader, writer = await asyncio.open_connection(host, port)
        start = time.perf_counter()
        try:
            code, size = await _get(reader, writer, request)
        except (OSError, asyncio.IncompleteReadError, BadResponse, ValueError, IndexError):
            tally.errors += 1
            writer.close()
            writer = reader = None
            continue
        tally.latencies.append(time.perf_counter() - start)
        tally.statuses[code] = tally.statuses.get(code, 0) + 1
        tally.body_bytes = size
    if writer is not None:
        writer.close()


async def run_load(
    host: str, port: int, path: str, clients: int, duration: float, warmup: float
) -> tuple[Tally, float]:
    """Warm up, then ``clients`` concurrent loops for ``duration`` s: (tally, elapsed)."""
    if warmup > 0:
        scratch = Tally()
        end = time.perf_counter() + warmup
        await asyncio.gather(*(_client(host, port, path, end, scratch) for _ in range(clients)))
    tally = Tally()
    start = time.perf_counter()
    until = start + duration
    await asyncio.gather(*(_client(host, port, path, until, tally) for _ in range(clients)))
    return tally, time.perf_counter() - start


def _wait_ready(base: str, process: subprocess.Popen[bytes], timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with status {process.returncode}")
        try:
            if httpx.get(f"{base}/api/status", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer on {base} within {timeout:.0f} s")


def _demo_db(folder: Path) -> str:
    url = f"sqlite:///{folder / 'demo.db'}"
    subprocess.run(
        [sys.executable, "-m", "incidentdesk.cli", "ingest", str(DEMO), "--db", url, "-q"],
        check=True,
    )
    return url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="Database URL to serve (default: the demo, ingested).")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=30.0, help="Seconds of measured load.")
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--path", help="Page to load (default: the incident with most reports).")
    args = parser.parse_args(argv)
    if args.clients < 1 or args.duration <= 0:
        parser.error("--clients must be >= 1 and --duration > 0")

    with tempfile.TemporaryDirectory(prefix="incidentdesk-load-") as tmp:
        url = args.db or _demo_db(Path(tmp))
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {k: v for k, v in os.environ.items() if k != "INCIDENTDESK_TOKEN"}
        command = [sys.executable, "-m", "incidentdesk.cli", "serve", "--db", url]
        server = subprocess.Popen([*command, "--port", str(port)], env=env)
        try:
            _wait_ready(base, server)
            path = args.path
            if path is None:
                listing = httpx.get(f"{base}/api/incidents", timeout=30.0).json()["incidents"]
                if not listing:
                    print("no incident to load", file=sys.stderr)
                    return 1
                path = max(listing, key=lambda i: i["documents"])["url"]
            tally, elapsed = asyncio.run(
                run_load("127.0.0.1", port, path, args.clients, args.duration, args.warmup)
            )
        finally:
            server.terminate()
            server.wait(timeout=30)

    done = len(tally.latencies)
    ms = [x * 1000 for x in tally.latencies]
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(
        f"page: {path}, {tally.body_bytes:,} bytes "
        f"({args.clients} clients, {args.duration:g} s after {args.warmup:g} s warm-up)"
    )
    print(
        f"requests: {done} ({done / elapsed:.1f} req/s), errors: {tally.errors}, status: {tally.statuses}"
    )
    if ms:
        print(
            f"latency ms: p50 {percentile(ms, 50):.1f}, p95 {percentile(ms, 95):.1f}, "
            f"p99 {percentile(ms, 99):.1f}, max {max(ms):.1f}, mean {statistics.fmean(ms):.1f}"
        )
    ok = tally.errors == 0 and set(tally.statuses) == {200}
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
