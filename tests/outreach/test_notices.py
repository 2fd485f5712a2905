"""Change and cancellation notices: to parents who heard of the event, once per version."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from parentinfo.events.models import Event
from parentinfo.lib.enums import Answer, Channel, EventStatus, MessageKind, MessageStatus
from parentinfo.outreach.composing.compose import when_short
from parentinfo.outreach.notices.changes import queue_cancellations, queue_change_notices
from parentinfo.rsvp.models import Invitation
from tests.factories import Member, make_member, make_org
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


async def _sent_to(api: httpx.AsyncClient, *languages: str) -> tuple[Event, Member]:
    """A published event whose invitation reached one parent per language, by SMS."""
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    for start, language in enumerate(languages):
        await make_contacts(school, 1, start=start, language=language)
    await api.post(f"/api/v1/events/{event.id}/outreach/send", json={}, headers=member.headers)
    await run_jobs()
    return event, member


NEW_TIME = {"pl": "Nowy termin:", "nl": "Nieuwe datum en tijd:"}
NEW_PLACE = {"pl": "Nowe miejsce:", "nl": "Nieuwe plek:"}


async def test_moving_an_event_through_the_api_says_what_moved_in_each_language(
    api: httpx.AsyncClient, twilio: FakeTwilio, smtp: MailBox
) -> None:
    event, member = await _sent_to(api, "pl", "nl")
    url = f"/api/v1/events/{event.id}"
    seen: set[int] = set()

    async def patch(changes: dict[str, str]) -> dict[str, str]:
        """PATCH the event; the SMS body of each new change notice, by language."""
        response = await api.patch(url, json=changes, headers=member.headers)
        assert response.status_code == 200, response.text
        fresh = [m for m in await messages(kind=MessageKind.CHANGE) if m.id not in seen]
        seen.update(m.id for m in fresh)
        await run_jobs()
        assert all(m.channel == Channel.SMS for m in fresh)
        return {m.language: m.body for m in fresh}

    later = event.starts_at + timedelta(days=1, hours=2)
    moved = await patch(
        {"starts_at": later.isoformat(), "ends_at": (later + timedelta(hours=2)).isoformat()}
    )
    assert set(moved) == {"pl", "nl"}
    for language, body in moved.items():
        new_time = when_short(later, later + timedelta(hours=2), event.timezone, language)
        old_time = when_short(event.starts_at, event.ends_at, event.timezone, language)
        assert f"{NEW_TIME[language]} {new_time}" in body, body
        assert old_time not in body
        assert NEW_PLACE[language] not in body
        assert "De Regenboog" in body  # the place, as it was, without a label

    elsewhere = await patch({"venue": "Bibliotheek Centrum"})
    assert set(elsewhere) == {"pl", "nl"}
    for language, body in elsewhere.items():
        assert f"{NEW_PLACE[language]} Bibliotheek Centrum, Schoolstraat 1, Zwolle" in body, body
        assert NEW_TIME[language] not in body
        assert when_short(later, later + timedelta(hours=2), event.timezone, language) in body

    earlier = later - timedelta(hours=3)
    both = await patch(
        {
            "starts_at": earlier.isoformat(),
            "ends_at": (earlier + timedelta(hours=1)).isoformat(),
            "address": "Stationsplein 1, Zwolle",
        }
    )
    assert set(both) == {"pl", "nl"}
    for language, body in both.items():
        new_time = when_short(earlier, earlier + timedelta(hours=1), event.timezone, language)
        assert f"{NEW_TIME[language]} {new_time}" in body, body
        assert f"{NEW_PLACE[language]} Bibliotheek Centrum, Stationsplein 1, Zwolle" in body

    assert await patch({"capacity": "30", "timezone": "Europe/London"}) == {}  # nothing moved


async def test_an_unsent_change_notice_is_replaced_by_one_that_says_everything(
    api: httpx.AsyncClient, twilio: FakeTwilio, smtp: MailBox
) -> None:
    event, member = await _sent_to(api, "pl")
    url = f"/api/v1/events/{event.id}"
    later = event.starts_at + timedelta(days=1)
    times = {"starts_at": later.isoformat(), "ends_at": (later + timedelta(hours=2)).isoformat()}

    assert (await api.patch(url, json=times, headers=member.headers)).status_code == 200
    [first] = await messages(kind=MessageKind.CHANGE)  # not sent yet: no jobs ran
    assert (first.status, first.changes) == (MessageStatus.PENDING, "time")
    place = {"venue": "Bibliotheek Centrum"}
    assert (await api.patch(url, json=place, headers=member.headers)).status_code == 200
    await run_jobs()

    first, second = await messages(kind=MessageKind.CHANGE)
    assert (first.status, first.withheld_reason) == (MessageStatus.WITHHELD, "superseded")
    assert (second.status, second.changes) == (MessageStatus.SENT, "time place")
    new_time = when_short(later, later + timedelta(hours=2), event.timezone, "pl")
    assert f"{NEW_TIME['pl']} {new_time}" in second.body, second.body
    assert f"{NEW_PLACE['pl']} Bibliotheek Centrum" in second.body, second.body
    bodies = [request["Body"] for request in twilio.requests]
    assert len([body for body in bodies if NEW_TIME["pl"] in body]) == 1  # only the new one
