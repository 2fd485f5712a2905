"""Builders for events: a body the API accepts, and a drafted event through the service."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from parentinfo.events import service
from parentinfo.events.models import Event
from parentinfo.lib.clock import now
from tests.factories import Member


def next_week(hour: int = 19) -> datetime:
    """A moment next week, on the hour, in UTC."""
    moment = now() + timedelta(days=7)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0, tzinfo=UTC)


def event_body(**overrides: Any) -> dict[str, Any]:
    """A JSON body for ``POST /api/v1/events``."""
    starts = next_week()
    body: dict[str, Any] = {
        "topic": "school_system",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=2)).isoformat(),
        "venue": "Basisschool De Regenboog",
        "address": "Schoolstraat 1, Zwolle",
        "capacity": 30,
        "childcare": True,
        "session_languages": ["en"],
        "interpreter_languages": ["pl"],
    }
    body.update(overrides)
    return body


async def make_event(
    member: Member, *, texts: dict[str, tuple[str, str]] | None = None, **values: Any
) -> Event:
    """A draft event owned by ``member``'s organisation."""
    starts = next_week()
    fields: dict[str, Any] = {
        "topic": "school_system",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=2),
        "session_languages": ["en"],
    }
    fields.update(values)
    return await service.create_event(
        actor=member.actor,
        values=fields,
        texts=texts if texts is not None else {"en": ("The Dutch school system", "")},
    )
