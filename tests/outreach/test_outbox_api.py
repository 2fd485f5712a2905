"""The outbox, an event's invitations and the call list, as each organisation may see them."""

from __future__ import annotations

import httpx
import pytest

from parentinfo.lib.enums import Channel, MessageKind
from parentinfo.messaging.models import OutboundMessage
from parentinfo.organisations.models import Organisation
from parentinfo.rsvp.models import Invitation
from tests.factories import make_member, make_org
from tests.factories.outreach import add_cohost, make_contacts, published_event, run_jobs
from tests.fakes.twilio_server import FakeTwilio

pytestmark = pytest.mark.anyio


async def _shared_event(api: httpx.AsyncClient) -> tuple[dict[str, str], dict[str, str], int]:
    """A school and a club co-hosting; each invites its own parents (the club's by SMS)."""
    school, club = await make_org("school"), await make_org("club")
    school_member, club_member = await make_member(school), await make_member(club)
    event = await published_event(school)
    await add_cohost(event, club)
    await make_contacts(school, 2)
    await make_contacts(school, 1, start=5, mobile=None)  # no channel: to call
    await make_contacts(club, 1, start=100, language="ro")
    url = f"/api/v1/events/{event.id}/outreach/send"
    assert (await api.post(url, json={}, headers=school_member.headers)).status_code == 202
    assert (await api.post(url, json={}, headers=club_member.headers)).status_code == 202
    return school_member.headers, club_member.headers, event.id


async def test_the_outbox_holds_only_the_own_organisations_parents(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    """A co-host sees none of the school's messages: no masked number ending, no fragment."""
    school, club, event_id = await _shared_event(api)
    await run_jobs()
    everything = (await api.get("/api/v1/messages", headers=school)).json()
    assert everything["total"] == 2
    assert all(m["to"].startswith("+316") and m["body"] for m in everything["items"])
    theirs = (await api.get("/api/v1/messages", headers=club)).json()
    assert theirs["total"] == 1
    [club_sms] = theirs["items"]
    assert (club_sms["to"][:4], club_sms["language"]) == ("+316", "ro")
    assert "•" not in str(theirs)  # not even a masked school number (+316•••••001)
    sent = await api.get(
        f"/api/v1/messages?status=sent&channel=sms&event_id={event_id}", headers=club
    )
    assert sent.json()["total"] == 1
    assert (await api.get("/api/v1/messages?status=pending", headers=club)).json()["total"] == 0
    bad = await api.get("/api/v1/messages?status=lost", headers=club)
    assert bad.status_code == 422
    assert "status" in bad.json()["detail"]
    paged = (await api.get("/api/v1/messages?per_page=1&page=2", headers=school)).json()
    assert (paged["total"], len(paged["items"])) == (2, 1)
    stranger = await make_member(await make_org("stranger"))
    assert (await api.get("/api/v1/messages", headers=stranger.headers)).json()["total"] == 0
    await OutboundMessage.create(
        organisation_id=(await Organisation.get(slug="school")).id,
        channel=Channel.EMAIL,
        kind=MessageKind.PASSWORD_RESET,
        language="nl",
        to_address="staff@school.test",
        body="https://parentinfo.test/password-reset/secret",
    )
    listed = (await api.get("/api/v1/messages", headers=school)).json()
    assert listed["total"] == 2  # a colleague's reset link is nobody else's business


async def test_each_host_lists_only_its_own_invitations(api: httpx.AsyncClient) -> None:
    school, club, event_id = await _shared_event(api)
    listing = (await api.get(f"/api/v1/events/{event_id}/invitations", headers=club)).json()
    assert listing["total"] == 1
    [mine] = listing["items"]
    assert mine["own"] is True
    assert mine["mobile"].startswith("+316")
    assert mine["message_status"] == "pending"
    assert "Parent 0000" not in str(listing)  # none of the school's parents' names
    school_list = (await api.get(f"/api/v1/events/{event_id}/invitations", headers=school)).json()
    assert school_list["total"] == 3
    stranger = await make_member(await make_org("stranger"))
    response = await api.get(f"/api/v1/events/{event_id}/invitations", headers=stranger.headers)
    assert response.status_code == 404


async def test_the_call_list_and_marking_a_call_done(api: httpx.AsyncClient) -> None:
    school, club, _ = await _shared_event(api)
    calls = (await api.get("/api/v1/to-call", headers=school)).json()
    [entry] = calls["items"]
    assert entry["name"] == "Parent 00005"
    assert entry["event_title"] == "Het schoolsysteem"  # in the staff member's language
    assert (await api.get("/api/v1/to-call", headers=club)).json()["total"] == 0
    other = await api.post(f"/api/v1/to-call/{entry['invitation_id']}/done", headers=club)
    assert other.status_code == 404
    done = await api.post(f"/api/v1/to-call/{entry['invitation_id']}/done", headers=school)
    assert done.status_code == 204
    assert (await api.get("/api/v1/to-call", headers=school)).json()["total"] == 0
    invitation = await Invitation.get(id=entry["invitation_id"])
    assert invitation.called_at is not None
    assert not invitation.to_call
    again = await api.post(f"/api/v1/to-call/{entry['invitation_id']}/done", headers=school)
    assert again.status_code == 204  # idempotent


async def test_ids_beyond_the_database_range_are_refused_not_crashed(
    api: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    huge = 2**31
    for method, path in (
        ("GET", f"/api/v1/messages?event_id={huge}"),
        ("GET", f"/api/v1/events/{huge}/invitations"),
        ("POST", f"/api/v1/to-call/{huge}/done"),
        ("POST", f"/api/v1/events/{huge}/outreach/send"),
    ):
        response = await api.request(method, path, json={}, headers=member.headers)
        assert response.status_code in (400, 404, 422), (path, response.text)
