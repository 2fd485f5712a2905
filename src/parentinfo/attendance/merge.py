"""How check-ins and undos from several phones, some of them offline, merge into one row.

A pure core. Each invitation has at most one check-in row per event. Operations arrive
late, twice, or out of order (a phone replays its queue when the wifi returns), so each
rule is written to make a replay of the same operations end in the same state:

- a check-in whose ``client_id`` made the (active) row changes nothing (an exact replay);
- a second check-in updates the party size and keeps the earliest time;
- an undo ends the check-in, unless the check-in is newer than the undo;
- a check-in older than the undo that ended the row is stale and changes nothing;
- a check-in newer than that undo starts the row again from its own time.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum


class Outcome(StrEnum):
    """What an operation did to the row."""

    CREATED = "created"
    MERGED = "merged"
    RESTARTED = "restarted"
    UNDONE = "undone"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class DoorState:
    """One invitation's check-in: who came, how many, since when, undone when."""

    party_size: int
    checked_in_at: datetime
    undone_at: datetime | None = None
    client_id: str | None = None

    @property
    def active(self) -> bool:
        """Checked in and not undone."""
        return self.undone_at is None


def apply_check_in(
    state: DoorState | None, *, party_size: int, at: datetime, client_id: str | None
) -> tuple[DoorState, Outcome]:
    """The row after a check-in at ``at`` with ``party_size`` people."""
    if state is None:
        return DoorState(party_size, at, None, client_id), Outcome.CREATED
    if state.undone_at is None and client_id is not None and state.client_id == client_id:
        return state, Outcome.UNCHANGED
    # The row keeps the client id of the operation that made it: a replayed walk-in finds
    # its row by it. Later operations merge by value, so replaying them is harmless.
    if state.undone_at is None:
        merged = DoorState(party_size, min(state.checked_in_at, at), None, state.client_id)
        return merged, Outcome.MERGED
    if at < state.undone_at:
        return state, Outcome.UNCHANGED
    return DoorState(party_size, at, None, state.client_id), Outcome.RESTARTED


def apply_undo(state: DoorState | None, *, at: datetime) -> tuple[DoorState | None, Outcome]:
    """The row after an undo at ``at`` (nothing to undo, already undone, or too old: as is)."""
    if state is None or state.undone_at is not None or at < state.checked_in_at:
        return state, Outcome.UNCHANGED
    return replace(state, undone_at=at), Outcome.UNDONE
