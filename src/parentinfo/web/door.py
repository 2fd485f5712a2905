"""The door page's JSON: replay the phone's queued operations, then send back the state.

The browser queues every tap (online or not) and sends the queue here; what comes back
is each operation's result plus the list's state and the headcount, so a phone also
sees what the other phones at the door did meanwhile.
"""

from __future__ import annotations

from datetime import datetime

import msgspec

from parentinfo.accounts.actor import Actor
from parentinfo.attendance import service
from parentinfo.attendance.results import Op


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
    """The phone's queue, oldest first."""

    operations: list[DoorOp] = msgspec.field(default_factory=list)


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


def _op(raw: DoorOp) -> Op:
    at = None
    if raw.at:
        try:
            at = datetime.fromisoformat(raw.at.replace("Z", "+00:00"))
        except ValueError:
            at = None  # a phone with a strange clock: the server's time is used
    fields = msgspec.structs.asdict(raw)
    fields["at"] = at
    return Op(**fields)


async def sync_door(*, actor: Actor, event_id: int, data: DoorSync) -> DoorState:
    """Apply the queue (duplicates merge by client id), then report the door's state."""
    results = await service.sync_offline(
        actor=actor, event_id=event_id, operations=[_op(op) for op in data.operations]
    )
    rows = await service.attendance_list(actor=actor, event_id=event_id)
    count = await service.headcount(actor=actor, event_id=event_id)
    walked_in = any(op.kind == "walk_in" for op in data.operations)
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
