"""The messages list and the reach report count by channel, and staff see "read"."""

from __future__ import annotations

import uuid
from datetime import timedelta

import httpx
import pytest

from parentinfo.contacts.models import Contact
from parentinfo.events.models import Event, EventHost
from parentinfo.lib.clock import now
from parentinfo.lib.enums import (
    Answer,
    Channel,
    EventStatus,
    HostRole,
    HostStatus,
    MessageKind,
    MessageStatus,
)
from parentinfo.lib.tokens import new_token
from parentinfo.messaging.models import OutboundMessage
from parentinfo.organisations.models import Organisation
from parentinfo.rsvp.models import Invitation
from tests.factories import make_member, make_org
from tests.web.helpers import login

pytestmark = pytest.mark.anyio

SENT = (
    [(Channel.WHATSAPP, MessageStatus.READ)] * 6
    + [(Channel.WHATSAPP, MessageStatus.DELIVERED)] * 3
    + [(Channel.SMS, MessageStatus.DELIVERED)] * 7
    + [(Channel.EMAIL, MessageStatus.SENT)] * 5
    + [(Channel.VOICE, MessageStatus.DELIVERED)] * 5
)


async def _held_event(school: Organisation) -> Event:
    when = (now() - timedelta(days=3)).replace(microsecond=0)
    event = await Event.create(
        organisation=school,
        topic="school_system",
        status=EventStatus.PUBLISHED,
        starts_at=when,
        ends_at=when + timedelta(hours=2),
        reply_code=uuid.uuid4().hex[:6],
        uid=f"{uuid.uuid4()}@test",
    )
    await EventHost.create(
        event=event, organisation=school, role=HostRole.HOST, status=HostStatus.ACCEPTED
    )
    for n, (channel, status) in enumerate(SENT):
        contact = await Contact.create(
            organisation=school, name=f"Parent {n}", mobile=f"+3162{n:07d}", language="pl"
        )
        invitation = await Invitation.create(
            event=event,
            contact=contact,
            organisation=school,
            language="pl",
            answer=Answer.YES,
            token=new_token(),
        )
        await OutboundMessage.create(
            organisation=school,
            event=event,
            invitation=invitation,
            contact=contact,
            channel=channel,
            kind=MessageKind.INVITATION,
            language="pl",
            status=status,
            segments=1,
            to_address=contact.mobile,
        )
    return event


async def test_the_messages_list_counts_and_filters_by_channel(
    client: httpx.AsyncClient,
) -> None:
    school = await make_org("school")
    member = await make_member(school)
    event = await _held_event(school)
    listed = (await client.get("/api/v1/messages", headers=member.headers)).json()
    assert listed["total"] == len(SENT)
    assert listed["by_channel"] == {"sms": 7, "email": 5, "whatsapp": 9, "voice": 5}
    read = (
        await client.get("/api/v1/messages?status=read&channel=whatsapp", headers=member.headers)
    ).json()
    assert (read["total"], read["by_channel"]["whatsapp"], read["by_channel"]["sms"]) == (6, 6, 0)
    await login(client, member)
    page = (await client.get(f"/events/{event.id}/messages?channel=whatsapp&lang=en")).text
    assert '<strong data-channel="whatsapp">9</strong>' in page
    assert '<strong data-channel="sms">7</strong>' in page
    assert "9 messages" in page
    assert '<span class="badge badge-read">read</span>' in page
    other = await make_member(await make_org("other"))
    theirs = (await client.get("/api/v1/messages", headers=other.headers)).json()
    assert theirs["by_channel"] == {"sms": 0, "email": 0, "whatsapp": 0, "voice": 0}


async def test_the_reach_report_counts_each_channel(client: httpx.AsyncClient) -> None:
    school = await make_org("school")
    member = await make_member(school)
    await _held_event(school)
    today = now().date()
    period = {"start": (today - timedelta(days=30)).isoformat(), "end": today.isoformat()}
    report = (
        await client.get("/api/v1/reports/reach", params=period, headers=member.headers)
    ).json()
    total = report["total"]
    assert (total["whatsapp_delivered"], total["whatsapp_read"]) == (9, 6)
    assert (total["sms_delivered"], total["email_delivered"], total["calls_answered"]) == (7, 5, 5)
    assert total["reached"] == len(SENT)
    await login(client, member)
    page = (await client.get("/reports", params={**period, "lang": "en"})).text
    assert "<dt>WhatsApp read</dt><dd>6</dd>" in page
    assert "<dt>Calls answered</dt><dd>5</dd>" in page
