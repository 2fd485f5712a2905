"""A check-in at the door through the API on PostgreSQL: p99, beside /ping's p99 in the same run."""

from __future__ import annotations

import asyncio
import json
import tempfile
from pathlib import Path

import httpx

from bench import load
from bench.report import Figure
from bench.server import bench_env, postgres_database, running_server
from bench.workload import prepare

COUNT = 600
RATE = 50.0  # a busy door: far above what volunteers tap, well below the server's maximum


def run() -> list[Figure]:
    """Check in COUNT invitations at a steady rate; the ceiling is /ping at the same rate."""
    with postgres_database() as url, tempfile.TemporaryDirectory() as tmp:
        env = bench_env(url, Path(tmp))
        work = prepare(env, url, contacts=COUNT, invite=True)
        with running_server(env) as server:
            headers = {**work.headers, "Content-Type": "application/json"}
            path = f"{server.base_url}/api/v1/events/{work.event_id}/attendance/checkins"
            checkins = [
                ("POST", path, headers, json.dumps({"invitation_id": i, "party_size": 2}).encode())
                for i in work.invitation_ids
            ]
            pings = [("GET", f"{server.base_url}/ping", {}, b"")] * COUNT
            ceiling = asyncio.run(load.paced(pings, rate=RATE))
            measured = asyncio.run(load.paced(checkins, rate=RATE))
            listed = httpx.get(
                f"{server.base_url}/api/v1/events/{work.event_id}/attendance/headcount",
                headers=work.headers,
            ).json()
    return [
        Figure("check-in at the door: p99 (PostgreSQL)", measured.p99_ms, "ms", "< 30 ms",
               measured.p99_ms < 30 and measured.errors == 0, f"/ping p99 {ceiling.p99_ms:.1f} ms",
               f"p50 {measured.p50_ms:.1f} ms, {measured.sent} check-ins at {RATE:.0f}/s, "
               f"{measured.errors} errors; headcount {listed.get('total_people', '?')}"),
    ]  # fmt: skip
