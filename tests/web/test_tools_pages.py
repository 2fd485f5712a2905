"""The phone simulator and the mail outbox: what parents received, and replying as a parent."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from parentinfo.accounts.models import PasswordReset
from parentinfo.app import create_app
from parentinfo.events.models import Event
from parentinfo.lib.enums import Answer, MessageKind
from parentinfo.messaging.models import OutboundMessage
from parentinfo.rsvp.models import InboundMessage, Invitation
from tests.conftest import test_settings
from tests.factories import make_member, make_org
from tests.factories.contacts import make_contact
from tests.factories.outreach import run_jobs
from tests.web.helpers import csrf_token, login, post_form
from tests.web.test_outreach_pages import EVENT

pytestmark = pytest.mark.anyio


async def _invited(client: httpx.AsyncClient) -> tuple[int, str]:
    member = await make_member(await make_org("school"))
    contact = await make_contact(member.actor, n=7, name="Anna Kowalska", language="pl")
    token = await login(client, member)
    await post_form(client, "/events", token, EVENT)
    event = await Event.get()
    await post_form(client, f"/events/{event.id}/publish", token)
    await post_form(client, f"/events/{event.id}/outreach/send", token)
    return contact.id, token


async def test_the_simulator_shows_the_sms_and_a_reply_becomes_an_answer(
    client: httpx.AsyncClient,
) -> None:
    contact_id, token = await _invited(client)
    listing = await client.get("/simulator")
    assert listing.status_code == 200
    assert "Anna Kowalska" in listing.text
    phone = await client.get(f"/simulator/{contact_id}")
    assert 'data-state="waiting"' in phone.text  # queued, not on the phone yet
    assert "Biblioteka dla dzieci" not in phone.text
    await run_jobs()
    phone = await client.get(f"/simulator/{contact_id}")
    assert "Biblioteka dla dzieci" in phone.text
    assert 'data-state="waiting"' not in phone.text
    response = await post_form(client, f"/simulator/{contact_id}/reply", token, {"body": "TAK 3"})
    assert response.status_code == 303
    invitation = await Invitation.get(contact_id=contact_id)
    assert invitation.answer == Answer.YES
    assert invitation.party_size == 3
    assert await OutboundMessage.filter(kind=MessageKind.REPLY).exists()
    dashboard = (await client.get("/?lang=en")).text
    assert '<td class="num yes" data-label="Yes">1</td>' in dashboard


async def test_a_reply_nobody_understands_lands_in_the_dashboard_inbox(
    client: httpx.AsyncClient,
) -> None:
    contact_id, token = await _invited(client)
    await post_form(client, f"/simulator/{contact_id}/reply", token, {"body": "what time again?"})
    assert await InboundMessage.filter(status="needs_attention").count() == 1
    dashboard = (await client.get("/")).text
    assert "what time again?" in dashboard
    item = await InboundMessage.get()
    response = await post_form(client, f"/inbox/{item.id}/resolve", token, {"answer": "maybe"})
    assert response.status_code == 303
    invitation = await Invitation.get(contact_id=contact_id)
    assert invitation.answer == Answer.MAYBE
    assert "what time again?" not in (await client.get("/")).text


async def test_a_possible_opt_out_is_held_and_staff_decide_on_the_dashboard(
    client: httpx.AsyncClient,
) -> None:
    from parentinfo.contacts.models import Contact

    contact_id, token = await _invited(client)
    body = "Nie, dziękuję i proszę nie wysyłać więcej smsów"
    await post_form(client, f"/simulator/{contact_id}/reply", token, {"body": body})
    assert (await Contact.get(id=contact_id)).on_hold
    dashboard = (await client.get("/?lang=en")).text
    assert body in dashboard
    assert 'value="keep_sending"' in dashboard
    item = await InboundMessage.get()
    response = await post_form(client, f"/inbox/{item.id}/hold", token, {"decision": "opt_out"})
    assert response.status_code == 303
    contact = await Contact.get(id=contact_id)
    assert (contact.on_hold, contact.sms_opt_out) == (False, True)
    assert body not in (await client.get("/")).text


async def _reset_asked(client: httpx.AsyncClient, email: str) -> OutboundMessage:
    """Anyone, logged out, asks a reset link for ``email``; the mail is sent."""
    token = await csrf_token(client, "/password-reset")
    response = await post_form(client, "/password-reset", token, {"email": email})
    assert response.status_code == 303
    await run_jobs()
    return await OutboundMessage.get(kind=MessageKind.PASSWORD_RESET)


async def test_nobody_reads_a_password_reset_mail_in_the_outbox(
    client: httpx.AsyncClient,
) -> None:
    """A volunteer asks a reset for their coordinator, then looks for it: it is not there."""
    school = await make_org("school")
    coordinator = await make_member(school)
    volunteer = await make_member(school, role="volunteer")
    mail = await _reset_asked(client, coordinator.email)
    assert await PasswordReset.all().count() == 1
    for member in (volunteer, coordinator):
        await login(client, member)
        outbox = (await client.get("/outbox")).text
        assert f"/outbox/{mail.id}" not in outbox
        assert coordinator.email not in outbox
        assert (await client.get(f"/outbox/{mail.id}")).status_code == 404
        assert "/password-reset/" not in (await client.get(f"/outbox/{mail.id}")).text
        client.cookies.clear()


async def test_a_volunteer_sees_only_mail_to_the_contacts_they_added(
    client: httpx.AsyncClient,
) -> None:
    school = await make_org("school")
    coordinator = await make_member(school)
    volunteer = await make_member(school, role="volunteer")
    await make_contact(
        coordinator.actor,
        n=7,
        name="Anna Kowalska",
        email="anna@example.pl",
        consent_channels=["email"],
    )
    await make_contact(
        volunteer.actor,
        n=8,
        name="Ewa Nowak",
        email="ewa@example.pl",
        consent_channels=["email"],
    )
    token = await login(client, coordinator)
    await post_form(client, "/events", token, EVENT)
    event = await Event.get()
    await post_form(client, f"/events/{event.id}/publish", token)
    await post_form(client, f"/events/{event.id}/outreach/send", token)
    anna_mail = await OutboundMessage.get(to_address="anna@example.pl")
    ewa_mail = await OutboundMessage.get(to_address="ewa@example.pl")
    assert "anna@example.pl" in (await client.get("/outbox")).text  # the coordinator: all
    client.cookies.clear()
    await login(client, volunteer)
    outbox = (await client.get("/outbox")).text
    assert "anna@example.pl" not in outbox
    assert "ewa@example.pl" in outbox
    assert (await client.get(f"/outbox/{anna_mail.id}")).status_code == 404
    assert (await client.get(f"/outbox/{ewa_mail.id}")).status_code == 200
    listing = (await client.get("/simulator")).text
    assert "Anna Kowalska" not in listing
    assert (await client.get(f"/simulator/{anna_mail.contact_id}")).status_code == 404  # type: ignore[attr-defined]


async def test_the_tools_are_not_there_with_real_providers(
    database_url: str, var_dir: Path
) -> None:
    settings = test_settings(
        database_url,
        var_dir,
        SMS_BACKEND="twilio",
        TWILIO_ACCOUNT_SID="AC" + "0" * 32,
        TWILIO_AUTH_TOKEN="token",
        TWILIO_FROM="+3197010000000",
        TWILIO_API_BASE="http://127.0.0.1:9",
        MAIL_BACKEND="smtp",
    )
    app = create_app(settings)
    async with app.lifespan():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="https://parentinfo.test") as c:
            member = await make_member(await make_org("school"))
            await login(c, member)
            assert (await c.get("/simulator")).status_code == 404
            assert (await c.get("/outbox")).status_code == 404
            assert "/simulator" not in (await c.get("/")).text
