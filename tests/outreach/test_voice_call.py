"""A whole phone call, over real HTTP: placed through the fake Twilio, answered by keypad.

The call list's "call these parents automatically" posts a voice row, the worker places
the call at the fake Twilio (``calls.create`` with the answer and status URLs and machine
detection), and the fake plays the parent's side through the signed voice webhooks: every
answer path, the machine, replays, unknown calls, unsigned requests, the end of the call
and its retries, and calls to our own number.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from parentinfo.contacts.models import Contact
from parentinfo.events.models import Event
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Answer, Channel, MessageStatus
from parentinfo.messaging.models import OutboundMessage
from parentinfo.organisations.models import Organisation
from parentinfo.outreach.audience.rows import ContactRow
from parentinfo.outreach.composing.context import event_facts
from parentinfo.outreach.preview import call_cost, call_costs
from parentinfo.outreach.sending.dispatch import deliver
from parentinfo.outreach.voice.calllist import call_automatically
from parentinfo.outreach.voice.callstate import VoiceCall, VoiceStep
from parentinfo.outreach.voice.placing import outside_call_hours
from parentinfo.rsvp.models import Invitation
from parentinfo.runtime import runtime
from parentinfo.settings import Settings
from tests.factories import Member, make_member, make_org
from tests.factories.calendar import make_invitation
from tests.factories.outreach import make_contacts, published_event, run_jobs
from tests.fakes.smtp_server import MailBox
from tests.fakes.twilio_calls import Heard, hear, signed_post
from tests.fakes.twilio_server import FROM_NUMBER, FakeTwilio
from tests.outreach.conftest import wired_settings
from tests.web.helpers import login, post_form

pytestmark = pytest.mark.anyio

BASE = "https://parentinfo.test/webhooks/twilio/voice"
MOBILE = "+31620000000"  # make_contacts' first number


@pytest.fixture
def wired(database_url: str, var_dir: Path, twilio: FakeTwilio, smtp: MailBox) -> Settings:
    """The wired app, calling at any hour (the calling window has tests of its own)."""
    return wired_settings(database_url, var_dir, twilio, smtp, CALL_HOURS="00:00-23:59")


async def _parent_on_call_list(
    *, language: str = "nl", capacity: int | None = None, **event: Any
) -> tuple[Member, Invitation]:
    school = await make_org("school", name="De Regenboog")
    school.contact_phone = "+31201234567"
    await school.save()
    member = await make_member(school)
    values: dict[str, Any] = {"childcare": True, "interpreter_languages": ["pl"], **event}
    if capacity is not None:
        values["capacity"] = capacity
    happening = await published_event(school, **values)
    [contact] = await make_contacts(school, 1, language=language)
    invitation = await make_invitation(happening, contact)
    await Invitation.filter(id=invitation.id).update(to_call=True)
    return member, invitation


async def _ringing(twilio: FakeTwilio, **kwargs: Any) -> tuple[dict[str, Any], Invitation]:
    """A parent called automatically from the call list: the call is at the fake Twilio."""
    member, invitation = await _parent_on_call_list(**kwargs)
    rung = await call_automatically(actor=member.actor)
    assert (rung.called, rung.left) == (1, 0)
    await run_jobs()
    [call] = twilio.calls.to(MOBILE)
    return call, invitation


async def _answer_of(invitation: Invitation) -> Invitation:
    return await Invitation.get(id=invitation.id)


async def test_the_call_is_placed_with_twilios_answer_and_status_urls(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    call, invitation = await _ringing(twilio)
    [message] = await OutboundMessage.filter(channel=Channel.VOICE)
    form = call["_form"]
    assert form["Url"] == f"{BASE}/answer?message={message.id}"
    assert form["StatusCallback"] == f"{BASE}/status?message={message.id}"
    assert form["MachineDetection"] == "Enable"
    assert form["From"] == FROM_NUMBER
    assert message.status == MessageStatus.SENT
    assert message.provider_id == call["sid"]
    assert "Het schoolsysteem" in message.body
    assert "Druk op 1" in message.body
    refreshed = await _answer_of(invitation)
    assert not refreshed.to_call  # off the list while the call is under way


async def test_yes_then_the_party_size_is_recorded_and_confirmed(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    call, invitation = await _ringing(twilio)
    heard = await twilio.calls.pick_up(api, call)
    assert "Hallo, hier is De Regenboog." in heard.text
    assert "Het schoolsysteem" in heard.text
    assert "Er is opvang voor uw kinderen." in heard.text
    assert "Er is een tolk voor: Pools." in heard.text
    assert "Druk op 9" in heard.text
    assert heard.action
    assert not heard.hangup
    asked = await twilio.calls.press(api, call, heard, "1")
    assert asked.text == "Met hoeveel mensen komt u? Druk op het aantal."
    confirmed = await twilio.calls.press(api, call, asked, "3")
    assert "Aantal mensen: 3." in confirmed.text
    assert confirmed.hangup
    answered = await _answer_of(invitation)
    assert (answered.answer, answered.party_size, answered.answer_source) == (
        Answer.YES,
        3,
        "voice",
    )
    event = await Event.get(id=invitation.event_id)  # type: ignore[attr-defined]
    assert event.places_taken == 3


@pytest.mark.parametrize(("key", "answer", "said"), [
    ("2", Answer.NO, "Dank u wel dat u het laat weten."),
    ("3", Answer.MAYBE, "Bel dit nummer opnieuw als u het weet."),
])  # fmt: skip
async def test_no_and_not_sure_are_recorded(
    api: httpx.AsyncClient, twilio: FakeTwilio, key: str, answer: Answer, said: str
) -> None:
    call, invitation = await _ringing(twilio)
    heard = await twilio.calls.press(api, call, await twilio.calls.pick_up(api, call), key)
    assert said in heard.text
    assert "Tot ziens." in heard.text
    assert heard.hangup
    assert (await _answer_of(invitation)).answer == answer


async def test_nine_says_the_invitation_again(api: httpx.AsyncClient, twilio: FakeTwilio) -> None:
    call, invitation = await _ringing(twilio)
    first = await twilio.calls.pick_up(api, call)
    again = await twilio.calls.press(api, call, first, "9")
    assert again.text == first.text
    assert again.action != first.action
    assert (await _answer_of(invitation)).answer == Answer.NONE
    done = await twilio.calls.press(api, call, again, "2")
    assert (await _answer_of(invitation)).answer == Answer.NO
    assert done.hangup


async def test_three_keys_that_mean_nothing_end_the_call_politely(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    call, invitation = await _ringing(twilio)
    heard = await twilio.calls.pick_up(api, call)
    for key in ("7", None):  # a wrong key, then none at all before the timeout
        heard = await twilio.calls.press(api, call, heard, key)
        assert heard.said[0] == "Sorry, dat hebben we niet begrepen."
        assert "Druk op 1" in heard.text
        assert heard.action
    bye = await twilio.calls.press(api, call, heard, "#")
    assert bye.hangup
    assert bye.action is None
    assert "U kunt dit nummer terugbellen. Tot ziens." in bye.text
    assert (await _answer_of(invitation)).answer == Answer.NONE


async def test_a_bad_party_size_is_asked_again(api: httpx.AsyncClient, twilio: FakeTwilio) -> None:
    call, invitation = await _ringing(twilio)
    asked = await twilio.calls.press(api, call, await twilio.calls.pick_up(api, call), "1")
    again = await twilio.calls.press(api, call, asked, "0")
    assert again.said == [
        "Sorry, dat hebben we niet begrepen.",
        "Met hoeveel mensen komt u? Druk op het aantal.",
    ]
    await twilio.calls.press(api, call, again, "2")
    answered = await _answer_of(invitation)
    assert (answered.answer, answered.party_size) == (Answer.YES, 2)


async def test_a_full_session_puts_the_yes_on_the_waiting_list(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    call, invitation = await _ringing(twilio, capacity=1)
    await Event.filter(id=invitation.event_id).update(places_taken=1)  # type: ignore[attr-defined]
    asked = await twilio.calls.press(api, call, await twilio.calls.pick_up(api, call), "1")
    heard = await twilio.calls.press(api, call, asked, "2")
    assert "U staat op de wachtlijst." in heard.text
    answered = await _answer_of(invitation)
    assert (answered.answer, answered.waitlisted) == (Answer.YES, True)


async def test_an_answering_machine_hears_the_number_to_call_back_and_nothing_is_recorded(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    call, invitation = await _ringing(twilio)
    heard = await twilio.calls.pick_up(api, call, answered_by="machine_start")
    assert heard.action is None
    assert heard.hangup
    assert "De Regenboog" in heard.text
    assert "0 2 0 1 2 3 4 5 6 7" in heard.text
    # Whatever comes after (a forged key) records nothing.
    late = await signed_post(api, f"{BASE}/menu?step=1", {"CallSid": call["sid"], "Digits": "1"})
    assert hear(late.text).said == []
    assert (await _answer_of(invitation)).answer == Answer.NONE
    assert (await VoiceCall.get(call_sid=call["sid"])).machine


async def test_a_replayed_step_answers_the_same_and_records_once(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    call, invitation = await _ringing(twilio)
    first = await twilio.calls.pick_up(api, call)
    assert (await twilio.calls.pick_up(api, call)).xml == first.xml
    asked = await twilio.calls.press(api, call, first, "1")
    done = await twilio.calls.press(api, call, asked, "2")
    replay = await twilio.calls.press(api, call, asked, "2")
    assert replay.xml == done.xml
    event = await Event.get(id=invitation.event_id)  # type: ignore[attr-defined]
    assert event.places_taken == 2  # not four
    # A replay with another key is still the step already answered: nothing changes.
    other = await twilio.calls.press(api, call, asked, "5")
    assert other.xml == done.xml
    assert (await _answer_of(invitation)).party_size == 2
    assert await VoiceStep.filter(call__call_sid=call["sid"]).count() == 3


async def test_webhooks_for_unknown_calls_answer_an_empty_response(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    unknown = {"CallSid": "CA" + "f" * 32, "Digits": "1", "From": "+31600000000"}
    for path in ("/menu?step=1", "/party?step=2", "/answer?message=999999", "/status?message=1",
                 "/menu?step=abc", "/menu", "/answer"):  # fmt: skip
        response = await signed_post(api, f"{BASE}{path}", {**unknown, "CallStatus": "busy"})
        assert response.status_code == 200, path
        assert response.text.endswith("<Response />"), path  # empty: says nothing, hangs up
    assert await VoiceCall.all().count() == 0


async def test_unsigned_or_forged_voice_webhooks_are_refused(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    call, invitation = await _ringing(twilio)
    params = {"CallSid": call["sid"], "Digits": "2", "CallStatus": "completed"}
    for path in ("", "/answer?message=1", "/menu?step=1", "/party?step=1", "/status?message=1"):
        unsigned = await api.post(f"/webhooks/twilio/voice{path}", data=params)
        forged = await api.post(
            f"/webhooks/twilio/voice{path}", data=params, headers={"X-Twilio-Signature": "bm9wZQ=="}
        )
        assert (unsigned.status_code, forged.status_code) == (403, 403), path
    wrong_key = await signed_post(api, f"{BASE}/status?message=1", params, token="not-the-token")
    assert wrong_key.status_code == 403
    assert await VoiceCall.all().count() == 0
    assert (await _answer_of(invitation)).answer == Answer.NONE


async def test_a_completed_call_is_delivered_with_its_duration(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    call, _ = await _ringing(twilio)
    await twilio.calls.pick_up(api, call)
    for _ in range(2):  # a repeated callback changes nothing
        assert (await twilio.calls.end(api, call, "completed", duration=42)).status_code == 200
    [message] = await OutboundMessage.filter(channel=Channel.VOICE)
    assert message.status == MessageStatus.DELIVERED
    assert message.delivered_at is not None
    assert (await VoiceCall.get(call_sid=call["sid"])).duration == 42


async def _due_now(message_id: int) -> None:
    """An hour passes: the retry is due (the worker's scheduled job would run it then)."""
    await OutboundMessage.filter(id=message_id).update(send_after=now() - timedelta(seconds=1))
    await deliver(message_id)


async def test_busy_and_no_answer_are_tried_twice_an_hour_apart_then_the_call_list(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    twilio.calls.line(MOBILE, "busy", "no-answer", "busy")
    call, invitation = await _ringing(twilio)
    [message] = await OutboundMessage.filter(channel=Channel.VOICE)
    for attempt in (1, 2):
        assert await twilio.calls.ring(api) == (["busy"] if attempt == 1 else ["no-answer"])
        await message.refresh_from_db()
        assert message.status == MessageStatus.PENDING
        assert message.send_after is not None
        wait = message.send_after - now()
        assert timedelta(minutes=59) < wait <= timedelta(hours=1)
        assert not (await _answer_of(invitation)).to_call
        await _due_now(message.id)
        assert len(twilio.calls.to(MOBILE)) == attempt + 1
    assert await twilio.calls.ring(api) == ["busy"]
    await message.refresh_from_db()
    assert message.status == MessageStatus.UNDELIVERED
    assert message.attempts == 3
    assert (await _answer_of(invitation)).to_call  # back for a volunteer
    # A late callback of the first call changes nothing.
    await twilio.calls.end(api, call, "completed", duration=10)
    await message.refresh_from_db()
    assert message.status == MessageStatus.UNDELIVERED
    # Pressing the button again does not ring this parent a fourth time.
    member = await make_member(await Organisation.get(slug="school"), role="volunteer")
    rung = await call_automatically(actor=member.actor)
    assert rung.called == 0


async def test_a_failed_call_puts_the_parent_back_on_the_call_list(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    call, invitation = await _ringing(twilio)
    await twilio.calls.end(api, call, "failed")
    [message] = await OutboundMessage.filter(channel=Channel.VOICE)
    assert message.status == MessageStatus.FAILED
    assert (await _answer_of(invitation)).to_call


async def test_no_call_outside_the_calling_window(
    database_url: str, var_dir: Path, twilio: FakeTwilio, smtp: MailBox
) -> None:
    from parentinfo.app import create_app

    local_hour = now().astimezone(Settings().tz).hour
    window = "22:00-23:00" if local_hour < 12 else "01:00-02:00"  # never the hour it is now
    settings = wired_settings(database_url, var_dir, twilio, smtp, CALL_HOURS=window)
    app = create_app(settings)
    async with app.lifespan():
        member, _ = await _parent_on_call_list()
        await call_automatically(actor=member.actor)
        await run_jobs()
        [message] = await OutboundMessage.filter(channel=Channel.VOICE)
        assert message.status == MessageStatus.PENDING
        assert twilio.calls.created == []
        # Held until the window opens (the same moment for the dispatcher and for us).
        assert message.send_after == outside_call_hours(now(), runtime().settings)
        assert message.send_after is not None
        assert message.send_after > now()
        assert message.withheld_reason == "quiet_hours"


async def test_a_known_parent_calling_in_answers_each_open_invitation(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    school = await make_org("school", name="De Regenboog")
    first = await published_event(school, texts={"nl": ("Koffieochtend", "")})
    second = await published_event(
        school, texts={"nl": ("Voorleesmiddag", "")}, starts_in=timedelta(days=9)
    )
    [contact] = await make_contacts(school, 1, language="nl")
    one = await make_invitation(first, contact)
    two = await make_invitation(second, contact)
    params = {"CallSid": "CA" + "1" * 32, "From": contact.mobile or "", "To": FROM_NUMBER}
    heard = hear((await signed_post(api, BASE, params)).text)
    assert "Koffieochtend" in heard.text
    assert "Voorleesmiddag" not in heard.text
    call = {"sid": params["CallSid"], "from": params["From"], "to": FROM_NUMBER}
    following = await twilio.calls.press(api, call, heard, "2")
    assert "Dank u wel dat u het laat weten." in following.text
    assert "Hier is de volgende uitnodiging." in following.text
    assert "Voorleesmiddag" in following.text
    assert following.action
    last = await twilio.calls.press(api, call, following, "3")
    assert last.hangup
    assert "Tot ziens." in last.text
    assert (await _answer_of(one)).answer == Answer.NO
    assert (await _answer_of(two)).answer == Answer.MAYBE
    again = hear((await signed_post(api, BASE, {**params, "CallSid": "CA" + "2" * 32})).text)
    assert again.said == ["Hallo. U heeft nu geen open uitnodigingen. Tot ziens."]


async def test_an_unknown_caller_hears_dutch_and_english(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    await Contact.all().delete()
    params = {"CallSid": "CA" + "3" * 32, "From": "+31699999999", "To": FROM_NUMBER}
    response = await signed_post(api, BASE, params)
    heard: Heard = hear(response.text)
    assert response.status_code == 200
    assert heard.hangup
    assert heard.action is None
    assert heard.said == [
        "Hallo. We kennen uw telefoonnummer niet. Vraag uw school om hulp. Tot ziens.",
        "Hello. We do not know your phone number. Please ask your school for help. Goodbye.",
    ]
    assert 'language="nl-NL"' in heard.xml
    assert 'language="en-GB"' in heard.xml


async def test_a_parent_who_chose_call_me_is_called_in_a_language_a_call_can_speak(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    [caller] = await make_contacts(school, 1, language="nl", call_me=True)
    [reader] = await make_contacts(school, 1, start=1, language="nl")
    # Croatian has no Twilio voice and nothing is recorded: the SMS goes instead.
    [unspoken] = await make_contacts(school, 1, start=2, language="hr", call_me=True)
    facts = await event_facts(event)
    rows = [ContactRow.of(c) for c in (caller, reader, unspoken)]
    [costs] = await call_costs(facts, org_id=school.id, contacts=rows)
    assert (costs.language, costs.calls) == ("nl", 1)
    assert costs.cost == Decimal("0.12") * costs.minutes
    sent = await api.post(
        f"/api/v1/events/{event.id}/outreach/send", json={}, headers=member.headers
    )
    assert sent.status_code < 300, sent.text
    await run_jobs()
    channels = {m.contact_id: m.channel for m in await OutboundMessage.all()}  # type: ignore[attr-defined]
    assert channels == {caller.id: Channel.VOICE, reader.id: Channel.SMS, unspoken.id: Channel.SMS}
    [call] = twilio.calls.to(caller.mobile or "")
    heard = await twilio.calls.pick_up(api, call)
    assert "Het schoolsysteem" in heard.text
    await twilio.calls.press(api, call, await twilio.calls.press(api, call, heard, "1"), "4")
    invitation = await Invitation.get(contact_id=caller.id)
    assert (invitation.answer, invitation.party_size) == (Answer.YES, 4)


def test_the_preview_prices_started_minutes() -> None:
    minutes, cost = call_cost("woord " * 200, calls=10, price_per_minute=Decimal("0.12"))
    assert minutes == 2  # 200 words at 130 a minute, with the keys and the confirmation
    assert cost == Decimal("2.40")


async def test_the_progress_page_button_calls_the_parents_on_the_list(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    member, invitation = await _parent_on_call_list()
    event_id = invitation.event_id  # type: ignore[attr-defined]
    token = await login(api, member)
    page = await api.get(f"/events/{event_id}/outreach/progress?calls=1")
    assert f'action="/events/{event_id}/outreach/call-list/call"' in page.text
    response = await post_form(api, f"/events/{event_id}/outreach/call-list/call", token)
    assert response.status_code == 303
    await run_jobs()
    assert len(twilio.calls.to(MOBILE)) == 1
    assert not (await _answer_of(invitation)).to_call
    # Pressed again: nobody left to ring, nobody rung twice.
    again = await post_form(api, f"/events/{event_id}/outreach/call-list/call", token)
    assert again.status_code == 303
    await run_jobs()
    assert len(twilio.calls.to(MOBILE)) == 1
    stranger = await post_form(api, "/events/999999/outreach/call-list/call", token)
    assert stranger.status_code == 404


async def test_the_api_calls_the_list_and_says_who_is_left(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    member, invitation = await _parent_on_call_list()
    [croatian] = await make_contacts(member.organisation, 1, start=5, language="hr")
    event = await Event.get(id=invitation.event_id)  # type: ignore[attr-defined]
    other = await make_invitation(event, croatian)
    await Invitation.filter(id=other.id).update(to_call=True)
    response = await api.post("/api/v1/to-call/call", headers=member.headers)
    assert response.status_code == 200, response.text
    assert response.json() == {"called": 1, "left": 1}
    listed = await api.get("/api/v1/to-call", headers=member.headers)
    assert [item["invitation_id"] for item in listed.json()["items"]] == [other.id]
    refused = await api.post("/api/v1/to-call/call?event_id=0", headers=member.headers)
    assert refused.status_code == 422  # a bad id: refused, nothing rung


class _CountingLimiter:
    """A pace that lets every slot go at once and counts them."""

    def __init__(self) -> None:
        self.slots = 0

    async def wait_for_slot(self) -> None:
        self.slots += 1

    async def close(self) -> None:
        """Nothing to release."""


async def test_each_call_waits_for_a_slot_of_the_call_pace_not_the_sms_one(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    calls, sms = _CountingLimiter(), _CountingLimiter()
    runtime().voice.limiter = calls  # type: ignore[attr-defined]
    runtime().sms.limiter = sms  # type: ignore[attr-defined]
    await _ringing(twilio)
    assert (calls.slots, sms.slots) == (1, 0)
