"""Replaying what a phone queued while the venue's wifi was down, one operation at a time.

Operations are applied in the order the phone made them. Each one stands alone, in its own
transaction: a refused operation (bad input, a clash, even an error no rule foresaw) rolls
back only its own writes and is reported with its reason, and the next one still runs, so
one bad row never loses the rest.
"""

from __future__ import annotations

import logging

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from parentinfo.accounts.actor import Actor
from parentinfo.attendance.access import door_event
from parentinfo.attendance.checkins import check_in, undo_check_in
from parentinfo.attendance.results import Op, OpResult
from parentinfo.attendance.walkins import add_walk_in
from parentinfo.errors import NotFound, ServiceError, invalid_field
from parentinfo.i18n import gettext as _

logger = logging.getLogger(__name__)

MAX_OPERATIONS = 500
MAX_ID = 2**31 - 1  # ids are 32-bit integers in the database
OUT_OF_RANGE = "22003"  # SQLSTATE numeric_value_out_of_range
CLASH_ATTEMPTS = 2  # a clash with another phone is tried once more, then reported
KINDS = ("check_in", "undo", "walk_in")


async def sync_offline(*, actor: Actor, event_id: int, operations: list[Op]) -> list[OpResult]:
    """Apply a batch of queued operations in order; one result per operation."""
    await door_event(actor=actor, event_id=event_id)  # a stranger learns nothing, not even per op
    if len(operations) > MAX_OPERATIONS:
        raise invalid_field(
            "operations", _("send at most {limit} at a time").format(limit=MAX_OPERATIONS)
        )
    return [await apply_one(actor, event_id, op) for op in operations]


async def apply_one(actor: Actor, event_id: int, op: Op) -> OpResult:
    """Apply one operation in its own transaction (a savepoint inside an outer one).

    Whatever goes wrong is this operation's refusal and rolls back only its own writes:
    the operations after it still run, and the phone shows this one with its reason.
    """
    for attempt in range(CLASH_ATTEMPTS):
        try:
            async with in_transaction():
                return await _apply(actor, event_id, op)
        except ServiceError as refusal:
            return OpResult(op.client_id, False, refusal.status_code, refusal.message)
        except IntegrityError:
            # Two phones registered the same walk-in at the same moment: the other one won,
            # and running this one again merges into it (by client id or contact).
            if attempt + 1 < CLASH_ATTEMPTS:
                continue
            clash = _("This clashes with a change made at the same moment; sync again.")
            return OpResult(op.client_id, False, 409, clash)
        except Exception as error:  # one operation never fails the batch
            return _unexpected(op, error)
    raise AssertionError("unreachable")  # pragma: no cover - the loop always returns


def _unexpected(op: Op, error: Exception) -> OpResult:
    """A refusal for an error no rule foresaw: a value the database refused, or a bug."""
    state = _data_error(error)
    if state == OUT_OF_RANGE:  # no row can have such an id: the honest answer is "not found"
        return OpResult(op.client_id, False, 404, _("Not found: that id is out of range."))
    if state:
        detail = _("A value in this entry cannot be stored. Correct it, or drop the entry.")
        return OpResult(op.client_id, False, 422, detail)
    # The operation's contents stay out of the log: they hold a parent's name and number.
    logger.exception("door operation %s (%s) failed unexpectedly", op.client_id[:64], op.kind)
    return OpResult(
        op.client_id, False, 500, _("Something went wrong on our side. It has been logged.")
    )


def _data_error(error: BaseException) -> str:
    """The SQLSTATE of a value the database refused (class 22: out of range, NUL byte), or ""."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, OverflowError):  # SQLite's integers end at 2**63
            return OUT_OF_RANGE
        state = str(getattr(seen, "sqlstate", "") or "")
        if state.startswith("22"):
            return state
        seen = seen.__cause__ or seen.__context__
    return ""


async def _apply(actor: Actor, event_id: int, op: Op) -> OpResult:
    if op.kind == "walk_in":
        walk_in = await add_walk_in(
            actor=actor,
            event_id=event_id,
            name=op.name,
            language=op.language,
            mobile=op.mobile,
            email=op.email,
            party_size=op.party_size,
            consent_channels=list(op.consent_channels),
            client_id=op.client_id,
            at=op.at,
        )
        return OpResult(op.client_id, True, 200, "", walk_in.invitation_id, walk_in.check_in)
    if op.invitation_id is None:
        raise invalid_field("invitation_id", _("is needed for {kind}").format(kind=op.kind))
    if not 0 < op.invitation_id <= MAX_ID:  # no row has it; the database could not compare it
        raise NotFound(_("No invitation {id} for this event.").format(id=op.invitation_id))
    if op.kind == "check_in":
        done = await check_in(
            actor=actor,
            event_id=event_id,
            invitation_id=op.invitation_id,
            party_size=op.party_size,
            client_id=op.client_id,
            at=op.at,
        )
    elif op.kind == "undo":
        done = await undo_check_in(
            actor=actor, event_id=event_id, invitation_id=op.invitation_id, at=op.at
        )
    else:
        raise invalid_field("kind", _("must be one of: {kinds}").format(kinds=", ".join(KINDS)))
    return OpResult(op.client_id, True, 200, "", op.invitation_id, done)
