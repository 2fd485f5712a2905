"""Checking an invitation in and out: one row per invitation, merged by :mod:`merge`.

Two statements per tap (the door is a queue of people): one read that checks the door,
the invitation and its row at once (:mod:`doorread`), and the write.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tortoise.exceptions import IntegrityError

from parentinfo.accounts.actor import Actor
from parentinfo.attendance.access import (
    clean_client_id,
    clean_party_size,
    moment,
    require_open,
)
from parentinfo.attendance.doorread import DoorRead, StoredRow, read_door
from parentinfo.attendance.merge import DoorState, Outcome, apply_check_in, apply_undo
from parentinfo.attendance.models import CheckIn
from parentinfo.attendance.results import CheckInResult
from parentinfo.errors import Conflict, NotFound
from parentinfo.i18n import gettext as _
from parentinfo.lib.clock import now


async def check_in(
    *,
    actor: Actor,
    event_id: int,
    invitation_id: int,
    party_size: int,
    client_id: str | None = None,
    at: datetime | None = None,
) -> CheckInResult:
    """Check an invitation in; the same ``client_id`` again changes nothing (offline replays)."""
    # The read looks the client_id up as sent, so that the refusals keep their order (the
    # door's 404 first, then the input's 422): one too long to be stored finds nothing.
    wanted = (client_id or "").strip() or None
    door = await read_door(
        org_id=actor.org_id, event_id=event_id, invitation_id=invitation_id, client_id=wanted
    )
    require_open(door.status)
    operation = _Operation(
        actor.org_id,
        event_id,
        invitation_id,
        clean_party_size(party_size),
        moment(at),
        clean_client_id(client_id),
        actor.user_id,
    )
    return await _write_or_merge(operation, door)


async def undo_check_in(
    *, actor: Actor, event_id: int, invitation_id: int, at: datetime | None = None
) -> CheckInResult:
    """Undo a check-in (the row stays, with ``undone_at``); an older undo than it is ignored."""
    door = await read_door(
        org_id=actor.org_id, event_id=event_id, invitation_id=invitation_id, client_id=None
    )
    row = door.row_for(event_id, invitation_id)
    if row is None:
        raise NotFound(_("Invitation {id} is not checked in.").format(id=invitation_id))
    state, outcome = apply_undo(row.state, at=moment(at))
    if outcome is Outcome.UNDONE and state is not None:
        await CheckIn.filter(id=row.id).update(undone_at=state.undone_at, updated_at=now())
        return _result(invitation_id, state, outcome)
    return _result(invitation_id, row.state, outcome)


async def write_check_in(
    *,
    org_id: int,
    event_id: int,
    invitation_id: int,
    party_size: int,
    at: datetime,
    client_id: str | None,
    user_id: int | None,
) -> CheckInResult:
    """Create or merge the row of an invitation known to be the event's (a walk-in's)."""
    operation = _Operation(org_id, event_id, invitation_id, party_size, at, client_id, user_id)
    return await _write_or_merge(operation, await _read(operation))


@dataclass(frozen=True)
class _Operation:
    org_id: int
    event_id: int
    invitation_id: int
    party_size: int
    at: datetime
    client_id: str | None
    user_id: int | None


async def _read(op: _Operation) -> DoorRead:
    return await read_door(
        org_id=op.org_id,
        event_id=op.event_id,
        invitation_id=op.invitation_id,
        client_id=op.client_id,
    )


async def _write_or_merge(op: _Operation, door: DoorRead) -> CheckInResult:
    """Create or merge the row; a phone that raced us to create it gets merged into it."""
    try:
        return await _merge_into_row(op, door)
    except IntegrityError:
        # Another phone created the row (or used the id) between our read and our insert.
        return await _merge_into_row(op, await _read(op))


async def _merge_into_row(op: _Operation, door: DoorRead) -> CheckInResult:
    if door.client_id_taken(op.client_id, op.event_id, op.invitation_id):
        raise Conflict(_("This client_id was already used for another check-in."))
    row = door.row_for(op.event_id, op.invitation_id)
    state, outcome = apply_check_in(
        row.state if row else None, party_size=op.party_size, at=op.at, client_id=op.client_id
    )
    if row is None:
        # Only a first check-in needs to know the invitation is this event's: a row proves it.
        if not door.invited:
            raise NotFound(_("No invitation {id} for this event.").format(id=op.invitation_id))
        await CheckIn.create(
            event_id=op.event_id,
            invitation_id=op.invitation_id,
            party_size=state.party_size,
            checked_in_at=state.checked_in_at,
            checked_in_by_id=op.user_id,
            client_id=state.client_id,
        )
    elif outcome is not Outcome.UNCHANGED:
        await _update(row, state, op.user_id)
    return _result(op.invitation_id, state, outcome)


async def _update(row: StoredRow, state: DoorState, user_id: int | None) -> None:
    await CheckIn.filter(id=row.id).update(
        party_size=state.party_size,
        checked_in_at=state.checked_in_at,
        undone_at=state.undone_at,
        checked_in_by_id=user_id,
        updated_at=now(),
    )


def _result(invitation_id: int, state: DoorState, outcome: Outcome | str) -> CheckInResult:
    return CheckInResult(
        invitation_id=invitation_id,
        checked_in=state.undone_at is None,
        party_size=state.party_size,
        checked_in_at=state.checked_in_at,
        undone_at=state.undone_at,
        outcome=str(outcome),
    )


def result_for(row: CheckIn, outcome: Outcome | str) -> CheckInResult:
    """The API's view of a check-in row."""
    state = DoorState(row.party_size, row.checked_in_at, row.undone_at, row.client_id)
    return _result(int(row.invitation_id), state, outcome)  # type: ignore[attr-defined]
