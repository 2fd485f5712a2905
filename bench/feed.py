"""An organisation's feed of 1,000 events, beside icalendar serialising the same events.

The floor is built in this process from the feed itself: every VEVENT (and VTIMEZONE) read
back, rebuilt property by property into a fresh calendar, and serialised by icalendar, the
library the feed is written with. A 304 is judged against /ping on the same server.
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

import httpx
import icalendar
import psycopg

from bench import seed, seeding
from bench.report import Figure
from bench.server import bench_env, postgres_database, run_cli, running_server
from parentinfo.calendar.feedrows import ORG_VERSION
from parentinfo.calendar.feeds import HISTORY


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


def rebuild(served: icalendar.Calendar) -> bytes:
    """The same calendar built in memory, component by component, and serialised."""
    calendar = icalendar.Calendar()
    for name, value in served.items():
        calendar.add(name, value)
    for component in served.subcomponents:
        fresh = icalendar.Event() if component.name == "VEVENT" else component
        if component.name == "VEVENT":
            for name, value in component.items():
                fresh.add(name, value)
        calendar.add_component(fresh)
    return bytes(calendar.to_ical())


def icalendar_floor_ms(text: bytes, rounds: int) -> float:
    """The median time icalendar needs to build and serialise the feed's events."""
    served = icalendar.Calendar.from_ical(text)
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        rebuild(served)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def version_query_ms(url: str, rounds: int) -> float:
    """The median time of the one query a 304 needs (the feed's version), by psycopg alone."""
    since = dt.datetime.now(dt.UTC) - HISTORY
    sql = ORG_VERSION.replace(":slug", "%(slug)s").replace(":since", "%(since)s")
    times = []
    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as conn:
        for _ in range(rounds):
            started = time.perf_counter()
            conn.execute(sql, {"slug": "bench-school", "since": since}).fetchall()
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


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
            floor = icalendar_floor_ms(first.content, rounds)
            version = version_query_ms(url, rounds)
    over_floor, over_ping = build / floor, not_modified / ping
    return [
        Figure("feed of 1,000 events: build and serve (median)", f"{build:.1f} ms",
               f"icalendar building and serialising the same {events} events in memory: {floor:.1f} ms",
               over_floor, "≤ 1.5 ×", over_floor <= 1.5 and events == 1000,
               f"{len(first.content) / 1024:,.0f} KiB, {rounds} rounds"),
        Figure("feed: conditional request answered 304 (median)", f"{not_modified:.2f} ms",
               f"/ping {ping:.2f} ms", over_ping, "≤ 2 ×", over_ping <= 2 and status == 304,
               f"status {status}; its version query alone (psycopg) {version:.2f} ms"),
    ]  # fmt: skip
