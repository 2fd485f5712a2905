"""How a call speaks each language: a Twilio text-to-speech voice, or volunteers' recordings.

The voices are Twilio's Google "Standard" voices, one family for every language it covers
(the same sound and price everywhere), taken from Twilio's list of text-to-speech voices:
https://www.twilio.com/docs/voice/twiml/say/text-speech#available-voices-and-languages
(Google voices are named ``Google.<language>-<REGION>-Standard-<letter>``; Spanish and
Italian have no ``-A``, so they take the first letter listed). Twilio has no voice for
Croatian and Slovenian: a call in those languages plays recordings, and without them it is
not made.

A recording, when there is one, is played in place of the voice for its prompt in every
language: a neighbour's voice reads better than a synthetic one. Which prompts a call
needs recorded in a language without a voice: the event's invitation, and the
organisation's other prompts (``ORGANISATION_PROMPTS``), which every event shares.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from parentinfo.lib.enums import SUPPORTED_LANGUAGES
from parentinfo.lib.urls import public_url
from parentinfo.outreach.voice.models import VoiceRecording

PROMPTS = ("invitation", "party_size", "confirmed", "again", "goodbye")
# The invitation says what, when and where: one per event. The others are the same for
# every event of the organisation ("How many people will come?", "Thank you, …").
EVENT_PROMPTS: frozenset[str] = frozenset({"invitation"})
ORGANISATION_PROMPTS: tuple[str, ...] = tuple(p for p in PROMPTS if p not in EVENT_PROMPTS)


@dataclass(frozen=True)
class TtsVoice:
    """A Twilio ``<Say>`` voice and the ``language`` attribute that goes with it."""

    voice: str
    language_tag: str


# Every supported language, with its voice or None (recordings only).
VOICES: Mapping[str, TtsVoice | None] = MappingProxyType(
    {
        "nl": TtsVoice("Google.nl-NL-Standard-A", "nl-NL"),
        "en": TtsVoice("Google.en-GB-Standard-A", "en-GB"),
        "pl": TtsVoice("Google.pl-PL-Standard-A", "pl-PL"),
        "ro": TtsVoice("Google.ro-RO-Standard-A", "ro-RO"),
        "bg": TtsVoice("Google.bg-BG-Standard-A", "bg-BG"),
        "de": TtsVoice("Google.de-DE-Standard-A", "de-DE"),
        "fr": TtsVoice("Google.fr-FR-Standard-A", "fr-FR"),
        "es": TtsVoice("Google.es-ES-Standard-B", "es-ES"),
        "pt": TtsVoice("Google.pt-PT-Standard-A", "pt-PT"),
        "it": TtsVoice("Google.it-IT-Standard-B", "it-IT"),
        "lt": TtsVoice("Google.lt-LT-Standard-A", "lt-LT"),
        "lv": TtsVoice("Google.lv-LV-Standard-A", "lv-LV"),
        "hu": TtsVoice("Google.hu-HU-Standard-A", "hu-HU"),
        "sk": TtsVoice("Google.sk-SK-Standard-A", "sk-SK"),
        "cs": TtsVoice("Google.cs-CZ-Standard-A", "cs-CZ"),
        "hr": None,
        "sl": None,
        "el": TtsVoice("Google.el-GR-Standard-A", "el-GR"),
        "uk": TtsVoice("Google.uk-UA-Standard-A", "uk-UA"),
        "ru": TtsVoice("Google.ru-RU-Standard-A", "ru-RU"),
        "tr": TtsVoice("Google.tr-TR-Standard-A", "tr-TR"),
        "ar": TtsVoice("Google.ar-XA-Standard-A", "ar-XA"),
    }
)


@dataclass(frozen=True)
class Speech:
    """How a call in one language is spoken.

    ``voice``/``language_tag`` are ``<Say voice=… language=…>``, None when the language
    has no voice (then every prompt is a recording); ``recordings`` maps a prompt name to
    the absolute URL Twilio ``<Play>``s it from (an opaque token, nothing personal).
    """

    voice: str | None
    language_tag: str | None
    recordings: Mapping[str, str] = field(default_factory=dict)


def recording_url(token: str) -> str:
    """Where Twilio fetches a recording: an opaque name under the public address."""
    return public_url(f"/recordings/{token}.wav")


def needed_prompts(event_id: int | None) -> tuple[str, ...]:
    """The prompts a call without a voice cannot do without (no invitation without event)."""
    return PROMPTS if event_id is not None else ORGANISATION_PROMPTS


def speech_for(
    language: str, recorded: Mapping[str, str], *, event_id: int | None
) -> Speech | None:
    """The pure core: ``language``'s voice and its ``recorded`` prompts (name → URL), or
    None when it has no voice and misses a recording the call needs."""
    if language not in VOICES:
        return None
    tts = VOICES[language]
    if tts is None and any(prompt not in recorded for prompt in needed_prompts(event_id)):
        return None
    return Speech(
        voice=tts.voice if tts else None,
        language_tag=tts.language_tag if tts else None,
        recordings=MappingProxyType(dict(recorded)),
    )


async def recorded_prompts(
    *, organisation_id: int, event_id: int | None, languages: frozenset[str] | None = None
) -> dict[str, dict[str, str]]:
    """language → prompt → URL of the recordings a call about ``event_id`` would play.

    The event's own prompts come from its rows, the organisation's from the rows without
    an event; an event's recording of an organisation prompt is never mixed in. A stale
    recording (the event moved after it was made) is left out: it tells the old facts.
    """
    query = VoiceRecording.filter(organisation_id=organisation_id, stale=False)
    if languages is not None:
        query = query.filter(language__in=sorted(languages))
    shared = await query.filter(event_id__isnull=True, prompt__in=ORGANISATION_PROMPTS).values_list(
        "language", "prompt", "token"
    )
    own = (
        await query.filter(event_id=event_id, prompt__in=sorted(EVENT_PROMPTS)).values_list(
            "language", "prompt", "token"
        )
        if event_id is not None
        else []
    )
    found: dict[str, dict[str, str]] = {}
    for language, prompt, token in [*shared, *own]:
        found.setdefault(language, {})[prompt] = recording_url(token)
    return found


async def how_spoken(*, organisation_id: int, event_id: int | None, language: str) -> Speech | None:
    """How a call in ``language`` about ``event_id`` (None: no event) is spoken; None when
    it cannot be: no voice, and a prompt it needs not recorded (calls in it are refused)."""
    if language not in VOICES:
        return None
    recorded = await recorded_prompts(
        organisation_id=organisation_id, event_id=event_id, languages=frozenset({language})
    )
    return speech_for(language, recorded.get(language, {}), event_id=event_id)


async def callable_languages(*, organisation_id: int, event_id: int | None) -> frozenset[str]:
    """The languages a call about ``event_id`` can be made in, for the organisation."""
    recorded = await recorded_prompts(organisation_id=organisation_id, event_id=event_id)
    return frozenset(
        language
        for language in SUPPORTED_LANGUAGES
        if speech_for(language, recorded.get(language, {}), event_id=event_id) is not None
    )


@dataclass(frozen=True)
class Readiness:
    """Whether calls in one language can be made, and how they would sound.

    ``missing`` are the prompts a call cannot do without and nobody has recorded (empty
    when a voice speaks the language: it reads any prompt not recorded).
    """

    language: str
    voice: str | None
    recorded: frozenset[str]
    missing: tuple[str, ...]
    stale: frozenset[str] = frozenset()  # recorded before the event moved: record again

    @property
    def uses(self) -> str:
        """``voice``, ``recording`` (every prompt recorded, no voice) or ``none``."""
        if self.voice is not None:
            return "voice"
        return "none" if self.missing else "recording"


def readiness_of(
    language: str,
    recorded: Mapping[str, str],
    *,
    event_id: int | None,
    stale: frozenset[str] = frozenset(),
) -> Readiness:
    """The pure core of :func:`call_readiness` for one language (``stale``: prompts whose
    recording is from before the event moved, not in ``recorded``)."""
    tts = VOICES.get(language)
    missing = (
        () if tts is not None else tuple(p for p in needed_prompts(event_id) if p not in recorded)
    )
    return Readiness(
        language=language,
        voice=tts.voice if tts else None,
        recorded=frozenset(recorded),
        missing=missing,
        stale=stale - frozenset(recorded),
    )


async def call_readiness(
    *, organisation_id: int, event_id: int | None, languages: list[str]
) -> list[Readiness]:
    """For each of ``languages``: voice, recording, or no calls (and what to record)."""
    wanted = [language for language in languages if language in VOICES]
    recorded = await recorded_prompts(
        organisation_id=organisation_id, event_id=event_id, languages=frozenset(wanted)
    )
    stale = await stale_prompts(organisation_id=organisation_id, event_id=event_id)
    return [
        readiness_of(
            language,
            recorded.get(language, {}),
            event_id=event_id,
            stale=stale.get(language, frozenset()),
        )
        for language in wanted
    ]


async def stale_prompts(*, organisation_id: int, event_id: int | None) -> dict[str, frozenset[str]]:
    """language → the event's prompts the organisation recorded before the event moved."""
    if event_id is None:
        return {}
    rows = await VoiceRecording.filter(
        organisation_id=organisation_id, event_id=event_id, stale=True
    ).values_list("language", "prompt")
    found: dict[str, set[str]] = {}
    for language, prompt in rows:
        found.setdefault(language, set()).add(prompt)
    return {language: frozenset(prompts) for language, prompts in found.items()}


async def mark_event_recordings_stale(event_id: int) -> int:
    """The event moved: its recorded invitations (every host's) tell the old time or place."""
    return await VoiceRecording.filter(event_id=event_id, stale=False).update(stale=True)


async def still_spoken(*, organisation_id: int, event_id: int | None, language: str) -> bool:
    """Whether a call in ``language`` about ``event_id`` can still be made now (a recording
    it needed may have gone stale or been deleted since the call was queued)."""
    return (
        await how_spoken(organisation_id=organisation_id, event_id=event_id, language=language)
        is not None
    )
