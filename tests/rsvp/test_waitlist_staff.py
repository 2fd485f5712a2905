"""The waiting list for staff: places taken and free, the order, moving up, more places."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from litestar import Litestar

from parentinfo.errors import Conflict, Forbidden
from parentinfo.events import service
from parentinfo.events.models import Event, EventHost
from parentinfo.lib.enums import Answer, HostRole, HostStatus
from parentinfo.privacy.models import AuditEntry
from parentinfo.rsvp.jobs import PROMOTION_TASK
from parentinfo.rsvp.models import Invitation
from parentinfo.rsvp.waitlist.staff import move_up, places_of
from parentinfo.runtime import runtime
from tests.factories import Member, make_member, make_org
from tests.factories.rsvp import rsvp_contact, rsvp_event, rsvp_invitation

pytestmark = pytest.mark.anyio
EARLY = datetime(2030, 1, 1, 9, tzinfo=UTC)


async def _full_event() -> tuple[Member, Member, Event, list[Invitation]]:
    """Two places, both taken; three households wait: the school's 2, the partner's 1, and
    the school's 3, in the order they answered."""
    school, partner = await make_org("school"), await make_org("partner")
    owner, cohost = await make_member(school), await make_member(partner)
    event = await rsvp_event(school, capacity=2)
    await EventHost.create(
        event=event, organisation=partner, role=HostRole.COHOST, status=HostStatus.ACCEPTED
    )
    await rsvp_invitation(event, await rsvp_contact(school), answer=Answer.YES, party_size=2)
    waiting = [
        await rsvp_invitation(
            event,
            await rsvp_contact(org, name=name),
            answer=Answer.YES,
            party_size=size,
            waitlisted=True,
            answered_at=EARLY + timedelta(minutes=minute),
        )
        for org, name, size, minute in (
            (school, "Ana Second", 2, 5),
            (partner, "Piotr Partner", 1, 1),
            (school, "Eva Third", 3, 9),
        )
    ]
    return owner, cohost, await Event.get(id=event.id), waiting


async def _promotion_jobs() -> list[list[int]]:
    jobs = await runtime().jobs.job_manager.list_jobs_async(task=PROMOTION_TASK)
    return [job.task_kwargs["invitation_ids"] for job in jobs]  # type: ignore[misc]


async def test_the_waiting_list_in_order_with_only_own_names(app: Litestar) -> None:
    owner, cohost, event, _ = await _full_event()
    places = await places_of(event=event, org_id=owner.actor.org_id)
    assert (places.capacity, places.taken, places.free, places.people_waiting) == (2, 2, 0, 6)
    assert [(w.position, w.name, w.organisation) for w in places.waiting] == [
        (1, "", "Partner"),  # answered first; another host's parent: no name
        (2, "Ana Second", "School"),
        (3, "Eva Third", "School"),
    ]
    theirs = await places_of(event=event, org_id=cohost.actor.org_id)
    assert [w.name for w in theirs.waiting] == ["Piotr Partner", "", ""]


async def test_staff_move_their_own_parent_up_beyond_the_limit_and_they_are_told(
    app: Litestar,
) -> None:
    owner, cohost, event, (ana, piotr, _eva) = await _full_event()
    with pytest.raises(Forbidden):  # the partner's parent: the partner's message to send
        await move_up(actor=owner.actor, event_id=event.id, invitation_id=piotr.id)
    await move_up(actor=owner.actor, event_id=event.id, invitation_id=ana.id)
    await ana.refresh_from_db()
    assert ana.waitlisted is False
    assert (await Event.get(id=event.id)).places_taken == 4  # two beyond the limit: staff chose
    assert await _promotion_jobs() == [[ana.id]]
    [entry] = await AuditEntry.filter(action="rsvp.moved_up")
    assert entry.details["over_capacity"] is True
    with pytest.raises(Conflict):  # not waiting any more
        await move_up(actor=owner.actor, event_id=event.id, invitation_id=ana.id)
    await move_up(actor=cohost.actor, event_id=event.id, invitation_id=piotr.id)
    assert (await places_of(event=event, org_id=owner.actor.org_id)).position_of(piotr.id) is None


async def test_more_places_move_the_list_up_in_order_and_only_the_owner_sets_them(
    app: Litestar,
) -> None:
    owner, cohost, event, (ana, piotr, eva) = await _full_event()
    with pytest.raises(Forbidden):
        await service.update_event(actor=cohost.actor, event_id=event.id, changes={"capacity": 9})
    await service.update_event(actor=owner.actor, event_id=event.id, changes={"capacity": 5})
    # three free: Piotr (1) and Ana (2) fit in answer order; Eva's 3 waits
    waiting = {i.id: i.waitlisted for i in await Invitation.filter(event_id=event.id)}
    assert (waiting[piotr.id], waiting[ana.id], waiting[eva.id]) == (False, False, True)
    after = await places_of(event=await Event.get(id=event.id), org_id=owner.actor.org_id)
    assert (after.taken, after.free, [w.invitation_id for w in after.waiting]) == (5, 0, [eva.id])
