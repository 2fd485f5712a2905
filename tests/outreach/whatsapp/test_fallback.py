"""WhatsApp failures fall back: SMS, then email, then the call list, each step on the row."""

from __future__ import annotations

import httpx
import pytest

from parentinfo.contacts.models import Contact
from parentinfo.contacts.optout import set_opt_out
from parentinfo.lib.enums import Channel, ConsentMethod, MessageStatus
from parentinfo.rsvp.models import Invitation
from tests.factories import make_member, make_org
from tests.factories.outreach import make_contacts, messages, mobile, published_event, run_jobs
from tests.factories.whatsapp import approve_templates
from tests.fakes.smtp_server import MailBox
from tests.fakes.twilio_server import FakeTwilio, whatsapp_sent

pytestmark = pytest.mark.anyio


async def _invite_one(api: httpx.AsyncClient, **contact: object) -> Contact:
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    [parent] = await make_contacts(school, 1, whatsapp=True, **contact)
    response = await api.post(
        f"/api/v1/events/{event.id}/outreach/send", json={}, headers=member.headers
    )
    assert response.status_code == 202, response.text
    return parent


@pytest.mark.parametrize(("code", "no_account"), [(63016, False), (63014, False), (63003, True)])
async def test_a_refused_whatsapp_goes_by_sms_and_says_so(
    api: httpx.AsyncClient, twilio: FakeTwilio, code: int, no_account: bool
) -> None:
    await approve_templates(twilio)
    twilio.fail_number(f"whatsapp:{mobile(0)}", status=400, code=code)
    parent = await _invite_one(api)
    await run_jobs()
    first, second = await messages()
    assert (first.channel, first.status, first.error_code) == (
        Channel.WHATSAPP,
        MessageStatus.FAILED,
        str(code),
    )
    assert first.error_message.endswith("→ sms")  # staff see who took over
    assert (second.channel, second.status) == (Channel.SMS, MessageStatus.SENT)
    assert second.dedupe_key == f"invitation:{second.invitation_id}:sms"  # type: ignore[attr-defined]
    assert [m["to"] for m in twilio.created] == [mobile(0)]
    await parent.refresh_from_db()
    assert parent.whatsapp_invalid is no_account  # 63003: this number has no WhatsApp
    assert parent.mobile_invalid is False  # SMS still works


async def test_whatsapp_then_sms_then_email_then_the_call_list(
    api: httpx.AsyncClient, twilio: FakeTwilio, smtp: MailBox
) -> None:
    await approve_templates(twilio)
    twilio.fail_number(f"whatsapp:{mobile(0)}", status=400, code=63003)
    twilio.fail_number(mobile(0), status=400, code=21211)  # not a number SMS can reach
    await _invite_one(api, email="ana@example.pl")
    await run_jobs()
    rows = await messages()
    assert [(r.channel, r.status) for r in rows] == [
        (Channel.WHATSAPP, MessageStatus.FAILED),
        (Channel.SMS, MessageStatus.FAILED),
        (Channel.EMAIL, MessageStatus.SENT),
    ]
    assert [r.error_code for r in rows] == ["63003", "21211", ""]
    assert rows[0].error_message.endswith("→ sms")
    assert rows[1].error_message.endswith("→ email")
    assert len(smtp.to("ana@example.pl")) == 1
    invitation = await Invitation.get(id=rows[0].invitation_id)  # type: ignore[attr-defined]
    assert invitation.to_call is False


async def test_with_no_email_the_last_step_is_the_call_list(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    await approve_templates(twilio)
    twilio.fail_number(f"whatsapp:{mobile(0)}", status=400, code=63014)
    twilio.fail_number(mobile(0), status=400, code=21614)
    await _invite_one(api)
    await run_jobs()
    rows = await messages()
    assert [(r.channel, r.status) for r in rows] == [
        (Channel.WHATSAPP, MessageStatus.FAILED),
        (Channel.SMS, MessageStatus.FAILED),
    ]
    assert rows[1].error_message.endswith("→ call")
    invitation = await Invitation.get(id=rows[0].invitation_id)  # type: ignore[attr-defined]
    assert invitation.to_call is True


async def test_an_async_63016_report_falls_back_and_read_is_recorded_after_delivered(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    await approve_templates(twilio)
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    await make_contacts(school, 2, whatsapp=True)
    await api.post(f"/api/v1/events/{event.id}/outreach/send", json={}, headers=member.headers)
    await run_jobs()
    # Sent side by side, so Twilio may see them in either order: pick them by number.
    sent = {str(m["to"]).removeprefix("whatsapp:"): m for m in whatsapp_sent(twilio)}
    failing, reading = sent[mobile(0)], sent[mobile(1)]
    assert (
        await twilio.post_status(api, failing["sid"], "failed", error_code="63016")
    ).status_code == 204
    for status in ("sent", "delivered", "read", "delivered", "sent"):
        assert (await twilio.post_status(api, reading["sid"], status)).status_code == 204
    await run_jobs()
    rows = {(r.to_address, r.channel): r for r in await messages()}
    failed = rows[(mobile(0), Channel.WHATSAPP)]
    assert (failed.status, failed.error_code) == (MessageStatus.FAILED, "63016")
    assert failed.error_message.endswith("→ sms")
    assert rows[(mobile(0), Channel.SMS)].status == MessageStatus.SENT
    read = rows[(mobile(1), Channel.WHATSAPP)]
    assert read.status == MessageStatus.READ  # and never back to delivered
    assert read.delivered_at is not None
    assert (mobile(1), Channel.SMS) not in rows
    # a second report of the same failure adds nothing
    await twilio.post_status(api, failing["sid"], "undelivered", error_code="63016")
    await run_jobs()
    assert len(await messages()) == 3


async def test_stop_stops_whatsapp_and_every_other_channel(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    await approve_templates(twilio)
    parent = await _invite_one(api, email="ana@example.pl")
    await set_opt_out(contact=parent, sms=True, email=True, method=ConsentMethod.SMS, note="STOP")
    await run_jobs()
    [row] = await messages()
    assert (row.channel, row.status, row.withheld_reason) == (
        Channel.WHATSAPP,
        MessageStatus.WITHHELD,
        "opted_out",
    )
    assert twilio.created == []


async def test_twilio_stop_on_whatsapp_opts_out_of_everything(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    await approve_templates(twilio)
    twilio.fail_number(f"whatsapp:{mobile(0)}", status=400, code=21610)
    parent = await _invite_one(api, email="ana@example.pl")
    await run_jobs()
    [row] = await messages()
    assert (row.channel, row.status, row.error_code) == (
        Channel.WHATSAPP,
        MessageStatus.FAILED,
        "21610",
    )
    await parent.refresh_from_db()
    assert (parent.sms_opt_out, parent.email_opt_out) == (True, True)
    assert twilio.created == []


async def test_whatsapp_taken_back_while_the_invitation_waited_goes_by_sms_instead(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    await approve_templates(twilio)
    parent = await _invite_one(api)
    await Contact.filter(id=parent.id).update(whatsapp=False)  # before the worker got to it
    await run_jobs()
    first, second = await messages()
    assert (first.channel, first.status, first.withheld_reason) == (
        Channel.WHATSAPP,
        MessageStatus.WITHHELD,
        "consent_withdrawn",
    )
    assert first.error_message == "consent_withdrawn → sms"
    assert (second.channel, second.status) == (Channel.SMS, MessageStatus.SENT)
    assert whatsapp_sent(twilio) == []
    assert [m["to"] for m in twilio.created] == [mobile(0)]
