"""The call's voices and recordings for one event: per language, whether a call speaks with a
Twilio voice or plays recordings, the text to read aloud, the recorder, playback, delete.

And ``GET /recordings/{token}.wav``, where Twilio fetches a recording: no login (Twilio
has none), an opaque token, nothing personal in it or in the sound's address.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.types import ControllerRouterHandler

from parentinfo.accounts.auth import PageActor
from parentinfo.errors import NotFound
from parentinfo.events.pages.view import load_event_page
from parentinfo.lib.enums import SUPPORTED_LANGUAGES
from parentinfo.outreach.counts import audience_languages
from parentinfo.outreach.voice import recordings
from parentinfo.outreach.voice.readaloud import prompt_texts
from parentinfo.outreach.voice.voices import (
    EVENT_PROMPTS,
    PROMPTS,
    call_readiness,
)
from parentinfo.web.render import page
from parentinfo.web.routing import page_router

# The token never names another sound: a replaced recording has a new one. So Twilio and
# any cache in between may keep it for a year without asking again.
RECORDING_CACHE = "public, max-age=31536000, immutable"


def _level(event_id: int, prompt: str) -> int | None:
    """The invitation is the event's; the other prompts are the organisation's."""
    return event_id if prompt in EVENT_PROMPTS else None


@get("/events/{event_id:int}/voice")
async def voice_page(
    request: Request[Any, Any, Any], page_actor: PageActor, event_id: FromPath[int]
) -> Template:
    """Per language: voice or recording, what to read aloud, the recorder and playback."""
    await recordings.require_host(actor=page_actor, event_id=event_id)
    view = await load_event_page(actor=page_actor, event_id=event_id)
    written = {slot.language for slot in view.texts if not slot.missing}
    spoken = {language for language, _count in await audience_languages(actor=page_actor)}
    languages = [code for code in SUPPORTED_LANGUAGES if code in written | spoken]
    ready = await call_readiness(
        organisation_id=page_actor.org_id, event_id=event_id, languages=languages
    )
    # Languages that need recordings first: that is where a volunteer is needed.
    ready.sort(key=lambda r: (r.voice is not None, SUPPORTED_LANGUAGES.index(r.language)))
    return await page(
        request,
        "web/outreach/voice.html",
        actor=page_actor,
        section="events",
        view=view,
        ready=ready,
        prompts=PROMPTS,
        event_prompts=EVENT_PROMPTS,
        stored=await recordings.recordings_of(actor=page_actor, event_id=event_id),
        texts=await prompt_texts(event=view.event, org_id=page_actor.org_id, languages=languages),
        written=written,
        max_seconds=recordings.MAX_SECONDS,
    )


@post("/events/{event_id:int}/voice/{language:str}/{prompt:str}", status_code=201)
async def upload_recording(
    request: Request[Any, Any, Any],
    page_actor: PageActor,
    event_id: FromPath[int],
    language: FromPath[str],
    prompt: FromPath[str],
) -> dict[str, Any]:
    """The recorder's upload: the WAV the page made, as the request body (``audio/wav``)."""
    audio = await request.body()
    saved = await recordings.save_recording(
        actor=page_actor,
        event_id=_level(event_id, prompt),
        language=language,
        prompt=prompt,
        audio=audio,
    )
    return {"token": saved.token, "duration_ms": saved.duration_ms}


@post("/events/{event_id:int}/voice/{language:str}/{prompt:str}/delete", status_code=303)
async def delete_recording(
    page_actor: PageActor,
    event_id: FromPath[int],
    language: FromPath[str],
    prompt: FromPath[str],
) -> Redirect:
    """Delete a recording: calls then use the voice, or stop in a language without one."""
    await recordings.require_host(actor=page_actor, event_id=event_id)
    await recordings.delete_recording(
        actor=page_actor, event_id=_level(event_id, prompt), language=language, prompt=prompt
    )
    return Redirect(path=f"/events/{event_id}/voice#lang-{language}", status_code=303)


@get("/recordings/{name:str}")
async def recording_file(name: FromPath[str]) -> Response[bytes]:
    """The WAV behind an opaque token, for Twilio's ``<Play>`` (and the staff page's player)."""
    token, dot, suffix = name.rpartition(".")
    if not dot or suffix != "wav":
        raise NotFound("No such recording.")
    audio = await recordings.audio_by_token(token)
    return Response(
        content=audio,
        media_type="audio/wav",
        headers={"Cache-Control": RECORDING_CACHE},
    )


routes: list[ControllerRouterHandler] = [
    page_router([voice_page, upload_recording, delete_recording]),
    recording_file,
]
