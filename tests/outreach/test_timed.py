"""Reminders before a session to yes and maybe; follow-ups the morning after to yes and came."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest

from parentinfo.attendance.models import CheckIn
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Answer, MessageKind, MessageStatus
from parentinfo.organisations.models import Organisation
from parentinfo.outreach.notices.timed import (
    followup_time,
    queue_due_followups,
    queue_due_reminders,
)
from parentinfo.rsvp.models import Invitation
from tests.factories import make_org
from tests.factories.outreach import make_contacts, messages, published_event, run_jobs
from tests.fakes.twilio_server import FakeTwilio

AMS = ZoneInfo("Europe/Amsterdam")


def test_followup_is_ten_the_next_morning_local_time_across_dst() -> None:
    summer_evening = datetime(2025, 3, 29, 20, 0, tzinfo=UTC)  # the night clocks go forward
    assert followup_time(summer_evening, AMS) == datetime(2025, 3, 30, 8, 0, tzinfo=UTC)
    winter_evening = datetime(2025, 10, 25, 20, 0, tzinfo=UTC)  # the night they go back
    assert followup_time(winter_evening, AMS) == datetime(2025, 10, 26, 9, 0, tzinfo=UTC)
    late = datetime(2025, 6, 1, 22, 30, tzinfo=UTC)  # 00:30 local on 2 June already
    assert followup_time(late, AMS) == datetime(2025, 6, 3, 8, 0, tzinfo=UTC)


async def _invitations(
    school: Organisation, event: object, answers: list[Answer], *, start: int = 0
) -> list[Invitation]:
    contacts = await make_contacts(school, len(answers), start=start)
    long_ago = now() - timedelta(days=3)
    return [
        await Invitation.create(
            event=event,
            contact=contact,
            organisation=school,
            language="pl",
            token=f"tok-{contact.id}",
            answer=answer,
            answered_at=long_ago if answer != Answer.NONE else None,
        )
        for contact, answer in zip(contacts, answers, strict=True)
    ]


@pytest.mark.anyio
async def test_reminders_go_to_yes_and_maybe_once(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    school = await make_org("school")
    soon = await published_event(school, starts_in=timedelta(hours=10))
    later = await published_event(school, starts_in=timedelta(days=3))
    answers = [Answer.YES, Answer.MAYBE, Answer.NO, Answer.NONE, Answer.YES]
    invited = await _invitations(school, soon, answers)
    await Invitation.filter(id=invited[-1].id).update(answered_at=now())  # said yes just now
    await _invitations(school, later, [Answer.YES], start=50)
    assert await queue_due_reminders() == 2
    assert await queue_due_reminders() == 0
    await run_jobs()
    reminders = await messages(kind=MessageKind.REMINDER)
    assert {m.invitation_id for m in reminders} == {invited[0].id, invited[1].id}  # type: ignore[attr-defined]
    assert {m.status for m in reminders} == {MessageStatus.SENT}


@pytest.mark.anyio
async def test_followups_go_the_morning_after_to_yes_and_those_who_came(
    api: httpx.AsyncClient, twilio: FakeTwilio
) -> None:
    school = await make_org("school")
    past = await published_event(school, starts_in=-timedelta(days=2, hours=2))
    answers = [Answer.YES, Answer.NONE, Answer.NO, Answer.NONE]
    yes, came, said_no, absent = await _invitations(school, past, answers)
    await CheckIn.create(event=past, invitation=came, checked_in_at=past.starts_at)
    assert await queue_due_followups() == 2
    assert await queue_due_followups() == 0
    rows = await messages(kind=MessageKind.FOLLOWUP)
    assert {m.invitation_id for m in rows} == {yes.id, came.id}  # type: ignore[attr-defined]
    assert said_no.id not in {m.invitation_id for m in rows}  # type: ignore[attr-defined]
    assert absent.id not in {m.invitation_id for m in rows}  # type: ignore[attr-defined]


@pytest.mark.anyio
async def test_no_followup_before_the_morning_or_long_after(api: httpx.AsyncClient) -> None:
    school = await make_org("school")
    just_ended = await published_event(school, starts_in=-timedelta(hours=3))
    long_ago = await published_event(school, starts_in=-timedelta(days=10))
    await _invitations(school, just_ended, [Answer.YES])
    await _invitations(school, long_ago, [Answer.YES], start=50)
    assert await queue_due_followups() == 0
