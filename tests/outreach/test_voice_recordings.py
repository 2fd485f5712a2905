"""The call's voices and recordings: the voices table, uploads checked and stored, served at
opaque addresses, and what ``how_spoken`` / ``callable_languages`` tell the call."""

from __future__ import annotations

import io
import math
import re
import struct
import wave

import httpx
import pytest

from parentinfo.events.models import Event
from parentinfo.lib.enums import SUPPORTED_LANGUAGES
from parentinfo.outreach.voice import recordings
from parentinfo.outreach.voice.models import VoiceRecording
from parentinfo.outreach.voice.voices import (
    PROMPTS,
    VOICES,
    Speech,
    callable_languages,
    how_spoken,
)
from tests.factories import Member, make_member, make_org
from tests.factories.contacts import make_contact
from tests.factories.events import make_event
from tests.web.helpers import login, post_form

pytestmark = pytest.mark.anyio

# Twilio's documented form: Google.<lang>-<REGION>-<Standard|Wavenet|Neural2>-<letter>, or
# Polly.<Name>[-Neural].
TWILIO_VOICE = re.compile(
    r"^(Google\.(?P<tag>[a-z]{2,3}-[A-Z]{2})-(Standard|Wavenet|Neural2)-[A-Z]"
    r"|Polly\.[A-Z][a-z]+(-Neural)?)$"
)


def tone_wav(seconds: float, *, rate: int = 8000, channels: int = 1, width: int = 2) -> bytes:
    """A WAV of a 440 Hz tone, made with Python's wave module."""
    frames = int(seconds * rate)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(width)
        wav.setframerate(rate)
        if width == 2:
            one = b"".join(
                struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / rate)))
                for i in range(min(frames, rate))
            )
        else:
            one = bytes(128 for _ in range(min(frames, rate)))
        sample = one * channels if channels == 1 else b"".join([one] * channels)
        whole, rest = divmod(frames, rate)
        wav.writeframes(sample * whole + sample[: rest * width * channels])
    return buffer.getvalue()


def test_every_language_has_a_voice_in_twilios_form_or_none() -> None:
    assert tuple(VOICES) == SUPPORTED_LANGUAGES
    without = sorted(code for code, voice in VOICES.items() if voice is None)
    assert without == ["hr", "sl"]  # Twilio lists no voice for Croatian or Slovenian
    for code, voice in VOICES.items():
        if voice is None:
            continue
        match = TWILIO_VOICE.match(voice.voice)
        assert match, voice.voice
        assert voice.language_tag.split("-")[0] == code
        if match.group("tag"):  # a Google voice names its own language tag
            assert match.group("tag") == voice.language_tag
    families = {voice.voice.split(".")[0] for voice in VOICES.values() if voice}
    assert families == {"Google"}  # one family: the same sound and price everywhere


async def _volunteer(client: httpx.AsyncClient, slug: str = "school") -> tuple[Member, str, int]:
    coordinator = await make_member(await make_org(slug))
    event = await make_event(
        coordinator, texts={"en": ("Parents' evening", ""), "hr": ("Roditeljski sastanak", "")}
    )
    volunteer = await make_member(coordinator.organisation, role="volunteer")
    token = await login(client, volunteer)
    await client.get(f"/events/{event.id}/voice?lang=en")  # the refusals below, in English
    return volunteer, token, event.id


async def _upload(
    client: httpx.AsyncClient, token: str, path: str, audio: bytes, **headers: str
) -> httpx.Response:
    return await client.post(
        path,
        content=audio,
        headers={
            "Content-Type": "audio/wav",
            "Accept": "application/json",
            "x-csrftoken": token,
            **headers,
        },
    )


async def test_a_recording_is_stored_and_served_at_its_opaque_address(
    client: httpx.AsyncClient,
) -> None:
    _member, token, event_id = await _volunteer(client)
    audio = tone_wav(3.0, rate=16000)
    response = await _upload(client, token, f"/events/{event_id}/voice/hr/invitation", audio)
    assert response.status_code == 201, response.text
    assert response.json()["duration_ms"] == 3000
    stored = await VoiceRecording.get()
    assert (stored.language, stored.prompt, stored.event_id) == ("hr", "invitation", event_id)
    served = await client.get(f"/recordings/{response.json()['token']}.wav")
    assert served.status_code == 200
    assert served.headers["content-type"] == "audio/wav"
    assert "immutable" in served.headers["cache-control"]
    assert served.content == audio
    # Twilio has no login: the address works without the session's cookie.
    async with httpx.AsyncClient(
        transport=client._transport, base_url="https://parentinfo.test"
    ) as stranger:
        assert (await stranger.get(f"/recordings/{stored.token}.wav")).status_code == 200


async def test_organisation_prompts_are_stored_without_the_event(
    client: httpx.AsyncClient,
) -> None:
    _member, token, event_id = await _volunteer(client)
    response = await _upload(client, token, f"/events/{event_id}/voice/hr/goodbye", tone_wav(1))
    assert response.status_code == 201, response.text
    assert (await VoiceRecording.get()).event_id is None


