"""Dispatch rate at a fake Twilio answering after 50 ms, with SMS_RATE=100 over two workers.

Run twice: with every call accepted, and with one call in ten refused with a 429 (the
message must then be sent later, exactly once).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from tests.fakes.twilio_server import ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER

from bench.faketwilio import FakeInThread
from bench.report import Figure
from bench.server import bench_env, peak_rss_mb, postgres_database, running_server
from bench.workload import prepare, quiet_hours_elsewhere

RATE = 100
COUNT = 1500
LATENCY = 0.05


def worker_env(url: str, folder: Path, twilio: FakeInThread, rate: float) -> dict[str, str]:
    """A server and its separate workers sending SMS to the fake."""
    return bench_env(
        url, folder, EMBEDDED_WORKER="false", SMS_BACKEND="twilio", TWILIO_ACCOUNT_SID=ACCOUNT_SID,
        TWILIO_AUTH_TOKEN=AUTH_TOKEN, TWILIO_FROM=FROM_NUMBER, TWILIO_API_BASE=twilio.fake.url,
        SMS_RATE=str(rate), QUIET_HOURS=quiet_hours_elsewhere(), WORKER_POLL_SECONDS="0.2",
    )  # fmt: skip


def drain(
    env: dict[str, str], twilio: FakeInThread, count: int, *, workers: int, timeout: float
) -> tuple[list[tuple[float, int]], float]:
    """Run ``workers`` workers until the fake has ``count`` messages; samples and peak RSS."""
    started = [
        subprocess.Popen([sys.executable, "-m", "parentinfo", "worker"], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(workers)
    ]  # fmt: skip
    samples: list[tuple[float, int]] = []
    try:
        deadline = time.monotonic() + timeout
        while twilio.created() < count and time.monotonic() < deadline:
            samples.append((time.monotonic(), twilio.created()))
            time.sleep(0.1)
        samples.append((time.monotonic(), twilio.created()))
        time.sleep(1.0)  # a duplicate would come after the last first send
        memory = max(peak_rss_mb(w.pid) for w in started)
    finally:
        for worker in started:
            worker.send_signal(signal.SIGTERM)
        for worker in started:
            worker.wait(timeout=30)
    return samples, memory


def steady_rate(samples: list[tuple[float, int]], count: int) -> float:
    """From the sample where 5 % had gone to the one where 95 % had."""
    low = next((s for s in samples if s[1] >= count * 0.05), None)
    high = next((s for s in samples if s[1] >= count * 0.95), None)
    if not (low and high and high[0] > low[0]):
        return 0.0
    return (high[1] - low[1]) / (high[0] - low[0])


def _dispatch(refuse: bool) -> tuple[float, int, int, int]:
    """The steady rate, messages accepted, duplicates, and calls the fake refused."""
    twilio = FakeInThread(LATENCY, refuse_every_tenth=refuse)
    with postgres_database() as url, tempfile.TemporaryDirectory() as tmp:
        env = worker_env(url, Path(tmp), twilio, RATE)
        work = prepare(env, url, contacts=COUNT, invite=False)
        with running_server(env) as server:
            httpx.post(
                f"{server.base_url}/api/v1/events/{work.event_id}/outreach/send",
                json={}, headers=work.headers, timeout=300,
            ).raise_for_status()  # fmt: skip
        samples, _ = drain(env, twilio, COUNT, workers=2, timeout=COUNT / RATE * 4 + 60)
    refused = len(twilio.fake.requests) - twilio.created()
    return steady_rate(samples, COUNT), twilio.created(), twilio.duplicates(), refused


def run() -> list[Figure]:
    """Both runs: all accepted, and one call in ten answered 429."""
    figures = []
    for refuse, goal in ((False, 0.98), (True, 0.9)):
        achieved, sent, duplicates, refused = _dispatch(refuse)
        ratio = achieved / RATE
        once = sent == COUNT and duplicates == 0
        label = "a 429 to one call in ten" if refuse else "every call accepted"
        figures.append(
            Figure(f"dispatch, {label}: SMS/s (2 workers, Twilio +50 ms)", f"{achieved:,.1f}/s",
                   f"SMS_RATE {RATE}/s", ratio, f"≥ {goal} ×, each sent once",
                   ratio >= goal and achieved <= RATE * 1.05 and once,
                   f"{sent:,} of {COUNT:,} accepted by the fake, {duplicates} twice, {refused} refused")
        )  # fmt: skip
    return figures
