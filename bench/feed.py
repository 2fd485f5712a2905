"""An organisation's feed of 1,000 events: a full build, and a 304, against /ping on the same server."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import httpx

from bench import seed, seeding
from bench.report import Figure
from bench.server import bench_env, postgres_database, run_cli, running_server


def _timed(
    client: httpx.Client, url: str, rounds: int, headers: dict[str, str] | None = None
) -> list[float]:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        response = client.get(url, headers=headers or {})
        times.append((time.perf_counter() - started) * 1000)
        response.raise_for_status() if response.status_code != 304 else None
    return times


async def _seed_feed() -> None:
    org = await seed.organisation()
    await seed.events(org, 1000)


def run(rounds: int = 30) -> list[Figure]:
    """Median time to build and serve the feed, and to answer a conditional request with 304."""
    with postgres_database() as url, tempfile.TemporaryDirectory() as tmp:
        env = bench_env(url, Path(tmp))
        run_cli(env, "migrate")
        seeding.seed(url, _seed_feed)
        with (
            running_server(env) as server,
            httpx.Client(base_url=server.base_url, timeout=30) as client,
        ):
            feed = f"{server.base_url}/calendar/bench-school.ics"
            first = client.get(feed)
            first.raise_for_status()
            events = first.text.count("BEGIN:VEVENT")
            etag = first.headers.get("etag", "")
            ping = statistics.median(_timed(client, "/ping", rounds))
            build = statistics.median(_timed(client, feed, rounds))
            not_modified = statistics.median(_timed(client, feed, rounds, {"If-None-Match": etag}))
            status = client.get(feed, headers={"If-None-Match": etag}).status_code
    return [
        Figure("feed of 1,000 events: build and serve (median)", build, "ms", "< 150 ms", build < 150 and events == 1000,
               f"/ping {ping:.1f} ms", f"{events} VEVENTs, {len(first.content) / 1024:,.0f} KiB"),
        Figure("feed: conditional request answered 304 (median)", not_modified, "ms", "< 5 ms",
               not_modified < 5 and status == 304, f"/ping {ping:.1f} ms", f"status {status}"),
    ]  # fmt: skip
