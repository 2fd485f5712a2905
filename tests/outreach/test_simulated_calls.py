"""The phone simulator's call view over real HTTP, against the real signed voice webhooks:
pick up, hear the script, press keys; busy, no answer and the answering machine; a parent
calling in; staff only, the embedded mode only, the organisation's own contacts only."""

from __future__ import annotations

import re

import httpx
import pytest
from litestar import Litestar

from parentinfo.contacts.models import Contact
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Answer, Channel, MessageKind, MessageStatus
from parentinfo.messaging.models import OutboundMessage
from parentinfo.messaging.post import Draft, post_messages, sending
from parentinfo.organisations.models import Organisation
from parentinfo.outreach.voice.callstate import VoiceCall
from parentinfo.outreach.voice.placing import place_call
from parentinfo.rsvp.models import Invitation
from tests.factories import Member, make_member, make_org
from tests.factories.contacts import make_contact
from tests.factories.outreach import published_event
from tests.factories.rsvp import rsvp_invitation
from tests.web.helpers import login, post_form

pytestmark = pytest.mark.anyio

TEXTS = {"pl": ("Biblioteka dla dzieci", "Zapraszamy."), "nl": ("Bibliotheek", "")}
LIVE = re.compile(r"/simulator/calls/live/(CA[0-9a-f]{32})")


async def ringing(member: Member, *, n: int = 7) -> tuple[Contact, Invitation, OutboundMessage]:
    """A Polish parent invited by a call that the simulator's voice sender placed."""
    organisation = await Organisation.get(id=member.actor.org_id)
    contact = await make_contact(member.actor, n=n, name=f"Anna Kowalska {n}", language="pl")
    event = await published_event(organisation, texts=TEXTS)
    invitation = await rsvp_invitation(event, contact)
    async with sending():
        await post_messages(
            [
                Draft(
                    channel=Channel.VOICE,
                    kind=MessageKind.INVITATION,
                    language="pl",
                    to_address=contact.mobile,
                    body="Biblioteka dla dzieci",
                    dedupe_key=f"invitation:{invitation.id}:voice",
                    organisation_id=organisation.id,
                    event_id=event.id,
                    invitation_id=invitation.id,
                    contact_id=contact.id,
                )
            ]
        )
    row = await OutboundMessage.get(invitation_id=invitation.id)
    placed = await place_call(row)  # what the dispatcher does with a voice row
    await OutboundMessage.filter(id=row.id).update(
        status=MessageStatus.SENT, provider_id=placed.provider_id, sent_at=now()
    )
    return contact, invitation, await OutboundMessage.get(id=row.id)


async def pick(client: httpx.AsyncClient, token: str, row: OutboundMessage, how: str) -> str:
    """Press one of the ringing call's buttons; the page it leads to."""
    response = await post_form(client, f"/simulator/calls/{row.id}/pick", token, {"how": how})
    assert response.status_code == 303, response.text
    return str(response.headers["location"])


