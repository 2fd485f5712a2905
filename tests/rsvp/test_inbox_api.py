"""``/api/v1/inbox``: staff see their own organisation's replies and resolve them by hand."""

from __future__ import annotations

import httpx
import pytest

from parentinfo.lib.enums import Answer, InboxStatus
from parentinfo.rsvp.models import InboundMessage, Invitation
from tests.factories import make_member, make_org
from tests.factories.rsvp import rsvp_contact, rsvp_event, rsvp_inbound, rsvp_invitation

pytestmark = pytest.mark.anyio


async def test_staff_see_only_their_own_organisations_items(client: httpx.AsyncClient) -> None:
    school, club = await make_org("school"), await make_org("club")
    member = await make_member(school)
    event = await rsvp_event(school, titles={"nl": "Ouderavond", "en": "Parents' evening"})
    ours = await rsvp_contact(school, name="Ania Kowalska", language="pl")
    theirs = await rsvp_contact(club, name="Ion Popescu")
    item = await rsvp_inbound(
        "Gdzie jest parking?", contact=ours, invitation=await rsvp_invitation(event, ours)
    )
    await rsvp_inbound("Unde e parcarea?", contact=theirs)
    await rsvp_inbound("Who is this?")  # unknown number: nobody's
    await rsvp_inbound("JA", contact=ours, status=InboxStatus.HANDLED)

    response = await client.get("/api/v1/inbox", headers=member.headers)

    assert response.status_code == 200, response.text
    page = response.json()
    assert page["total"] == 1
    assert page["unknown_numbers"] is None  # coordinators do not get the count
    [got] = page["items"]
    assert got["id"] == item.id
    assert got["body"] == "Gdzie jest parking?"
    assert got["contact"] == {"id": ours.id, "name": "Ania Kowalska", "language": "pl"}
    assert got["event"] == {"id": event.id, "title": "Ouderavond", "reply_code": event.reply_code}


async def test_admins_see_how_many_came_from_unknown_numbers(client: httpx.AsyncClient) -> None:
    school = await make_org("school")
    admin = await make_member(school, role="admin")
    await rsvp_inbound("Who is this?")
    await rsvp_inbound("Wie ben jij?")

    page = (await client.get("/api/v1/inbox?status=all", headers=admin.headers)).json()

    assert (page["total"], page["unknown_numbers"]) == (0, 2)
    assert "Wie ben jij?" not in str(page)


async def test_volunteers_and_strangers_are_refused(client: httpx.AsyncClient) -> None:
    volunteer = await make_member(await make_org("school"), role="volunteer")
    assert (await client.get("/api/v1/inbox", headers=volunteer.headers)).status_code == 403
    assert (await client.get("/api/v1/inbox")).status_code == 401


