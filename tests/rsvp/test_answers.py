"""set_answer: capacity, the waiting list, changed minds, on both databases."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from litestar import Litestar

from parentinfo.lib.enums import Answer
from parentinfo.rsvp.answers import (
    AnswerResult,
    SeenAnswer,
    apply_answer,
    fill_free_places,
    set_answer,
)
from parentinfo.rsvp.jobs import PROMOTION_TASK
from parentinfo.rsvp.models import Invitation
from parentinfo.runtime import runtime
from tests.factories import make_org
from tests.factories.rsvp import rsvp_contact, rsvp_event, rsvp_invitation

pytestmark = pytest.mark.anyio


async def _event_with(capacity: int | None, *sizes: int) -> tuple[list[Invitation], Invitation]:
    """An event whose places are taken by parties of ``sizes``, and one fresh invitation."""
    org = await make_org("school")
    event = await rsvp_event(org, capacity=capacity)
    taken = [
        await rsvp_invitation(event, await rsvp_contact(org), answer=Answer.YES, party_size=size)
        for size in sizes
    ]
    return taken, await rsvp_invitation(event, await rsvp_contact(org))


async def _yes(
    invitation: Invitation, size: int | None = None, source: str = "sms"
) -> AnswerResult:
    return await set_answer(
        invitation=invitation, answer=Answer.YES, party_size=size, source=source
    )


async def _promoted_jobs() -> list[list[int]]:
    jobs = await runtime().jobs.job_manager.list_jobs_async(task=PROMOTION_TASK)
    return [job.task_kwargs["invitation_ids"] for job in jobs]  # type: ignore[misc]


async def test_a_yes_that_fits_holds_places(app: Litestar) -> None:
    _, fresh = await _event_with(5, 2)
    result = await _yes(fresh, 3)
    assert result == AnswerResult(Answer.YES, 3, waitlisted=False, changed=True)
    assert (fresh.answer, fresh.party_size, fresh.answer_source) == (Answer.YES, 3, "sms")
    assert fresh.answered_at is not None


async def test_a_yes_that_does_not_fit_waits(app: Litestar) -> None:
    _, fresh = await _event_with(5, 2, 2)
    result = await _yes(fresh, 2)
    assert result.waitlisted is True
    stored = await Invitation.get(id=fresh.id)
    assert (stored.answer, stored.waitlisted) == (Answer.YES, True)


async def test_without_capacity_nobody_waits(app: Litestar) -> None:
    _, fresh = await _event_with(None, 20, 20)
    assert (await _yes(fresh, 20)).waitlisted is False


async def test_someone_at_the_door_never_waits(app: Litestar) -> None:
    _, fresh = await _event_with(1, 1)
    assert (await _yes(fresh, 1, source="door")).waitlisted is False


async def test_the_same_answer_again_changes_nothing(app: Litestar) -> None:
    _, fresh = await _event_with(5)
    await _yes(fresh, 2)
    answered_at = (await Invitation.get(id=fresh.id)).answered_at
    again = await _yes(fresh, None)
    assert again == AnswerResult(Answer.YES, 2, waitlisted=False, changed=False)
    assert (await Invitation.get(id=fresh.id)).answered_at == answered_at


async def test_a_larger_party_that_does_not_fit_keeps_the_places_it_had(app: Litestar) -> None:
    _, fresh = await _event_with(4, 2)
    await _yes(fresh, 2)
    result = await _yes(fresh, 3)
    assert result == AnswerResult(Answer.YES, 2, waitlisted=False, changed=False)


async def test_a_no_moves_the_waiting_list_up_in_answer_order(app: Litestar) -> None:
    org = await make_org("school")
    event = await rsvp_event(org, capacity=3)
    leaving = await rsvp_invitation(event, await rsvp_contact(org), answer=Answer.YES, party_size=3)
    start = datetime.now(UTC) - timedelta(hours=3)
    queue = [
        await rsvp_invitation(
            event,
            await rsvp_contact(org),
            answer=Answer.YES,
            party_size=size,
            waitlisted=True,
            answered_at=start + timedelta(minutes=minute),
        )
        for size, minute in ((2, 1), (4, 2), (1, 3), (1, 4))
    ]

    result = await set_answer(invitation=leaving, answer=Answer.NO, party_size=None, source="sms")

    assert result.changed is True
    moved = {
        i.id for i in await Invitation.filter(event=event, waitlisted=False, answer=Answer.YES)
    }
    # 2 fits, 4 is too large and keeps waiting, 1 fits, the last 1 finds nothing left.
    assert moved == {queue[0].id, queue[2].id}
    assert await _promoted_jobs() == [[queue[0].id, queue[2].id]]


async def test_a_smaller_party_frees_places_too(app: Litestar) -> None:
    taken, fresh = await _event_with(3, 3)
    await _yes(fresh, 1)
    assert fresh.waitlisted is True
    await _yes(taken[0], 2)
    assert (await Invitation.get(id=fresh.id)).waitlisted is False


async def test_more_capacity_fills_free_places(app: Litestar) -> None:
    taken, fresh = await _event_with(1, 1)
    await _yes(fresh, 1)
    event = await taken[0].event
    event.capacity = 2
    await event.save()
    assert await fill_free_places(event_id=event.id) == [fresh.id]
    assert (await Invitation.get(id=fresh.id)).waitlisted is False


async def test_without_capacity_everyone_waiting_moves_up(app: Litestar) -> None:
    _, fresh = await _event_with(1, 1)
    await _yes(fresh, 3)
    event = await fresh.event
    event.capacity = None
    await event.save()
    assert await fill_free_places(event_id=event.id) == [fresh.id]
    assert await _promoted_jobs() == [[fresh.id]]


async def test_an_answer_read_before_a_change_is_decided_again_under_the_lock(
    app: Litestar,
) -> None:
    """A no from someone seen without a place, who in fact holds one, must free it."""
    taken, waiting = await _event_with(2, 2)
    await _yes(waiting, 1)
    assert waiting.waitlisted is True
    holder = taken[0]
    stale = SeenAnswer(Answer.NONE, 1, False, None, capacity=2)  # read before their yes

    result, promoted = await apply_answer(
        invitation_id=holder.id,
        event_id=int(holder.event_id),  # type: ignore[attr-defined]
        answer=Answer.NO,
        party_size=None,
        source="sms",
        seen=stale,
    )

    assert (result.answer, result.changed) == (Answer.NO, True)
    assert promoted == [waiting.id]  # the places were freed, and the waiting list moved up
    assert (await Invitation.get(id=waiting.id)).waitlisted is False


async def test_answers_that_move_no_places_keep_the_waiting_list(app: Litestar) -> None:
    taken, waiting = await _event_with(2, 2)
    await _yes(waiting, 1)
    await _yes(taken[0], 2)  # the same yes again
    outsider = await rsvp_invitation(
        await taken[0].event, await rsvp_contact(await taken[0].organisation)
    )
    await set_answer(invitation=outsider, answer=Answer.NO, party_size=None, source="sms")
    assert (await Invitation.get(id=waiting.id)).waitlisted is True
    assert (await Invitation.get(id=taken[0].id)).waitlisted is False
    assert await _promoted_jobs() == []


async def test_concurrent_answers_for_the_last_place(app: Litestar) -> None:
    org = await make_org("school")
    event = await rsvp_event(org, capacity=3)
    invitations = [await rsvp_invitation(event, await rsvp_contact(org)) for _ in range(8)]

    results = await asyncio.gather(*(_yes(i, 1) for i in invitations))

    assert sorted(r.waitlisted for r in results) == [False] * 3 + [True] * 5
    holding = await Invitation.filter(event=event, answer=Answer.YES, waitlisted=False).count()
    assert holding == 3
