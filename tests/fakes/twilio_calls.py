"""The fake Twilio API's calls: ``POST …/Calls.json``, and the parent's side of a call.

``calls.create`` arrives here like at Twilio (201 with a call resource). A test then plays
the call over real HTTP against the application: :meth:`FakeCalls.pick_up` posts the
answer URL as Twilio would (``AnsweredBy`` with machine detection on), :meth:`press`
follows the ``<Gather>`` of the last TwiML with a key (or none, as after the timeout), and
:meth:`end` posts the status callback (completed, busy, no-answer, failed): all signed
with the auth token over the absolute URL, as Twilio signs them. A number can be scripted
to be busy or not answer (:meth:`line`); :meth:`ring` then reports that for each new call.

``GET …/Calls.json?To=…&From=…`` lists the calls newest first, as Twilio does; with
``answer_delay`` a create makes the call at once but answers only after that many seconds,
so a client that stopped waiting never hears of a call that does ring; :meth:`refuse_next`
answers the next creates with an error and places nothing.
"""

from __future__ import annotations

import asyncio
import itertools
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from email.utils import format_datetime
from typing import Any
from urllib.parse import urlsplit

import httpx
from aiohttp import web
from twilio.request_validator import RequestValidator

from parentinfo.lib.clock import now

ACCOUNT_SID = "AC" + "0" * 32  # the same account as tests.fakes.twilio_server
AUTH_TOKEN = "fake-twilio-auth-token"


@dataclass
class Heard:
    """One TwiML answer, read: what was said or played, where a key goes, whether it hung up."""

    xml: str
    said: list[str]
    played: list[str]
    action: str | None
    hangup: bool

    @property
    def text(self) -> str:
        return " ".join(self.said)


def hear(xml: str) -> Heard:
    """Read a TwiML document the way Twilio would play it."""
    root = ET.fromstring(xml)  # noqa: S314 - the TwiML of the app under test
    said = [el.text or "" for el in root.iter("Say")]
    played = [el.text or "" for el in root.iter("Play")]
    gather = root.find("Gather")
    action = gather.get("action") if gather is not None else None
    return Heard(xml, said, played, action, root.find("Hangup") is not None)