async def test_a_bad_status_filter_is_refused(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    response = await client.get("/api/v1/inbox?status=everything", headers=member.headers)
    assert response.status_code in (400, 422)


async def test_resolving_sets_the_answer_by_hand(client: httpx.AsyncClient) -> None:
    school = await make_org("school")
    member = await make_member(school)
    contact = await rsvp_contact(school)
    invitation = await rsvp_invitation(await rsvp_event(school, capacity=10), contact)
    item = await rsvp_inbound("ja, met mijn zus erbij", contact=contact)

    response = await client.post(
        f"/api/v1/inbox/{item.id}/resolve",
        json={"answer": "yes", "party_size": 2},
        headers=member.headers,
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["answer"], body["party_size"], body["waitlisted"]) == ("yes", 2, False)
    assert body["item"]["status"] == "resolved"
    assert body["item"]["invitation_id"] == invitation.id
    await invitation.refresh_from_db()
    assert (invitation.answer, invitation.party_size, invitation.answer_source) == (
        Answer.YES,
        2,
        "staff",
    )
    stored = await InboundMessage.get(id=item.id)
    assert stored.resolved_by_id is not None  # type: ignore[attr-defined]
    again = await client.post(
        f"/api/v1/inbox/{item.id}/resolve", json={"answer": "no"}, headers=member.headers
    )
    assert again.status_code == 409


async def test_resolving_without_an_answer_only_closes_the_item(
    client: httpx.AsyncClient,
) -> None:
    school = await make_org("school")
    member = await make_member(school)
    contact = await rsvp_contact(school)
    invitation = await rsvp_invitation(await rsvp_event(school), contact)
    item = await rsvp_inbound("Dank je wel!", contact=contact)

    response = await client.post(
        f"/api/v1/inbox/{item.id}/resolve", json={}, headers=member.headers
    )

    assert response.status_code == 200, response.text
    assert response.json()["answer"] is None
    await invitation.refresh_from_db()
    assert invitation.answer == Answer.NONE


async def test_another_organisations_item_or_invitation_is_not_found(
    client: httpx.AsyncClient,
) -> None:
    school, club = await make_org("school"), await make_org("club")
    member = await make_member(school)
    theirs = await rsvp_contact(club)
    their_invitation = await rsvp_invitation(await rsvp_event(club), theirs)
    their_item = await rsvp_inbound("da", contact=theirs)
    unknown = await rsvp_inbound("da")
    ours = await rsvp_contact(school)
    our_item = await rsvp_inbound("da?", contact=ours)

    for item_id in (their_item.id, unknown.id):
        response = await client.post(
            f"/api/v1/inbox/{item_id}/resolve", json={"answer": "yes"}, headers=member.headers
        )
        assert response.status_code == 404
    response = await client.post(
        f"/api/v1/inbox/{our_item.id}/resolve",
        json={"answer": "yes", "invitation_id": their_invitation.id},
        headers=member.headers,
    )
    assert response.status_code == 404
    assert (await Invitation.get(id=their_invitation.id)).answer == Answer.NONE


async def test_several_open_invitations_need_the_invitation_id(client: httpx.AsyncClient) -> None:
    school = await make_org("school")
    member = await make_member(school)
    contact = await rsvp_contact(school)
    await rsvp_invitation(await rsvp_event(school), contact)
    second = await rsvp_invitation(await rsvp_event(school), contact)
    someone_else = await rsvp_invitation(await rsvp_event(school), await rsvp_contact(school))
    item = await rsvp_inbound("ja?", contact=contact)
    url = f"/api/v1/inbox/{item.id}/resolve"

    vague = await client.post(url, json={"answer": "maybe"}, headers=member.headers)
    wrong = await client.post(
        url, json={"answer": "maybe", "invitation_id": someone_else.id}, headers=member.headers
    )
    right = await client.post(
        url, json={"answer": "maybe", "invitation_id": second.id}, headers=member.headers
    )

    assert vague.status_code == 422
    assert vague.json()["errors"][0]["field"] == "invitation_id"
    assert wrong.status_code == 422
    assert right.status_code == 200
    assert (await Invitation.get(id=second.id)).answer == Answer.MAYBE


@pytest.mark.parametrize(
    "payload",
    [
        {"answer": "ja"},
        {"answer": "yes", "party_size": 0},
        {"answer": "yes", "extra": 1},
        {"answer": "yes", "invitation_id": 2**40},
        [],
    ],
)
async def test_bad_resolve_bodies_are_refused(client: httpx.AsyncClient, payload: object) -> None:
    school = await make_org("school")
    member = await make_member(school)
    item = await rsvp_inbound("?", contact=await rsvp_contact(school))
    response = await client.post(
        f"/api/v1/inbox/{item.id}/resolve", json=payload, headers=member.headers
    )
    assert response.status_code in (400, 422)
    assert (await InboundMessage.get(id=item.id)).status == InboxStatus.NEEDS_ATTENTION


async def test_an_impossible_item_id_is_a_4xx(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    for item_id in ("99999999999999", "0", "abc"):
        response = await client.post(
            f"/api/v1/inbox/{item_id}/resolve", json={}, headers=member.headers
        )
        assert 400 <= response.status_code < 500, item_id


@pytest.mark.parametrize(("decision", "opted_out"), [("opt_out", True), ("keep_sending", False)])
async def test_staff_decide_about_a_number_on_hold(
    client: httpx.AsyncClient, decision: str, opted_out: bool
) -> None:
    from parentinfo.contacts.models import Contact

    school, club = await make_org("school"), await make_org("club")
    member = await make_member(school)
    contact = await rsvp_contact(school, language="nl")
    twin = await rsvp_contact(club, mobile=contact.mobile)  # the same parent at the club
    await Contact.filter(id__in=[contact.id, twin.id]).update(on_hold=True)
    item = await rsvp_inbound("nee, en stuur me niks meer", contact=contact)

    response = await client.post(
        f"/api/v1/inbox/{item.id}/hold", json={"decision": decision}, headers=member.headers
    )

    assert response.status_code == 200, response.text
    assert response.json()["status"] == "resolved"
    for stored in await Contact.filter(id__in=[contact.id, twin.id]):
        assert (stored.on_hold, stored.sms_opt_out) == (False, opted_out)


async def test_a_hold_decision_is_checked(client: httpx.AsyncClient) -> None:
    school, club = await make_org("school"), await make_org("club")
    member = await make_member(school)
    theirs = await rsvp_inbound("nee, stop", contact=await rsvp_contact(club))
    ours = await rsvp_inbound("nee, stop", contact=await rsvp_contact(school))
    url = "/api/v1/inbox/{}/hold"

    other = await client.post(
        url.format(theirs.id), json={"decision": "opt_out"}, headers=member.headers
    )
    bad = await client.post(url.format(ours.id), json={"decision": "maybe"}, headers=member.headers)

    assert other.status_code == 404  # another organisation's item
    assert bad.status_code in (400, 422)
