"""Sending you can trust: scheduled sends, calling them off, nudges, test sends, the preview."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest

from parentinfo.lib.clock import now
from parentinfo.lib.enums import Answer, MessageKind, MessageStatus
from parentinfo.outreach.departure import QuietHours, email_departure, sms_departure
from parentinfo.outreach.nudge import default_nudge_time
from parentinfo.rsvp.models import Invitation
from tests.factories import make_member, make_org
from tests.factories.outreach import make_contacts, messages, published_event, run_jobs
from tests.fakes.smtp_server import MailBox
from tests.fakes.twilio_server import FakeTwilio

pytestmark = pytest.mark.anyio
AMS = ZoneInfo("Europe/Amsterdam")
NIGHT = QuietHours(AMS, time(21, 0), time(8, 0))


def test_an_sms_asked_for_at_night_leaves_at_eight_an_email_at_once() -> None:
    evening = datetime(2027, 3, 10, 21, 30, tzinfo=UTC)  # 22:30 in Amsterdam
    leaves = sms_departure(None, at=evening, quiet=NIGHT)
    assert leaves.at == datetime(2027, 3, 11, 7, 0, tzinfo=UTC)  # 08:00 local
    assert leaves.after_quiet_hours
    assert not leaves.scheduled
    assert email_departure(None, at=evening).at == evening


def test_a_chosen_time_is_kept_unless_it_falls_in_the_quiet_hours() -> None:
    at = datetime(2027, 3, 10, 9, 0, tzinfo=UTC)
    noon = datetime(2027, 3, 12, 11, 0, tzinfo=UTC)
    chosen = sms_departure(noon, at=at, quiet=NIGHT)
    assert (chosen.at, chosen.scheduled, chosen.after_quiet_hours) == (noon, True, False)
    late = datetime(2027, 3, 12, 22, 0, tzinfo=UTC)  # 23:00 local
    held = sms_departure(late, at=at, quiet=NIGHT)
    assert held.at == datetime(2027, 3, 13, 7, 0, tzinfo=UTC)
    assert held.after_quiet_hours


def test_the_nudge_defaults_to_three_days_before_or_right_away() -> None:
    at = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
    starts = datetime(2027, 3, 10, 18, 0, tzinfo=UTC)
    assert default_nudge_time(starts, at=at) == datetime(2027, 3, 7, 18, 0, tzinfo=UTC)
    assert default_nudge_time(at + timedelta(days=2), at=at) is None


async def test_a_scheduled_send_leaves_at_its_time_not_before(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    await make_contacts(school, 3)
    send_at = now() + timedelta(seconds=4)
    url = f"/api/v1/events/{event.id}/outreach"
    body = {"send_at": send_at.isoformat()}
    preview = (await api.post(f"{url}/preview", json=body, headers=member.headers)).json()
    assert preview["scheduled"] is True
    assert datetime.fromisoformat(preview["sms_leave_at"]) == send_at
    sent = await api.post(f"{url}/send", json=body, headers=member.headers)
    assert sent.status_code == 202
    assert sent.json()["queued"] == 3
    await run_jobs()
    rows = await messages(kind=MessageKind.INVITATION)
    assert {m.status for m in rows} == {MessageStatus.PENDING}
    assert twilio.created == []
    waiting = (await api.get(f"{url}/scheduled", headers=member.headers)).json()
    assert [(b["kind"], b["sms"], b["email"]) for b in waiting] == [("invitation", 3, 0)]
    await asyncio.sleep(max((send_at - now()).total_seconds(), 0) + 0.5)
    await run_jobs()
    rows = await messages(kind=MessageKind.INVITATION)
    assert {m.status for m in rows} == {MessageStatus.SENT}
    assert len(twilio.created) == 3
    assert all(m.sent_at is not None and m.sent_at >= send_at for m in rows)


async def test_a_scheduled_send_can_be_called_off_and_the_parents_invited_again(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    await make_contacts(school, 2)
    url = f"/api/v1/events/{event.id}/outreach"
    later = (now() + timedelta(hours=2)).replace(microsecond=0)
    await api.post(f"{url}/send", json={"send_at": later.isoformat()}, headers=member.headers)
    waiting = (await api.get(f"{url}/scheduled", headers=member.headers)).json()
    assert len(waiting) == 1
    call = {"kind": "invitation", "at": waiting[0]["at"]}
    called = await api.post(f"{url}/scheduled/cancel", json=call, headers=member.headers)
    assert called.status_code == 200
    assert called.json() == {"called_off": 2}
    again = await api.post(f"{url}/scheduled/cancel", json=call, headers=member.headers)
    assert again.status_code == 404
    assert (await api.get(f"{url}/scheduled", headers=member.headers)).json() == []
    rows = await messages(kind=MessageKind.INVITATION)
    assert {(m.status, m.withheld_reason) for m in rows} == {(MessageStatus.WITHHELD, "called_off")}
    await run_jobs()
    assert twilio.created == []
    # The parents heard nothing, so they can be invited again, now.
    resent = (await api.post(f"{url}/send", json={}, headers=member.headers)).json()
    assert resent["queued"] == 2
    await run_jobs()
    assert len(twilio.created) == 2


async def test_a_stranger_cannot_see_or_call_off_the_schedule(api: httpx.AsyncClient) -> None:
    school, other = await make_org("school"), await make_org("other")
    member, stranger = await make_member(school), await make_member(other)
    event = await published_event(school)
    await make_contacts(school, 1)
    url = f"/api/v1/events/{event.id}/outreach"
    later = (now() + timedelta(hours=2)).replace(microsecond=0)
    await api.post(f"{url}/send", json={"send_at": later.isoformat()}, headers=member.headers)
    assert (await api.get(f"{url}/scheduled", headers=stranger.headers)).status_code == 404
    call = {"kind": "invitation", "at": later.isoformat()}
    refused = await api.post(f"{url}/scheduled/cancel", json=call, headers=stranger.headers)
    assert refused.status_code == 404
    assert {m.status for m in await messages()} == {MessageStatus.PENDING}


async def test_a_send_time_in_the_past_or_after_the_start_is_refused(
    api: httpx.AsyncClient,
) -> None:
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school, starts_in=timedelta(days=2))
    await make_contacts(school, 1)
    url = f"/api/v1/events/{event.id}/outreach/send"
    for moment in (now() - timedelta(hours=1), event.starts_at + timedelta(minutes=5)):
        refused = await api.post(url, json={"send_at": moment.isoformat()}, headers=member.headers)
        assert refused.status_code == 422
        assert "send_at" in refused.text
    assert await messages() == []
    assert await Invitation.all().count() == 0  # nothing half-saved


async def test_the_preview_prices_the_expected_automatic_replies(api: httpx.AsyncClient) -> None:
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    await make_contacts(school, 4)
    await make_contacts(school, 1, start=10, mobile=None, email="mail@example.com")
    url = f"/api/v1/events/{event.id}/outreach/preview"
    body = (await api.post(url, json={}, headers=member.headers)).json()
    (polish,) = body["languages"]
    assert polish["reply_segments"] >= 1
    price = float(body["cost"]) / (4 * polish["sms"]["segments"])  # per segment
    assert float(polish["reply_cost"]) == pytest.approx(4 * polish["reply_segments"] * price)
    assert float(body["total_cost"]) == pytest.approx(
        float(body["cost"]) + float(body["reply_cost"])
    )
    assert "confirmation SMS" in body["reply_assumption"]
    assert body["scheduled"] is False
    assert body["sms_after_quiet_hours"] is False


async def _invited(api: httpx.AsyncClient, count: int):  # type: ignore[no-untyped-def]
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    await make_contacts(school, count)
    url = f"/api/v1/events/{event.id}/outreach"
    await api.post(f"{url}/send", json={}, headers=member.headers)
    await run_jobs()
    return member, event, url


async def test_a_nudge_goes_once_only_to_parents_who_have_not_answered(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    member, event, url = await _invited(api, 4)
    invitations = await Invitation.filter(event_id=event.id).order_by("id")
    await Invitation.filter(id=invitations[0].id).update(answer=Answer.YES, answered_at=now())
    await Invitation.filter(id=invitations[1].id).update(answer=Answer.NO, answered_at=now())
    preview = (
        await api.post(f"{url}/nudge/preview", json={"right_away": True}, headers=member.headers)
    ).json()
    assert preview["kind"] == "nudge"
    assert preview["recipients"] == 2
    assert float(preview["total_cost"]) > float(preview["cost"]) > 0
    sent = await api.post(f"{url}/nudge", json={"right_away": True}, headers=member.headers)
    assert sent.status_code == 202
    assert sent.json()["queued"] == 2
    await run_jobs()
    nudges = await messages(kind=MessageKind.NUDGE)
    assert {m.invitation_id for m in nudges} == {i.id for i in invitations[2:]}  # type: ignore[attr-defined]
    assert {m.status for m in nudges} == {MessageStatus.SENT}
    assert {m.dedupe_key for m in nudges} == {f"nudge:{i.id}" for i in invitations[2:]}
    again = await api.post(f"{url}/nudge", json={"right_away": True}, headers=member.headers)
    assert again.json()["queued"] == 0
    repeat = (
        await api.post(f"{url}/nudge/preview", json={"right_away": True}, headers=member.headers)
    ).json()
    assert repeat["recipients"] == 0
    assert repeat["already_invited"] == 2
    await run_jobs()
    assert len(twilio.created) == 4 + 2


async def test_a_parent_who_answers_before_the_nudge_leaves_does_not_get_it(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    member, event, url = await _invited(api, 2)
    soon = now() + timedelta(seconds=3)
    body = {"send_at": soon.isoformat()}
    assert (await api.post(f"{url}/nudge", json=body, headers=member.headers)).json()["queued"] == 2
    first = await Invitation.filter(event_id=event.id).order_by("id").first()
    assert first is not None
    await Invitation.filter(id=first.id).update(answer=Answer.YES, answered_at=now())
    await asyncio.sleep(max((soon - now()).total_seconds(), 0) + 0.5)
    await run_jobs()
    by_invitation = {m.invitation_id: m for m in await messages(kind=MessageKind.NUDGE)}  # type: ignore[attr-defined]
    assert by_invitation[first.id].status == MessageStatus.WITHHELD
    assert by_invitation[first.id].withheld_reason == "answered"
    assert {m.status for i, m in by_invitation.items() if i != first.id} == {MessageStatus.SENT}
    assert len(twilio.created) == 2 + 1


async def test_a_test_send_reaches_the_staff_member_marked_and_counts_nowhere(
    api: httpx.AsyncClient, twilio: FakeTwilio, smtp: MailBox
) -> None:
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    await make_contacts(school, 2)
    url = f"/api/v1/events/{event.id}/outreach"
    await api.post(f"{url}/send", json={}, headers=member.headers)
    await run_jobs()
    report = (await api.get("/api/v1/reports/reach", headers=member.headers)).json()
    sms = {"language": "ro", "channel": "sms", "mobile": "06 12345678"}
    answer = await api.post(f"{url}/test", json=sms, headers=member.headers)
    assert answer.status_code == 202, answer.text
    assert answer.json()["to"] == "+31612345678"
    mail = {"language": "pl", "channel": "email", "kind": "nudge"}
    assert (await api.post(f"{url}/test", json=mail, headers=member.headers)).status_code == 202
    await run_jobs()
    (texted,) = twilio.sent_to("+31612345678")
    assert texted["body"].startswith("TEST: ")
    (mailed,) = [m for m in smtp.messages if m["To"] == member.email]
    assert str(mailed["Subject"]).startswith("TEST: ")
    tests = await messages(kind=MessageKind.TEST)
    assert [(m.event_id, m.invitation_id, m.contact_id) for m in tests] == [(None, None, None)] * 2  # type: ignore[attr-defined]
    assert await Invitation.filter(event_id=event.id).count() == 2  # no invitation made
    assert (await api.get("/api/v1/reports/reach", headers=member.headers)).json() == report
    progress = await api.get(f"/api/v1/messages?event_id={event.id}", headers=member.headers)
    assert progress.json()["total"] == 2


async def test_a_test_send_needs_a_real_mobile_and_is_paced(api: httpx.AsyncClient) -> None:
    school = await make_org("school")
    member = await make_member(school)
    event = await published_event(school)
    url = f"/api/v1/events/{event.id}/outreach/test"
    bad = {"language": "nl", "channel": "sms", "mobile": "hello"}
    refused = await api.post(url, json=bad, headers=member.headers)
    assert refused.status_code == 422
    assert "mobile" in refused.text
    assert await messages() == []
    mail = {"language": "nl", "channel": "email"}
    for _ in range(10):
        assert (await api.post(url, json=mail, headers=member.headers)).status_code == 202
    assert (await api.post(url, json=mail, headers=member.headers)).status_code == 429
    assert len(await messages(kind=MessageKind.TEST)) == 10
