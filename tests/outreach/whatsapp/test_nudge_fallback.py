"""A nudge WhatsApp refuses goes by SMS (then email), and is still one nudge per parent.

The nudge's dedupe key ``nudge:{invitation}`` has no channel in it: the failed row hands
it to the row that takes over, so nudging again adds nothing, and a second report of the
same failure adds no second SMS. Over real HTTP to the fake Twilio and SMTP, both databases.
"""

from __future__ import annotations

import httpx
import pytest

from parentinfo.lib.enums import Channel, MessageKind, MessageStatus
from parentinfo.messaging.models import OutboundMessage
from tests.factories import make_member, make_org
from tests.factories.outreach import make_contacts, messages, mobile, published_event, run_jobs
from tests.factories.whatsapp import approve_templates
from tests.fakes.smtp_server import MailBox
from tests.fakes.twilio_server import FakeTwilio, whatsapp_sent

pytestmark = pytest.mark.anyio


async def _invited_on_whatsapp(
    api: httpx.AsyncClient, twilio: FakeTwilio, **contact: object
) -> tuple[str, dict[str, str]]:
    """One parent invited by WhatsApp, who has not answered: the nudge's address and login."""
    await approve_templates(twilio)
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    await make_contacts(school, 1, whatsapp=True, **contact)
    url = f"/api/v1/events/{event.id}/outreach"
    assert (await api.post(f"{url}/send", json={}, headers=member.headers)).status_code == 202
    await run_jobs()
    [invitation] = await messages(kind=MessageKind.INVITATION)
    assert (invitation.channel, invitation.status) == (Channel.WHATSAPP, MessageStatus.SENT)
    return url, member.headers


async def _nudge(api: httpx.AsyncClient, url: str, headers: dict[str, str]) -> int:
    sent = await api.post(f"{url}/nudge", json={"right_away": True}, headers=headers)
    assert sent.status_code == 202, sent.text
    await run_jobs()
    return int(sent.json()["queued"])


@pytest.mark.parametrize("code", [63016, 63014, 63003])
async def test_a_nudge_whatsapp_refuses_goes_by_sms_once(
    api: httpx.AsyncClient, twilio: FakeTwilio, code: int
) -> None:
    url, headers = await _invited_on_whatsapp(api, twilio)
    twilio.fail_number(f"whatsapp:{mobile(0)}", status=400, code=code)
    assert await _nudge(api, url, headers) == 1
    failed, taken_over = await messages(kind=MessageKind.NUDGE)
    assert (failed.channel, failed.status, failed.error_code) == (
        Channel.WHATSAPP,
        MessageStatus.FAILED,
        str(code),
    )
    assert failed.error_message.endswith("→ sms")
    assert failed.dedupe_key is None  # handed over
    assert (taken_over.channel, taken_over.status) == (Channel.SMS, MessageStatus.SENT)
    assert taken_over.dedupe_key == f"nudge:{taken_over.invitation_id}"  # type: ignore[attr-defined]
    assert [m["to"] for m in twilio.created if m["to"] == mobile(0)] == [mobile(0)]
    # Still one nudge per parent: nudging again queues nothing.
    assert await _nudge(api, url, headers) == 0
    assert len(await messages(kind=MessageKind.NUDGE)) == 2


async def test_a_nudge_that_fails_on_whatsapp_and_sms_goes_by_email(
    api: httpx.AsyncClient, twilio: FakeTwilio, smtp: MailBox
) -> None:
    url, headers = await _invited_on_whatsapp(api, twilio, email="ana@example.pl")
    twilio.fail_number(f"whatsapp:{mobile(0)}", status=400, code=63003)
    twilio.fail_number(mobile(0), status=400, code=21211)
    assert await _nudge(api, url, headers) == 1
    rows = await messages(kind=MessageKind.NUDGE)
    assert [(r.channel, r.status) for r in rows] == [
        (Channel.WHATSAPP, MessageStatus.FAILED),
        (Channel.SMS, MessageStatus.FAILED),
        (Channel.EMAIL, MessageStatus.SENT),
    ]
    assert [r.dedupe_key for r in rows] == [None, None, f"nudge:{rows[0].invitation_id}"]  # type: ignore[attr-defined]
    assert len(smtp.to("ana@example.pl")) == 1
    assert await _nudge(api, url, headers) == 0


async def test_a_late_whatsapp_failure_report_gives_one_sms_however_often_it_comes(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    url, headers = await _invited_on_whatsapp(api, twilio)
    assert await _nudge(api, url, headers) == 1
    _, nudge = whatsapp_sent(twilio)  # the invitation, then the nudge
    for status in ("failed", "undelivered"):  # Twilio reports the same failure twice
        reported = await twilio.post_status(api, nudge["sid"], status, error_code="63016")
        assert reported.status_code == 204
        await run_jobs()
    rows = await messages(kind=MessageKind.NUDGE)
    assert [(r.channel, r.status) for r in rows] == [
        (Channel.WHATSAPP, MessageStatus.FAILED),
        (Channel.SMS, MessageStatus.SENT),
    ]
    assert (
        await OutboundMessage.filter(kind=MessageKind.NUDGE, dedupe_key__isnull=False).count() == 1
    )
    assert [m["to"] for m in twilio.created if m["to"] == mobile(0)] == [mobile(0)]
