"""Invitations (event × contact, with the parent's answer) and inbound SMS."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from parentinfo.accounts.models import User
from parentinfo.contacts.models import Contact
from parentinfo.events.models import Event
from parentinfo.lib.enums import Answer, InboxStatus
from parentinfo.organisations.models import Organisation


class Invitation(Model):
    """One parent invited to one event, with their answer and an opaque token for their page."""

    id = fields.IntField(primary_key=True)
    event: fields.ForeignKeyRelation[Event] = fields.ForeignKeyField(
        "models.Event", related_name="invitations", on_delete=fields.CASCADE
    )
    # SET NULL on erasure keeps the anonymous count; language stays for the reach report.
    contact: fields.ForeignKeyNullableRelation[Contact] = fields.ForeignKeyField(
        "models.Contact", related_name="invitations", null=True, on_delete=fields.SET_NULL
    )
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="invitations", on_delete=fields.CASCADE
    )  # whose contact this is: only they see the number
    language = fields.CharField(max_length=8)
    answer = fields.CharEnumField(Answer, max_length=8, default=Answer.NONE)
    party_size = fields.IntField(default=1)
    waitlisted = fields.BooleanField(default=False)
    answered_at = fields.DatetimeField(null=True)
    answer_source = fields.CharField(max_length=16, default="")  # sms / page / staff / door
    token = fields.CharField(max_length=64, unique=True)
    to_call = fields.BooleanField(default=False)  # unreachable by SMS and email: phone them
    called_at = fields.DatetimeField(null=True)
    walk_in = fields.BooleanField(default=False)
    # A walk-in who gave a name and nothing to reach them by: no contact, no messages.
    walk_in_name = fields.CharField(max_length=200, default="", db_default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "invitation"
        unique_together = (("event", "contact"),)
        indexes = (("contact_id",),)  # an inbound SMS looks up its sender's invitations


class InboundMessage(Model):
    """An SMS a parent sent us, unique on the provider's id, so a redelivery changes nothing."""

    id = fields.IntField(primary_key=True)
    provider_id = fields.CharField(max_length=64, unique=True)
    from_number = fields.CharField(max_length=32, null=True)
    to_number = fields.CharField(max_length=32, default="")
    body = fields.TextField(default="")
    received_at = fields.DatetimeField(auto_now_add=True)
    contact: fields.ForeignKeyNullableRelation[Contact] = fields.ForeignKeyField(
        "models.Contact", related_name="inbound_messages", null=True, on_delete=fields.SET_NULL
    )
    invitation: fields.ForeignKeyNullableRelation[Invitation] = fields.ForeignKeyField(
        "models.Invitation", related_name="inbound_messages", null=True, on_delete=fields.SET_NULL
    )
    organisation: fields.ForeignKeyNullableRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="inbound_messages", null=True, on_delete=fields.SET_NULL
    )
    reading = fields.CharField(max_length=32, default="")  # what the parser understood
    status = fields.CharEnumField(InboxStatus, max_length=16, default=InboxStatus.HANDLED)
    reply_body = fields.TextField(default="")  # the answer we gave, repeated on redelivery
    resolved_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="resolved_messages", null=True, on_delete=fields.SET_NULL
    )
    resolved_at = fields.DatetimeField(null=True)

    class Meta:
        table = "inbound_message"
        ordering = ("-received_at",)
        indexes = (
            ("organisation_id", "status", "received_at"),  # the inbox, newest first
            ("from_number", "received_at"),  # a code sent alone completes that number's answer
        )
