"""Setting a parent's answer: capacity, waiting list, changed minds.

The event's row is locked (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite serialises
writes) before places are counted, so two replies at the same moment never both take the
last place. Capacity counts the party sizes of the yes answers that are not waitlisted. A
yes that does not fit waits (a parent who already holds places and asks for more than
fit keeps the places they had); a no (or a smaller party) frees places, and the waiting list
moves up in the order people answered, skipping a party too large for what is free.
Someone checked in at the door is there: ``source="door"`` never waits.
"""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.functions import Sum
from tortoise.transactions import in_transaction

from parentinfo.events.models import Event
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Answer
from parentinfo.rsvp.models import Invitation

SOURCES = ("sms", "page", "staff", "door")


@dataclass(frozen=True)
class AnswerResult:
    """What became of an answer."""

    answer: Answer
    party_size: int
    waitlisted: bool
    changed: bool


async def set_answer(
    *, invitation: Invitation, answer: Answer, party_size: int | None, source: str
) -> AnswerResult:
    """Record ``answer`` (source: sms / page / staff / door); a full event waitlists a yes."""
    async with in_transaction():
        result, promoted = await apply_answer(
            invitation=invitation, answer=answer, party_size=party_size, source=source
        )
    await notify_promoted(promoted)
    return result


async def apply_answer(
    *, invitation: Invitation, answer: Answer, party_size: int | None, source: str
) -> tuple[AnswerResult, list[int]]:
    """:func:`set_answer` inside the caller's transaction; also returns who moved up.

    The caller must call :func:`notify_promoted` with the ids once it has committed.
    """
    event = await _locked_event(int(invitation.event_id))  # type: ignore[attr-defined]
    current = await Invitation.get(id=invitation.id)  # fresh, now that the event is locked
    size = party_size if party_size is not None else current.party_size
    was_holding = _holds_places(current)
    waitlisted = False
    if answer == Answer.YES and source != "door" and event.capacity is not None:
        fits = await _fits(event, current, size)
        if not fits and was_holding:
            size = current.party_size  # a larger party that does not fit keeps what it had
        waitlisted = not fits and not was_holding
    changed = (current.answer, current.party_size) != (answer, size)
    fields: dict[str, object] = {"answer": answer, "party_size": size, "waitlisted": waitlisted}
    fields["answer_source"] = source
    if current.answer != answer or current.answered_at is None:
        fields["answered_at"] = now()
    await Invitation.filter(id=current.id).update(**fields)
    for name, value in fields.items():
        setattr(invitation, name, value)
    promoted: list[int] = []
    frees = was_holding and (answer != Answer.YES or size < current.party_size)
    if frees and event.capacity is not None:
        promoted = await _move_up(event)
    return AnswerResult(answer, size, waitlisted, changed), promoted


async def fill_free_places(*, event_id: int) -> list[int]:
    """Move the waiting list up into free places (after capacity grew); returns who moved."""
    async with in_transaction():
        event = await _locked_event(event_id)
        promoted = await _move_up(event) if event.capacity is not None else []
    await notify_promoted(promoted)
    return promoted


async def notify_promoted(invitation_ids: list[int]) -> None:
    """Queue the "a place is free for you" message for each invitation that moved up."""
    if not invitation_ids:
        return
    from parentinfo.rsvp.jobs import defer_promotion_notices

    await defer_promotion_notices(invitation_ids)


def _holds_places(invitation: Invitation) -> bool:
    return invitation.answer == Answer.YES and not invitation.waitlisted


async def _fits(event: Event, current: Invitation, size: int) -> bool:
    """Whether ``size`` people fit next to everyone else holding a place."""
    assert event.capacity is not None
    if _holds_places(current) and size <= current.party_size:
        return True  # fewer people than before always fit; no need to count
    return await _places_taken(event.id, exclude=current.id) + size <= event.capacity


async def _locked_event(event_id: int) -> Event:
    return await Event.select_for_update(no_key=True).get(id=event_id)


async def _places_taken(event_id: int, *, exclude: int | None = None) -> int:
    """The sum of the party sizes of the yes answers holding a place."""
    query = Invitation.filter(event_id=event_id, answer=Answer.YES, waitlisted=False)
    if exclude is not None:
        query = query.exclude(id=exclude)
    rows: list[object] = list(
        await query.annotate(total=Sum("party_size")).values_list("total", flat=True)
    )
    return int(str(rows[0] or 0)) if rows else 0


async def _move_up(event: Event) -> list[int]:
    """Give free places to the waiting list, first come first served; returns who moved."""
    assert event.capacity is not None
    free = event.capacity - await _places_taken(event.id)
    waiting = (
        await Invitation.filter(event_id=event.id, answer=Answer.YES, waitlisted=True)
        .order_by("answered_at", "id")
        .values_list("id", "party_size")
    )
    promoted: list[int] = []
    for invitation_id, size in waiting:
        if free <= 0:
            break
        if size <= free:  # a party too large waits; a smaller one behind it may fit
            promoted.append(invitation_id)
            free -= size
    if promoted:
        await Invitation.filter(id__in=promoted).update(waitlisted=False)
    return promoted
