"""A tap at the door costs two statements: one read that checks everything, and the write.

The door is a queue of people on a busy evening, so these counts are a budget: a change
that loads the event, the host or the invitation again shows up here before it shows up
as a queue in the school's hall.
"""

from __future__ import annotations

import pytest

from parentinfo.attendance.models import CheckIn
from parentinfo.attendance.results import Op
from parentinfo.attendance.service import check_in, sync_offline, undo_check_in
from tests.attendance.conftest import Door

pytestmark = pytest.mark.anyio


async def test_check_in_merge_and_undo_cost_two_statements_each(
    door: Door, statements: list[str]
) -> None:
    actor = door.volunteer.actor  # an accepted co-host: its standing is part of the read too
    event_id, invitation_id = door.event.id, door.anna_invitation.id
    statements.clear()
    first = await check_in(
        actor=actor, event_id=event_id, invitation_id=invitation_id, party_size=2, client_id="t1"
    )
    assert (first.outcome, len(statements)) == ("created", 2)
    statements.clear()
    merged = await check_in(
        actor=actor, event_id=event_id, invitation_id=invitation_id, party_size=3
    )
    assert (merged.outcome, merged.party_size, len(statements)) == ("merged", 3, 2)
    statements.clear()
    undone = await undo_check_in(actor=actor, event_id=event_id, invitation_id=invitation_id)
    assert (undone.outcome, len(statements)) == ("undone", 2)
    row = await CheckIn.get(event_id=event_id, invitation_id=invitation_id)
    assert (row.party_size, row.client_id, row.checked_in_by_id) == (3, "t1", actor.user_id)  # type: ignore[attr-defined]
    assert row.undone_at == undone.undone_at


async def test_a_replayed_check_in_is_one_read_and_no_write(
    door: Door, statements: list[str]
) -> None:
    actor, event_id = door.school.actor, door.event.id
    await check_in(
        actor=actor, event_id=event_id, invitation_id=door.ivan_invitation.id, party_size=1,
        client_id="r1",
    )  # fmt: skip
    statements.clear()
    replay = await check_in(
        actor=actor, event_id=event_id, invitation_id=door.ivan_invitation.id, party_size=1,
        client_id="r1",
    )  # fmt: skip
    assert (replay.outcome, len(statements)) == ("unchanged", 1)


async def test_a_synced_queue_checks_the_door_once_then_two_statements_per_tap(
    door: Door, statements: list[str]
) -> None:
    operations = [
        Op(kind="check_in", client_id="s1", invitation_id=door.anna_invitation.id, party_size=2),
        Op(kind="check_in", client_id="s2", invitation_id=door.ivan_invitation.id),
        Op(kind="undo", client_id="s3", invitation_id=door.ivan_invitation.id),
    ]
    statements.clear()
    results = await sync_offline(
        actor=door.volunteer.actor, event_id=door.event.id, operations=operations
    )
    assert [r.ok for r in results] == [True, True, True]
    assert len(statements) == 1 + 2 * len(operations)
