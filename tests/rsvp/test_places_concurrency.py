"""Many parents answering one nearly full event at the same moment, on PostgreSQL.

Only PostgreSQL runs these transactions side by side (SQLite serialises writers), so this
module runs there alone: the answers queue on the event's row lock, each decided against
the counter the previous one committed, and the event is never over-filled.
"""

from __future__ import annotations

import asyncio
import random

import pytest
from litestar import Litestar

from parentinfo.events.service import update_event
from parentinfo.lib.enums import Answer
from parentinfo.rsvp.answers import AnswerResult, set_answer
from parentinfo.rsvp.models import Invitation
from tests.factories import make_member, make_org
from tests.factories.rsvp import rsvp_contact, rsvp_event, rsvp_invitation
from tests.rsvp.places_check import counter_of, held_places

pytestmark = pytest.mark.anyio

CAPACITY = 7


@pytest.fixture
def backend() -> str:
    """PostgreSQL only: the one backend where these answers really run in parallel."""
    return "postgres"


async def _answer(invitation: Invitation, answer: Answer, size: int, source: str) -> AnswerResult:
    return await set_answer(invitation=invitation, answer=answer, party_size=size, source=source)


async def test_parallel_yes_answers_never_over_fill_an_event(app: Litestar) -> None:
    org = await make_org("school")
    event = await rsvp_event(org, capacity=CAPACITY)
    invitations = [await rsvp_invitation(event, await rsvp_contact(org)) for _ in range(40)]
    rng = random.Random(7)
    sizes = [rng.randint(1, 3) for _ in invitations]

    results = await asyncio.gather(
        *(
            _answer(invitation, Answer.YES, size, rng.choice(("sms", "page", "staff")))
            for invitation, size in zip(invitations, sizes, strict=True)
        )
    )

    held = await held_places(event.id)
    assert await counter_of(event.id) == held
    assert held <= CAPACITY
    assert held == sum(r.party_size for r in results if not r.waitlisted)
    assert any(r.waitlisted for r in results)


async def test_parallel_changes_of_mind_keep_the_counter_and_the_capacity(
    app: Litestar,
) -> None:
    """Holders leave, shrink and grow while others ask: places freed go to the waiting list."""
    org = await make_org("school")
    event = await rsvp_event(org, capacity=CAPACITY)
    holders = [
        await rsvp_invitation(event, await rsvp_contact(org), answer=Answer.YES, party_size=2)
        for _ in range(3)
    ]
    askers = [await rsvp_invitation(event, await rsvp_contact(org)) for _ in range(20)]
    rng = random.Random(11)
    moves = [
        _answer(h, rng.choice((Answer.NO, Answer.YES)), rng.randint(1, 4), "sms") for h in holders
    ]
    moves += [_answer(a, Answer.YES, rng.randint(1, 2), "page") for a in askers]
    rng.shuffle(moves)

    await asyncio.gather(*moves)

    held = await held_places(event.id)
    assert await counter_of(event.id) == held
    assert held <= CAPACITY


async def test_a_capacity_change_amid_parallel_answers(app: Litestar) -> None:
    """The waiting list moves up while those waiting answer again: no deadlock, no over-fill."""
    org = await make_org("school")
    actor = (await make_member(org)).actor
    event = await rsvp_event(org, capacity=CAPACITY)
    for _ in range(CAPACITY):
        await rsvp_invitation(event, await rsvp_contact(org), answer=Answer.YES)
    waiting = [
        await rsvp_invitation(event, await rsvp_contact(org), answer=Answer.YES, waitlisted=True)
        for _ in range(12)
    ]
    rng = random.Random(5)
    moves = [_answer(w, Answer.YES, rng.randint(1, 2), "sms") for w in waiting]
    moves.insert(6, update_event(actor=actor, event_id=event.id, changes={"capacity": 12}))

    await asyncio.gather(*moves)

    held = await held_places(event.id)
    assert await counter_of(event.id) == held
    assert CAPACITY < held <= 12
