"""Background jobs of the RSVP feature: what an SMS reply causes but need not wait for."""

from __future__ import annotations

import procrastinate

from parentinfo.rsvp.waitlist.deferral import PROMOTION_TASK, defer_promotion_notices
from parentinfo.rsvp.waitlist.promotion import queue_promotion_notices

__all__ = ["PROMOTION_TASK", "blueprint", "defer_promotion_notices", "notify_promoted"]

blueprint = procrastinate.Blueprint()


@blueprint.task(name="notify_promoted", retry=3)
async def notify_promoted(invitation_ids: list[int]) -> None:
    """Tell each parent who moved up from the waiting list that they have a place."""
    await queue_promotion_notices(invitation_ids)
