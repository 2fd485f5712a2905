"""Durability comes from the outbox: at start-up, every unsent due message is queued again."""

from __future__ import annotations


async def requeue_unsent() -> int:
    """Defer a send job for each pending message (filled in by the outreach feature)."""
    return 0
