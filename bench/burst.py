"""A burst as after a real send, on PostgreSQL: replies over a minute while staff reload the event.

5,000 invitations, then 5,000 signed replies (one per parent, the webhook suite's mix of
answers) paced evenly over 60 s, while five staff members, logged in through the login form,
each reload the event's page once a second. ``--quick`` runs a fifth of it for a smoke test.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench import load, seeding, webhook
from bench.report import Figure
from bench.server import bench_env, free_port, postgres_database, running_server
from bench.workload import prepare
from parentinfo.accounts.models import User
from parentinfo.accounts.passwords import hash_password
from parentinfo.contacts.models import Contact

INVITED = 5000
SECONDS = 60
STAFF = 5
PASSWORD = "bench-staff-password-0123"
_CSRF = re.compile(r'name="_csrf_token" value="([^"]+)"')


async def _numbers_and_login() -> list[str]:
    """The parents' numbers; the coordinator gets a known password (no first-login change)."""
    await User.filter(email="bench@bench.test").update(
        password_hash=hash_password(PASSWORD), must_change_password=False
    )
    return [str(m) for m in await Contact.all().order_by("id").values_list("mobile", flat=True)]


async def _staff(base: str, page: str, stop: asyncio.Event) -> tuple[list[float], int]:
    """One staff member: log in, then reload ``page`` every second until ``stop``."""
    times: list[float] = []
    errors = 0
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        form = await client.get("/login")
        token = _CSRF.search(form.text)
        login = await client.post(
            "/login",
            data={"email": "bench@bench.test", "password": PASSWORD,
                  "_csrf_token": token.group(1) if token else ""},
        )  # fmt: skip
        if login.status_code != 303:
            raise RuntimeError(f"staff login failed: {login.status_code}")
        while not stop.is_set():
            started = time.perf_counter()
            try:
                errors += (await client.get(page)).status_code != 200
            except httpx.HTTPError:  # a page that takes more than 30 s counts as an error
                errors += 1
            times.append((time.perf_counter() - started) * 1000)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=1.0)
    return times, errors


async def _burst(
    base: str, page: str, replies: list[load.Request], rate: float
) -> tuple[load.PacedResult, list[float], int]:
    stop = asyncio.Event()
    staff = [asyncio.create_task(_staff(base, page, stop)) for _ in range(STAFF)]
    await asyncio.sleep(1.5)  # everyone logged in and looking before the replies come
    answered = await load.paced(replies, rate=rate)
    stop.set()
    pages = await asyncio.gather(*staff)
    return answered, [t for times, _ in pages for t in times], sum(e for _, e in pages)


def run(quick: bool = False) -> list[Figure]:
    """The burst; the goals are absolute here: a parent waits for the answer, staff for the page."""
    invited, seconds = (INVITED // 5, SECONDS // 5) if quick else (INVITED, SECONDS)
    with postgres_database() as url, tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = bench_env(
            url, Path(tmp), SMS_BACKEND="twilio", TWILIO_ACCOUNT_SID="ACbench",
            TWILIO_AUTH_TOKEN=webhook.TOKEN, TWILIO_FROM="+3197010000000", PUBLIC_URL=base,
            TWILIO_API_BASE="http://127.0.0.1:9", EMBEDDED_WORKER="false",
        )  # fmt: skip
        work = prepare(env, url, contacts=invited, invite=True)
        numbers = seeding.seed(url, _numbers_and_login)
        replies = webhook.posts(base, webhook.signed_requests(base, numbers, len(numbers)))
        with running_server(env, port=port):
            answered, pages, page_errors = asyncio.run(
                _burst(base, f"/events/{work.event_id}", replies, rate=len(replies) / seconds)
            )
    page_p95 = load.percentile(pages, 0.95)
    errors = answered.errors + page_errors
    label = f"{len(replies):,} replies over {seconds} s"
    return [
        Figure(f"burst: reply p99 ({label}, PostgreSQL)", f"{answered.p99_ms:.0f} ms", "—", None,
               "< 1 s, 0 errors", answered.p99_ms < 1000 and errors == 0,
               f"p50 {answered.p50_ms:.0f} ms; {answered.errors} reply errors"),
        Figure(f"burst: event page p95, {STAFF} staff reloading every second", f"{page_p95:.0f} ms",
               "—", None, "< 300 ms, 0 errors", page_p95 < 300 and errors == 0,
               f"{len(pages):,} page loads, {page_errors} errors, "
               f"p50 {load.percentile(pages, 0.5):.0f} ms"),
    ]  # fmt: skip


if __name__ == "__main__":
    for figure in run(quick="--quick" in sys.argv):
        print(figure)
