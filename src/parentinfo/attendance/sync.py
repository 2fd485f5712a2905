"""Replaying what a phone queued while the venue's wifi was down, one operation at a time.

Operations are applied in the order the phone made them. Each one stands alone: a refused
operation is reported and the next one still runs, so one bad row never loses the rest.
"""

from __future__ import annotations

from tortoise.exceptions import IntegrityError

from parentinfo.accounts.actor import Actor
from parentinfo.attendance.access import door_event
from parentinfo.attendance.checkins import check_in, undo_check_in
from parentinfo.attendance.results import Op, OpResult
from parentinfo.attendance.walkins import add_walk_in
from parentinfo.errors import ServiceError, invalid_field
from parentinfo.i18n import gettext as _

MAX_OPERATIONS = 500
KINDS = ("check_in", "undo", "walk_in")


async def sync_offline(*, actor: Actor, event_id: int, operations: list[Op]) -> list[OpResult]:
    """Apply a batch of queued operations in order; one result per operation."""
    await door_event(actor=actor, event_id=event_id)  # a stranger learns nothing, not even per op
    if len(operations) > MAX_OPERATIONS:
        raise invalid_field(
            "operations", _("send at most {limit} at a time").format(limit=MAX_OPERATIONS)
        )
    results = []
    for op in operations:
        try:
            results.append(await _apply(actor, event_id, op))
        except ServiceError as refusal:
            results.append(OpResult(op.client_id, False, refusal.status_code, refusal.message))
        except IntegrityError:
            # Two phones registered the same walk-in at the same moment: the other one won.
            clash = _("This clashes with a change made at the same moment; sync again.")
            results.append(OpResult(op.client_id, False, 409, clash))
    return results


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
