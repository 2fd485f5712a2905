"""Invitations by WhatsApp through the fake Twilio over real HTTP: templates, the window."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from parentinfo.app import create_app
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Answer, Channel, MessageKind, MessageStatus
from parentinfo.messaging.models import ChannelWindow, OutboundMessage, WhatsAppTemplate
from parentinfo.outreach.notices.timed import _queue as queue_reminders  # as the job runs it
from parentinfo.rsvp.buttons import button_payload
from parentinfo.rsvp.models import Invitation
from tests.conftest import test_settings
from tests.factories import make_member, make_org
from tests.factories.outreach import make_contacts, messages, mobile, published_event, run_jobs
from tests.factories.whatsapp import WHATSAPP_FROM, approve_templates
from tests.fakes.twilio_server import FakeTwilio, whatsapp_sent

pytestmark = pytest.mark.anyio


async def _invite(api: httpx.AsyncClient, *groups: dict[str, object]) -> tuple[int, httpx.Response]:
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    for start, contact in enumerate(groups):
        await make_contacts(school, 1, start=start, **contact)
    response = await api.post(
        f"/api/v1/events/{event.id}/outreach/send", json={}, headers=member.headers
    )
    return event.id, response


async def test_an_opted_in_parent_gets_the_template_with_buttons_for_their_invitation(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    sids = await approve_templates(twilio, languages=("pl",))
    _, response = await _invite(
        api, {"whatsapp": True}, {"whatsapp": False}, {"whatsapp": True, "language": "ro"}
    )
    assert response.status_code == 202, response.text
    rows = {row.to_address: row for row in await messages()}
    assert {number: row.channel for number, row in rows.items()} == {
        mobile(0): Channel.WHATSAPP,  # consent and a Polish template
        mobile(1): Channel.SMS,  # no consent
        mobile(2): Channel.SMS,  # no Romanian template
    }
    await run_jobs()
    [sent] = whatsapp_sent(twilio)
    [request] = [r for r in twilio.requests if r["To"].startswith("whatsapp:")]
    assert request["To"] == f"whatsapp:{mobile(0)}"
    assert request["From"] == f"whatsapp:{WHATSAPP_FROM}"
    assert request["ContentSid"] == sids[(MessageKind.INVITATION, "pl")]
    assert "Body" not in request
    variables = json.loads(request["ContentVariables"])
    invitation = await Invitation.get(contact__mobile=mobile(0))
    assert variables["6"] == invitation.token  # the buttons' ids carry this invitation
    assert button_payload(variables["6"], Answer.YES) == f"rsvp:{invitation.token}:yes"
    row = rows[mobile(0)]
    await row.refresh_from_db()
    assert row.status == MessageStatus.SENT
    assert row.provider_id == sent["sid"]
    assert sent["body"] == row.body  # what Twilio fills in is what the outbox (and preview) shows
    assert row.body.startswith("Dzień dobry!\nZaproszenie: The Dutch school system\n")
    assert row.segments == 1


async def test_a_reminder_inside_the_window_is_free_text_and_outside_it_the_template(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    sids = await approve_templates(twilio, languages=("pl",))
    event_id, _ = await _invite(api, {"whatsapp": True}, {"whatsapp": True})
    await run_jobs()
    inside, outside = (
        await Invitation.filter(event_id=event_id).order_by("id").select_related("contact")
    )
    await ChannelWindow.create(
        contact=inside.contact,
        channel=Channel.WHATSAPP,
        last_inbound_at=now() - timedelta(hours=23),
    )
    # 23 h 56 min ago: inside WhatsApp's 24 hours, but not with our five minutes' margin
    await ChannelWindow.create(
        contact=outside.contact,
        channel=Channel.WHATSAPP,
        last_inbound_at=now() - timedelta(hours=23, minutes=56),
    )
    twilio.requests.clear()
    event = (await Invitation.get(id=inside.id).select_related("event")).event
    await Invitation.fetch_for_list([inside, outside], "contact")
    assert await queue_reminders(event, MessageKind.REMINDER, [inside, outside]) == 2
    await run_jobs()
    by_to = {r["To"]: r for r in twilio.requests}
    free = by_to[f"whatsapp:{inside.contact.mobile}"]
    assert "ContentSid" not in free
    templated = by_to[f"whatsapp:{outside.contact.mobile}"]
    assert templated["ContentSid"] == sids[(MessageKind.REMINDER, "pl")]
    reminder = await OutboundMessage.get(kind=MessageKind.REMINDER, contact_id=inside.contact.id)
    assert free["Body"] == reminder.body


async def test_an_invitation_inside_the_window_still_goes_as_its_template_for_the_buttons(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    await approve_templates(twilio, languages=("pl",))
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    [contact] = await make_contacts(school, 1, whatsapp=True)
    await ChannelWindow.create(
        contact=contact, channel=Channel.WHATSAPP, last_inbound_at=now() - timedelta(minutes=5)
    )
    await api.post(f"/api/v1/events/{event.id}/outreach/send", json={}, headers=member.headers)
    await run_jobs()
    [request] = twilio.requests
    assert "ContentSid" in request
    assert "Body" not in request


async def test_without_a_template_outside_the_window_whatsapp_is_not_used_but_sms_is(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    await approve_templates(twilio, languages=("pl",))
    event_id, _ = await _invite(api, {"whatsapp": True})
    # staff cleared the ContentSid after the row was written: outside the window it cannot go
    await WhatsAppTemplate.filter(kind=MessageKind.INVITATION).update(content_sid="")
    await run_jobs()
    rows = await messages()
    assert [(r.channel, r.status) for r in rows] == [
        (Channel.WHATSAPP, MessageStatus.FAILED),
        (Channel.SMS, MessageStatus.SENT),
    ]
    assert rows[0].error_code == "no_template"
    assert rows[0].error_message.endswith("→ sms")
    assert whatsapp_sent(twilio) == []
    assert [m["to"] for m in twilio.created] == [mobile(0)]
    assert event_id


async def test_in_the_embedded_mode_every_template_counts_as_approved(
    database_url: str, var_dir: Path
) -> None:
    app = create_app(test_settings(database_url, var_dir, QUIET_HOURS="00:00-00:00"))
    async with app.lifespan():
        school = await make_org("school")
        member = await make_member(school)
        event = await published_event(school)
        await make_contacts(school, 1, whatsapp=True, language="bg")
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="https://parentinfo.test"
        ) as http:
            response = await http.post(
                f"/api/v1/events/{event.id}/outreach/send", json={}, headers=member.headers
            )
        assert response.status_code == 202, response.text
        await run_jobs()
        [row] = await messages()
        assert row.channel == Channel.WHATSAPP
        assert row.status == MessageStatus.DELIVERED
        assert row.body.startswith("Здравейте")
