"""What the events API reads and writes: msgspec structs, and how an event becomes one."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

import msgspec
from litestar.openapi.datastructures import ResponseSpec
from msgspec import UNSET, Meta, UnsetType

from parentinfo.accounts.actor import Actor
from parentinfo.events import fields
from parentinfo.events.access import owner_id
from parentinfo.events.models import Event, EventHost, EventText
from parentinfo.events.texts import choose_text
from parentinfo.events.wording import texts_map
from parentinfo.lib.enums import SUPPORTED_LANGUAGES, HostRole, HostStatus, Topic
from parentinfo.organisations import responses

_TOPICS = ", ".join(t.value for t in Topic)
_LANGS = ", ".join(SUPPORTED_LANGUAGES)

# Plain strings checked by the service (its 422 lists what is accepted); the enum is for readers.
TopicField = Annotated[
    str,
    Meta(
        description=f"one of {_TOPICS}",
        examples=["school_system"],
        extra_json_schema={"extra": {"enum": [t.value for t in Topic]}},
    ),
]
Language = Annotated[
    str,
    Meta(
        max_length=8,
        description=f"one of {_LANGS}",
        examples=["pl"],
        extra_json_schema={"extra": {"enum": list(SUPPORTED_LANGUAGES)}},
    ),
]
Venue = Annotated[str, Meta(max_length=fields.MAX_LENGTHS["venue"])]
Address = Annotated[str, Meta(max_length=fields.MAX_LENGTHS["address"])]
Notes = Annotated[str, Meta(max_length=fields.MAX_LENGTHS["accessibility_notes"])]
Capacity = Annotated[
    int, Meta(gt=0, le=fields.CAPACITY_MAX, description="places; null for no limit")
]
Title = Annotated[str, Meta(min_length=1, max_length=fields.TITLE_MAX)]
Description = Annotated[str, Meta(max_length=fields.DESCRIPTION_MAX)]
Zone = Annotated[str, Meta(max_length=64, examples=["Europe/Amsterdam"])]
Slug = Annotated[str, Meta(min_length=1, max_length=64, examples=["polska-zwolle"])]
When = Annotated[
    datetime,
    Meta(
        description="ISO 8601 with offset; without one, read in the event's time zone",
        examples=["2025-03-11T19:00:00+01:00"],
    ),
]
# Its own example, two hours after ``When``'s: an example pair must be an event that can exist.
Until = Annotated[
    datetime,
    Meta(
        description="ISO 8601 with offset, later than starts_at",
        examples=["2025-03-11T21:00:00+01:00"],
    ),
]


class TextIn(msgspec.Struct, forbid_unknown_fields=True):
    """A title, description and practical notes in one language; notes left out are kept."""

    title: Title
    description: Description = ""
    accessibility_notes: Notes | None = None
    directions: Notes | None = None


class EventIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A new event; ``texts`` maps a language code to its title and description."""

    topic: TopicField
    starts_at: When
    ends_at: Until
    timezone: Zone | None = None
    venue: Venue = ""
    address: Address = ""
    accessibility_notes: Notes = ""
    capacity: Capacity | None = None
    childcare: bool = False
    session_languages: list[Language] = msgspec.field(default_factory=lambda: ["nl"])
    interpreter_languages: list[Language] = msgspec.field(default_factory=list)
    guest_organisation: Slug | None = None
    texts: dict[str, TextIn] = msgspec.field(default_factory=dict)


