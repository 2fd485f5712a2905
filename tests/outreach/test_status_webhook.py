"""``POST /webhooks/twilio/status``: signed, forward only, idempotent, with fallback."""

from __future__ import annotations

import httpx
import pytest

from parentinfo.lib.enums import Channel, MessageStatus
from parentinfo.messaging.models import OutboundMessage
from parentinfo.rsvp.models import Invitation
from tests.factories import make_member, make_org
from tests.factories.outreach import make_contacts, messages, published_event, run_jobs
from tests.fakes.smtp_server import MailBox
from tests.fakes.twilio_server import FakeTwilio

pytestmark = pytest.mark.anyio


async def _sent_sms(api: httpx.AsyncClient, **contact: object) -> OutboundMessage:
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    await make_contacts(school, 1, **contact)
    await api.post(f"/api/v1/events/{event.id}/outreach/send", json={}, headers=member.headers)
    await run_jobs()
    [message] = await messages()
    assert message.status == MessageStatus.SENT
    return message


async def test_delivered_is_recorded_and_never_regresses(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    message = await _sent_sms(api)
    sid = message.provider_id or ""
    response = await twilio.post_status(api, sid, "delivered")
    assert response.status_code == 204
    await message.refresh_from_db()
    assert message.status == MessageStatus.DELIVERED
    assert message.delivered_at is not None
    for late in ("sent", "queued", "sending", "undelivered", "delivered"):
        assert (await twilio.post_status(api, sid, late)).status_code == 204
    await message.refresh_from_db()
    assert message.status == MessageStatus.DELIVERED


async def test_unsigned_or_badly_signed_callbacks_change_nothing(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    message = await _sent_sms(api)
    params = {"MessageSid": message.provider_id or "", "MessageStatus": "delivered"}
    path = f"/webhooks/twilio/status?message={message.id}"
    unsigned = await api.post(path, data=params)
    forged = await api.post(path, data=params, headers={"X-Twilio-Signature": "bm9wZQ=="})
    assert (unsigned.status_code, forged.status_code) == (403, 403)
    await message.refresh_from_db()
    assert message.status == MessageStatus.SENT


async def test_signature_is_checked_against_the_public_url_not_the_request(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    message = await _sent_sms(api)
    sid = message.provider_id or ""
    # Signed for the address a proxy forwarded to, not the one we gave Twilio: refused.
    twilio.created[0]["_status_callback"] = (
        f"http://10.0.0.5:8000/webhooks/twilio/status?message={message.id}"
    )
    assert (await twilio.post_status(api, sid, "delivered")).status_code == 403
    await message.refresh_from_db()
    assert message.status == MessageStatus.SENT


async def test_undelivered_sms_falls_back_to_email_once(
    api: httpx.AsyncClient, twilio: FakeTwilio, smtp: MailBox
) -> None:
    message = await _sent_sms(api, email="p@example.com")
    sid = message.provider_id or ""
    for _ in range(2):  # Twilio may deliver a callback twice
        assert (
            await twilio.post_status(api, sid, "undelivered", error_code="30003")
        ).status_code == 204
    await run_jobs()
    sms, email = await messages()
    assert (sms.status, sms.error_code) == (MessageStatus.UNDELIVERED, "30003")
    assert (email.channel, email.status) == (Channel.EMAIL, MessageStatus.SENT)
    assert len(smtp.to("p@example.com")) == 1


async def test_failed_sms_without_email_goes_on_the_call_list(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    message = await _sent_sms(api)
    await twilio.post_status(api, message.provider_id or "", "failed", error_code="30006")
    await message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    [invitation] = await Invitation.all().select_related("contact")
    assert invitation.to_call
    assert invitation.contact is not None
    assert invitation.contact.mobile_invalid


async def test_callback_before_our_own_bookkeeping_still_counts(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    message = await _sent_sms(api)
    sid = message.provider_id or ""
    # As if Twilio called back before its API answer reached us: no id, still "sending".
    await OutboundMessage.filter(id=message.id).update(
        provider_id=None, status=MessageStatus.SENDING
    )
    assert (await twilio.post_status(api, sid, "delivered")).status_code == 204
    await message.refresh_from_db()
    assert (message.status, message.provider_id) == (MessageStatus.DELIVERED, sid)
