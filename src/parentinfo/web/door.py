"""The door page's JSON: replay the phone's queued operations, then send back the state.

The browser queues every tap (online or not) and sends the queue here; what comes back
is each operation's result plus the list's state and the headcount, so a phone also
sees what the other phones at the door did meanwhile.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec

from parentinfo.accounts.actor import Actor
from parentinfo.attendance import service
from parentinfo.attendance.results import Op, OpResult
from parentinfo.i18n import gettext as _


class DoorOp(msgspec.Struct):
    """One operation: ``check_in`` / ``undo`` (with invitation_id) or ``walk_in``."""

    kind: str
    client_id: str
    at: str | None = None
    invitation_id: int | None = None
    party_size: int = 1
    name: str = ""
    language: str = "nl"
    mobile: str | None = None
    email: str | None = None
    consent_channels: list[str] = msgspec.field(default_factory=list)


class DoorSync(msgspec.Struct):
    """The phone's queue, oldest first; each operation is read on its own (:func:`read_op`)."""

    operations: list[Any] = msgspec.field(default_factory=list)


class RowState(msgspec.Struct):
    """One invitation's place at the door."""

    invitation_id: int
    checked_in: bool
    party_size: int


class DoorResult(msgspec.Struct):
    """How one operation went."""

    client_id: str
    ok: bool
    status_code: int
    detail: str


class DoorState(msgspec.Struct):
    """Results, every row's state, the headcount per language, and whether to reload."""

    results: list[DoorResult]
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
        op = msgspec.convert(raw, DoorOp)
    except msgspec.ValidationError:
        client_id = raw.get("client_id") if isinstance(raw, dict) else None
        detail = _("This entry could not be read. Drop it and enter it again.")
        return OpResult(client_id if isinstance(client_id, str) else "", False, 422, detail)
    at = None
    if op.at:
        try:
            at = datetime.fromisoformat(op.at.replace("Z", "+00:00"))
        except ValueError:
            at = None  # a phone with a strange clock: the server's time is used
    fields = msgspec.structs.asdict(op)
    fields["at"] = at
    return Op(**fields)


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
        results=[DoorResult(r.client_id, r.ok, r.status_code, r.detail) for r in results],
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
