"""Volunteers' recordings of the call's prompts: checked, stored, replaced, served, deleted.

Twilio's ``<Play>`` plays mp3, wav, aiff, gsm and µ-law, not the webm or ogg a browser's
MediaRecorder makes, so the recording page turns the take into a 16-bit PCM mono WAV
before it uploads it, and this module accepts nothing else: a real WAV (read with Python's
``wave``), mono, at most :data:`MAX_SECONDS` long and :data:`MAX_BYTES` large. Anything
else is refused with a message and nothing is stored.

The invitation is recorded per event, the other prompts once for the organisation
(``voices.EVENT_PROMPTS``). Replacing a recording deletes the old row and writes a new
one with a new token, in one transaction: the old address stops answering at once.
"""

from __future__ import annotations

import io
import wave
from dataclasses import dataclass

from tortoise.expressions import Q
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from parentinfo.accounts.actor import Actor
from parentinfo.errors import NotFound, invalid_field
from parentinfo.events.access import host_status, visible_event
from parentinfo.i18n import gettext as _
from parentinfo.lib.enums import SUPPORTED_LANGUAGES, HostStatus
from parentinfo.lib.tokens import new_token
from parentinfo.outreach.voice.models import VoiceRecording
from parentinfo.outreach.voice.voices import EVENT_PROMPTS, PROMPTS

MAX_SECONDS = 120
# Two minutes of 16 kHz 16-bit mono is 3.84 MB; the page records at 16 kHz, so 4 MiB
# holds the longest recording we accept, with room for the header.
MAX_BYTES = 4 * 1024 * 1024
MIN_SECONDS = 0.5  # shorter is a slip of the finger, not a message
SAMPLE_RATES = range(8000, 48001)  # Twilio plays any; the page makes 16 kHz


@dataclass(frozen=True)
class CheckedWav:
    """A WAV file that passed :func:`check_wav`, and how long it plays."""

    audio: bytes
    duration_ms: int


