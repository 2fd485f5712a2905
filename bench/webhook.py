"""The inbound SMS webhook on PostgreSQL, one server process, against /ping on the same server."""

from __future__ import annotations

import asyncio
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlencode

from twilio.request_validator import RequestValidator

from bench import load, seed, seeding
from bench.report import Figure
from bench.server import bench_env, free_port, postgres_database, run_cli, running_server

TOKEN = "bench-twilio-auth-token-0123456789"
# Enough parents that most requests are a first answer, as after a real send: one event,
# every yes taking places (capacity is set), so yes answers queue on the event's lock.
PARENTS = 3000
REPLIES = ("JA", "TAK 2", "DA", "ДА 3", "NEE", "NIE", "MISSCHIEN", "yes we are 2", "poate", "1")


def _signed_requests(base: str, numbers: list[str], count: int) -> list[tuple[str, dict[str, str]]]:
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


def _wrk_script(requests: list[tuple[str, dict[str, str]]], folder: Path) -> Path:
    """A wrk Lua script replaying distinct signed requests; each thread takes its own share."""
    lines = ["local reqs = {"]
    for body, headers in requests:
        lines.append(f"  {{{_lua(body)}, {_lua(headers['X-Twilio-Signature'])}}},")
    lines += [
        "}",
        "local counter = 0",
        "local threads = {}",
        "offset = 0  -- a global: setup() gives each thread its own value",
        "function setup(thread) table.insert(threads, thread); thread:set('offset', #threads - 1) end",
        "function request()",
        "  local r = reqs[((counter * 2 + offset) % #reqs) + 1]",
        "  counter = counter + 1",
        "  return wrk.format('POST', '/webhooks/twilio/sms', {",
        "    ['Content-Type'] = 'application/x-www-form-urlencoded', ['X-Twilio-Signature'] = r[2]}, r[1])",
        "end",
    ]
    path = folder / "webhook.lua"
    path.write_text("\n".join(lines))
    return path


def _lua(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


async def _seed_contacts() -> list[str]:
    org = await seed.organisation()
    [event] = await seed.events(org, 1)
    people = await seed.contacts(org, PARENTS)
    await seed.invitations(event, people)
    return [p.mobile for p in people if p.mobile]


def run(seconds: int = 8) -> list[Figure]:
    """Maximum requests per second (webhook vs /ping), then p50/p99 at half the webhook's maximum."""
    with postgres_database() as url, tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = bench_env(
            url, Path(tmp), SMS_BACKEND="twilio", TWILIO_ACCOUNT_SID="ACbench", TWILIO_AUTH_TOKEN=TOKEN,
            TWILIO_FROM="+3197010000000", PUBLIC_URL=base, TWILIO_API_BASE="http://127.0.0.1:9",
        )  # fmt: skip
        run_cli(env, "migrate")
        numbers = seeding.seed(url, _seed_contacts)
        with running_server(env, port=port):
            ceiling = load.wrk(f"{base}/ping", seconds=seconds)
            requests = _signed_requests(base, numbers, 60_000)
            script = _wrk_script(requests[:40_000], Path(tmp))
            webhook = load.wrk(base + "/webhooks/twilio/sms", seconds=seconds, script=script)
            half = max(1.0, webhook.requests_per_second / 2)
            paced_requests = [
                ("POST", f"{base}/webhooks/twilio/sms",
                 {"Content-Type": "application/x-www-form-urlencoded", **headers}, body.encode())
                for body, headers in requests[40_000 : 40_000 + int(half * seconds)]
            ]  # fmt: skip
            latency = asyncio.run(load.paced(paced_requests, rate=half))
    ratio = webhook.requests_per_second / ceiling.requests_per_second
    return [
        Figure("webhook: requests/s over /ping (PostgreSQL, 1 process)", ratio, "×", "≥ 0.3", ratio >= 0.3,
               f"/ping {ceiling.requests_per_second:,.0f} req/s",
               f"webhook {webhook.requests_per_second:,.0f} req/s, {webhook.non_2xx} non-2xx"),
        Figure("webhook: p50 at half load", latency.p50_ms, "ms", "—", True,
               f"/ping p50 {ceiling.p50_ms:.1f} ms at full load", f"{latency.sent} requests at {half:,.0f}/s"),
        Figure("webhook: p99 at half load", latency.p99_ms, "ms", "< 50 ms", latency.p99_ms < 50,
               f"/ping p99 {ceiling.p99_ms:.1f} ms at full load", f"{latency.errors} errors"),
    ]  # fmt: skip