async def test_a_call_is_answered_heard_and_answered_by_keys(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    contact, invitation, row = await ringing(member)
    token = await login(client, member)
    listing = await client.get("/simulator/calls")
    assert listing.status_code == 200
    assert contact.name in listing.text
    assert f'action="/simulator/calls/{row.id}/pick"' in listing.text

    place = await pick(client, token, row, "answer")
    sid = LIVE.search(place)
    assert sid
    assert sid.group(1) == row.provider_id
    view = (await client.get(place)).text
    assert "Biblioteka dla dzieci" in view  # the invitation, as the call says it
    assert 'lang="pl-PL"' in view
    assert 'name="key" value="1"' in view

    await post_form(client, f"{place}/keys", token, {"key": "1"})
    view = (await client.get(place)).text
    assert 'data-call-state="on"' in view
    assert (await Invitation.get(id=invitation.id)).answer == Answer.NONE

    await post_form(client, f"{place}/keys", token, {"digits": "3"})
    view = (await client.get(place)).text
    assert 'data-call-state="ended"' in view
    assert 'name="key"' not in view
    answered = await Invitation.get(id=invitation.id)
    assert (answered.answer, answered.party_size) == (Answer.YES, 3)
    assert (await OutboundMessage.get(id=row.id)).status == MessageStatus.DELIVERED
    call = await VoiceCall.get(call_sid=row.provider_id)
    assert (call.status, call.duration >= 1) == ("completed", True)
    assert contact.name not in (await client.get("/simulator/calls")).text.split("<h2")[1]


async def test_busy_and_no_answer_are_status_callbacks_and_the_call_is_tried_again(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    _, first_invitation, first = await ringing(member, n=7)
    _, _, second = await ringing(member, n=8)
    token = await login(client, member)
    assert await pick(client, token, first, "busy") == "/simulator/calls?done=busy"
    assert await pick(client, token, second, "no-answer") == "/simulator/calls?done=no-answer"
    for row in (first, second):
        again = await OutboundMessage.get(id=row.id)
        assert (again.status, again.provider_id) == (MessageStatus.PENDING, None)
        assert again.send_after is not None
    listing = (await client.get("/simulator/calls?done=busy")).text
    assert f'data-waiting="{first.id}"' in listing
    assert f'data-waiting="{second.id}"' in listing
    assert (await Invitation.get(id=first_invitation.id)).answer == Answer.NONE


async def test_an_answering_machine_hears_the_short_message_and_nothing_is_answered(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    _, invitation, row = await ringing(member)
    token = await login(client, member)
    place = await pick(client, token, row, "machine")
    view = (await client.get(place)).text
    assert 'data-call-state="ended"' in view
    assert 'name="key"' not in view
    assert (await Invitation.get(id=invitation.id)).answer == Answer.NONE
    call = await VoiceCall.get(call_sid=row.provider_id)
    assert call.machine
    assert (await OutboundMessage.get(id=row.id)).status == MessageStatus.DELIVERED


async def test_silence_asks_again_and_hanging_up_ends_the_call(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    _, invitation, row = await ringing(member)
    token = await login(client, member)
    place = await pick(client, token, row, "answer")
    await post_form(client, f"{place}/silence", token)
    view = (await client.get(place)).text
    assert 'data-call-state="on"' in view  # the question again, after "I did not understand"
    assert 'name="key" value="1"' in view
    await post_form(client, f"{place}/hangup", token)
    view = (await client.get(place)).text
    assert 'data-call-state="ended"' in view
    assert (await Invitation.get(id=invitation.id)).answer == Answer.NONE
    assert (await OutboundMessage.get(id=row.id)).status == MessageStatus.DELIVERED


async def test_a_parent_calls_the_service_and_hears_their_invitation(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    contact, invitation, _ = await ringing(member)
    token = await login(client, member)
    assert f'<option value="{contact.id}">' in (await client.get("/simulator/calls")).text
    response = await post_form(client, "/simulator/calls/dial", token, {"contact": contact.id})
    assert response.status_code == 303
    place = str(response.headers["location"])
    view = (await client.get(place)).text
    assert "Biblioteka dla dzieci" in view
    await post_form(client, f"{place}/keys", token, {"key": "2"})
    assert (await Invitation.get(id=invitation.id)).answer == Answer.NO
    assert 'data-call-state="ended"' in (await client.get(place)).text


async def test_another_organisations_calls_and_contacts_are_not_there(
    client: httpx.AsyncClient,
) -> None:
    ours = await make_member(await make_org("school"))
    theirs = await make_member(await make_org("library"))
    their_contact, _, their_row = await ringing(theirs, n=9)
    token = await login(client, ours)
    listing = (await client.get("/simulator/calls")).text
    assert their_contact.name not in listing
    response = await post_form(
        client, f"/simulator/calls/{their_row.id}/pick", token, {"how": "answer"}
    )
    assert response.status_code == 404
    dial = {"contact": their_contact.id}
    response = await post_form(client, "/simulator/calls/dial", token, dial)
    assert response.status_code == 404
    assert (await client.get(f"/simulator/calls/live/{their_row.provider_id}")).status_code == 404
    assert not await VoiceCall.filter(call_sid=their_row.provider_id).exists()


async def test_a_call_picked_up_in_one_session_is_not_open_in_another(
    client: httpx.AsyncClient, app: Litestar
) -> None:
    school = await make_org("school")
    coordinator, volunteer = await make_member(school), await make_member(school, role="volunteer")
    _, _, row = await ringing(coordinator)
    token = await login(client, coordinator)
    place = await pick(client, token, row, "answer")
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://parentinfo.test") as other:
        await login(other, volunteer)
        assert (await other.get(place)).status_code == 404
        assert row.to_address not in (await other.get("/simulator/calls")).text


async def test_staff_only(client: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    _, _, row = await ringing(member)
    response = await client.get("/simulator/calls")
    assert response.status_code in {302, 303, 401}
    assert "Anna" not in response.text
    response = await client.post(f"/simulator/calls/{row.id}/pick", data={"how": "answer"})
    assert response.status_code in {302, 303, 401, 403}
    assert not await VoiceCall.filter(call_sid=row.provider_id).exists()


async def test_with_twilio_the_call_view_is_not_there(api: httpx.AsyncClient) -> None:
    member = await make_member(await make_org("school"))
    await login(api, member)
    assert (await api.get("/simulator/calls")).status_code == 404
    assert (await api.get(f"/simulator/calls/live/CA{'0' * 32}")).status_code == 404


async def test_a_call_on_the_line_is_not_offered_for_answering_again(
    client: httpx.AsyncClient,
) -> None:
    member = await make_member(await make_org("school"))
    _, _, row = await ringing(member)
    token = await login(client, member)
    place = await pick(client, token, row, "answer")
    listing = (await client.get("/simulator/calls")).text
    assert f'action="/simulator/calls/{row.id}/pick"' not in listing
    assert f'href="{place}"' in listing
