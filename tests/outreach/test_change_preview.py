"""Safe edits: a move or a cancellation shows whom it tells, and sends exactly that (or nothing)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import httpx
import pytest

from parentinfo.errors import Forbidden
from parentinfo.events import service
from parentinfo.events.models import Event
from parentinfo.lib.enums import MessageKind, MessageStatus
from parentinfo.outreach.notices.preview import NAME_SLOT, preview_cancellation, preview_change
from parentinfo.privacy.models import AuditEntry
from parentinfo.rsvp.models import Invitation
from parentinfo.runtime import runtime
from tests.factories import Member, make_member, make_org
from tests.factories.outreach import add_cohost, make_contacts, messages, published_event, run_jobs
from tests.fakes.smtp_server import MailBox
from tests.fakes.twilio_server import FakeTwilio
from tests.web.helpers import login, post_form

pytestmark = pytest.mark.anyio


async def _reached(api: httpx.AsyncClient) -> tuple[Member, Event]:
    """Two Polish parents by SMS and one English one by email heard of the event; a fourth
    parent's invitation still waits in the outbox."""
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school, session_languages=["en", "pl"])
    await make_contacts(school, 2)
    await make_contacts(school, 1, start=5, mobile=None, email="m@example.com", language="en")
    url = f"/api/v1/events/{event.id}/outreach/send"
    assert (await api.post(url, json={}, headers=member.headers)).status_code == 202
    await run_jobs()
    await make_contacts(school, 1, start=9)
    await api.post(url, json={}, headers=member.headers)  # queued, not sent yet
    return member, event


def _later(event: Event, days: int = 1) -> dict[str, str]:
    return {
        "starts_at": (event.starts_at + timedelta(days=days)).isoformat(),
        "ends_at": (event.ends_at + timedelta(days=days)).isoformat(),
    }


async def test_the_preview_is_exactly_what_saving_sends(
    api: httpx.AsyncClient, twilio: FakeTwilio, smtp: MailBox
) -> None:
    member, event = await _reached(api)
    changes = {**_later(event), "venue": "Gym"}
    preview = await preview_change(actor=member.actor, event_id=event.id, changes=changes)
    notices = preview.notices
    assert preview.asks
    assert (preview.plan.time_changed, preview.plan.place_changed) == (True, True)
    assert (notices.parents, notices.sms, notices.email, notices.to_call) == (3, 2, 1, 0)
    assert [line.language for line in notices.languages] == ["en", "pl"]
    assert await messages(kind=MessageKind.CHANGE) == []  # a preview sends nothing
    assert (await Event.get(id=event.id)).venue == "De Regenboog"  # nor saves
    [pl] = [line for line in notices.languages if line.language == "pl"]
    [sms_text] = pl.texts
    price = Decimal(str(runtime().settings.sms_price_per_segment))
    assert notices.cost == (Decimal(2 * sms_text.segments) * price).quantize(Decimal("0.01"))

    await service.update_event(actor=member.actor, event_id=event.id, changes=changes)
    sent = await messages(kind=MessageKind.CHANGE)
    assert len(sent) == notices.messages == 3
    for message in sent:
        invitation = await Invitation.get(id=message.invitation_id).select_related("contact")  # type: ignore[attr-defined]
        [shown] = [
            t
            for line in notices.languages
            for t in line.texts
            if line.language == message.language and t.channel == message.channel
        ]
        as_sent = shown.body.replace(notices.sample_token, invitation.token)
        assert as_sent.replace(NAME_SLOT, invitation.contact.name) == message.body
        assert shown.subject == message.subject
    [entry] = await AuditEntry.filter(action="event.moved", subject_id=event.id)
    assert entry.details["notify"] is True


async def test_saving_without_telling_sends_nothing_and_is_recorded(
    api: httpx.AsyncClient, twilio: FakeTwilio, smtp: MailBox
) -> None:
    member, event = await _reached(api)
    [waiting] = await messages(status=MessageStatus.PENDING)
    await service.update_event(
        actor=member.actor, event_id=event.id, changes=_later(event, 2), notify=False
    )
    assert await messages(kind=MessageKind.CHANGE) == []
    await waiting.refresh_from_db()
    assert waiting.status == MessageStatus.PENDING  # it still goes, with the new time
    [entry] = await AuditEntry.filter(action="event.moved", subject_id=event.id)
    assert entry.details == {"notify": False, "time": True, "place": False, "sequence": 1}
    assert entry.user_id == member.actor.user_id  # type: ignore[attr-defined]
    assert (await Event.get(id=event.id)).sequence == 1  # calendars still see the new version


async def test_a_waiting_invitation_carries_the_new_time_when_nobody_is_told(
    api: httpx.AsyncClient, twilio: FakeTwilio, smtp: MailBox
) -> None:
    member, event = await _reached(api)
    [waiting] = await messages(status=MessageStatus.PENDING)
    before = waiting.body
    await service.update_event(
        actor=member.actor, event_id=event.id, changes=_later(event, 3), notify=False
    )
    await waiting.refresh_from_db()
    assert waiting.status == MessageStatus.PENDING
    assert waiting.body != before


