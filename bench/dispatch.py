"""Dispatch rate against a fake Twilio answering after 50 ms, with SMS_RATE=100 over two workers."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
from tests.fakes.twilio_server import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    FROM_NUMBER,
    FakeTwilio,
    start_fake_twilio,
)

from bench.report import Figure
from bench.server import bench_env, postgres_database, running_server
from bench.workload import prepare, quiet_hours_elsewhere

RATE = 100
COUNT = 1500
LATENCY = 0.05


class _FakeInThread:
    """The fake Twilio on its own event loop, recording when each message arrived."""

    def __init__(self) -> None:
        self.arrivals: list[float] = []
        self.samples: list[tuple[float, int]] = []
        self.fake: FakeTwilio | None = None
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()
        self._ready.wait(10)

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)
        self.fake, _ = self._loop.run_until_complete(start_fake_twilio())
        self.fake.latency = LATENCY
        original = self.fake.handle_create

        async def timed(request):  # type: ignore[no-untyped-def]
            response = await original(request)
            self.arrivals.append(time.monotonic())
            return response

        self.fake.handle_create = timed  # type: ignore[method-assign]
        self._ready.set()
        self._loop.run_forever()


def run() -> list[Figure]:
    """Queue COUNT invitations, start two workers, measure the steady rate at the fake Twilio."""
    twilio = _FakeInThread()
    assert twilio.fake is not None
    with postgres_database() as url, tempfile.TemporaryDirectory() as tmp:
        env = bench_env(
            url, Path(tmp), EMBEDDED_WORKER="false", SMS_BACKEND="twilio", TWILIO_ACCOUNT_SID=ACCOUNT_SID,
            TWILIO_AUTH_TOKEN=AUTH_TOKEN, TWILIO_FROM=FROM_NUMBER, TWILIO_API_BASE=twilio.fake.url,
            SMS_RATE=str(RATE), QUIET_HOURS=quiet_hours_elsewhere(), WORKER_POLL_SECONDS="0.2",
        )  # fmt: skip
        work = prepare(env, url, contacts=COUNT, invite=False)
        with running_server(env) as server:
            httpx.post(
                f"{server.base_url}/api/v1/events/{work.event_id}/outreach/send",
                json={}, headers=work.headers, timeout=300,
            ).raise_for_status()  # fmt: skip
            workers = [
                subprocess.Popen([sys.executable, "-m", "parentinfo", "worker"], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                for _ in range(2)
            ]  # fmt: skip
            try:
                deadline = time.monotonic() + COUNT / RATE * 4 + 60
                while len(twilio.fake.requests) < COUNT and time.monotonic() < deadline:
                    # Sample the fake's request count: its routes were bound before any wrapping.
                    twilio.samples.append((time.monotonic(), len(twilio.fake.requests)))
                    time.sleep(0.1)
                twilio.samples.append((time.monotonic(), len(twilio.fake.requests)))
            finally:
                for worker in workers:
                    worker.send_signal(signal.SIGTERM)
                for worker in workers:
                    worker.wait(timeout=30)
    # The steady state: from the sample where 5 % had gone to the one where 95 % had.
    low = next((s for s in twilio.samples if s[1] >= COUNT * 0.05), None)
    high = next((s for s in twilio.samples if s[1] >= COUNT * 0.95), None)
    achieved = (high[1] - low[1]) / (high[0] - low[0]) if low and high and high[0] > low[0] else 0.0
    arrivals = [0] * len(twilio.fake.requests)
    ratio = achieved / RATE
    return [
        Figure("dispatch: achieved SMS rate over SMS_RATE=100 (2 workers, Twilio +50 ms)", ratio, "×", "≥ 0.95",
               ratio >= 0.95 and achieved <= RATE * 1.05, f"configured {RATE}/s",
               f"{achieved:,.1f}/s; {len(arrivals):,} of {COUNT:,} sent; requests {len(twilio.fake.requests):,}"),
    ]  # fmt: skip


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    print(run())
