"""A fake Twilio REST API over real HTTP, for the official client to talk to.

It answers ``POST /2010-04-01/Accounts/{sid}/Messages.json`` like Twilio (201 with a
message resource), records every request, can be scripted to answer 429 (with a
Retry-After if wanted), 500 or 400 with Twilio's error codes (a 5xx optionally after
creating the message), can create a message and answer only after the client has
stopped waiting (``answer_delay``), lists messages like ``GET …/Messages.json?To=…``, and
posts signed status callbacks back to the application under test.

WhatsApp (the functions under "WhatsApp" below): a ``whatsapp:`` message is created like
an SMS; one sent by ``ContentSid`` must name a template the fake holds
(:meth:`FakeTwilio.add_template`; else 400 / 21655) with exactly its variables (else 400 /
21656), and is stored with the template's text filled in, as Twilio lists it. ``GET
/v1/Content/{sid}`` answers the template, or 404 / 20404. 63016 / 63014 / 63003 are
scripted like any error code (``fail_number("whatsapp:+31…", code=63016)``).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
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
    templates: dict[str, ContentTemplate] = field(default_factory=dict)  # WhatsApp, by sid
    _sids: Any = field(default_factory=lambda: itertools.count(1))

    def add_template(
        self,
        body: str,
        variables: dict[str, str],
        *,
        language: str = "",
        content_type: str = "twilio/text",
    ) -> str:
        """Hold one approved Content template; returns its ContentSid (``HX…``)."""
        sid = f"HX{len(self.templates) + 1:032x}"
        self.templates[sid] = ContentTemplate(sid, body, dict(variables), language, content_type)
        return sid

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
        refused = whatsapp_refusal(self, form)
        if refused is not None:
            return _error(refused)
        message = _resource(form, sid=f"SM{next(self._sids):032x}")
        message["body"] = whatsapp_body(self, form)
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
    app.router.add_get("/v1/Content/{sid}", fake_content_handler(fake))
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    for _ in range(doors):
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        fake.urls.append(f"http://127.0.0.1:{port}")
    fake.url = fake.urls[0]
    return fake, runner


# WhatsApp ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContentTemplate:
    """One Content template the fake holds: its body with {{n}} and its sample variables."""

    sid: str
    body: str
    variables: dict[str, str]
    language: str = ""
    content_type: str = "twilio/text"


def whatsapp_refusal(fake: FakeTwilio, form: dict[str, str]) -> Scripted | None:
    """Twilio's answer to a template send it cannot fill (None when it can, or no template)."""
    sid = form.get("ContentSid")
    if not sid:
        return None
    template = fake.templates.get(sid)
    if template is None:
        return Scripted(400, 21655, "The ContentSid is Invalid")
    try:
        given = json.loads(form.get("ContentVariables") or "{}")
    except ValueError:
        return Scripted(400, 21656, "The ContentVariables Parameter is invalid")
    if not isinstance(given, dict) or set(given) != set(template.variables):
        return Scripted(400, 21656, "The ContentVariables Parameter is invalid")
    if not all(isinstance(v, str) and v.strip() for v in given.values()):
        return Scripted(400, 21656, "The ContentVariables Parameter is invalid")
    return None


def whatsapp_body(fake: FakeTwilio, form: dict[str, str]) -> str:
    """The text a message carries: its Body, or its template with the variables filled in."""
    template = fake.templates.get(form.get("ContentSid") or "")
    if template is None:
        return form.get("Body", "")
    given = json.loads(form.get("ContentVariables") or "{}")
    return re.sub(r"\{\{(\d+)\}\}", lambda m: str(given[m.group(1)]), template.body)


def whatsapp_sent(fake: FakeTwilio) -> list[dict[str, Any]]:
    """The WhatsApp messages created, oldest first."""
    return [m for m in fake.created if str(m["to"]).startswith("whatsapp:")]


def fake_content_handler(fake: FakeTwilio):  # type: ignore[no-untyped-def]
    """``GET /v1/Content/{sid}``: the template as the Content API shows it, or 404 / 20404."""

    async def handle(request: web.Request) -> web.Response:
        template = fake.templates.get(request.match_info["sid"])
        if template is None:
            return _error(Scripted(404, 20404, "The requested resource was not found"))
        return web.json_response(
            {
                "sid": template.sid,
                "account_sid": ACCOUNT_SID,
                "friendly_name": template.sid,
                "language": template.language,
                "variables": template.variables,
                "types": {template.content_type: {"body": template.body}},
                "url": f"https://content.twilio.com/v1/Content/{template.sid}",
                "links": {},
                "date_created": None,
                "date_updated": None,
            }
        )

    return handle
