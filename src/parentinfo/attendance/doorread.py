"""A tap's one read: may the actor run this door, is the invitation the event's, its rows.

The door is a queue of people, so a check-in or an undo costs two statements: this read
and the write. The read answers at once what the ORM would ask in four queries (the
event, the actor's standing as its host, whether the invitation is this event's, and the
check-in rows of the invitation or of the phone's ``client_id``). Plain SQL, for the
reason :mod:`parentinfo.lib.sql` gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parentinfo.attendance.access import require_door, unknown_event
from parentinfo.attendance.merge import DoorState
from parentinfo.events.access import ID_MAX
from parentinfo.lib.sql import fetch, moment, optional_moment

# One row per check-in row found (the invitation's, and another one holding the same
# client_id), or one row of NULLs when there is none; no row when the event does not exist.
DOOR_READ = """
SELECT e.organisation_id AS owner_id, e.status AS status,
       (SELECT h.status FROM event_host h
        WHERE h.event_id = e.id AND h.organisation_id = :org) AS host_status,
       EXISTS (SELECT 1 FROM invitation i
               WHERE i.id = :invitation AND i.event_id = e.id) AS invited,
       c.id AS row_id, c.event_id AS row_event_id, c.invitation_id AS row_invitation_id,
       c.party_size, c.checked_in_at, c.undone_at, c.client_id
FROM event e
LEFT JOIN checkin c
  ON (c.event_id = e.id AND c.invitation_id = :invitation) OR c.client_id = :client_id
WHERE e.id = :event
"""


@dataclass(frozen=True)
class StoredRow:
    """A check-in row as read: whose it is, and its state."""

    id: int
    event_id: int
    invitation_id: int
    state: DoorState


@dataclass(frozen=True)
class DoorRead:
    """What a check-in or an undo needs to know before it writes."""

    status: str  # the event's
    invited: bool  # the invitation belongs to the event
    rows: list[StoredRow]

    def row_for(self, event_id: int, invitation_id: int) -> StoredRow | None:
        """The invitation's row at this event, if it has one."""
        return next((r for r in self.rows if _is_for(r, event_id, invitation_id)), None)

    def client_id_taken(self, client_id: str | None, event_id: int, invitation_id: int) -> bool:
        """True when another check-in row already holds ``client_id``."""
        return client_id is not None and any(
            r.state.client_id == client_id and not _is_for(r, event_id, invitation_id)
            for r in self.rows
        )


async def read_door(
    *, org_id: int, event_id: int, invitation_id: int, client_id: str | None
) -> DoorRead:
    """The door's state for one invitation; 404 unless the organisation runs this door."""
    if not 0 < event_id <= ID_MAX:
        raise unknown_event(event_id)
    found = await fetch(
        DOOR_READ,
        {"org": org_id, "event": event_id, "invitation": invitation_id, "client_id": client_id},
    )
    if not found:
        raise unknown_event(event_id)
    first = found[0]
    require_door(
        org_id=org_id,
        event_id=event_id,
        owner_id=int(first["owner_id"]),
        host_status=first["host_status"],
    )
    rows = [_stored(r) for r in found if r["row_id"] is not None]
    return DoorRead(status=str(first["status"]), invited=bool(first["invited"]), rows=rows)


def _stored(row: dict[str, Any]) -> StoredRow:
    return StoredRow(
        id=int(row["row_id"]),
        event_id=int(row["row_event_id"]),
        invitation_id=int(row["row_invitation_id"]),
        state=DoorState(
            party_size=int(row["party_size"]),
            checked_in_at=moment(row["checked_in_at"]),
            undone_at=optional_moment(row["undone_at"]),
            client_id=row["client_id"],
        ),
    )


def _is_for(row: StoredRow, event_id: int, invitation_id: int) -> bool:
    return row.event_id == event_id and row.invitation_id == invitation_id
