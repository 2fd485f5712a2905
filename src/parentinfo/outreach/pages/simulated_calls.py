"""The phone simulator's calls (embedded mode): pick up a ringing call, hear the script, press
keys as the parent; or call the service number as a parent. Each press is the signed
webhook Twilio would send (``call_playing``), handled by the real voice webhooks.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template
from litestar.types import ControllerRouterHandler

from parentinfo.accounts.actor import Actor
from parentinfo.accounts.auth import PageActor
from parentinfo.contacts.access import contact_query_for
from parentinfo.errors import NotFound
from parentinfo.messaging.senders.opening import SimulatorVoice
from parentinfo.outreach.pages import call_playing as playing
from parentinfo.outreach.pages.timing import leaves_when
from parentinfo.outreach.voice import ringing
from parentinfo.outreach.voice.twiml_player import Heard, Pause, Play, Say
from parentinfo.runtime import runtime
from parentinfo.web.forms import read_form
from parentinfo.web.render import page
from parentinfo.web.routing import page_router

# What the parent's phone does with a ringing call (the form's "how").
PICK_UP = {"answer": False, "machine": True}
DECLINE = {"busy": "busy", "no-answer": "no-answer"}
MAX_TYPED = 40
LIST = "/simulator/calls"


def require_simulated_calls() -> None:
    """The call view exists only while calls ring in the simulator, never at Twilio."""
    voice = runtime().voice
    simulated = isinstance(getattr(voice, "inner", voice), SimulatorVoice)  # under its pace
    if runtime().settings.sms_backend != "simulator" or not simulated:
        raise NotFound("The phone simulator is only there in the embedded mode.")


@get(LIST)
async def simulated_calls(
    request: Request[Any, Any, Any], page_actor: PageActor, done: FromQuery[str] = ""
) -> Template:
    """Calls ringing and waiting, this session's calls, and calling the service as a parent."""
    require_simulated_calls()
    calls = playing.calls_of(request)
    ids = [call.contact_id for call in calls]
    contacts = {c.id: c for c in await contact_query_for(page_actor).filter(id__in=ids)}
    live = [(call, contacts[call.contact_id]) for call in calls if call.contact_id in contacts]
    return await page(
        request,
        "outreach/simulator/calls.html",
        actor=page_actor,
        section="simulator",
        ringing=await ringing.ringing_calls(actor=page_actor),
        waiting=await ringing.waiting_calls(actor=page_actor),
        live=live,
        callers=await ringing.callers(actor=page_actor),
        leaves_when=leaves_when,
        done=done if done in {*DECLINE, "refused"} else "",
        on_line={call.sid for call, _ in live if not call.ended},
    )


@post(f"{LIST}/{{message_id:int}}/pick", status_code=303)
async def pick(
    request: Request[Any, Any, Any], page_actor: PageActor, message_id: FromPath[int]
) -> Redirect:
    """Answer, decline (busy), let ring (no answer), or let the answering machine pick up."""
    require_simulated_calls()
    row = await ringing.ringing_call(actor=page_actor, message_id=message_id)
    how = (await read_form(request)).value("how")
    if how in DECLINE:
        status = await playing.decline(request, row, DECLINE[how])
        return Redirect(path=f"{LIST}?done={how if status < 300 else 'refused'}", status_code=303)
    if how not in PICK_UP:
        return Redirect(path=LIST, status_code=303)
    call = await playing.pick_up(request, row, machine=PICK_UP[how])
    playing.keep(request, call)
    return Redirect(path=f"{LIST}/live/{call.sid}", status_code=303)


@post(f"{LIST}/dial", status_code=303)
async def dial(request: Request[Any, Any, Any], page_actor: PageActor) -> Redirect:
    """Call the service number as one of the organisation's parents."""
    require_simulated_calls()
    raw = (await read_form(request)).value("contact").strip()
    contact = await ringing.caller(actor=page_actor, contact_id=int(raw) if raw.isdigit() else 0)
    call = await playing.dial_in(request, contact_id=contact.id, mobile=str(contact.mobile))
    playing.keep(request, call)
    return Redirect(path=f"{LIST}/live/{call.sid}", status_code=303)


@get(f"{LIST}/live/{{sid:str}}")
async def live_call(
    request: Request[Any, Any, Any], page_actor: PageActor, sid: FromPath[str]
) -> Template:
    """The call: what the parent hears now, the keypad, and how it ended."""
    require_simulated_calls()
    call = await _call(request, page_actor, sid)
    contact = await contact_query_for(page_actor).get_or_none(id=call.contact_id)
    if contact is None:
        raise NotFound("No such call.")
    return await page(
        request,
        "outreach/simulator/call.html",
        actor=page_actor,
        section="simulator",
        call=call,
        turn=call.turn,
        heard=call.heard,
        contact=contact,
        audio_source=playing.audio_source,
        kind_of=kind_of,
    )


@post(f"{LIST}/live/{{sid:str}}/keys", status_code=303)
async def keys(
    request: Request[Any, Any, Any], page_actor: PageActor, sid: FromPath[str]
) -> Redirect:
    """Keys pressed as the parent (typed, or one key button)."""
    require_simulated_calls()
    call = await _call(request, page_actor, sid)
    form = await read_form(request)
    typed = (form.value("digits") + form.value("key"))[:MAX_TYPED]
    await playing.press(request, call, typed)
    playing.keep(request, call)
    return Redirect(path=f"{LIST}/live/{sid}#heard", status_code=303)


@post(f"{LIST}/live/{{sid:str}}/silence", status_code=303)
async def silence(
    request: Request[Any, Any, Any], page_actor: PageActor, sid: FromPath[str]
) -> Redirect:
    """The parent presses nothing until the timeout."""
    require_simulated_calls()
    call = await _call(request, page_actor, sid)
    await playing.stay_silent(request, call)
    playing.keep(request, call)
    return Redirect(path=f"{LIST}/live/{sid}#heard", status_code=303)


@post(f"{LIST}/live/{{sid:str}}/hangup", status_code=303)
async def hangup(
    request: Request[Any, Any, Any], page_actor: PageActor, sid: FromPath[str]
) -> Redirect:
    """The parent hangs up."""
    require_simulated_calls()
    call = await _call(request, page_actor, sid)
    await playing.hang_up(request, call)
    playing.keep(request, call)
    return Redirect(path=f"{LIST}/live/{sid}#heard", status_code=303)


def kind_of(step: Heard) -> str:
    """What the page shows for one heard step: ``say``, ``play``, ``pause`` or ``unknown``."""
    kinds: dict[type, str] = {Say: "say", Play: "play", Pause: "pause"}
    return kinds.get(type(step), "unknown")


async def _call(request: Request[Any, Any, Any], actor: Actor, sid: str) -> playing.Call:
    """This session's call ``sid``, to a contact ``actor`` may still see (else 404)."""
    call = playing.call_of(request, sid)
    if call is None or not await _visible(actor, call):
        raise NotFound("No such call.")
    return call


async def _visible(actor: Actor, call: playing.Call) -> bool:
    return await contact_query_for(actor).filter(id=call.contact_id).exists()


routes: list[ControllerRouterHandler] = [
    page_router([simulated_calls, pick, dial, live_call, keys, silence, hangup])
]
