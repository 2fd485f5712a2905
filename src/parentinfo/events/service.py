"""Events: draft, change, publish, cancel, duplicate, and the monthly series.

Every function starts from what the actor's organisation may see (``events.access``).
Co-hosts and texts live in ``events.hosting`` and ``events.wording``, re-exported here so
callers need one import.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from parentinfo.accounts.actor import Actor
from parentinfo.errors import Conflict, FieldError, invalid_field
from parentinfo.events import fields
from parentinfo.events.access import (
    editable_event,
    event_query_for,
    require_owner,
    visible_event,
)
from parentinfo.events.codes import allocate_reply_code, new_uid
from parentinfo.events.guests import guest_answer, respond_as_guest
from parentinfo.events.happenings import CapacityChanged, EventCancelled, EventMoved, announce
from parentinfo.events.hosting import (
    invite_cohost,
    list_hosts,
    remove_cohost,
    respond_to_cohost_invitation,
)
from parentinfo.events.models import Event, EventHost, EventText, Series
from parentinfo.events.series import MAX_OCCURRENCES, monthly_occurrences, rule_for
from parentinfo.events.wording import (
    delete_text,
    list_texts,
    set_text,
    text_for,
    texts_map,
)
from parentinfo.lib.clock import now
from parentinfo.lib.enums import EventStatus, HostRole, HostStatus
from parentinfo.lib.pagination import Page, PageRequest
from parentinfo.organisations.models import Organisation
from parentinfo.organisations.service import find_by_slug
from parentinfo.privacy import audit
from parentinfo.runtime import runtime

__all__ = [
    "PlannedChange",
    "cancel_event",
    "cancellable_event",
    "create_event",
    "create_monthly_series",
    "delete_text",
    "duplicate_event",
    "get_event",
    "invite_cohost",
    "list_events",
    "list_hosts",
    "list_texts",
    "plan_update",
    "publish_event",
    "remove_cohost",
    "respond_as_guest",
    "respond_to_cohost_invitation",
    "set_text",
    "text_for",
    "texts_map",
    "update_event",
]

REQUIRED_FIELDS = ("topic", "starts_at", "ends_at")
# A change to any of these reaches parents: their calendars and a change notice that says
# whether the time, the place or both moved. (The time zone alone moves no moment: the
# stored times are instants, so changing only the zone is not news for parents.)
TIME_FIELDS = ("starts_at", "ends_at")
PLACE_FIELDS = ("venue", "address")
MOVING_FIELDS = (*TIME_FIELDS, *PLACE_FIELDS)
_CREATE_ATTEMPTS = 5

Texts = Mapping[str, tuple[str, str]]


def default_timezone() -> str:
    """The service's time zone (``TIMEZONE``) from the open runtime's settings."""
    return runtime().settings.timezone


async def create_event(
    *, actor: Actor, values: Mapping[str, Any], texts: Texts | None = None
) -> Event:
    """Draft an event owned by the actor's organisation, with optional texts per language."""
    actor.require_coordinator()
    cleaned, guest, clean_texts = await _clean_new_event(values, texts)
    event = await _insert_event(actor=actor, values=cleaned, guest=guest, texts=clean_texts)
    return await _loaded(event)


@dataclass(frozen=True)
class PlannedChange:
    """A change checked but not saved: the event now, as it would be, and what moved."""

    current: Event
    proposed: Event  # a copy with the changes (and the next SEQUENCE when parents hear)
    cleaned: dict[str, Any]
    moved: frozenset[str]
    new_capacity: bool

    @property
    def reaches_parents(self) -> bool:
        """A published event moved: the invited parents would get a change notice."""
        return bool(self.moved) and self.current.status == EventStatus.PUBLISHED

    @property
    def time_changed(self) -> bool:
        """The start or the end moved."""
        return not self.moved.isdisjoint(TIME_FIELDS)

    @property
    def place_changed(self) -> bool:
        """The venue or the address changed."""
        return not self.moved.isdisjoint(PLACE_FIELDS)


