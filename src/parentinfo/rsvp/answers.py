"""Setting a parent's answer: capacity, waiting list, changed minds.

The places taken are a counter on the event (``event.places_taken``: the party sizes of the
yes answers not waiting), changed in the same transaction as every answer that takes or
frees places, so deciding a yes costs one short read and one update of the event's row
whatever the size of the event. An answer that takes or frees places where there is a
capacity locks the event's row together with the invitation's (``SELECT … FOR NO KEY
UPDATE`` on PostgreSQL; SQLite serialises writes) before deciding, so two replies at the
same moment never both take the last place. Every other answer is written only if the row
is still as it was read (a changed row sends it down the locked path): one that moves no
places leaves the event alone, so the answers to one event don't queue behind each other
when they need not; one that moves places where there is no capacity adds them to the
counter first (the event's row, then the invitation's, as on the locked path: no deadlock).

A yes that does not fit waits (a parent who already holds places and asks for more than
fit keeps the places they had); a no (or a smaller party) frees places, and the waiting list
moves up in the order people answered, skipping a party too large for what is free.
Someone checked in at the door is there: ``source="door"`` never waits. A capacity lowered
below the places already given takes none back: the counter stays above it until answers
free places.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tortoise.exceptions import DoesNotExist
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from parentinfo.events.models import Event
from parentinfo.lib.clock import now
from parentinfo.lib.enums import Answer
from parentinfo.lib.sql import fetch, is_postgres, optional_moment
from parentinfo.rsvp.models import Invitation
from parentinfo.rsvp.waitlist.deferral import defer_promotion_notices

SOURCES = ("sms", "page", "staff", "door", "voice")


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

    @property
    def held(self) -> int:
        """The places this invitation counts for in ``event.places_taken``."""
        return self.party_size if self.holds_places else 0

    def takes_places(self, answer: Answer, size: int) -> bool:
        """True when ``answer`` for ``size`` needs places this invitation does not hold yet."""
        return answer == Answer.YES and not (self.holds_places and size <= self.party_size)

    def frees_places(self, answer: Answer, size: int) -> bool:
        """True when ``answer`` for ``size`` gives back some of the places this one holds."""
        return self.holds_places and (answer != Answer.YES or size < self.party_size)

    def keeps_places(self, answer: Answer, size: int) -> bool:
        """True when setting ``answer`` for ``size`` takes no place and frees none."""
        return not (self.takes_places(answer, size) or self.frees_places(answer, size))


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
    if seen.keeps_places(answer, size) or seen.capacity is None:
        # Nothing to decide: the places move (if at all) by what the answer says.
        moved = (size if answer == Answer.YES else 0) - seen.held
        await add_places(event_id=event_id, places=moved)
        result = await _set_if_unchanged(invitation_id, seen, answer, size, source)
        if result is not None:
            return result, []
        await add_places(event_id=event_id, places=-moved)  # not as seen: decide locked
    return await _apply_locked(invitation_id, event_id, answer, party_size, source)


async def add_places(*, event_id: int, places: int) -> None:
    """Add ``places`` (negative: free them) to the event's counter, in the caller's transaction."""
    if places:
        await Event.filter(id=event_id).update(places_taken=F("places_taken") + places)


async def _set_if_unchanged(
    invitation_id: int, seen: SeenAnswer, answer: Answer, size: int, source: str
) -> AnswerResult | None:
    """Write an answer that needs no decision, if the row is still as seen (else None)."""
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
    current, taken = await _locked_answer(invitation_id, event_id)
    capacity, others = current.capacity, taken - current.held
    size = party_size if party_size is not None else current.party_size
    waitlisted = False
    if answer == Answer.YES and source != "door" and capacity is not None:
        fits = not current.takes_places(answer, size) or others + size <= capacity
        if not fits and current.holds_places:
            size = current.party_size  # a larger party that does not fit keeps what it had
        waitlisted = not fits and not current.holds_places
    fields, result = _written(current, answer, size, waitlisted=waitlisted, source=source)
    await Invitation.filter(id=invitation_id).update(**fields)
    held = size if answer == Answer.YES and not waitlisted else 0
    promoted: list[int] = []
    moved_up = 0
    if current.frees_places(answer, size) and capacity is not None:
        promoted, moved_up = await _move_up(event_id, capacity - others - held)
    await add_places(event_id=event_id, places=held - current.held + moved_up)
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
        capacity, taken = await _lock_event(event_id)
        free = None if capacity is None else capacity - taken
        promoted, moved_up = await _move_up(event_id, free)
        await add_places(event_id=event_id, places=moved_up)
    await notify_promoted(promoted)
    return promoted


async def notify_promoted(invitation_ids: list[int]) -> None:
    """Queue the "a place is free for you" message for each invitation that moved up."""
    if not invitation_ids:
        return
    await defer_promotion_notices(invitation_ids)


# What a SeenAnswer is read from (invitation ``i``); the sender's lookup reads it too.
ANSWER_COLUMNS = "i.answer, i.party_size, i.waitlisted, i.answered_at"
# An invitation's answer and its event's capacity, before deciding whether to lock.
_SEEN_SQL = f"""
SELECT {ANSWER_COLUMNS}, e.capacity
FROM invitation i JOIN event e ON e.id = i.event_id WHERE i.id = :invitation
"""  # noqa: S608 - constants only
# The same with the places taken, both rows locked: PostgreSQL re-reads both once the lock
# is granted, so the answer and the counter are the ones the previous holder committed.
# It locks in the order of FROM: the event first, as every other path that takes both.
_LOCKED_SQL = f"""
SELECT {ANSWER_COLUMNS}, e.capacity, e.places_taken
FROM event e JOIN invitation i ON i.event_id = e.id
WHERE i.id = :invitation AND e.id = :event
"""  # noqa: S608 - constants only
_EVENT_SQL = "SELECT capacity, places_taken FROM event WHERE id = :event"
_LOCK = " FOR NO KEY UPDATE"


async def lock_event(event_id: int) -> tuple[int | None, int]:
    """:func:`_lock_event`, for a feature that moves places itself (the staff's waiting list)."""
    return await _lock_event(event_id)


async def _lock_event(event_id: int) -> tuple[int | None, int]:
    """Lock the event's row (PostgreSQL; SQLite serialises writers): its capacity and places taken.

    Everyone answering the same event queues here, so places are never counted twice.
    """
    sql = _EVENT_SQL + _LOCK if is_postgres() else _EVENT_SQL
    rows = await fetch(sql, {"event": event_id})
    if not rows:
        raise DoesNotExist("No such event.")
    capacity = rows[0]["capacity"]
    return None if capacity is None else int(capacity), int(rows[0]["places_taken"])


async def _locked_answer(invitation_id: int, event_id: int) -> tuple[SeenAnswer, int]:
    """The invitation's answer as stored and the event's places taken, both rows locked."""
    sql = _LOCKED_SQL + _LOCK if is_postgres() else _LOCKED_SQL
    row = await _invitation_row(sql, {"event": event_id, "invitation": invitation_id})
    return seen_answer_in(row), int(row["places_taken"])


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


async def _move_up(event_id: int, free: int | None) -> tuple[list[int], int]:
    """Give ``free`` places to the waiting list, first come first served: who moved, and places.

    Without a capacity (``free`` None: it was removed) everyone waiting moves up.
    """
    if free is not None and free <= 0:
        return [], 0
    waiting = (
        await Invitation.filter(event_id=event_id, answer=Answer.YES, waitlisted=True)
        .order_by("answered_at", "id")
        .values_list("id", "party_size")
    )
    promoted: list[int] = []
    places = 0
    for invitation_id, size in waiting:
        if free is None or size <= free:  # a party too large waits; a smaller one may fit
            promoted.append(invitation_id)
            places += size
            free = None if free is None else free - size
    if promoted:
        await Invitation.filter(id__in=promoted).update(waitlisted=False)
    return promoted, places
