"""Checking an invitation in and out: one row per invitation, merged by :mod:`merge`.

A few queries per tap (the door is a queue of people): the event, the row (found by
invitation or by the phone's ``client_id`` in one query) and the write; a first check-in
also makes sure the invitation belongs to the event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q

from parentinfo.accounts.actor import Actor
from parentinfo.attendance.access import (
    clean_client_id,
    clean_party_size,
    door_event,
    moment,
    require_open,
)
from parentinfo.attendance.merge import DoorState, Outcome, apply_check_in, apply_undo
from parentinfo.attendance.models import CheckIn
from parentinfo.attendance.results import CheckInResult
from parentinfo.errors import Conflict, NotFound
from parentinfo.i18n import gettext as _
from parentinfo.rsvp.models import Invitation


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
    event = await door_event(actor=actor, event_id=event_id)
    require_open(event)
    size = clean_party_size(party_size)
    cid = clean_client_id(client_id)
    return await write_check_in(
        event_id=event.id,
        invitation_id=invitation_id,
        party_size=size,
        at=moment(at),
        client_id=cid,
        user_id=actor.user_id,
    )


async def undo_check_in(
    *, actor: Actor, event_id: int, invitation_id: int, at: datetime | None = None
) -> CheckInResult:
    """Undo a check-in (the row stays, with ``undone_at``); an older undo than it is ignored."""
    event = await door_event(actor=actor, event_id=event_id)
    row = await CheckIn.get_or_none(event_id=event.id, invitation_id=invitation_id)
    if row is None:
        raise NotFound(_("Invitation {id} is not checked in.").format(id=invitation_id))
    state, outcome = apply_undo(_state(row), at=moment(at))
    if outcome is Outcome.UNDONE and state is not None:
        row.undone_at = state.undone_at
        await row.save(update_fields=["undone_at", "updated_at"])
    return result_for(row, outcome)


async def write_check_in(
    *,
    event_id: int,
    invitation_id: int,
    party_size: int,
    at: datetime,
    client_id: str | None,
    user_id: int | None,
) -> CheckInResult:
    """Create or merge the row; a phone that raced us to create it gets merged into it."""
    operation = _Operation(event_id, invitation_id, party_size, at, client_id, user_id)
    try:
        return await _merge_into_row(operation)
    except IntegrityError:
        # Another phone created the row (or used the id) between our read and our insert.
        return await _merge_into_row(operation)


@dataclass(frozen=True)
class _Operation:
    event_id: int
    invitation_id: int
    party_size: int
    at: datetime
    client_id: str | None
    user_id: int | None


async def _merge_into_row(op: _Operation) -> CheckInResult:
    event_id, invitation_id, client_id = op.event_id, op.invitation_id, op.client_id
    wanted = Q(event_id=event_id, invitation_id=invitation_id)
    rows = await CheckIn.filter(wanted | Q(client_id=client_id) if client_id else wanted)
    row = next((r for r in rows if _is_for(r, event_id, invitation_id)), None)
    if any(r.client_id == client_id and not _is_for(r, event_id, invitation_id) for r in rows):
        raise Conflict(_("This client_id was already used for another check-in."))
    state, outcome = apply_check_in(
        _state(row) if row else None, party_size=op.party_size, at=op.at, client_id=client_id
    )
    if row is None:
        # Only a first check-in needs to know the invitation is this event's: a row proves it.
        if not await Invitation.exists(id=invitation_id, event_id=event_id):
            raise NotFound(_("No invitation {id} for this event.").format(id=invitation_id))
        row = await CheckIn.create(
            event_id=event_id,
            invitation_id=invitation_id,
            party_size=state.party_size,
            checked_in_at=state.checked_in_at,
            checked_in_by_id=op.user_id,
            client_id=state.client_id,
        )
    elif outcome is not Outcome.UNCHANGED:
        row.party_size = state.party_size
        row.checked_in_at = state.checked_in_at
        row.undone_at = state.undone_at
        row.checked_in_by_id = op.user_id
        await row.save(
            update_fields=[
                "party_size",
                "checked_in_at",
                "undone_at",
                "checked_in_by_id",
                "updated_at",
            ]
        )
    return result_for(row, outcome)


def _is_for(row: CheckIn, event_id: int, invitation_id: int) -> bool:
    return bool(row.event_id == event_id and row.invitation_id == invitation_id)  # type: ignore[attr-defined]


def _state(row: CheckIn) -> DoorState:
    return DoorState(row.party_size, row.checked_in_at, row.undone_at, row.client_id)


def result_for(row: CheckIn, outcome: Outcome | str) -> CheckInResult:
    """The API's view of a check-in row."""
    return CheckInResult(
        invitation_id=int(row.invitation_id),  # type: ignore[attr-defined]
        checked_in=row.undone_at is None,
        party_size=row.party_size,
        checked_in_at=row.checked_in_at,
        undone_at=row.undone_at,
        outcome=str(outcome),
    )
