"""A spoken call remembers its place between Twilio's webhooks (``voice_call``: which
outbox row and invitation, the keys that meant nothing, a machine, the final status and
the duration for the cost), and the TwiML each step answered (``voice_step``), so a
replayed step answers the same and records nothing twice.

Two new tables only: nothing existing changes."""

import functools
from json import dumps, loads

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    # Chained after voice-media's recordings in this branch (both were 0013); the lead re-chains.
    dependencies = [("models", "0013_voice_recordings")]

    initial = False

    operations = [
        ops.CreateModel(
            name="VoiceCall",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("call_sid", fields.CharField(unique=True, max_length=64)),
                ("direction", fields.CharField(max_length=8)),
                (
                    "message",
                    fields.ForeignKeyField(
                        "models.OutboundMessage",
                        source_field="message_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="voice_calls",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "contact",
                    fields.ForeignKeyField(
                        "models.Contact",
                        source_field="contact_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="voice_calls",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                (
                    "invitation",
                    fields.ForeignKeyField(
                        "models.Invitation",
                        source_field="invitation_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="voice_calls",
                        on_delete=OnDelete.SET_NULL,
                    ),
                ),
                ("language", fields.CharField(default="", max_length=8)),
                ("bad_keys", fields.IntField(default=0)),
                (
                    "answered",
                    fields.JSONField(
                        default=list,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                ("machine", fields.BooleanField(default=False)),
                ("status", fields.CharField(default="", max_length=16)),
                ("duration", fields.IntField(default=0)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={"table": "voice_call", "app": "models", "pk_attr": "id"},
            bases=["Model"],
        ),
        ops.CreateModel(
            name="VoiceStep",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "call",
                    fields.ForeignKeyField(
                        "models.VoiceCall",
                        source_field="call_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="steps",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("step", fields.CharField(max_length=32)),
                ("twiml", fields.TextField(unique=False)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "voice_step",
                "app": "models",
                "unique_together": (("call", "step"),),
                "pk_attr": "id",
            },
            bases=["Model"],
        ),
    ]
