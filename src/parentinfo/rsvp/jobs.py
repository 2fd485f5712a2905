"""Background jobs of the RSVP feature: what an SMS reply causes but need not wait for."""

from __future__ import annotations

from collections.abc import Sequence

import procrastinate

from parentinfo.runtime import runtime

blueprint = procrastinate.Blueprint()

PROMOTION_TASK = "rsvp:notify_promoted"


@blueprint.task(name="notify_promoted", retry=3)
async def notify_promoted(invitation_ids: list[int]) -> None:
    """Tell each parent who moved up from the waiting list that they have a place."""
    from parentinfo.rsvp.notices import queue_promotion_notices

    await queue_promotion_notices(invitation_ids)


async def defer_promotion_notices(invitation_ids: Sequence[int]) -> None:
    """Queue :func:`notify_promoted` for these invitations (after the answer committed)."""
    await runtime().jobs.tasks[PROMOTION_TASK].defer_async(invitation_ids=list(invitation_ids))
