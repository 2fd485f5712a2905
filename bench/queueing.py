"""Queueing 10,000 invitations over five languages, on SQLite and PostgreSQL; then the server's memory."""

from __future__ import annotations

import contextlib
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from bench.report import Figure
from bench.server import bench_env, peak_rss_mb, postgres_database, running_server
from bench.workload import prepare, quiet_hours_elsewhere

COUNT = 10_000


@contextlib.contextmanager
def _database(kind: str, folder: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite://{folder / 'bench.sqlite3'}"
    else:
        with postgres_database() as url:
            yield url


def _queue(kind: str) -> tuple[float, int, float, float]:
    """Seconds to queue, rows queued, the server's peak memory, and /ping in ms."""
    with tempfile.TemporaryDirectory() as tmp, _database(kind, Path(tmp)) as url:
        env = bench_env(
            url, Path(tmp), EMBEDDED_WORKER="false", QUIET_HOURS=quiet_hours_elsewhere()
        )
        work = prepare(env, url, contacts=COUNT, invite=False)
        with (
            running_server(env) as server,
            httpx.Client(base_url=server.base_url, timeout=300) as client,
        ):
            started = time.perf_counter()
            client.get("/ping")
            ping_ms = (time.perf_counter() - started) * 1000
            started = time.perf_counter()
            response = client.post(
                f"/api/v1/events/{work.event_id}/outreach/send", json={}, headers=work.headers
            )
            seconds = time.perf_counter() - started
            response.raise_for_status()
            queued = int(response.json().get("queued", 0))
            memory = peak_rss_mb(server.process.pid)
    return seconds, queued, memory, ping_ms


def run() -> list[Figure]:
    """Both databases; the memory figure is PostgreSQL's server process (the deployment case)."""
    figures = []
    memory = 0.0
    for kind in ("sqlite", "postgres"):
        seconds, queued, memory, ping_ms = _queue(kind)
        figures.append(
            Figure(f"queue 10,000 invitations ({kind})", seconds, "s", "< 5 s", seconds < 5 and queued == COUNT,
                   f"/ping {ping_ms:.1f} ms", f"{queued:,} messages queued, 5 languages")
        )  # fmt: skip
    figures.append(
        Figure("server peak memory after queueing 10,000 (PostgreSQL)", memory, "MB", "< 250 MB", memory < 250,
               "", "VmHWM of the server process")
    )  # fmt: skip
    return figures
