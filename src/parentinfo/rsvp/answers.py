"""Setting a parent's answer: capacity, waiting list, changed minds.

An answer that takes or frees places locks the event's row (``SELECT … FOR UPDATE`` on
PostgreSQL; SQLite serialises writes) before places are counted, so two replies at the
same moment never both take the last place. Every other answer (a no from someone without
a place, the same yes again, any answer where there is no capacity) leaves the places as
they are: it skips the lock and is written only if the row is still as it was read, so
the answers to one event don't queue behind each other when they need not. A changed row
sends it down the locked path.

Capacity counts the party sizes of the yes answers that are not waitlisted. A
yes that does not fit waits (a parent who already holds places and asks for more than
fit keeps the places they had); a no (or a smaller party) frees places, and the waiting list
moves up in the order people answered, skipping a party too large for what is free.
Someone checked in at the door is there: ``source="door"`` never waits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tortoise.exceptions import DoesNotExist
from tortoise.transactions import in_transaction

from parentinfo.lib.clock import now
from parentinfo.lib.enums import Answer
from parentinfo.lib.sql import fetch, is_postgres, optional_moment
from parentinfo.rsvp.deferral import defer_promotion_notices
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


@dataclass(frozen=True)
class SeenAnswer:
    """An invitation's answer as read before deciding, with its event's capacity."""

    answer: Answer
    party_size: int
    waitlisted: bool
    answered_at: datetime | None
    capacity: int | None

    @property
    def holds_places(self) -> bool:
        return self.answer == Answer.YES and not self.waitlisted

    def takes_places(self, answer: Answer, size: int) -> bool:
        """True when ``answer`` for ``size`` needs places this invitation does not hold yet."""
        return answer == Answer.YES and not (self.holds_places and size <= self.party_size)

    def frees_places(self, answer: Answer, size: int) -> bool:
        """True when ``answer`` for ``size`` gives back some of the places this one holds."""
        return self.holds_places and (answer != Answer.YES or size < self.party_size)

    def keeps_places(self, answer: Answer, size: int) -> bool:
        """True when setting ``answer`` for ``size`` takes no place and frees none."""
        moves = self.takes_places(answer, size) or self.frees_places(answer, size)
        return self.capacity is None or not moves


async def apply_answer(
    *,
    invitation_id: int,
    event_id: int,
    answer: Answer,
    party_size: int | None,
    source: str,
    seen: SeenAnswer | None = None,
) -> tuple[AnswerResult, list[int]]:
    """:func:`set_answer` inside the caller's transaction; also returns who moved up.

    ``seen`` is the answer as the caller already read it (else it is read here). The
    caller must call :func:`notify_promoted` with the ids once it has committed.
    """
    seen = seen or await _seen_answer(invitation_id)
    size = party_size if party_size is not None else seen.party_size
    if seen.keeps_places(answer, size):
        result = await _set_if_unchanged(invitation_id, seen, answer, size, source)
        if result is not None:
            return result, []
    return await _apply_locked(invitation_id, event_id, answer, party_size, source)


async def _set_if_unchanged(
    invitation_id: int, seen: SeenAnswer, answer: Answer, size: int, source: str
) -> AnswerResult | None:
    """Write an answer that moves no places, if the row is still as seen (else None)."""
    fields, result = _written(seen, answer, size, waitlisted=False, source=source)
    still_as_seen = Invitation.filter(
        id=invitation_id,
        answer=seen.answer,
        party_size=seen.party_size,
        waitlisted=seen.waitlisted,
    )
    return result if await still_as_seen.update(**fields) else None


async def _apply_locked(
    invitation_id: int, event_id: int, answer: Answer, party_size: int | None, source: str
) -> tuple[AnswerResult, list[int]]:
    """An answer that takes or frees places: decided with the event's row locked."""
    capacity = await _lock_event(event_id)
    # Read again, now that the event is locked: the answer as stored and the places taken.
    current, taken = await _current_answer(invitation_id, event_id, capacity)
    size = party_size if party_size is not None else current.party_size
    waitlisted = False
    if answer == Answer.YES and source != "door" and capacity is not None:
        fits = not current.takes_places(answer, size) or taken + size <= capacity
        if not fits and current.holds_places:
            size = current.party_size  # a larger party that does not fit keeps what it had
        waitlisted = not fits and not current.holds_places
    fields, result = _written(current, answer, size, waitlisted=waitlisted, source=source)
    await Invitation.filter(id=invitation_id).update(**fields)
    promoted: list[int] = []
    if current.frees_places(answer, size) and capacity is not None:
        promoted = await _move_up(event_id, capacity)
    return result, promoted


