"""What a call remembers between Twilio's webhooks: where it is, and what each step said.

Twilio asks a webhook at every step of a call and may ask the same one twice; a step
already answered (same CallSid, same step) is answered again from :class:`VoiceStep`, so a
replay says the same and records nothing twice. No phone number is kept here: the call
points at its outbox row and its contact.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:  # types only
    from parentinfo.contacts.models import Contact
    from parentinfo.messaging.models import OutboundMessage
    from parentinfo.rsvp.models import Invitation


class VoiceCall(Model):
    """One call, placed by us (``outbound``) or to our number (``inbound``)."""

    id = fields.IntField(primary_key=True)
    call_sid = fields.CharField(max_length=64, unique=True)
    direction = fields.CharField(max_length=8)  # outbound / inbound
    message: fields.ForeignKeyNullableRelation[OutboundMessage] = fields.ForeignKeyField(
        "models.OutboundMessage", related_name="voice_calls", null=True, on_delete=fields.SET_NULL
    )
    contact: fields.ForeignKeyNullableRelation[Contact] = fields.ForeignKeyField(
        "models.Contact", related_name="voice_calls", null=True, on_delete=fields.SET_NULL
    )
    # The invitation the call is asking about now (an inbound call goes through several).
    invitation: fields.ForeignKeyNullableRelation[Invitation] = fields.ForeignKeyField(
        "models.Invitation", related_name="voice_calls", null=True, on_delete=fields.SET_NULL
    )
    language = fields.CharField(max_length=8, default="")
    bad_keys = fields.IntField(default=0)
    answered: fields.Field[list[int]] = fields.JSONField(default=list)  # invitations done
    machine = fields.BooleanField(default=False)  # an answering machine took the call
    status = fields.CharField(max_length=16, default="")  # Twilio's last CallStatus
    duration = fields.IntField(default=0)  # seconds, from the final status: the cost
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "voice_call"


class VoiceStep(Model):
    """The TwiML one step of a call answered, kept so a replayed step answers the same."""

    id = fields.IntField(primary_key=True)
    call: fields.ForeignKeyRelation[VoiceCall] = fields.ForeignKeyField(
        "models.VoiceCall", related_name="steps", on_delete=fields.CASCADE
    )
    step = fields.CharField(max_length=32)
    twiml = fields.TextField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "voice_step"
        unique_together = (("call", "step"),)
