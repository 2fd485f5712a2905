"""A recorded invitation says what, when and where: once the event moves it no longer tells
the truth. Over real HTTP (the fake Twilio, the signed voice webhooks), on both databases:
the recording is no longer played, a language with a voice falls back to it, a
recording-only language is not called until re-recorded, the pages say so, and a call
already queued in such a language goes by the next channel instead."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from parentinfo.events.models import Event
from parentinfo.lib.enums import Channel, MessageStatus
from parentinfo.messaging.models import OutboundMessage
from parentinfo.outreach.voice.models import VoiceRecording
from parentinfo.outreach.voice.voices import PROMPTS, callable_languages, how_spoken
from parentinfo.settings import Settings
from tests.factories import Member, make_member, make_org
from tests.factories.outreach import make_contacts, published_event, run_jobs
from tests.fakes.smtp_server import MailBox
from tests.fakes.twilio_server import FakeTwilio
from tests.outreach.conftest import wired_settings
from tests.outreach.test_voice_recordings import tone_wav
from tests.web.helpers import login

pytestmark = pytest.mark.anyio

STALE = "The recorded invitation is from before the move: record it again."


@pytest.fixture
def wired(database_url: str, var_dir: Path, twilio: FakeTwilio, smtp: MailBox) -> Settings:
    """The wired app, calling at any hour (the calling window has tests of its own)."""
    return wired_settings(database_url, var_dir, twilio, smtp, CALL_HOURS="00:00-23:59")


TEXTS = {
    "en": ("Parents' evening", ""),
    "hr": ("Roditeljski sastanak", ""),
    "pl": ("Wywiadówka", ""),
}


async def _school(api: httpx.AsyncClient) -> tuple[Member, str, Event]:
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school, texts=TEXTS)
    token = await login(api, member)
    await api.get(f"/events/{event.id}/voice?lang=en")  # the pages below, in English
    return member, token, event


async def _record(
    api: httpx.AsyncClient, token: str, event_id: int, language: str, prompt: str
) -> str:
    response = await api.post(
        f"/events/{event_id}/voice/{language}/{prompt}",
        content=tone_wav(1),
        headers={"Content-Type": "audio/wav", "Accept": "application/json", "x-csrftoken": token},
    )
    assert response.status_code == 201, response.text
    return str(response.json()["token"])


async def _move(api: httpx.AsyncClient, member: Member, event: Event, **extra: object) -> None:
    later = event.starts_at + timedelta(days=1)
    response = await api.patch(
        f"/api/v1/events/{event.id}",
        json={
            "starts_at": later.isoformat(),
            "ends_at": (later + timedelta(hours=2)).isoformat(),
            **extra,
        },
        headers=member.headers,
    )
    assert response.status_code == 200, response.text


def _enum_in(schema: dict[str, Any]) -> list[str]:
    """The enum a (maybe nullable) schema states, sorted, without null."""
    if "enum" in schema:
        return sorted(value for value in schema["enum"] if value is not None)
    for choice in schema.get("oneOf", schema.get("anyOf", [])):
        if "enum" in choice:
            return _enum_in(choice)
    raise AssertionError(f"no enum in {schema}")


def _stale_sections(html: str) -> set[str]:
    """The languages of the voice page whose section says the invitation is stale."""
    sections = re.split(r'<section class="panel" id="lang-', html)[1:]
    return {part.split('"', 1)[0] for part in sections if "data-recording-stale" in part}


async def test_a_move_takes_the_recorded_invitation_out_of_every_call_until_recorded_again(
    api: httpx.AsyncClient,
) -> None:
    member, token, event = await _school(api)
    org_id = member.actor.org_id
    for prompt in PROMPTS:
        await _record(api, token, event.id, "hr", prompt)
    polish_token = await _record(api, token, event.id, "pl", "invitation")
    other = await published_event(member.organisation, texts=TEXTS)
    await _record(api, token, other.id, "hr", "invitation")
    assert "hr" in await callable_languages(organisation_id=org_id, event_id=event.id)

    await _move(api, member, event)

    # Croatian has no voice: without a true invitation, no call is made in it.
    assert await how_spoken(organisation_id=org_id, event_id=event.id, language="hr") is None
    assert "hr" not in await callable_languages(organisation_id=org_id, event_id=event.id)
    # Polish has a voice: it reads the new invitation instead of the old recording.
    polish = await how_spoken(organisation_id=org_id, event_id=event.id, language="pl")
    assert polish is not None
    assert polish.voice == "Google.pl-PL-Standard-A"
    assert "invitation" not in polish.recordings
    # The organisation's prompts and the other event's invitation still tell the truth.
    croatian_other = await how_spoken(organisation_id=org_id, event_id=other.id, language="hr")
    assert croatian_other is not None
    assert set(croatian_other.recordings) == set(PROMPTS)

    page = await api.get(f"/events/{event.id}/voice?lang=en")
    assert page.status_code == 200
    assert _stale_sections(page.text) == {"hr", "pl"}
    assert STALE in page.text
    assert 'data-language="hr" data-uses="none"' in page.text
    assert f'data-stored="{polish_token}" data-stale' in page.text  # still there to listen to
    await make_contacts(member.organisation, 1, language="hr")
    await make_contacts(member.organisation, 1, start=1, language="pl")
    preview = await api.get(
        f"/events/{event.id}/outreach/preview?languages=hr&languages=pl&lang=en"
    )
    assert preview.status_code == 200
    assert 'data-recording-stale="hr"' in preview.text
    assert 'data-recording-stale="pl"' in preview.text
    said = dict(re.findall(r'id="h-lang-(\w+)".*?data-call-voice="(\w+)"', preview.text, re.S))
    assert said == {"hr": "none", "pl": "voice"}

    # Recorded again: the Croatian call is back, the notice gone for it.
    await _record(api, token, event.id, "hr", "invitation")
    assert "hr" in await callable_languages(organisation_id=org_id, event_id=event.id)
    page = await api.get(f"/events/{event.id}/voice?lang=en")
    assert _stale_sections(page.text) == {"pl"}
    assert await VoiceRecording.filter(event_id=event.id, stale=True).count() == 1


async def test_a_move_saved_without_telling_still_makes_the_recording_stale(
    api: httpx.AsyncClient,
) -> None:
    member, token, event = await _school(api)
    await _record(api, token, event.id, "pl", "invitation")
    await _move(api, member, event, notify=False)
    assert await VoiceRecording.filter(event_id=event.id, stale=True).count() == 1


async def test_a_change_that_is_not_a_move_keeps_the_recording(api: httpx.AsyncClient) -> None:
    member, token, event = await _school(api)
    await _record(api, token, event.id, "pl", "invitation")
    response = await api.patch(
        f"/api/v1/events/{event.id}", json={"capacity": 40}, headers=member.headers
    )
    assert response.status_code == 200, response.text
    assert await VoiceRecording.filter(event_id=event.id, stale=True).count() == 0


async def test_a_call_queued_in_a_recording_only_language_goes_by_sms_after_a_move(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    member, token, event = await _school(api)
    for prompt in PROMPTS:
        await _record(api, token, event.id, "hr", prompt)
    [parent] = await make_contacts(member.organisation, 1, language="hr", call_me=True)
    sent = await api.post(
        f"/api/v1/events/{event.id}/outreach/send", json={}, headers=member.headers
    )
    assert sent.status_code < 300, sent.text
    [queued] = await OutboundMessage.filter(channel=Channel.VOICE)
    assert queued.status == MessageStatus.PENDING
    await _move(api, member, event)  # before the worker rang
    await run_jobs()
    call, sms = await OutboundMessage.filter(contact_id=parent.id).order_by("id")
    assert (call.id, call.status, call.withheld_reason) == (
        queued.id,
        MessageStatus.WITHHELD,
        "no_recording",
    )
    assert (sms.channel, sms.status) == (Channel.SMS, MessageStatus.SENT)
    assert "no_recording → sms" in (await OutboundMessage.get(id=call.id)).error_message
    assert twilio.calls.to(parent.mobile or "") == []


async def test_a_call_queued_in_a_language_with_a_voice_speaks_the_new_invitation(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    member, token, event = await _school(api)
    old = await _record(api, token, event.id, "pl", "invitation")
    [parent] = await make_contacts(member.organisation, 1, language="pl", call_me=True)
    sent = await api.post(
        f"/api/v1/events/{event.id}/outreach/send", json={}, headers=member.headers
    )
    assert sent.status_code < 300, sent.text
    await _move(api, member, event)
    await run_jobs()
    [call] = twilio.calls.to(parent.mobile or "")
    heard = await twilio.calls.pick_up(api, call)
    assert old not in heard.xml  # the old recording is never played
    assert heard.played == []
    assert "Google.pl-PL-Standard-A" in heard.xml
    assert "Wywiadówka" in heard.text


async def test_the_api_preview_says_per_language_how_a_call_would_be_spoken(
    api: httpx.AsyncClient,
) -> None:
    member, token, event = await _school(api)
    await make_contacts(member.organisation, 1, language="hr")
    await make_contacts(member.organisation, 1, start=1, language="pl")
    url = f"/api/v1/events/{event.id}/outreach/preview"

    async def said() -> dict[str, tuple[str, str | None, list[str], bool]]:
        response = await api.post(url, json={}, headers=member.headers)
        assert response.status_code == 200, response.text
        return {
            lang["language"]: (
                lang["call_uses"],
                lang["call_voice"],
                lang["call_missing"],
                lang["call_recording_stale"],
            )
            for lang in response.json()["languages"]
        }

    assert await said() == {
        "hr": ("none", None, list(PROMPTS), False),
        "pl": ("voice", "Google.pl-PL-Standard-A", [], False),
    }
    for prompt in PROMPTS:
        await _record(api, token, event.id, "hr", prompt)
    await _record(api, token, event.id, "pl", "invitation")
    assert (await said())["hr"] == ("recording", None, [], False)
    await _move(api, member, event)
    assert await said() == {
        "hr": ("none", None, ["invitation"], True),
        "pl": ("voice", "Google.pl-PL-Standard-A", [], True),
    }

    document = (await api.get("/schema/openapi.json")).json()
    schemas = document["components"]["schemas"]
    fields = schemas["LanguagePreviewOut"]["properties"]
    assert _enum_in(fields["call_uses"]) == ["none", "recording", "voice"]
    assert fields["call_missing"]["maxItems"] == len(PROMPTS)
    assert fields["call_missing"]["items"]["enum"] == list(PROMPTS)