async def plan_update(*, actor: Actor, event_id: int, changes: Mapping[str, Any]) -> PlannedChange:
    """Check a change as :func:`update_event` would, and save nothing (the preview's half)."""
    event = await editable_event(actor=actor, event_id=event_id)
    _refuse_if_closed(event, "changed")
    cleaned = fields.clean_fields(changes, timezone=event.timezone)
    if "guest_organisation" in cleaned:
        guest_id = getattr(await _guest_organisation(cleaned.pop("guest_organisation")), "id", None)
        if guest_id != event.guest_organisation_id:  # type: ignore[attr-defined]
            cleaned.update(guest_answer(guest_id, actor=actor))  # a new guest is asked first
    fields.check_times(
        cleaned.get("starts_at", event.starts_at), cleaned.get("ends_at", event.ends_at)
    )
    moved = frozenset(
        name for name in MOVING_FIELDS if name in cleaned and cleaned[name] != getattr(event, name)
    )
    new_capacity = "capacity" in cleaned and cleaned["capacity"] != event.capacity
    if event.status == EventStatus.PUBLISHED and (moved or new_capacity):
        # Change notices and waiting-list promotions go to every host's parents.
        require_owner(actor=actor, event=event, doing="moves it or changes its places")
    proposed = copy.copy(event)
    for name, value in cleaned.items():
        setattr(proposed, name, value)
    plan = PlannedChange(event, proposed, cleaned, moved, new_capacity)
    if plan.reaches_parents:
        proposed.sequence = event.sequence + 1
    return plan


async def update_event(
    *, actor: Actor, event_id: int, changes: Mapping[str, Any], notify: bool = True
) -> Event:
    """Change an event; a published event that moves gets a new SEQUENCE and change notices.

    ``notify=False`` saves a move without telling the parents: the audit log and the event
    page say who chose so, and when. Unsent messages still get the new details.
    """
    plan = await plan_update(actor=actor, event_id=event_id, changes=changes)
    event = plan.current
    for name, value in plan.cleaned.items():
        setattr(event, name, value)
    await event.save(update_fields=[*plan.cleaned, "updated_at"])
    if plan.new_capacity:  # more places, or none: rsvp moves the waiting list up
        await announce(CapacityChanged(event_id=event.id))
    if plan.reaches_parents:
        await _bump_sequence(event)
        await announce(
            EventMoved(
                event=event,
                time_changed=plan.time_changed,
                place_changed=plan.place_changed,
                notify=notify,
            )
        )
        await audit.record(
            actor=actor,
            action="event.moved",
            subject_type="event",
            subject_id=event.id,
            details={
                "notify": notify,
                "time": plan.time_changed,
                "place": plan.place_changed,
                "sequence": event.sequence,
            },
        )
    return await _loaded(event)


async def publish_event(*, actor: Actor, event_id: int) -> Event:
    """Publish a draft; it needs a title in at least one language."""
    event = await editable_event(actor=actor, event_id=event_id)
    if event.status != EventStatus.DRAFT:
        raise Conflict(f"Only a draft can be published; this event is {event.status.value}.")
    if not await EventText.filter(event_id=event.id).exists():
        raise invalid_field(
            "texts",
            "no title and description in any language yet; write at least one "
            "(English or Dutch reach everyone through the fallback), then publish",
        )
    event.status = EventStatus.PUBLISHED
    event.published_at = now()
    await event.save(update_fields=["status", "published_at", "updated_at"])
    await audit.record(
        actor=actor, action="event.published", subject_type="event", subject_id=event.id
    )
    return await _loaded(event)


async def cancel_event(*, actor: Actor, event_id: int, notify: bool = True) -> Event:
    """Cancel an event (its owner only): a new SEQUENCE, and cancellations to everyone invited.

    ``notify=False`` cancels without telling the parents (recorded, as for a move).
    """
    event = await cancellable_event(actor=actor, event_id=event_id)
    event.status = EventStatus.CANCELLED
    event.cancelled_at = now()
    await event.save(update_fields=["status", "cancelled_at", "updated_at"])
    await _bump_sequence(event)
    await announce(EventCancelled(event=event, notify=notify))
    await audit.record(
        actor=actor,
        action="event.cancelled",
        subject_type="event",
        subject_id=event.id,
        details={"notify": notify, "sequence": event.sequence},
    )
    return await _loaded(event)


