"""The outbox: every message is a row before it is a job, and the row is the truth.

The messaging core owns these tables. A row may point at an organisation, an event, an
invitation and a contact, but the core never reads them: the features above fill them in,
and read them back. The relations are named as strings, so nothing here imports a feature.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from parentinfo.lib.enums import Channel, MessageKind, MessageStatus

if TYPE_CHECKING:  # types only: the core stands below every feature
    from parentinfo.accounts.models import User
    from parentinfo.contacts.models import Contact
    from parentinfo.events.models import Event
    from parentinfo.organisations.models import Organisation
    from parentinfo.rsvp.models import Invitation


class OutboundMessage(Model):
    """One message to one parent on one channel, with its status machine."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyNullableRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="outbound_messages", null=True, on_delete=fields.CASCADE
    )
    event: fields.ForeignKeyNullableRelation[Event] = fields.ForeignKeyField(
        "models.Event", related_name="outbound_messages", null=True, on_delete=fields.SET_NULL
    )
    invitation: fields.ForeignKeyNullableRelation[Invitation] = fields.ForeignKeyField(
        "models.Invitation", related_name="outbound_messages", null=True, on_delete=fields.SET_NULL
    )
    contact: fields.ForeignKeyNullableRelation[Contact] = fields.ForeignKeyField(
        "models.Contact", related_name="outbound_messages", null=True, on_delete=fields.SET_NULL
    )
    channel = fields.CharEnumField(Channel, max_length=8)
    kind = fields.CharEnumField(MessageKind, max_length=16)
    language = fields.CharField(max_length=8)
    to_address = fields.CharField(max_length=254, null=True)  # erased by retention
    subject = fields.CharField(max_length=300, default="")
    body = fields.TextField(default="")
    html_body = fields.TextField(default="")
    calendar = fields.TextField(default="")  # the iTIP part of an invitation email
    encoding = fields.CharField(max_length=8, default="")  # GSM-7 / UCS-2 for SMS
    segments = fields.IntField(default=0)
    status = fields.CharEnumField(MessageStatus, max_length=16, default=MessageStatus.PENDING)
    withheld_reason = fields.CharField(max_length=32, default="")
    # A change notice: what moved ("time", "place", "time place"), so a newer notice that
    # replaces this one before it was sent can say everything the parent has not heard yet.
    changes = fields.CharField(max_length=16, default="")
    # Makes "send the same thing twice" a no-op: one row per (kind, invitation, channel, version).
    dedupe_key = fields.CharField(max_length=120, unique=True, null=True)
    provider_id = fields.CharField(max_length=64, unique=True, null=True)
    error_code = fields.CharField(max_length=32, default="")
    error_message = fields.CharField(max_length=500, default="")
    attempts = fields.IntField(default=0)
    send_after = fields.DatetimeField(null=True)  # held for quiet hours or a scheduled reminder
    sending_since = fields.DatetimeField(null=True)
    sent_at = fields.DatetimeField(null=True)
    delivered_at = fields.DatetimeField(null=True)
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="sent_messages", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "outbound_message"
        ordering = ("id",)
        indexes = (
            ("status", "send_after"),  # the dispatcher's next rows
            ("organisation_id",),  # the outbox of an organisation
            ("event_id",),  # an event's messages, progress and notices
            ("invitation_id",),  # the guest list: what each invitation was sent
        )


class SendRate(Model):
    """The pace shared by every worker: when the next SMS may leave (one row per limiter)."""

    name = fields.CharField(max_length=32, primary_key=True)
    next_at = fields.FloatField(default=0.0)  # epoch seconds of the next free slot (GCRA)

    class Meta:
        table = "send_rate"


class ChannelWindow(Model):
    """When a parent last wrote to us on a channel: WhatsApp lets a business answer freely
    for 24 hours after that, and only with an approved template outside it."""

    id = fields.IntField(primary_key=True)
    contact: fields.ForeignKeyRelation[Contact] = fields.ForeignKeyField(
        "models.Contact", related_name="channel_windows", on_delete=fields.CASCADE
    )
    channel = fields.CharEnumField(Channel, max_length=8)
    last_inbound_at = fields.DatetimeField()

    class Meta:
        table = "channel_window"
        unique_together = (("contact", "channel"),)


class WhatsAppTemplate(Model):
    """The ContentSid of the approved WhatsApp Content template for one kind and language.

    The template's text lives in our catalogs (so the preview shows what the parent will
    read); staff paste the ContentSid Twilio gave it after approval. No row, or an empty
    ContentSid: that kind goes by the next channel in that language.
    """

    id = fields.IntField(primary_key=True)
    kind = fields.CharEnumField(MessageKind, max_length=16)
    language = fields.CharField(max_length=8)
    content_sid = fields.CharField(max_length=34, default="")  # HX + 32 hex digits
    updated_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="whatsapp_templates", null=True, on_delete=fields.SET_NULL
    )
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "whatsapp_template"
        unique_together = (("kind", "language"),)
