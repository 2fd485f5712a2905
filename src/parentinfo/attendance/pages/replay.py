"""The door page's JSON: replay the phone's queued operations, then send back the state.

The browser queues every tap (online or not) and sends the queue here; what comes back
is each operation's result plus the list's state and the headcount, so a phone also
sees what the other phones at the door did meanwhile. An operation and its result are the
API's (``attendance.api``); only the phone's clock is read more leniently.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec

from parentinfo.accounts.actor import Actor
from parentinfo.attendance import service
from parentinfo.attendance.api import OperationIn, OperationOut, operation_out
from parentinfo.attendance.results import Op, OpResult
from parentinfo.i18n import gettext as _


class DoorSync(msgspec.Struct):
    """The phone's queue, oldest first; each operation is read on its own (:func:`read_op`)."""

    operations: list[Any] = msgspec.field(default_factory=list)


class RowState(msgspec.Struct):
    """One invitation's place at the door."""

    invitation_id: int
    checked_in: bool
    party_size: int


class DoorState(msgspec.Struct):
    """Results, every row's state, the headcount per language, and whether to reload."""

    results: list[OperationOut]
    rows: list[RowState]
    total_people: int
    per_language: dict[str, int]
    reload: bool = False


def read_op(raw: object) -> Op | OpResult:
    """One queued operation as the service takes it, or its refusal when it cannot be read.

    A phone's queue may hold anything (a page from before an upgrade, a broken storage):
    an unreadable entry is refused on its own instead of failing the whole batch, which
    the phone would otherwise resend every few seconds without end.
    """
    try:
        op = msgspec.convert(_clock_read(raw), OperationIn)
    except msgspec.ValidationError:
        client_id = raw.get("client_id") if isinstance(raw, dict) else None
        detail = _("This entry could not be read. Drop it and enter it again.")
        return OpResult(client_id if isinstance(client_id, str) else "", False, 422, detail)
    return Op(**msgspec.structs.asdict(op))


def _clock_read(raw: object) -> object:
    """The entry with its ``at`` read from the phone's text; a time that cannot be read is
    left out, so the server's time is used (a phone with a strange clock still checks in)."""
    if not isinstance(raw, dict) or not isinstance(raw.get("at"), str):
        return raw
    at = None
    if raw["at"]:
        try:
            at = datetime.fromisoformat(raw["at"].replace("Z", "+00:00"))
        except ValueError:
            at = None
    return {**raw, "at": at}


async def sync_door(*, actor: Actor, event_id: int, data: DoorSync) -> DoorState:
    """Apply the queue (duplicates merge by client id), then report the door's state."""
    read = [read_op(raw) for raw in data.operations]
    applied = iter(
        await service.sync_offline(
            actor=actor, event_id=event_id, operations=[op for op in read if isinstance(op, Op)]
        )
    )
    # Each entry's result in the queue's order: unreadable ones refused, the rest applied.
    results = [entry if isinstance(entry, OpResult) else next(applied) for entry in read]
    walked_in = any(
        result.ok and isinstance(entry, Op) and entry.kind == "walk_in"
        for entry, result in zip(read, results, strict=True)
    )
    rows = await service.attendance_list(actor=actor, event_id=event_id)
    count = await service.headcount(actor=actor, event_id=event_id)
    return DoorState(
        results=[operation_out(r) for r in results],
        rows=[
            RowState(
                r.invitation_id,
                r.checked_in,
                r.checked_in_party_size if r.checked_in else r.party_size,
            )
            for r in rows
        ],
        total_people=count.total_people,
        per_language=count.per_language,
        reload=walked_in,  # new rows arrived: the page shows them after a reload
    )