@pytest.mark.parametrize(
    ("audio", "says"),
    [
        (b"<html>not a sound</html>", "not a sound recording"),
        (b"RIFF\x10\x00\x00\x00WAVEfmt ", "not a sound recording"),  # a cut-off header
        (tone_wav(2, channels=2), "not a sound recording"),  # the page makes mono
        (tone_wav(121), "too long"),
        (tone_wav(60, rate=48000), "too large"),
        (tone_wav(0.1), "empty"),
    ],
    ids=["html", "truncated", "stereo", "over-two-minutes", "over-4-mb", "empty"],
)
async def test_bad_uploads_are_refused_and_nothing_is_stored(
    client: httpx.AsyncClient, audio: bytes, says: str
) -> None:
    _member, token, event_id = await _volunteer(client)
    response = await _upload(client, token, f"/events/{event_id}/voice/hr/invitation", audio)
    assert response.status_code == 422, response.text
    assert says in response.json()["errors"][0]["message"]
    assert await VoiceRecording.all().count() == 0


async def test_the_refusal_speaks_the_volunteers_language(client: httpx.AsyncClient) -> None:
    _member, token, event_id = await _volunteer(client)
    await client.get(f"/events/{event_id}/voice?lang=nl")
    response = await _upload(
        client, token, f"/events/{event_id}/voice/hr/invitation", tone_wav(121)
    )
    assert response.status_code == 422
    assert "te lang" in response.json()["errors"][0]["message"]


async def test_unknown_places_and_strangers_are_refused(client: httpx.AsyncClient) -> None:
    _member, token, event_id = await _volunteer(client)
    audio = tone_wav(1)
    for path in (
        f"/events/{event_id}/voice/xx/invitation",
        f"/events/{event_id}/voice/hr/chorus",
    ):
        assert (await _upload(client, token, path, audio)).status_code == 422
    assert (
        await _upload(client, "wrong", f"/events/{event_id}/voice/hr/goodbye", audio)
    ).status_code == 403
    other = await make_member(await make_org("other"), email="c@other.test")
    foreign = await make_event(other)
    assert (
        await _upload(client, token, f"/events/{foreign.id}/voice/hr/invitation", audio)
    ).status_code == 404
    assert (await client.get(f"/events/{foreign.id}/voice")).status_code == 404
    assert await VoiceRecording.all().count() == 0


async def test_a_replaced_or_deleted_recording_is_gone_from_its_address(
    client: httpx.AsyncClient,
) -> None:
    _member, token, event_id = await _volunteer(client)
    path = f"/events/{event_id}/voice/sl/party_size"
    first = (await _upload(client, token, path, tone_wav(1))).json()["token"]
    second = (await _upload(client, token, path, tone_wav(2))).json()["token"]
    assert first != second
    assert (await client.get(f"/recordings/{first}.wav")).status_code == 404
    assert (await client.get(f"/recordings/{second}.wav")).status_code == 200
    assert await VoiceRecording.all().count() == 1
    assert (await client.get("/recordings/no-such-token-at-all-0123.wav")).status_code == 404
    assert (await client.get(f"/recordings/{second}")).status_code == 404  # not the .wav name
    deleted = await post_form(client, f"{path}/delete", token)
    assert deleted.status_code == 303
    assert (await client.get(f"/recordings/{second}.wav")).status_code == 404
    again = await post_form(client, f"{path}/delete", token)
    assert again.status_code == 404


async def test_how_a_language_is_spoken(client: httpx.AsyncClient) -> None:
    member, token, event_id = await _volunteer(client)
    org = member.actor.org_id
    polish = await how_spoken(organisation_id=org, event_id=event_id, language="pl")
    assert polish == Speech(voice="Google.pl-PL-Standard-A", language_tag="pl-PL", recordings={})
    assert await how_spoken(organisation_id=org, event_id=event_id, language="hr") is None
    assert await how_spoken(organisation_id=org, event_id=event_id, language="xx") is None
    before = await callable_languages(organisation_id=org, event_id=event_id)
    assert before == frozenset(SUPPORTED_LANGUAGES) - {"hr", "sl"}

    tokens = {}
    for prompt in PROMPTS:
        response = await _upload(
            client, token, f"/events/{event_id}/voice/hr/{prompt}", tone_wav(1)
        )
        tokens[prompt] = response.json()["token"]
        if prompt != PROMPTS[-1]:  # until the last one is recorded, no call in Croatian
            assert await how_spoken(organisation_id=org, event_id=event_id, language="hr") is None
    croatian = await how_spoken(organisation_id=org, event_id=event_id, language="hr")
    assert croatian is not None
    assert (croatian.voice, croatian.language_tag) == (None, None)
    assert dict(croatian.recordings) == {
        prompt: f"https://parentinfo.test/recordings/{tokens[prompt]}.wav" for prompt in PROMPTS
    }
    assert "hr" in await callable_languages(organisation_id=org, event_id=event_id)

    # Another event shares the organisation's prompts, not this event's invitation.
    coordinator = await make_member(member.organisation, email="c2@school.test")
    other = await make_event(coordinator, texts={"hr": ("Drugi sastanak", "")})
    assert await how_spoken(organisation_id=org, event_id=other.id, language="hr") is None
    assert "hr" not in await callable_languages(organisation_id=org, event_id=other.id)
    # A call about no event (an unknown invitation is not read) needs no invitation.
    no_event = await how_spoken(organisation_id=org, event_id=None, language="hr")
    assert no_event is not None
    assert "invitation" not in no_event.recordings
    # Another organisation has none of these recordings.
    stranger = await make_org("stranger")
    assert "hr" not in await callable_languages(organisation_id=stranger.id, event_id=None)


