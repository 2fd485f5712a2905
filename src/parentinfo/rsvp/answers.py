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

from dataclasses import dataclass, field
from datetime import datetime

from tortoise.exceptions import DoesNotExist
from tortoise.transactions import in_transaction

from parentinfo.lib.clock import now
from parentinfo.lib.enums import Answer
from parentinfo.lib.sql import fetch, is_postgres, optional_moment
from parentinfo.rsvp.models import Invitation

SOURCES = ("sms", "page", "staff", "door")


@dataclass(frozen=True)
class AnswerResult:
    """What became of an answer."""

    answer: Answer
    party_size: int
    waitlisted: bool
    changed: bool
    # When the answer (not the party size) last changed: a fact of the row, not the decision.
    answered_at: datetime | None = field(default=None, compare=False)


async def set_answer(
    *, invitation: Invitation, answer: Answer, party_size: int | None, source: str
) -> AnswerResult:
    """Record ``answer`` (source: sms / page / staff / door); a full event waitlists a yes."""
    async with in_transaction():
        result, promoted = await apply_answer(
            invitation_id=invitation.id,
            event_id=int(invitation.event_id),  # type: ignore[attr-defined]
            answer=answer,
            party_size=party_size,
            source=source,
        )
    copy_answer(result, onto=invitation, source=source)
    await notify_promoted(promoted)
    return result


def copy_answer(result: AnswerResult, *, onto: Invitation, source: str) -> None:
    """Show on a loaded invitation what :func:`apply_answer` wrote to its row."""
    onto.answer, onto.party_size, onto.waitlisted = (
        result.answer,
        result.party_size,
        result.waitlisted,
    )
    onto.answer_source, onto.answered_at = source, result.answered_at


async def apply_answer(
    *, invitation_id: int, event_id: int, answer: Answer, party_size: int | None, source: str
) -> tuple[AnswerResult, list[int]]:
    """:func:`set_answer` inside the caller's transaction; also returns who moved up.

    The caller must call :func:`notify_promoted` with the ids once it has committed.
    """
    capacity = await _lock_event(event_id)
    current = await _current_answer(invitation_id, event_id)  # fresh, now that the event is locked
    size = party_size if party_size is not None else current.party_size
    was_holding = current.holds_places
    waitlisted = False
    if answer == Answer.YES and source != "door" and capacity is not None:
        fits = (was_holding and size <= current.party_size) or current.taken + size <= capacity
        if not fits and was_holding:
            size = current.party_size  # a larger party that does not fit keeps what it had
        waitlisted = not fits and not was_holding
    changed = (current.answer, current.party_size) != (answer, size)
    fields: dict[str, object] = {"answer": answer, "party_size": size, "waitlisted": waitlisted}
    fields["answer_source"] = source
    answered_at = current.answered_at
    if current.answer != answer or answered_at is None:
        answered_at = fields["answered_at"] = now()
    await Invitation.filter(id=invitation_id).update(**fields)
    promoted: list[int] = []
    frees = was_holding and (answer != Answer.YES or size < current.party_size)
    if frees and capacity is not None:
        promoted = await _move_up(event_id, capacity)
    return AnswerResult(answer, size, waitlisted, changed, answered_at), promoted


async def fill_free_places(*, event_id: int) -> list[int]:
    """Move the waiting list up into free places (after capacity grew); returns who moved."""
    async with in_transaction():
        capacity = await _lock_event(event_id)
        promoted = await _move_up(event_id, capacity) if capacity is not None else []
    await notify_promoted(promoted)
    return promoted


async def notify_promoted(invitation_ids: list[int]) -> None:
    """Queue the "a place is free for you" message for each invitation that moved up."""
    if not invitation_ids:
        return
    from parentinfo.rsvp.jobs import defer_promotion_notices

    await defer_promotion_notices(invitation_ids)


@dataclass(frozen=True)
class _Current:
    """An invitation's answer as stored, and the places everyone else holds."""

    answer: Answer
    party_size: int
    waitlisted: bool
    answered_at: datetime | None
    taken: int

    @property
    def holds_places(self) -> bool:
        return self.answer == Answer.YES and not self.waitlisted


# The places taken at an event: the party sizes of the yes answers that are not waiting.
_TAKEN_SQL = """
SELECT COALESCE(SUM(o.party_size), 0) AS taken FROM invitation o
WHERE o.event_id = :event AND o.answer = :yes AND o.waitlisted = :false
"""
# An invitation's stored answer and the places everyone else holds, in one snapshot.
_CURRENT_SQL = f"""
SELECT i.answer, i.party_size, i.waitlisted, i.answered_at,
       ({_TAKEN_SQL} AND o.id <> :invitation) AS taken
FROM invitation i WHERE i.id = :invitation
"""  # noqa: S608 - constants only
_TAKEN_PARAMS = {"yes": Answer.YES.value, "false": False}


_CAPACITY_SQL = "SELECT capacity FROM event WHERE id = :event"
_LOCK_SQL = _CAPACITY_SQL + " FOR NO KEY UPDATE"


async def _lock_event(event_id: int) -> int | None:
    """Lock the event's row (PostgreSQL; SQLite serialises writers) and return its capacity.

    Everyone answering the same event queues here, so places are never counted twice.
    """
    sql = _LOCK_SQL if is_postgres() else _CAPACITY_SQL
    rows = await fetch(sql, {"event": event_id})
    if not rows:
        raise DoesNotExist("No such event.")
    capacity = rows[0]["capacity"]
    return None if capacity is None else int(capacity)


async def _current_answer(invitation_id: int, event_id: int) -> _Current:
    params = {"event": event_id, "invitation": invitation_id, **_TAKEN_PARAMS}
    rows = await fetch(_CURRENT_SQL, params)
    if not rows:
        raise DoesNotExist("No such invitation.")
    row = rows[0]
    return _Current(
        Answer(row["answer"]), int(row["party_size"]), bool(row["waitlisted"]),
        optional_moment(row["answered_at"]), int(row["taken"]),
    )  # fmt: skip


async def _places_taken(event_id: int) -> int:
    """The sum of the party sizes of the yes answers holding a place."""
    rows = await fetch(_TAKEN_SQL, {"event": event_id, **_TAKEN_PARAMS})
    return int(rows[0]["taken"])


async def _move_up(event_id: int, capacity: int) -> list[int]:
    """Give free places to the waiting list, first come first served; returns who moved."""
    free = capacity - await _places_taken(event_id)
    waiting = (
        await Invitation.filter(event_id=event_id, answer=Answer.YES, waitlisted=True)
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
