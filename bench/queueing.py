"""Queueing 10,000 invitations over five languages, on SQLite and PostgreSQL, beside a bulk insert.

The floor is the database alone writing what the send wrote: the same 10,000 invitation rows
and 10,000 rendered messages, read back, deleted, and inserted again in one transaction on one
connection. Then a worker sends them all (to a fake Twilio), for its peak memory.
"""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import psycopg
from psycopg.types.json import Jsonb

from bench.dispatch import drain, worker_env
from bench.faketwilio import FakeInThread
from bench.report import Figure
from bench.server import peak_rss_mb, postgres_database, running_server
from bench.workload import prepare

COUNT = 10_000
TABLES = ("invitation", "outbound_message")  # in the order their foreign keys allow


@contextlib.contextmanager
def _database(kind: str, folder: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite://{folder / 'bench.sqlite3'}"
    else:
        with postgres_database() as url:
            yield url


def bulk_insert_seconds(url: str) -> tuple[float, int]:
    """Seconds to insert the send's rows again in one transaction; the rows inserted."""
    if url.startswith("sqlite://"):
        with contextlib.closing(sqlite3.connect(url.removeprefix("sqlite://"))) as lite:
            return _reinsert(lite, "?", lambda v: v)
    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as pg:
        return _reinsert(pg, "%s", lambda v: Jsonb(v) if isinstance(v, dict | list) else v)


def _reinsert(conn: Any, mark: str, adapt: Any) -> tuple[float, int]:
    saved = {}
    for table in TABLES:
        cursor = conn.execute(f"SELECT * FROM {table}")  # noqa: S608 - our own table names
        saved[table] = ([d[0] for d in cursor.description], cursor.fetchall())
    for table in reversed(TABLES):
        conn.execute(f"DELETE FROM {table}")  # noqa: S608
    conn.commit()
    started = time.perf_counter()
    for table, (columns, rows) in saved.items():
        names, marks = ", ".join(columns), ", ".join([mark] * len(columns))
        conn.cursor().executemany(
            f"INSERT INTO {table} ({names}) VALUES ({marks})",  # noqa: S608
            [[adapt(v) for v in row] for row in rows],
        )
    conn.commit()
    return time.perf_counter() - started, sum(len(rows) for _, rows in saved.values())


def _sms_queued(url: str) -> int:
    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as pg:
        row = pg.execute("SELECT count(*) FROM outbound_message WHERE channel = 'sms'").fetchone()
    return int(row[0]) if row else 0


def _queue(kind: str, twilio: FakeInThread) -> dict[str, Any]:
    """Seconds to queue, rows queued, the floor, the server's and a worker's peak memory."""
    with tempfile.TemporaryDirectory() as tmp, _database(kind, Path(tmp)) as url:
        env = worker_env(url, Path(tmp), twilio, rate=2000)
        work = prepare(env, url, contacts=COUNT, invite=False)
        with (
            running_server(env) as server,
            httpx.Client(base_url=server.base_url, timeout=300) as client,
        ):
            client.get("/ping")
            started = time.perf_counter()
            response = client.post(
                f"/api/v1/events/{work.event_id}/outreach/send", json={}, headers=work.headers
            )
            seconds = time.perf_counter() - started
            response.raise_for_status()
            queued = int(response.json().get("queued", 0))
            server_mb = peak_rss_mb(server.process.pid)
        worker_mb = 0.0
        if kind == "postgres":  # the deployment case: a worker sends them all
            sms = _sms_queued(url)
            _, worker_mb = drain(env, twilio, twilio.created() + sms, workers=1, timeout=300)
        floor, rows = bulk_insert_seconds(url)
    return {"seconds": seconds, "queued": queued, "floor": floor, "rows": rows,
            "server_mb": server_mb, "worker_mb": worker_mb}  # fmt: skip


def run() -> list[Figure]:
    """Both databases; the memory figures are PostgreSQL's server and worker processes."""
    figures = []
    twilio = FakeInThread(latency=0.0)
    for kind in ("sqlite", "postgres"):
        got = _queue(kind, twilio)
        ratio = got["seconds"] / got["floor"]
        figures.append(
            Figure(f"queue 10,000 invitations, SMS and email, 5 languages ({kind})",
                   f"{got['seconds']:.2f} s",
                   f"bulk insert of the same {got['rows']:,} rows on one connection: {got['floor']:.2f} s",
                   ratio, "≤ 2 ×", ratio <= 2 and got["queued"] == COUNT,
                   f"{got['queued']:,} messages queued")
        )  # fmt: skip
    figures += [
        Figure("server peak memory after queueing 10,000 (PostgreSQL)", f"{got['server_mb']:.0f} MB",
               "—", None, "reported", True, "VmHWM of the server process"),
        Figure("worker peak memory after sending 10,000 (PostgreSQL)", f"{got['worker_mb']:.0f} MB",
               "—", None, "reported", True, "VmHWM of one `parentinfo worker`, fake Twilio, SMS_RATE 2000"),
    ]  # fmt: skip
    return figures
