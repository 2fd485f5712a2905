"""Answers by SMS: codes, several open invitations, changed minds, the waiting list moving
up, and what is kept for staff, through the webhook on both databases."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from twilio.request_validator import RequestValidator

from parentinfo.contacts.models import Contact
from parentinfo.events.models import Event
from parentinfo.lib.enums import (
    Answer,
    Channel,
    EventStatus,
    InboxStatus,
    MessageKind,
    MessageStatus,
)
from parentinfo.messaging.models import OutboundMessage
from parentinfo.rsvp.jobs import PROMOTION_TASK
from parentinfo.rsvp.models import InboundMessage, Invitation
from parentinfo.rsvp.waitlist.promotion import queue_promotion_notices
from parentinfo.runtime import runtime
from parentinfo.settings import Settings
from tests.factories import make_org
from tests.factories.outreach import run_jobs
from tests.factories.rsvp import rsvp_contact, rsvp_event, rsvp_invitation
from tests.rsvp.conftest import PUBLIC_URL, WEBHOOK, Phone, new_sid
from tests.rsvp.test_webhook import reply_of

pytestmark = pytest.mark.anyio


async def test_several_open_invitations_get_a_question_then_the_code_picks_one(
    twilio_client: httpx.AsyncClient,
) -> None:
    org = await make_org("school")
    library = await rsvp_event(org, code="K7", titles={"nl": "Bibliotheek"})
    sport = await rsvp_event(
        org, code="B3", titles={"nl": "Sportclub"}, starts_in=timedelta(days=9)
    )
    contact = await rsvp_contact(org, language="nl")
    at_library = await rsvp_invitation(library, contact)
    at_sport = await rsvp_invitation(sport, contact)
    phone = Phone(twilio_client, str(contact.mobile))

    question = reply_of(await phone.send("JA"))
    assert "JA K7" in question
    assert "K7: Bibliotheek" in question
    assert "B3: Sportclub" in question
    assert await Invitation.filter(answer=Answer.YES).count() == 0

    reply_of(await phone.send("ja b3 2"))

    await at_library.refresh_from_db()
    await at_sport.refresh_from_db()
    assert (at_library.answer, at_sport.answer, at_sport.party_size) == (Answer.NONE, Answer.YES, 2)


async def test_a_code_alone_completes_the_answer_we_asked_about(
    twilio_client: httpx.AsyncClient,
) -> None:
    org = await make_org("school")
    first = await rsvp_event(org, code="K7")
    second = await rsvp_event(org, code="B3")
    contact = await rsvp_contact(org, language="pl")
    await rsvp_invitation(first, contact)
    wanted = await rsvp_invitation(second, contact)
    phone = Phone(twilio_client, str(contact.mobile))
    reply_of(await phone.send("nie"))

    reply = reply_of(await phone.send("B3"))

    assert "nie możesz przyjść" in reply
    await wanted.refresh_from_db()
    assert wanted.answer == Answer.NO
    assert await Invitation.filter(answer=Answer.NONE).count() == 1


async def test_not_understood_is_kept_with_contact_and_event_and_explained(
    twilio_client: httpx.AsyncClient,
) -> None:
    org = await make_org("school")
    contact = await rsvp_contact(org, language="pl")
    invitation = await rsvp_invitation(await rsvp_event(org), contact)

    reply = reply_of(await Phone(twilio_client, str(contact.mobile)).send("Samochód mi się zepsuł"))

    assert "TAK (1), NIE (2) lub MOŻE (3)" in reply
    item = await InboundMessage.get()
    assert item.status == InboxStatus.NEEDS_ATTENTION
    assert (item.contact_id, item.invitation_id, item.organisation_id) == (  # type: ignore[attr-defined]
        contact.id,
        invitation.id,
        org.id,
    )


async def test_a_changed_mind_frees_the_place_for_the_waiting_list(
    twilio_client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = await make_org("school")
    event = await rsvp_event(org, capacity=2)
    leaving = await rsvp_contact(org, language="en")
    mine = await rsvp_invitation(event, leaving, answer=Answer.YES, party_size=2)
    waiting = await rsvp_invitation(
        event, await rsvp_contact(org, language="nl"), answer=Answer.YES, waitlisted=True
    )

    reply = reply_of(await Phone(twilio_client, str(leaving.mobile)).send("no, sorry"))

    assert "cannot come" in reply
    await mine.refresh_from_db()
    await waiting.refresh_from_db()
    assert (mine.answer, waiting.waitlisted) == (Answer.NO, False)
    jobs = list(await runtime().jobs.job_manager.list_jobs_async(task=PROMOTION_TASK))
    assert [job.task_kwargs for job in jobs] == [{"invitation_ids": [waiting.id]}]
    monkeypatch.setattr("parentinfo.messaging.post.defer_rows", _no_defer)

    assert await queue_promotion_notices([waiting.id]) == 1
    assert await queue_promotion_notices([waiting.id]) == 0  # a second run writes nothing
    notice = await OutboundMessage.get(kind=MessageKind.CONFIRMATION)
    assert notice.status == MessageStatus.PENDING
    assert "Goed nieuws" in notice.body
    assert f"/r/{waiting.token}" in notice.body


async def test_a_parent_without_a_mobile_hears_of_the_free_place_by_email(
    twilio_client: httpx.AsyncClient,
) -> None:
    org = await make_org("school")
    event = await rsvp_event(org, capacity=1, titles={"pl": "Biblioteka"})
    leaving = await rsvp_contact(org, language="en")
    await rsvp_invitation(event, leaving, answer=Answer.YES)
    by_page = await Contact.create(
        organisation=org, name="Ewa", mobile=None, email="ewa@example.com", language="pl"
    )
    unreachable = await Contact.create(organisation=org, name="Jan", language="pl")
    first = await rsvp_invitation(event, by_page, answer=Answer.YES, waitlisted=True)
    await rsvp_invitation(event, unreachable, answer=Answer.YES, waitlisted=True)
    await Event.filter(id=event.id).update(capacity=3)

    await Phone(twilio_client, str(leaving.mobile)).send("no")
    await run_jobs()

    [notice] = await OutboundMessage.filter(kind=MessageKind.CONFIRMATION)
    assert (notice.invitation_id, notice.channel) == (first.id, Channel.EMAIL)  # type: ignore[attr-defined]
    assert (notice.to_address, notice.status) == ("ewa@example.com", MessageStatus.SENT)
    assert notice.subject == "Twoja odpowiedź: Biblioteka"
    assert "Dobra wiadomość" in notice.body
    assert f"/r/{first.token}" in notice.body


async def _no_defer(rows: object) -> int:
    del rows
    return 0


async def test_an_answer_without_an_open_invitation_says_so(
    twilio_client: httpx.AsyncClient,
) -> None:
    org = await make_org("school")
    contact = await rsvp_contact(org, language="en")
    await rsvp_invitation(await rsvp_event(org, status=EventStatus.DRAFT), contact)
    await rsvp_invitation(await rsvp_event(org, starts_in=timedelta(days=-2)), contact)
    await rsvp_invitation(await rsvp_event(org, status=EventStatus.CANCELLED), contact)

    reply = reply_of(await Phone(twilio_client, str(contact.mobile)).send("yes"))

    assert "no open invitation" in reply
    assert await Invitation.filter(answer=Answer.YES).count() == 0


async def test_a_parent_known_to_two_cohosts_answers_the_shared_event_once(
    twilio_client: httpx.AsyncClient,
) -> None:
    school, club = await make_org("school"), await make_org("club")
    event = await rsvp_event(school, code="K7")
    at_school = await rsvp_contact(school)
    at_club = await rsvp_contact(club, mobile=at_school.mobile)
    await rsvp_invitation(event, at_school)
    await rsvp_invitation(event, at_club)

    reply = reply_of(await Phone(twilio_client, str(at_school.mobile)).send("JA"))

    assert "U komt" in reply
    assert await Invitation.filter(answer=Answer.YES).count() == 1


async def test_the_simulator_signs_with_the_secret_key(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    assert settings.twilio.auth_token == ""
    params = {"MessageSid": new_sid(), "From": "+31611112222", "Body": "JA"}
    good = RequestValidator(settings.secret_key).compute_signature(PUBLIC_URL + WEBHOOK, params)
    bad = RequestValidator("some-other-token").compute_signature(PUBLIC_URL + WEBHOOK, params)

    refused = await client.post(WEBHOOK, data=params, headers={"X-Twilio-Signature": bad})
    accepted = await client.post(WEBHOOK, data=params, headers={"X-Twilio-Signature": good})

    assert refused.status_code == 403
    assert "do not know this number" in reply_of(accepted)
