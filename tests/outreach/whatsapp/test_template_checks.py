"""A wrong ContentSid, a template that does not match our text, no WhatsApp sender: refused
before anything is written, with a message that names what to fix."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from parentinfo.app import create_app
from parentinfo.lib.enums import Channel, MessageKind, MessageStatus
from parentinfo.messaging.models import WhatsAppTemplate
from parentinfo.outreach.whatsapp.templates import definition
from parentinfo.rsvp.models import Invitation
from tests.factories import make_member, make_org
from tests.factories.outreach import make_contacts, messages, mobile, published_event, run_jobs
from tests.factories.whatsapp import approve_templates
from tests.fakes.smtp_server import MailBox
from tests.fakes.twilio_server import FakeTwilio, whatsapp_sent
from tests.outreach.conftest import wired_settings

pytestmark = pytest.mark.anyio


async def _send(api: httpx.AsyncClient, **contact: object) -> httpx.Response:
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    await make_contacts(school, 2, whatsapp=True, **contact)
    return await api.post(
        f"/api/v1/events/{event.id}/outreach/send", json={}, headers=member.headers
    )


async def _nothing_written() -> None:
    assert await messages() == []
    assert await Invitation.all().count() == 0


async def test_an_unknown_content_sid_stops_the_mailing_naming_kind_and_language(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    await approve_templates(twilio, languages=("pl",))
    unknown = "HX" + "f" * 32
    await WhatsAppTemplate.filter(kind=MessageKind.INVITATION, language="pl").update(
        content_sid=unknown
    )
    response = await _send(api)
    assert response.status_code == 409, response.text
    detail = response.json()["detail"]
    assert unknown in detail
    assert "20404" in detail
    assert "invitation in pl" in detail
    await _nothing_written()
    assert twilio.created == []


async def test_a_template_whose_variables_differ_from_our_text_is_refused(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    ours = definition(MessageKind.INVITATION, "pl")
    fewer = {k: v for k, v in ours.samples.items() if k != "5"}
    sid = twilio.add_template(ours.body, fewer, language="pl")
    await WhatsAppTemplate.create(kind=MessageKind.INVITATION, language="pl", content_sid=sid)
    response = await _send(api)
    assert response.status_code == 409
    detail = response.json()["detail"]
    assert "invitation in pl" in detail
    assert "variables 1, 2, 3, 4, 6 at Twilio" in detail
    assert "parentinfo whatsapp templates" in detail
    await _nothing_written()


async def test_a_template_with_another_text_at_twilio_is_refused(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    ours = definition(MessageKind.INVITATION, "pl")
    sid = twilio.add_template(ours.body.replace("Dzień dobry!", "Cześć!"), ours.samples)
    await WhatsAppTemplate.create(kind=MessageKind.INVITATION, language="pl", content_sid=sid)
    response = await _send(api)
    assert response.status_code == 409
    assert "another text at Twilio" in response.json()["detail"]
    await _nothing_written()


async def test_variables_twilio_does_not_expect_are_refused_and_sms_takes_over(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    sids = await approve_templates(twilio, languages=("pl",))
    assert (await _send(api)).status_code == 202
    # Twilio's copy changed after the mailing was checked: it now expects one more variable
    held = twilio.templates[sids[(MessageKind.INVITATION, "pl")]]
    held.variables["7"] = "extra"
    await run_jobs()
    rows = await messages()
    assert {(r.channel, r.status, r.error_code) for r in rows} == {
        (Channel.WHATSAPP, MessageStatus.FAILED, "21656"),
        (Channel.SMS, MessageStatus.SENT, ""),
    }
    assert whatsapp_sent(twilio) == []
    assert sorted(m["to"] for m in twilio.created) == [mobile(0), mobile(1)]


async def test_with_templates_stored_but_no_whatsapp_sender_the_mailing_is_refused(
    database_url: str, var_dir: Path, twilio: FakeTwilio, smtp: MailBox
) -> None:
    app = create_app(wired_settings(database_url, var_dir, twilio, smtp))  # no WHATSAPP_FROM
    async with app.lifespan():
        await approve_templates(twilio, languages=("pl",))
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="https://parentinfo.test"
        ) as api:
            response = await _send(api)
            assert response.status_code == 409
            assert "PARENTINFO_WHATSAPP_FROM" in response.json()["detail"]
            await _nothing_written()


async def test_with_no_whatsapp_sender_and_no_templates_parents_get_sms(
    database_url: str, var_dir: Path, twilio: FakeTwilio, smtp: MailBox
) -> None:
    app = create_app(wired_settings(database_url, var_dir, twilio, smtp))
    async with app.lifespan():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="https://parentinfo.test"
        ) as api:
            assert (await _send(api)).status_code == 202
        await run_jobs()
        assert {r.channel for r in await messages()} == {Channel.SMS}
