"""What happened to an event, announced to the features above that act on it.

The events feature stands below outreach and rsvp: it never calls them. It announces a
fact (the event moved, was cancelled, its capacity changed); each feature that cares
subscribed a listener when the process connected its features
(:func:`parentinfo.features.connect_features`). Listeners run in the order they
subscribed, inside the announcing call, so a failure reaches the caller as before.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from parentinfo.events.models import Event


@dataclass(frozen=True)
class EventMoved:
    """A published event's time or place changed (its SEQUENCE was bumped)."""

    event: Event
    time_changed: bool
    place_changed: bool
    notify: bool = True  # False: saved without telling the parents (staff chose so, recorded)


@dataclass(frozen=True)
class EventCancelled:
    """An event was cancelled (its SEQUENCE was bumped)."""

    event: Event
    notify: bool = True  # False: cancelled without telling the parents (recorded)


@dataclass(frozen=True)
class CapacityChanged:
    """An event's capacity changed: more places, or no limit any more."""

    event_id: int


H = TypeVar("H", EventMoved, EventCancelled, CapacityChanged)
Listener = Callable[[H], Awaitable[None]]

_listeners: dict[type[Any], list[Callable[[Any], Awaitable[None]]]] = {}


def subscribe(kind: type[H], listener: Listener[H]) -> None:
    """Call ``listener`` for every announced ``kind``; subscribing twice is a no-op."""
    listeners = _listeners.setdefault(kind, [])
    if listener not in listeners:
        listeners.append(listener)


async def announce(happening: EventMoved | EventCancelled | CapacityChanged) -> None:
    """Tell every listener of this kind, in order; refuse when the features are not connected.

    A fact nobody hears would be a notice that never reaches the parents: that is a wiring
    mistake, and it fails loudly.
    """
    listeners = _listeners.get(type(happening))
    if not listeners:
        raise RuntimeError(
            f"nobody listens for {type(happening).__name__}: call connect_features() first"
        )
    for listener in listeners:
        await listener(happening)
