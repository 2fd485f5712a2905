"""Change and cancellation notices: to parents who heard of the event, once per version."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from parentinfo.events.models import Event
from parentinfo.lib.enums import Answer, Channel, EventStatus, MessageKind, MessageStatus
from parentinfo.outreach.notices import queue_cancellations, queue_change_notices
from parentinfo.rsvp.models import Invitation
from tests.factories import make_member, make_org
from tests.factories.outreach import make_contacts, messages, published_event, run_jobs
from tests.fakes.smtp_server import MailBox
from tests.fakes.twilio_server import FakeTwilio

pytestmark = pytest.mark.anyio


async def _invited(api: httpx.AsyncClient) -> Event:
    """Three parents reached (one by email), and one whose invitation still waits."""
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    await make_contacts(school, 2)
    await make_contacts(school, 1, start=5, mobile=None, email="m@example.com")
    url = f"/api/v1/events/{event.id}/outreach/send"
    await api.post(url, json={}, headers=member.headers)
    await run_jobs()
    await make_contacts(school, 1, start=9)
    await api.post(url, json={}, headers=member.headers)  # queued, not yet sent
    return event


async def test_change_notices_go_to_the_informed_and_waiting_invitations_are_rewritten(
    api: httpx.AsyncClient, twilio: FakeTwilio, smtp: MailBox
) -> None:
    event = await _invited(api)
    [waiting] = await messages(status=MessageStatus.PENDING)
    event.starts_at += timedelta(days=1)
    event.ends_at += timedelta(days=1)
    event.sequence += 1
    await event.save()
    assert await queue_change_notices(event=event, time_changed=True) == 3
    assert await queue_change_notices(event=event, time_changed=True) == 0  # same version
    changes = await messages(kind=MessageKind.CHANGE)
    assert waiting.invitation_id not in {m.invitation_id for m in changes}  # type: ignore[attr-defined]
    refreshed = await waiting.__class__.get(id=waiting.id)
    assert refreshed.body != waiting.body  # the new date is in it
    await run_jobs()
    assert {m.status for m in await messages(kind=MessageKind.CHANGE)} == {MessageStatus.SENT}
    [email] = [m for m in changes if m.channel == Channel.EMAIL]
    assert "METHOD:REQUEST" in email.calendar
    event.sequence += 1
    await event.save()
    assert await queue_change_notices(event=event) == 4  # news again, now to all four


async def test_cancellation_withholds_what_waits_and_tells_the_informed(
    api: httpx.AsyncClient, twilio: FakeTwilio, smtp: MailBox
) -> None:
    event = await _invited(api)
    [waiting] = await messages(status=MessageStatus.PENDING)
    event.status = EventStatus.CANCELLED
    event.sequence += 1
    await event.save()
    assert await queue_cancellations(event=event) == 3
    await waiting.refresh_from_db()
    assert (waiting.status, waiting.withheld_reason) == (MessageStatus.WITHHELD, "cancelled_event")
    await run_jobs()
    cancellations = await messages(kind=MessageKind.CANCELLATION)
    assert {m.status for m in cancellations} == {MessageStatus.SENT}
    [mail] = smtp.to("m@example.com")[-1:]
    calendar = next(p for p in mail.walk() if p.get_content_type() == "text/calendar")
    assert calendar.get_param("method") == "CANCEL"
    assert len(twilio.created) == 2 + 2  # two invitations, two cancellations; nothing else


async def test_a_message_whose_event_was_cancelled_meanwhile_is_withheld(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    await make_contacts(school, 2)
    await api.post(f"/api/v1/events/{event.id}/outreach/send", json={}, headers=member.headers)
    await Event.filter(id=event.id).update(status=EventStatus.CANCELLED)
    await run_jobs()
    rows = await messages()
    assert {(m.status, m.withheld_reason) for m in rows} == {
        (MessageStatus.WITHHELD, "cancelled_event")
    }
    assert twilio.requests == []


async def test_opted_out_meanwhile_is_withheld_and_answered_parents_count_as_informed(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    first, second = await make_contacts(school, 2)
    await api.post(f"/api/v1/events/{event.id}/outreach/send", json={}, headers=member.headers)
    first.sms_opt_out = True
    await first.save()
    await Invitation.filter(contact_id=second.id).update(answer=Answer.YES)
    await run_jobs()
    withheld, sent = await messages()
    assert (withheld.status, withheld.withheld_reason) == (MessageStatus.WITHHELD, "opted_out")
    assert sent.status == MessageStatus.SENT
    event.sequence += 1
    await event.save()
    assert await queue_change_notices(event=event, place_changed=True) == 1