def _written(
    current: SeenAnswer, answer: Answer, size: int, *, waitlisted: bool, source: str
) -> tuple[dict[str, object], AnswerResult]:
    """The invitation's new fields, and the result to report; answered_at moves with the answer."""
    fields: dict[str, object] = {"answer": answer, "party_size": size, "waitlisted": waitlisted}
    fields["answer_source"] = source
    answered_at = current.answered_at
    if current.answer != answer or answered_at is None:
        answered_at = fields["answered_at"] = now()
    changed = (current.answer, current.party_size) != (answer, size)
    return fields, AnswerResult(answer, size, waitlisted, changed, answered_at)


async def fill_free_places(*, event_id: int) -> list[int]:
    """Move the waiting list up into free places (the capacity grew or went); returns who moved."""
    async with in_transaction():
        capacity = await _lock_event(event_id)
        promoted = await _move_up(event_id, capacity)
    await notify_promoted(promoted)
    return promoted


async def notify_promoted(invitation_ids: list[int]) -> None:
    """Queue the "a place is free for you" message for each invitation that moved up."""
    if not invitation_ids:
        return
    await defer_promotion_notices(invitation_ids)


# The places taken at an event: the party sizes of the yes answers that are not waiting.
_TAKEN_SQL = """
SELECT COALESCE(SUM(o.party_size), 0) AS taken FROM invitation o
WHERE o.event_id = :event AND o.answer = :yes AND o.waitlisted = :false
"""
# What a SeenAnswer is read from (invitation ``i``); the sender's lookup reads it too.
ANSWER_COLUMNS = "i.answer, i.party_size, i.waitlisted, i.answered_at"
# An invitation's stored answer and the places everyone else holds, in one snapshot.
_CURRENT_SQL = f"""
SELECT {ANSWER_COLUMNS}, ({_TAKEN_SQL} AND o.id <> :invitation) AS taken
FROM invitation i WHERE i.id = :invitation
"""  # noqa: S608 - constants only
_TAKEN_PARAMS = {"yes": Answer.YES.value, "false": False}


# An invitation's answer and its event's capacity, before deciding whether to lock.
_SEEN_SQL = f"""
SELECT {ANSWER_COLUMNS}, e.capacity
FROM invitation i JOIN event e ON e.id = i.event_id WHERE i.id = :invitation
"""  # noqa: S608 - constants only
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


async def _current_answer(
    invitation_id: int, event_id: int, capacity: int | None
) -> tuple[SeenAnswer, int]:
    """The invitation's answer as stored, and the places everyone else holds."""
    params = {"event": event_id, "invitation": invitation_id, **_TAKEN_PARAMS}
    row = await _invitation_row(_CURRENT_SQL, params)
    return seen_answer_in({**row, "capacity": capacity}), int(row["taken"])


async def _seen_answer(invitation_id: int) -> SeenAnswer:
    return seen_answer_in(await _invitation_row(_SEEN_SQL, {"invitation": invitation_id}))


async def _invitation_row(sql: str, params: dict[str, Any]) -> dict[str, Any]:
    rows = await fetch(sql, params)
    if not rows:
        raise DoesNotExist("No such invitation.")
    return rows[0]


def seen_answer_in(row: dict[str, Any]) -> SeenAnswer:
    """A :class:`SeenAnswer` from a row with the invitation's answer and the capacity."""
    capacity = row["capacity"]
    return SeenAnswer(
        Answer(row["answer"]), int(row["party_size"]), bool(row["waitlisted"]),
        optional_moment(row["answered_at"]), None if capacity is None else int(capacity),
    )  # fmt: skip


async def _places_taken(event_id: int) -> int:
    """The sum of the party sizes of the yes answers holding a place."""
    rows = await fetch(_TAKEN_SQL, {"event": event_id, **_TAKEN_PARAMS})
    return int(rows[0]["taken"])


async def _move_up(event_id: int, capacity: int | None) -> list[int]:
    """Give free places to the waiting list, first come first served; returns who moved.

    Without a capacity (it was removed) everyone waiting moves up.
    """
    free = capacity - await _places_taken(event_id) if capacity is not None else None
    waiting = (
        await Invitation.filter(event_id=event_id, answer=Answer.YES, waitlisted=True)
        .order_by("answered_at", "id")
        .values_list("id", "party_size")
    )
    promoted: list[int] = []
    for invitation_id, size in waiting:
        if free is None:
            promoted.append(invitation_id)
        elif size <= free:  # a party too large waits; a smaller one behind it may fit
            promoted.append(invitation_id)
            free -= size
    if promoted:
        await Invitation.filter(id__in=promoted).update(waitlisted=False)
    return promoted
