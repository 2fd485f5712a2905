"""Change and cancellation notices, queued when an event moves or is cancelled.

STUB: the outreach feature replaces these bodies; the signatures are the contract.
"""

from __future__ import annotations

from parentinfo.events.models import Event


async def queue_change_notices(*, event: Event) -> int:
    """Queue a change notice (SMS/email, with an updated calendar) to everyone invited."""
    del event
    return 0


async def queue_cancellations(*, event: Event) -> int:
    """Queue a cancellation (SMS/email, with an iTIP CANCEL) to everyone invited."""
    del event
    return 0