async def test_cancelling_previews_and_sends_the_same_count_or_none(
    api: httpx.AsyncClient, twilio: FakeTwilio, smtp: MailBox
) -> None:
    member, event = await _reached(api)
    preview = await preview_cancellation(actor=member.actor, event_id=event.id)
    assert (preview.parents, preview.sms, preview.email) == (3, 2, 1)
    assert (await Event.get(id=event.id)).status.value == "published"
    response = await api.post(
        f"/api/v1/events/{event.id}/cancel", json={"notify": False}, headers=member.headers
    )
    assert response.status_code == 200, response.text
    assert await messages(kind=MessageKind.CANCELLATION) == []
    assert {m.status for m in await messages(kind=MessageKind.INVITATION)} >= {
        MessageStatus.WITHHELD
    }
    [entry] = await AuditEntry.filter(action="event.cancelled", subject_id=event.id)
    assert entry.details["notify"] is False


async def test_the_api_previews_and_takes_notify(
    api: httpx.AsyncClient, twilio: FakeTwilio, smtp: MailBox
) -> None:
    member, event = await _reached(api)
    url = f"/api/v1/events/{event.id}"
    preview = await api.post(f"{url}/change-preview", json=_later(event), headers=member.headers)
    assert preview.status_code == 200, preview.text
    body = preview.json()
    assert (body["reaches_parents"], body["parents"], body["messages"]) == (True, 3, 3)
    assert {line["language"] for line in body["languages"]} == {"en", "pl"}
    quiet = await api.post(
        f"{url}/change-preview", json={"accessibility_notes": "Lift"}, headers=member.headers
    )
    assert (quiet.json()["reaches_parents"], quiet.json()["parents"]) == (False, 0)
    cancel = await api.get(f"{url}/cancel-preview", headers=member.headers)
    assert cancel.json()["parents"] == 3
    saved = await api.patch(url, json={**_later(event), "notify": True}, headers=member.headers)
    assert saved.status_code == 200, saved.text
    assert len(await messages(kind=MessageKind.CHANGE)) == body["messages"]
    silent = await api.patch(url, json={"venue": "Gym", "notify": False}, headers=member.headers)
    assert silent.status_code == 200
    assert len(await messages(kind=MessageKind.CHANGE)) == body["messages"]  # none more


async def test_a_cohost_edits_texts_but_never_moves_or_cancels(
    api: httpx.AsyncClient, twilio: FakeTwilio, smtp: MailBox
) -> None:
    _owner, event = await _reached(api)
    partner = await make_org("partner")
    cohost = await make_member(partner)
    await add_cohost(event, partner)
    await service.set_text(
        actor=cohost.actor, event_id=event.id, language="ro", title="Sistemul școlar"
    )
    await service.update_event(
        actor=cohost.actor, event_id=event.id, changes={"accessibility_notes": "Lift"}
    )
    with pytest.raises(Forbidden):
        await preview_change(actor=cohost.actor, event_id=event.id, changes=_later(event))
    with pytest.raises(Forbidden):
        await preview_cancellation(actor=cohost.actor, event_id=event.id)
    url = f"/api/v1/events/{event.id}"
    moved = await api.patch(url, json=_later(event), headers=cohost.headers)
    assert moved.status_code == 403
    assert "drafted the event" in moved.json()["detail"]
    assert (await api.post(f"{url}/cancel", headers=cohost.headers)).status_code == 403
    assert await messages(kind=MessageKind.CHANGE) == []
    assert await messages(kind=MessageKind.CANCELLATION) == []


async def test_the_edit_page_asks_before_telling_and_checks_the_number(
    api: httpx.AsyncClient, twilio: FakeTwilio, smtp: MailBox
) -> None:
    member, event = await _reached(api)
    token = await login(api, member)
    zone = ZoneInfo(event.timezone)
    form = {
        "topic": "school_system",
        "date": (event.starts_at + timedelta(days=1)).astimezone(zone).date().isoformat(),
        "start_time": "19:00",
        "end_time": "21:00",
        "venue": "De Regenboog",
        "address": "Schoolstraat 1, Zwolle",
        "session_languages": ["en", "pl"],
        "title_en": "The Dutch school system",
        "description_en": "How school works.",
        "title_nl": "Het schoolsysteem",
    }
    url = f"/events/{event.id}/edit"
    asked = await post_form(api, url, token, form)
    assert asked.status_code == 200
    assert "Deze 3 ouders laten weten?" in asked.text  # staff pages speak Dutch by default
    assert "Schoolstraat 1, Zwolle" in asked.text  # the notice texts are on the page
    assert (await Event.get(id=event.id)).sequence == 0  # nothing saved yet
    stale = await post_form(api, url, token, {**form, "notify": "yes", "expected": "2"})
    assert stale.status_code == 200
    assert "Controleer de aantallen opnieuw" in stale.text
    assert await messages(kind=MessageKind.CHANGE) == []
    told = await post_form(api, url, token, {**form, "notify": "yes", "expected": "3"})
    assert told.status_code == 303, told.text
    assert len(await messages(kind=MessageKind.CHANGE)) == 3