class EventPatch(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Changes to an event: only the fields sent are changed."""

    topic: TopicField | UnsetType = UNSET
    starts_at: When | UnsetType = UNSET
    ends_at: Until | UnsetType = UNSET
    timezone: Zone | UnsetType = UNSET
    venue: Venue | UnsetType = UNSET
    address: Address | UnsetType = UNSET
    accessibility_notes: Notes | UnsetType = UNSET
    capacity: Capacity | UnsetType | None = UNSET
    childcare: bool | UnsetType = UNSET
    session_languages: list[Language] | UnsetType = UNSET
    interpreter_languages: list[Language] | UnsetType = UNSET
    guest_organisation: Slug | UnsetType | None = UNSET
    notify: Annotated[
        bool,
        Meta(
            description=(
                "when the change moves a published event (time or place): true (the default) "
                "sends the change notices to every parent who heard of it; false saves without "
                "telling, recorded in the audit log and shown on the event page"
            )
        ),
    ] = True


class CancelIn(msgspec.Struct, forbid_unknown_fields=True):
    """How to cancel: tell the parents (the default), or not (recorded)."""

    notify: Annotated[
        bool,
        Meta(
            description=(
                "true (the default) sends a cancellation to every parent who heard of the "
                "event; false cancels without telling, recorded in the audit log"
            )
        ),
    ] = True


class SeriesIn(EventIn, kw_only=True, forbid_unknown_fields=True):
    """A monthly series: the first occurrence's fields, a name and how many."""

    count: Annotated[int, Meta(ge=1, le=24, description="how many monthly occurrences")]
    name: Annotated[str, Meta(max_length=200)] = ""


class DuplicateIn(msgspec.Struct, forbid_unknown_fields=True):
    """Where the copy goes in time; by default the same times as the original."""

    starts_at: When | None = None
    ends_at: Until | None = None


class HostInviteIn(msgspec.Struct, forbid_unknown_fields=True):
    """The organisation to invite as co-host."""

    organisation: Slug


class GuestAnswerOut(msgspec.Struct):
    """A guest organisation's answer to being named on an event."""

    event_id: int
    guest_organisation: str
    guest_status: str


class EventOut(msgspec.Struct):
    """An event, with its text in the language asked for (or the fallback's)."""

    id: int
    status: str
    topic: str
    title: str | None
    description: str | None
    text_language: str | None
    text_languages: list[str]
    starts_at: datetime
    ends_at: datetime
    starts_at_local: datetime
    ends_at_local: datetime
    timezone: str
    venue: str
    address: str
    accessibility_notes: str
    capacity: int | None
    childcare: bool
    session_languages: list[str]
    interpreter_languages: list[str]
    organisation: str
    guest_organisation: str | None
    guest_status: str | None  # invited, accepted or declined; None without a guest
    series_id: int | None
    reply_code: str
    uid: str
    sequence: int
    my_host_role: str | None
    my_host_status: str | None
    created_at: datetime
    published_at: datetime | None
    cancelled_at: datetime | None


class EventPageOut(msgspec.Struct):
    """One page of events."""

    items: list[EventOut]
    total: int
    page: int
    per_page: int


class SeriesOut(msgspec.Struct):
    """A monthly series and its occurrences."""

    id: int
    name: str
    rule: str
    events: list[EventOut]


class HostOut(msgspec.Struct):
    """An organisation hosting (or invited to co-host) an event."""

    organisation: str
    name: str
    kind: str
    role: str
    status: str
    invited_at: datetime
    responded_at: datetime | None


class TextOut(msgspec.Struct):
    """The text of an event in one language."""

    language: str
    title: str
    description: str
    accessibility_notes: str
    directions: str
    updated_at: datetime


_MEANINGS = {
    404: "No such event among those your organisation hosts or is invited to co-host",
    409: "The event's state does not allow this (cancelled, already published, already a host)",
}


def error_responses(*codes: int) -> dict[int, ResponseSpec]:
    """The refusals an events handler can give, for the OpenAPI."""
    return responses.error_responses(*codes, meanings=_MEANINGS)


def reading_language(language: str | None, actor: Actor) -> str:
    """The language asked for (checked), else the user's own."""
    if language:
        return fields.language(language)
    return actor.language if actor.language in SUPPORTED_LANGUAGES else "en"


def event_out(event: Event, *, actor: Actor, language: str) -> EventOut:
    """Serialise an event whose organisation, guest, texts and hosts are fetched."""
    texts: list[EventText] = list(event.texts)
    chosen = choose_text(texts_map(texts), language)
    mine = _my_host_row(event, actor)
    zone = ZoneInfo(event.timezone)
    return EventOut(
        id=event.id,
        status=event.status.value,
        topic=event.topic.value,
        title=chosen.title if chosen else None,
        description=chosen.description if chosen else None,
        text_language=chosen.language if chosen else None,
        text_languages=sorted(t.language for t in texts),
        starts_at=event.starts_at.astimezone(UTC),
        ends_at=event.ends_at.astimezone(UTC),
        starts_at_local=event.starts_at.astimezone(zone),
        ends_at_local=event.ends_at.astimezone(zone),
        timezone=event.timezone,
        venue=event.venue,
        address=event.address,
        accessibility_notes=event.accessibility_notes,
        capacity=event.capacity,
        childcare=event.childcare,
        session_languages=list(event.session_languages),
        interpreter_languages=list(event.interpreter_languages),
        organisation=event.organisation.slug,
        guest_organisation=event.guest_organisation.slug if event.guest_organisation else None,
        guest_status=_guest_status(event),
        series_id=event.series_id,  # type: ignore[attr-defined]
        reply_code=event.reply_code,
        uid=event.uid,
        sequence=event.sequence,
        my_host_role=mine[0],
        my_host_status=mine[1],
        created_at=event.created_at,
        published_at=event.published_at,
        cancelled_at=event.cancelled_at,
    )


def _guest_status(event: Event) -> str | None:
    """The guest's answer; a guest named before guests answered counts as invited."""
    if event.guest_organisation_id is None:  # type: ignore[attr-defined]
        return None
    return (event.guest_status or HostStatus.INVITED).value


def _my_host_row(event: Event, actor: Actor) -> tuple[str | None, str | None]:
    if owner_id(event) == actor.org_id:
        return HostRole.HOST.value, HostStatus.ACCEPTED.value
    for host in event.hosts:
        if host.organisation_id == actor.org_id:  # type: ignore[attr-defined]
            return host.role.value, host.status.value
    return None, None


def host_out(host: EventHost) -> HostOut:
    """Serialise a host row whose organisation is fetched."""
    return HostOut(
        organisation=host.organisation.slug,
        name=host.organisation.name,
        kind=host.organisation.kind.value,
        role=host.role.value,
        status=host.status.value,
        invited_at=host.created_at,
        responded_at=host.responded_at,
    )


def text_out(text: EventText) -> TextOut:
    """Serialise one text."""
    return TextOut(
        language=text.language,
        title=text.title,
        description=text.description,
        accessibility_notes=text.accessibility_notes,
        directions=text.directions,
        updated_at=text.updated_at,
    )


NOT_FIELDS = frozenset({"notify"})  # how to save, not what to save


def set_fields(patch: msgspec.Struct) -> dict[str, Any]:
    """The fields a client actually sent (``UNSET`` ones left out)."""
    return {
        name: getattr(patch, name)
        for name in patch.__struct_fields__
        if getattr(patch, name) is not UNSET and name not in NOT_FIELDS
    }


def new_event_values(data: EventIn) -> tuple[dict[str, Any], dict[str, tuple[str, str]]]:
    """An :class:`EventIn` split into event fields and texts, for the service."""
    values = set_fields(data)
    values.pop("texts")
    values.pop("count", None)
    values.pop("name", None)
    if values.get("timezone") is None:
        values.pop("timezone", None)
    texts = {code: (text.title, text.description) for code, text in data.texts.items()}
    return values, texts
