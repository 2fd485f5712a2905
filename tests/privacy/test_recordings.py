"""A volunteer's recorded voice is personal data: it goes with its event, with its
organisation, and with the event's messages on the retention schedule (per organisation)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from litestar import Litestar

from parentinfo.events.models import Event
from parentinfo.lib.clock import now
from parentinfo.lib.tokens import new_token
from parentinfo.organisations.models import Organisation
from parentinfo.outreach.voice.models import VoiceRecording
from parentinfo.privacy.retention import apply_retention
from parentinfo.settings import Settings
from tests.factories import make_org
from tests.factories.attendance import make_door_event
from tests.outreach.test_voice_recordings import tone_wav

pytestmark = pytest.mark.anyio


async def _recording(org: Organisation, event: Event | None, prompt: str) -> int:
    row = await VoiceRecording.create(
        organisation=org,
        event=event,
        language="hr",
        prompt=prompt,
        token=new_token(),
        audio=tone_wav(1),
        duration_ms=1000,
    )
    return row.id


async def test_deleting_an_event_deletes_its_recordings_and_keeps_the_organisations(
    app: Litestar,
) -> None:
    school = await make_org("school")
    event = await make_door_event(school)
    kept = await make_door_event(school)
    own = await _recording(school, event, "invitation")
    other = await _recording(school, kept, "invitation")
    shared = await _recording(school, None, "goodbye")
    await event.delete()
    assert not await VoiceRecording.exists(id=own)
    assert await VoiceRecording.exists(id=other)
    assert await VoiceRecording.exists(id=shared)


async def test_deleting_an_organisation_deletes_every_recording_of_it(app: Litestar) -> None:
    school = await make_org("school")
    neighbour = await make_org("neighbour")
    event = await make_door_event(school)
    await _recording(school, event, "invitation")
    await _recording(school, None, "goodbye")
    theirs = await _recording(neighbour, None, "goodbye")
    await school.delete()
    assert await VoiceRecording.all().values_list("id", flat=True) == [theirs]


async def test_retention_deletes_an_old_sessions_recorded_invitation(
    app: Litestar, settings: Settings
) -> None:
    school = await make_org("school")
    strict = await make_org("strict")
    await Organisation.filter(id=strict.id).update(retention_message_days=30)
    old = await make_door_event(school, starts_at=now() - timedelta(days=120))
    recent = await make_door_event(school, starts_at=now() - timedelta(days=10))
    strict_event = await make_door_event(strict, starts_at=now() - timedelta(days=45))
    old_one = await _recording(school, old, "invitation")
    recent_one = await _recording(school, recent, "invitation")
    shared = await _recording(school, None, "goodbye")
    strict_one = await _recording(strict, strict_event, "invitation")

    report = await apply_retention(settings, dry_run=True)
    assert "recorded invitations 90 days after their session: 2 would be deleted" in report
    assert await VoiceRecording.all().count() == 4  # a dry run deletes nothing

    await apply_retention(settings, dry_run=False)
    left = set(await VoiceRecording.all().values_list("id", flat=True))
    assert old_one not in left
    assert strict_one not in left  # 45 days: past the strict organisation's own 30
    assert left == {recent_one, shared}
    again = await apply_retention(settings, dry_run=False)
    assert "recorded invitations 90 days after their session: 0 were deleted" in again
