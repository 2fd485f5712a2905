"""How one language is spoken on a call, as the TwiML builder needs it.

The table of voices and the recordings are :mod:`parentinfo.outreach.voice.voices`; this
turns its answer into the builder's plain :class:`~parentinfo.outreach.voice.twiml.Voice`.
A language with neither a voice nor a recording is never called (the preview refuses it);
should a call reach one anyway, Twilio's default voice reads the text rather than silence.
"""

from __future__ import annotations

from parentinfo.outreach.voice import voices
from parentinfo.outreach.voice.twiml import Voice


async def voice_for(*, organisation_id: int, event_id: int | None, language: str) -> Voice:
    """The voice and recordings for ``language`` in this organisation's call about this event."""
    speech = await voices.how_spoken(
        organisation_id=organisation_id, event_id=event_id, language=language
    )
    if speech is None:
        return Voice()
    return Voice(
        voice=speech.voice, language_tag=speech.language_tag, recordings=dict(speech.recordings)
    )
