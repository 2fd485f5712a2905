"""Sending invitations through the API: rows first, jobs after, Twilio and SMTP for real."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from parentinfo.attendance.models import CheckIn
from parentinfo.lib.clock import now
from parentinfo.lib.enums import MessageStatus
from parentinfo.privacy.models import AuditEntry
from parentinfo.rsvp.models import Invitation
from tests.factories import make_member, make_org
from tests.factories.outreach import (
    add_cohost,
    make_contacts,
    messages,
    published_event,
    run_jobs,
)
from tests.fakes.smtp_server import MailBox
from tests.fakes.twilio_server import FakeTwilio

pytestmark = pytest.mark.anyio


async def test_send_queues_then_delivers_sms_and_email(
    api: httpx.AsyncClient, twilio: FakeTwilio, smtp: MailBox
) -> None:
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    await make_contacts(school, 3)
    await make_contacts(school, 1, start=10, email="ana@example.com")
    email_only = (await make_contacts(school, 1, start=20))[-1]
    email_only.mobile, email_only.email = None, "bo@example.com"
    await email_only.save()

    response = await api.post(
        f"/api/v1/events/{event.id}/outreach/send", json={}, headers=member.headers
    )
    assert response.status_code == 202, response.text
    assert response.json() == {"queued": 5, "skipped_existing": 0, "to_call": 0}
    assert {m.status for m in await messages()} == {MessageStatus.PENDING}
    assert twilio.created == []  # nothing leaves before a worker runs

    await run_jobs()
    rows = await messages()
    assert {m.status for m in rows} == {MessageStatus.SENT}
    assert len(twilio.created) == 4
    assert all(r["From"] == "+3197010000000" for r in twilio.requests)
    assert all("/webhooks/twilio/status?message=" in r["StatusCallback"] for r in twilio.requests)
    assert {m.provider_id for m in rows if m.channel == "sms"} == {c["sid"] for c in twilio.created}
    [mail] = smtp.to("bo@example.com")
    assert mail["Subject"] == "Zaproszenie: The Dutch school system"  # Polish, English title
    assert await AuditEntry.filter(action="outreach.send", subject_id=event.id).count() == 1


async def test_sending_twice_sends_nothing_new(api: httpx.AsyncClient, twilio: FakeTwilio) -> None:
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    await make_contacts(school, 4)
    url = f"/api/v1/events/{event.id}/outreach/send"
    first = await api.post(url, json={}, headers=member.headers)
    await run_jobs()
    second = await api.post(url, json={}, headers=member.headers)
    await run_jobs()
    assert first.json()["queued"] == 4
    assert second.json() == {"queued": 0, "skipped_existing": 4, "to_call": 0}
    assert len(await messages()) == 4
    assert len(twilio.created) == 4
    assert await Invitation.filter(event_id=event.id).count() == 4


async def test_cancelled_past_and_draft_events_are_refused_with_409(
    api: httpx.AsyncClient,
) -> None:
    school = await make_org("school")
    member = await make_member(school)
    await make_contacts(school, 1)
    cancelled = await published_event(school, status="cancelled")
    past = await published_event(school, starts_in=-timedelta(days=1))
    draft = await published_event(school, status="draft")
    for event in (cancelled, past, draft):
        response = await api.post(
            f"/api/v1/events/{event.id}/outreach/send", json={}, headers=member.headers
        )
        assert response.status_code == 409, response.text
        assert response.json()["detail"]
    assert await messages() == []
    assert await Invitation.all().count() == 0


async def test_event_without_any_text_is_refused_naming_the_languages(
    api: httpx.AsyncClient,
) -> None:
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school, texts={})
    await make_contacts(school, 2)
    await make_contacts(school, 1, start=5, language="ro")
    url = f"/api/v1/events/{event.id}/outreach/send"
    response = await api.post(url, json={}, headers=member.headers)
    assert response.status_code == 422
    body = response.json()
    assert {e["field"] for e in body["errors"]} == {"texts.pl", "texts.ro"}
    assert "pl, ro" in body["detail"]
    preview = await api.post(
        f"/api/v1/events/{event.id}/outreach/preview", json={}, headers=member.headers
    )
    assert preview.status_code == 422
    assert await messages() == []


async def test_other_organisations_event_is_not_found_and_volunteers_may_not_send(
    api: httpx.AsyncClient,
) -> None:
    school = await make_org("school")
    other = await make_org("other")
    stranger = await make_member(other)
    volunteer = await make_member(school, role="volunteer")
    event = await published_event(school)
    await make_contacts(school, 1)
    url = f"/api/v1/events/{event.id}/outreach/send"
    assert (await api.post(url, json={}, headers=stranger.headers)).status_code == 404
    assert (await api.post(url, json={}, headers=volunteer.headers)).status_code == 403
    bad = await api.post(url, json={"kind": "reminder"}, headers=volunteer.headers)
    assert bad.status_code == 422
    assert "kind" in bad.json()["detail"]
    assert await messages() == []


async def test_cohosts_invite_only_their_own_contacts(api: httpx.AsyncClient) -> None:
    school = await make_org("school")
    club = await make_org("club")
    event = await published_event(school)
    await add_cohost(event, club)
    club_member = await make_member(club)
    await make_contacts(school, 3)
    club_contacts = await make_contacts(club, 2, start=100)
    response = await api.post(
        f"/api/v1/events/{event.id}/outreach/send", json={}, headers=club_member.headers
    )
    assert response.json()["queued"] == 2
    invitations = await Invitation.filter(event_id=event.id)
    assert {i.contact_id for i in invitations} == {c.id for c in club_contacts}  # type: ignore[attr-defined]
    assert {i.organisation_id for i in invitations} == {club.id}  # type: ignore[attr-defined]
    assert {m.organisation_id for m in await messages()} == {club.id}  # type: ignore[attr-defined]


async def test_audience_filters_opt_outs_and_the_call_list(api: httpx.AsyncClient) -> None:
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    [polish] = await make_contacts(school, 1)
    await make_contacts(school, 1, start=1, language="ro")
    await make_contacts(school, 1, start=2, age_groups=["0-3"])
    await make_contacts(school, 1, start=3, sms_opt_out=True, email_opt_out=True)
    await make_contacts(school, 1, start=4, sms_opt_out=True)
    await make_contacts(school, 1, start=5, mobile_invalid=True)
    body = {"languages": ["pl"], "age_groups": ["4-11"]}
    url = f"/api/v1/events/{event.id}/outreach/send"
    response = await api.post(url, json=body, headers=member.headers)
    assert response.json() == {"queued": 1, "skipped_existing": 0, "to_call": 1}
    [message] = await messages()
    assert message.contact_id == polish.id  # type: ignore[attr-defined]
    [called] = await Invitation.filter(to_call=True).select_related("contact")
    assert called.contact is not None
    assert called.contact.mobile_invalid
    assert await Invitation.filter(event_id=event.id).count() == 2  # the opted-out are not invited


async def test_attended_before_picks_parents_who_came(api: httpx.AsyncClient) -> None:
    school = await make_org("school")
    member = await make_member(school)
    earlier = await published_event(school, starts_in=-timedelta(days=30))
    event = await published_event(school)
    came, stayed_home = await make_contacts(school, 2)
    invitation = await Invitation.create(
        event=earlier, contact=came, organisation=school, language="pl", token="t-came"
    )
    await CheckIn.create(event=earlier, invitation=invitation, checked_in_at=now())
    url = f"/api/v1/events/{event.id}/outreach/send"
    await api.post(url, json={"attended_before": True}, headers=member.headers)
    assert [m.contact_id for m in await messages()] == [came.id]  # type: ignore[attr-defined]
    await api.post(url, json={"attended_before": False}, headers=member.headers)
    assert [m.contact_id for m in await messages()] == [came.id, stayed_home.id]  # type: ignore[attr-defined]
