"""Playing a call in the phone simulator: each press is the signed webhook Twilio would send.

A staff member picks up a ringing call (or calls the service as a parent); the answer
webhook's TwiML is read by the player (``outreach.voice.twiml_player``), and what the
caller hears and may press is shown. Keys go to the ``<Gather>`` action, silence to what
follows it, ``<Redirect>`` is followed at once, and when the TwiML hangs up the status
callback says "completed" with the call's duration, so the status machine moves as after a
real call. Busy and no answer are the status callback alone.

The call in progress lives in the staff member's server-side session (the TwiML of the
current turn, never an address typed in the browser), so a press can post only where the
service's own TwiML said, and only under ``PUBLIC_URL`` + ``/webhooks/twilio/voice``.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any

from litestar import Request

from parentinfo.messaging.models import OutboundMessage
from parentinfo.outreach.pages.twilio_loopback import post_as_twilio
from parentinfo.outreach.voice.twiml_player import Heard, Turn, keys_pressed, listen, parse_twiml
from parentinfo.runtime import runtime

VOICE_WEBHOOKS = "/webhooks/twilio/voice"
ANSWER_PATH = f"{VOICE_WEBHOOKS}/answer"
STATUS_PATH = f"{VOICE_WEBHOOKS}/status"
SESSION_CALLS = "simulated_calls"
KEEP = 5  # calls kept in one session; the oldest is forgotten first
MAX_HOPS = 5  # redirects followed in a row before the simulator calls it a loop
SIMULATOR_ACCOUNT = "AC" + "0" * 32
# Twilio's AnsweredBy when machine detection waits for the beep (DetectMessageEnd).
MACHINE = "machine_end_beep"

# Why a call stopped early, beyond the player's own error codes; the page says each in words.
REFUSED, OUTSIDE, LOOP = "refused", "outside", "loop"


@dataclass
class Call:
    """One simulated call, as kept in the session between presses.

    ``documents`` are the TwiML answers heard in the current turn, each as (address, text,
    silences: how many of its ``<Gather>`` passed without a key), the last one current.
    """

    sid: str
    contact_id: int
    message_id: int | None
    direction: str  # Twilio's: "outbound-api" or "inbound"
    caller: str
    called: str
    machine: bool = False
    started: float = field(default_factory=time.time)
    documents: list[tuple[str, str, int]] = field(default_factory=list)
    pressed: str = ""
    ended: bool = False
    duration: int = 0
    problem: str = ""
    detail: str = ""

    @property
    def turn(self) -> Turn:
        """Where the call is now: what the last answer says after its silences."""
        url, text, silences = self.documents[-1] if self.documents else ("", "", 0)
        return _after(listen(parse_twiml(text, url=url)), silences)

    @property
    def heard(self) -> list[Heard]:
        """Everything heard in this turn, across the redirects that led here."""
        heard: list[Heard] = []
        for url, text, silences in self.documents:
            heard.extend(_after(listen(parse_twiml(text, url=url)), silences).heard)
        return heard

    @property
    def waiting(self) -> bool:
        """The call is on and waits for keys."""
        return not self.ended and self.turn.gather is not None


_FIELDS = frozenset(Call.__dataclass_fields__)


def service_number() -> str:
    """The number parents call and are called from (the simulator's stand-in without one)."""
    return runtime().settings.twilio.from_number or "simulator"


def call_of(request: Request[Any, Any, Any], sid: str) -> Call | None:
    """The call ``sid`` of this session, if it has one (one kept in another shape: none)."""
    data = request.session.get(SESSION_CALLS, {}).get(sid) if "session" in request.scope else None
    if not isinstance(data, dict):
        return None
    values = {name: data[name] for name in _FIELDS if name in data}
    try:
        values["documents"] = [(str(u), str(t), int(n)) for u, t, n in data.get("documents", [])]
        return Call(**values)
    except (TypeError, ValueError):  # kept by an older version of this page: forgotten
        return None


def calls_of(request: Request[Any, Any, Any]) -> list[Call]:
    """This session's calls, newest first."""
    sids = list(request.session.get(SESSION_CALLS, {})) if "session" in request.scope else []
    found = [call for sid in sids if (call := call_of(request, sid))]
    return sorted(found, key=lambda call: call.started, reverse=True)


def keep(request: Request[Any, Any, Any], call: Call) -> None:
    """Store ``call`` in the session, forgetting the oldest beyond :data:`KEEP`."""
    calls = dict(request.session.get(SESSION_CALLS, {}))
    calls[call.sid] = asdict(call)
    newest = sorted(calls.items(), key=lambda item: item[1]["started"], reverse=True)[:KEEP]
    request.session[SESSION_CALLS] = dict(newest)


async def pick_up(request: Request[Any, Any, Any], row: OutboundMessage, *, machine: bool) -> Call:
    """Answer the ringing call ``row`` (as the parent, or as their answering machine)."""
    call = Call(
        sid=str(row.provider_id),
        contact_id=int(row.contact_id),  # type: ignore[attr-defined]
        message_id=row.id,
        direction="outbound-api",
        caller=service_number(),
        called=str(row.to_address or ""),
        machine=machine,
    )
    extra = {"AnsweredBy": MACHINE if machine else "human"}
    await _fetch(request, call, f"{ANSWER_PATH}?message={row.id}", extra, fresh=True)
    return call


async def decline(request: Request[Any, Any, Any], row: OutboundMessage, status: str) -> int:
    """The parent's phone says ``busy`` or ``no-answer``: only the status callback, as Twilio
    sends it. Returns the webhook's status code."""
    params = {
        "CallSid": str(row.provider_id),
        "AccountSid": _account(),
        "From": service_number(),
        "To": str(row.to_address or ""),
        "Direction": "outbound-api",
        "CallStatus": status,
        "CallDuration": "0",
        "ApiVersion": "2010-04-01",
    }
    answer = await post_as_twilio(request, f"{STATUS_PATH}?message={row.id}", params)
    return answer.status


async def dial_in(request: Request[Any, Any, Any], *, contact_id: int, mobile: str) -> Call:
    """The parent calls the service number from their mobile."""
    call = Call(
        sid=f"CA{uuid.uuid4().hex}",
        contact_id=contact_id,
        message_id=None,
        direction="inbound",
        caller=mobile,
        called=service_number(),
    )
    await _fetch(request, call, VOICE_WEBHOOKS, {"CallStatus": "ringing"}, fresh=True)
    return call


async def press(request: Request[Any, Any, Any], call: Call, typed: str) -> None:
    """Keys pressed while the call waits: the Digits go to the ``<Gather>`` action."""
    gather = call.turn.gather
    if call.ended or gather is None:
        return
    digits = keys_pressed(gather, typed)
    if not digits:  # nothing but the finishing key: Twilio hears no input
        await stay_silent(request, call)
        return
    call.pressed = digits
    path = _our_path(gather.action)
    if path is None:
        await _end(request, call, OUTSIDE, gather.action)
        return
    await _fetch(request, call, path, {"Digits": digits}, fresh=True)


async def stay_silent(request: Request[Any, Any, Any], call: Call) -> None:
    """No key before the timeout: the call goes on after the ``<Gather>``."""
    if not call.waiting:
        return
    url, text, silences = call.documents[-1]
    call.documents = [(url, text, silences + 1)]
    call.pressed = ""
    await _settle(request, call, hops=0)


async def hang_up(request: Request[Any, Any, Any], call: Call) -> None:
    """The parent hangs up."""
    if not call.ended:
        await _end(request, call)


def audio_source(url: str) -> str | None:
    """A ``<Play>`` address the page may play: ours, as a path on this site; else None."""
    base = runtime().settings.public_url
    return url[len(base) :] if url.startswith(f"{base}/") else None


async def _fetch(
    request: Request[Any, Any, Any],
    call: Call,
    path: str,
    extra: dict[str, str],
    *,
    fresh: bool,
    hops: int = 0,
) -> None:
    """POST one step of the call and settle on what its TwiML says."""
    answer = await post_as_twilio(request, path, {**_params(call), **extra})
    url = f"{runtime().settings.public_url}{path}"
    documents = [] if fresh else call.documents
    call.documents = [*documents, (url, answer.body, 0)]
    if answer.status != 200:
        await _end(request, call, REFUSED, f"HTTP {answer.status}")
        return
    await _settle(request, call, hops=hops)


async def _settle(request: Request[Any, Any, Any], call: Call, *, hops: int) -> None:
    """Follow redirects and machine silences until keys are awaited or the call ends."""
    url, text, silences = call.documents[-1]
    script = parse_twiml(text, url=url)
    if script.error:
        await _end(request, call, script.error, script.detail)
        return
    turn = call.turn
    if turn.gather is not None:
        if call.machine and hops < MAX_HOPS:  # a machine presses nothing: the timeout passes
            call.documents.append((url, text, silences + 1))
            await _settle(request, call, hops=hops + 1)
        elif call.machine:
            await _end(request, call, LOOP, url)
        return
    if turn.ending.how != "redirect":
        await _end(request, call)
        return
    path = _our_path(turn.ending.url)
    if path is None:
        await _end(request, call, OUTSIDE, turn.ending.url)
    elif hops >= MAX_HOPS:
        await _end(request, call, LOOP, turn.ending.url)
    else:
        await _fetch(request, call, path, {}, fresh=False, hops=hops + 1)


async def _end(
    request: Request[Any, Any, Any], call: Call, problem: str = "", detail: str = ""
) -> None:
    """The call is over: Twilio's status callback says "completed" with the seconds talked."""
    call.ended, call.problem, call.detail = True, problem, detail[:300]
    call.duration = max(1, round(time.time() - call.started))
    if call.message_id is None:
        return  # an inbound call has no outbox row to move
    params = {
        **_params(call),
        "CallStatus": "completed",
        "CallDuration": str(call.duration),
    }
    answer = await post_as_twilio(request, f"{STATUS_PATH}?message={call.message_id}", params)
    if answer.status >= 300 and not call.problem:
        call.problem, call.detail = REFUSED, f"HTTP {answer.status}"


def _params(call: Call) -> dict[str, str]:
    return {
        "CallSid": call.sid,
        "AccountSid": _account(),
        "From": call.caller,
        "To": call.called,
        "Direction": call.direction,
        "CallStatus": "in-progress",
        "ApiVersion": "2010-04-01",
    }


def _account() -> str:
    return runtime().settings.twilio.account_sid or SIMULATOR_ACCOUNT


def _our_path(url: str) -> str | None:
    """The path (and query) of a voice step under ``PUBLIC_URL``; None for anywhere else."""
    base = runtime().settings.public_url
    if url == f"{base}{VOICE_WEBHOOKS}" or url.startswith(
        (f"{base}{VOICE_WEBHOOKS}/", f"{base}{VOICE_WEBHOOKS}?")
    ):
        return url[len(base) :]
    return None


def _after(turn: Turn, silences: int) -> Turn:
    """The turn reached after ``silences`` timeouts with no key."""
    for _ in range(silences):
        if turn.silence is None:
            break
        turn = turn.silence
    return turn