async def cancellable_event(*, actor: Actor, event_id: int) -> Event:
    """The event if the actor may cancel it: a coordinator of its owner, while it is open."""
    event = await editable_event(actor=actor, event_id=event_id)
    require_owner(actor=actor, event=event, doing="cancels it")
    _refuse_if_closed(event, "cancelled")
    return event


async def duplicate_event(
    *,
    actor: Actor,
    event_id: int,
    starts_at: datetime | str | None = None,
    ends_at: datetime | str | None = None,
) -> Event:
    """A draft copy (fields and texts, not co-hosts), owned by the actor's organisation."""
    actor.require_coordinator()
    source = await visible_event(actor=actor, event_id=event_id)
    await source.fetch_related("guest_organisation", "texts")
    values = _copied_fields(source)
    if starts_at is not None:
        moved = fields.clean_fields({"starts_at": starts_at}, timezone=source.timezone)
        duration = source.ends_at - source.starts_at
        values["starts_at"] = moved["starts_at"]
        values["ends_at"] = moved["starts_at"] + duration
    if ends_at is not None:
        values["ends_at"] = fields.clean_fields({"ends_at": ends_at}, timezone=source.timezone)[
            "ends_at"
        ]
    fields.check_times(values["starts_at"], values["ends_at"])
    copy = await _insert_event(
        actor=actor, values=values, guest=source.guest_organisation, texts=texts_map(source.texts)
    )
    for text in source.texts:  # the notes per language travel with their texts
        if text.accessibility_notes or text.directions:
            await EventText.filter(event_id=copy.id, language=text.language).update(
                accessibility_notes=text.accessibility_notes, directions=text.directions
            )
    return await _loaded(copy)


async def create_monthly_series(
    *,
    actor: Actor,
    name: str,
    count: int,
    values: Mapping[str, Any],
    texts: Texts | None = None,
) -> tuple[Series, list[Event]]:
    """``count`` drafts on the same weekday of each month (the first one's), same local time."""
    actor.require_coordinator()
    if not 1 <= count <= MAX_OCCURRENCES:
        raise invalid_field("count", f"must be between 1 and {MAX_OCCURRENCES}")
    cleaned, guest, clean_texts = await _clean_new_event(values, texts)
    zone = cleaned.get("timezone") or default_timezone()
    pairs = monthly_occurrences(
        cleaned["starts_at"], cleaned["ends_at"], count=count, timezone=zone
    )
    first_day = cleaned["starts_at"].astimezone(ZoneInfo(zone)).date()
    label = (name or "").strip() or f"Monthly, {rule_for(first_day).describe()}"
    series = await Series.create(organisation_id=actor.org_id, name=label[:200], rule="monthly")
    events = []
    for starts_at, ends_at in pairs:
        one = {**cleaned, "starts_at": starts_at, "ends_at": ends_at}
        event = await _insert_event(
            actor=actor, values=one, guest=guest, texts=clean_texts, series=series
        )
        events.append(await _loaded(event))
    return series, events


async def get_event(*, actor: Actor, event_id: int) -> Event:
    """One event the actor's organisation hosts or is invited to, with texts and hosts."""
    return await _loaded(await visible_event(actor=actor, event_id=event_id))


async def list_events(
    *,
    actor: Actor,
    page: PageRequest,
    status: str | None = None,
    topic: str | None = None,
    starts_from: datetime | None = None,
    starts_before: datetime | None = None,
) -> Page[Event]:
    """The actor's organisation's events (owned, co-hosted, invited), soonest first."""
    query = event_query_for(actor)
    if status:
        query = query.filter(status=_status(status))
    if topic:
        query = query.filter(topic=fields.clean_fields({"topic": topic}, timezone="UTC")["topic"])
    if starts_from is not None:
        query = query.filter(starts_at__gte=_aware(starts_from, "from"))
    if starts_before is not None:
        query = query.filter(starts_at__lt=_aware(starts_before, "to"))
    total = await query.count()
    items = (
        await query.order_by("starts_at", "id")
        .offset(page.offset)
        .limit(page.per_page)
        .select_related("organisation", "guest_organisation")
        .prefetch_related("texts", "hosts")
    )
    return Page(items=list(items), total=total, page=page.page, per_page=page.per_page)