async def test_a_recording_replaces_the_voice_for_its_prompt(client: httpx.AsyncClient) -> None:
    member, token, event_id = await _volunteer(client)
    response = await _upload(client, token, f"/events/{event_id}/voice/pl/invitation", tone_wav(1))
    polish = await how_spoken(organisation_id=member.actor.org_id, event_id=event_id, language="pl")
    assert polish is not None
    assert polish.voice == "Google.pl-PL-Standard-A"
    assert set(polish.recordings) == {"invitation"}
    assert polish.recordings["invitation"].endswith(f"/{response.json()['token']}.wav")


async def test_the_page_says_voice_or_recording_per_language(client: httpx.AsyncClient) -> None:
    member, token, event_id = await _volunteer(client)
    await make_contact(member.actor, n=1, name="Ana", language="hr")
    await make_contact(member.actor, n=2, name="Jan", language="pl")
    page = await client.get(f"/events/{event_id}/voice?lang=en")
    assert page.status_code == 200
    sections = dict(re.findall(r'data-language="(\w+)" data-uses="(\w+)"', page.text))
    assert sections == {"en": "voice", "pl": "voice", "hr": "none"}
    assert "Google.pl-PL-Standard-A" in page.text
    assert "Roditeljski sastanak" in page.text  # the invitation to read aloud, in Croatian
    for prompt in PROMPTS:
        await _upload(client, token, f"/events/{event_id}/voice/hr/{prompt}", tone_wav(1))
    page = await client.get(f"/events/{event_id}/voice?lang=en")
    assert 'data-language="hr" data-uses="recording"' in page.text
    assert page.text.count("<audio controls") == len(PROMPTS)


async def test_the_limits_are_what_the_docs_say() -> None:
    assert recordings.MAX_SECONDS == 120
    # The longest recording the page makes (16 kHz, 16-bit, mono) fits under the size limit.
    assert 44 + recordings.MAX_SECONDS * 16000 * 2 <= recordings.MAX_BYTES


async def test_the_preview_says_how_each_language_would_be_called(
    client: httpx.AsyncClient,
) -> None:
    coordinator = await make_member(await make_org("school"))
    await make_contact(coordinator.actor, n=1, name="Ana", language="hr")
    await make_contact(coordinator.actor, n=2, name="Jan", language="pl")
    token = await login(client, coordinator)
    await post_form(
        client,
        "/events",
        token,
        {
            "topic": "library",
            "date": "2031-05-13",
            "start_time": "15:00",
            "end_time": "16:30",
            "venue": "Knjižnica",
            "session_languages": ["nl"],
            "title_en": "The library",
            "title_hr": "Knjižnica za djecu",
            "title_pl": "Biblioteka dla dzieci",
        },
    )
    event = await Event.get()
    await post_form(client, f"/events/{event.id}/publish", token)
    preview_path = f"/events/{event.id}/outreach/preview?languages=hr&languages=pl&lang=en"

    preview = await client.get(preview_path)
    assert preview.status_code == 200
    said = dict(re.findall(r'id="h-lang-(\w+)".*?data-call-voice="(\w+)"', preview.text, re.S))
    assert said == {"hr": "none", "pl": "voice"}
    assert "No calls in Croatian: record the invitation first." in preview.text
    assert "Google.pl-PL-Standard-A" in preview.text

    # The organisation's prompts alone are not enough: the invitation is still missing.
    for prompt in PROMPTS[1:]:
        await _upload(client, token, f"/events/{event.id}/voice/hr/{prompt}", tone_wav(1))
    preview = await client.get(preview_path)
    assert "No calls in Croatian: record the invitation first." in preview.text
    await _upload(client, token, f"/events/{event.id}/voice/hr/invitation", tone_wav(1))
    preview = await client.get(preview_path)
    said = dict(re.findall(r'id="h-lang-(\w+)".*?data-call-voice="(\w+)"', preview.text, re.S))
    assert said == {"hr": "recording", "pl": "voice"}
    assert "No calls in Croatian" not in preview.text
