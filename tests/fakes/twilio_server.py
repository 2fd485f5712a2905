"""A fake Twilio REST API over real HTTP, for the official client to talk to.

It answers ``POST /2010-04-01/Accounts/{sid}/Messages.json`` like Twilio (201 with a
message resource), records every request, can be scripted to answer 429 (with a
Retry-After if wanted), 500 or 400 with Twilio's error codes (a 5xx optionally after
creating the message), can create a message and answer only after the client has
stopped waiting (``answer_delay``), lists messages like ``GET …/Messages.json?To=…``, and
posts signed status callbacks back to the application under test.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import deque
from dataclasses import dataclass, field
from email.utils import format_datetime
from typing import Any
from urllib.parse import urlsplit

import httpx
from aiohttp import web
from twilio.request_validator import RequestValidator

from parentinfo.lib.clock import now
from tests.fakes.twilio_calls import FakeCalls, add_call_routes

ACCOUNT_SID = "AC" + "0" * 32
AUTH_TOKEN = "fake-twilio-auth-token"
FROM_NUMBER = "+3197010000000"


@dataclass
class Scripted:
    """One prepared answer: an HTTP status and, for errors, Twilio's code."""

    status: int
    code: int | None = None
    message: str = "scripted failure"
    created: bool = False  # the message is created anyway, as after a 5xx from a busy Twilio
    retry_after: str | None = None  # a Retry-After header to answer with (seconds or a date)


@dataclass
class FakeTwilio:
    """The server's state: what was asked, what was created, what to answer next."""

    requests: list[dict[str, str]] = field(default_factory=list)
    arrivals: list[float] = field(default_factory=list)  # monotonic time of each create
    doors: list[int] = field(default_factory=list)  # the port each create came in on
    created: list[dict[str, Any]] = field(default_factory=list)
    script: deque[Scripted] = field(default_factory=deque)
    by_number: dict[str, Scripted] = field(default_factory=dict)
    latency: float = 0.0  # seconds before a create is handled (nothing exists meanwhile)
    answer_delay: float = 0.0  # seconds between creating a message and answering
    url: str = ""
    urls: list[str] = field(default_factory=list)  # one address per door; ``url`` is the first
    _sids: Any = field(default_factory=lambda: itertools.count(1))
    calls: FakeCalls = field(default_factory=FakeCalls)  # the Calls API: tests.fakes.twilio_calls

    def answer_next(self, *answers: Scripted) -> None:
        """Answer the next create requests with these, in order, then normally again."""
        self.script.extend(answers)

    def fail_number(self, number: str, status: int = 400, code: int | None = 21610) -> None:
        """Always refuse messages to ``number`` with this status and code."""
        self.by_number[number] = Scripted(status, code)

    def sent_to(self, number: str) -> list[dict[str, Any]]:
        """The messages created for ``number``."""
        return [message for message in self.created if message["to"] == number]

    async def handle_create(self, request: web.Request) -> web.Response:
        """``POST …/Messages.json``."""
        self.arrivals.append(time.monotonic())
        self.doors.append(_door(request))
        form = {key: str(value) for key, value in (await request.post()).items()}
        self.requests.append(form)
        if self.latency:
            await asyncio.sleep(self.latency)
        scripted = self.by_number.get(form.get("To", "")) or (
            self.script.popleft() if self.script else None
        )
        if scripted is not None and not scripted.created:
            return _error(scripted)
        message = _resource(form, sid=f"SM{next(self._sids):032x}")
        self.created.append(message)
        if self.answer_delay:
            # Created, but the answer comes late: a client that stops waiting never hears.
            await asyncio.sleep(self.answer_delay)
        if scripted is not None:
            return _error(scripted)
        return web.json_response(message, status=201)

    async def handle_list(self, request: web.Request) -> web.Response:
        """``GET …/Messages.json?To=…``: newest first, like Twilio."""
        to = request.query.get("To")
        found = [m for m in reversed(self.created) if to is None or m["to"] == to]
        return web.json_response(
            {"messages": found[:50], "next_page_uri": None, "page": 0, "page_size": 50}
        )

    async def post_status(
        self, client: httpx.AsyncClient, sid: str, status: str, *, error_code: str = ""
    ) -> httpx.Response:
        """Post a status callback for message ``sid``, signed like Twilio signs it."""
        message = next(m for m in self.created if m["sid"] == sid)
        callback = message["_status_callback"]
        params = {
            "MessageSid": sid,
            "MessageStatus": status,
            "AccountSid": ACCOUNT_SID,
            "To": message["to"],
            "From": FROM_NUMBER,
        }
        if error_code:
            params["ErrorCode"] = error_code
        signature = RequestValidator(AUTH_TOKEN).compute_signature(callback, params)
        parts = urlsplit(callback)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        return await client.post(path, data=params, headers={"X-Twilio-Signature": signature})


def _resource(form: dict[str, str], *, sid: str) -> dict[str, Any]:
    stamp = format_datetime(now())
    return {
        "sid": sid,
        "account_sid": ACCOUNT_SID,
        "to": form.get("To", ""),
        "from": form.get("From"),
        "messaging_service_sid": form.get("MessagingServiceSid"),
        "body": form.get("Body", ""),
        "status": "queued",
        "num_segments": "1",
        "direction": "outbound-api",
        "date_created": stamp,
        "date_updated": stamp,
        "date_sent": None,
        "error_code": None,
        "error_message": None,
        "uri": f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/{sid}.json",
        "_status_callback": form.get("StatusCallback", ""),
    }


def _door(request: web.Request) -> int:
    """The local port a request came in on: which of the fake's addresses the caller used."""
    sockname = request.transport.get_extra_info("sockname") if request.transport else None
    return int(sockname[1]) if sockname else 0


def _error(scripted: Scripted) -> web.Response:
    body = {
        "code": scripted.code,
        "message": scripted.message,
        "more_info": f"https://www.twilio.com/docs/errors/{scripted.code}",
        "status": scripted.status,
    }
    headers = {"Retry-After": scripted.retry_after} if scripted.retry_after is not None else None
    return web.json_response(body, status=scripted.status, headers=headers)


async def start_fake_twilio(doors: int = 1) -> tuple[FakeTwilio, web.AppRunner]:
    """Serve a fresh fake on 127.0.0.1 at free ports; ``fake.url`` is its (first) address.

    With ``doors`` above one the same fake answers on that many ports (``fake.urls``), so
    callers given different addresses can be told apart afterwards (``fake.doors``).
    """
    fake = FakeTwilio()
    app = web.Application()
    path = f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json"
    app.router.add_post(path, fake.handle_create)
    app.router.add_get(path, fake.handle_list)
    add_call_routes(app, fake.calls)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    for _ in range(doors):
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        fake.urls.append(f"http://127.0.0.1:{port}")
    fake.url = fake.urls[0]
    return fake, runner
