"""Erasing parents leaves the reach report as it was, first-time attendees included."""

from __future__ import annotations

from dataclasses import asdict
from datetime import timedelta
from typing import Any

import httpx
import pytest

from parentinfo.attendance.models import CheckIn
from parentinfo.events.models import Event
from parentinfo.lib.clock import now
from parentinfo.reports.service import reach_report, report_filter
from parentinfo.rsvp.models import Invitation
from tests.factories import Member
from tests.factories.attendance import invite, make_contact, make_door_event
from tests.privacy.conftest import Held

pytestmark = pytest.mark.anyio


async def reach(member: Member) -> dict[str, Any]:
    """The whole reach report (every split, unsuppressed) the member's organisation sees."""
    flt = report_filter(start=None, end=None, organisation=None, topic=None, language=None)
    return asdict(await reach_report(actor=member.actor, flt=flt, tz="Europe/Amsterdam"))


async def check_in(event: Event, invitation: Invitation, *, undone: bool = False) -> None:
    await CheckIn.create(
        event=event,
        invitation=invitation,
        party_size=1,
        checked_in_at=event.starts_at,
        undone_at=event.ends_at if undone else None,
    )


async def test_erasing_parents_who_came_keeps_every_figure_of_the_reach_report(
    client: httpx.AsyncClient, held: Held
) -> None:
    school = held.coordinator.organisation
    early = await make_door_event(school, starts_at=now() - timedelta(days=60))
    middle = await make_door_event(school, starts_at=now() - timedelta(days=30))
    # Anna (checked in 3 days ago by the fixture): her check-in at the earliest session was
    # undone, so her first visit is the middle one.
    anna_early = await invite(early, held.anna)
    await check_in(early, anna_early, undone=True)
    anna_middle = await invite(middle, held.anna)
    await check_in(middle, anna_middle)
    # Bram came to the earliest session first, then to the latest.
    bram = await make_contact(school, "Bram", mobile="+31687654321")
    for event in (early, held.event):
        await check_in(event, await invite(event, bram))
    before = await reach(held.coordinator)
    assert before["total"]["checked_in"] == 4
    assert before["total"]["first_time"] == 2  # Anna's middle visit, Bram's early one

    erased = await client.post(f"/api/v1/contacts/{held.anna.id}/erase", headers=held.admin.headers)
    assert erased.status_code == 204, erased.text
    kept = await CheckIn.filter(
        invitation_id__in=[anna_early.id, anna_middle.id, held.invitation.id]
    ).values_list("invitation_id", "first_visit")
    assert dict(kept) == {anna_early.id: False, anna_middle.id: True, held.invitation.id: False}
    assert await reach(held.coordinator) == before

    deleted = await client.delete(f"/api/v1/contacts/{bram.id}", headers=held.coordinator.headers)
    assert deleted.status_code == 204, deleted.text
    assert not await Invitation.filter(contact_id__isnull=False).exists()
    assert await reach(held.coordinator) == before
