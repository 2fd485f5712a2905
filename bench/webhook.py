"""The inbound SMS webhook on PostgreSQL, one server process, against /ping on the same server."""

from __future__ import annotations

import asyncio
import tempfile
import uuid
from pathlib import Path
from urllib.parse import parse_qs, urlencode

from twilio.request_validator import RequestValidator

from bench import load, seed, seeding, sqlfloor
from bench.report import Figure
from bench.server import bench_env, free_port, postgres_database, run_cli, running_server

TOKEN = "bench-twilio-auth-token-0123456789"
# Enough parents that most requests are a first answer, as after a real send: one event,
# every yes taking places (capacity is set), so yes answers queue on the event's lock.
PARENTS = 3000
CONNECTIONS = 32  # wrk's connections, and the floor's concurrent clients
POOL = 5  # the server's pool: Tortoise's default maxsize for asyncpg
CAPTURED = 200
REPLIES = ("JA", "TAK 2", "DA", "ДА 3", "NEE", "NIE", "MISSCHIEN", "yes we are 2", "poate", "1")


def signed_requests(base: str, numbers: list[str], count: int) -> list[tuple[str, dict[str, str]]]:
    validator = RequestValidator(TOKEN)
    url = f"{base}/webhooks/twilio/sms"
    made = []
    for index in range(count):
        params = {
            "MessageSid": f"SM{uuid.uuid4().hex}",
            "AccountSid": "ACbench",
            "From": numbers[index % len(numbers)],
            "To": "+3197010000000",
            # Each round through the numbers, every parent answers something else.
            "Body": REPLIES[(index + index // len(numbers)) % len(REPLIES)],
            "NumMedia": "0",
        }
        made.append(
            (urlencode(params), {"X-Twilio-Signature": validator.compute_signature(url, params)})
        )
    return made


async def _seed_contacts() -> list[str]:
    org = await seed.organisation()
    [event] = await seed.events(org, 1)
    people = await seed.contacts(org, PARENTS)
    await seed.invitations(event, people)
    return [p.mobile for p in people if p.mobile]


def posts(base: str, signed: list[tuple[str, dict[str, str]]]) -> list[load.Request]:
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    return [
        ("POST", f"{base}/webhooks/twilio/sms", {**form, **headers}, body.encode())
        for body, headers in signed
    ]


def _sid(request: load.Request) -> str:
    return parse_qs(request[3].decode())["MessageSid"][0]


def run(seconds: int = 8) -> list[Figure]:
    """Webhook, /ping and the SQL floor at full load; then p50/p99 at half the webhook's maximum."""
    with postgres_database() as url, tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = bench_env(
            url, Path(tmp), SMS_BACKEND="twilio", TWILIO_ACCOUNT_SID="ACbench", TWILIO_AUTH_TOKEN=TOKEN,
            TWILIO_FROM="+3197010000000", PUBLIC_URL=base, TWILIO_API_BASE="http://127.0.0.1:9",
            EMBEDDED_WORKER="false",
        )  # fmt: skip
        run_cli(env, "migrate")
        numbers = seeding.seed(url, _seed_contacts)
        requests = signed_requests(base, numbers, 60_000)
        # The statements of CAPTURED replies from as many parents, the same mix of answers.
        sample = posts(base, requests[50_000 : 50_000 + CAPTURED])
        statements = asyncio.run(sqlfloor.capture(env, base, sample))
        templates = [(sent, _sid(r)) for sent, r in zip(statements, sample, strict=True)]
        with running_server(env, port=port):
            ceiling = load.wrk(f"{base}/ping", seconds=seconds, connections=CONNECTIONS)
            script = load.wrk_script(posts(base, requests[:40_000]), Path(tmp), "webhook")
            webhook = load.wrk(
                base + "/webhooks/twilio/sms",
                seconds=seconds,
                script=script,
                connections=CONNECTIONS,
            )
            floor = asyncio.run(
                sqlfloor.replay(url, templates, concurrency=CONNECTIONS, pool_size=POOL,
                                seconds=seconds, fresh=lambda: f"SM{uuid.uuid4().hex}")
            )  # fmt: skip
            print(f"  /ping {ceiling}\n  webhook {webhook}\n  floor {floor}", flush=True)
            half = max(1.0, webhook.requests_per_second / 2)
            paced = posts(base, requests[40_000 : 40_000 + int(half * seconds)])
            latency = asyncio.run(load.paced(paced, rate=half))
    over_floor = webhook.requests_per_second / floor.per_second
    over_ping = webhook.requests_per_second / ceiling.requests_per_second
    spread = latency.p99_ms / latency.p50_ms
    return [
        Figure("webhook: requests/s over the SQL floor (PostgreSQL, 1 process)",
               f"{webhook.requests_per_second:,.0f} req/s",
               f"bare asyncpg pool ({POOL} connections, {CONNECTIONS} clients) replaying the "
               f"{floor.statements:.1f} statements of a reply: {floor.per_second:,.0f} replies/s",
               over_floor, "≥ 0.6 ×", over_floor >= 0.6 and webhook.non_2xx == 0,
               f"{webhook.non_2xx} non-2xx; floor: {floor.done:,} replayed, {floor.errors} errors"),
        Figure("webhook: requests/s over /ping", f"{webhook.requests_per_second:,.0f} req/s",
               f"/ping {ceiling.requests_per_second:,.0f} req/s", over_ping, "— (reported)", True,
               f"wrk, {CONNECTIONS} connections, {seconds} s each"),
        Figure("webhook: p99 over p50 at half of its own maximum", f"p99 {latency.p99_ms:.1f} ms",
               f"its own p50 {latency.p50_ms:.1f} ms", spread, "≤ 5 ×",
               spread <= 5 and latency.errors == 0,
               f"{latency.sent:,} replies at {half:,.0f}/s, {latency.errors} errors"),
    ]  # fmt: skip
