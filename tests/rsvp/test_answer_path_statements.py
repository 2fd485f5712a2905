"""Every path that changes an answer costs a fixed number of statements, whatever the event's size.

The places taken are the event's counter: no path sums party sizes, so a yes to an event
with hundreds of answers costs what it costs at an empty one. Each event here already has
``CROWD`` yes answers, and no statement may be a sum.
"""

from __future__ import annotations

import pytest
from litestar import Litestar

from parentinfo.attendance.walkins import add_walk_in
from parentinfo.calendar.service import answer_from_page
from parentinfo.events.models import Event
from parentinfo.events.service import update_event
from parentinfo.lib.enums import Answer
from parentinfo.organisations.models import Organisation
from parentinfo.rsvp.answers import set_answer
from parentinfo.rsvp.inbound.inbox import resolve_item
from parentinfo.rsvp.models import Invitation
from tests.factories import make_member, make_org
from tests.factories.rsvp import rsvp_contact, rsvp_event, rsvp_inbound, rsvp_invitation
from tests.rsvp.places_check import counter_of, held_places

pytestmark = pytest.mark.anyio

CROWD = 25
# The path's own reads and writes around the answer are counted too: a budget per path.
PAGE_YES = 7  # the page's invitation, texts, hosts; then the answer's four
STAFF_YES = 12  # the item, its invitation, the claim, the answer's four, marking it, the item again
DOOR_WALK_IN = 6  # the event for the door, the invitation, the counter, the check-in, the audit
# Seen; locked and read; the answer; the waiting list; who moved up (2 freed, 2 moved up:
# the counter is unchanged, so not written).
NO_PROMOTES = 5
CAPACITY_CHANGE = 11  # the editable event and its checks, the save, the lock, the list, the counter


def _no_sums(statements: list[str]) -> None:
    assert not [sql for sql in statements if "SUM(" in sql.upper()], "\n".join(statements)


async def _crowded(org: Organisation, capacity: int | None = 100) -> Event:
    event = await rsvp_event(org, capacity=capacity)
    for _ in range(CROWD):
        await rsvp_invitation(event, await rsvp_contact(org), answer=Answer.YES, party_size=2)
    return event


async def test_a_yes_from_the_parents_page(app: Litestar, statements: list[str]) -> None:
    org = await make_org("school")
    event = await _crowded(org)
    invitation = await rsvp_invitation(event, await rsvp_contact(org))

    statements.clear()
    result = await answer_from_page(token=invitation.token, answer="yes", party_size="3")

    assert (result.answer, result.waitlisted) == (Answer.YES, False)
    _no_sums(statements)
    assert len(statements) == PAGE_YES, "\n".join(statements)
    assert await counter_of(event.id) == 2 * CROWD + 3


async def test_an_answer_set_by_staff_from_the_inbox(app: Litestar, statements: list[str]) -> None:
    org = await make_org("school")
    actor = (await make_member(org)).actor
    event = await _crowded(org)
    contact = await rsvp_contact(org)
    invitation = await rsvp_invitation(event, contact)
    item = await rsvp_inbound("we komen met z'n drieën", contact=contact, invitation=invitation)

    statements.clear()
    _, result = await resolve_item(actor=actor, item_id=item.id, answer="yes", party_size=3)

    assert result is not None
    assert (result.answer, result.party_size) == (Answer.YES, 3)
    _no_sums(statements)
    assert len(statements) == STAFF_YES, "\n".join(statements)
    assert await counter_of(event.id) == 2 * CROWD + 3


async def test_a_walk_in_at_the_door(app: Litestar, statements: list[str]) -> None:
    org = await make_org("school")
    actor = (await make_member(org)).actor
    event = await _crowded(org)

    statements.clear()
    await add_walk_in(
        actor=actor, event_id=event.id, name="", language="nl", mobile=None, email=None,
        party_size=2, consent_channels=[], client_id=None,
    )  # fmt: skip

    _no_sums(statements)
    assert len(statements) == DOOR_WALK_IN, "\n".join(statements)
    assert await counter_of(event.id) == 2 * CROWD + 2


@pytest.mark.parametrize("waiting", [2, 12])
async def test_a_no_that_moves_the_waiting_list_up(
    app: Litestar, statements: list[str], waiting: int
) -> None:
    """However long the waiting list, freeing places reads it once and promotes in one update."""
    org = await make_org("school")
    event = await _crowded(org, capacity=2 * CROWD)
    queue = [
        await rsvp_invitation(event, await rsvp_contact(org), answer=Answer.YES, waitlisted=True)
        for _ in range(waiting)
    ]
    leaving = await Invitation.filter(event=event, waitlisted=False).first()
    assert leaving is not None

    statements.clear()
    await set_answer(invitation=leaving, answer=Answer.NO, party_size=None, source="sms")

    _no_sums(statements)
    assert len(statements) == NO_PROMOTES, "\n".join(statements)
    assert {i.id for i in queue[:2]} <= {
        i.id for i in await Invitation.filter(event=event, waitlisted=False)
    }
    assert await counter_of(event.id) == await held_places(event.id) == 2 * CROWD


async def test_a_larger_capacity_moves_the_waiting_list_up(
    app: Litestar, statements: list[str]
) -> None:
    org = await make_org("school")
    actor = (await make_member(org)).actor
    event = await _crowded(org, capacity=2 * CROWD)
    for _ in range(3):
        await rsvp_invitation(event, await rsvp_contact(org), answer=Answer.YES, waitlisted=True)

    statements.clear()
    await update_event(actor=actor, event_id=event.id, changes={"capacity": 2 * CROWD + 2})

    _no_sums(statements)
    assert await counter_of(event.id) == await held_places(event.id) == 2 * CROWD + 2
    assert len(statements) == CAPACITY_CHANGE, "\n".join(statements)
