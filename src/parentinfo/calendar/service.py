"""Calendars from the database: an invitation's iTIP, an organisation's feed, a parent's feed.

STUB: the calendar feature replaces these bodies; the signatures are the contract.
"""

from __future__ import annotations


async def invitation_calendar(*, invitation_id: int, method: str = "REQUEST") -> str:
    """The iCalendar text (METHOD REQUEST or CANCEL) for one invitation, in its language."""
    del invitation_id, method
    return ""
