"""Who came: check-ins at the door, one per invitation."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from parentinfo.accounts.models import User
from parentinfo.events.models import Event
from parentinfo.rsvp.models import Invitation


class CheckIn(Model):
    """An invitation checked in at the door. Undoing keeps the row with ``undone_at`` set."""

    id = fields.IntField(primary_key=True)
    event: fields.ForeignKeyRelation[Event] = fields.ForeignKeyField(
        "models.Event", related_name="checkins", on_delete=fields.CASCADE
    )
    invitation: fields.ForeignKeyRelation[Invitation] = fields.ForeignKeyField(
        "models.Invitation", related_name="checkins", on_delete=fields.CASCADE
    )
    party_size = fields.IntField(default=1)
    checked_in_at = fields.DatetimeField()
    checked_in_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="checkins", null=True, on_delete=fields.SET_NULL
    )
    # The browser's id for an offline check-in, so a retried sync merges instead of doubling.
    client_id = fields.CharField(max_length=64, null=True, unique=True)
    undone_at = fields.DatetimeField(null=True)
    # Whether this was the parent's first visit, written when erasure cuts the link to the
    # parent (NULL while the link stands: the parent's history of check-ins tells).
    first_visit = fields.BooleanField(null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "checkin"
        unique_together = (("event", "invitation"),)
