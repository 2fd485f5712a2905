"""After any sequence of answers, by every path, the event's counter tells the truth.

A seeded random walk answers, changes capacity, walks in at the door and erases parents;
after each step the counter equals the party sizes of the yes answers holding places, and
no answer except the door's (which never waits) takes it past the capacity.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable

import pytest
from litestar import Litestar

from parentinfo.accounts.actor import Actor
from parentinfo.attendance.walkins import add_walk_in
from parentinfo.events.models import Event
from parentinfo.events.service import update_event
from parentinfo.lib.enums import Answer
from parentinfo.privacy.erasure import purge_contact
from parentinfo.rsvp.answers import set_answer
from parentinfo.rsvp.models import Invitation
from tests.factories import make_member, make_org
from tests.factories.rsvp import rsvp_contact, rsvp_event, rsvp_invitation
from tests.rsvp.places_check import counter_of, held_places

pytestmark = pytest.mark.anyio

ANSWERS = (Answer.YES, Answer.YES, Answer.NO, Answer.MAYBE)
SOURCES = ("sms", "page", "staff")
STEPS = 70

Step = Callable[[random.Random], Awaitable[bool]]  # True when it may not over-fill


class Walk:
    """An event with a few invitations and the moves a walk picks from."""

    def __init__(self, event: Event, invitations: list[Invitation], actor: Actor) -> None:
        self.event, self.invitations, self.actor = event, invitations, actor
        self.waited = 0  # yes answers that had to wait: the walk reached a full event

    async def answer(self, rng: random.Random) -> bool:
        invitation = await Invitation.get(id=rng.choice(self.invitations).id)
        size = rng.choice((None, 1, 2, 3, 4))
        result = await set_answer(
            invitation=invitation, answer=rng.choice(ANSWERS), party_size=size,
            source=rng.choice(SOURCES),
        )  # fmt: skip
        self.waited += result.waitlisted
        return True

    async def capacity(self, rng: random.Random) -> bool:
        changes = {"capacity": rng.choice((None, 3, 5, 8, 12))}
        await update_event(actor=self.actor, event_id=self.event.id, changes=changes)
        return False  # a lower capacity takes no place back

    async def walk_in(self, rng: random.Random) -> bool:
        await add_walk_in(
            actor=self.actor, event_id=self.event.id, name="", language="nl", mobile=None,
            email=None, party_size=rng.randint(1, 3), consent_channels=[], client_id=None,
        )  # fmt: skip
        return False  # someone at the door is there

    async def erase(self, rng: random.Random) -> bool:
        invitation = await Invitation.get(id=rng.choice(self.invitations).id)
        contact = await invitation.contact
        if contact is not None:
            await purge_contact(contact)
        return True


async def _walk(seed: int) -> None:
    org = await make_org("school")
    actor = (await make_member(org)).actor
    event = await rsvp_event(org, capacity=5)
    invitations = [await rsvp_invitation(event, await rsvp_contact(org)) for _ in range(7)]
    walk = Walk(event, invitations, actor)
    moves: list[Step] = [walk.answer] * 12 + [walk.capacity] * 2 + [walk.walk_in, walk.erase]
    rng = random.Random(seed)
    for number in range(STEPS):
        before = await counter_of(event.id)
        may_not_overfill = await rng.choice(moves)(rng)
        after = await counter_of(event.id)
        assert after == await held_places(event.id), f"seed {seed}, step {number}"
        capacity = (await Event.get(id=event.id)).capacity
        if may_not_overfill and capacity is not None:
            assert after <= max(capacity, before), f"seed {seed}, step {number}"
    assert walk.waited > 0


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_the_counter_equals_the_places_held_after_any_answers(
    app: Litestar, seed: int
) -> None:
    await _walk(seed)