@dataclass
class FakeCalls:
    """The calls the fake accepted, and how each number's line behaves."""

    created: list[dict[str, Any]] = field(default_factory=list)
    lines: dict[str, list[str]] = field(default_factory=dict)  # number → statuses, in turn
    reported: set[str] = field(default_factory=set)
    answer_delay: float = 0.0  # seconds between creating a call and answering the create
    listed: list[dict[str, str]] = field(default_factory=list)  # the query of each list
    refusals: list[int] = field(default_factory=list)  # HTTP statuses for the next creates
    _sids: Any = field(default_factory=lambda: itertools.count(1))

    def line(self, number: str, *statuses: str) -> None:
        """The next calls to ``number`` end with these statuses, one per call."""
        self.lines.setdefault(number, []).extend(statuses)

    def refuse_next(self, *statuses: int) -> None:
        """Answer the next creates with these statuses (a 5xx: Twilio created nothing)."""
        self.refusals.extend(statuses)

    def to(self, number: str) -> list[dict[str, Any]]:
        """The calls placed to ``number``, oldest first."""
        return [c for c in self.created if c["to"] == number]

    async def handle_create(self, request: web.Request) -> web.Response:
        """``POST …/Calls.json``."""
        form = {key: str(value) for key, value in (await request.post()).items()}
        if not form.get("Url") or not form.get("To") or not form.get("From"):
            return web.json_response(
                {"code": 21205, "message": "Url required", "status": 400}, status=400
            )
        if self.refusals:
            status = self.refusals.pop(0)
            return web.json_response(
                {"code": None, "message": "scripted failure", "status": status}, status=status
            )
        sid = f"CA{next(self._sids):032x}"
        stamp = format_datetime(now())
        call = {
            "sid": sid,
            "account_sid": ACCOUNT_SID,
            "to": form["To"],
            "from": form["From"],
            "status": "queued",
            "direction": "outbound-api",
            "date_created": stamp,
            "date_updated": stamp,
            "uri": f"/2010-04-01/Accounts/{ACCOUNT_SID}/Calls/{sid}.json",
            "_form": form,
        }
        self.created.append(call)
        if self.answer_delay:
            # Created, and ringing: a client that stops waiting never hears of it.
            await asyncio.sleep(self.answer_delay)
        return web.json_response(_public(call), status=201)

    async def handle_list(self, request: web.Request) -> web.Response:
        """``GET …/Calls.json?To=…&From=…``: newest first, like Twilio."""
        query = dict(request.query)
        self.listed.append(query)
        found = [
            _public(call)
            for call in reversed(self.created)
            if call["to"] == query.get("To", call["to"])
            and call["from"] == query.get("From", call["from"])
        ]
        size = int(query.get("PageSize") or 50)
        return web.json_response(
            {"calls": found[:size], "next_page_uri": None, "page": 0, "page_size": size}
        )

    async def pick_up(
        self, client: httpx.AsyncClient, call: dict[str, Any], *, answered_by: str = "human"
    ) -> Heard:
        """The parent (or a machine) answers: Twilio posts the answer URL."""
        params = self._params(call)
        if call["_form"].get("MachineDetection"):
            params["AnsweredBy"] = answered_by
        return hear((await self._post(client, call["_form"]["Url"], params)).text)

    async def press(
        self, client: httpx.AsyncClient, call: dict[str, Any], heard: Heard, digits: str | None
    ) -> Heard:
        """Press ``digits`` at the last ``<Gather>`` (None: no key before the timeout)."""
        assert heard.action, f"nothing listens for a key in {heard.xml}"
        params = self._params(call)
        if digits is not None:
            params["Digits"] = digits
        return hear((await self._post(client, heard.action, params)).text)

    async def end(
        self, client: httpx.AsyncClient, call: dict[str, Any], status: str, *, duration: int = 0
    ) -> httpx.Response:
        """Twilio's status callback for the end of the call."""
        params = self._params(call)
        params.update({"CallStatus": status, "CallDuration": str(duration)})
        return await self._post(client, call["_form"]["StatusCallback"], params)

    async def ring(self, client: httpx.AsyncClient) -> list[str]:
        """Report the scripted outcome of every call not reported yet (busy, no-answer, …)."""
        outcomes = []
        for call in self.created:
            if call["sid"] in self.reported:
                continue
            scripted = self.lines.get(call["to"]) or []
            if not scripted:
                continue
            self.reported.add(call["sid"])
            status = scripted.pop(0)
            await self.end(client, call, status)
            outcomes.append(status)
        return outcomes

    def _params(self, call: dict[str, Any]) -> dict[str, str]:
        return {
            "CallSid": call["sid"],
            "AccountSid": ACCOUNT_SID,
            "From": call["from"],
            "To": call["to"],
            "Direction": "outbound-api",
        }

    async def _post(
        self, client: httpx.AsyncClient, url: str, params: dict[str, str]
    ) -> httpx.Response:
        return await signed_post(client, url, params)


async def signed_post(
    client: httpx.AsyncClient, url: str, params: dict[str, str], *, token: str = AUTH_TOKEN
) -> httpx.Response:
    """Post ``params`` to the absolute ``url`` signed like Twilio, through ``client``."""
    signature = RequestValidator(token).compute_signature(url, params)
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return await client.post(path, data=params, headers={"X-Twilio-Signature": signature})


def _public(call: dict[str, Any]) -> dict[str, Any]:
    """The call resource as Twilio shows it (without the form the fake keeps)."""
    return {key: value for key, value in call.items() if not key.startswith("_")}


def add_call_routes(app: web.Application, calls: FakeCalls) -> None:
    """Serve ``POST`` and ``GET …/Calls.json`` on the fake Twilio's app."""
    path = f"/2010-04-01/Accounts/{ACCOUNT_SID}/Calls.json"
    app.router.add_post(path, calls.handle_create)
    app.router.add_get(path, calls.handle_list)
