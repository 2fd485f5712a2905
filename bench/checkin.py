"""A check-in at the door through the API on PostgreSQL: p99 at half of the measured maximum.

The maximum comes first (wrk over distinct invitations), then check-ins and /ping are sent
at half of it, open loop, and their p99 compared.
"""

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

COUNT = 8000
SECONDS = 8


def run() -> list[Figure]:
    """The maximum rate, then p99 at half of it beside /ping's p99 at the same rate."""
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
            script = load.wrk_script(checkins[: COUNT // 2], Path(tmp), "checkin")
            most = load.wrk(path, seconds=SECONDS, script=script)
            half = max(1.0, most.requests_per_second / 2)
            paced = checkins[COUNT // 2 :][: int(half * SECONDS)]
            pings: list[load.Request] = [("GET", f"{server.base_url}/ping", {}, b"")] * len(paced)
            ceiling = asyncio.run(load.paced(pings, rate=half))
            measured = asyncio.run(load.paced(paced, rate=half))
            listed = httpx.get(
                f"{server.base_url}/api/v1/events/{work.event_id}/attendance/headcount",
                headers=work.headers,
            ).json()
    ratio = measured.p99_ms / ceiling.p99_ms
    return [
        Figure("check-in at the door: p99 at half of its maximum (PostgreSQL)", f"{measured.p99_ms:.1f} ms",
               f"/ping p99 at the same rate {ceiling.p99_ms:.1f} ms", ratio, "≤ 5 ×",
               ratio <= 5 and measured.errors == 0 and most.non_2xx == 0,
               f"maximum {most.requests_per_second:,.0f}/s ({most.non_2xx} non-2xx); {measured.sent:,} at "
               f"{half:,.0f}/s, p50 {measured.p50_ms:.1f} ms, {measured.errors} errors; "
               f"headcount {listed.get('total_people', '?')}"),
    ]  # fmt: skip
