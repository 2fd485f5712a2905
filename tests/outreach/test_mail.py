"""Email through a real SMTP server: text, HTML and the iTIP invitation; SMTP decides retries."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from parentinfo.accounts.password_reset import request_password_reset, reset_link_is_valid
from parentinfo.contacts.models import Contact
from parentinfo.lib.enums import Channel, MessageKind, MessageStatus
from parentinfo.messaging.decisions import Verdict
from parentinfo.messaging.models import OutboundMessage
from parentinfo.outreach.jobs import defer_sends
from parentinfo.outreach.sending import outbox as states
from parentinfo.outreach.sending.dispatch import deliver
from parentinfo.outreach.sending.recovery import requeue_unsent
from parentinfo.rsvp.models import Invitation
from tests.factories import make_member, make_org
from tests.factories.outreach import due_jobs, make_contacts, messages, published_event, run_jobs
from tests.fakes.smtp_server import MailBox

pytestmark = pytest.mark.anyio


async def _invite_by_email(api: httpx.AsyncClient, address: str, language: str = "pl") -> None:
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    await make_contacts(school, 1, mobile=None, email=address, language=language)
    response = await api.post(
        f"/api/v1/events/{event.id}/outreach/send", json={}, headers=member.headers
    )
    assert response.json()["queued"] == 1


async def test_invitation_email_carries_text_html_and_an_itip_request(
    api: httpx.AsyncClient, smtp: MailBox
) -> None:
    await _invite_by_email(api, "ana@example.com")
    [row] = await messages()
    assert "METHOD:REQUEST" in row.calendar  # the row holds what will be sent
    await run_jobs()
    [mail] = smtp.to("ana@example.com")
    parts = {part.get_content_type(): part for part in mail.walk()}
    assert {"text/plain", "text/html", "text/calendar"} <= set(parts)
    calendar = parts["text/calendar"]
    assert calendar.get_param("method") == "REQUEST"
    assert "BEGIN:VEVENT" in calendar.get_content()
    assert mail["Content-Language"] == "pl"
    assert mail["Message-ID"] == f"<outbound-{row.id}@parentinfo.test>"
    assert mail["Subject"] == row.subject
    await row.refresh_from_db()
    assert row.status == MessageStatus.SENT


async def test_refused_address_fails_and_puts_the_parent_on_the_call_list(
    api: httpx.AsyncClient, smtp: MailBox
) -> None:
    smtp.refuse["gone@example.com"] = "550 5.1.1 No such user"
    await _invite_by_email(api, "gone@example.com")
    await run_jobs()
    [row] = await messages()
    assert (row.status, row.error_code) == (MessageStatus.FAILED, "550")
    assert (await Invitation.get()).to_call


async def test_temporary_smtp_refusal_is_retried_later(
    api: httpx.AsyncClient, smtp: MailBox, monkeypatch: pytest.MonkeyPatch
) -> None:
    smtp.refuse["busy@example.com"] = "451 4.7.1 Try again later"
    await _invite_by_email(api, "busy@example.com")
    await run_jobs()
    [row] = await messages()
    assert (row.status, row.error_code, row.attempts) == (MessageStatus.PENDING, "451", 1)
    assert row.send_after is not None
    assert await due_jobs() == 0  # scheduled for later, not spinning
    del smtp.refuse["busy@example.com"]
    monkeypatch.setattr(states, "FIRST_BACKOFF", timedelta(0))
    await OutboundMessage.filter(id=row.id).update(send_after=None)
    assert await requeue_unsent() == 0  # a job is still waiting for it: nothing doubled
    assert (await deliver(row.id)).verdict == Verdict.SENT
    assert len(smtp.to("busy@example.com")) == 1


async def test_mail_to_staff_goes_out_without_a_contact(
    api: httpx.AsyncClient, smtp: MailBox
) -> None:
    message = await OutboundMessage.create(
        channel=Channel.EMAIL,
        kind=MessageKind.PASSWORD_RESET,
        language="nl",
        to_address="staff@school.test",
        subject="Nieuw wachtwoord",
        body="Kies een nieuw wachtwoord.",
    )
    await defer_sends([message.id])
    await run_jobs()
    [mail] = smtp.to("staff@school.test")
    assert mail["Subject"] == "Nieuw wachtwoord"
    assert "List-Unsubscribe" not in mail


async def test_a_message_to_an_erased_parent_is_withheld(
    api: httpx.AsyncClient, smtp: MailBox
) -> None:
    await _invite_by_email(api, "gone@example.com")
    await Contact.all().delete()  # the right to be forgotten, before the job ran
    await run_jobs()
    [row] = await messages()
    assert (row.status, row.withheld_reason) == (MessageStatus.WITHHELD, "contact_erased")
    assert smtp.messages == []


async def test_a_password_reset_arrives_by_smtp_with_a_working_link(
    api: httpx.AsyncClient, smtp: MailBox
) -> None:
    """The link is put in at send time: the mail server gets it, the database never holds it."""
    member = await make_member(await make_org("school"))
    await request_password_reset(email=member.email)
    await run_jobs()
    [mail] = smtp.to(member.email)
    text = mail.get_content()
    token = text.split("/password-reset/", 1)[1].split()[0]
    assert await reset_link_is_valid(token=token)
    [row] = await messages()
    assert token not in row.body
    assert "/password-reset/" not in row.body


async def test_an_email_that_cannot_be_built_fails_for_good_and_falls_back(
    api: httpx.AsyncClient, smtp: MailBox
) -> None:
    # A title written before the boundary refused line breaks: the Subject header cannot hold it.
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school, texts={"pl": ("Szkoła\r\nBcc: all@example.com", "")})
    await make_contacts(school, 1, mobile=None, email="ana@example.com", language="pl")
    response = await api.post(
        f"/api/v1/events/{event.id}/outreach/send", json={}, headers=member.headers
    )
    assert response.json()["queued"] == 1
    await run_jobs()
    [row] = await messages()
    assert (row.status, row.error_code) == (MessageStatus.FAILED, "unbuildable")
    assert smtp.to("ana@example.com") == []  # and no header was injected anywhere
    assert (await Invitation.get()).to_call  # reached another way: a volunteer's call
    assert await due_jobs() == 0  # not cycling through "sending"
