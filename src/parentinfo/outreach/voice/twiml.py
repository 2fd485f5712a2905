"""TwiML for each step of a call: a pure core over Twilio's ``VoiceResponse``.

A prompt the organisation recorded for this event and language is ``<Play>``ed; any other
is ``<Say>``d with the language's voice (:mod:`parentinfo.outreach.voice.voices`). A
question is a ``<Gather>`` of one key posted to ``action``; when no key comes before the
timeout, the ``<Redirect>`` after it posts to the same address without ``Digits``, which
the call reads as a key that meant nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from twilio.twiml.voice_response import Gather, VoiceResponse

GATHER_TIMEOUT = 8  # seconds to find the key after the question ends


@dataclass(frozen=True)
class Voice:
    """How one language is spoken: a Twilio voice and tag, and the prompts recorded."""

    voice: str | None = None
    language_tag: str | None = None
    recordings: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Said:
    """One thing to say: the text, and the name of the prompt a recording may replace."""

    text: str
    prompt: str = ""  # "" for a line no recording can stand for


def say(target: VoiceResponse | Gather, voice: Voice, said: Said) -> None:
    """Add ``said`` to ``target``: the recording when there is one, else the voice."""
    recording = voice.recordings.get(said.prompt) if said.prompt else None
    if recording:
        target.play(recording)
        return
    options: dict[str, str] = {}
    if voice.voice:
        options["voice"] = voice.voice
    if voice.language_tag:
        options["language"] = voice.language_tag
    target.say(said.text, **options)


def ask(voice: Voice, lines: Sequence[Said], *, action: str) -> str:
    """Say ``lines`` while listening for one key, posted to ``action``."""
    response = VoiceResponse()
    gather = response.gather(
        input="dtmf", num_digits=1, action=action, method="POST", timeout=GATHER_TIMEOUT
    )
    for said in lines:
        say(gather, voice, said)
    response.redirect(action, method="POST")  # no key at all: the same step, without Digits
    return str(response)


def tell(parts: Sequence[tuple[Voice, Said]]) -> str:
    """Say each part (each in its own voice) and hang up."""
    response = VoiceResponse()
    for voice, said in parts:
        say(response, voice, said)
    response.hangup()
    return str(response)


def nothing() -> str:
    """The harmless answer to a webhook we cannot place: an empty ``<Response/>``."""
    return str(VoiceResponse())
