"""A text written or removed counts as a change to its event, so feeds notice it cheaply.

A feed's ETag comes from its events' count, latest ``updated_at`` and highest SEQUENCE
(one cheap query). Titles and descriptions live in another table: rather than scan every
text of every event on each poll, saving or deleting a text touches its event's
``updated_at`` here, for whatever feature wrote it.
"""

from __future__ import annotations

from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.signals import post_delete, post_save

from parentinfo.events.models import Event, EventText
from parentinfo.lib.clock import now


async def touch_event(text: EventText, using_db: BaseDBAsyncClient | None) -> None:
    """Mark the text's event as changed now (in the same transaction as the text)."""
    query = Event.filter(id=text.event_id)  # type: ignore[attr-defined]
    if using_db is not None:
        query = query.using_db(using_db)
    await query.update(updated_at=now())


@post_save(EventText)
async def _text_saved(
    sender: type[EventText],
    instance: EventText,
    created: bool,
    using_db: BaseDBAsyncClient | None,
    update_fields: Any,
) -> None:
    del sender, created, update_fields
    await touch_event(instance, using_db)


@post_delete(EventText)
async def _text_deleted(
    sender: type[EventText], instance: EventText, using_db: BaseDBAsyncClient | None
) -> None:
    del sender
    await touch_event(instance, using_db)