async def _clean_new_event(
    values: Mapping[str, Any], texts: Texts | None
) -> tuple[dict[str, Any], Organisation | None, dict[str, tuple[str, str]]]:
    missing = [FieldError(name, "is required") for name in REQUIRED_FIELDS if name not in values]
    fields.raise_if(missing)
    cleaned = fields.clean_fields(values, timezone=default_timezone())
    fields.check_times(cleaned["starts_at"], cleaned["ends_at"])
    guest = await _guest_organisation(cleaned.pop("guest_organisation", None))
    clean_texts = {
        fields.language(code, field=f"texts.{code}"): fields.title_and_description(*pair)
        for code, pair in (texts or {}).items()
    }
    return cleaned, guest, clean_texts


async def _insert_event(
    *,
    actor: Actor,
    values: Mapping[str, Any],
    guest: Organisation | None,
    texts: Texts,
    series: Series | None = None,
) -> Event:
    """One event, its owner's host row and its texts; a reply code taken meanwhile is retried."""
    values = {"timezone": default_timezone(), **values}
    for attempt in range(_CREATE_ATTEMPTS):
        try:
            async with in_transaction():
                event = await Event.create(
                    **values,
                    organisation_id=actor.org_id,
                    **guest_answer(guest.id if guest else None, actor=actor),
                    series=series,
                    reply_code=await allocate_reply_code(),
                    uid=new_uid(),
                    created_by_id=actor.user_id,
                )
                await EventHost.create(
                    event=event,
                    organisation_id=actor.org_id,
                    role=HostRole.HOST,
                    status=HostStatus.ACCEPTED,
                    invited_by_id=actor.user_id,
                    responded_at=now(),
                )
                for code, (title, description) in texts.items():
                    await EventText.create(
                        event=event, language=code, title=title, description=description
                    )
            return event
        except IntegrityError:
            if attempt == _CREATE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _copied_fields(source: Event) -> dict[str, Any]:
    return {
        "topic": source.topic,
        "starts_at": source.starts_at,
        "ends_at": source.ends_at,
        "timezone": source.timezone,
        "venue": source.venue,
        "address": source.address,
        "accessibility_notes": source.accessibility_notes,
        "capacity": source.capacity,
        "childcare": source.childcare,
        "session_languages": list(source.session_languages),
        "interpreter_languages": list(source.interpreter_languages),
    }


async def _bump_sequence(event: Event) -> None:
    """SEQUENCE + 1 in the database itself, so two edits at once both count."""
    await Event.filter(id=event.id).update(sequence=F("sequence") + 1)
    await event.refresh_from_db(fields=["sequence"])


def _refuse_if_closed(event: Event, verb: str) -> None:
    if event.status in (EventStatus.CANCELLED, EventStatus.DONE):
        raise Conflict(f"This event is {event.status.value}, so it cannot be {verb}.")


async def _guest_organisation(slug: str | None) -> Organisation | None:
    if slug is None:
        return None
    organisation = await find_by_slug(slug)
    if organisation is None:
        raise invalid_field("guest_organisation", f"no organisation has the slug {slug!r}")
    return organisation


def _status(value: str) -> EventStatus:
    try:
        return EventStatus(value)
    except ValueError:
        accepted = ", ".join(s.value for s in EventStatus)
        raise invalid_field("status", f"{value!r} is not a status; use one of {accepted}") from None


def _aware(moment: datetime, field: str) -> datetime:
    if not fields.in_range(moment):
        raise invalid_field(
            field, f"must be between the years {fields.FIRST_YEAR} and {fields.LAST_YEAR}"
        )
    if moment.tzinfo is None:  # a bare date-time in a query means local time
        return moment.replace(tzinfo=ZoneInfo(default_timezone()))
    return moment


async def _loaded(event: Event) -> Event:
    """The event with what the API shows fetched: owner, guest, texts and hosts."""
    await event.fetch_related("organisation", "guest_organisation", "texts", "hosts")
    return event
