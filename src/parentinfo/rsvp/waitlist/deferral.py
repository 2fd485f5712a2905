"""Queueing the job that tells the waiting list a place came free (after the answer commits)."""

from __future__ import annotations

from collections.abc import Sequence

from parentinfo.runtime import runtime

PROMOTION_TASK = "rsvp:notify_promoted"


async def defer_promotion_notices(invitation_ids: Sequence[int]) -> None:
    """Queue ``rsvp:notify_promoted`` for these invitations."""
    await runtime().jobs.tasks[PROMOTION_TASK].defer_async(invitation_ids=list(invitation_ids))