def check_wav(audio: bytes) -> CheckedWav:
    """``audio`` as a PCM WAV Twilio can play, or :class:`Invalid` saying what is wrong."""
    if len(audio) > MAX_BYTES:
        raise invalid_field(
            "audio",
            _("The recording is too large (at most %(mb)d MB). Record a shorter message.")
            % {"mb": MAX_BYTES // (1024 * 1024)},
        )
    try:
        with wave.open(io.BytesIO(audio), "rb") as wav:
            channels, width, rate, frames = (
                wav.getnchannels(),
                wav.getsampwidth(),
                wav.getframerate(),
                wav.getnframes(),
            )
            data = wav.readframes(frames)
    except (wave.Error, EOFError, ValueError):
        raise invalid_field(
            "audio", _("This is not a sound recording we can use. Record the message again.")
        ) from None
    if channels != 1 or width not in (1, 2) or rate not in SAMPLE_RATES:
        raise invalid_field(
            "audio", _("This is not a sound recording we can use. Record the message again.")
        )
    if len(data) < frames * width:  # the header promises more sound than the file holds
        raise invalid_field(
            "audio", _("This is not a sound recording we can use. Record the message again.")
        )
    seconds = frames / rate
    if seconds > MAX_SECONDS:
        raise invalid_field(
            "audio",
            _("The recording is too long (at most %(minutes)d minutes). Record a shorter message.")
            % {"minutes": MAX_SECONDS // 60},
        )
    if seconds < MIN_SECONDS:
        raise invalid_field("audio", _("The recording is empty. Record the message again."))
    return CheckedWav(audio=audio, duration_ms=round(seconds * 1000))


def check_place(*, language: str, prompt: str, event_id: int | None) -> None:
    """Refuse a language or prompt we do not know, or a prompt recorded at the wrong level."""
    if language not in SUPPORTED_LANGUAGES:
        raise invalid_field("language", f"not one of {', '.join(SUPPORTED_LANGUAGES)}")
    if prompt not in PROMPTS:
        raise invalid_field("prompt", f"not one of {', '.join(PROMPTS)}")
    if (prompt in EVENT_PROMPTS) != (event_id is not None):
        raise invalid_field(
            "prompt",
            "the invitation is recorded for one event, the other prompts for the organisation",
        )


async def require_host(*, actor: Actor, event_id: int) -> None:
    """Any member of a host organisation may record (volunteers speak the languages); a
    stranger gets the event's 404, a co-host that has not accepted a 404 too."""
    event = await visible_event(actor=actor, event_id=event_id)
    if await host_status(event=event, org_id=actor.org_id) != HostStatus.ACCEPTED:
        raise NotFound(f"No event {event_id}.")


async def save_recording(
    *, actor: Actor, event_id: int | None, language: str, prompt: str, audio: bytes
) -> VoiceRecording:
    """Check ``audio`` and store it as the organisation's ``prompt`` in ``language``
    (for ``event_id`` when it is the invitation), replacing the one before it."""
    if event_id is not None:
        await require_host(actor=actor, event_id=event_id)
    check_place(language=language, prompt=prompt, event_id=event_id)
    checked = check_wav(audio)
    async with in_transaction():
        await _recordings(actor.org_id, event_id, language, prompt).delete()
        return await VoiceRecording.create(
            organisation_id=actor.org_id,
            event_id=event_id,
            language=language,
            prompt=prompt,
            token=new_token(),
            audio=checked.audio,
            duration_ms=checked.duration_ms,
            recorded_by_id=actor.user_id,
        )


async def delete_recording(
    *, actor: Actor, event_id: int | None, language: str, prompt: str
) -> None:
    """Delete the organisation's ``prompt`` in ``language``; 404 when there is none."""
    if event_id is not None:
        await require_host(actor=actor, event_id=event_id)
    check_place(language=language, prompt=prompt, event_id=event_id)
    if not await _recordings(actor.org_id, event_id, language, prompt).delete():
        raise NotFound("There is no such recording.")


@dataclass(frozen=True)
class RecordingInfo:
    """What the staff page shows of a recording (never the sound's bytes)."""

    language: str
    prompt: str
    token: str
    duration_ms: int
    stale: bool = False  # made before the event moved: calls do not play it


async def recordings_of(*, actor: Actor, event_id: int) -> dict[tuple[str, str], RecordingInfo]:
    """(language, prompt) → the recording a call about the event would play, for the page."""
    await require_host(actor=actor, event_id=event_id)
    rows = await VoiceRecording.filter(
        Q(event_id=event_id) | Q(event_id__isnull=True), organisation_id=actor.org_id
    ).values_list("event_id", "language", "prompt", "token", "duration_ms", "stale")
    found: dict[tuple[str, str], RecordingInfo] = {}
    for row_event, language, prompt, token, duration_ms, stale in rows:
        wanted_event = event_id if prompt in EVENT_PROMPTS else None
        if row_event == wanted_event and prompt in PROMPTS:
            found[(language, prompt)] = RecordingInfo(
                language, prompt, token, duration_ms, bool(stale)
            )
    return found


async def audio_by_token(token: str) -> bytes:
    """The sound behind an address Twilio was given; 404 for any other (or a replaced one)."""
    if not 16 <= len(token) <= 64:
        raise NotFound("No such recording.")
    audio = await VoiceRecording.filter(token=token).values_list("audio", flat=True)
    if not audio:
        raise NotFound("No such recording.")
    return bytes(audio[0])


def _recordings(
    org_id: int, event_id: int | None, language: str, prompt: str
) -> QuerySet[VoiceRecording]:
    """The (at most one) recording of ``prompt`` in ``language`` at that level."""
    query = VoiceRecording.filter(organisation_id=org_id, language=language, prompt=prompt)
    if event_id is None:
        return query.filter(event_id__isnull=True)
    return query.filter(event_id=event_id)
