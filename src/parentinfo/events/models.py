"""Events, the organisations hosting them, and their texts per language."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from parentinfo.accounts.models import User
from parentinfo.lib.enums import EventStatus, HostRole, HostStatus, Topic
from parentinfo.organisations.models import Organisation


class Series(Model):
    """A recurring meeting, such as the monthly mothers' network."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="series", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=200)
    rule = fields.CharField(max_length=32, default="monthly")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "series"


class Event(Model):
    """An information session. Times are stored in UTC and shown in ``timezone``."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="events", on_delete=fields.CASCADE
    )
    topic = fields.CharEnumField(Topic, max_length=32)
    status = fields.CharEnumField(EventStatus, max_length=16, default=EventStatus.DRAFT)
    starts_at = fields.DatetimeField()
    ends_at = fields.DatetimeField()
    timezone = fields.CharField(max_length=64, default="Europe/Amsterdam")
    venue = fields.CharField(max_length=200, default="")
    address = fields.CharField(max_length=300, default="")
    # The note from before notes were per language (EventText): the last fallback for them.
    accessibility_notes = fields.TextField(default="")
    capacity = fields.IntField(null=True)
    # The party sizes of the yes answers holding a place, changed with every answer that
    # takes or frees places (rsvp/answers.py): a yes updates it instead of summing them all.
    places_taken = fields.IntField(default=0, db_default=0)
    childcare = fields.BooleanField(default=False)
    session_languages: fields.Field[list[str]] = fields.JSONField(default=list)
    interpreter_languages: fields.Field[list[str]] = fields.JSONField(default=list)
    guest_organisation: fields.ForeignKeyNullableRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="guest_events", null=True, on_delete=fields.SET_NULL
    )
    # The guest's answer: only an accepted guest is named to parents and on its own feed.
    guest_status = fields.CharEnumField(HostStatus, max_length=16, null=True)
    guest_responded_at = fields.DatetimeField(null=True)
    series: fields.ForeignKeyNullableRelation[Series] = fields.ForeignKeyField(
        "models.Series", related_name="events", null=True, on_delete=fields.SET_NULL
    )
    # Parents with several open invitations answer "JA K7": the code picks the event.
    reply_code = fields.CharField(max_length=8, unique=True)
    uid = fields.CharField(max_length=100, unique=True)  # the iCalendar UID, stable for life
    sequence = fields.IntField(default=0)  # raised on each change that calendars must see
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="created_events", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    published_at = fields.DatetimeField(null=True)
    cancelled_at = fields.DatetimeField(null=True)

    hosts: fields.ReverseRelation[EventHost]
    texts: fields.ReverseRelation[EventText]

    class Meta:
        table = "event"
        ordering = ("starts_at",)
        # PostgreSQL does not index foreign keys by itself: an organisation's events (its
        # pages, its calendar feed) must not scan every organisation's.
        indexes = (("organisation_id",), ("guest_organisation_id",))


class EventHost(Model):
    """An organisation hosting an event: the one that drafted it, or an invited co-host."""

    id = fields.IntField(primary_key=True)
    event: fields.ForeignKeyRelation[Event] = fields.ForeignKeyField(
        "models.Event", related_name="hosts", on_delete=fields.CASCADE
    )
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="hosted_events", on_delete=fields.CASCADE
    )
    role = fields.CharEnumField(HostRole, max_length=16)
    status = fields.CharEnumField(HostStatus, max_length=16)
    invited_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="host_invitations", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    responded_at = fields.DatetimeField(null=True)

    class Meta:
        table = "event_host"
        unique_together = (("event", "organisation"),)
        indexes = (("organisation_id",),)  # the events an organisation co-hosts


class EventText(Model):
    """A staff-written title and description in one language."""

    id = fields.IntField(primary_key=True)
    event: fields.ForeignKeyRelation[Event] = fields.ForeignKeyField(
        "models.Event", related_name="texts", on_delete=fields.CASCADE
    )
    language = fields.CharField(max_length=8)
    title = fields.CharField(max_length=200)
    description = fields.TextField(default="")
    accessibility_notes = fields.TextField(default="", db_default="")
    directions = fields.TextField(default="", db_default="")  # how to find the room
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "event_text"
        unique_together = (("event", "language"),)
